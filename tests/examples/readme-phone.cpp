// The validation example of README.md, compiled and run by ctest so the documentation cannot drift from the API.
#include <seamid/seamid.hpp>
#include <iostream>

int main() {
    for (const auto& issue : seamid::validate_phone("+1 (415) 555-2671")) {
        std::cout << seamid::severity_name(issue.level) << " " << issue.code << ": " << issue.message;
        if (issue.suggestion) std::cout << " -> " << *issue.suggestion;   // +14155552671
        std::cout << "\n";
    }
    // Allocation-free form, usable in constant expressions:
    static_assert(seamid::check_phone("+14155552671").accepted());
    seamid::validation_options strict{seamid::profile::strict};
    return seamid::check_phone("+1415555267", strict).accepted() ? 1 : 0;  // strict: a length warning becomes an error
}
