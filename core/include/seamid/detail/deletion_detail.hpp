// Internals of deletion planning: a JSON text writer, RFC 3339
// timestamps, and a path-tracking SAX base for nlohmann/json (no DOM, so 100k-resource snapshots stay cheap).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "seamid/common/issue.hpp"
#include "seamid/json/dom.hpp"
#include "seamid/json/sax.hpp"
#include "seamid/common/uuid.hpp"
#include "seamid/detail/hash_table.hpp"

namespace seamid::detail {

/// True when the UUID text has an uppercase hex digit (Seam writes ids in lowercase).
[[nodiscard]] constexpr bool has_uppercase(std::string_view text) noexcept {
    for (const char c : text)
        if (c >= 'A' && c <= 'F') return true;
    return false;
}

/// Appends `text` as a JSON string literal (quotes and escapes; bytes >= 0x80 are copied as they are).
inline void append_json_string(std::string& out, std::string_view text) {
    constexpr char hex[] = "0123456789abcdef";
    out.push_back('"');
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        switch (c) {
            case '"': out.append("\\\""); break;
            case '\\': out.append("\\\\"); break;
            case '\n': out.append("\\n"); break;
            case '\t': out.append("\\t"); break;
            case '\r': out.append("\\r"); break;
            default:
                if (byte < 0x20) {
                    out.append("\\u00");
                    out.push_back(hex[byte >> 4]);
                    out.push_back(hex[byte & 0xF]);
                } else {
                    out.push_back(c);
                }
        }
    }
    out.push_back('"');
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

/// The JSON type of a SAX event.
enum class json_kind : std::uint8_t { null, boolean, number, string, object, array };

/// The JSON type name used in invalid_type messages.
[[nodiscard]] constexpr std::string_view json_kind_name(json_kind kind) noexcept {
    switch (kind) {
        case json_kind::null: return "null";
        case json_kind::boolean: return "boolean";
        case json_kind::number: return "number";
        case json_kind::string: return "string";
        case json_kind::object: return "object";
        case json_kind::array: return "array";
    }
    return "null";
}

/// An invalid_type issue from a SAX event: "Expected <expected>, received <type>."
[[nodiscard]] inline issue sax_type_issue(issue_path path, std::string_view expected, json_kind received) {
    std::string message = "Expected ";
    message.append(expected).append(", received ").append(json_kind_name(received)).append(".");
    return {std::move(path), "invalid_type", severity::error, std::move(message), std::nullopt};
}

/// SAX base that tracks where each value sits (object key or array index per open container) and hands
/// every value to on_value(kind, text) and every container end to on_end(depth, was_object); returning false
/// stops parsing. A string's text and a key are views valid during the call (into the input text where the
/// string has no escapes: nothing is copied). Nesting is tracked without recursion. Virtual dispatch keeps one instantiation of
/// nlohmann's parser for every reader (smaller wasm).
///
/// run() first tries a fast scanner for plain JSON (what APIs and JSON.stringify write: strings without
/// \u escapes, integers of up to 18 digits): one pass checks that the whole text is such JSON, a second pass
/// sends the same events nlohmann's parser would send. Any other text (fractions, exponents, \u escapes, a
/// byte-order mark, anything invalid) goes to nlohmann's parser, so errors and their positions are its own.
class sax_walker {
public:
    virtual ~sax_walker() = default;
    /// A value at depth() (containers are reported when they open); `text` is a string's text, else empty.
    virtual bool on_value(json_kind kind, std::string_view text) = 0;
    /// A container closed; `level` is its depth.
    virtual bool on_end(std::size_t level, bool was_object) = 0;

    using json = nlohmann::json;

    struct frame {
        bool is_array = false;
        std::size_t index = 0;  ///< next element index (arrays)
        /// The current key (objects): a view into the input text, or key_text when it had to be copied.
        [[nodiscard]] std::string_view key() const noexcept { return key_copied ? std::string_view(key_text) : key_view; }

    private:
        friend class sax_walker;
        std::string_view key_view;
        std::string key_text;
        bool key_copied = false;
    };

