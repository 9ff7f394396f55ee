// Whole /user_identities/create and /user_identities/update request bodies: every field's rule (email.hpp,
// phone.hpp, text_fields.hpp, uuid.hpp), the create/update rules, unknown fields, JSON text or parsed JSON
// or C++ values in. Rules: docs/validation.md,
// https://docs.seam.co/latest/api/user_identities/create and /update; Seam's OpenAPI in @seamapi/types 1.721.0
// (`/user_identities/create`: all fields optional, `acs_system_ids` an array of UUIDs; `/user_identities/update`:
// `user_identity_id` required).
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "seamid/common/cold.hpp"
#include "seamid/validation/email.hpp"
#include "seamid/common/ascii.hpp"
#include "seamid/common/issue.hpp"
#include "seamid/json/dom.hpp"
#include "seamid/common/options.hpp"
#include "seamid/validation/phone.hpp"
#include "seamid/validation/text_fields.hpp"
#include "seamid/common/uuid.hpp"
#include "seamid/detail/issue_cap.hpp"
#include "seamid/detail/sort.hpp"

namespace seamid {

/// The JSON type of one request member, or `absent` when the member is not in the request.
enum class value_kind : std::uint8_t { absent, null, string, number, boolean, object, array };

/// One member of a request as the validator sees it: its kind and, for strings, the raw UTF-8 text.
/// A view: the text must outlive the validation call.
struct request_value {
    value_kind kind = value_kind::absent;
    std::string_view text{};

