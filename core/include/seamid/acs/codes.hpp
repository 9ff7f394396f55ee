// The ACS-link rules' codes as numbers (the wasm wire format), with each one's message template; names and
// severities come from the one catalog, seamid/common/codes.hpp (rules: docs/acs.md,
// https://docs.seam.co/latest/api/user_identities/add_acs_user). Templates let the C++ core and the JS fast
// path build exactly the same text.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "seamid/common/codes.hpp"
#include "seamid/common/issue.hpp"

namespace seamid {

/// Every finding of the ACS model, preflight and audit. Values are stable (the WASM wire format uses them).
enum class acs_code : std::uint8_t {
    invalid_uuid = 1,                                ///< error: an id is not a UUID
    missing_field,                                   ///< error: a required field is absent
    duplicate_id,                                    ///< error: the same id twice in one snapshot (the first is kept)
    empty_snapshot,                                  ///< warning: no acs_systems, acs_users or user_identities at all
    user_identity_not_found,                         ///< error: the identity is not in the model
    acs_user_not_found,                              ///< error: the ACS user is not in the model
    acs_system_not_found,                            ///< error: the ACS system is not in the model
    acs_user_already_linked,                         ///< info: add_acs_user of an existing link (no-op)
    acs_user_linked_to_other_identity,               ///< error: the ACS user belongs to another identity
    user_identity_has_acs_user_in_system,            ///< error: the identity already has an ACS user in that system
    acs_user_not_linked,                             ///< error: remove_acs_user of an ACS user linked to nobody
    acs_user_would_be_linked,                        ///< info: /user_identities/create would link this ACS user
    acs_user_would_be_created,                       ///< info: /user_identities/create would create an ACS user
    acs_user_match_ambiguous,                        ///< error: two ACS users of one system match the new identity
    duplicate_acs_system_id,                         ///< warning: a system listed twice in acs_system_ids
    acs_user_profile_does_not_match_user_identity,   ///< warning: the ACS user's email or phone differs from its identity's
    acs_user_identity_not_found,                     ///< error (audit): an ACS user points at a missing identity
    user_identity_has_multiple_acs_users_in_system,  ///< error (audit): two ACS users of one identity in one system
};

/// Number of ACS codes plus one (tables are indexed by the code's value; index 0 is unused).
inline constexpr std::size_t acs_code_count = 19;

/// Which request field a finding is about; also the placeholder {field} in messages.
enum class acs_field : std::uint8_t { none = 0, user_identity_id, acs_user_id, acs_system_id };

/// The JSON name of a field ("" for none).
[[nodiscard]] constexpr std::string_view acs_field_name(acs_field field) noexcept {
    switch (field) {
        case acs_field::user_identity_id: return "user_identity_id";
        case acs_field::acs_user_id: return "acs_user_id";
        case acs_field::acs_system_id: return "acs_system_id";
        case acs_field::none: return "";
    }
    return "";
}

/// One catalog entry: stable name, severity, and a message template with {placeholders}.
struct acs_code_info {
    std::string_view name;
    severity level;
    std::string_view message;
};

/// The catalog. Placeholders: {field} {user_identity_id} {acs_user_id} {acs_system_id}
/// {other_user_identity_id} {other_acs_user_id} {detail}.
[[nodiscard]] constexpr acs_code_info acs_code_details(acs_code code) noexcept {
    switch (code) {
        case acs_code::invalid_uuid:
            return {"invalid_uuid", severity::error,
                    "{field} must be a UUID (8-4-4-4-12 hexadecimal digits, as Seam returns it); check that the whole id was copied."};
        case acs_code::missing_field:
            return {"missing_field", severity::error, "{field} is required; add it (Seam rejects a request or record without it)."};
        case acs_code::duplicate_id:
            return {"duplicate_id", severity::error,
                    "{field} {detail} appears more than once; the first record with this id was kept and this one ignored. Remove the duplicate."};
        case acs_code::empty_snapshot:
            return {"empty_snapshot", severity::warning,
                    "The snapshot has no acs_systems, acs_users or user_identities; pass the JSON of /acs/systems/list, /acs/users/list and /user_identities/list."};
        case acs_code::user_identity_not_found:
            return {"user_identity_not_found", severity::error,
                    "User identity {user_identity_id} is not in the model; check the id or load it from /user_identities/list."};
        case acs_code::acs_user_not_found:
            return {"acs_user_not_found", severity::error,
                    "ACS user {acs_user_id} is not in the model; check the id or load it from /acs/users/list."};
        case acs_code::acs_system_not_found:
            return {"acs_system_not_found", severity::error,
                    "ACS system {acs_system_id} is not in the model; check the id or load it from /acs/systems/list."};
        case acs_code::acs_user_already_linked:
            return {"acs_user_already_linked", severity::info,
                    "ACS user {acs_user_id} is already linked to user identity {user_identity_id}; nothing to do."};
        case acs_code::acs_user_linked_to_other_identity:
            return {"acs_user_linked_to_other_identity", severity::error,
                    "ACS user {acs_user_id} belongs to user identity {other_user_identity_id}; an ACS user belongs to at most one user identity. Remove it from that identity first (/user_identities/remove_acs_user)."};
        case acs_code::user_identity_has_acs_user_in_system:
            return {"user_identity_has_acs_user_in_system", severity::error,
                    "User identity {user_identity_id} already has ACS user {other_acs_user_id} in ACS system {acs_system_id}; a user identity links to at most one ACS user per system. Remove that link first, or use that ACS user."};
        case acs_code::acs_user_not_linked:
            return {"acs_user_not_linked", severity::error,
                    "ACS user {acs_user_id} is not linked to any user identity, so there is nothing to remove from user identity {user_identity_id}."};
        case acs_code::acs_user_would_be_linked:
            return {"acs_user_would_be_linked", severity::info,
                    "Seam would link the existing ACS user {acs_user_id} of ACS system {acs_system_id} (same {detail})."};
        case acs_code::acs_user_would_be_created:
            return {"acs_user_would_be_created", severity::info,
                    "No ACS user of ACS system {acs_system_id} has this email address or phone number; Seam would create one."};
        case acs_code::acs_user_match_ambiguous:
            return {"acs_user_match_ambiguous", severity::error,
                    "ACS users {acs_user_id} and {other_acs_user_id} of ACS system {acs_system_id} both match this email address or phone number; Seam cannot tell which to link. Make their contacts distinct, or link one with /user_identities/add_acs_user."};
        case acs_code::duplicate_acs_system_id:
            return {"duplicate_acs_system_id", severity::warning,
                    "ACS system {acs_system_id} is listed more than once; list each system once."};
        case acs_code::acs_user_profile_does_not_match_user_identity:
            return {"acs_user_profile_does_not_match_user_identity", severity::warning,
                    "ACS user {acs_user_id} does not match user identity {user_identity_id}: {detail}. Seam reports this as acs_user_profile_does_not_match_user_identity; make them agree."};
        case acs_code::acs_user_identity_not_found:
            return {"acs_user_identity_not_found", severity::error,
                    "ACS user {acs_user_id} points at user identity {user_identity_id}, which is not in the snapshot; load that identity or remove the link."};
        case acs_code::user_identity_has_multiple_acs_users_in_system:
            return {"user_identity_has_multiple_acs_users_in_system", severity::error,
                    "User identity {user_identity_id} has several ACS users in ACS system {acs_system_id}: {detail}; a user identity links to at most one ACS user per system. Remove all but one."};
    }
    return {"invalid_uuid", severity::error, ""};
}

/// Values substituted into a message template (empty views are left as empty text).
struct acs_message_args {
    acs_field field = acs_field::none;
    std::string_view user_identity_id;
    std::string_view acs_user_id;
    std::string_view acs_system_id;
    std::string_view other_user_identity_id;
    std::string_view other_acs_user_id;
    std::string_view detail;

