// The workspace example of README.md and docs/workspace.md, compiled and run by ctest.
#include <seamid/seamid.hpp>
#include <iostream>

int main() {
    seamid::workspace_index workspace;   // what /user_identities/list returned
    const auto load_issues = workspace.load_json(R"({"user_identities": [{"user_identity_id": "aaaaaaaa-0000-4000-8000-000000000001",
        "user_identity_key": "alice", "email_address": "alice@example.com", "phone_number": "+14155550101"}]})");
    // One create request against the workspace:
    const auto result = seamid::check_create(workspace, nlohmann::json{{"user_identity_key", "alice"}, {"email_address", "ALICE@example.com"}});
    for (const auto& issue : result.issues) std::cout << seamid::severity_name(issue.level) << " " << issue.code << "\n";
    // error duplicate_user_identity_key
    // warning email_address_case_variant

    // A bulk import: every row against the workspace and the earlier rows.
    const auto report = seamid::validate_csv_batch(workspace, "user_identity_key,phone_number\nbob,+14155550102\ncarol,+14155550102\n");
    for (const auto& row : report.rows)
        for (const auto& issue : row.issues) std::cout << "row " << row.row << " " << issue.code << "\n";
    // row 2 duplicate_phone_number
    return load_issues.empty() && !result.ok() ? 0 : 1;
}
