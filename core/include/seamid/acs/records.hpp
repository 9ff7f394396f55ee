// The records the ACS model holds (ACS systems, ACS users, user identities), the fields it reads of each, and the packed link entries a preflight reads.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

#include "seamid/acs/contacts.hpp"
#include "seamid/common/uuid.hpp"
#include "seamid/json/dom.hpp"

namespace seamid {

namespace detail {

/// The record fields the model reads (of any of the three record kinds), in one fixed order.
enum class acs_key : std::uint8_t {
    acs_system_id, acs_user_id, user_identity_id, name, external_type, user_identity_key,
    email_address, email, phone_number, full_name, display_name, is_suspended
};
inline constexpr std::size_t acs_key_count = 12;

/// The JSON member name of a field.
[[nodiscard]] constexpr std::string_view acs_key_name(acs_key key) noexcept {
    constexpr std::string_view names[acs_key_count] = {"acs_system_id", "acs_user_id", "user_identity_id", "name",
                                                       "external_type", "user_identity_key", "email_address", "email",
                                                       "phone_number", "full_name", "display_name", "is_suspended"};
    return names[static_cast<std::size_t>(key)];
}

/// The field a member name is, or false when the model does not read it.
[[nodiscard]] constexpr bool find_acs_key(std::string_view name, acs_key& out) noexcept {
    for (std::size_t i = 0; i < acs_key_count; ++i)
        if (acs_key_name(static_cast<acs_key>(i)) == name) {
            out = static_cast<acs_key>(i);
            return true;
        }
    return false;
}

/// The JSON type of a captured member (absent: not in the record).
enum class acs_value_kind : std::uint8_t { absent, null, boolean, number, string, object, array };

/// An invalid_type issue worded like type_issue(): "Expected <expected>, received <type>."
[[nodiscard]] inline issue acs_type_issue(issue_path path, std::string_view expected, acs_value_kind kind) {
    constexpr std::string_view names[] = {"null", "null", "boolean", "number", "string", "object", "array"};
    std::string message = "Expected ";
    message.append(expected).append(", received ").append(names[static_cast<std::size_t>(kind)]).append(".");
    return {std::move(path), "invalid_type", severity::error, std::move(message), std::nullopt};
}

/// The members of one record the model reads: their JSON types, string values and is_suspended's value.
/// Filled from a JSON object or straight from the streaming parser's events (no JSON tree per record);
/// a member given twice keeps its last value, as a JSON object does.
struct acs_record_fields {
    std::array<acs_value_kind, acs_key_count> kinds{};
    std::array<std::string, acs_key_count> texts;  ///< kept between records so their buffers are reused
    bool is_suspended = false;

    [[nodiscard]] acs_value_kind kind_of(acs_key key) const noexcept { return kinds[static_cast<std::size_t>(key)]; }
    [[nodiscard]] const std::string& text_of(acs_key key) const noexcept { return texts[static_cast<std::size_t>(key)]; }
    void clear() noexcept { kinds.fill(acs_value_kind::absent); }

    /// Records the value of one member.
    void set(acs_key key, acs_value_kind kind, std::string_view text = {}, bool flag = false) {
        const auto i = static_cast<std::size_t>(key);
        kinds[i] = kind;
        if (kind == acs_value_kind::string) texts[i].assign(text.data(), text.size());
        if (key == acs_key::is_suspended) is_suspended = flag;
    }

    /// Captures the members of a JSON object.
    void read(const nlohmann::json& object) {
        clear();
        for (auto it = object.begin(); it != object.end(); ++it) {
            acs_key key;
            if (!find_acs_key(it.key(), key)) continue;
            const nlohmann::json& value = it.value();
            switch (value.type()) {
                case nlohmann::json::value_t::null: set(key, acs_value_kind::null); break;
                case nlohmann::json::value_t::boolean: set(key, acs_value_kind::boolean, {}, value.get<bool>()); break;
                case nlohmann::json::value_t::string: set(key, acs_value_kind::string, value.get_ref<const std::string&>()); break;
                case nlohmann::json::value_t::object: set(key, acs_value_kind::object); break;
                case nlohmann::json::value_t::array: set(key, acs_value_kind::array); break;
                default: set(key, acs_value_kind::number); break;
            }
        }
    }
};

/// Where a record sits, turned into an issue path only when an issue is reported (most records have none).
struct acs_record_location {
    const issue_path* parent = nullptr;
    std::size_t index = 0;
    bool indexed = false;  ///< true: the record is element `index` of the array at `parent`

