// The ACS-link model (seam-spec §3): ACS systems, ACS users and user identities as loaded from the JSON of
// /acs/systems/list, /acs/users/list and /user_identities/list, kept current by incremental puts and deletes.
// Every id is held as 128 bits; a link is acs_user.user_identity_id (the field /acs/users/list returns).
#pragma once

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "seamid/acs/codes.hpp"
#include "seamid/detail/prefetch.hpp"
#include "seamid/common/issue.hpp"
#include "seamid/json/dom.hpp"
#include "seamid/json/sax.hpp"
#include "seamid/common/unicode.hpp"
#include "seamid/common/uuid.hpp"

namespace seamid {

/// A UUID as 128 bits: the model's key for every id. Two spellings that differ only in case are one id.
struct model_id {
    std::uint64_t high = 0;
    std::uint64_t low = 0;
    friend constexpr bool operator==(const model_id&, const model_id&) = default;
};

namespace detail {

inline constexpr std::uint64_t id_byte_ones = 0x0101010101010101ull;

/// Eight characters as one little-endian word: one unaligned load at run time (x86, arm64 and wasm are
/// little-endian; on a big-endian host the byte loop below gives the same word).
[[nodiscard]] constexpr std::uint64_t load_id_chars(const char* p) noexcept {
    if (!std::is_constant_evaluated() && std::endian::native == std::endian::little) {
        std::uint64_t word;
        std::memcpy(&word, p, sizeof word);
        return word;
    }
    std::uint64_t word = 0;
    for (int i = 7; i >= 0; --i) word = (word << 8) | static_cast<unsigned char>(p[i]);
    return word;
}

/// Decodes eight hex digits (any case) held in a word, first digit in the low byte, into their 32-bit value;
/// false when any byte is not a hex digit. Branch-free SWAR: every byte is tested and converted at once.
[[nodiscard]] constexpr bool decode_hex_word(std::uint64_t word, std::uint32_t& out) noexcept {
    constexpr std::uint64_t ones = id_byte_ones, high = 0x80 * ones;
    // With every byte < 0x80, adding a constant below 0x80 to each byte never carries into the next one.
    const std::uint64_t digit = (word + (0x80 - '0') * ones) & ~(word + (0x80 - '9' - 1) * ones);
    const std::uint64_t folded = word | (0x20 * ones);  // 'A'-'F' -> 'a'-'f'
    const std::uint64_t letter = (folded + (0x80 - 'a') * ones) & ~(folded + (0x80 - 'f' - 1) * ones);
    if ((word & high) != 0 || ((digit | letter) & high) != high) return false;
    // The nibble of each byte: its low four bits, plus 9 for a letter ('a' = 0x61 -> 1 + 9).
    std::uint64_t nibbles = (word & (0x0F * ones)) + ((letter & high) >> 7) * 9;
    // Pack: byte 0 holds the most significant digit.
    nibbles = ((nibbles << 4) | (nibbles >> 8)) & 0x00FF00FF00FF00FFull;  // digit pairs: one byte per 16 bits
    nibbles = ((nibbles << 8) | (nibbles >> 16)) & 0x0000FFFF0000FFFFull;  // four digits per 32 bits
    out = static_cast<std::uint32_t>((nibbles << 16) | (nibbles >> 32));
    return true;
}

}  // namespace detail

/// Parses a UUID as zod's .uuid() accepts it (8-4-4-4-12 hex digits, any case); false when it is not one
/// (exactly seamid::is_uuid). One pass, eight digits per step.
[[nodiscard]] constexpr bool parse_model_id(std::string_view text, model_id& out) noexcept {
    if (text.size() != 36) return false;
    const char* p = text.data();
    if (p[8] != '-' || p[13] != '-' || p[18] != '-' || p[23] != '-') return false;
    // Four words of eight digits: 0-7, 9-12 + 14-17, 19-22 + 24-27, 28-35.
    const std::uint64_t low_half = 0xFFFFFFFFull;
    std::uint32_t a = 0, b = 0, c = 0, d = 0;
    // Combined with & (not &&): four independent, branch-free decodes rather than four branches.
    const unsigned ok = static_cast<unsigned>(detail::decode_hex_word(detail::load_id_chars(p), a)) &
                        static_cast<unsigned>(detail::decode_hex_word((detail::load_id_chars(p + 9) & low_half) | (detail::load_id_chars(p + 14) << 32), b)) &
                        static_cast<unsigned>(detail::decode_hex_word((detail::load_id_chars(p + 19) & low_half) | (detail::load_id_chars(p + 24) << 32), c)) &
                        static_cast<unsigned>(detail::decode_hex_word(detail::load_id_chars(p + 28), d));
    if (ok == 0) return false;
    out = {static_cast<std::uint64_t>(a) << 32 | b, static_cast<std::uint64_t>(c) << 32 | d};
    return true;
}

/// Writes the canonical lowercase text of an id (36 characters) to `out`.
constexpr void write_model_id(const model_id& id, char* out) noexcept {
    constexpr char digits[] = "0123456789abcdef";
    // Where the 16 bytes of the id go (two digits each), skipping the four dashes.
    constexpr unsigned at[16] = {0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34};
    for (unsigned i = 0; i < 16; ++i) {
        const std::uint64_t part = i < 8 ? id.high : id.low;
        const unsigned byte = static_cast<unsigned>(part >> (56 - 8 * (i % 8))) & 0xFF;
        out[at[i]] = digits[byte >> 4];
        out[at[i] + 1] = digits[byte & 0xF];
    }
    out[8] = out[13] = out[18] = out[23] = '-';
}

/// The canonical lowercase text of an id.
[[nodiscard]] inline std::string to_string(const model_id& id) {
    std::string out(36, '0');
    write_model_id(id, out.data());
    return out;
}

namespace detail {

/// A well-mixed 64-bit hash of an id (ids may be sequential, so the halves are mixed, not just xored).
[[nodiscard]] constexpr std::uint64_t hash_model_id(const model_id& id) noexcept {
    std::uint64_t h = id.high ^ (id.low * 0x9E3779B97F4A7C15ull);
    h ^= h >> 31;
    h *= 0xD6E8FEB86659FD93ull;
    h ^= h >> 32;
    return h;
}

/// Open-addressing hash table (linear probing) from a key to a 32-bit value. Keys are never erased:
/// the model keeps a record's slot when it is deleted, so a later put reuses it.
template <class Key, std::uint64_t (*Hash)(const Key&) noexcept>
class flat_table {
public:
    static constexpr std::uint32_t none = 0xFFFFFFFFu;

