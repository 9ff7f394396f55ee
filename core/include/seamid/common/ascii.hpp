// ASCII case folding: the one lowercase rule seamid uses where Seam compares text ignoring case (emails, UUIDs,
// keys of hashes). Only 'A'-'Z' change; every other byte, including UTF-8, is compared exactly.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace seamid {

/// The ASCII lowercase of one character ('A'-'Z' -> 'a'-'z'; everything else unchanged).
[[nodiscard]] constexpr char ascii_lower(char c) noexcept { return c >= 'A' && c <= 'Z' ? static_cast<char>(c | 0x20) : c; }

/// A copy of `text` with 'A'-'Z' lowercased.
[[nodiscard]] inline std::string ascii_lower_copy(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = ascii_lower(c);
    return out;
}

namespace detail {

inline constexpr std::uint64_t ascii_byte_ones = 0x0101010101010101ULL;

/// ASCII-lowercases the 8 bytes of a word at once (bytes >= 0x80 are left as they are).
[[nodiscard]] constexpr std::uint64_t fold_ascii_word(std::uint64_t word) noexcept {
    const std::uint64_t heptets = word & (0x7F * ascii_byte_ones);
    const std::uint64_t at_least_a = heptets + (0x80 - 'A') * ascii_byte_ones;  // high bit set where byte >= 'A'
    const std::uint64_t past_z = heptets + (0x80 - 'Z' - 1) * ascii_byte_ones;  // high bit set where byte > 'Z'
    const std::uint64_t upper = at_least_a & ~past_z & ~word & (0x80 * ascii_byte_ones);
    return word | (upper >> 2);  // 0x80 >> 2 == 0x20, the ASCII case bit
}

/// Reads 8 bytes (little-endian hosts: x86, arm64, wasm; on others hashes differ but stay consistent).
[[nodiscard]] inline std::uint64_t load_word(const char* bytes) noexcept {
    std::uint64_t word;
    std::memcpy(&word, bytes, sizeof word);
    return word;
}

/// Reads the last 1..7 bytes of a string into a zero-padded word.
[[nodiscard]] inline std::uint64_t load_tail(const char* bytes, std::size_t count) noexcept {
    std::uint64_t word = 0;
    std::memcpy(&word, bytes, count);
    return word;
}

}  // namespace detail

/// True when `a` and `b` are equal ignoring ASCII letter case (eight bytes per step).
[[nodiscard]] inline bool equal_ignoring_ascii_case(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    std::size_t i = 0;
    for (; i + 8 <= a.size(); i += 8)
        if (detail::fold_ascii_word(detail::load_word(a.data() + i)) != detail::fold_ascii_word(detail::load_word(b.data() + i))) return false;
    if (i < a.size())
        return detail::fold_ascii_word(detail::load_tail(a.data() + i, a.size() - i)) ==
               detail::fold_ascii_word(detail::load_tail(b.data() + i, b.size() - i));
    return true;
}

}  // namespace seamid