    /// A member that is not in the request.
    [[nodiscard]] static constexpr request_value absent() noexcept { return {}; }
    /// A member that is JSON null (on update: clear the field).
    [[nodiscard]] static constexpr request_value null() noexcept { return {value_kind::null, {}}; }
    /// A string member.
    [[nodiscard]] static constexpr request_value string(std::string_view value) noexcept { return {value_kind::string, value}; }
    /// A member of another JSON type (number, boolean, object, array), whose content the rules do not read.
    [[nodiscard]] static constexpr request_value of_kind(value_kind kind) noexcept { return {kind, {}}; }
    /// True when the member is in the request (null included).
    [[nodiscard]] constexpr bool present() const noexcept { return kind != value_kind::absent; }
};

/// A /user_identities/create body. Unset members are absent; `acs_system_id_items` holds the elements when
/// `acs_system_ids` is an array; `unknown_fields` names every other member.
struct create_request {
    request_value user_identity_key, email_address, phone_number, full_name, acs_system_ids;
    std::vector<request_value> acs_system_id_items;
    std::vector<std::string_view> unknown_fields;
};

/// A /user_identities/update body: `user_identity_id` plus the fields to change (null clears, absent keeps).
struct update_request {
    request_value user_identity_id, user_identity_key, email_address, phone_number, full_name;
    std::vector<std::string_view> unknown_fields;
};

/// Which request a field set or an unknown-field hint belongs to.
enum class request_operation : std::uint8_t { create, update };

namespace detail {

/// JSON type name of a kind, for invalid_type messages.
constexpr std::string_view value_kind_name(value_kind kind) noexcept {
    switch (kind) {
        case value_kind::absent: return "nothing";
        case value_kind::null: return "null";
        case value_kind::string: return "string";
        case value_kind::number: return "number";
        case value_kind::boolean: return "boolean";
        case value_kind::object: return "object";
        case value_kind::array: return "array";
    }
    return "nothing";
}

inline value_kind kind_of(const nlohmann::json& value) noexcept {
    switch (value.type()) {
        case nlohmann::json::value_t::null: return value_kind::null;
        case nlohmann::json::value_t::string: return value_kind::string;
        case nlohmann::json::value_t::boolean: return value_kind::boolean;
        case nlohmann::json::value_t::object: return value_kind::object;
        case nlohmann::json::value_t::array: return value_kind::array;
        default: return value_kind::number;
    }
}

inline request_value view_of(const nlohmann::json& value) noexcept {
    if (const auto* text = value.get_ptr<const std::string*>()) return request_value::string(*text);
    return request_value::of_kind(kind_of(value));
}

SEAMID_COLD inline issue_path path_to(const issue_path& base, std::string_view field) {
    issue_path out;
    out.reserve(base.size() + 2);
    out = base;
    out.emplace_back(std::string(field));
    return out;
}

constexpr severity warning_level(const validation_options& options) noexcept {
    return options.rules == profile::strict ? severity::error : severity::warning;
}

SEAMID_COLD inline issue type_issue_for(issue_path path, std::string_view expected, value_kind received) {
    std::string message = "Expected ";
    message.append(expected).append(", received ").append(value_kind_name(received)).append(".");
    return {std::move(path), "invalid_type", severity::error, std::move(message), std::nullopt};
}

/// The first `limit` bytes of `text`, cut at a UTF-8 character boundary, with "..." when cut.
SEAMID_COLD inline std::string excerpt(std::string_view text, std::size_t limit = 64) {
    if (text.size() <= limit) return std::string(text);
    std::size_t end = limit;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    return std::string(text.substr(0, end)) + "...";
}

/// Lowercase ASCII with '_', '-', '.' and spaces dropped: "emailAddress", "e-mail" -> "emailaddress", "email".
inline std::string normalized_field(std::string_view name) {
    std::string out;
    for (const char c : name) {
        if (c == '_' || c == '-' || c == '.' || c == ' ') continue;
        out += ascii_lower(c);
    }
    return out;
}

/// Levenshtein distance, only called on short names (both <= 40 bytes).
inline std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::array<std::size_t, 41> row{};
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0u : 1u)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

/// The request fields of an operation, in the order issues are reported.
inline constexpr std::array<std::string_view, 5> create_fields{"user_identity_key", "email_address", "phone_number", "full_name",
                                                               "acs_system_ids"};
inline constexpr std::array<std::string_view, 5> update_fields{"user_identity_id", "user_identity_key", "email_address",
                                                               "phone_number", "full_name"};

/// The field an unknown member name was probably meant to be (a typo, camelCase, a common synonym), or "".
inline std::string_view probable_field(std::string_view name, request_operation operation) {
    if (name.size() > 40) return {};
    const std::string key = normalized_field(name);
    const auto& fields = operation == request_operation::create ? create_fields : update_fields;
    const auto allowed = [&](std::string_view field) {
        return std::find(fields.begin(), fields.end(), field) != fields.end() ? field : std::string_view();
    };
    struct alias { std::string_view from, to; };
    static constexpr std::array<alias, 29> aliases{{
        {"email", "email_address"}, {"mail", "email_address"}, {"emailaddr", "email_address"}, {"emails", "email_address"},
        {"emailid", "email_address"}, {"phone", "phone_number"}, {"phonenum", "phone_number"}, {"phoneno", "phone_number"},
        {"mobile", "phone_number"}, {"mobilenumber", "phone_number"}, {"mobilephone", "phone_number"}, {"cell", "phone_number"},
        {"cellphone", "phone_number"}, {"tel", "phone_number"}, {"telephone", "phone_number"}, {"phones", "phone_number"},
        {"name", "full_name"}, {"displayname", "full_name"}, {"username", "full_name"}, {"key", "user_identity_key"},
        {"identitykey", "user_identity_key"}, {"userkey", "user_identity_key"}, {"externalid", "user_identity_key"},
        {"id", "user_identity_id"}, {"identityid", "user_identity_id"}, {"userid", "user_identity_id"},
        {"acssystemid", "acs_system_ids"}, {"acssystems", "acs_system_ids"}, {"systemids", "acs_system_ids"},
    }};
    for (const auto& [from, to] : aliases)
        if (key == from) return allowed(to);
    std::string_view best;
    std::size_t best_distance = 3;  // accept at most 2 edits
    for (const auto field : fields) {
        const std::string known = normalized_field(field);
        if (key == known) return field;
        const std::size_t distance = edit_distance(key, known);
        if (distance < best_distance) { best = field; best_distance = distance; }
    }
    return best;
}

SEAMID_COLD inline issue unknown_field_issue(const issue_path& base, std::string_view name, request_operation operation, const validation_options& options) {
    const std::string_view endpoint = operation == request_operation::create ? "/user_identities/create" : "/user_identities/update";
    std::string message = "Unknown field '" + excerpt(name) + "': " + std::string(endpoint) + " ignores it.";
    issue found{path_to(base, name), "unknown_field", warning_level(options), {}, std::nullopt};
    if (const std::string_view meant = probable_field(name, operation); !meant.empty()) {
        message.append(" Did you mean '").append(meant).append("'?");
        found.suggestion = std::string(meant);
    } else {
        message.append(" Its fields are ");
        const auto& fields = operation == request_operation::create ? create_fields : update_fields;
        for (std::size_t i = 0; i < fields.size(); ++i) message.append(i == 0 ? "" : ", ").append(fields[i]);
        message.append(".");
    }
    found.message = std::move(message);
    return found;
}

/// Appends the issues of a string-or-null field (key, email, phone, full name). Allocates only when there is an issue.
inline void check_field(std::vector<issue>& out, const issue_path& base, std::string_view field, const request_value& value,
                        const validation_options& options) {
    if (value.kind == value_kind::absent || value.kind == value_kind::null) return;
    if (value.kind != value_kind::string) {
        out.push_back(type_issue_for(path_to(base, field), "a string or null", value.kind));
        return;
    }
    std::vector<issue> found;
    if (field == "email_address") {
        const auto check = check_email(value.text, options);
        if (check.count == 0) return;
        found = email_issues(check, value.text, path_to(base, field));
    } else if (field == "phone_number") {
        const auto check = check_phone(value.text, options);
        if (check.count == 0) return;
        found = phone_issues(check, path_to(base, field));
    } else {
        const auto check = check_text(value.text, options);
        if (check.count == 0) return;
        const auto which = field == "full_name" ? text_field::full_name : text_field::user_identity_key;
        found = text_issues(check, value.text, which, path_to(base, field));
    }
    for (auto& one : found) out.push_back(std::move(one));
}

inline void check_unknown_fields(std::vector<issue>& out, const issue_path& base, std::vector<std::string_view> names,
                                 request_operation operation, const validation_options& options) {
    detail::sort_items(names, [](std::string_view a, std::string_view b) { return a < b; });  // the same order whatever order the members came in
    for (const auto name : names) {
        out.push_back(unknown_field_issue(base, name, operation, options));
        cap_issues(out);
    }
}

constexpr bool sets_identifier(const request_value& value) noexcept { return value.kind == value_kind::string; }

}  // namespace detail

