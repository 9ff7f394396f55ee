// Preflight of the operations that link user identities and ACS users (docs/acs.md;
// https://docs.seam.co/latest/api/user_identities/add_acs_user): a verdict and named
// reasons before calling /user_identities/add_acs_user, /user_identities/remove_acs_user, /acs/users/create
// and /user_identities/create, plus applying a link to the model once Seam has accepted it.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "seamid/acs/codes.hpp"
#include "seamid/validation/email.hpp"
#include "seamid/acs/model.hpp"
#include "seamid/common/issue.hpp"
#include "seamid/json/dom.hpp"
#include "seamid/json/members.hpp"
#include "seamid/json/writer.hpp"
#include "seamid/common/options.hpp"
#include "seamid/validation/phone.hpp"
#include "seamid/common/unicode.hpp"

namespace seamid {

/// The outcome of a preflight: send it (allowed), no need to send it (no_op: the link already exists),
/// or do not send it (refused: Seam would reject it or it would break an ACS-link rule).
enum class acs_verdict : std::uint8_t { allowed = 0, no_op = 1, refused = 2 };

/// "allowed", "no_op" or "refused".
[[nodiscard]] constexpr std::string_view acs_verdict_name(acs_verdict verdict) noexcept {
    switch (verdict) {
        case acs_verdict::allowed: return "allowed";
        case acs_verdict::no_op: return "no_op";
        case acs_verdict::refused: return "refused";
    }
    return "refused";
}

/// The body of /user_identities/add_acs_user and /user_identities/remove_acs_user.
struct acs_link_request {
    std::string_view user_identity_id;
    std::string_view acs_user_id;
};

/// One finding of a link check: its code and the request field it is about.
struct acs_link_finding {
    acs_code code;
    acs_field field;
};

/// The allocation-free result of check_add_acs_user / check_remove_acs_user: at most two findings and the
/// ids they name (the ACS user's system, the identity it belongs to, the identity's other ACS user).
struct acs_link_check {
    acs_verdict verdict = acs_verdict::allowed;
    std::uint8_t count = 0;
    std::array<acs_link_finding, 2> findings{};
    uuid128 acs_system{};
    uuid128 other_user_identity{};
    uuid128 other_acs_user{};
    std::uint32_t user_identity = acs_model::none;  ///< resolved index, none when unknown
    std::uint32_t acs_user = acs_model::none;       ///< resolved index, none when unknown
};

namespace detail {

constexpr void add_link_finding(acs_link_check& check, acs_code code, acs_field field) noexcept {
    if (check.count < check.findings.size()) check.findings[check.count++] = {code, field};
    if (acs_code_details(code).level == severity::error) check.verdict = acs_verdict::refused;
}

/// Parses both ids; false (with findings) when either is not a UUID.
inline bool parse_link_ids(const acs_link_request& request, acs_link_check& check, uuid128& identity_id, uuid128& acs_user_id) noexcept {
    const bool identity_ok = parse_uuid(request.user_identity_id, identity_id);
    const bool acs_user_ok = parse_uuid(request.acs_user_id, acs_user_id);
    if (!identity_ok) add_link_finding(check, acs_code::invalid_uuid, acs_field::user_identity_id);
    if (!acs_user_ok) add_link_finding(check, acs_code::invalid_uuid, acs_field::acs_user_id);
    return identity_ok && acs_user_ok;
}

/// Given the looked-up indexes in `check`: false (with findings) when either record is unknown; else reads the
/// ACS user's system.
inline bool settle_link(const acs_model& model, acs_link_check& check) noexcept {
    if (!model.user_identity_known(check.user_identity)) {
        check.user_identity = acs_model::none;
        add_link_finding(check, acs_code::user_identity_not_found, acs_field::user_identity_id);
    }
    if (!model.acs_user_known(check.acs_user)) {
        check.acs_user = acs_model::none;
        add_link_finding(check, acs_code::acs_user_not_found, acs_field::acs_user_id);
    }
    if (check.count > 0) return false;
    check.acs_system = model.acs_systems()[model.acs_user_link_at(check.acs_user).system].id;
    return true;
}

/// Parses and looks up both ids; false (with findings) when either is invalid or unknown.
inline bool resolve_link(const acs_model& model, const acs_link_request& request, acs_link_check& check) noexcept {
    uuid128 identity_id, acs_user_id;
    if (!parse_link_ids(request, check, identity_id, acs_user_id)) return false;
    check.user_identity = model.find_user_identity(identity_id);
    check.acs_user = model.find_acs_user(acs_user_id);
    return settle_link(model, check);
}

/// The add_acs_user rules once both records are known (see check_add_acs_user).
inline void finish_add_check(const acs_model& model, acs_link_check& check) noexcept {
    // Only the packed link entries are read (acs_user_link), and the full records just for the ids a finding names.
    const acs_user_link& user = model.acs_user_link_at(check.acs_user);
    if (user.identity == check.user_identity) {
        check.verdict = acs_verdict::no_op;
        add_link_finding(check, acs_code::acs_user_already_linked, acs_field::acs_user_id);
        return;
    }
    if (user.identity != acs_model::none) {
        check.other_user_identity = model.user_identities()[user.identity].id;
        add_link_finding(check, acs_code::acs_user_linked_to_other_identity, acs_field::acs_user_id);
    }
    std::uint32_t clash = acs_model::none;
    for (std::uint32_t other = model.user_identity_link_at(check.user_identity).first_acs_user; other != acs_model::none;) {
        const acs_user_link& link = model.acs_user_link_at(other);
        if (link.system == user.system) {
            clash = other;
            break;
        }
        other = link.next_of_identity;
    }
    if (clash != acs_model::none) {
        check.other_acs_user = model.acs_users()[clash].id;
        add_link_finding(check, acs_code::user_identity_has_acs_user_in_system, acs_field::user_identity_id);
    }
}

/// The remove_acs_user rules once both records are known (see check_remove_acs_user).
inline void finish_remove_check(const acs_model& model, acs_link_check& check) noexcept {
    const acs_user_link& user = model.acs_user_link_at(check.acs_user);
    if (user.identity == check.user_identity) return;
    if (user.identity == acs_model::none) {
        add_link_finding(check, acs_code::acs_user_not_linked, acs_field::acs_user_id);
    } else {
        check.other_user_identity = model.user_identities()[user.identity].id;
        add_link_finding(check, acs_code::acs_user_linked_to_other_identity, acs_field::acs_user_id);
    }
}

}  // namespace detail

/// Preflight of /user_identities/add_acs_user: unknown ids (error); already linked to this identity (no-op,
/// info); linked to another identity (error naming it); the identity already has another ACS user in the
/// same system (error naming that ACS user and the system). Allocation-free; O(ACS users of the identity).
[[nodiscard]] inline acs_link_check check_add_acs_user(const acs_model& model, const acs_link_request& request) noexcept {
    acs_link_check check;
    if (detail::resolve_link(model, request, check)) detail::finish_add_check(model, check);
    return check;
}

/// Preflight of /user_identities/remove_acs_user: unknown ids (error); the ACS user is not linked to this
/// identity (error: acs_user_not_linked, or acs_user_linked_to_other_identity naming the identity it has).
[[nodiscard]] inline acs_link_check check_remove_acs_user(const acs_model& model, const acs_link_request& request) noexcept {
    acs_link_check check;
    if (detail::resolve_link(model, request, check)) detail::finish_remove_check(model, check);
    return check;
}

/// check_add_acs_user (add) or check_remove_acs_user of every request, into `out` (at least as long): the same
/// results as one by one, faster for many requests, because the look-ups of a group of requests are started
/// together and their cache misses overlap instead of following one another.
inline void check_acs_links(const acs_model& model, bool add, const acs_link_request* requests, std::size_t count, acs_link_check* out) noexcept {
    constexpr std::size_t group = 8;
    for (std::size_t start = 0; start < count; start += group) {
        const std::size_t size = std::min(group, count - start);
        acs_link_request const* const in = requests + start;
        acs_link_check* const checks = out + start;
        std::array<uuid128, group> identity_ids, acs_user_ids;
        std::array<bool, group> parsed{};
        // Each request's loads start as soon as its ids are parsed.
        for (std::size_t i = 0; i < size; ++i) {
            checks[i] = acs_link_check{};
            parsed[i] = detail::parse_link_ids(in[i], checks[i], identity_ids[i], acs_user_ids[i]);
            if (parsed[i]) model.prefetch_link_ids(identity_ids[i], acs_user_ids[i]);
        }
        for (std::size_t i = 0; i < size; ++i) {
            if (!parsed[i]) continue;
            checks[i].user_identity = model.find_user_identity(identity_ids[i]);
            checks[i].acs_user = model.find_acs_user(acs_user_ids[i]);
            model.prefetch_link_entries(checks[i].user_identity, checks[i].acs_user);
        }
        for (std::size_t i = 0; i < size; ++i) {
            if (!parsed[i] || !detail::settle_link(model, checks[i])) continue;
            if (add) detail::finish_add_check(model, checks[i]);
            else detail::finish_remove_check(model, checks[i]);
        }
    }
}

/// The findings of a link check as issues, each at its request field, with the ids it names in the message.
[[nodiscard]] inline std::vector<issue> link_check_issues(const acs_link_check& check, const acs_link_request& request) {
    std::vector<issue> issues;
    char system[36], other_identity[36], other_acs_user[36];
    write_uuid(system, check.acs_system);
    write_uuid(other_identity, check.other_user_identity);
    write_uuid(other_acs_user, check.other_acs_user);
    for (std::uint8_t i = 0; i < check.count; ++i) {
        const acs_link_finding finding = check.findings[i];
        acs_message_args args{finding.field, request.user_identity_id, request.acs_user_id, std::string_view(system, 36),
                              std::string_view(other_identity, 36), std::string_view(other_acs_user, 36), {}};
        issues.push_back(acs_issue(finding.code, {std::string(acs_field_name(finding.field))}, args));
    }
    return issues;
}

/// A preflight verdict with its reasons. ok() is false when any reason is an error.
struct acs_preflight {
    acs_verdict verdict = acs_verdict::allowed;
    std::vector<issue> issues;
    [[nodiscard]] bool ok() const noexcept { return !has_errors(issues); }
};

/// Applies /user_identities/add_acs_user to the model when its preflight allows it (call after Seam accepted it).
inline acs_link_check link_acs_user(acs_model& model, const acs_link_request& request) {
    acs_link_check check = check_add_acs_user(model, request);
    if (check.verdict == acs_verdict::allowed) model.set_link(check.acs_user, check.user_identity);
    return check;
}

/// Applies /user_identities/remove_acs_user to the model when its preflight allows it.
inline acs_link_check unlink_acs_user(acs_model& model, const acs_link_request& request) {
    acs_link_check check = check_remove_acs_user(model, request);
    if (check.verdict == acs_verdict::allowed) model.set_link(check.acs_user, acs_model::none);
    return check;
}

/// The issues of a new ACS user's email_address: the identity email rules (email.hpp, docs/validation.md).
[[nodiscard]] inline std::vector<issue> acs_email_issues(std::string_view value, issue_path path = {std::string("email_address")},
                                                        const validation_options& options = {}) {
    return email_issues(check_email(value, options), value, std::move(path));
}

namespace detail {

/// Reads a required string field of a request body, with missing_field / invalid_type issues.
inline const std::string* required_string(const json_members& body, std::string_view name, std::vector<issue>& issues) {
    const json_member* found = body.find(name);
    if (found == nullptr) {
        issue missing = acs_issue(acs_code::missing_field, {std::string(name)});
        missing.message = std::string(name) + " is required; add it (Seam rejects a request or record without it).";
        issues.push_back(std::move(missing));
        return nullptr;
    }
    if (found->value.kind != json_kind::string) {
        issues.push_back(json_type_issue({std::string(name)}, "a string", found->value.kind));
        return nullptr;
    }
    return &found->value.text;
}

/// Reads an optional string-or-null field; nullptr when absent or null (wrong types add an issue).
inline const std::string* optional_string(const json_members& body, std::string_view name, std::vector<issue>& issues) {
    const json_member* found = body.find(name);
    if (found == nullptr || found->value.kind == json_kind::null) return nullptr;
    if (found->value.kind != json_kind::string) {
        issues.push_back(json_type_issue({std::string(name)}, "a string or null", found->value.kind));
        return nullptr;
    }
    return &found->value.text;
}

/// Resolves an id field of a request body to a known record of the model; none (with an issue) otherwise.
inline std::uint32_t request_id(const acs_model& model, const std::string& text, acs_field field, issue_path path,
                                std::vector<issue>& issues) {
    uuid128 id;
    if (!parse_uuid(text, id)) {
        issues.push_back(acs_issue(acs_code::invalid_uuid, std::move(path), acs_message_args{}.with_field(field)));
        return acs_model::none;
    }
    if (field == acs_field::acs_system_id) {
        const std::uint32_t index = model.find_acs_system(id);
        if (model.acs_system_known(index)) return index;
        issues.push_back(acs_issue(acs_code::acs_system_not_found, std::move(path), acs_message_args{}.with_acs_system_id(text)));
    } else {
        const std::uint32_t index = model.find_user_identity(id);
        if (model.user_identity_known(index)) return index;
        issues.push_back(acs_issue(acs_code::user_identity_not_found, std::move(path), acs_message_args{}.with_user_identity_id(text)));
    }
    return acs_model::none;
}

/// The verdict of a list of issues: refused when any is an error.
inline acs_verdict verdict_of(const std::vector<issue>& issues) noexcept {
    return has_errors(issues) ? acs_verdict::refused : acs_verdict::allowed;
}

}  // namespace detail

/// Preflight of /acs/users/create {acs_system_id, full_name, user_identity_id?, email_address?, phone_number?}:
/// the system must be known; with user_identity_id, the identity must be known and have no ACS user in that
/// system yet; the new ACS user's email (acs_email_issues) and phone (check_phone) are checked with the
/// identity rules, and a contact that differs from the identity's is the warning Seam would raise later.
[[nodiscard]] inline acs_preflight preflight_create_acs_user(const acs_model& model, const json_members& body,
                                                             const validation_options& options = {}) {
    acs_preflight out;
    if (body.root != json_kind::object) {
        out.issues.push_back(json_type_issue({}, "an /acs/users/create request object", body.root));
        out.verdict = acs_verdict::refused;
        return out;
    }
    const std::string* system_text = detail::required_string(body, "acs_system_id", out.issues);
    detail::required_string(body, "full_name", out.issues);
    const std::string* identity_text = detail::optional_string(body, "user_identity_id", out.issues);
    const std::string* email = detail::optional_string(body, "email_address", out.issues);
    const char* email_field = "email_address";
    if (email == nullptr && body.find("email_address") == nullptr) {
        email = detail::optional_string(body, "email", out.issues);
        email_field = "email";
    }
    const std::string* phone = detail::optional_string(body, "phone_number", out.issues);

    const std::uint32_t system = system_text ? detail::request_id(model, *system_text, acs_field::acs_system_id, {std::string("acs_system_id")}, out.issues)
                                             : acs_model::none;
    const std::uint32_t identity = identity_text ? detail::request_id(model, *identity_text, acs_field::user_identity_id, {std::string("user_identity_id")}, out.issues)
                                                 : acs_model::none;
    if (system != acs_model::none && identity != acs_model::none) {
        std::uint32_t clash = acs_model::none;
        model.for_each_acs_user_of(identity, [&](std::uint32_t other) {
            if (clash == acs_model::none && model.acs_users()[other].system == system) clash = other;
        });
        if (clash != acs_model::none) {
            const std::string other = to_string(model.acs_users()[clash].id);
            out.issues.push_back(acs_issue(acs_code::user_identity_has_acs_user_in_system, {std::string("user_identity_id")},
                                           acs_message_args{}.with_user_identity_id(*identity_text).with_acs_system_id(*system_text).with_other_acs_user_id(other)));
        }
    }
    if (email) {
        for (issue& found : acs_email_issues(*email, {std::string(email_field)}, options)) out.issues.push_back(std::move(found));
    }
    if (phone) {
        for (issue& found : phone_issues(check_phone_without_country(*phone, options))) out.issues.push_back(std::move(found));
    }
    if (identity != acs_model::none) {
        const user_identity_record& person = model.user_identities()[identity];
        const auto mismatch = [&](const char* field, const std::string& requested, const std::string& held) {
            const std::string detail = std::string(field) + " \"" + requested + "\" differs from the identity's \"" + held + "\"";
            out.issues.push_back(acs_issue(acs_code::acs_user_profile_does_not_match_user_identity, {std::string(field)},
                                           acs_message_args{}.with_user_identity_id(*identity_text).with_acs_user_id("(new)").with_detail(detail)));
        };
        if (email && person.email_address && !same_email(*email, *person.email_address)) mismatch(email_field, *email, *person.email_address);
        if (phone && person.phone_number && !same_phone(*phone, *person.phone_number)) mismatch("phone_number", *phone, *person.phone_number);
    }
    out.verdict = detail::verdict_of(out.issues);
    return out;
}

/// What /user_identities/create would do in one listed ACS system.
enum class acs_plan_action : std::uint8_t { link = 0, create = 1, refused = 2 };

/// "link", "create" or "refused".
[[nodiscard]] constexpr std::string_view acs_plan_action_name(acs_plan_action action) noexcept {
    switch (action) {
        case acs_plan_action::link: return "link";
        case acs_plan_action::create: return "create";
        case acs_plan_action::refused: return "refused";
    }
    return "refused";
}

/// One entry of acs_system_ids and its outcome.
struct acs_system_plan {
    std::size_t request_index = 0;       ///< position in acs_system_ids
    std::string acs_system_id;           ///< as given
    acs_plan_action action = acs_plan_action::refused;
    std::optional<uuid128> acs_user;    ///< the ACS user that would be linked
    bool matched_by_email = false;
    bool matched_by_phone = false;
};

/// Preflight of /user_identities/create: the verdict, its reasons, and the plan per listed system.
struct acs_identity_preflight {
    acs_verdict verdict = acs_verdict::allowed;
    std::vector<issue> issues;
    std::vector<acs_system_plan> acs_systems;
    [[nodiscard]] bool ok() const noexcept { return !has_errors(issues); }
};

/// Preflight of /user_identities/create with acs_system_ids (docs/acs.md): for each listed system, the
/// existing ACS user Seam would link (email equal ignoring case, or phone equal after trimming) or that it
/// would create one; two matching ACS users in one system, a match already linked to another identity and
/// unknown or malformed systems are errors. The identity's own fields are not validated here.
[[nodiscard]] inline acs_identity_preflight preflight_create_user_identity(const acs_model& model, const json_members& body) {
    acs_identity_preflight out;
    if (body.root != json_kind::object) {
        out.issues.push_back(json_type_issue({}, "a /user_identities/create request object", body.root));
        out.verdict = acs_verdict::refused;
        return out;
    }
    const std::string* email = detail::optional_string(body, "email_address", out.issues);
    const std::string* phone = detail::optional_string(body, "phone_number", out.issues);
    const json_member* ids = body.find("acs_system_ids");
    if (ids != nullptr && ids->value.kind != json_kind::null && ids->value.kind != json_kind::array)
        out.issues.push_back(json_type_issue({std::string("acs_system_ids")}, "an array of ACS system ids", ids->value.kind));
    if (ids != nullptr && ids->value.kind == json_kind::array) {
        std::vector<std::uint32_t> seen;
        for (std::size_t i = 0; i < ids->items.size(); ++i) {
            const json_scalar& entry = ids->items[i];
            const issue_path path{std::string("acs_system_ids"), i};
            if (entry.kind != json_kind::string) {
                out.issues.push_back(json_type_issue(path, "a UUID string", entry.kind));
                continue;
            }
            const std::string& text = entry.text;
            acs_system_plan plan{i, text, acs_plan_action::refused, std::nullopt, false, false};
            const std::uint32_t system = detail::request_id(model, text, acs_field::acs_system_id, path, out.issues);
            if (system == acs_model::none) {
                out.acs_systems.push_back(std::move(plan));
                continue;
            }
            if (std::find(seen.begin(), seen.end(), system) != seen.end()) {
                out.issues.push_back(acs_issue(acs_code::duplicate_acs_system_id, path, acs_message_args{}.with_acs_system_id(text)));
                continue;
            }
            seen.push_back(system);
            std::array<std::uint32_t, 2> matches{acs_model::none, acs_model::none};
            std::size_t count = 0;
            const auto note = [&](std::uint32_t user) {
                if (count > 0 && matches[0] == user) return;
                if (count > 1 && matches[1] == user) return;
                if (count < 2) matches[count] = user;
                ++count;
            };
            if (email) model.for_each_email_match(system, *email, note);
            if (phone) model.for_each_phone_match(system, *phone, note);
            if (count == 0) {
                plan.action = acs_plan_action::create;
                out.issues.push_back(acs_issue(acs_code::acs_user_would_be_created, path, acs_message_args{}.with_acs_system_id(text)));
            } else if (count > 1) {
                const std::string first = to_string(model.acs_users()[matches[0]].id), second = to_string(model.acs_users()[matches[1]].id);
                out.issues.push_back(acs_issue(acs_code::acs_user_match_ambiguous, path,
                                               acs_message_args{}.with_acs_user_id(first).with_acs_system_id(text).with_other_acs_user_id(second)));
            } else {
                const acs_user_record& user = model.acs_users()[matches[0]];
                plan.acs_user = user.id;
                plan.matched_by_email = email && user.email_address && same_email(*user.email_address, *email);
                plan.matched_by_phone = phone && user.phone_number && same_phone(*user.phone_number, *phone);
                const std::string user_id = to_string(user.id);
                if (user.identity != acs_model::none) {
                    const std::string owner = to_string(model.user_identities()[user.identity].id);
                    out.issues.push_back(acs_issue(acs_code::acs_user_linked_to_other_identity, path,
                                                   acs_message_args{}.with_acs_user_id(user_id).with_acs_system_id(text).with_other_user_identity_id(owner)));
                } else {
                    plan.action = acs_plan_action::link;
                    const char* by = plan.matched_by_email && plan.matched_by_phone ? "email_address and phone_number"
                                     : plan.matched_by_email ? "email_address" : "phone_number";
                    out.issues.push_back(acs_issue(acs_code::acs_user_would_be_linked, path,
                                                   acs_message_args{}.with_acs_user_id(user_id).with_acs_system_id(text).with_detail(by)));
                }
            }
            out.acs_systems.push_back(std::move(plan));
        }
    }
    out.verdict = detail::verdict_of(out.issues);
    return out;
}

/// Preflight of add/remove_acs_user from a JSON request body (missing or mistyped fields are issues).
[[nodiscard]] inline acs_preflight preflight_link_json(const acs_model& model, bool add, const json_members& body) {
    acs_preflight out;
    if (body.root != json_kind::object) {
        out.issues.push_back(json_type_issue({}, "a request object with user_identity_id and acs_user_id", body.root));
        out.verdict = acs_verdict::refused;
        return out;
    }
    const std::string* identity = detail::required_string(body, "user_identity_id", out.issues);
    const std::string* acs_user = detail::required_string(body, "acs_user_id", out.issues);
    if (identity == nullptr || acs_user == nullptr) {
        out.verdict = acs_verdict::refused;
        return out;
    }
    const acs_link_request request{*identity, *acs_user};
    const acs_link_check check = add ? check_add_acs_user(model, request) : check_remove_acs_user(model, request);
    out.verdict = check.verdict;
    out.issues = link_check_issues(check, request);
    return out;
}

/// The endpoints preflight_json understands.
inline constexpr std::array<std::string_view, 4> acs_operations = {
    "/user_identities/add_acs_user", "/user_identities/remove_acs_user", "/acs/users/create", "/user_identities/create"};

/// Preflight of any supported endpoint from a request body's members, as JSON text: {"ok", "verdict", "issues"}
/// and, for /user_identities/create, "acs_systems": [{acs_system_id, action, acs_user_id?, matched_by?}] (keys in
/// sorted order). An unsupported operation is an `unknown_operation` error.
[[nodiscard]] inline std::string preflight_json_text(const acs_model& model, std::string_view operation, const json_members& body,
                                                     const validation_options& options = {}) {
    const auto result = [](std::string& out, acs_verdict verdict, const std::vector<issue>& issues) {
        out += "\"issues\":";
        append_json_issues(out, issues);
        out += ",\"ok\":";
        append_json_bool(out, !has_errors(issues));
        out += ",\"verdict\":";
        append_json_string(out, acs_verdict_name(verdict));
        out += '}';
    };
    std::string out = "{";
    if (operation == acs_operations[0] || operation == acs_operations[1]) {
        const acs_preflight found = preflight_link_json(model, operation == acs_operations[0], body);
        result(out, found.verdict, found.issues);
        return out;
    }
    if (operation == acs_operations[2]) {
        const acs_preflight found = preflight_create_acs_user(model, body, options);
        result(out, found.verdict, found.issues);
        return out;
    }
    if (operation == acs_operations[3]) {
        const acs_identity_preflight found = preflight_create_user_identity(model, body);
        out += "\"acs_systems\":[";
        for (std::size_t i = 0; i < found.acs_systems.size(); ++i) {
            const acs_system_plan& plan = found.acs_systems[i];
            if (i > 0) out += ',';
            out += "{\"acs_system_id\":";
            append_json_string(out, plan.acs_system_id);
            if (plan.acs_user) {
                out += ",\"acs_user_id\":";
                append_json_string(out, to_string(*plan.acs_user));
            }
            out += ",\"action\":";
            append_json_string(out, acs_plan_action_name(plan.action));
            if (plan.acs_user) {
                out += ",\"matched_by\":[";
                if (plan.matched_by_email) out += "\"email_address\"";
                if (plan.matched_by_phone) out += plan.matched_by_email ? ",\"phone_number\"" : "\"phone_number\"";
                out += ']';
            }
            out += '}';
        }
        out += "],";
        result(out, found.verdict, found.issues);
        return out;
    }
    std::string names;
    for (const std::string_view name : acs_operations) names.append(names.empty() ? "" : ", ").append(name);
    const std::vector<issue> issues{{{}, "unknown_operation", severity::error, "Unknown operation; use one of " + names + ".", std::nullopt}};
    result(out, acs_verdict::refused, issues);
    return out;
}

/// preflight_create_acs_user for a parsed body (serialised once, then read as text).
[[nodiscard]] inline acs_preflight preflight_create_acs_user(const acs_model& model, const nlohmann::json& body,
                                                             const validation_options& options = {}) {
    return preflight_create_acs_user(model, read_json_members(dump_json(body)), options);
}

/// preflight_create_user_identity for a parsed body (serialised once, then read as text).
[[nodiscard]] inline acs_identity_preflight preflight_create_user_identity(const acs_model& model, const nlohmann::json& body) {
    return preflight_create_user_identity(model, read_json_members(dump_json(body)));
}

/// preflight_link_json for a parsed body (serialised once, then read as text).
[[nodiscard]] inline acs_preflight preflight_link_json(const acs_model& model, bool add, const nlohmann::json& body) {
    return preflight_link_json(model, add, read_json_members(dump_json(body)));
}

/// preflight_json_text for a parsed body, as parsed JSON (native callers).
[[nodiscard]] inline nlohmann::json preflight_json(const acs_model& model, std::string_view operation, const nlohmann::json& body,
                                                   const validation_options& options = {}) {
    return nlohmann::json::parse(preflight_json_text(model, operation, read_json_members(dump_json(body)), options), nullptr, false);
}

}  // namespace seamid