    bool null() { return value(json_kind::null, {}); }
    bool boolean(bool) { return value(json_kind::boolean, {}); }
    bool number_integer(json::number_integer_t number) {
        number_ = number >= 0 ? static_cast<std::uint64_t>(number) : not_a_count;
        return value(json_kind::number, {});
    }
    bool number_unsigned(json::number_unsigned_t number) {
        number_ = number;
        return value(json_kind::number, {});
    }
    bool number_float(json::number_float_t, const json::string_t&) {
        number_ = not_a_count;
        return value(json_kind::number, {});
    }
    bool string(json::string_t& text) { return value(json_kind::string, text); }
    bool binary(json::binary_t&) { return value(json_kind::null, {}); }
    bool start_object(std::size_t) {
        if (!value(json_kind::object, {})) return false;
        push(false);
        return true;
    }
    bool key(json::string_t& name) {
        copy_key(name);
        return true;
    }
    bool end_object() {
        --depth_;
        return on_end(depth_, true);
    }
    bool start_array(std::size_t) {
        if (!value(json_kind::array, {})) return false;
        push(true);
        return true;
    }
    bool end_array() {
        --depth_;
        return on_end(depth_, false);
    }
    bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception&) {
        syntax_error_ = true;
        error_position_ = position;
        return false;
    }

    /// True when the text was not JSON; error_position() is the byte offset nlohmann reported.
    [[nodiscard]] bool syntax_error() const noexcept { return syntax_error_; }
    [[nodiscard]] std::size_t error_position() const noexcept { return error_position_; }

    /// Runs the parse over `text`; returns true when the whole text was read.
    bool run(std::string_view text) {
        fast_ = scan<false>(text) == scan_result::read;
        if (fast_) return scan<true>(text) == scan_result::read;
        return run_reference(text);
    }

    /// True when the last run() took the fast scanner (tests check that plain JSON does).
    [[nodiscard]] bool took_fast_path() const noexcept { return fast_; }

    /// Runs only nlohmann's parser (tests compare it with run()).
    bool run_reference(std::string_view text) { return sax_read(text, *this); }

    /// The invalid_json issue for a syntax error.
    [[nodiscard]] issue syntax_issue() const {
        return {{}, "invalid_json", severity::error,
                "Input is not valid JSON (near byte " + std::to_string(error_position_) +
                    "; check quotes, commas and brackets; text must be UTF-8).",
                std::nullopt};
    }

protected:
    static constexpr std::uint64_t not_a_count = ~std::uint64_t{0};
    /// The value of the number just reported when it is a non-negative integer, else not_a_count.
    [[nodiscard]] std::uint64_t count_value() const noexcept { return number_; }
    /// Depth of the value being reported (0 = the root).
    [[nodiscard]] std::size_t depth() const noexcept { return depth_; }
    /// The open container at depth `level` (0 = root container).
    [[nodiscard]] const frame& at(std::size_t level) const noexcept { return stack_[level]; }
    /// The index of the current element in the array at `level`.
    [[nodiscard]] std::size_t element_index(std::size_t level) const noexcept { return stack_[level].index - 1; }

private:
    enum class scan_result : std::uint8_t { read, stopped, unsupported };

    bool value(json_kind kind, std::string_view text) {
        if (depth_ > 0 && stack_[depth_ - 1].is_array) ++stack_[depth_ - 1].index;
        return on_value(kind, text);
    }
    /// Sets the current key to a copy of `name` (text that does not outlive the call).
    void copy_key(std::string_view name) {
        frame& top = stack_[depth_ - 1];
        top.key_text.assign(name);
        top.key_copied = true;
    }
    /// Sets the current key to `name`, a view into the input text (valid for the whole run).
    void view_key(std::string_view name) noexcept {
        frame& top = stack_[depth_ - 1];
        top.key_view = name;
        top.key_copied = false;
    }
    /// Opens a container; frames are kept when closed so that their key strings keep their capacity.
    void push(bool is_array) {
        if (depth_ == stack_.size()) stack_.emplace_back();
        auto& top = stack_[depth_++];
        top.is_array = is_array;
        top.index = 0;
        top.key_view = {};
        top.key_copied = false;
    }

