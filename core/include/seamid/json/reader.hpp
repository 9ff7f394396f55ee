// The one JSON reader of the core: a streaming (SAX) reader of RFC 8259 JSON that tracks where each value sits,
// builds no tree, never throws and never recurses. Every list, snapshot, plan, event and batch reader derives
// from json_reader; big inputs (100k-record snapshots) are read in one pass without a copy per value.
#pragma once

#include <cstddef>
#include <cstdint>
#include <algorithm>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "seamid/common/cold.hpp"
#include "seamid/common/issue.hpp"
#include "seamid/detail/hash_table.hpp"

namespace seamid {

/// The JSON type of a value.
enum class json_kind : std::uint8_t { null, boolean, number, string, object, array };

/// The JSON type name used in invalid_type messages ("null", "boolean", "number", "string", "object", "array").
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

/// An invalid_type error: "Expected <expected>, received <kind>."
[[nodiscard]] SEAMID_COLD inline issue json_type_issue(issue_path path, std::string_view expected, json_kind received) {
    std::string message = "Expected ";
    message.append(expected).append(", received ").append(json_kind_name(received)).append(".");
    return {std::move(path), "invalid_type", severity::error, std::move(message), std::nullopt};
}

/// Containers nested deeper than this are an error (the reader's memory stays bounded on hostile input).
inline constexpr std::size_t json_max_depth = 512;

/// Reads JSON text and hands every value to on_value(kind, text) and every container end to on_end(level,
/// was_object); either returns false to stop. While a value is reported, depth() is its depth (0 = the root)
/// and at(level) describes each open container above it: its current key (objects) or element index (arrays).
/// A string's text and every key are views valid during the call: into the input where the string has no
/// escapes (nothing is copied), else into a buffer holding it decoded to UTF-8. Containers are reported when
/// they open. Virtual dispatch keeps one copy of the reader in a binary whatever the number of readers.
///
/// The whole of RFC 8259 is read (a UTF-8 byte-order mark before the value is skipped, as the DOM parser of the
/// C++ API does); invalid UTF-8, lone surrogates in \u escapes, control characters in strings
/// and nesting deeper than json_max_depth are errors, with the byte where the text stopped being JSON. So is a
/// key repeated in one object: RFC 8259 leaves its meaning open (parsers keep the first or the last value), so
/// every seamid reader refuses it rather than pick one; the keys of the open objects are remembered for that
/// (compared as they come up to 16 keys an object; an object of more is checked, sorted, when it closes, so
/// its members are reported before the repeat is: readers that keep what they read discard it on the error).
class json_reader {
public:
    virtual ~json_reader() = default;
    /// A value at depth(); `text` is a string's text (decoded), else empty.
    virtual bool on_value(json_kind kind, std::string_view text) = 0;
    /// A container closed; `level` is its depth.
    virtual bool on_end(std::size_t level, bool was_object) = 0;

    /// An open container.
    struct frame {
        bool is_array = false;
        std::size_t index = 0;  ///< elements seen so far (arrays)
        /// The current key (objects): a view into the input text, or into key_text when it was decoded.
        [[nodiscard]] std::string_view key() const noexcept { return key_copied ? std::string_view(key_text) : key_view; }

    private:
        friend class json_reader;
        std::string_view key_view;
        std::string key_text;
        bool key_copied = false;
        std::size_t keys_begin = 0;   ///< this object's first key in json_reader::keys_
        std::size_t arena_begin = 0;  ///< its decoded keys' first byte in json_reader::key_arena_
        bool keys_sorted = false;     ///< it has more than scanned_keys keys: checked for repeats when it closes
        std::uint64_t key_bits = 0;   ///< one bit per key seen (from its fingerprint): a key whose bit is clear is new
    };

    /// Reads `text`; true when all of it was one JSON value and no handler stopped the read.
    bool run(std::string_view text);

    /// True when the last run() found text that is not JSON; error_position() is the 0-based offset of the
    /// first byte that cannot continue the JSON (the text's length when it ended too soon).
    [[nodiscard]] bool syntax_error() const noexcept { return error_reason_ != nullptr; }
    [[nodiscard]] std::size_t error_position() const noexcept { return error_position_; }
    /// What was wrong at error_position() ("unexpected end of text", "invalid UTF-8", ...); empty without an error.
    [[nodiscard]] std::string_view error_reason() const noexcept { return error_reason_ == nullptr ? std::string_view() : error_reason_; }