    /// The value stored for `key`, or `none`.
    [[nodiscard]] std::uint32_t find(const Key& key) const noexcept {
        if (slots_.empty()) return none;
        const std::size_t mask = slots_.size() - 1;
        for (std::size_t i = Hash(key) & mask;; i = (i + 1) & mask) {
            const slot& s = slots_[i];
            if (!s.used) return none;
            if (s.key == key) return s.value;
        }
    }

    /// The value slot of `key`, inserted (holding `none`) when absent. Valid until the next insertion.
    [[nodiscard]] std::uint32_t& find_or_insert(const Key& key) {
        if ((used_ + 1) * 2 > slots_.size()) grow();
        const std::size_t mask = slots_.size() - 1;
        for (std::size_t i = Hash(key) & mask;; i = (i + 1) & mask) {
            slot& s = slots_[i];
            if (!s.used) {
                s = {key, none, true};
                ++used_;
                return s.value;
            }
            if (s.key == key) return s.value;
        }
    }

    /// Starts loading the first probe position of `key` (see prefetch_for_read).
    void prefetch(const Key& key) const noexcept {
        if (!slots_.empty()) prefetch_for_read(&slots_[Hash(key) & (slots_.size() - 1)]);
    }

    /// Makes room for `count` keys without rehashing.
    void reserve(std::size_t count) {
        std::size_t capacity = 16;
        while (capacity < count * 2) capacity *= 2;
        if (capacity > slots_.size()) rehash(capacity);
    }

private:
    struct slot {
        Key key{};
        std::uint32_t value = none;
        bool used = false;
    };
    std::vector<slot> slots_;
    std::size_t used_ = 0;

    void grow() { rehash(slots_.empty() ? 16 : slots_.size() * 2); }
    void rehash(std::size_t capacity) {
        std::vector<slot> old(capacity);
        old.swap(slots_);
        const std::size_t mask = capacity - 1;
        for (const slot& s : old) {
            if (!s.used) continue;
            std::size_t i = Hash(s.key) & mask;
            while (slots_[i].used) i = (i + 1) & mask;
            slots_[i] = s;
        }
    }
};

inline std::uint64_t hash_u64(const std::uint64_t& key) noexcept { return key * 0x9E3779B97F4A7C15ull ^ (key >> 29); }

/// FNV-1a over the bytes of `text`, continuing from `h`.
[[nodiscard]] constexpr std::uint64_t fnv1a(std::string_view text, std::uint64_t h = 0xcbf29ce484222325ull) noexcept {
    for (const char c : text) {
        h ^= static_cast<unsigned char>(c);
        h *= 0x100000001b3ull;
    }
    return h;
}

/// ASCII lowercase of one character.
[[nodiscard]] constexpr char ascii_lower(char c) noexcept { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

}  // namespace detail

/// True when two email addresses are the same ignoring ASCII case (the rule seamid uses to match and compare
/// ACS users' and identities' emails; seam-spec §2 treats case variants as the same person).
[[nodiscard]] constexpr bool same_email(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (detail::ascii_lower(a[i]) != detail::ascii_lower(b[i])) return false;
    return true;
}

/// True when two phone numbers are the same after Seam's trim (seam-spec §1: phone_number is trimmed).
[[nodiscard]] constexpr bool same_phone(std::string_view a, std::string_view b) noexcept {
    return unicode::trim_js_whitespace(a) == unicode::trim_js_whitespace(b);
}

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
    model_id id;
    std::string name;
    std::string external_type;
    bool listed = false;               ///< came from /acs/systems/list (false: only referenced by ACS users)
    std::uint32_t acs_user_count = 0;  ///< present ACS users in this system
    std::uint32_t generation = 0;      ///< load that last listed it (duplicate detection)
};

/// A user identity as the model holds it (a subset of Seam's user_identity).
struct user_identity_record {
    model_id id;
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
    model_id id;
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

/// ACS systems, ACS users and user identities with their links, indexed for preflight checks.
/// Never throws; bad records are reported as issues and left out, so the model is always consistent.
class acs_model {
public:
    static constexpr std::uint32_t none = 0xFFFFFFFFu;

    /// Loads a snapshot given as JSON text, streaming (no whole-document tree): see load().
    [[nodiscard]] std::vector<issue> load_text(std::string_view text);