    /// The record's path.
    [[nodiscard]] issue_path path() const { return indexed ? child_path(*parent, index) : *parent; }
    /// The path of one of its members.
    [[nodiscard]] issue_path field(std::string_view name) const {
        issue_path out = path();
        out.emplace_back(std::string(name));
        return out;
    }
};

}  // namespace detail

/// An ACS system as the model holds it (a subset of Seam's acs_system).
struct acs_system_record {
    uuid128 id;
    std::string name;
    std::string external_type;
    bool listed = false;               ///< came from /acs/systems/list (false: only referenced by ACS users)
    std::uint32_t acs_user_count = 0;  ///< present ACS users in this system
    std::uint32_t generation = 0;      ///< load that last listed it (duplicate detection)
};

/// A user identity as the model holds it (a subset of Seam's user_identity).
struct user_identity_record {
    uuid128 id;
    std::optional<std::string> user_identity_key;
    std::optional<std::string> email_address;
    std::optional<std::string> phone_number;
    std::optional<std::string> full_name;
    std::string display_name;
    bool listed = false;                  ///< came from /user_identities/list (false: only referenced)
    std::uint32_t first_acs_user = 0xFFFFFFFFu;  ///< head of the list of its ACS users
    std::uint32_t acs_user_count = 0;
    std::uint32_t generation = 0;
};

/// An ACS user as the model holds it (a subset of Seam's acs_user).
struct acs_user_record {
    uuid128 id;
    std::uint32_t system = 0xFFFFFFFFu;            ///< index into acs_systems()
    std::uint32_t identity = 0xFFFFFFFFu;          ///< index into user_identities(), none when unlinked
    std::uint32_t next_of_identity = 0xFFFFFFFFu;  ///< next ACS user of the same identity
    std::uint32_t next_same_email = 0xFFFFFFFFu;   ///< next ACS user with the same contact hash
    std::uint32_t next_same_phone = 0xFFFFFFFFu;
    std::optional<std::string> full_name;
    std::optional<std::string> email_address;
    std::optional<std::string> phone_number;
    std::string display_name;
    bool is_suspended = false;
    bool present = false;  ///< false once deleted (the slot stays for a later put)
    std::uint32_t generation = 0;
};

/// What a link check reads of an ACS user, packed in 16 bytes (hot/cold split): the model keeps these next to the
/// full records so a preflight touches one small entry per ACS user instead of a record with its names and contacts.
struct acs_user_link {
    std::uint32_t system = 0xFFFFFFFFu;            ///< as acs_user_record::system
    std::uint32_t identity = 0xFFFFFFFFu;          ///< as acs_user_record::identity
    std::uint32_t next_of_identity = 0xFFFFFFFFu;  ///< as acs_user_record::next_of_identity
    std::uint32_t present = 0;                     ///< 1 when acs_user_record::present
    friend constexpr bool operator==(const acs_user_link&, const acs_user_link&) = default;
};

/// What a link check reads of a user identity, packed in 8 bytes (see acs_user_link).
struct user_identity_link {
    std::uint32_t first_acs_user = 0xFFFFFFFFu;  ///< as user_identity_record::first_acs_user
    std::uint32_t listed = 0;                    ///< 1 when user_identity_record::listed
    friend constexpr bool operator==(const user_identity_link&, const user_identity_link&) = default;
};

/// The three list endpoints a snapshot holds, also the snapshot's keys.
enum class acs_section : std::uint8_t { acs_systems, acs_users, user_identities };

/// The snapshot key of a section: "acs_systems", "acs_users" or "user_identities".
[[nodiscard]] constexpr std::string_view acs_section_name(acs_section section) noexcept {
    switch (section) {
        case acs_section::acs_systems: return "acs_systems";
        case acs_section::acs_users: return "acs_users";
        case acs_section::user_identities: return "user_identities";
    }
    return "acs_users";
}

}  // namespace seamid