    /// The invalid_json issue for the syntax error; `after` ends the message (e.g. what was kept before it).
    [[nodiscard]] issue syntax_issue(std::string_view after = {}) const {
        std::string message = "Input is not valid JSON (";
        message.append(error_reason()).append(" at byte ").append(std::to_string(error_position_));
        message.append("; check quotes, commas and brackets; text must be UTF-8).");
        if (!after.empty()) message.append(" ").append(after);
        return {{}, "invalid_json", severity::error, std::move(message), std::nullopt};
    }

protected:
    static constexpr std::uint64_t not_a_count = ~std::uint64_t{0};
    /// The number just reported when it is an integer in [0, 2^64) written without fraction or exponent
    /// ("-0" included), else not_a_count.
    [[nodiscard]] std::uint64_t count_value() const noexcept { return number_; }
    /// The number just reported, as written.
    [[nodiscard]] std::string_view number_text() const noexcept { return number_text_; }
    /// The boolean just reported.
    [[nodiscard]] bool bool_value() const noexcept { return boolean_; }
    /// Depth of the value being reported (0 = the root).
    [[nodiscard]] std::size_t depth() const noexcept { return depth_; }
    /// The open container at depth `level` (0 = root container).
    [[nodiscard]] const frame& at(std::size_t level) const noexcept { return stack_[level]; }
    /// The index of the current element in the array at `level`.
    [[nodiscard]] std::size_t element_index(std::size_t level) const noexcept { return stack_[level].index - 1; }
    /// True when the value being reported is a member of an object (then at(depth() - 1).key() names it).
    [[nodiscard]] bool in_object() const noexcept { return depth_ > 0 && !stack_[depth_ - 1].is_array; }

private:
    using byte = unsigned char;

    bool value(json_kind kind, std::string_view text) {
        if (depth_ > 0 && stack_[depth_ - 1].is_array) ++stack_[depth_ - 1].index;
        return on_value(kind, text);
    }
    /// Opens a container; frames are kept when closed so that their key buffers keep their capacity.
    void push(bool is_array) {
        if (depth_ == stack_.size()) stack_.emplace_back();
        frame& top = stack_[depth_++];
        top.is_array = is_array;
        top.index = 0;
        top.key_view = {};
        top.key_copied = false;
        top.keys_begin = keys_.size();
        top.arena_begin = key_arena_.size();
        top.keys_sorted = false;
        top.key_bits = 0;
    }
    /// Closes the container at depth_ - 1 (forgets an object's keys); false, with the error, when an object of
    /// many keys repeats one (those are checked here, at once).
    bool pop() {
        frame& top = stack_[--depth_];
        if (top.is_array) return true;
        const std::size_t repeat = top.keys_sorted ? first_repeat(top.keys_begin) : not_found;
        keys_.resize(top.keys_begin);
        key_arena_.resize(top.arena_begin);
        return repeat == not_found || fail(begin_ + repeat, "a key repeated in one object");
    }

    /// A key of an open object: a fingerprint (its first 8 bytes and its length: most keys of an object differ
    /// there), where its text is, and where it starts in the input.
    struct seen_key {
        std::uint64_t fingerprint;
        std::size_t offset;  ///< into the input, or into key_arena_ when copied
        std::size_t size;
        std::size_t at;      ///< the input offset of its opening quote
        bool copied;
    };
    static constexpr std::size_t not_found = ~std::size_t{0};
    /// Up to this many keys an object's keys are compared as they come; beyond, at its end, sorted: linear memory
    /// and n log n time with sequential access (a hash table of a million keys was slower per key at scale).
    static constexpr std::size_t scanned_keys = 16;