    /// Loads a snapshot {"acs_systems": …, "acs_users": …, "user_identities": …}; each value is the array of
    /// records or the list endpoint's whole response object ({"acs_users": [...], "pagination": …}). Every key
    /// is optional; call again for more pages. A record whose id is already loaded by this call is a
    /// duplicate_id error (the first one stays); a record with a missing or non-UUID id is left out.
    [[nodiscard]] std::vector<issue> load(const nlohmann::json& snapshot) {
        std::vector<issue> issues;
        begin_load();
        if (!snapshot.is_object()) {
            issues.push_back(type_issue({}, "a snapshot object", snapshot));
            return issues;
        }
        bool any = false;
        for (const acs_section section : {acs_section::acs_systems, acs_section::acs_users, acs_section::user_identities}) {
            const auto found = snapshot.find(acs_section_name(section));
            if (found == snapshot.end()) continue;
            any = true;
            issue_path path{std::string(acs_section_name(section))};
            const nlohmann::json* records = &*found;
            if (records->is_object()) {
                const auto inner = records->find(acs_section_name(section));
                if (inner == records->end()) {
                    issues.push_back(missing_records(path, section));
                    continue;
                }
                path.emplace_back(std::string(acs_section_name(section)));
                records = &*inner;
            }
            if (!records->is_array()) {
                issues.push_back(type_issue(path, "an array of records or the list endpoint's response object", *records));
                continue;
            }
            note_section(section);
            for (std::size_t i = 0; i < records->size(); ++i)
                put_record(section, (*records)[i], child_path(path, i), true, issues);
        }
        if (!any) issues.push_back(acs_issue(acs_code::empty_snapshot, {}));
        return issues;
    }

    /// Adds or replaces one ACS system (an acs_system object); issues say why it was refused, if it was.
    [[nodiscard]] std::vector<issue> put_acs_system(const nlohmann::json& record, const issue_path& path = {}) {
        std::vector<issue> issues;
        note_section(acs_section::acs_systems);
        put_record(acs_section::acs_systems, record, path, false, issues);
        return issues;
    }
    /// Adds or replaces one ACS user (an acs_user object, e.g. from /acs/users/create or /acs/users/get).
    [[nodiscard]] std::vector<issue> put_acs_user(const nlohmann::json& record, const issue_path& path = {}) {
        std::vector<issue> issues;
        put_record(acs_section::acs_users, record, path, false, issues);
        return issues;
    }
    /// Adds or replaces one user identity (a user_identity object).
    [[nodiscard]] std::vector<issue> put_user_identity(const nlohmann::json& record, const issue_path& path = {}) {
        std::vector<issue> issues;
        put_record(acs_section::user_identities, record, path, false, issues);
        return issues;
    }

    /// Deletes an ACS user (event acs_user.deleted). False when it is not in the model.
    bool delete_acs_user(std::string_view acs_user_id) {
        const std::uint32_t index = find_acs_user(acs_user_id);
        if (index == none || !acs_users_[index].present) return false;
        erase_acs_user(index);
        return true;
    }
    /// Deletes a user identity and, as Seam's /user_identities/delete does, its ACS users. False when absent.
    bool delete_user_identity(std::string_view user_identity_id) {
        const std::uint32_t index = find_user_identity(user_identity_id);
        if (index == none || !identities_[index].listed) return false;
        while (identities_[index].first_acs_user != none) erase_acs_user(identities_[index].first_acs_user);
        identities_[index] = blank<user_identity_record>(identities_[index].id);
        sync_identity(index);
        --identity_count_;
        return true;
    }
    /// Deletes an ACS system and the ACS users in it. False when absent.
    bool delete_acs_system(std::string_view acs_system_id) {
        const std::uint32_t index = find_acs_system(acs_system_id);
        if (index == none || !acs_system_known(index)) return false;
        for (std::uint32_t i = 0; i < acs_users_.size() && systems_[index].acs_user_count > 0; ++i)
            if (acs_users_[i].present && acs_users_[i].system == index) erase_acs_user(i);
        systems_[index] = blank<acs_system_record>(systems_[index].id);
        return true;
    }

    /// Links (or, with identity == none, unlinks) an ACS user without any check. Preflight first
    /// (acs_preflight.hpp: link_acs_user / unlink_acs_user do both).
    void set_link(std::uint32_t acs_user, std::uint32_t identity) {
        acs_user_record& record = acs_users_[acs_user];
        if (record.identity == identity) return;
        if (record.identity != none) detach_from_identity(acs_user);
        if (identity != none) attach_to_identity(acs_user, identity);
    }

    /// Index of an identity record (listed or only referenced), none when the id is unknown or not a UUID.
    [[nodiscard]] std::uint32_t find_user_identity(std::string_view id) const noexcept { return find_in(identity_index_, id); }
    /// Index of an ACS user record (present or deleted), none when unknown.
    [[nodiscard]] std::uint32_t find_acs_user(std::string_view id) const noexcept { return find_in(acs_user_index_, id); }
    /// Index of an ACS system record (listed or only referenced), none when unknown.
    [[nodiscard]] std::uint32_t find_acs_system(std::string_view id) const noexcept { return find_in(system_index_, id); }
    /// Same three look-ups by parsed id.
    [[nodiscard]] std::uint32_t find_user_identity(const model_id& id) const noexcept { return identity_index_.find(id); }
    [[nodiscard]] std::uint32_t find_acs_user(const model_id& id) const noexcept { return acs_user_index_.find(id); }
    [[nodiscard]] std::uint32_t find_acs_system(const model_id& id) const noexcept { return system_index_.find(id); }

    /// Starts loading what find_user_identity(identity) and find_acs_user(acs_user) read (batched link checks).
    void prefetch_link_ids(const model_id& identity, const model_id& acs_user) const noexcept {
        identity_index_.prefetch(identity);
        acs_user_index_.prefetch(acs_user);
    }
    /// Starts loading the packed link entries of an identity and an ACS user (indexes may be none).
    void prefetch_link_entries(std::uint32_t identity, std::uint32_t acs_user) const noexcept {
        if (identity < identity_links_.size()) detail::prefetch_for_read(&identity_links_[identity]);
        if (acs_user < acs_user_links_.size()) detail::prefetch_for_read(&acs_user_links_[acs_user]);
    }

