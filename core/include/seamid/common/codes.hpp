// The one catalog of issue codes: every code seamid reports (the core and the JS package), one name per
// meaning, with its domain, default severity and a one-line meaning. docs/codes.md is generated from it.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "seamid/common/issue.hpp"

namespace seamid {

/// Which part of seamid reports a code; `common` codes are shared by several domains, `bindings` codes
/// come only from the JS package (the wasm adapter and the JS wrapper).
enum class code_domain : std::uint8_t { common, validation, workspace, acs, deletion, bindings, seam };

/// The domain's name as the docs spell it (also the docs/<domain>.md page of the four rule domains).
[[nodiscard]] constexpr std::string_view code_domain_name(code_domain domain) noexcept {
    switch (domain) {
        case code_domain::common: return "common";
        case code_domain::validation: return "validation";
        case code_domain::workspace: return "workspace";
        case code_domain::acs: return "acs";
        case code_domain::deletion: return "deletion";
        case code_domain::bindings: return "bindings";
        case code_domain::seam: return "seam";
    }
    return "common";
}

/// The bit of `level` in code_info::also.
[[nodiscard]] constexpr std::uint8_t severity_bit(severity level) noexcept {
    return static_cast<std::uint8_t>(1u << static_cast<unsigned>(level));
}

/// One catalog entry. `level` is the severity under the default profile; `also` holds the other severities
/// the code can take (the strict profile raises warnings to errors; some codes depend on the input's kind).
struct code_info {
    std::string_view name;
    code_domain domain;
    severity level;
    std::string_view meaning;
    std::uint8_t also = 0;