    [[nodiscard]] std::string_view key_text(const seen_key& key) const noexcept {
        return {key.copied ? key_arena_.data() + key.offset : reinterpret_cast<const char*>(begin_) + key.offset, key.size};
    }
    /// Remembers the current object's key `text` (whose quote is at input offset `at`); false when a repeat is
    /// found now (objects of at most scanned_keys keys; larger ones are checked when they close).
    bool remember_key(std::string_view text, bool copied, std::size_t at) {
        frame& top = stack_[depth_ - 1];
        const std::uint64_t fingerprint =
            (text.size() >= 8 ? detail::load_word(text.data()) : text.empty() ? 0 : detail::load_tail(text.data(), text.size())) ^
            (text.size() * 0x9E3779B97F4A7C15ULL);
        if (!top.keys_sorted) {
            const std::uint64_t bit = std::uint64_t{1} << ((fingerprint * 0xD6E8FEB86659FD93ULL) >> 58);
            if ((top.key_bits & bit) != 0)  // perhaps seen: compare (a new key's bit is clear, mostly, and skips this)
                for (std::size_t k = top.keys_begin; k < keys_.size(); ++k)
                    if (keys_[k].fingerprint == fingerprint && key_text(keys_[k]) == text) return false;
            top.key_bits |= bit;
            if (keys_.size() - top.keys_begin >= scanned_keys) top.keys_sorted = true;
        }
        if (keys_.capacity() == 0) keys_.reserve(64);  // one allocation per reader for the usual objects
        seen_key key{fingerprint, 0, text.size(), at, copied};
        if (copied) {
            key.offset = key_arena_.size();
            key_arena_.append(text);
        } else {
            key.offset = static_cast<std::size_t>(reinterpret_cast<const byte*>(text.data()) - begin_);
        }
        keys_.push_back(key);
        return true;
    }
    /// The input offset of the first key (in text order) that repeats an earlier one of the object whose keys
    /// start at keys_[from], or not_found.
    std::size_t first_repeat(std::size_t from) {
        // (hash, index) pairs sorted by hash: contiguous, so the sort does not chase keys_ at random.
        order_.resize(keys_.size() - from);
        for (std::size_t i = 0; i < order_.size(); ++i)
            order_[i] = {detail::hash_text<false>(key_text(keys_[from + i]), key_seed_), static_cast<std::uint32_t>(from + i)};
        // Not the one sort of detail/sort.hpp: its comparator through a function pointer made a million-key object
        // 1.6x slower here, past the linearity bound; (hash, index) pairs sort inline.
        std::sort(order_.begin(), order_.end());
        std::size_t first = not_found;
        for (std::size_t i = 1; i < order_.size(); ++i) {
            if (order_[i].first != order_[i - 1].first) continue;
            // Equal hashes: compare the texts of the run (almost always two keys, the same one).
            std::size_t end = i + 1;
            while (end < order_.size() && order_[end].first == order_[i].first) ++end;
            for (std::size_t a = i - 1; a < end; ++a)
                for (std::size_t b = a + 1; b < end; ++b) {
                    const seen_key& x = keys_[order_[a].second];
                    const seen_key& y = keys_[order_[b].second];
                    if (key_text(x) == key_text(y)) first = std::min(first, std::max(x.at, y.at));  // the later of an equal pair
                }
            i = end - 1;
        }
        return first;
    }
    /// Records the error (the first one only) and returns false.
    bool fail(const byte* at, const char* reason) noexcept {
        error_position_ = static_cast<std::size_t>(at - begin_);
        error_reason_ = reason;
        return false;
    }

    static constexpr bool is_space(byte c) noexcept { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }
    static constexpr int hex_digit(byte c) noexcept {
        return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }

    /// Length of the well-formed UTF-8 sequence (2-4 bytes, RFC 3629: no overlongs, no surrogates) at `p`, 0 if none.
    static std::size_t utf8_length(const byte* p, const byte* end) noexcept {
        const byte lead = p[0];
        auto cont = [&](std::size_t i, byte low, byte high) { return p + i < end && p[i] >= low && p[i] <= high; };
        if (lead >= 0xC2 && lead <= 0xDF) return cont(1, 0x80, 0xBF) ? 2 : 0;
        if (lead == 0xE0) return cont(1, 0xA0, 0xBF) && cont(2, 0x80, 0xBF) ? 3 : 0;
        if ((lead >= 0xE1 && lead <= 0xEC) || lead == 0xEE || lead == 0xEF) return cont(1, 0x80, 0xBF) && cont(2, 0x80, 0xBF) ? 3 : 0;
        if (lead == 0xED) return cont(1, 0x80, 0x9F) && cont(2, 0x80, 0xBF) ? 3 : 0;
        if (lead == 0xF0) return cont(1, 0x90, 0xBF) && cont(2, 0x80, 0xBF) && cont(3, 0x80, 0xBF) ? 4 : 0;
        if (lead >= 0xF1 && lead <= 0xF3) return cont(1, 0x80, 0xBF) && cont(2, 0x80, 0xBF) && cont(3, 0x80, 0xBF) ? 4 : 0;
        if (lead == 0xF4) return cont(1, 0x80, 0x8F) && cont(2, 0x80, 0xBF) && cont(3, 0x80, 0xBF) ? 4 : 0;
        return 0;
    }

