// Reading a phone number written without '+' in a default country, as libphonenumber-js's
// parsePhoneNumber(text, country) does: an international prefix (00, 011, ...) and a calling code, the
// country's calling code without '+', or a national number with its trunk prefix (and Argentina's, Brazil's,
// Japan's... national prefix rules). Data: detail/phone_tables_regions.hpp, generated from libphonenumber's
// metadata (https://github.com/google/libphonenumber, resources/PhoneNumberMetadata.xml). A cold path (only numbers
// without '+', only with the option): its entry points are kept out of line so that the wasm modules carry them once.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "seamid/common/options.hpp"
#include "seamid/detail/phone_tables.hpp"
#include "seamid/detail/phone_tables_regions.hpp"

namespace seamid {

namespace detail {

/// A match of one metadata pattern against a digit string, by backtracking in the order a JS RegExp tries
/// (greedy quantifiers, alternatives left to right), reading the pattern text directly. The metadata's patterns
/// use digits, [classes], \d, (groups), (?:groups), '|', ? * + {n} {n,} {n,m} and '$' (the generator refuses
/// anything else). Captures: groups 1 to 3.
class digit_pattern_match {
public:
    digit_pattern_match(std::string_view pattern, std::string_view input, bool entire) noexcept
        : pattern_(pattern), input_(input), entire_(entire) {}

    /// Runs the match from the start of the input; true when the pattern matches there (entirely when `entire`).
    bool run() noexcept {
        const frame accept{frame::accept, 0, 0, 0, 0, 0, 0, nullptr};
        return alternatives(0, pattern_.size(), 0, &accept);
    }
    /// Where the match ended (valid after run() returned true).
    [[nodiscard]] std::size_t end() const noexcept { return end_; }
    /// Group `n`'s text, or an empty view when it did not take part (n in 1..3).
    [[nodiscard]] std::string_view group(unsigned n) const noexcept {
        if (n == 0 || n > 3 || groups_[n].begin < 0) return {};
        return input_.substr(static_cast<std::size_t>(groups_[n].begin), static_cast<std::size_t>(groups_[n].end - groups_[n].begin));
    }
    /// The number of capturing groups in the pattern.
    [[nodiscard]] unsigned group_count() const noexcept {
        unsigned count = 0;
        for (std::size_t p = 0; p + 1 < pattern_.size(); ++p)
            if (pattern_[p] == '(' && pattern_[p + 1] != '?') ++count;
        return count;
    }

private:
    static constexpr unsigned unbounded = 0xFFFF;
    /// What to do after a part has matched: go on with a sequence, repeat an atom, close a group, or accept.
    struct frame {
        enum kind_t : std::uint8_t { sequence, repeat, close, accept } kind;
        std::size_t begin, end;  // sequence: pattern range left; repeat: the atom
        std::size_t after;       // repeat: where the quantifier ends (the rest of the sequence runs to `limit`)
        std::size_t limit;       // repeat: end of the sequence
        unsigned min_max;        // repeat: min | max << 16
        std::size_t at;          // repeat: input position the iteration started at; close: the group's start
        const frame* next;
        unsigned count = 0;      // repeat: iterations done
        unsigned group = 0;      // close: group number
    };
    struct span { int begin = -1, end = -1; };

    std::string_view pattern_, input_;
    bool entire_;
    std::size_t end_ = 0;
    std::array<span, 4> groups_{};
    unsigned steps_ = 0;  // bounds the work on any pattern and input (the metadata's patterns need far fewer)

    /// The position after the atom starting at p (a group, a class, an escape or one character).
    [[nodiscard]] std::size_t atom_end(std::size_t p) const noexcept {
        const std::size_t n = pattern_.size();
        if (pattern_[p] == '\\') return p + 2 <= n ? p + 2 : n;
        if (pattern_[p] == '[') {
            while (p < n && pattern_[p] != ']') ++p;
            return p < n ? p + 1 : n;
        }
        if (pattern_[p] != '(') return p + 1;
        int depth = 0;
        for (; p < n; ++p) {
            const char c = pattern_[p];
            if (c == '\\') ++p;
            else if (c == '[') { while (p < n && pattern_[p] != ']') ++p; }
            else if (c == '(') ++depth;
            else if (c == ')' && --depth == 0) return p + 1;
        }
        return n;
    }

