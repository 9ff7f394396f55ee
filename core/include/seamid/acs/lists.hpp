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
#include "seamid/detail/sort.hpp"

namespace seamid {

/// One record as JSON, with the fields the model keeps (Seam's names).
[[nodiscard]] inline nlohmann::json acs_user_to_json(const acs_model& model, std::uint32_t index) {
    const acs_user_record& u = model.acs_users()[index];
    const auto text = [](const std::optional<std::string>& value) { return value ? nlohmann::json(*value) : nlohmann::json(nullptr); };
    nlohmann::json out = {{"acs_user_id", to_string(u.id)},
                          {"acs_system_id", to_string(model.acs_systems()[u.system].id)},
                          {"user_identity_id", u.identity == acs_model::none ? nlohmann::json(nullptr)
                                                                              : nlohmann::json(to_string(model.user_identities()[u.identity].id))},
                          {"full_name", text(u.full_name)},
                          {"display_name", u.display_name},
                          {"email_address", text(u.email_address)},
                          {"phone_number", text(u.phone_number)},
                          {"is_suspended", u.is_suspended}};
    return out;
}

/// An ACS system as JSON: acs_system_id, name, external_type (null when unknown).
[[nodiscard]] inline nlohmann::json acs_system_to_json(const acs_model& model, std::uint32_t index) {
    const acs_system_record& s = model.acs_systems()[index];
    return {{"acs_system_id", to_string(s.id)},
            {"name", s.listed ? nlohmann::json(s.name) : nlohmann::json(nullptr)},
            {"external_type", s.external_type.empty() ? nlohmann::json(nullptr) : nlohmann::json(s.external_type)}};
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