    /// True when the identity at `index` is in the model (listed by /user_identities/list or put).
    [[nodiscard]] bool user_identity_known(std::uint32_t index) const noexcept { return index != none && identity_links_[index].listed != 0; }
    /// True when the ACS user at `index` is in the model.
    [[nodiscard]] bool acs_user_known(std::uint32_t index) const noexcept { return index != none && acs_user_links_[index].present != 0; }
    /// True when the system is in the model: listed, or (when no acs_systems were ever loaded) used by an ACS user.
    [[nodiscard]] bool acs_system_known(std::uint32_t index) const noexcept {
        if (index == none) return false;
        return systems_[index].listed || (!systems_loaded_ && systems_[index].acs_user_count > 0);
    }

    /// Every record slot (test `known` before use: deleted and merely referenced records keep their slot).
    [[nodiscard]] const std::vector<acs_system_record>& acs_systems() const noexcept { return systems_; }
    [[nodiscard]] const std::vector<acs_user_record>& acs_users() const noexcept { return acs_users_; }
    [[nodiscard]] const std::vector<user_identity_record>& user_identities() const noexcept { return identities_; }

    /// The packed link fields of the ACS user / identity at `index` (the preflight's hot data; same values as the records).
    [[nodiscard]] const acs_user_link& acs_user_link_at(std::uint32_t index) const noexcept { return acs_user_links_[index]; }
    [[nodiscard]] const user_identity_link& user_identity_link_at(std::uint32_t index) const noexcept { return identity_links_[index]; }

    /// Calls fn(acs_user_index) for every ACS user linked to the identity at `identity`.
    template <class Fn>
    void for_each_acs_user_of(std::uint32_t identity, Fn&& fn) const {
        for (std::uint32_t i = identity_links_[identity].first_acs_user; i != none; i = acs_user_links_[i].next_of_identity) fn(i);
    }

    /// Calls fn(acs_user_index) for every present ACS user of `system` whose email equals `email` (ignoring case).
    template <class Fn>
    void for_each_email_match(std::uint32_t system, std::string_view email, Fn&& fn) const {
        for (std::uint32_t i = email_index_.find(contact_hash(system, 'e', email)); i != none; i = acs_users_[i].next_same_email)
            if (acs_users_[i].system == system && same_email(*acs_users_[i].email_address, email)) fn(i);
    }
    /// Calls fn(acs_user_index) for every present ACS user of `system` whose phone equals `phone` after trimming.
    template <class Fn>
    void for_each_phone_match(std::uint32_t system, std::string_view phone, Fn&& fn) const {
        for (std::uint32_t i = phone_index_.find(contact_hash(system, 'p', phone)); i != none; i = acs_users_[i].next_same_phone)
            if (acs_users_[i].system == system && same_phone(*acs_users_[i].phone_number, phone)) fn(i);
    }

    /// Counts of the records in the model (not of slots).
    [[nodiscard]] std::size_t acs_system_count() const noexcept {
        std::size_t n = 0;
        for (std::uint32_t i = 0; i < systems_.size(); ++i) n += acs_system_known(i) ? 1 : 0;
        return n;
    }
    [[nodiscard]] std::size_t acs_user_count() const noexcept { return acs_user_count_; }
    [[nodiscard]] std::size_t user_identity_count() const noexcept { return identity_count_; }

    /// Checks every internal invariant (link lists, counts, contact indexes). For tests; O(size).
    [[nodiscard]] bool consistent() const {
        std::vector<std::uint32_t> per_identity(identities_.size(), 0), per_system(systems_.size(), 0);
        if (acs_user_links_.size() != acs_users_.size() || identity_links_.size() != identities_.size()) return false;
        for (std::uint32_t i = 0; i < acs_users_.size(); ++i)
            if (!(acs_user_links_[i] == link_of(acs_users_[i]))) return false;
        for (std::uint32_t i = 0; i < identities_.size(); ++i)
            if (!(identity_links_[i] == link_of(identities_[i]))) return false;
        std::size_t present = 0;
        for (std::uint32_t i = 0; i < acs_users_.size(); ++i) {
            const acs_user_record& u = acs_users_[i];
            if (acs_user_index_.find(u.id) != i) return false;
            if (!u.present) {
                if (u.identity != none) return false;
                continue;
            }
            ++present;
            if (u.system >= systems_.size()) return false;
            ++per_system[u.system];
            if (u.identity != none) {
                if (u.identity >= identities_.size()) return false;
                ++per_identity[u.identity];
                bool found = false;
                for_each_acs_user_of(u.identity, [&](std::uint32_t j) { found = found || j == i; });
                if (!found) return false;
            }
            if (u.email_address) {
                bool found = false;
                for_each_email_match(u.system, *u.email_address, [&](std::uint32_t j) { found = found || j == i; });
                if (!found) return false;
            }
            if (u.phone_number) {
                bool found = false;
                for_each_phone_match(u.system, *u.phone_number, [&](std::uint32_t j) { found = found || j == i; });
                if (!found) return false;
            }
        }
        if (present != acs_user_count_) return false;
        std::size_t listed = 0;
        for (std::uint32_t i = 0; i < identities_.size(); ++i) {
            if (identity_index_.find(identities_[i].id) != i) return false;
            std::uint32_t walked = 0;
            for_each_acs_user_of(i, [&](std::uint32_t j) { walked += acs_users_[j].identity == i ? 1 : 1000000; });
            if (walked != per_identity[i] || identities_[i].acs_user_count != per_identity[i]) return false;
            listed += identities_[i].listed ? 1 : 0;
        }
        if (listed != identity_count_) return false;
        for (std::uint32_t i = 0; i < systems_.size(); ++i)
            if (system_index_.find(systems_[i].id) != i || systems_[i].acs_user_count != per_system[i]) return false;
        return true;
    }

private:
    using id_table = detail::flat_table<model_id, detail::hash_model_id>;
    using hash_table = detail::flat_table<std::uint64_t, detail::hash_u64>;