    /// Reads a quantifier at q: sets min and max, returns where it ends (q itself when there is none).
    [[nodiscard]] std::size_t quantifier(std::size_t q, unsigned& min, unsigned& max) const noexcept {
        min = max = 1;
        if (q >= pattern_.size()) return q;
        const char c = pattern_[q];
        if (c == '?') { min = 0; return q + 1; }
        if (c == '*') { min = 0; max = unbounded; return q + 1; }
        if (c == '+') { max = unbounded; return q + 1; }
        if (c != '{') return q;
        std::size_t p = q + 1;
        unsigned low = 0;
        while (p < pattern_.size() && pattern_[p] >= '0' && pattern_[p] <= '9') low = low * 10 + static_cast<unsigned>(pattern_[p++] - '0');
        unsigned high = low;
        if (p < pattern_.size() && pattern_[p] == ',') {
            ++p;
            if (p < pattern_.size() && pattern_[p] == '}') high = unbounded;
            else {
                high = 0;
                while (p < pattern_.size() && pattern_[p] >= '0' && pattern_[p] <= '9') high = high * 10 + static_cast<unsigned>(pattern_[p++] - '0');
            }
        }
        min = low;
        max = high;
        return p < pattern_.size() ? p + 1 : p;
    }

    /// True when the one-character atom [p, e) (a digit, \d or a class) accepts digit c.
    [[nodiscard]] bool accepts(std::size_t p, std::size_t e, char c) const noexcept {
        if (pattern_[p] == '\\') return c >= '0' && c <= '9';
        if (pattern_[p] != '[') return pattern_[p] == c;
        bool negate = false, found = false;
        std::size_t i = p + 1;
        if (i < e && pattern_[i] == '^') { negate = true; ++i; }
        for (; i + 1 < e; ++i) {
            if (pattern_[i] == '\\') { found = found || (c >= '0' && c <= '9'); ++i; continue; }
            if (i + 2 < e - 1 && pattern_[i + 1] == '-') {
                found = found || (c >= pattern_[i] && c <= pattern_[i + 2]);
                i += 2;
            } else {
                found = found || c == pattern_[i];
            }
        }
        return found != negate;
    }

    /// Tries each '|'-separated alternative of [begin, end) at input position i, then `next`.
    bool alternatives(std::size_t begin, std::size_t end, std::size_t i, const frame* next) noexcept {
        std::size_t start = begin;
        for (std::size_t p = begin; p <= end;) {
            if (p == end || pattern_[p] == '|') {
                if (sequence(start, p, i, next)) return true;
                start = p + 1;
                ++p;
                continue;
            }
            p = atom_end(p);
        }
        return false;
    }

    /// Matches the sequence [begin, end) at i, then `next`.
    [[gnu::noinline]] bool sequence(std::size_t begin, std::size_t end, std::size_t i, const frame* next) noexcept {
        if (++steps_ > 200000) return false;
        if (begin >= end) return resume(next, i);
        const std::size_t atom = atom_end(begin);
        unsigned min = 1, max = 1;
        const std::size_t after = quantifier(atom, min, max);
        if (min == 1 && max == 1) {
            const frame rest{frame::sequence, after, end, 0, 0, 0, 0, next};
            return once(begin, atom, i, &rest);
        }
        frame loop{frame::repeat, begin, atom, after, end, min | max << 16, i, next};
        return repeat(loop, i);
    }

    /// One more iteration of a repeated atom when allowed (greedy), else the rest of the sequence.
    bool repeat(const frame& loop, std::size_t i) noexcept {
        const unsigned min = loop.min_max & 0xFFFF, max = loop.min_max >> 16;
        if (loop.count < max) {
            frame again = loop;
            again.count = loop.count + 1;
            again.at = i;
            if (once(loop.begin, loop.end, i, &again)) return true;
        }
        if (loop.count < min) return false;
        return sequence(loop.after, loop.limit, i, loop.next);
    }

    /// Matches one instance of the atom [p, e) at i, then `next`.
    bool once(std::size_t p, std::size_t e, std::size_t i, const frame* next) noexcept {
        const char c = pattern_[p];
        if (c == '$') return i == input_.size() && resume(next, i);
        if (c == '(') {
            const bool capturing = p + 1 < e && pattern_[p + 1] != '?';
            const std::size_t inner = capturing ? p + 1 : p + 3;
            if (!capturing) return alternatives(inner, e - 1, i, next);
            unsigned number = 1;
            for (std::size_t k = 0; k < p; ++k)
                if (pattern_[k] == '(' && pattern_[k + 1] != '?') ++number;
            frame close{frame::close, 0, 0, 0, 0, 0, i, next};
            close.group = number;
            return alternatives(inner, e - 1, i, &close);
        }
        return i < input_.size() && accepts(p, e, input_[i]) && resume(next, i + 1);
    }

