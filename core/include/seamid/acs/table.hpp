// The ACS model's hash table from ids to record slots, its hashes, and how it compares emails and phones.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "seamid/acs/ids.hpp"
#include "seamid/common/unicode.hpp"

namespace seamid {

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
/// ACS users' and identities' emails; docs/workspace.md treats case variants as the same person).
[[nodiscard]] constexpr bool same_email(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (detail::ascii_lower(a[i]) != detail::ascii_lower(b[i])) return false;
    return true;
}

/// True when two phone numbers are the same after Seam's trim (Seam's schema trims phone_number).
[[nodiscard]] constexpr bool same_phone(std::string_view a, std::string_view b) noexcept {
    return unicode::trim_js_whitespace(a) == unicode::trim_js_whitespace(b);
}

}  // namespace seamid