/// Validates a /user_identities/create body given as C++ values. `base` prefixes every issue's path.
[[nodiscard]] inline std::vector<issue> validate_create(const create_request& request, const validation_options& options = {},
                                                        const issue_path& base = {}) {
    std::vector<issue> out;
    detail::check_field(out, base, "user_identity_key", request.user_identity_key, options);
    detail::check_field(out, base, "email_address", request.email_address, options);
    detail::check_field(out, base, "phone_number", request.phone_number, options);
    detail::check_field(out, base, "full_name", request.full_name, options);
    const request_value& systems = request.acs_system_ids;
    if (systems.present() && systems.kind != value_kind::array) {
        out.push_back(detail::type_issue_for(detail::path_to(base, "acs_system_ids"), "an array of acs_system_id UUIDs", systems.kind));
    } else if (systems.kind == value_kind::array) {
        std::vector<std::pair<uuid128, std::size_t>> seen;  // id, index
        for (std::size_t i = 0; i < request.acs_system_id_items.size(); ++i) {
            const request_value& item = request.acs_system_id_items[i];
            if (item.kind != value_kind::string) {
                out.push_back(detail::type_issue_for(child_path(detail::path_to(base, "acs_system_ids"), i), "an acs_system_id (a UUID string)", item.kind));
            } else if (uuid128 id; !parse_uuid(item.text, id)) {
                out.push_back({child_path(detail::path_to(base, "acs_system_ids"), i), "invalid_uuid", severity::error,
                               "acs_system_id must be a UUID like 3fa85f64-5717-4562-b3fc-2c963f66afa6 (from /acs/systems/list).", std::nullopt});
            } else {
                seen.emplace_back(id, i);
            }
            detail::cap_issues(out);  // a list of a million bad ids: max_issues of them, and the count of the rest
        }
        detail::sort_items(seen, [](const auto& a, const auto& b) { return a.first < b.first; });
        std::vector<std::size_t> repeats;
        for (std::size_t k = 1; k < seen.size(); ++k)
            if (seen[k].first == seen[k - 1].first) repeats.push_back(seen[k].second);
        detail::sort_items(repeats, [](std::size_t a, std::size_t b) { return a < b; });
        for (const std::size_t i : repeats) {
            out.push_back({child_path(detail::path_to(base, "acs_system_ids"), i), "duplicate_acs_system_id", detail::warning_level(options),
                           "This acs_system_id is listed twice; list each access system once.", std::nullopt});
            detail::cap_issues(out);
        }
    }
    detail::check_unknown_fields(out, base, request.unknown_fields, request_operation::create, options);
    if (!detail::sets_identifier(request.user_identity_key) && !detail::sets_identifier(request.email_address) &&
        !detail::sets_identifier(request.phone_number))
        out.push_back({base, "no_identifier", detail::warning_level(options),
                       "The identity has no user_identity_key, email_address or phone_number, so nothing can find it again "
                       "(and no ACS user can be matched to it); set at least one.", std::nullopt});
    detail::cap_issues(out);
    if (out.size() > detail::max_issues) out.back().path = base;  // the too_many_issues error, at the request's path
    return out;
}