    // Chainable setters: acs_message_args{}.with_acs_user_id(id).with_detail(text).
    constexpr acs_message_args& with_field(acs_field value) noexcept { field = value; return *this; }
    constexpr acs_message_args& with_user_identity_id(std::string_view value) noexcept { user_identity_id = value; return *this; }
    constexpr acs_message_args& with_acs_user_id(std::string_view value) noexcept { acs_user_id = value; return *this; }
    constexpr acs_message_args& with_acs_system_id(std::string_view value) noexcept { acs_system_id = value; return *this; }
    constexpr acs_message_args& with_other_user_identity_id(std::string_view value) noexcept { other_user_identity_id = value; return *this; }
    constexpr acs_message_args& with_other_acs_user_id(std::string_view value) noexcept { other_acs_user_id = value; return *this; }
    constexpr acs_message_args& with_detail(std::string_view value) noexcept { detail = value; return *this; }
};

/// The message of `code` with its placeholders filled in.
[[nodiscard]] inline std::string acs_message(acs_code code, const acs_message_args& args) {
    const std::string_view text = acs_code_details(code).message;
    std::string out;
    out.reserve(text.size() + 80);
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '{') {
            out.push_back(text[i]);
            continue;
        }
        const std::size_t close = text.find('}', i);
        const std::string_view name = text.substr(i + 1, close - i - 1);
        if (name == "field") out.append(acs_field_name(args.field));
        else if (name == "user_identity_id") out.append(args.user_identity_id);
        else if (name == "acs_user_id") out.append(args.acs_user_id);
        else if (name == "acs_system_id") out.append(args.acs_system_id);
        else if (name == "other_user_identity_id") out.append(args.other_user_identity_id);
        else if (name == "other_acs_user_id") out.append(args.other_acs_user_id);
        else if (name == "detail") out.append(args.detail);
        i = close;
    }
    return out;
}

/// An issue with an ACS code at `path`.
[[nodiscard]] inline issue acs_issue(acs_code code, issue_path path, const acs_message_args& args = {}) {
    const acs_code_info info = acs_code_details(code);
    return {std::move(path), std::string(info.name), info.level, acs_message(code, args), std::nullopt};
}

}  // namespace seamid
