// UTF-8 decoding and the exact whitespace set of JavaScript's String.prototype.trim (which zod's .trim() uses).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace seamid::unicode {

/// A decoded code point and how many bytes it took; bytes == 0 means invalid UTF-8 at that offset.
struct decoded {
    char32_t code_point;
    std::size_t bytes;
};

/// Decodes one UTF-8 sequence at `offset` (rejects overlong forms, surrogates, values past U+10FFFF).
[[nodiscard]] constexpr decoded decode_at(std::string_view text, std::size_t offset) noexcept {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[offset + i]); };
    const std::size_t left = text.size() - offset;
    const unsigned char lead = byte(0);
    if (lead < 0x80) return {lead, 1};
    const auto continuation = [&](std::size_t i) { return i < left && (byte(i) & 0xC0) == 0x80; };
    if (lead >= 0xC2 && lead <= 0xDF) {
        if (!continuation(1)) return {0, 0};
        return {static_cast<char32_t>(((lead & 0x1F) << 6) | (byte(1) & 0x3F)), 2};
    }
    if (lead >= 0xE0 && lead <= 0xEF) {
        if (!continuation(1) || !continuation(2)) return {0, 0};
        const char32_t cp = ((lead & 0x0F) << 12) | ((byte(1) & 0x3F) << 6) | (byte(2) & 0x3F);
        if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)) return {0, 0};
        return {cp, 3};
    }
    if (lead >= 0xF0 && lead <= 0xF4) {
        if (!continuation(1) || !continuation(2) || !continuation(3)) return {0, 0};
        const char32_t cp = ((lead & 0x07) << 18) | ((byte(1) & 0x3F) << 12) | ((byte(2) & 0x3F) << 6) | (byte(3) & 0x3F);
        if (cp < 0x10000 || cp > 0x10FFFF) return {0, 0};
        return {cp, 4};
    }
    return {0, 0};
}

/// True when the whole text is well-formed UTF-8.
[[nodiscard]] constexpr bool is_valid_utf8(std::string_view text) noexcept {
    for (std::size_t i = 0; i < text.size();) {
        if (static_cast<unsigned char>(text[i]) < 0x80) { ++i; continue; }
        const decoded d = decode_at(text, i);
        if (d.bytes == 0) return false;
        i += d.bytes;
    }
    return true;
}

/// True for ECMAScript WhiteSpace and LineTerminator code points, the set String.prototype.trim removes.
[[nodiscard]] constexpr bool is_js_whitespace(char32_t cp) noexcept {
    switch (cp) {
        case 0x09: case 0x0A: case 0x0B: case 0x0C: case 0x0D: case 0x20: case 0xA0:
        case 0x1680: case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000: case 0xFEFF:
            return true;
        default:
            return cp >= 0x2000 && cp <= 0x200A;
    }
}

/// Decodes the code point that ends at `end` (exclusive); bytes == 0 when that is not valid UTF-8.
[[nodiscard]] constexpr decoded decode_before(std::string_view text, std::size_t end) noexcept {
    std::size_t start = end;
    for (std::size_t steps = 0; start > 0 && steps < 4; ++steps) {
        --start;
        if ((static_cast<unsigned char>(text[start]) & 0xC0) != 0x80) break;
    }
    if (start == end) return {0, 0};
    const decoded d = decode_at(text, start);
    if (d.bytes != end - start) return {0, 0};
    return d;
}

/// The text without the leading and trailing whitespace JavaScript's trim() would remove.
[[nodiscard]] constexpr std::string_view trim_js_whitespace(std::string_view text) noexcept {
    // Fast path: first and last bytes that are printable ASCII leave nothing to trim (every JS white space is
    // ASCII <= 0x20 or a multi-byte sequence, whose bytes are all >= 0x80). Most values take it.
    const auto printable = [](char c) { return static_cast<unsigned char>(c) > 0x20 && static_cast<unsigned char>(c) < 0x80; };
    if (!text.empty() && printable(text.front()) && printable(text.back())) return text;
    std::size_t begin = 0;
    while (begin < text.size()) {
        const decoded d = decode_at(text, begin);
        if (d.bytes == 0 || !is_js_whitespace(d.code_point)) break;
        begin += d.bytes;
    }
    std::size_t end = text.size();
    while (end > begin) {
        const decoded d = decode_before(text, end);
        if (d.bytes == 0 || !is_js_whitespace(d.code_point)) break;
        end -= d.bytes;
    }
    return text.substr(begin, end - begin);
}

}  // namespace seamid::unicode