    /// Continues with `k` at input position i.
    bool resume(const frame* k, std::size_t i) noexcept {
        switch (k->kind) {
            case frame::sequence: return sequence(k->begin, k->end, i, k->next);
            case frame::repeat:
                if (i == k->at && k->count > (k->min_max & 0xFFFF)) return false;  // an empty iteration past the minimum
                return repeat(*k, i);
            case frame::close: {
                if (k->group > 3) return resume(k->next, i);
                const span saved = groups_[k->group];
                groups_[k->group] = {static_cast<int>(k->at), static_cast<int>(i)};
                if (resume(k->next, i)) return true;
                groups_[k->group] = saved;
                return false;
            }
            case frame::accept:
                if (entire_ && i != input_.size()) return false;
                end_ = i;
                return true;
        }
        return false;
    }
};

/// A region's pattern text at `offset` in the generated pool.
inline std::string_view region_pattern(std::uint16_t offset) noexcept {
    return std::string_view(phone_tables::region_patterns + offset);
}

/// True when `digits` matches the pattern at `offset` entirely.
[[gnu::noinline]] inline bool matches_entirely(std::uint16_t offset, std::string_view digits) {
    digit_pattern_match match(region_pattern(offset), digits, true);
    return match.run();
}

/// libphonenumber's length verdict for a national number in a region.
enum class length_fit : std::uint8_t { possible, too_short, too_long, invalid };

inline length_fit check_length(const phone_tables::region_plan& region, std::size_t length) noexcept {
    const std::uint32_t lengths = region.possible_lengths;  // never 0 (the generator checks)
    if (length > 31 || (lengths >> length) == 0) return length_fit::too_long;
    if ((lengths & ((2u << length) - 1u)) == 0) return length_fit::too_short;
    if ((lengths & (1u << length)) == 0) return length_fit::invalid;
    return length_fit::possible;
}

/// A digit string of up to 24 digits, built without the heap.
struct digit_buffer {
    std::array<char, 24> digits{};
    std::size_t size = 0;
    void append(std::string_view text) noexcept {
        for (const char c : text)
            if (size < digits.size()) digits[size++] = c;
    }
    [[nodiscard]] std::string_view view() const noexcept { return {digits.data(), size}; }
};

/// The national significant number in `number` for a region: its national prefix (trunk prefix, carrier code)
/// removed or transformed, unless that leaves a number that cannot be one of the region's (libphonenumber-js
/// extractNationalNumber).
[[gnu::noinline]] inline digit_buffer extract_national_number(const phone_tables::region_plan& region, std::string_view number) {
    digit_buffer out;
    out.append(number);
    if (region.national_prefix == 0 || number.empty()) return out;
    digit_pattern_match prefix(region_pattern(region.national_prefix), number, false);
    if (!prefix.run()) return out;
    const unsigned groups = prefix.group_count();
    const bool captured = groups > 0 && !prefix.group(groups).empty();
    digit_buffer national;
    if (region.transform != 0 && captured) {
        const std::string_view rule = region_pattern(region.transform);
        for (std::size_t k = 0; k < rule.size(); ++k) {
            if (rule[k] == '$' && k + 1 < rule.size()) national.append(prefix.group(static_cast<unsigned>(rule[++k] - '0')));
            else national.append(rule.substr(k, 1));
        }
        national.append(number.substr(prefix.end()));
    } else {
        national.append(number.substr(prefix.end()));
    }
    if (national.view() == number) return out;
    // Keep the prefix when the whole number is a national number and the rest is not, or the rest is too short.
    if (matches_entirely(region.national_number, number) && !matches_entirely(region.national_number, national.view())) return out;
    const length_fit fit = check_length(region, national.size);
    if (fit == length_fit::too_short || fit == length_fit::invalid) return out;
    return national;
}

/// The region (index into phone_tables::regions) of an ISO 3166-1 alpha-2 code, or -1 when seamid has none.
constexpr int region_index(const country_code& country) noexcept {
    if (!country.given()) return -1;
    unsigned low = 0, high = phone_tables::geographic_region_count;
    while (low < high) {
        const unsigned mid = (low + high) / 2;
        const auto& letters = phone_tables::regions[mid].letters;
        if (letters[0] == country.letters[0] && letters[1] == country.letters[1]) return static_cast<int>(mid);
        if (letters[0] < country.letters[0] || (letters[0] == country.letters[0] && letters[1] < country.letters[1])) low = mid + 1;
        else high = mid;
    }
    return -1;
}

/// The main region of an assigned calling code of 1 to 3 digits, or nullptr.
inline const phone_tables::region_plan* region_of_calling_code(unsigned code) noexcept {
    if (code >= 1000 || phone_tables::slot[code] == 0) return nullptr;
    return &phone_tables::regions[phone_tables::main_region[phone_tables::slot[code] - 1]];
}

/// Writes "+" + calling code + national number into `out`; false when that is more than 15 digits or the national
/// number has fewer than 2 (no E.164 number then).
inline bool write_e164(digit_buffer& out, unsigned code, std::string_view national) noexcept {
    std::array<char, 3> code_digits{};
    std::size_t code_length = 0;
    for (unsigned rest = code; rest != 0; rest /= 10) code_digits[code_length++] = static_cast<char>('0' + rest % 10);
    if (national.size() < 2 || code_length + national.size() > 15) return false;
    out.size = 0;
    out.append("+");
    for (std::size_t k = code_length; k > 0; --k) out.append(std::string_view(&code_digits[k - 1], 1));
    out.append(national);
    return true;
}

/// The E.164 form of `digits` (a number written without '+') read in `region`, in `out`; false when it reads as
/// none (an international prefix followed by no assigned calling code, or too many or too few digits).
inline bool national_to_e164(const phone_tables::region_plan& region, std::string_view digits, digit_buffer& out) {
    if (digits.empty()) return false;
    // An international prefix (011 from the US, 00 from most of the world), then a calling code.
    if (region.idd != 0) {
        digit_pattern_match idd(region_pattern(region.idd), digits, false);
        if (idd.run() && idd.end() < digits.size() && digits[idd.end()] != '0') {
            const std::string_view rest = digits.substr(idd.end());
            unsigned code = 0;
            for (std::size_t k = 0; k < 3 && k < rest.size(); ++k) {
                code = code * 10 + static_cast<unsigned>(rest[k] - '0');
                if (const auto* target = region_of_calling_code(code)) {
                    const digit_buffer national = extract_national_number(*target, rest.substr(k + 1));
                    return write_e164(out, code, national.view());
                }
            }
            return false;
        }
    }
    // The region's calling code without '+' ("44 20 7946 0958" in GB), when the number reads better without it.
    unsigned code_length = 0;
    for (unsigned rest = region.calling_code; rest != 0; rest /= 10) ++code_length;
    std::array<char, 3> code_text{};
    for (unsigned rest = region.calling_code, k = code_length; rest != 0; rest /= 10) code_text[--k] = static_cast<char>('0' + rest % 10);
    if (digits.size() > code_length && digits.substr(0, code_length) == std::string_view(code_text.data(), code_length)) {
        const std::string_view shorter = digits.substr(code_length);
        const digit_buffer shorter_national = extract_national_number(region, shorter);
        const digit_buffer whole_national = extract_national_number(region, digits);
        if ((!matches_entirely(region.national_number, whole_national.view()) &&
             matches_entirely(region.national_number, shorter_national.view())) ||
            check_length(region, whole_national.size) == length_fit::too_long) {
            const auto* target = region_of_calling_code(region.calling_code);
            const digit_buffer national = extract_national_number(target != nullptr ? *target : region, shorter);
            return write_e164(out, region.calling_code, national.view());
        }
    }
    // A national number: trunk prefix and all.
    const digit_buffer national = extract_national_number(region, digits);
    return write_e164(out, region.calling_code, national.view());
}

}  // namespace detail

/// True when seamid has numbering data for the ISO 3166-1 alpha-2 code (either case): `US`, `gb`.
[[nodiscard]] constexpr bool is_known_country(const country_code& country) noexcept { return detail::region_index(country) >= 0; }

/// A compact number for a country the bindings pass instead of its letters: 1 + its region index, 0 when seamid
/// knows no such country.
[[nodiscard]] constexpr unsigned country_number(const country_code& country) noexcept {
    return static_cast<unsigned>(detail::region_index(country) + 1);
}

/// The country of a country_number (none for 0 or a number no region has).
[[nodiscard]] constexpr country_code country_of_number(unsigned number) noexcept {
    if (number == 0 || number > detail::phone_tables::geographic_region_count) return {};
    const auto& letters = detail::phone_tables::regions[number - 1].letters;
    return country_code(std::string_view(letters, 2));
}

}  // namespace seamid
