// Lists derived from the ACS model (/user_identities/list_acs_users, list_acs_systems) and records as JSON.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "seamid/acs/model.hpp"
#include "seamid/json/writer.hpp"
#include "seamid/detail/sort.hpp"

namespace seamid {

/// Appends an optional string, or null.
inline void append_json_optional(std::string& out, const std::optional<std::string>& value) {
    if (value) append_json_string(out, *value);
    else out += "null";
}

/// Appends an ACS user with the fields the model keeps (Seam's names, sorted).
inline void append_acs_user_json(std::string& out, const acs_model& model, std::uint32_t index) {
    const acs_user_record& u = model.acs_users()[index];
    out += "{\"acs_system_id\":";
    append_json_string(out, to_string(model.acs_systems()[u.system].id));
    out += ",\"acs_user_id\":";
    append_json_string(out, to_string(u.id));
    out += ",\"display_name\":";
    append_json_string(out, u.display_name);
    out += ",\"email_address\":";
    append_json_optional(out, u.email_address);
    out += ",\"full_name\":";
    append_json_optional(out, u.full_name);
    out += ",\"is_suspended\":";
    append_json_bool(out, u.is_suspended);
    out += ",\"phone_number\":";
    append_json_optional(out, u.phone_number);
    out += ",\"user_identity_id\":";
    if (u.identity == acs_model::none) out += "null";
    else append_json_string(out, to_string(model.user_identities()[u.identity].id));
    out += '}';
}

/// Appends an ACS system: acs_system_id, external_type (null when unknown), name (null when not listed).
inline void append_acs_system_json(std::string& out, const acs_model& model, std::uint32_t index) {
    const acs_system_record& s = model.acs_systems()[index];
    out += "{\"acs_system_id\":";
    append_json_string(out, to_string(s.id));
    out += ",\"external_type\":";
    if (s.external_type.empty()) out += "null";
    else append_json_string(out, s.external_type);
    out += ",\"name\":";
    if (s.listed) append_json_string(out, s.name);
    else out += "null";
    out += '}';
}

/// One ACS user as parsed JSON (from append_acs_user_json's text).
[[nodiscard]] inline nlohmann::json acs_user_to_json(const acs_model& model, std::uint32_t index) {
    std::string out;
    append_acs_user_json(out, model, index);
    return nlohmann::json::parse(out, nullptr, false);
}

/// An ACS system as parsed JSON (from append_acs_system_json's text).
[[nodiscard]] inline nlohmann::json acs_system_to_json(const acs_model& model, std::uint32_t index) {
    std::string out;
    append_acs_system_json(out, model, index);
    return nlohmann::json::parse(out, nullptr, false);
}

/// The result of a derived list: record indexes in a stable order, or the issue explaining why there are none.
struct acs_list {
    std::vector<std::uint32_t> items;
    std::vector<issue> issues;
    [[nodiscard]] bool ok() const noexcept { return !has_errors(issues); }
};

namespace detail {

/// Finds a known identity for a derived list, or fills the issue.
inline std::uint32_t list_identity(const acs_model& model, std::string_view user_identity_id, std::vector<issue>& issues) {
    uuid128 id;
    if (!parse_uuid(user_identity_id, id)) {
        issues.push_back(acs_issue(acs_code::invalid_uuid, {std::string("user_identity_id")}, acs_message_args{}.with_field(acs_field::user_identity_id)));
        return acs_model::none;
    }
    const std::uint32_t index = model.find_user_identity(id);
    if (!model.user_identity_known(index)) {
        issues.push_back(acs_issue(acs_code::user_identity_not_found, {std::string("user_identity_id")}, acs_message_args{}.with_user_identity_id(user_identity_id)));
        return acs_model::none;
    }
    return index;
}

/// Orders systems by name, then id.
inline bool system_before(const acs_model& model, std::uint32_t a, std::uint32_t b) {
    const acs_system_record& x = model.acs_systems()[a];
    const acs_system_record& y = model.acs_systems()[b];
    if (x.name != y.name) return x.name < y.name;
    return x.id < y.id;
}

}  // namespace detail

/// /user_identities/list_acs_users derived from the model: the identity's ACS users, ordered by system then id.
[[nodiscard]] inline acs_list list_acs_users(const acs_model& model, std::string_view user_identity_id) {
    acs_list out;
    const std::uint32_t identity = detail::list_identity(model, user_identity_id, out.issues);
    if (identity == acs_model::none) return out;
    model.for_each_acs_user_of(identity, [&](std::uint32_t i) { out.items.push_back(i); });
    detail::sort_indexes(
        out.items,
        [](const void* context, std::uint32_t a, std::uint32_t b) {
            const acs_model& m = *static_cast<const acs_model*>(context);
            const acs_user_record& x = m.acs_users()[a];
            const acs_user_record& y = m.acs_users()[b];
            if (x.system != y.system) return detail::system_before(m, x.system, y.system);
            return x.id < y.id;
        },
        &model);
    return out;
}

/// /user_identities/list_acs_systems derived from the model: the systems of the identity's ACS users, by name.
[[nodiscard]] inline acs_list list_acs_systems(const acs_model& model, std::string_view user_identity_id) {
    acs_list out;
    const std::uint32_t identity = detail::list_identity(model, user_identity_id, out.issues);
    if (identity == acs_model::none) return out;
    model.for_each_acs_user_of(identity, [&](std::uint32_t i) { out.items.push_back(model.acs_users()[i].system); });
    detail::sort_indexes(
        out.items, [](const void* context, std::uint32_t a, std::uint32_t b) { return detail::system_before(*static_cast<const acs_model*>(context), a, b); }, &model);
    out.items.erase(std::unique(out.items.begin(), out.items.end()), out.items.end());
    return out;
}


}  // namespace seamid