    static constexpr bool is_space(char c) noexcept { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

    /// Length of the well-formed UTF-8 sequence (2-4 bytes, RFC 3629, as nlohmann accepts) at `p`, 0 if none.
    static std::size_t utf8_length(const unsigned char* p, const unsigned char* end) noexcept {
        const unsigned char lead = p[0];
        auto cont = [&](std::size_t i, unsigned char low, unsigned char high) { return p + i < end && p[i] >= low && p[i] <= high; };
        if (lead >= 0xC2 && lead <= 0xDF) return cont(1, 0x80, 0xBF) ? 2 : 0;
        if (lead == 0xE0) return cont(1, 0xA0, 0xBF) && cont(2, 0x80, 0xBF) ? 3 : 0;
        if ((lead >= 0xE1 && lead <= 0xEC) || lead == 0xEE || lead == 0xEF) return cont(1, 0x80, 0xBF) && cont(2, 0x80, 0xBF) ? 3 : 0;
        if (lead == 0xED) return cont(1, 0x80, 0x9F) && cont(2, 0x80, 0xBF) ? 3 : 0;
        if (lead == 0xF0) return cont(1, 0x90, 0xBF) && cont(2, 0x80, 0xBF) && cont(3, 0x80, 0xBF) ? 4 : 0;
        if (lead >= 0xF1 && lead <= 0xF3) return cont(1, 0x80, 0xBF) && cont(2, 0x80, 0xBF) && cont(3, 0x80, 0xBF) ? 4 : 0;
        if (lead == 0xF4) return cont(1, 0x80, 0x8F) && cont(2, 0x80, 0xBF) && cont(3, 0x80, 0xBF) ? 4 : 0;
        return 0;
    }

    /// Reads the string whose opening quote was at p[-1]; leaves p after the closing quote. With Emit, `out` is
    /// its text: a view into the input when it has no escapes, else decoded into `scratch`. False for what the
    /// fast scanner leaves to nlohmann (\u escapes, invalid text).
    template <bool Emit>
    static bool scan_string(const unsigned char*& p, const unsigned char* end, std::string& scratch, std::string_view& out) {
        const unsigned char* const start = p;
        const unsigned char* segment = p;  // start of the text not yet copied to scratch (once there was an escape)
        bool escaped = false;
        const auto text = [](const unsigned char* from, const unsigned char* to) {
            return std::string_view(reinterpret_cast<const char*>(from), static_cast<std::size_t>(to - from));
        };
        for (;;) {
            // Eight bytes at a time while none is '"', '\\', a control character or non-ASCII (SWAR tests;
            // a flagged word is finished byte by byte, so a false flag only costs time).
            constexpr std::uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
            while (end - p >= 8) {
                std::uint64_t word;
                std::memcpy(&word, p, 8);
                const std::uint64_t quote = word ^ (ones * '"'), backslash = word ^ (ones * '\\');
                const std::uint64_t special = ((quote - ones) & ~quote) | ((backslash - ones) & ~backslash) | (word - ones * 0x20) | word;
                if ((special & highs) != 0) break;
                p += 8;
            }
            while (p < end && *p >= 0x20 && *p < 0x80 && *p != '"' && *p != '\\') ++p;
            if (p >= end) return false;
            const unsigned char c = *p;
            if (c == '"') {
                if constexpr (Emit) {
                    if (escaped) {
                        scratch.append(text(segment, p));
                        out = scratch;
                    } else {
                        out = text(start, p);
                    }
                }
                ++p;
                return true;
            }
            if (c == '\\') {
                if (p + 1 >= end) return false;
                char decoded = 0;
                switch (p[1]) {
                    case '"': decoded = '"'; break;
                    case '\\': decoded = '\\'; break;
                    case '/': decoded = '/'; break;
                    case 'b': decoded = '\b'; break;
                    case 'f': decoded = '\f'; break;
                    case 'n': decoded = '\n'; break;
                    case 'r': decoded = '\r'; break;
                    case 't': decoded = '\t'; break;
                    default: return false;  // \u (surrogates) and invalid escapes: nlohmann's parser
                }
                if constexpr (Emit) {
                    if (!escaped) scratch.clear();
                    scratch.append(text(segment, p));
                    scratch.push_back(decoded);
                }
                escaped = true;
                p += 2;
                segment = p;
                continue;
            }
            if (c < 0x20) return false;  // control characters must be escaped: invalid JSON
            const std::size_t length = utf8_length(p, end);
            if (length == 0) return false;
            p += length;  // a multi-byte character stays in the current segment
        }
    }

    /// One pass of the fast scanner: with Emit false it only checks that `text` is JSON it can read (read or
    /// unsupported); with Emit true it sends the events (read, or stopped when a handler returned false).
    template <bool Emit>
    scan_result scan(std::string_view text) {
        const auto* p = reinterpret_cast<const unsigned char*>(text.data());
        const auto* const end = p + text.size();
        std::string& scratch = scratch_;
        std::string_view string_text;  // the text of the string just read (Emit)
        std::string open;  // '{' or '[' per open container (check pass)
        std::size_t level = 0;
        bool in_object = false;  // innermost open container is an object
        auto skip_space = [&] { while (p < end && is_space(static_cast<char>(*p))) ++p; };
        // A member's key and its colon, at p (the opening quote); false when the text is not plain JSON there.
        auto read_key = [&] {
            if (p >= end || *p != '"') return false;
            ++p;
            if (!scan_string<Emit>(p, end, scratch, string_text)) return false;
            if constexpr (Emit) {
                if (string_text.data() == scratch.data()) copy_key(string_text);  // decoded: scratch is reused
                else view_key(string_text);
            }
            skip_space();
            if (p >= end || *p != ':') return false;
            ++p;
            return true;
        };
        for (;;) {
            // Expect a value at p.
            skip_space();
            if (p >= end) return scan_result::unsupported;
            const unsigned char c = *p;
            if (c == '{' || c == '[') {
                ++p;
                if constexpr (Emit) {
                    if (!(c == '{' ? start_object(static_cast<std::size_t>(-1)) : start_array(static_cast<std::size_t>(-1)))) return scan_result::stopped;
                } else {
                    open.push_back(static_cast<char>(c));
                }
                ++level;
                in_object = c == '{';
                skip_space();
                if (p < end && *p == (c == '{' ? '}' : ']')) {
                    ++p;  // empty container: closed below
                    --level;
                    if constexpr (Emit) {
                        if (!(c == '{' ? end_object() : end_array())) return scan_result::stopped;
                    } else {
                        open.pop_back();
                    }
                } else if (in_object) {
                    if (!read_key()) return scan_result::unsupported;
                    continue;  // the member's value
                } else {
                    continue;  // the first element
                }
            } else if (c == '"') {
                ++p;
                if (!scan_string<Emit>(p, end, scratch, string_text)) return scan_result::unsupported;
                if constexpr (Emit)
                    if (!value(json_kind::string, string_text)) return scan_result::stopped;
            } else if (c == 't' || c == 'f' || c == 'n') {
                const std::string_view word = c == 't' ? "true" : c == 'f' ? "false" : "null";
                if (static_cast<std::size_t>(end - p) < word.size() || std::string_view(reinterpret_cast<const char*>(p), word.size()) != word)
                    return scan_result::unsupported;
                p += word.size();
                if constexpr (Emit)
                    if (!(c == 'n' ? null() : boolean(c == 't'))) return scan_result::stopped;
            } else if (c == '-' || (c >= '0' && c <= '9')) {
                const bool negative = c == '-';
                if (negative) ++p;
                const auto* digits = p;
                std::uint64_t number = 0;
                while (p < end && *p >= '0' && *p <= '9') number = number * 10 + (*p++ - '0');
                const auto count = p - digits;
                if (count == 0 || count > 18 || (*digits == '0' && count > 1)) return scan_result::unsupported;
                if (p < end && (*p == '.' || *p == 'e' || *p == 'E')) return scan_result::unsupported;  // nlohmann reads floats
                if constexpr (Emit) {
                    const bool ok = negative ? number_integer(-static_cast<json::number_integer_t>(number)) : number_unsigned(number);
                    if (!ok) return scan_result::stopped;
                }
            } else {
                return scan_result::unsupported;
            }
            // After a value: close containers or move to the next member/element.
            for (;;) {
                skip_space();
                if (level == 0) return p == end ? scan_result::read : scan_result::unsupported;
                if (p >= end) return scan_result::unsupported;
                if constexpr (Emit) in_object = !stack_[depth_ - 1].is_array;
                else in_object = open.back() == '{';
                const unsigned char next = *p++;
                if (next == ',') {
                    if (in_object) {
                        skip_space();
                        if (!read_key()) return scan_result::unsupported;
                    }
                    break;  // the next value
                }
                if (next != (in_object ? '}' : ']')) return scan_result::unsupported;
                --level;
                if constexpr (Emit) {
                    if (!(in_object ? end_object() : end_array())) return scan_result::stopped;
                } else {
                    open.pop_back();
                }
            }
        }
    }

    std::vector<frame> stack_;
    std::size_t depth_ = 0;
    std::string scratch_;
    bool fast_ = false;
    std::uint64_t number_ = 0;
    bool syntax_error_ = false;
    std::size_t error_position_ = 0;
};

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
