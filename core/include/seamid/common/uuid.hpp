// UUIDs as Seam's schema checks them (zod 3 .uuid(): 8-4-4-4-12 hex digits, any case), parsed into the one
// 128-bit id type every domain keys its records by, and written back as canonical lowercase text.
#pragma once

#include <bit>
#include <compare>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>

#include "seamid/common/ascii.hpp"

namespace seamid {

/// A UUID as 128 bits (first digit in the top nibble of `high`). Two spellings that differ only in case are
/// one id; ordering by (high, low) is the order of the lowercase texts.
struct uuid128 {
    std::uint64_t high = 0;
    std::uint64_t low = 0;
    friend constexpr bool operator==(const uuid128&, const uuid128&) = default;
    friend constexpr std::strong_ordering operator<=>(const uuid128&, const uuid128&) = default;
};

namespace detail {

/// Eight characters as one little-endian word: one unaligned load at run time (x86, arm64 and wasm are
/// little-endian; on a big-endian host and in constant evaluation the byte loop gives the same word).
[[nodiscard]] constexpr std::uint64_t load_uuid_chars(const char* p) noexcept {
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
    constexpr std::uint64_t ones = ascii_byte_ones, high = 0x80 * ones;
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

/// Parses a UUID as zod 3's .uuid() accepts it (8-4-4-4-12 hex digits, any case) into `out`; false (and `out`
/// unchanged) when `text` is not one. One pass, eight digits per step.
[[nodiscard]] constexpr bool parse_uuid(std::string_view text, uuid128& out) noexcept {
    if (text.size() != 36) return false;
    const char* p = text.data();
    if (p[8] != '-' || p[13] != '-' || p[18] != '-' || p[23] != '-') return false;
    // Four words of eight digits: 0-7, 9-12 + 14-17, 19-22 + 24-27, 28-35.
    constexpr std::uint64_t low_half = 0xFFFFFFFFull;
    std::uint32_t a = 0, b = 0, c = 0, d = 0;
    // Combined with & (not &&): four independent, branch-free decodes rather than four branches.
    const unsigned ok = static_cast<unsigned>(detail::decode_hex_word(detail::load_uuid_chars(p), a)) &
                        static_cast<unsigned>(detail::decode_hex_word((detail::load_uuid_chars(p + 9) & low_half) | (detail::load_uuid_chars(p + 14) << 32), b)) &
                        static_cast<unsigned>(detail::decode_hex_word((detail::load_uuid_chars(p + 19) & low_half) | (detail::load_uuid_chars(p + 24) << 32), c)) &
                        static_cast<unsigned>(detail::decode_hex_word(detail::load_uuid_chars(p + 28), d));
    if (ok == 0) return false;
    out = {static_cast<std::uint64_t>(a) << 32 | b, static_cast<std::uint64_t>(c) << 32 | d};
    return true;
}

/// True when `text` matches ^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$ (case-insensitive).
[[nodiscard]] constexpr bool is_uuid(std::string_view text) noexcept {
    uuid128 ignored;
    return parse_uuid(text, ignored);
}

/// Writes the canonical lowercase text of `id` (36 characters, no terminator) to `out`.
constexpr void write_uuid(char* out, const uuid128& id) noexcept {
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

/// Appends the canonical lowercase text of `id` to `out`.
inline void append_uuid(std::string& out, const uuid128& id) {
    char text[36];
    write_uuid(text, id);
    out.append(text, sizeof text);
}

/// The canonical lowercase text of `id`.
[[nodiscard]] inline std::string to_string(const uuid128& id) {
    std::string out(36, '0');
    write_uuid(out.data(), id);
    return out;
}

}  // namespace seamid
