// The deletion example of README.md and docs/deletion.md, compiled and run by ctest.
#include <seamid/seamid.hpp>
#include <iostream>

int main() {
    // What the list endpoints returned for one user identity (every list present, [] when empty).
    const auto plan = seamid::plan_deletion(R"({
        "user_identity": {"user_identity_id": "22222222-2222-2222-2222-222222222222", "workspace_id": "5f9b5e1a-7c2d-4e3f-8a1b-2c3d4e5f6a7b"},
        "client_sessions": [{"client_session_id": "c5e55001-0000-4000-8000-000000000001", "workspace_id": "5f9b5e1a-7c2d-4e3f-8a1b-2c3d4e5f6a7b",
                             "user_identity_id": "22222222-2222-2222-2222-222222222222"}],
        "acs_users": [], "acs_credentials": [], "enrollment_automations": [], "phones": []})");
    std::cout << plan.steps.size() << " steps in " << plan.wave_count << " waves\n";   // 2 steps in 2 waves
    std::cout << seamid::deletion_plan_to_text(plan);                                   // also _to_json, _to_curl, _to_js
    // A snapshot that does not add up is refused, not guessed at:
    for (const auto& issue : seamid::plan_deletion(R"({"user_identity": {"user_identity_id": "42"}})").issues)
        std::cout << issue.code << "\n";
    return plan.ok() ? 0 : 1;
}