    /// Appends code point `cp` (a Unicode scalar value) to `out` as UTF-8.
    static void append_utf8(std::string& out, std::uint32_t cp) {
        if (cp < 0x80) {
            out.push_back(static_cast<char>(cp));
        } else if (cp < 0x800) {
            out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        } else if (cp < 0x10000) {
            out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        } else {
            out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        }
    }

    /// Reads four hex digits at p (after "\u"); -1 when they are not.
    static long read_hex4(const byte* p, const byte* end) noexcept {
        if (end - p < 4) return -1;
        long value = 0;
        for (int i = 0; i < 4; ++i) {
            const int digit = hex_digit(p[i]);
            if (digit < 0) return -1;
            value = value * 16 + digit;
        }
        return value;
    }

    /// Reads the string whose opening quote was at p[-1] and leaves p after its closing quote; `out` is its
    /// text: a view into the input when it has no escapes, else decoded into scratch_. False on an error.
    bool read_string(const byte*& p, const byte* end, std::string_view& out) {
        const byte* const start = p;
        const byte* segment = p;  // start of the text not yet copied to scratch_ (once there was an escape)
        bool escaped = false;
        const auto text = [](const byte* from, const byte* to) {
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
            if (p >= end) return fail(p, "unexpected end of text inside a string");
            const byte c = *p;
            if (c == '"') {
                if (escaped) {
                    scratch_.append(text(segment, p));
                    out = scratch_;
                } else {
                    out = text(start, p);
                }
                ++p;
                return true;
            }
            if (c == '\\') {
                if (!escaped) scratch_.clear();
                scratch_.append(text(segment, p));
                escaped = true;
                if (p + 1 >= end) return fail(p + 1, "unexpected end of text inside a string");
                switch (p[1]) {
                    case '"': scratch_.push_back('"'); break;
                    case '\\': scratch_.push_back('\\'); break;
                    case '/': scratch_.push_back('/'); break;
                    case 'b': scratch_.push_back('\b'); break;
                    case 'f': scratch_.push_back('\f'); break;
                    case 'n': scratch_.push_back('\n'); break;
                    case 'r': scratch_.push_back('\r'); break;
                    case 't': scratch_.push_back('\t'); break;
                    case 'u': {
                        const long unit = read_hex4(p + 2, end);
                        if (unit < 0) return fail(p, "invalid \\u escape (four hex digits expected)");
                        std::uint32_t cp = static_cast<std::uint32_t>(unit);
                        if (cp >= 0xDC00 && cp <= 0xDFFF) return fail(p, "lone low surrogate in a \\u escape");
                        if (cp >= 0xD800 && cp <= 0xDBFF) {
                            // A high surrogate must be followed by an escaped low surrogate: together one code point.
                            const long low = end - p >= 12 && p[6] == '\\' && p[7] == 'u' ? read_hex4(p + 8, end) : -1;
                            if (low < 0xDC00 || low > 0xDFFF) return fail(p, "lone high surrogate in a \\u escape");
                            cp = 0x10000 + ((cp - 0xD800) << 10) + (static_cast<std::uint32_t>(low) - 0xDC00);
                            p += 6;
                        }
                        append_utf8(scratch_, cp);
                        p += 4;
                        break;
                    }
                    default: return fail(p, "invalid escape in a string");
                }
                p += 2;
                segment = p;
                continue;
            }
            if (c < 0x20) return fail(p, "control character in a string (it must be escaped)");
            const std::size_t length = utf8_length(p, end);
            if (length == 0) return fail(p, "invalid UTF-8");
            p += length;  // a multi-byte character stays in the current segment
        }
    }