    std::vector<acs_system_record> systems_;
    std::vector<acs_user_record> acs_users_;
    std::vector<user_identity_record> identities_;
    std::vector<acs_user_link> acs_user_links_;       ///< acs_users_'s link fields, packed (kept equal by sync_acs_user)
    std::vector<user_identity_link> identity_links_;  ///< identities_'s link fields, packed (kept equal by sync_identity)
    id_table system_index_, acs_user_index_, identity_index_;
    hash_table email_index_, phone_index_;
    std::size_t acs_user_count_ = 0, identity_count_ = 0;
    std::uint32_t generation_ = 1;  ///< the current load (0 = never loaded); puts outside a load use 0
    bool systems_loaded_ = false;

    friend class acs_snapshot_reader;

    /// The missing_field error of a list response object without its records array.
    static issue missing_records(const issue_path& path, acs_section section) {
        const std::string name(acs_section_name(section));
        issue found = acs_issue(acs_code::missing_field, child_path(path, name));
        found.message = name + " is required in the list response object; pass the whole response of the list endpoint.";
        return found;
    }

    /// A record holding only its id (a fresh, deleted or merely referenced slot).
    template <class Record>
    static Record blank(const model_id& id) {
        Record record;
        record.id = id;
        return record;
    }

    static std::uint32_t find_in(const id_table& table, std::string_view text) noexcept {
        model_id id;
        return parse_model_id(text, id) ? table.find(id) : none;
    }

    /// Hash of (system, kind, normalised contact): lowercase email, trimmed phone.
    static std::uint64_t contact_hash(std::uint32_t system, char kind, std::string_view value) noexcept {
        std::uint64_t h = detail::fnv1a(std::string_view(&kind, 1));
        for (int shift = 0; shift < 32; shift += 8) {
            h ^= (system >> shift) & 0xFF;
            h *= 0x100000001b3ull;
        }
        if (kind == 'p') return detail::fnv1a(unicode::trim_js_whitespace(value), h);
        for (const char c : value) {
            h ^= static_cast<unsigned char>(detail::ascii_lower(c));
            h *= 0x100000001b3ull;
        }
        return h;
    }

    void begin_load() {
        ++generation_;
        if (generation_ == 0) generation_ = 1;
    }
    void note_section(acs_section section) {
        if (section == acs_section::acs_systems) systems_loaded_ = true;
    }

    std::uint32_t system_slot(const model_id& id) {
        std::uint32_t& slot = system_index_.find_or_insert(id);
        if (slot == none) {
            slot = static_cast<std::uint32_t>(systems_.size());
            systems_.push_back(blank<acs_system_record>(id));
        }
        return slot;
    }
    std::uint32_t identity_slot(const model_id& id) {
        std::uint32_t& slot = identity_index_.find_or_insert(id);
        if (slot == none) {
            slot = static_cast<std::uint32_t>(identities_.size());
            identities_.push_back(blank<user_identity_record>(id));
            identity_links_.emplace_back();
        }
        return slot;
    }
    std::uint32_t acs_user_slot(const model_id& id) {
        std::uint32_t& slot = acs_user_index_.find_or_insert(id);
        if (slot == none) {
            slot = static_cast<std::uint32_t>(acs_users_.size());
            acs_users_.push_back(blank<acs_user_record>(id));
            acs_user_links_.emplace_back();
        }
        return slot;
    }

    /// The packed link fields of a record.
    static acs_user_link link_of(const acs_user_record& u) noexcept { return {u.system, u.identity, u.next_of_identity, u.present ? 1u : 0u}; }
    static user_identity_link link_of(const user_identity_record& p) noexcept { return {p.first_acs_user, p.listed ? 1u : 0u}; }
    /// Copies a record's link fields into its packed entry; called after every change to them.
    void sync_acs_user(std::uint32_t index) noexcept { acs_user_links_[index] = link_of(acs_users_[index]); }
    void sync_identity(std::uint32_t index) noexcept { identity_links_[index] = link_of(identities_[index]); }

    void attach_to_identity(std::uint32_t acs_user, std::uint32_t identity) {
        acs_users_[acs_user].identity = identity;
        acs_users_[acs_user].next_of_identity = identities_[identity].first_acs_user;
        identities_[identity].first_acs_user = acs_user;
        ++identities_[identity].acs_user_count;
        sync_acs_user(acs_user);
        sync_identity(identity);
    }
    void detach_from_identity(std::uint32_t acs_user) {
        const std::uint32_t identity = acs_users_[acs_user].identity;
        const std::uint32_t next = acs_users_[acs_user].next_of_identity;
        std::uint32_t before = none;
        for (std::uint32_t i = identities_[identity].first_acs_user; i != acs_user; i = acs_users_[i].next_of_identity) before = i;
        if (before == none) {
            identities_[identity].first_acs_user = next;
        } else {
            acs_users_[before].next_of_identity = next;
            sync_acs_user(before);
        }
        acs_users_[acs_user].next_of_identity = none;
        acs_users_[acs_user].identity = none;
        --identities_[identity].acs_user_count;
        sync_acs_user(acs_user);
        sync_identity(identity);
    }
    void index_contacts(std::uint32_t acs_user) {
        acs_user_record& u = acs_users_[acs_user];
        if (u.email_address) {
            std::uint32_t& head = email_index_.find_or_insert(contact_hash(u.system, 'e', *u.email_address));
            acs_users_[acs_user].next_same_email = head;
            head = acs_user;
        }
        if (acs_users_[acs_user].phone_number) {
            std::uint32_t& head = phone_index_.find_or_insert(contact_hash(acs_users_[acs_user].system, 'p', *acs_users_[acs_user].phone_number));
            acs_users_[acs_user].next_same_phone = head;
            head = acs_user;
        }
    }
    void unindex_contacts(std::uint32_t acs_user) {
        acs_user_record& u = acs_users_[acs_user];
        if (u.email_address) {
            std::uint32_t* link = &email_index_.find_or_insert(contact_hash(u.system, 'e', *u.email_address));
            while (*link != acs_user) link = &acs_users_[*link].next_same_email;
            *link = u.next_same_email;
            u.next_same_email = none;
        }
        if (u.phone_number) {
            std::uint32_t* link = &phone_index_.find_or_insert(contact_hash(u.system, 'p', *u.phone_number));
            while (*link != acs_user) link = &acs_users_[*link].next_same_phone;
            *link = u.next_same_phone;
            u.next_same_phone = none;
        }
    }
    void erase_acs_user(std::uint32_t index) {
        if (acs_users_[index].identity != none) detach_from_identity(index);
        unindex_contacts(index);
        --systems_[acs_users_[index].system].acs_user_count;
        --acs_user_count_;
        acs_user_record& record = acs_users_[index];
        record = blank<acs_user_record>(record.id);
        sync_acs_user(index);
    }