    /// True when an issue with this code may carry severity `found`.
    [[nodiscard]] constexpr bool allows(severity found) const noexcept { return found == level || (also & severity_bit(found)) != 0; }
};

namespace detail {
inline constexpr std::uint8_t strict_error = severity_bit(severity::error);
inline constexpr std::uint8_t or_warning = severity_bit(severity::warning);
}  // namespace detail

/// Every issue code, grouped by domain; within a domain in the order a reader meets them.
inline constexpr std::array code_catalog = {
    // Shared by several domains.
    code_info{"invalid_json", code_domain::common, severity::error, "The input text is not valid JSON."},
    code_info{"invalid_type", code_domain::common, severity::error, "A value has the wrong JSON type (the message says which type was expected)."},
    code_info{"missing_field", code_domain::common, severity::error, "A required field is absent."},
    code_info{"invalid_uuid", code_domain::common, severity::error,
              "An id is not a UUID (8-4-4-4-12 hexadecimal digits); a warning when a workspace list, which is still indexed, holds it.",
              detail::or_warning},
    code_info{"duplicate_id", code_domain::common, severity::error,
              "The same id appears twice in one list; a warning when a workspace list repeats an identity (the later entry wins).",
              detail::or_warning},
    code_info{"duplicate_acs_system_id", code_domain::common, severity::warning, "An ACS system listed twice in acs_system_ids.",
              detail::strict_error},
    code_info{"invalid_utf8", code_domain::common, severity::error, "A text value is not valid UTF-8."},
    code_info{"too_many_issues", code_domain::common, severity::error, "More issues than the cap (100); the rest were not listed."},
    code_info{"input_too_large", code_domain::common, severity::error,
              "An input over a limit (the module's: 64 MiB a value or request, 256 MiB a bulk text, 2^24 items an array; a deletion progress: 100,000 events a call); the message gives the limit."},
    code_info{"invalid_option", code_domain::common, severity::error,
              "An option is not one seamid knows: a deletion plan's order or policy, a phone default_country that is no known ISO 3166-1 alpha-2 code."},

    // Validation: phone numbers (E.164).
    code_info{"phone_empty", code_domain::validation, severity::error, "The phone number is empty after trimming."},
    code_info{"phone_formatted", code_domain::validation, severity::error,
              "A valid number written with spaces, dashes, dots, brackets or tel:; the suggestion is the E.164 form."},
    code_info{"phone_missing_plus", code_domain::validation, severity::error, "Digits without the leading '+' and country calling code."},
    code_info{"phone_leading_zero", code_domain::validation, severity::error, "The country calling code starts with 0."},
    code_info{"phone_too_short", code_domain::validation, severity::error, "Fewer than 2 digits after '+'."},
    code_info{"phone_too_long", code_domain::validation, severity::error, "More than 15 digits after '+'."},
    code_info{"phone_invalid_characters", code_domain::validation, severity::error,
              "Letters, a second '+', non-ASCII digits or control characters in the number."},
    code_info{"phone_unassigned_country_code", code_domain::validation, severity::warning, "No country uses this calling code.",
              detail::strict_error},
    code_info{"phone_invalid_length", code_domain::validation, severity::warning, "No number of this country has this many digits.",
              detail::strict_error},
    code_info{"phone_invalid_length_for_prefix", code_domain::validation, severity::warning,
              "Numbers of this country that start with these digits have another length.", detail::strict_error},
    code_info{"phone_national_prefix", code_domain::validation, severity::warning,
              "The national trunk prefix (the 0 of +44 (0)20) after the calling code; the suggestion drops it.", detail::strict_error},
    code_info{"phone_national_number", code_domain::validation, severity::error,
              "A number without '+' read in the default country (national format, or an international prefix such as 00 or 011); the suggestion is its E.164 form."},
    code_info{"phone_untrimmed", code_domain::validation, severity::info, "Surrounding whitespace that Seam trims away; the suggestion is trimmed."},

    // Validation: email addresses (zod's email grammar, RFC 5321 lengths).
    code_info{"email_empty", code_domain::validation, severity::error, "The email address is the empty string."},
    code_info{"email_formatted", code_domain::validation, severity::error,
              "A valid address wrapped in whitespace, mailto: or Name <...>; the suggestion is the bare address."},
    code_info{"email_non_ascii", code_domain::validation, severity::error, "A non-ASCII character (Seam's grammar is ASCII only)."},
    code_info{"email_missing_at", code_domain::validation, severity::error, "No '@'."},
    code_info{"email_multiple_at", code_domain::validation, severity::error, "More than one '@'."},
    code_info{"email_missing_local_part", code_domain::validation, severity::error, "Nothing before '@'."},
    code_info{"email_missing_domain", code_domain::validation, severity::error, "Nothing after '@'."},
    code_info{"email_misplaced_dot", code_domain::validation, severity::error, "The local part starts or ends with '.', or '..' appears."},
    code_info{"email_invalid_character", code_domain::validation, severity::error, "An ASCII character the grammar does not allow where it is."},
    code_info{"email_missing_tld", code_domain::validation, severity::error, "The domain has no '.'."},
    code_info{"email_invalid_domain_label", code_domain::validation, severity::error, "A domain label is empty or starts with '-'."},
    code_info{"email_invalid_tld", code_domain::validation, severity::error, "The last domain label is not two or more ASCII letters."},
    code_info{"email_invalid", code_domain::validation, severity::error, "Any other shape Seam's email grammar rejects."},
    code_info{"email_local_part_too_long", code_domain::validation, severity::warning, "The local part is over 64 octets (RFC 5321).",
              detail::strict_error},
    code_info{"email_domain_too_long", code_domain::validation, severity::warning, "The domain is over 253 octets (RFC 5321, RFC 1035).",
              detail::strict_error},
    code_info{"email_label_too_long", code_domain::validation, severity::warning, "A domain label is over 63 octets (RFC 1035).",
              detail::strict_error},
    code_info{"email_too_long", code_domain::validation, severity::warning, "The address is over 254 octets (RFC 5321).", detail::strict_error},

    // Validation: user_identity_key and full_name.
    code_info{"empty", code_domain::validation, severity::error, "user_identity_key or full_name is the empty string (Seam requires length 1)."},
    code_info{"whitespace_only", code_domain::validation, severity::warning, "The text is nothing but whitespace.", detail::strict_error},
    code_info{"surrounding_whitespace", code_domain::validation, severity::warning,
              "Leading or trailing whitespace, which Seam keeps; the suggestion is trimmed.", detail::strict_error},
    code_info{"control_characters", code_domain::validation, severity::warning, "Control characters (tab, newline, NUL, ...) inside the text.",
              detail::strict_error},
    code_info{"invisible_characters", code_domain::validation, severity::warning,
              "Zero-width, text-direction or other invisible characters inside the text.", detail::strict_error},

    // Validation: whole /user_identities/create and /update requests.
    code_info{"unknown_field", code_domain::validation, severity::warning,
              "A field the endpoint ignores; the suggestion names the field probably meant.", detail::strict_error},
    code_info{"no_identifier", code_domain::validation, severity::warning,
              "No user_identity_key, email_address or phone_number: nothing identifies the person.", detail::strict_error},
    code_info{"no_changes", code_domain::validation, severity::warning, "An update that changes no field.", detail::strict_error},
    code_info{"field_cleared", code_domain::validation, severity::info, "An update sets a field to null, which clears it."},

    // Workspace: uniqueness and bulk imports.
    code_info{"duplicate_user_identity_key", code_domain::workspace, severity::error,
              "Another identity (or an earlier row) already has this user_identity_key."},
    code_info{"duplicate_email_address", code_domain::workspace, severity::error,
              "Another identity (or an earlier row) already has this email_address."},
    code_info{"duplicate_phone_number", code_domain::workspace, severity::error,
              "Another identity (or an earlier row) already has this phone_number."},
    code_info{"email_address_case_variant", code_domain::workspace, severity::warning,
              "Another identity's email_address differs from this one only in letter case.", detail::strict_error},
    code_info{"invalid_workspace", code_domain::workspace, severity::error,
              "The workspace is not a /user_identities/list response or an array of identities."},
    code_info{"unknown_user_identity_id", code_domain::workspace, severity::error, "No identity with this user_identity_id is in the workspace."},
    code_info{"user_identity_id_exists", code_domain::workspace, severity::error, "An identity with this user_identity_id is already indexed."},
    code_info{"csv_empty", code_domain::workspace, severity::error, "The CSV text is empty: no header row."},
    code_info{"csv_duplicate_column", code_domain::workspace, severity::error, "Two header columns name the same field."},
    code_info{"csv_unknown_column", code_domain::workspace, severity::warning,
              "A header column that is not a /user_identities/create field; an error when it is a near miss of one.", detail::strict_error},
    code_info{"csv_no_known_columns", code_domain::workspace, severity::error, "No header column names a /user_identities/create field."},
    code_info{"csv_not_utf8", code_domain::workspace, severity::error,
              "The file is not UTF-8 (a UTF-16 or UTF-32 byte order mark, NUL bytes, or Latin-1 bytes in the header)."},
    code_info{"csv_blank_column", code_domain::workspace, severity::warning, "A header column with an empty or whitespace-only name: its values are ignored.",
              detail::strict_error},
    code_info{"csv_column_conflict", code_domain::workspace, severity::error, "Two header columns map to the same field (or one column to two fields)."},
    code_info{"csv_missing_column", code_domain::workspace, severity::error, "An explicit column mapping names a column the header does not have."},
    code_info{"invalid_column_mapping", code_domain::workspace, severity::error,
              "The columns option is not \"auto\" or an object mapping create fields to column names."},
    code_info{"csv_field_count", code_domain::workspace, severity::error, "A row has more or fewer fields than the header."},
    code_info{"csv_unterminated_quote", code_domain::workspace, severity::error, "A quoted CSV field is never closed."},
    code_info{"csv_invalid_quote", code_domain::workspace, severity::error, "A quote inside an unquoted CSV field, or text after a closing quote."},

    // ACS: the links between user identities and ACS users.
    code_info{"empty_snapshot", code_domain::acs, severity::warning, "The snapshot has no acs_systems, acs_users or user_identities."},
    code_info{"user_identity_not_found", code_domain::acs, severity::error, "The user identity is not in the model."},
    code_info{"acs_user_not_found", code_domain::acs, severity::error, "The ACS user is not in the model."},
    code_info{"acs_system_not_found", code_domain::acs, severity::error, "The ACS system is not in the model."},
    code_info{"acs_user_already_linked", code_domain::acs, severity::info, "add_acs_user of a link that exists: nothing to do."},
    code_info{"acs_user_linked_to_other_identity", code_domain::acs, severity::error, "The ACS user belongs to another user identity."},
    code_info{"user_identity_has_acs_user_in_system", code_domain::acs, severity::error,
              "The user identity already has an ACS user in that ACS system."},
    code_info{"acs_user_not_linked", code_domain::acs, severity::error, "remove_acs_user of an ACS user linked to no user identity."},
    code_info{"acs_user_would_be_linked", code_domain::acs, severity::info, "/user_identities/create would link this existing ACS user."},
    code_info{"acs_user_would_be_created", code_domain::acs, severity::info, "/user_identities/create would create an ACS user in this system."},
    code_info{"acs_user_match_ambiguous", code_domain::acs, severity::error,
              "Two ACS users of one system match the new identity's email or phone."},
    code_info{"acs_user_profile_does_not_match_user_identity", code_domain::acs, severity::warning,
              "The ACS user's email address or phone number differs from its user identity's."},
    code_info{"acs_user_identity_not_found", code_domain::acs, severity::error, "An ACS user points at a user identity missing from the snapshot."},
    code_info{"user_identity_has_multiple_acs_users_in_system", code_domain::acs, severity::error,
              "A user identity has several ACS users in one ACS system."},
    code_info{"unknown_operation", code_domain::acs, severity::error, "A preflight operation seamid does not know."},

    // Deletion: snapshots, plans and progress.
    code_info{"missing_list", code_domain::deletion, severity::error, "The deletion snapshot lacks one of the resource lists."},
    code_info{"snapshot_too_large", code_domain::deletion, severity::error, "The snapshot lists more resources than max_resources allows."},
    code_info{"id_lowercased", code_domain::deletion, severity::info, "An id with capital letters; ids are compared ignoring case and written in lowercase."},
    code_info{"foreign_workspace", code_domain::deletion, severity::error, "A resource of another workspace than the user identity's."},
    code_info{"other_identity", code_domain::deletion, severity::error, "A resource that belongs to another user identity."},
    code_info{"credential_owner_missing", code_domain::deletion, severity::error,
              "An ACS credential with no acs_user_id that is not linked to this user identity."},
    code_info{"credential_acs_user_missing", code_domain::deletion, severity::error, "An ACS credential whose ACS user is not in acs_users."},
    code_info{"acs_system_mismatch", code_domain::deletion, severity::error, "An ACS credential in another ACS system than its ACS user."},
    code_info{"acs_system_linked_twice", code_domain::deletion, severity::warning,
              "Two of the identity's ACS users in one ACS system (both are deleted)."},
    code_info{"plan_not_ok", code_domain::deletion, severity::error, "The plan has no valid user_identity_id (it was planned from a snapshot with errors)."},
    code_info{"invalid_plan", code_domain::deletion, severity::error, "A refused plan's issue read back without a code of its own."},
    code_info{"unknown_resource", code_domain::deletion, severity::error, "A step's resource is not a kind seamid deletes."},
    code_info{"unknown_dependency", code_domain::deletion, severity::error, "A step depends on a step id that is not in the plan."},
    code_info{"plan_identity_mismatch", code_domain::deletion, severity::error,
              "The user_identity step does not delete the plan's user_identity_id."},
    code_info{"plan_identity_step", code_domain::deletion, severity::error, "The plan does not have exactly one user_identity step."},
    code_info{"plan_identity_dependencies", code_domain::deletion, severity::error,
              "The user_identity step does not depend, directly or not, on every other step."},
    code_info{"plan_cycle", code_domain::deletion, severity::error, "Steps depend on each other in a cycle."},
    code_info{"plan_wave_order", code_domain::deletion, severity::error, "A step's wave is not after the waves of the steps it depends on."},
    code_info{"unknown_step", code_domain::deletion, severity::error, "A result or request names a step id that is not in the plan."},
    code_info{"issued_out_of_order", code_domain::deletion, severity::warning, "A step was requested before the steps it depends on were confirmed."},
    code_info{"invalid_timestamp", code_domain::deletion, severity::error, "requested_at is not an RFC 3339 timestamp."},

    // The JS package only.
    code_info{"invalid_input", code_domain::bindings, severity::error,
              "A JS value that cannot be passed on (not serialisable as JSON: a cycle, a BigInt)."},
    code_info{"invalid_handle", code_domain::bindings, severity::error, "The object (Workspace, AcsModel) was disposed."},
    code_info{"too_many_handles", code_domain::bindings, severity::error,
              "10,000 objects of one kind (Workspace, AcsModel, DeletionProgress) are live in a module already; nothing was made (dispose() unused ones)."},

    // seamid/seam: the `code` of a SeamidError when a run against the Seam API stops.
    code_info{"unauthorized", code_domain::seam, severity::error, "Seam refused the API key (401 or 403)."},
    code_info{"api_error", code_domain::seam, severity::error, "Seam answered an error that retrying cannot fix (the error's type and route say which)."},
    code_info{"invalid_response", code_domain::seam, severity::error, "Seam's answer does not have the shape its API reference gives (no list, a repeated page cursor)."},
    code_info{"invalid_snapshot", code_domain::seam, severity::error, "What the API listed for the identity does not add up to a plan (planDeletion's issues say why)."},
    code_info{"deletion_failed", code_domain::seam, severity::error, "A deletion run ended with steps left; its report says which and how to resume."},
};

/// The catalog entry of `name`, or nullptr for a name seamid never reports.
[[nodiscard]] constexpr const code_info* find_code(std::string_view name) noexcept {
    for (const code_info& entry : code_catalog)
        if (entry.name == name) return &entry;
    return nullptr;
}

/// True when `level` is a severity an issue with code `name` may have (false for an unknown name).
[[nodiscard]] constexpr bool is_cataloged(std::string_view name, severity level) noexcept {
    const code_info* entry = find_code(name);
    return entry != nullptr && entry->allows(level);
}

namespace detail {
/// True when no two entries share a name (checked at compile time below).
[[nodiscard]] constexpr bool catalog_names_unique() noexcept {
    for (std::size_t i = 0; i < code_catalog.size(); ++i)
        for (std::size_t j = i + 1; j < code_catalog.size(); ++j)
            if (code_catalog[i].name == code_catalog[j].name) return false;
    return true;
}
}  // namespace detail

static_assert(detail::catalog_names_unique(), "seamid: a code is listed twice in code_catalog");

}  // namespace seamid