    /// Reads the number starting at p (RFC 8259 §6) and leaves p after it; sets number_ and number_text_.
    bool read_number(const byte*& p, const byte* end) {
        const byte* const start = p;
        const bool negative = *p == '-';
        if (negative) ++p;
        if (p >= end || *p < '0' || *p > '9') return fail(p, "invalid number (a digit expected)");
        std::uint64_t value = 0;
        bool fits = true;
        if (*p == '0') {
            ++p;
        } else {
            while (p < end && *p >= '0' && *p <= '9') {
                const auto digit = static_cast<std::uint64_t>(*p++ - '0');
                if (value > (not_a_count - 1 - digit) / 10) fits = false;  // not_a_count itself is no count either
                value = value * 10 + digit;
            }
        }
        bool integer = true;
        if (p < end && *p == '.') {
            ++p;
            if (p >= end || *p < '0' || *p > '9') return fail(p, "invalid number (a digit expected after '.')");
            while (p < end && *p >= '0' && *p <= '9') ++p;
            integer = false;
        }
        if (p < end && (*p == 'e' || *p == 'E')) {
            ++p;
            if (p < end && (*p == '+' || *p == '-')) ++p;
            if (p >= end || *p < '0' || *p > '9') return fail(p, "invalid number (a digit expected in the exponent)");
            while (p < end && *p >= '0' && *p <= '9') ++p;
            integer = false;
        }
        number_ = integer && fits && (!negative || value == 0) ? value : not_a_count;
        number_text_ = std::string_view(reinterpret_cast<const char*>(start), static_cast<std::size_t>(p - start));
        if (number_ == not_a_count && overflows_double(number_text_)) return fail(start, "number too large (beyond a 64-bit float)");
        return true;
    }

    /// True when the number `text` (valid JSON) rounds to infinity as a 64-bit float, which no JSON parser of a
    /// DOM can hold (RFC 8259 §6 lets a reader limit the range; nlohmann/json refuses it, JavaScript reads
    /// Infinity): its magnitude is 10^309 or more, or its digits reach the rounding midpoint above DBL_MAX.
    static bool overflows_double(std::string_view text) noexcept {
        std::size_t i = text[0] == '-' ? 1 : 0;
        const std::size_t int_begin = i;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
        const std::size_t int_end = i;
        std::size_t frac_begin = int_end, frac_end = int_end;
        if (i < text.size() && text[i] == '.') {
            frac_begin = ++i;
            while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
            frac_end = i;
        }
        long long exponent = 0;
        if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
            ++i;
            const bool minus = i < text.size() && text[i] == '-';
            if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
            for (; i < text.size(); ++i) exponent = exponent > 100000000 ? exponent : exponent * 10 + (text[i] - '0');
            if (minus) exponent = -exponent;
        }
        // The decimal magnitude of the first significant digit, and where the significant digits start.
        long long magnitude = 0;
        std::size_t first = int_begin;
        while (first < int_end && text[first] == '0') ++first;
        if (first < int_end) {
            magnitude = static_cast<long long>(int_end - first) - 1;
        } else {
            first = frac_begin;
            while (first < frac_end && text[first] == '0') ++first;
            if (first == frac_end) return false;  // zero
            magnitude = -static_cast<long long>(first - frac_begin) - 1;
        }
        magnitude += exponent;
        if (magnitude != 308) return magnitude > 308;
        // The digits of DBL_MAX + 2^970 = 2^1024 - 2^970 (309 of them): values from this midpoint up round to infinity.
        constexpr std::string_view midpoint =
            "1797693134862315807937289714053034150799341327100378269361737789804449682927647509466490179775872070"
            "9633028641669288791094655554785194040263065748867150582068190890200070838367627385484581771153176447"
            "5730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904"
            "174497792";
        std::size_t m = 0;
        const auto compare = [&](std::size_t from, std::size_t to, int& verdict) {  // verdict: 1 above, -1 below, 0 equal so far
            for (std::size_t k = from; k < to && verdict == 0; ++k, ++m) {
                if (m == midpoint.size()) verdict = 1;  // the midpoint's digits, then more: at or above it
                else if (text[k] != midpoint[m]) verdict = text[k] > midpoint[m] ? 1 : -1;
            }
        };
        int verdict = 0;
        if (first < int_end) compare(first, int_end, verdict);
        compare(first < int_end ? frac_begin : first, frac_end, verdict);
        return verdict > 0 || (verdict == 0 && m == midpoint.size());  // equal: ties round to the even neighbour, infinity
    }

    const byte* begin_ = nullptr;
    std::vector<frame> stack_;
    std::vector<seen_key> keys_;  ///< the keys of the open objects, outermost first
    std::string key_arena_;       ///< the decoded text of those keys that had escapes
    std::vector<std::pair<std::uint64_t, std::uint32_t>> order_;  ///< scratch: the keys of a closing object, sorted
    std::uint64_t key_seed_ = detail::random_seed();  ///< per reader: keys crafted to collide do not
    std::size_t depth_ = 0;
    std::string scratch_;
    std::uint64_t number_ = 0;
    std::string_view number_text_;
    bool boolean_ = false;
    const char* error_reason_ = nullptr;
    std::size_t error_position_ = 0;
};