/// Validates a /user_identities/update body given as C++ values. `base` prefixes every issue's path.
[[nodiscard]] inline std::vector<issue> validate_update(const update_request& request, const validation_options& options = {},
                                                        const issue_path& base = {}) {
    std::vector<issue> out;
    const request_value& id = request.user_identity_id;
    if (!id.present()) {
        out.push_back({detail::path_to(base, "user_identity_id"), "missing_field", severity::error,
                       "user_identity_id is required: the ID (a UUID) of the user identity to update.", std::nullopt});
    } else if (id.kind != value_kind::string) {
        out.push_back(detail::type_issue_for(detail::path_to(base, "user_identity_id"), "a user_identity_id (a UUID string)", id.kind));
    } else if (!is_uuid(id.text)) {
        issue found{detail::path_to(base, "user_identity_id"), "invalid_uuid", severity::error,
                    "user_identity_id must be a UUID like 3fa85f64-5717-4562-b3fc-2c963f66afa6 (from /user_identities/list).", std::nullopt};
        if (const auto trimmed = unicode::trim_js_whitespace(id.text); is_uuid(trimmed)) found.suggestion = std::string(trimmed);
        out.push_back(std::move(found));
    }
    const std::array<std::pair<std::string_view, const request_value*>, 4> fields{{{"user_identity_key", &request.user_identity_key},
                                                                                    {"email_address", &request.email_address},
                                                                                    {"phone_number", &request.phone_number},
                                                                                    {"full_name", &request.full_name}}};
    bool changes = false;
    for (const auto& [name, value] : fields) {
        changes = changes || value->present();
        if (value->kind == value_kind::null)
            out.push_back({detail::path_to(base, name), "field_cleared", severity::info,
                           "The update clears " + std::string(name) + " (null). Omit the field to leave it unchanged.", std::nullopt});
        else detail::check_field(out, base, name, *value, options);
    }
    detail::check_unknown_fields(out, base, request.unknown_fields, request_operation::update, options);
    if (!changes) {
        out.push_back({base, "no_changes", detail::warning_level(options),
                       "The update changes nothing: send at least one of user_identity_key, email_address, phone_number, full_name.",
                       std::nullopt});
    } else if (request.user_identity_key.kind == value_kind::null && request.email_address.kind == value_kind::null &&
               request.phone_number.kind == value_kind::null) {
        out.push_back({base, "no_identifier", detail::warning_level(options),
                       "The update clears user_identity_key, email_address and phone_number, so nothing can find the identity again; "
                       "keep at least one.", std::nullopt});
    }
    detail::cap_issues(out);
    if (out.size() > detail::max_issues) out.back().path = base;  // the too_many_issues error, at the request's path
    return out;
}

/// The create_request view of a parsed JSON object (string views point into `body`, which must outlive it).
[[nodiscard]] inline create_request create_request_from_json(const nlohmann::json& body) {
    create_request request;
    if (!body.is_object()) return request;
    for (auto member = body.begin(); member != body.end(); ++member) {
        const std::string& key = member.key();
        if (key == "user_identity_key") request.user_identity_key = detail::view_of(*member);
        else if (key == "email_address") request.email_address = detail::view_of(*member);
        else if (key == "phone_number") request.phone_number = detail::view_of(*member);
        else if (key == "full_name") request.full_name = detail::view_of(*member);
        else if (key == "acs_system_ids") {
            request.acs_system_ids = detail::view_of(*member);
            if (member->is_array()) {
                request.acs_system_id_items.reserve(member->size());
                for (const auto& item : *member) request.acs_system_id_items.push_back(detail::view_of(item));
            }
        } else {
            request.unknown_fields.push_back(key);
        }
    }
    return request;
}

