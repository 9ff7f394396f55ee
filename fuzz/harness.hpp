// Shared by the libFuzzer targets of fuzz/: the property check that stops a run (an abort, which libFuzzer
// records as a crash with its input), the JSON round trip check, and small reference implementations of Seam's
// field rules (docs/validation.md; /work of the differential checks), written independently of the core.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>

#include "seamid/json/dom.hpp"
#include "seamid/json/reader.hpp"

namespace seamid_fuzz {

/// Stops the run: a property does not hold for this input.
[[noreturn]] inline void fail(const char* property, const char* file, int line, std::string_view detail = {}) {
    std::fprintf(stderr, "\nseamid fuzz: property failed at %s:%d: %s\n", file, line, property);
    if (!detail.empty()) std::fprintf(stderr, "  %.*s\n", static_cast<int>(detail.size() > 2000 ? 2000 : detail.size()), detail.data());
    std::abort();
}

#define SEAMID_FUZZ_CHECK(condition) \
    do {                              \
        if (!(condition)) ::seamid_fuzz::fail(#condition, __FILE__, __LINE__); \
    } while (0)
#define SEAMID_FUZZ_CHECK_EQUAL(a, b)                                                                  \
    do {                                                                                               \
        const auto& seamid_fuzz_a = (a);                                                               \
        const auto& seamid_fuzz_b = (b);                                                               \
        if (!(seamid_fuzz_a == seamid_fuzz_b))                                                         \
            ::seamid_fuzz::fail(#a " == " #b, __FILE__, __LINE__, std::string(seamid_fuzz_a) + "\n  !=\n  " + std::string(seamid_fuzz_b)); \
    } while (0)

/// The input as text.
[[nodiscard]] inline std::string_view text_of(const std::uint8_t* data, std::size_t size) noexcept {
    return {reinterpret_cast<const char*>(data), size};
}

/// Splits `text` at the first `separator`: the part before it, and (in `rest`) the part after (empty when none).
[[nodiscard]] inline std::string_view split(std::string_view text, char separator, std::string_view& rest) noexcept {
    const std::size_t at = text.find(separator);
    if (at == std::string_view::npos) {
        rest = {};
        return text;
    }
    rest = text.substr(at + 1);
    return text.substr(0, at);
}

/// JSON text the core wrote is JSON every seamid reader accepts (its parsed value, for further checks).
inline nlohmann::json check_json_valid(const std::string& written, const char* what) {
    auto parsed = seamid::parse_json(written);
    if (!parsed.ok()) fail(what, __FILE__, __LINE__, "the core wrote text its reader refuses: " + parsed.issues.at(0).message + "\n  " + written);
    return std::move(parsed.value);
}

/// Compact JSON the core wrote reads back as the same value: parsed, then written again by the DOM serialiser,
/// it is the same bytes (the one writer writes byte for byte what dump_json writes).
inline void check_json_canonical(const std::string& written, const char* what) {
    const auto value = check_json_valid(written, what);
    const std::string again = seamid::dump_json(value);
    if (again != written) fail(what, __FILE__, __LINE__, "read back and written again differs:\n  " + written + "\n  " + again);
}

/// True when `text` is valid UTF-8 (RFC 3629), written here without the core's helpers.
[[nodiscard]] inline bool valid_utf8(std::string_view text) noexcept {
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const auto* end = p + text.size();
    while (p < end) {
        const unsigned c = *p;
        std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (n == 0 || end - p < static_cast<std::ptrdiff_t>(n)) return false;
        std::uint32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
        for (std::size_t i = 1; i < n; ++i) {
            if ((p[i] & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (p[i] & 0x3F);
        }
        if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        p += n;
    }
    return true;
}

/// The code point at `text[i]` (valid UTF-8) and its length in `n`.
[[nodiscard]] inline std::uint32_t code_point(std::string_view text, std::size_t i, std::size_t& n) noexcept {
    const auto c = static_cast<unsigned char>(text[i]);
    n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    std::uint32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
    for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    return cp;
}

/// ECMAScript's WhiteSpace and LineTerminator (what String.prototype.trim removes).
[[nodiscard]] constexpr bool js_space(std::uint32_t cp) noexcept {
    return cp == 0x09 || cp == 0x0A || cp == 0x0B || cp == 0x0C || cp == 0x0D || cp == 0x20 || cp == 0xA0 || cp == 0x1680 ||
           (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000 || cp == 0xFEFF;
}

/// `text` (valid UTF-8) as JS's trim() leaves it.
[[nodiscard]] inline std::string_view js_trim(std::string_view text) noexcept {
    std::size_t begin = 0, end = text.size(), n = 0;
    while (begin < end && js_space(code_point(text, begin, n))) begin += n;
    // From the end: step back over continuation bytes to each code point's start.
    while (end > begin) {
        std::size_t start = end - 1;
        while (start > begin && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
        if (!js_space(code_point(text, start, n))) break;
        end = start;
    }
    return text.substr(begin, end - begin);
}

/// Seam's phone_number rule: JS-trimmed, then ^\+[1-9]\d{1,14}$ (ASCII digits).
[[nodiscard]] inline bool seam_accepts_phone(std::string_view value) noexcept {
    const std::string_view v = js_trim(value);
    if (v.size() < 3 || v.size() > 16 || v[0] != '+' || v[1] < '1' || v[1] > '9') return false;
    for (std::size_t i = 2; i < v.size(); ++i)
        if (v[i] < '0' || v[i] > '9') return false;
    return true;
}

/// zod 3's email regex as Seam applies it (case-insensitive, no trimming):
/// ^(?!\.)(?!.*\.\.)([A-Z0-9_'+\-\.]*)[A-Z0-9_+-]@([A-Z0-9][A-Z0-9\-]*\.)+[A-Z]{2,}$
[[nodiscard]] inline bool seam_accepts_email(std::string_view v) noexcept {
    const auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
    const auto alnum = [&](char c) { return alpha(c) || (c >= '0' && c <= '9'); };
    if (v.empty() || v[0] == '.' || v.find("..") != std::string_view::npos) return false;
    const std::size_t at = v.find('@');
    if (at == std::string_view::npos || at == 0) return false;
    for (std::size_t i = 0; i < at; ++i) {
        const char c = v[i];
        if (!(alnum(c) || c == '_' || c == '\'' || c == '+' || c == '-' || c == '.')) return false;
    }
    const char last = v[at - 1];
    if (!(alnum(last) || last == '_' || last == '+' || last == '-')) return false;
    // Domain: one or more labels [A-Z0-9][A-Z0-9-]* each followed by '.', then [A-Z]{2,} to the end.
    const std::string_view domain = v.substr(at + 1);
    const std::size_t dot = domain.rfind('.');
    if (dot == std::string_view::npos) return false;
    const std::string_view tld = domain.substr(dot + 1);
    if (tld.size() < 2) return false;
    for (const char c : tld)
        if (!alpha(c)) return false;
    std::size_t start = 0;
    while (start < dot) {
        std::size_t end = domain.find('.', start);
        if (end == start || !alnum(domain[start])) return false;
        for (std::size_t i = start; i < end; ++i)
            if (!(alnum(domain[i]) || domain[i] == '-')) return false;
        start = end + 1;
    }
    return start == dot + 1;
}

}  // namespace seamid_fuzz
