// Internals of deletion planning: 128-bit ids, an open-addressing id index, RFC 3339 timestamps and issue capping
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

namespace seamid::detail {

using seamid::append_json_string;  // the deletion readers and bindings write JSON with the one writer

/// A UUID as two 64-bit halves. Seam ids are UUIDs; comparing halves is case-insensitive by construction.
struct uuid128 {
    std::uint64_t hi = 0;
    std::uint64_t lo = 0;
    friend constexpr bool operator==(const uuid128&, const uuid128&) = default;
};

constexpr int hex_value(char c) noexcept {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/// Hex digit values by byte, -1 for anything else (one table lookup per digit in parse_uuid).
inline constexpr std::array<signed char, 256> hex_table = [] {
    std::array<signed char, 256> table{};
    for (int c = 0; c < 256; ++c) table[static_cast<std::size_t>(c)] = static_cast<signed char>(hex_value(static_cast<char>(c)));
    return table;
}();

/// Parses an 8-4-4-4-12 UUID (any case); false when `text` is not one (the same texts as seamid::is_uuid).
[[nodiscard]] constexpr bool parse_uuid(std::string_view text, uuid128& out) noexcept {
    if (text.size() != 36 || text[8] != '-' || text[13] != '-' || text[18] != '-' || text[23] != '-') return false;
    // Positions of the 32 hex digits, 16 per half.
    constexpr unsigned char at[32] = {0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 14, 15, 16, 17,
                                      19, 20, 21, 22, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35};
    std::uint64_t halves[2] = {0, 0};
    int bad = 0;
    for (unsigned half = 0; half < 2; ++half) {
        std::uint64_t value = 0;
        for (unsigned i = 0; i < 16; ++i) {
            const int digit = hex_table[static_cast<unsigned char>(text[at[half * 16 + i]])];
            bad |= digit;  // negative (-1) for a non-hex byte
            value = (value << 4) | static_cast<std::uint64_t>(digit & 0xF);
        }
        halves[half] = value;
    }
    if (bad < 0) return false;
    out = {halves[0], halves[1]};
    return true;
}

/// True when the UUID text has an uppercase hex digit (Seam writes ids in lowercase).
[[nodiscard]] constexpr bool has_uppercase(std::string_view text) noexcept {
    for (const char c : text)
        if (c >= 'A' && c <= 'F') return true;
    return false;
}

/// Writes the lowercase 8-4-4-4-12 form of `id` (36 characters) to `text`.
inline void write_uuid(char* text, const uuid128& id) noexcept {
    constexpr char digits[] = "0123456789abcdef";
    unsigned digit = 0;
    for (unsigned i = 0; i < 36; ++i) {
        if (i == 8 || i == 13 || i == 18 || i == 23) { text[i] = '-'; continue; }
        const std::uint64_t half = digit < 16 ? id.hi : id.lo;
        text[i] = digits[(half >> (60 - 4 * (digit % 16))) & 0xF];
        ++digit;
    }
}

/// Appends the lowercase 8-4-4-4-12 form of `id`.
inline void append_uuid(std::string& out, const uuid128& id) {
    char text[36];
    write_uuid(text, id);
    out.append(text, 36);
}

/// The lowercase text of `id`.
[[nodiscard]] inline std::string uuid_text(const uuid128& id) {
    std::string out;
    append_uuid(out, id);
    return out;
}

/// Maps uuid128 -> uint32 with linear probing; no per-entry allocation (fast for 10^6 ids).
class id_index {
public:
    static constexpr std::uint32_t absent = 0xFFFFFFFFu;

    /// Prepares room for `count` ids.
    void reserve(std::size_t count) {
        std::size_t capacity = 16;
        while (capacity < count * 2 + 2) capacity <<= 1;
        if (capacity > slots_.size()) rehash(capacity);
    }
    /// Inserts id -> value unless present; returns the value already stored, or `absent` when inserted.
    std::uint32_t insert(const uuid128& id, std::uint32_t value) {
        if ((size_ + 1) * 2 > slots_.size()) rehash(slots_.empty() ? 16 : slots_.size() * 2);
        std::size_t at = hash(id) & (slots_.size() - 1);
        while (slots_[at].value != absent) {
            if (slots_[at].id == id) return slots_[at].value;
            at = (at + 1) & (slots_.size() - 1);
        }
        slots_[at] = {id, value};
        ++size_;
        return absent;
    }
    /// The value stored for `id`, or `absent`.
    [[nodiscard]] std::uint32_t find(const uuid128& id) const noexcept {
        if (slots_.empty()) return absent;
        std::size_t at = hash(id) & (slots_.size() - 1);
        while (slots_[at].value != absent) {
            if (slots_[at].id == id) return slots_[at].value;
            at = (at + 1) & (slots_.size() - 1);
        }
        return absent;
    }
    [[nodiscard]] std::size_t size() const noexcept { return size_; }

private:
    struct slot {
        uuid128 id;
        std::uint32_t value = absent;
    };
    static std::size_t hash(const uuid128& id) noexcept {
        std::uint64_t h = (id.hi ^ (id.lo * 0x9E3779B97F4A7C15ull)) * 0xBF58476D1CE4E5B9ull;
        return static_cast<std::size_t>(h ^ (h >> 31));
    }
    void rehash(std::size_t capacity) {
        std::vector<slot> old = std::move(slots_);
        slots_.assign(capacity, slot{});
        size_ = 0;
        for (const auto& entry : old)
            if (entry.value != absent) insert(entry.id, entry.value);
    }
    std::vector<slot> slots_;
    std::size_t size_ = 0;
};

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

/// Adds `found` unless `issues` already holds `limit` issues; then adds one final too_many_issues error.
inline void add_capped(std::vector<issue>& issues, issue found, std::size_t limit = 100) {
    if (issues.size() < limit) {
        issues.push_back(std::move(found));
    } else if (issues.size() == limit) {
        issues.push_back({{}, "too_many_issues", severity::error,
                          "More than " + std::to_string(limit) + " issues; fix these and check again.", std::nullopt});
    }
}

}  // namespace seamid::detail
