// The ACS example of README.md and docs/acs.md, compiled and run by ctest.
#include <seamid/seamid.hpp>
#include <iostream>

int main() {
    seamid::acs_model model;   // from /acs/systems/list, /acs/users/list and /user_identities/list
    const auto load_issues = model.load_text(R"({
        "acs_systems": [{"acs_system_id": "5e000000-0000-4000-8000-000000000001", "name": "HQ"}],
        "acs_users": [{"acs_user_id": "ac000000-0000-4000-8000-000000000001", "acs_system_id": "5e000000-0000-4000-8000-000000000001",
                       "user_identity_id": "1d000000-0000-4000-8000-000000000001"},
                      {"acs_user_id": "ac000000-0000-4000-8000-000000000002", "acs_system_id": "5e000000-0000-4000-8000-000000000001"}],
        "user_identities": [{"user_identity_id": "1d000000-0000-4000-8000-000000000001"}]})");
    // Before calling /user_identities/add_acs_user: the identity already has an ACS user in that system.
    const seamid::acs_link_request request{"1d000000-0000-4000-8000-000000000001", "ac000000-0000-4000-8000-000000000002"};
    const seamid::acs_link_check check = seamid::check_add_acs_user(model, request);   // allocation-free
    std::cout << seamid::acs_verdict_name(check.verdict) << "\n";                          // refused
    for (const auto& found : seamid::link_check_issues(check, request)) std::cout << found.code << "\n";
    // user_identity_has_acs_user_in_system
    std::cout << "audit: " << seamid::audit_acs_model(model).issues.size() << " issues\n";   // audit: 0 issues
    return load_issues.empty() ? 0 : 1;
}