    /// Reads a required (or optional) id field; false (with an issue) when it is missing, mistyped or not a UUID.
    static bool read_id(const detail::acs_record_fields& record, acs_field field, const detail::acs_record_location& where,
                        bool required, std::optional<model_id>& out, std::vector<issue>& issues) {
        const std::string_view name = acs_field_name(field);
        const detail::acs_key key = field == acs_field::acs_user_id     ? detail::acs_key::acs_user_id
                                    : field == acs_field::acs_system_id ? detail::acs_key::acs_system_id
                                                                        : detail::acs_key::user_identity_id;
        const detail::acs_value_kind kind = record.kind_of(key);
        if (kind == detail::acs_value_kind::absent || (!required && kind == detail::acs_value_kind::null)) {
            if (!required) return true;
            issues.push_back(acs_issue(acs_code::missing_field, where.field(name), acs_message_args{}.with_field(field)));
            return false;
        }
        if (kind != detail::acs_value_kind::string) {
            issues.push_back(detail::acs_type_issue(where.field(name), required ? "a UUID string" : "a UUID string or null", kind));
            return false;
        }
        model_id id;
        if (!parse_model_id(record.text_of(key), id)) {
            issues.push_back(acs_issue(acs_code::invalid_uuid, where.field(name), acs_message_args{}.with_field(field)));
            return false;
        }
        out = id;
        return true;
    }

    /// Reads an optional string-or-null field; a wrong type is an error and the field is treated as absent.
    static std::optional<std::string> read_text(const detail::acs_record_fields& record, detail::acs_key key,
                                                const detail::acs_record_location& where, std::vector<issue>& issues) {
        const detail::acs_value_kind kind = record.kind_of(key);
        if (kind == detail::acs_value_kind::absent || kind == detail::acs_value_kind::null) return std::nullopt;
        if (kind != detail::acs_value_kind::string) {
            issues.push_back(detail::acs_type_issue(where.field(detail::acs_key_name(key)), "a string or null", kind));
            return std::nullopt;
        }
        return record.text_of(key);
    }

    void duplicate(acs_field field, const model_id& id, const detail::acs_record_location& where, std::vector<issue>& issues) const {
        const std::string text = to_string(id);
        issues.push_back(acs_issue(acs_code::duplicate_id, where.field(acs_field_name(field)), acs_message_args{}.with_field(field).with_detail(text)));
    }

    /// Validates and stores one record of `section` given as JSON. `in_load`: part of a snapshot (duplicates are errors).
    void put_record(acs_section section, const nlohmann::json& record, const issue_path& path, bool in_load,
                    std::vector<issue>& issues) {
        if (!record.is_object()) {
            const char* expected = section == acs_section::acs_users ? "an acs_user object"
                                   : section == acs_section::acs_systems ? "an acs_system object" : "a user_identity object";
            issues.push_back(type_issue(path, expected, record));
            return;
        }
        detail::acs_record_fields fields;
        fields.read(record);
        put_fields(section, fields, detail::acs_record_location{&path, 0, false}, in_load, issues);
    }

