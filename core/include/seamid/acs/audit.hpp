// Audit of an ACS-link model: every link rule a snapshot already breaks, and every profile mismatch Seam
// would flag as the user identity warning acs_user_profile_does_not_match_user_identity. Rules: docs/acs.md,
// from Seam's guide https://docs.seam.co/latest/capability-guides/access-systems/user-management.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "seamid/acs/codes.hpp"
#include "seamid/acs/model.hpp"
#include "seamid/common/cold.hpp"
#include "seamid/common/issue.hpp"
#include "seamid/detail/sort.hpp"
#include "seamid/json/dom.hpp"
#include "seamid/json/writer.hpp"

namespace seamid {

/// The findings of an audit. Paths name records by id, e.g. ["acs_users", "<acs_user_id>", "user_identity_id"],
/// because a model may be built from several pages and incremental changes.
struct acs_audit_report {
    std::vector<issue> issues;     ///< violations (errors) first, then mismatches (warnings)
    std::size_t violations = 0;    ///< link rules broken: errors
    std::size_t mismatches = 0;    ///< profile mismatches: warnings
    [[nodiscard]] bool ok() const noexcept { return violations == 0; }
};

namespace detail {

/// Describes how an ACS user's contacts differ from its identity's; empty when they agree. A field is
/// compared when the identity has it (Seam pushes the identity's profile to its ACS users): emails ignoring
/// case, phones after trimming; an ACS user without the value differs.
inline std::string profile_difference(const acs_user_record& user, const user_identity_record& person) {
    std::string out;
    const auto describe = [&](const char* field, const std::optional<std::string>& held, const std::string& wanted) {
        if (!out.empty()) out.append("; ");
        out.append(field).append(held ? " \"" + *held + "\"" : std::string(" missing")).append(" where the identity has \"").append(wanted).append("\"");
    };
    if (person.email_address && (!user.email_address || !same_email(*user.email_address, *person.email_address)))
        describe("email_address", user.email_address, *person.email_address);
    if (person.phone_number && (!user.phone_number || !same_phone(*user.phone_number, *person.phone_number)))
        describe("phone_number", user.phone_number, *person.phone_number);
    return out;
}

}  // namespace detail

/// Audits every record of the model: ACS users pointing at a missing identity or system, identities with
/// two or more ACS users in one system (errors), and ACS users whose email or phone differs from their
/// identity's (warnings). O(ACS users + identities), deterministic order (record order, then by id).
SEAMID_COLD [[nodiscard]] inline acs_audit_report audit_acs_model(const acs_model& model) {
    acs_audit_report report;
    std::vector<issue> mismatches;
    const auto& users = model.acs_users();
    const auto& people = model.user_identities();
    const auto& systems = model.acs_systems();
    for (std::uint32_t i = 0; i < users.size(); ++i) {
        const acs_user_record& user = users[i];
        if (!user.present) continue;
        const std::string user_id = to_string(user.id);
        if (!model.acs_system_known(user.system)) {
            const std::string system_id = to_string(systems[user.system].id);
            report.issues.push_back(acs_issue(acs_code::acs_system_not_found, {std::string("acs_users"), user_id, std::string("acs_system_id")},
                                              acs_message_args{}.with_acs_system_id(system_id)));
            report.issues.back().message = "ACS user " + user_id + " is in ACS system " + system_id +
                                           ", which is not in the snapshot; load it from /acs/systems/list or remove the ACS user.";
        }
        if (user.identity == acs_model::none) continue;
        const user_identity_record& person = people[user.identity];
        const std::string person_id = to_string(person.id);
        if (!person.listed) {
            report.issues.push_back(acs_issue(acs_code::acs_user_identity_not_found, {std::string("acs_users"), user_id, std::string("user_identity_id")},
                                              acs_message_args{}.with_user_identity_id(person_id).with_acs_user_id(user_id)));
            continue;
        }
        const std::string difference = detail::profile_difference(user, person);
        if (!difference.empty())
            mismatches.push_back(acs_issue(acs_code::acs_user_profile_does_not_match_user_identity, {std::string("acs_users"), user_id},
                                           acs_message_args{}.with_user_identity_id(person_id).with_acs_user_id(user_id).with_detail(difference)));
    }
    std::vector<std::pair<std::uint32_t, uuid128>> linked;  // (system, acs user) of one identity
    for (std::uint32_t p = 0; p < people.size(); ++p) {
        if (!people[p].listed || people[p].acs_user_count < 2) continue;
        linked.clear();
        model.for_each_acs_user_of(p, [&](std::uint32_t u) { linked.emplace_back(users[u].system, users[u].id); });
        detail::sort_items(linked, [](const auto& a, const auto& b) { return a.first != b.first ? a.first < b.first : a.second < b.second; });
        for (std::size_t start = 0; start < linked.size();) {
            std::size_t end = start + 1;
            while (end < linked.size() && linked[end].first == linked[start].first) ++end;
            if (end - start > 1) {
                std::string names;
                for (std::size_t k = start; k < end; ++k) names.append(k == start ? "" : ", ").append(to_string(linked[k].second));
                const std::string person_id = to_string(people[p].id), system_id = to_string(systems[linked[start].first].id);
                report.issues.push_back(acs_issue(acs_code::user_identity_has_multiple_acs_users_in_system, {std::string("user_identities"), person_id},
                                                  acs_message_args{}.with_user_identity_id(person_id).with_acs_system_id(system_id).with_detail(names)));
            }
            start = end;
        }
    }
    report.violations = report.issues.size();
    report.mismatches = mismatches.size();
    for (issue& found : mismatches) report.issues.push_back(std::move(found));
    return report;
}

/// Appends the record counts of the model: {"acs_systems", "acs_users", "user_identities"}.
inline void append_acs_counts_json(std::string& out, const acs_model& model) {
    out += "{\"acs_systems\":";
    append_json_number(out, model.acs_system_count());
    out += ",\"acs_users\":";
    append_json_number(out, model.acs_user_count());
    out += ",\"user_identities\":";
    append_json_number(out, model.user_identity_count());
    out += '}';
}

namespace detail {

/// {"counts", "issues", "mismatches", "ok", "violations"} (sorted keys) for an audit's figures.
SEAMID_COLD inline std::string audit_text(const acs_model& model, const std::vector<issue>& issues, std::size_t violations, std::size_t mismatches) {
    std::string out = "{\"counts\":";
    append_acs_counts_json(out, model);
    out += ",\"issues\":";
    append_json_issues(out, issues);
    out += ",\"mismatches\":";
    append_json_number(out, mismatches);
    out += ",\"ok\":";
    append_json_bool(out, !has_errors(issues));
    out += ",\"violations\":";
    append_json_number(out, violations);
    out += '}';
    return out;
}

}  // namespace detail

/// An audit as JSON text: {"ok", "violations", "mismatches", "issues", "counts"}.
SEAMID_COLD [[nodiscard]] inline std::string audit_json_text(const acs_audit_report& report, const acs_model& model) {
    return detail::audit_text(model, report.issues, report.violations, report.mismatches);
}

/// Loads a snapshot's JSON text into a fresh model and audits it, as JSON text: the load issues (bad records)
/// come first, then the audit's. "ok" is false when any issue is an error; "violations" counts every error.
SEAMID_COLD [[nodiscard]] inline std::string audit_acs_snapshot_text(std::string_view snapshot_text) {
    acs_model model;
    std::vector<issue> issues = model.load_text(snapshot_text);
    acs_audit_report report = audit_acs_model(model);
    std::size_t load_errors = 0;
    for (const issue& found : issues) load_errors += found.level == severity::error ? 1 : 0;
    for (issue& found : report.issues) issues.push_back(std::move(found));
    return detail::audit_text(model, issues, report.violations + load_errors, report.mismatches);
}

/// Record counts of the model as parsed JSON: {"acs_systems", "acs_users", "user_identities"}.
[[nodiscard]] inline nlohmann::json acs_counts_json(const acs_model& model) {
    std::string out;
    append_acs_counts_json(out, model);
    return nlohmann::json::parse(out, nullptr, false);
}

/// audit_json_text as parsed JSON.
[[nodiscard]] inline nlohmann::json audit_json(const acs_audit_report& report, const acs_model& model) {
    return nlohmann::json::parse(audit_json_text(report, model), nullptr, false);
}

/// audit_acs_snapshot_text as parsed JSON.
[[nodiscard]] inline nlohmann::json audit_acs_snapshot(std::string_view snapshot_text) {
    return nlohmann::json::parse(audit_acs_snapshot_text(snapshot_text), nullptr, false);
}

}  // namespace seamid