/// The update_request view of a parsed JSON object (string views point into `body`, which must outlive it).
[[nodiscard]] inline update_request update_request_from_json(const nlohmann::json& body) {
    update_request request;
    if (!body.is_object()) return request;
    for (auto member = body.begin(); member != body.end(); ++member) {
        const std::string& key = member.key();
        if (key == "user_identity_id") request.user_identity_id = detail::view_of(*member);
        else if (key == "user_identity_key") request.user_identity_key = detail::view_of(*member);
        else if (key == "email_address") request.email_address = detail::view_of(*member);
        else if (key == "phone_number") request.phone_number = detail::view_of(*member);
        else if (key == "full_name") request.full_name = detail::view_of(*member);
        else request.unknown_fields.push_back(key);
    }
    return request;
}

/// The invalid_type error for a request body that is not a JSON object (`received` is its kind).
[[nodiscard]] SEAMID_COLD inline issue request_body_type_issue(const issue_path& base, value_kind received) {
    return detail::type_issue_for(base, "an object (the request body)", received);
}

/// Validates a /user_identities/create body given as parsed JSON. `base` prefixes every issue's path
/// (e.g. {std::size_t{row}} for a row of a bulk import).
[[nodiscard]] inline std::vector<issue> validate_create(const nlohmann::json& request, const validation_options& options = {},
                                                        const issue_path& base = {}) {
    if (!request.is_object()) return {request_body_type_issue(base, detail::kind_of(request))};
    return validate_create(create_request_from_json(request), options, base);
}

/// Validates a /user_identities/update body given as parsed JSON. `base` prefixes every issue's path.
[[nodiscard]] inline std::vector<issue> validate_update(const nlohmann::json& request, const validation_options& options = {},
                                                        const issue_path& base = {}) {
    if (!request.is_object()) return {request_body_type_issue(base, detail::kind_of(request))};
    return validate_update(update_request_from_json(request), options, base);
}

/// Validates a /user_identities/create body given as JSON text (malformed JSON: one invalid_json error at `base`).
[[nodiscard]] inline std::vector<issue> validate_create(std::string_view json_text, const validation_options& options = {},
                                                        const issue_path& base = {}) {
    auto parsed = parse_json(json_text);
    if (!parsed.ok()) {
        for (auto& found : parsed.issues) found.path = base;
        return std::move(parsed.issues);
    }
    return validate_create(parsed.value, options, base);
}

/// Validates a /user_identities/update body given as JSON text (malformed JSON: one invalid_json error at `base`).
[[nodiscard]] inline std::vector<issue> validate_update(std::string_view json_text, const validation_options& options = {},
                                                        const issue_path& base = {}) {
    auto parsed = parse_json(json_text);
    if (!parsed.ok()) {
        for (auto& found : parsed.issues) found.path = base;
        return std::move(parsed.issues);
    }
    return validate_update(parsed.value, options, base);
}

/// JSON text as std::string (resolves the overload a std::string would otherwise find ambiguous).
[[nodiscard]] inline std::vector<issue> validate_create(const std::string& json_text, const validation_options& options = {},
                                                        const issue_path& base = {}) {
    return validate_create(std::string_view(json_text), options, base);
}

/// JSON text as std::string (resolves the overload a std::string would otherwise find ambiguous).
[[nodiscard]] inline std::vector<issue> validate_update(const std::string& json_text, const validation_options& options = {},
                                                        const issue_path& base = {}) {
    return validate_update(std::string_view(json_text), options, base);
}

/// JSON text as a C string literal.
[[nodiscard]] inline std::vector<issue> validate_create(const char* json_text, const validation_options& options = {},
                                                        const issue_path& base = {}) {
    return validate_create(std::string_view(json_text == nullptr ? "" : json_text), options, base);
}

/// JSON text as a C string literal.
[[nodiscard]] inline std::vector<issue> validate_update(const char* json_text, const validation_options& options = {},
                                                        const issue_path& base = {}) {
    return validate_update(std::string_view(json_text == nullptr ? "" : json_text), options, base);
}

}  // namespace seamid