    /// Validates and stores one record of `section` from its captured fields (the shared path of JSON and streaming loads).
    void put_fields(acs_section section, const detail::acs_record_fields& record, const detail::acs_record_location& where,
                    bool in_load, std::vector<issue>& issues) {
        using detail::acs_key;
        const std::uint32_t generation = in_load ? generation_ : 0;
        if (section == acs_section::acs_systems) {
            std::optional<model_id> id;
            if (!read_id(record, acs_field::acs_system_id, where, true, id, issues)) return;
            auto name = read_text(record, acs_key::name, where, issues);
            auto external_type = read_text(record, acs_key::external_type, where, issues);
            const std::uint32_t index = system_slot(*id);
            acs_system_record& s = systems_[index];
            if (in_load && s.listed && s.generation == generation) return duplicate(acs_field::acs_system_id, *id, where, issues);
            s.name = name.value_or(std::string());
            s.external_type = external_type.value_or(std::string());
            s.listed = true;
            s.generation = generation;
            return;
        }
        if (section == acs_section::user_identities) {
            std::optional<model_id> id;
            if (!read_id(record, acs_field::user_identity_id, where, true, id, issues)) return;
            user_identity_record fields = blank<user_identity_record>(*id);
            fields.user_identity_key = read_text(record, acs_key::user_identity_key, where, issues);
            fields.email_address = read_text(record, acs_key::email_address, where, issues);
            fields.phone_number = read_text(record, acs_key::phone_number, where, issues);
            fields.full_name = read_text(record, acs_key::full_name, where, issues);
            fields.display_name = read_text(record, acs_key::display_name, where, issues).value_or(std::string());
            const std::uint32_t index = identity_slot(*id);
            user_identity_record& u = identities_[index];
            if (in_load && u.listed && u.generation == generation) return duplicate(acs_field::user_identity_id, *id, where, issues);
            if (!u.listed) ++identity_count_;
            u.user_identity_key = std::move(fields.user_identity_key);
            u.email_address = std::move(fields.email_address);
            u.phone_number = std::move(fields.phone_number);
            u.full_name = std::move(fields.full_name);
            u.display_name = std::move(fields.display_name);
            u.listed = true;
            u.generation = generation;
            sync_identity(index);
            return;
        }
        std::optional<model_id> id, system, identity;
        // All three are read (not short-circuited) so every bad id of the record is reported at once.
        const bool user_ok = read_id(record, acs_field::acs_user_id, where, true, id, issues);
        const bool system_ok = read_id(record, acs_field::acs_system_id, where, true, system, issues);
        const bool identity_ok = read_id(record, acs_field::user_identity_id, where, false, identity, issues);
        if (!user_ok || !system_ok || !identity_ok) return;
        auto full_name = read_text(record, acs_key::full_name, where, issues);
        auto email = read_text(record, acs_key::email_address, where, issues);
        if (!email && record.kind_of(acs_key::email_address) == detail::acs_value_kind::absent)
            email = read_text(record, acs_key::email, where, issues);
        auto phone = read_text(record, acs_key::phone_number, where, issues);
        auto display_name = read_text(record, acs_key::display_name, where, issues);
        bool suspended = false;
        if (const detail::acs_value_kind kind = record.kind_of(acs_key::is_suspended);
            kind != detail::acs_value_kind::absent && kind != detail::acs_value_kind::null) {
            if (kind == detail::acs_value_kind::boolean) suspended = record.is_suspended;
            else issues.push_back(detail::acs_type_issue(where.field("is_suspended"), "a boolean", kind));
        }
        const std::uint32_t index = acs_user_slot(*id);
        if (in_load && acs_users_[index].present && acs_users_[index].generation == generation)
            return duplicate(acs_field::acs_user_id, *id, where, issues);
        const std::uint32_t system_index = system_slot(*system);
        const std::uint32_t identity_index = identity ? identity_slot(*identity) : none;
        if (acs_users_[index].present) {
            unindex_contacts(index);
            --systems_[acs_users_[index].system].acs_user_count;
        } else {
            ++acs_user_count_;
        }
        acs_user_record& u = acs_users_[index];
        u.system = system_index;
        u.full_name = std::move(full_name);
        u.email_address = std::move(email);
        u.phone_number = std::move(phone);
        u.display_name = display_name.value_or(std::string());
        u.is_suspended = suspended;
        u.present = true;
        u.generation = generation;
        sync_acs_user(index);
        ++systems_[system_index].acs_user_count;
        index_contacts(index);
        set_link(index, identity_index);
    }
};

/// Streams a snapshot's JSON text into a model: each record's members are captured straight from the parser's
/// events (no JSON tree is built), so a 100 MB snapshot loads without a 1 GB document and without an
/// allocation per value. Used by acs_model::load_text.
class acs_snapshot_reader {
public:
    using json = nlohmann::json;
    acs_snapshot_reader(acs_model& model, std::vector<issue>& issues) : model_(model), issues_(issues) {}

    bool null() { return capturing_ ? member(detail::acs_value_kind::null) : scalar(json(nullptr)); }
    bool boolean(bool value) { return capturing_ ? member(detail::acs_value_kind::boolean, {}, value) : scalar(json(value)); }
    bool number_integer(json::number_integer_t value) { return capturing_ ? member(detail::acs_value_kind::number) : scalar(json(value)); }
    bool number_unsigned(json::number_unsigned_t value) { return capturing_ ? member(detail::acs_value_kind::number) : scalar(json(value)); }
    bool number_float(json::number_float_t value, const json::string_t&) {
        return capturing_ ? member(detail::acs_value_kind::number) : scalar(json(value));
    }
    bool string(json::string_t& value) { return capturing_ ? member(detail::acs_value_kind::string, value) : scalar(json(std::move(value))); }
    bool binary(json::binary_t&) { return capturing_ ? member(detail::acs_value_kind::null) : scalar(json()); }
    bool start_object(std::size_t) { return open(true); }
    bool start_array(std::size_t) { return open(false); }
    bool end_object() { return close(); }
    bool end_array() { return close(); }
    bool key(json::string_t& name) {
        if (skip_ > 0) return true;
        if (capturing_) {
            if (depth_ == 0) key_known_ = detail::find_acs_key(name, key_);
        } else if (!outer_.empty()) {
            outer_.back().key = std::move(name);
        }
        return true;
    }
    bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception&) {
        issues_.push_back({{}, "invalid_json", severity::error,
                           "Input is not valid JSON near byte " + std::to_string(position) +
                               " (check quotes, commas and brackets; text must be UTF-8). Records before that point were loaded.",
                           std::nullopt});
        return false;
    }

    /// Issues that can only be known at the end (an empty snapshot).
    void finish(bool parsed) {
        if (parsed && saw_root_object_ && !saw_section_) issues_.push_back(acs_issue(acs_code::empty_snapshot, {}));
    }

private:
    enum class frame_kind : std::uint8_t { top, wrapper, records };
    struct frame {
        frame_kind kind;
        acs_section section;
        std::string key;
        std::size_t next_index = 0;
        issue_path path;
        bool has_records = false;  ///< wrapper: its records array was seen
    };

    acs_model& model_;
    std::vector<issue>& issues_;
    std::vector<frame> outer_;
    detail::acs_record_fields fields_;     ///< the record being read
    detail::acs_record_location where_;    ///< its place (a records frame's path and its index)
    acs_section record_section_ = acs_section::acs_users;
    bool capturing_ = false;               ///< inside a record object
    std::size_t depth_ = 0;                ///< containers open inside the record's members
    detail::acs_key key_ = detail::acs_key::acs_user_id;
    bool key_known_ = false;               ///< the current member of the record is one the model reads
    std::size_t skip_ = 0;
    bool saw_root_object_ = false, saw_section_ = false, saw_root_ = false;