inline bool json_reader::run(std::string_view text) {
    const auto* p = reinterpret_cast<const byte*>(text.data());
    const auto* const end = p + text.size();
    begin_ = p;
    depth_ = 0;
    keys_.clear();
    key_arena_.clear();
    error_reason_ = nullptr;
    error_position_ = 0;
    if (end - p >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) p += 3;  // a UTF-8 byte-order mark
    std::string_view string_text;
    const auto skip_space = [&] { while (p < end && is_space(*p)) ++p; };
    // A member's key and its colon, at p (after the whitespace before the key).
    const auto read_key = [&] {
        if (p >= end) return fail(p, "unexpected end of text (a key expected)");
        if (*p != '"') return fail(p, "a key string expected");
        const byte* const key_start = p++;
        if (!read_string(p, end, string_text)) return false;
        frame& top = stack_[depth_ - 1];
        if (string_text.data() == scratch_.data()) {  // decoded: scratch_ is reused, so the key is copied
            top.key_text.assign(string_text);
            top.key_copied = true;
        } else {
            top.key_view = string_text;
            top.key_copied = false;
        }
        if (!remember_key(string_text, top.key_copied, static_cast<std::size_t>(key_start - begin_))) {
            return fail(key_start, "a key repeated in one object");
        }
        skip_space();
        if (p >= end) return fail(p, "unexpected end of text (':' expected)");
        if (*p != ':') return fail(p, "':' expected after a key");
        ++p;
        return true;
    };
    for (;;) {
        // A value at p.
        skip_space();
        if (p >= end) return fail(p, "unexpected end of text (a value expected)");
        const byte c = *p;
        if (c == '{' || c == '[') {
            if (depth_ == json_max_depth) return fail(p, "nested deeper than 512 levels");
            ++p;
            if (!value(c == '{' ? json_kind::object : json_kind::array, {})) return false;
            push(c == '[');
            skip_space();
            if (p < end && *p == (c == '{' ? '}' : ']')) {
                ++p;  // an empty container: closed below
                if (!pop()) return false;
                if (!on_end(depth_, c == '{')) return false;
            } else if (c == '{') {
                if (!read_key()) return false;
                continue;  // the member's value
            } else {
                continue;  // the first element
            }
        } else if (c == '"') {
            ++p;
            if (!read_string(p, end, string_text)) return false;
            if (!value(json_kind::string, string_text)) return false;
        } else if (c == 't' || c == 'f' || c == 'n') {
            const std::string_view word = c == 't' ? "true" : c == 'f' ? "false" : "null";
            for (std::size_t i = 0; i < word.size(); ++i)
                if (p + i >= end || p[i] != static_cast<byte>(word[i])) return fail(p + i, p + i >= end ? "unexpected end of text in a literal" : "invalid literal");
            p += word.size();
            boolean_ = c == 't';
            if (!value(c == 'n' ? json_kind::null : json_kind::boolean, {})) return false;
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            if (!read_number(p, end)) return false;
            if (!value(json_kind::number, {})) return false;
        } else {
            return fail(p, "unexpected character (a value expected)");
        }
        // After a value: close containers, or move to the next member or element.
        for (;;) {
            skip_space();
            if (depth_ == 0) return p == end || fail(p, "text after the JSON value");
            const bool object = !stack_[depth_ - 1].is_array;
            if (p >= end) return fail(p, object ? "unexpected end of text (',' or '}' expected)" : "unexpected end of text (',' or ']' expected)");
            const byte next = *p;
            if (next == ',') {
                ++p;
                if (object) {
                    skip_space();
                    if (!read_key()) return false;
                }
                break;  // the next value
            }
            if (next != (object ? '}' : ']')) return fail(p, object ? "',' or '}' expected" : "',' or ']' expected");
            ++p;
            if (!pop()) return false;
            if (!on_end(depth_, object)) return false;
        }
    }
}

namespace detail {
/// A json_reader that only checks the text (the reader's rules: RFC 8259, UTF-8, depth limit, no repeated key),
/// in O(depth) memory: a first pass before a DOM is built or before anything is applied.
class json_checker final : public json_reader {
public:
    bool on_value(json_kind, std::string_view) override { return true; }
    bool on_end(std::size_t, bool) override { return true; }
};
}  // namespace detail

}  // namespace seamid
