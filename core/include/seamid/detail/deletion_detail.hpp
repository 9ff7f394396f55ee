// Internals of deletion planning: RFC 3339 timestamps (issue capping is detail/issue_cap.hpp)
// (the deletion readers derive from json/reader.hpp's json_reader: no DOM, so 100k-resource snapshots stay cheap).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "seamid/common/issue.hpp"
#include "seamid/common/uuid.hpp"
#include "seamid/json/reader.hpp"
#include "seamid/json/writer.hpp"
#include "seamid/detail/hash_table.hpp"
#include "seamid/detail/issue_cap.hpp"

namespace seamid::detail {

using seamid::append_json_string;  // the deletion readers and bindings write JSON with the one writer

/// True when the UUID text has an uppercase hex digit (Seam writes ids in lowercase).
[[nodiscard]] constexpr bool has_uppercase(std::string_view text) noexcept {
    for (const char c : text)
        if (c >= 'A' && c <= 'F') return true;
    return false;
}

/// Appends `"<uuid>"`.
inline void append_json_uuid(std::string& out, const uuid128& id) {
    out.push_back('"');
    append_uuid(out, id);
    out.push_back('"');
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
constexpr std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) noexcept {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

/// Parses an RFC 3339 timestamp (YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)) into Unix milliseconds.
[[nodiscard]] constexpr bool parse_timestamp(std::string_view text, std::int64_t& out_ms) noexcept {
    auto number = [&](std::size_t at, std::size_t length, unsigned& value) {
        if (at + length > text.size()) return false;
        value = 0;
        for (std::size_t i = at; i < at + length; ++i) {
            if (text[i] < '0' || text[i] > '9') return false;
            value = value * 10 + static_cast<unsigned>(text[i] - '0');
        }
        return true;
    };
    unsigned year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (!number(0, 4, year) || text.size() < 20 || text[4] != '-' || !number(5, 2, month) || text[7] != '-' ||
        !number(8, 2, day) || (text[10] != 'T' && text[10] != 't' && text[10] != ' ') || !number(11, 2, hour) ||
        text[13] != ':' || !number(14, 2, minute) || text[16] != ':' || !number(17, 2, second))
        return false;
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return false;
    std::size_t at = 19;
    std::int64_t millis = 0;
    if (at < text.size() && text[at] == '.') {
        ++at;
        unsigned digits = 0;
        while (at < text.size() && text[at] >= '0' && text[at] <= '9') {
            if (digits < 3) millis = millis * 10 + (text[at] - '0');
            ++digits;
            ++at;
        }
        if (digits == 0) return false;
        for (; digits < 3; ++digits) millis *= 10;
    }
    std::int64_t offset_minutes = 0;
    if (at < text.size() && (text[at] == 'Z' || text[at] == 'z')) {
        ++at;
    } else if (at < text.size() && (text[at] == '+' || text[at] == '-')) {
        unsigned oh = 0, om = 0;
        if (!number(at + 1, 2, oh) || at + 3 >= text.size() || text[at + 3] != ':' || !number(at + 4, 2, om)) return false;
        offset_minutes = (text[at] == '+' ? 1 : -1) * static_cast<std::int64_t>(oh * 60 + om);
        at += 6;
    } else {
        return false;
    }
    if (at != text.size()) return false;
    const std::int64_t days = days_from_civil(year, month, day);
    out_ms = ((days * 24 + hour) * 60 + minute - offset_minutes) * 60000 + static_cast<std::int64_t>(second) * 1000 + millis;
    return true;
}

/// Formats Unix milliseconds as YYYY-MM-DDTHH:MM:SS.mmmZ (UTC).
[[nodiscard]] inline std::string format_timestamp(std::int64_t ms) {
    std::int64_t days = ms >= 0 ? ms / 86400000 : -((-ms + 86399999) / 86400000);
    std::int64_t rest = ms - days * 86400000;
    // civil_from_days
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const auto doe = static_cast<unsigned>(days - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    std::int64_t year = static_cast<std::int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned day = doy - (153 * mp + 2) / 5 + 1;
    const unsigned month = mp < 10 ? mp + 3 : mp - 9;
    year += month <= 2;
    const auto two = [](std::string& s, unsigned v) { s.push_back(static_cast<char>('0' + v / 10)); s.push_back(static_cast<char>('0' + v % 10)); };
    std::string out;
    const auto y = static_cast<unsigned>(year < 0 ? 0 : year > 9999 ? 9999 : year);
    two(out, y / 100);
    two(out, y % 100);
    out.push_back('-');
    two(out, month);
    out.push_back('-');
    two(out, day);
    out.push_back('T');
    two(out, static_cast<unsigned>(rest / 3600000));
    out.push_back(':');
    two(out, static_cast<unsigned>(rest / 60000 % 60));
    out.push_back(':');
    two(out, static_cast<unsigned>(rest / 1000 % 60));
    out.push_back('.');
    const auto millis = static_cast<unsigned>(rest % 1000);
    out.push_back(static_cast<char>('0' + millis / 100));
    two(out, millis % 100);
    out.push_back('Z');
    return out;
}

}  // namespace seamid::detail
