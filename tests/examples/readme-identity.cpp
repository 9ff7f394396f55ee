// The identity example of docs/validation.md, compiled and run by ctest so the documentation cannot drift from the API.
#include <seamid/seamid.hpp>
#include <iostream>

int main() {
    // JSON text (or a parsed nlohmann::json); `base` prefixes every path, e.g. the row of a bulk import.
    const auto issues = seamid::validate_create(R"({"email": "jane@example.com", "phone_number": "+1 415 555 2671"})",
                                                {}, {std::size_t{7}});
    for (const auto& issue : issues) {
        std::cout << seamid::severity_name(issue.level) << " " << seamid::issue_to_json(issue)["path"].dump() << " "
                  << issue.code;
        if (issue.suggestion) std::cout << " -> " << *issue.suggestion;
        std::cout << "\n";
    }
    // C++ values, no JSON: an update that clears the phone number.
    seamid::update_request update;
    update.user_identity_id = seamid::request_value::string("3fa85f64-5717-4562-b3fc-2c963f66afa6");
    update.phone_number = seamid::request_value::null();
    const bool update_ok = !seamid::has_errors(seamid::validate_update(update));
    // One field, allocation-free, usable in constant expressions:
    static_assert(seamid::check_email("jane@example.com").accepted());
    return seamid::has_errors(issues) && update_ok ? 0 : 1;
}
