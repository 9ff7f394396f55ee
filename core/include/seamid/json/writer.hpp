// The one JSON writer of the core: appends strings, numbers and issues to a std::string as compact JSON, byte
// for byte as the C++ API's DOM serialiser (dump_json) writes them, so an answer is the same text whichever way
// it was made; no DOM is built.
#pragma once

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "seamid/common/issue.hpp"

namespace seamid {

/// Appends `text` as a JSON string literal: '"' and '\\' escaped, control characters as \b \f \n \r \t or
/// \u00XX, valid UTF-8 copied as it is, and each invalid UTF-8 sequence (its maximal ill-formed part) replaced
/// by U+FFFD, so the output is always valid JSON.
inline void append_json_string(std::string& out, std::string_view text) {
    constexpr char hex[] = "0123456789abcdef";
    out.push_back('"');
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const auto* const end = p + text.size();
    while (p < end) {
        const unsigned char c = *p;
        if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
            const auto* run = p;  // printable ASCII: copied as one run
            while (p < end && *p >= 0x20 && *p < 0x80 && *p != '"' && *p != '\\') ++p;
            out.append(reinterpret_cast<const char*>(run), static_cast<std::size_t>(p - run));
            continue;
        }
        if (c < 0x80) {
            switch (c) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\b': out.append("\\b"); break;
                case '\f': out.append("\\f"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                default:
                    out.append("\\u00");
                    out.push_back(hex[c >> 4]);
                    out.push_back(hex[c & 0xF]);
            }
            ++p;
            continue;
        }
        // A multi-byte sequence: the range of each continuation byte depends on the lead (RFC 3629 §4).
        std::size_t length = 0;
        unsigned char low = 0x80, high = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) length = 2;
        else if (c >= 0xE0 && c <= 0xEF) length = 3, low = c == 0xE0 ? 0xA0 : 0x80, high = c == 0xED ? 0x9F : 0xBF;
        else if (c >= 0xF0 && c <= 0xF4) length = 4, low = c == 0xF0 ? 0x90 : 0x80, high = c == 0xF4 ? 0x8F : 0xBF;
        std::size_t good = length == 0 ? 0 : 1;  // bytes of the sequence that are well-formed so far
        while (good > 0 && good < length && p + good < end && p[good] >= (good == 1 ? low : 0x80) && p[good] <= (good == 1 ? high : 0xBF)) ++good;
        if (good == length && length > 0) {
            out.append(reinterpret_cast<const char*>(p), length);
            p += length;
        } else {
            out.append("\xEF\xBF\xBD");
            p += good == 0 ? 1 : good;
        }
    }
    out.push_back('"');
}

/// Appends a non-negative integer.
inline void append_json_number(std::string& out, std::uint64_t number) {
    char digits[24];
    std::size_t at = sizeof digits;
    do {
        digits[--at] = static_cast<char>('0' + number % 10);
        number /= 10;
    } while (number != 0);
    out.append(digits + at, sizeof digits - at);
}

/// Writes value_of(0), ..., value_of(count - 1) (each below 2^32) at `at` as runs of equal values, "value,length,..."
/// without brackets, and answers the end: the compact answers' form of a number per item that repeats over long
/// stretches (a plan's kinds and waves). Room: at most 22 bytes per item. Written through a pointer, as appending
/// to a string char by char calls libc++'s out-of-line append in wasm.
template <typename ValueOf>
char* write_json_runs(char* at, std::size_t count, ValueOf value_of) {
    for (std::size_t i = 0; i < count;) {
        const auto value = value_of(i);
        std::size_t end = i + 1;
        while (end < count && value_of(end) == value) ++end;
        if (i > 0) *at++ = ',';
        at = std::to_chars(at, at + 10, static_cast<std::uint32_t>(value)).ptr;
        *at++ = ',';
        at = std::to_chars(at, at + 10, static_cast<std::uint32_t>(end - i)).ptr;
        i = end;
    }
    return at;
}

/// Appends `true` or `false`.
inline void append_json_bool(std::string& out, bool value) { out.append(value ? "true" : "false"); }

/// Appends an issue path as an array of keys (strings) and indexes (numbers).
inline void append_json_path(std::string& out, const issue_path& path) {
    out += '[';
    for (std::size_t i = 0; i < path.size(); ++i) {
        if (i > 0) out += ',';
        if (const auto* key = std::get_if<std::string>(&path[i])) append_json_string(out, *key);
        else append_json_number(out, std::get<std::size_t>(path[i]));
    }
    out += ']';
}

/// Appends an issue as {"code", "message", "path", "severity", "suggestion"?} (keys in sorted order).
inline void append_json_issue(std::string& out, const issue& found) {
    out += "{\"code\":";
    append_json_string(out, found.code);
    out += ",\"message\":";
    append_json_string(out, found.message);
    out += ",\"path\":";
    append_json_path(out, found.path);
    out += ",\"severity\":";
    append_json_string(out, severity_name(found.level));
    if (found.suggestion) {
        out += ",\"suggestion\":";
        append_json_string(out, *found.suggestion);
    }
    out += '}';
}

/// Appends a list of issues as a JSON array.
inline void append_json_issues(std::string& out, const std::vector<issue>& issues) {
    out += '[';
    for (std::size_t i = 0; i < issues.size(); ++i) {
        if (i > 0) out += ',';
        append_json_issue(out, issues[i]);
    }
    out += ']';
}

/// A list of issues as JSON text.
[[nodiscard]] inline std::string issues_json_text(const std::vector<issue>& issues) {
    std::string out;
    append_json_issues(out, issues);
    return out;
}

}  // namespace seamid
