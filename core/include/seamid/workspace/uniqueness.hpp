// Workspace uniqueness (docs/workspace.md;
// https://docs.seam.co/latest/api/user_identities/create): user_identity_key, email_address and phone_number are each
// unique among a workspace's identities when not null. Exact duplicate: error naming the identity that
// holds the value. Email equal ignoring case: warning (error in the strict profile). An update is checked
// against every identity but itself; null frees a value. Phones compare exactly after Seam's trimming.
// Also: the audit of a snapshot that already holds duplicates.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "seamid/common/cold.hpp"
#include "seamid/common/issue.hpp"
#include "seamid/detail/sort.hpp"
#include "seamid/json/dom.hpp"
#include "seamid/json/members.hpp"
#include "seamid/json/writer.hpp"
#include "seamid/common/options.hpp"
#include "seamid/workspace/index.hpp"

namespace seamid {

/// One value of a request already held by someone: an identity of the workspace or an earlier batch row.
struct conflict {
    identity_field field = identity_field::user_identity_key;
    match_kind kind = match_kind::exact;
    severity level = severity::error;
    std::string user_identity_id;  ///< the holder in the workspace (empty when the holder is a batch row)
    std::size_t row = 0;           ///< the 1-based batch row holding it (0 when the holder is in the workspace)
};

/// The stable code of a conflict: duplicate_user_identity_key, duplicate_email_address,
/// duplicate_phone_number, or email_address_case_variant.
[[nodiscard]] constexpr std::string_view conflict_code(identity_field field, match_kind kind) noexcept {
    if (kind == match_kind::case_variant) return "email_address_case_variant";
    switch (field) {
        case identity_field::user_identity_key: return "duplicate_user_identity_key";
        case identity_field::email_address: return "duplicate_email_address";
        case identity_field::phone_number: return "duplicate_phone_number";
        case identity_field::user_identity_id: break;
    }
    return "duplicate_id";
}

/// The severity of a conflict: exact duplicates are errors; case variants warnings (errors when strict).
[[nodiscard]] constexpr severity conflict_severity(match_kind kind, const validation_options& options) noexcept {
    return kind == match_kind::exact || options.rules == profile::strict ? severity::error : severity::warning;
}

/// A conflict as an issue at base + field, its message naming the holder and what to do.
[[nodiscard]] SEAMID_COLD inline issue conflict_issue(const conflict& found, const issue_path& base) {
    const std::string field(field_name(found.field));
    const std::string holder = found.row > 0 ? "row " + std::to_string(found.row) + " of this batch"
                                             : "user identity " + found.user_identity_id;
    std::string message;
    if (found.kind == match_kind::case_variant) {
        message = "This email_address equals the one of " + holder +
                  " except for letter case. Seam accepts it, but it is almost surely the same person: use the same "
                  "spelling or check the address.";
    } else if (found.row > 0) {
        message = "This " + field + " is already used by " + holder + "; Seam keeps it unique within a workspace and would "
                  "refuse the second request. Keep one of the rows or change the value.";
    } else {
        message = "This " + field + " is already used by " + holder + "; Seam keeps it unique within a workspace and refuses "
                  "the request. Use another value, or update that identity instead.";
    }
    return {child_path(base, field), std::string(conflict_code(found.field, found.kind)), found.level, std::move(message), std::nullopt};
}

/// Appends the conflicts of `request`'s key, email and phone with the identities of `index`, except the one
/// in slot `self` (an update). `request` values are as sent: phones are trimmed here.
inline void find_conflicts(const workspace_index& index, const identity_values& request, workspace_index::slot_type self,
                           const validation_options& options, std::vector<conflict>& out, const std::uint32_t* hashes = nullptr) {
    for (std::size_t f = 0; f < unique_fields.size(); ++f) {
        const identity_field field = unique_fields[f];
        if (!request.has(field)) continue;
        const std::size_t first = out.size();
        const std::string_view value = comparable_value(field, request.get(field));
        const std::uint32_t hash = hashes != nullptr ? hashes[f] : index.value_hash(field, value);
        index.visit_holders(field, value, hash, [&](workspace_index::slot_type slot, match_kind kind) {
            if (slot == self) return true;
            out.push_back({field, kind, conflict_severity(kind, options), std::string(index.value(slot, identity_field::user_identity_id)), 0});
            return true;
        });
        // Exact holders first, then case variants; each group in id order (deterministic output).
        detail::sort_items(
            out,
            [](const conflict& a, const conflict& b) {
                if (a.kind != b.kind) return a.kind == match_kind::exact;
                return a.user_identity_id < b.user_identity_id;
            },
            first);
    }
}

/// Conflicts and their issues.
struct uniqueness_result {
    std::vector<issue> issues;
    std::vector<conflict> conflicts;
    /// True when no issue is an error.
    [[nodiscard]] bool ok() const noexcept { return !has_errors(issues); }
};

namespace detail {

/// Reads key, email and phone of a request object; wrong types become invalid_type issues.
SEAMID_COLD inline identity_values read_unique_fields(const json_members& request, const issue_path& base, std::vector<issue>& issues) {
    identity_values values;
    for (const identity_field field : unique_fields) {
        const json_member* found = request.find(field_name(field));
        if (found == nullptr || found->value.kind == json_kind::null) continue;
        if (found->value.kind == json_kind::string) values.set(field, found->value.text);
        else issues.push_back(json_type_issue(child_path(base, std::string(field_name(field))), "a string or null", found->value.kind));
    }
    return values;
}

}  // namespace detail

/// Checks a /user_identities/create request against the workspace: every key, email or phone already held.
/// Only uniqueness: the fields' own rules are the identity validation's (validate_create).
SEAMID_COLD [[nodiscard]] inline uniqueness_result check_create(const workspace_index& index, const json_members& request,
                                                   const validation_options& options = {}, const issue_path& base = {}) {
    uniqueness_result result;
    if (detail::body_refused(request, base, "an object", result.issues)) return result;
    const identity_values values = detail::read_unique_fields(request, base, result.issues);
    find_conflicts(index, values, workspace_index::no_slot, options, result.conflicts);
    for (const conflict& found : result.conflicts) result.issues.push_back(conflict_issue(found, base));
    return result;
}

/// Checks a /user_identities/update request: each field it sets is compared with every identity but the one
/// it updates; a field set to null frees its value and is not checked; absent fields are not checked.
SEAMID_COLD [[nodiscard]] inline uniqueness_result check_update(const workspace_index& index, const json_members& request,
                                                   const validation_options& options = {}, const issue_path& base = {}) {
    uniqueness_result result;
    if (detail::body_refused(request, base, "an object", result.issues)) return result;
    const json_member* id = request.find("user_identity_id");
    workspace_index::slot_type self = workspace_index::no_slot;
    if (id == nullptr) {
        result.issues.push_back({child_path(base, std::string("user_identity_id")), "missing_field", severity::error,
                                 "An update needs user_identity_id: the identity it changes.", std::nullopt});
    } else if (id->value.kind != json_kind::string) {
        result.issues.push_back(json_type_issue(child_path(base, std::string("user_identity_id")), "a string", id->value.kind));
    } else {
        self = index.slot_of(id->value.text);
        if (self == workspace_index::no_slot)
            result.issues.push_back({child_path(base, std::string("user_identity_id")), "unknown_user_identity_id", severity::error,
                                     "No identity with this user_identity_id is in the workspace; Seam would answer 404.",
                                     std::nullopt});
    }
    const identity_values values = detail::read_unique_fields(request, base, result.issues);
    find_conflicts(index, values, self, options, result.conflicts);
    for (const conflict& found : result.conflicts) result.issues.push_back(conflict_issue(found, base));
    return result;
}

/// check_create for a request given as JSON text (malformed text: one invalid_json error at `base`).
[[nodiscard]] inline uniqueness_result check_create_json(const workspace_index& index, std::string_view request,
                                                        const validation_options& options = {}, const issue_path& base = {}) {
    return check_create(index, read_json_members(request), options, base);
}

/// check_update for a request given as JSON text (malformed text: one invalid_json error at `base`).
[[nodiscard]] inline uniqueness_result check_update_json(const workspace_index& index, std::string_view request,
                                                        const validation_options& options = {}, const issue_path& base = {}) {
    return check_update(index, read_json_members(request), options, base);
}

/// check_create for a parsed request (serialised once, then read as text).
[[nodiscard]] inline uniqueness_result check_create(const workspace_index& index, const nlohmann::json& request,
                                                   const validation_options& options = {}, const issue_path& base = {}) {
    return check_create_json(index, dump_json(request), options, base);
}

/// check_update for a parsed request (serialised once, then read as text).
[[nodiscard]] inline uniqueness_result check_update(const workspace_index& index, const nlohmann::json& request,
                                                   const validation_options& options = {}, const issue_path& base = {}) {
    return check_update_json(index, dump_json(request), options, base);
}

/// A value held by several identities of a snapshot.
struct duplicate_group {
    identity_field field = identity_field::user_identity_key;
    match_kind kind = match_kind::exact;  ///< case_variant: emails equal only ignoring case
    severity level = severity::error;
    std::vector<std::string> user_identity_ids;  ///< in load order
};

/// The duplicates already present in a workspace snapshot.
struct audit_report {
    std::vector<duplicate_group> duplicates;
    std::vector<issue> issues;  ///< one per group, at path [field]
    /// True when no duplicate is an error.
    [[nodiscard]] bool ok() const noexcept { return !has_errors(issues); }
};

namespace detail {

/// The audit issue of one group, naming up to 10 holders.
SEAMID_COLD inline issue duplicate_group_issue(const duplicate_group& group) {
    const std::string field(field_name(group.field));
    std::string ids;
    const std::size_t shown = std::min<std::size_t>(group.user_identity_ids.size(), 10);
    for (std::size_t i = 0; i < shown; ++i) ids.append(i ? ", " : "").append(group.user_identity_ids[i]);
    if (group.user_identity_ids.size() > shown) ids.append(" and ").append(std::to_string(group.user_identity_ids.size() - shown)).append(" more");
    std::string message = std::to_string(group.user_identity_ids.size()) + " identities ";
    if (group.kind == match_kind::case_variant)
        message += "have email addresses equal except for letter case (" + ids + "); they are almost surely the same person.";
    else
        message += "share one " + field + " (" + ids + "); it must be unique within a workspace. Update or remove all but one.";
    return {{field}, std::string(conflict_code(group.field, group.kind)), group.level, std::move(message), std::nullopt};
}

}  // namespace detail

/// Reports every key, email and phone held by more than one identity, and emails that differ only in case.
/// O(identities + duplicates): each value group is visited once, from its first holder.
SEAMID_COLD [[nodiscard]] inline audit_report audit(const workspace_index& index, const validation_options& options = {}) {
    audit_report report;
    using slot_type = workspace_index::slot_type;
    std::vector<bool> visited;
    std::vector<slot_type> holders;
    for (const identity_field field : unique_fields) {
        visited.assign(index.slot_count(), false);
        for (std::size_t s = 0; s < index.slot_count(); ++s) {
            const auto slot = static_cast<slot_type>(s);
            if (visited[s] || !index.live(slot) || !index.has(slot, field)) continue;
            holders.clear();
            index.visit_holders(field, index.value(slot, field), [&](slot_type holder, match_kind) {
                holders.push_back(holder);
                return true;
            });
            for (const slot_type holder : holders) visited[holder] = true;
            if (holders.size() < 2) continue;
            // Sub-groups of identical values (in load order), then one case-variant group if spellings differ.
            const std::pair<const workspace_index*, identity_field> values{&index, field};
            detail::sort_indexes(
                holders,
                [](const void* context, slot_type a, slot_type b) {
                    const auto& [in, of] = *static_cast<const std::pair<const workspace_index*, identity_field>*>(context);
                    const auto va = in->value(a, of), vb = in->value(b, of);
                    return va != vb ? va < vb : a < b;
                },
                &values);
            std::size_t spellings = 0;
            for (std::size_t i = 0; i < holders.size();) {
                std::size_t j = i + 1;
                while (j < holders.size() && index.value(holders[j], field) == index.value(holders[i], field)) ++j;
                ++spellings;
                if (j - i >= 2) {
                    duplicate_group group{field, match_kind::exact, severity::error, {}};
                    for (std::size_t k = i; k < j; ++k) group.user_identity_ids.emplace_back(index.value(holders[k], identity_field::user_identity_id));
                    report.duplicates.push_back(std::move(group));
                }
                i = j;
            }
            if (spellings >= 2) {
                detail::sort_indexes(holders);
                duplicate_group group{field, match_kind::case_variant, conflict_severity(match_kind::case_variant, options), {}};
                for (const slot_type holder : holders) group.user_identity_ids.emplace_back(index.value(holder, identity_field::user_identity_id));
                report.duplicates.push_back(std::move(group));
            }
        }
    }
    for (const auto& group : report.duplicates) report.issues.push_back(detail::duplicate_group_issue(group));
    return report;
}

/// Appends a conflict as JSON: {"field", "match": "exact"|"case_variant", "row" | "severity", "user_identity_id"}.
inline void append_conflict_json(std::string& out, const conflict& found) {
    out += "{\"field\":";
    append_json_string(out, field_name(found.field));
    out += found.kind == match_kind::exact ? ",\"match\":\"exact\"" : ",\"match\":\"case_variant\"";
    if (found.row > 0) {
        out += ",\"row\":";
        append_json_number(out, found.row);
    }
    out += ",\"severity\":";
    append_json_string(out, severity_name(found.level));
    if (found.row == 0) {
        out += ",\"user_identity_id\":";
        append_json_string(out, found.user_identity_id);
    }
    out += '}';
}

/// A uniqueness result as JSON text: {"conflicts", "issues", "ok"}.
[[nodiscard]] inline std::string uniqueness_result_json(const uniqueness_result& result) {
    std::string out = "{\"conflicts\":[";
    for (std::size_t i = 0; i < result.conflicts.size(); ++i) {
        if (i > 0) out += ',';
        append_conflict_json(out, result.conflicts[i]);
    }
    out += "],\"issues\":";
    append_json_issues(out, result.issues);
    out += ",\"ok\":";
    append_json_bool(out, result.ok());
    out += '}';
    return out;
}

/// An audit report as JSON text: {"duplicates": [{"field", "match", "severity", "user_identity_ids"}], "issues", "ok"}.
SEAMID_COLD [[nodiscard]] inline std::string audit_report_json(const audit_report& report) {
    std::string out = "{\"duplicates\":[";
    for (std::size_t i = 0; i < report.duplicates.size(); ++i) {
        const auto& group = report.duplicates[i];
        if (i > 0) out += ',';
        out += "{\"field\":";
        append_json_string(out, field_name(group.field));
        out += group.kind == match_kind::exact ? ",\"match\":\"exact\"" : ",\"match\":\"case_variant\"";
        out += ",\"severity\":";
        append_json_string(out, severity_name(group.level));
        out += ",\"user_identity_ids\":[";
        for (std::size_t j = 0; j < group.user_identity_ids.size(); ++j) {
            if (j > 0) out += ',';
            append_json_string(out, group.user_identity_ids[j]);
        }
        out += "]}";
    }
    out += "],\"issues\":";
    append_json_issues(out, report.issues);
    out += ",\"ok\":";
    append_json_bool(out, report.ok());
    out += '}';
    return out;
}

/// A conflict as parsed JSON (from append_conflict_json's text).
[[nodiscard]] inline nlohmann::json conflict_to_json(const conflict& found) {
    std::string text;
    append_conflict_json(text, found);
    return nlohmann::json::parse(text, nullptr, false);
}

/// A uniqueness result as parsed JSON (from uniqueness_result_json's text).
[[nodiscard]] inline nlohmann::json uniqueness_result_to_json(const uniqueness_result& result) {
    return nlohmann::json::parse(uniqueness_result_json(result), nullptr, false);
}

/// An audit report as parsed JSON (from audit_report_json's text).
[[nodiscard]] inline nlohmann::json audit_report_to_json(const audit_report& report) {
    return nlohmann::json::parse(audit_report_json(report), nullptr, false);
}

}  // namespace seamid