    static bool section_named(std::string_view name, acs_section& out) {
        for (const acs_section s : {acs_section::acs_systems, acs_section::acs_users, acs_section::user_identities})
            if (name == acs_section_name(s)) {
                out = s;
                return true;
            }
        return false;
    }

    /// A value inside the record being read: kept when it is a member the model reads, ignored when nested.
    bool member(detail::acs_value_kind kind, std::string_view text = {}, bool flag = false) {
        if (skip_ == 0 && depth_ == 0 && key_known_) fields_.set(key_, kind, text, flag);
        return true;
    }

    /// Where a new value at the outer level goes; `container`: 1 object, 2 array, 0 scalar. Returns false
    /// when the value must be skipped (after reporting it when it is wrong).
    bool place(int container, const json& scalar_value) {
        if (outer_.empty()) {
            if (saw_root_) return false;
            saw_root_ = true;
            if (container == 1) {
                saw_root_object_ = true;
                outer_.push_back({frame_kind::top, acs_section::acs_users, {}, 0, {}});
                return true;
            }
            issues_.push_back(type_issue({}, "a snapshot object", container == 2 ? json::array() : scalar_value));
            return false;
        }
        frame& parent = outer_.back();
        if (parent.kind == frame_kind::records) {
            const std::size_t index = parent.next_index++;
            if (container == 1) {
                where_ = {&parent.path, index, true};
                record_section_ = parent.section;
                fields_.clear();
                capturing_ = true;
                depth_ = 0;
                key_known_ = false;
                return true;
            }
            const char* expected = parent.section == acs_section::acs_users ? "an acs_user object"
                                   : parent.section == acs_section::acs_systems ? "an acs_system object" : "a user_identity object";
            issues_.push_back(type_issue(child_path(parent.path, index), expected, container == 2 ? json::array() : scalar_value));
            return false;
        }
        acs_section section;
        if (!section_named(parent.key, section)) return false;  // unknown keys (ok, pagination, ...) are ignored
        if (parent.kind == frame_kind::wrapper && section != parent.section) return false;
        issue_path path = parent.path;
        path.emplace_back(parent.key);
        saw_section_ = true;
        parent.has_records = true;
        if (container == 2) {
            model_.note_section(section);
            outer_.push_back({frame_kind::records, section, {}, 0, std::move(path)});
            return true;
        }
        if (container == 1 && parent.kind == frame_kind::top) {
            outer_.push_back({frame_kind::wrapper, section, {}, 0, std::move(path)});
            return true;
        }
        issues_.push_back(type_issue(std::move(path), "an array of records or the list endpoint's response object",
                                     container == 1 ? json::object() : scalar_value));
        return false;
    }

    bool scalar(json&& value) {
        if (skip_ > 0) return true;
        place(0, value);
        return true;
    }
    bool open(bool object) {
        if (skip_ > 0) {
            ++skip_;
            return true;
        }
        if (capturing_) {
            member(object ? detail::acs_value_kind::object : detail::acs_value_kind::array);
            ++depth_;
            return true;
        }
        if (!place(object ? 1 : 2, json())) skip_ = 1;
        return true;
    }
    bool close() {
        if (skip_ > 0) {
            --skip_;
            return true;
        }
        if (capturing_) {
            if (depth_ > 0) {
                --depth_;
                return true;
            }
            capturing_ = false;
            model_.put_fields(record_section_, fields_, where_, true, issues_);
            return true;
        }
        if (!outer_.empty()) {
            const frame& done = outer_.back();
            if (done.kind == frame_kind::wrapper && !done.has_records) {
                issues_.push_back(acs_model::missing_records(done.path, done.section));
            }
            outer_.pop_back();
        }
        return true;
    }
};

inline std::vector<issue> acs_model::load_text(std::string_view text) {
    std::vector<issue> issues;
    begin_load();
    acs_snapshot_reader reader(*this, issues);
    const bool parsed = sax_read(text, reader);
    reader.finish(parsed);
    return issues;
}

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
    model_id id;
    if (!parse_model_id(user_identity_id, id)) {
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
    return x.id.high != y.id.high ? x.id.high < y.id.high : x.id.low < y.id.low;
}

}  // namespace detail

/// /user_identities/list_acs_users derived from the model: the identity's ACS users, ordered by system then id.
[[nodiscard]] inline acs_list list_acs_users(const acs_model& model, std::string_view user_identity_id) {
    acs_list out;
    const std::uint32_t identity = detail::list_identity(model, user_identity_id, out.issues);
    if (identity == acs_model::none) return out;
    model.for_each_acs_user_of(identity, [&](std::uint32_t i) { out.items.push_back(i); });
    std::sort(out.items.begin(), out.items.end(), [&](std::uint32_t a, std::uint32_t b) {
        const acs_user_record& x = model.acs_users()[a];
        const acs_user_record& y = model.acs_users()[b];
        if (x.system != y.system) return detail::system_before(model, x.system, y.system);
        return x.id.high != y.id.high ? x.id.high < y.id.high : x.id.low < y.id.low;
    });
    return out;
}

/// /user_identities/list_acs_systems derived from the model: the systems of the identity's ACS users, by name.
[[nodiscard]] inline acs_list list_acs_systems(const acs_model& model, std::string_view user_identity_id) {
    acs_list out;
    const std::uint32_t identity = detail::list_identity(model, user_identity_id, out.issues);
    if (identity == acs_model::none) return out;
    model.for_each_acs_user_of(identity, [&](std::uint32_t i) { out.items.push_back(model.acs_users()[i].system); });
    std::sort(out.items.begin(), out.items.end(), [&](std::uint32_t a, std::uint32_t b) { return detail::system_before(model, a, b); });
    out.items.erase(std::unique(out.items.begin(), out.items.end()), out.items.end());
    return out;
}

}  // namespace seamid
