// Phone numbers: Seam's E.164 rule exactly (errors), formatted-input suggestions, numbering-plan
// plausibility warnings, and (with a default country) the E.164 suggestion for a national-format number. Rules: docs/validation.md,
// https://docs.seam.co/latest/api/user_identities; Seam schema `phone_number` in @seamapi/types 1.721.0:
// z.coerce.string().trim().refine(/^\+[1-9]\d{1,14}$/).
#pragma once

#include <array>
#include <cstddef>
#include <cstring>
#include <type_traits>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "seamid/common/cold.hpp"
#include "seamid/detail/phone_tables.hpp"
#include "seamid/common/ascii.hpp"
#include "seamid/common/issue.hpp"
#include "seamid/common/options.hpp"
#include "seamid/common/unicode.hpp"
#include "seamid/validation/phone_region.hpp"

namespace seamid {

/// Every finding the phone rules can produce. Values are stable (the WASM wire format uses them).
enum class phone_code : std::uint8_t {
    empty = 1,                  ///< error: nothing left after trimming
    formatted,                  ///< error: spaces, dashes, dots, brackets or tel: around a valid number; has a suggestion
    missing_plus,               ///< error: digits without the leading '+'
    leading_zero,               ///< error: the country calling code cannot start with 0
    too_short,                  ///< error: fewer than 2 digits after '+'
    too_long,                   ///< error: more than 15 digits after '+'
    invalid_characters,         ///< error: letters, a second '+', non-ASCII digits, control characters
    invalid_utf8,               ///< error: the bytes are not UTF-8
    unassigned_country_code,    ///< warning (error when strict): no country uses this calling code
    invalid_length,             ///< warning (error when strict): no number of this country has this length
    invalid_length_for_prefix,  ///< warning (error when strict): this length is not used for numbers starting with this digit
    untrimmed,                  ///< info: surrounding whitespace that Seam trims away; has a suggestion
    national_prefix,            ///< warning (error when strict): the national trunk prefix (0, 1, 8, ...) after the calling code; has a suggestion
    invalid_option,             ///< error: the default_country option is no ISO 3166-1 alpha-2 region seamid knows
    national_number,            ///< error: a number without '+' read in the default country; has the E.164 suggestion
};

/// Number of phone codes (for tables indexed by phone_code).
inline constexpr std::size_t phone_code_count = 16;

/// The stable, documented name of a phone code, e.g. "phone_formatted".
[[nodiscard]] constexpr std::string_view phone_code_name(phone_code code) noexcept {
    switch (code) {
        case phone_code::empty: return "phone_empty";
        case phone_code::formatted: return "phone_formatted";
        case phone_code::missing_plus: return "phone_missing_plus";
        case phone_code::leading_zero: return "phone_leading_zero";
        case phone_code::too_short: return "phone_too_short";
        case phone_code::too_long: return "phone_too_long";
        case phone_code::invalid_characters: return "phone_invalid_characters";
        case phone_code::invalid_utf8: return "invalid_utf8";
        case phone_code::unassigned_country_code: return "phone_unassigned_country_code";
        case phone_code::invalid_length: return "phone_invalid_length";
        case phone_code::invalid_length_for_prefix: return "phone_invalid_length_for_prefix";
        case phone_code::untrimmed: return "phone_untrimmed";
        case phone_code::national_prefix: return "phone_national_prefix";
        case phone_code::invalid_option: return "invalid_option";
        case phone_code::national_number: return "phone_national_number";
    }
    return "phone_invalid_characters";
}

/// What to tell the user for a phone code: what is wrong and what to do.
[[nodiscard]] constexpr std::string_view phone_code_message(phone_code code) noexcept {
    switch (code) {
        case phone_code::empty:
            return "Phone number is empty. Enter it in E.164 format (+14155552671), or leave the field null.";
        case phone_code::formatted:
            return "Phone number must be in E.164 format: remove spaces, dashes, dots, brackets and 'tel:' (use the suggestion).";
        case phone_code::missing_plus:
            return "Phone number must start with '+' and the country calling code, in E.164 format: +14155552671.";
        case phone_code::leading_zero:
            return "The country calling code after '+' cannot start with 0. Use E.164 format: +14155552671.";
        case phone_code::too_short:
            return "Phone number is too short: E.164 needs '+' and 2 to 15 digits, for example +14155552671.";
        case phone_code::too_long:
            return "Phone number is too long: E.164 allows at most 15 digits after '+'.";
        case phone_code::invalid_characters:
            return "Phone number may contain only one leading '+' and the digits 0-9 (no letters, extensions or non-ASCII digits). E.164 format: +14155552671.";
        case phone_code::invalid_utf8:
            return "Value is not valid UTF-8 text; send it as UTF-8.";
        case phone_code::unassigned_country_code:
            return "No country uses this calling code; check the digits after '+'.";
        case phone_code::invalid_length:
            return "No number in this country has this many digits; check for a missing or extra digit.";
        case phone_code::invalid_length_for_prefix:
            return "Numbers in this country starting with these digits have a different length, or no number starts with them; check the number.";
        case phone_code::untrimmed:
            return "Seam removes the surrounding whitespace from this phone number; store the trimmed value.";
        case phone_code::national_prefix:
            return "E.164 numbers omit the national trunk prefix (like the 0 in +44 (0)20): remove it after the country code (use the suggestion).";
        case phone_code::invalid_option:
            return "default_country must be an ISO 3166-1 alpha-2 country code seamid knows, like US or GB.";
        case phone_code::national_number:
            return "Phone number must be in E.164 format, with '+' and the country calling code: read in the default country, it is the suggestion.";
    }
    return "Phone number must be in E.164 format: +14155552671";
}

/// True for the codes whose issue carries the check's suggested value.
[[nodiscard]] constexpr bool phone_code_carries_suggestion(phone_code code) noexcept {
    return code == phone_code::formatted || code == phone_code::untrimmed || code == phone_code::national_prefix ||
           code == phone_code::national_number;
}

/// One phone finding, compact.
struct phone_finding {
    phone_code code;
    seamid::severity level;
};

/// The result of check_phone: at most two findings and an optional suggested value, with no heap use.
struct phone_check {
    std::uint8_t count = 0;
    std::array<phone_finding, 2> findings{};
    std::uint8_t suggestion_length = 0;
    std::array<char, 16> suggestion{};  ///< '+' and up to 15 digits

    /// True when no finding is an error (Seam would accept the value).
    [[nodiscard]] constexpr bool accepted() const noexcept {
        for (std::uint8_t i = 0; i < count; ++i)
            if (findings[i].level == severity::error) return false;
        return true;
    }
    /// The suggested E.164 value, empty when there is none.
    [[nodiscard]] constexpr std::string_view suggested() const noexcept {
        return {suggestion.data(), suggestion_length};
    }
};

namespace detail {

constexpr bool is_ascii_digit(char c) noexcept { return c >= '0' && c <= '9'; }

/// Eight bytes read from `p` (native byte order), for the word-at-a-time digit test.
inline std::uint64_t load_eight(const char* p) noexcept {
    std::uint64_t word;
    std::memcpy(&word, p, sizeof word);
    return word;
}

/// True when all eight bytes of `word` are ASCII digits (exact: a byte passes only when its high nibble is 3
/// and adding 6 keeps it 3, i.e. 0x30-0x39; a carry out of a failing byte cannot make the result pass).
constexpr bool eight_ascii_digits(std::uint64_t word) noexcept {
    constexpr std::uint64_t high = 0xF0F0F0F0F0F0F0F0ULL;
    return ((word & high) | (((word + 0x0606060606060606ULL) & high) >> 4)) == 0x3333333333333333ULL;
}

/// Seam's regex ^\+[1-9]\d{1,14}$ on already-trimmed text.
constexpr bool matches_seam_e164(std::string_view text) noexcept {
    const std::size_t size = text.size();
    if (size < 3 || size > 16 || text[0] != '+' || text[1] < '1' || text[1] > '9') return false;
    if (!std::is_constant_evaluated() && size >= 9)  // 8 to 15 digits: two overlapping 8-byte words cover them
        return eight_ascii_digits(load_eight(text.data() + 1)) && eight_ascii_digits(load_eight(text.data() + size - 8));
    for (std::size_t i = 2; i < size; ++i)
        if (!is_ascii_digit(text[i])) return false;
    return true;
}

constexpr void add_finding(phone_check& result, phone_code code, severity level) noexcept {
    if (result.count < result.findings.size()) result.findings[result.count++] = {code, level};
}

constexpr void set_suggestion(phone_check& result, std::string_view value) noexcept {
    result.suggestion_length = static_cast<std::uint8_t>(value.size() < 16 ? value.size() : 16);
    for (std::size_t i = 0; i < result.suggestion_length; ++i) result.suggestion[i] = value[i];
}

/// Why a national significant number does not fit a plan, or phone_code{} when it fits. Computes all three
/// table tests and selects the answer without branching on them (the outcomes are data-dependent).
constexpr phone_code plan_misfit(const phone_tables::calling_code_plan& plan, std::string_view national) noexcept {
    const std::size_t length = national.size();
    const unsigned length_bit = 1u << (length < 15 ? length : 15);
    const auto first = static_cast<unsigned>(national[0] - '0');
    const bool has_second = length >= 2;
    const auto second = static_cast<unsigned>(national[has_second ? 1 : 0] - '0');
    const unsigned by_two = has_second ? phone_tables::second_digit_masks[plan.second_digit_rows[first]][second] : 0xFFFFu;
    const unsigned by_prefix = plan.lengths_by_first_digit[first] & by_two;
    const bool length_fits = (plan.lengths & length_bit) != 0;
    const bool prefix_fits = (by_prefix & length_bit) != 0;
    const unsigned code = length_fits ? (prefix_fits ? 0u : static_cast<unsigned>(phone_code::invalid_length_for_prefix))
                                      : static_cast<unsigned>(phone_code::invalid_length);
    return static_cast<phone_code>(code);
}

/// calling_code_by_three_digits[d1 d2 d3] = slot | code length << 8 for the assigned calling code that the
/// digits d1 d2 d3 start with (codes are prefix-free: 1, 2 or 3 digits), 0 when none. Built from tables::slot.
inline constexpr std::array<std::uint16_t, 1000> calling_code_by_three_digits = [] {
    std::array<std::uint16_t, 1000> table{};
    for (unsigned digits = 0; digits < 1000; ++digits) {
        unsigned value = 0, slot = 0, length = 0;
        for (unsigned k = 1; k <= 3 && slot == 0; ++k) {
            value = value * 10 + (k == 1 ? digits / 100 : k == 2 ? digits / 10 % 10 : digits % 10);
            slot = phone_tables::slot[value];
            length = k;
        }
        table[digits] = static_cast<std::uint16_t>(slot == 0 ? 0 : slot | length << 8);
    }
    return table;
}();

/// The national (trunk) prefix of a plan, without strlen: it is at most 3 characters in a 4-byte array.
constexpr std::string_view plan_national_prefix(const phone_tables::calling_code_plan& plan) noexcept {
    const char* p = plan.national_prefix;
    return {p, p[0] == 0 ? 0u : p[1] == 0 ? 1u : p[2] == 0 ? 2u : 3u};
}

/// Reports a number that does not fit its plan: as a kept trunk prefix (+44 020..., +1 1415...) with the
/// number without it as suggestion when that fits, else as `misfit`. Off the hot path, so kept out of line.
constexpr void report_plan_misfit(phone_check& result, const phone_tables::calling_code_plan& plan, std::string_view digits,
                                  std::size_t code_length, phone_code misfit, severity level) noexcept {
    const std::string_view national = digits.substr(code_length);
    const std::string_view prefix = plan_national_prefix(plan);
    if (!prefix.empty() && national.size() > prefix.size() && national.substr(0, prefix.size()) == prefix &&
        plan_misfit(plan, national.substr(prefix.size())) == phone_code{}) {
        add_finding(result, phone_code::national_prefix, level);
        std::array<char, 16> corrected{};
        std::size_t n = 0;
        corrected[n++] = '+';
        for (char c : digits.substr(0, code_length)) corrected[n++] = c;
        for (char c : national.substr(prefix.size())) corrected[n++] = c;
        set_suggestion(result, std::string_view(corrected.data(), n));
        return;
    }
    add_finding(result, misfit, level);
}

/// Numbering-plan plausibility of a number already accepted by Seam's rule (+ and 2-15 digits).
constexpr void check_plausibility(phone_check& result, std::string_view e164, const validation_options& options) noexcept {
    namespace tables = phone_tables;
    const std::string_view digits = e164.substr(1);
    unsigned slot = 0;  // 1 + index into tables::plans, 0 = no assigned calling code
    std::size_t code_length = 0;
    if (digits.size() >= 3) {  // one lookup by the first three digits gives the slot and the code length
        const std::uint16_t entry = calling_code_by_three_digits[static_cast<unsigned>(digits[0] - '0') * 100 +
                                                                static_cast<unsigned>(digits[1] - '0') * 10 +
                                                                static_cast<unsigned>(digits[2] - '0')];
        slot = entry & 0xFFu;
        code_length = entry >> 8;
    } else {
        unsigned value = 0;
        for (std::size_t k = 1; k <= digits.size() && slot == 0; ++k) {
            value = value * 10 + static_cast<unsigned>(digits[k - 1] - '0');
            slot = tables::slot[value];
            code_length = k;
        }
    }
    const severity level = options.rules == profile::strict ? severity::error : severity::warning;
    if (slot == 0) {
        add_finding(result, phone_code::unassigned_country_code, level);
        return;
    }
    const tables::calling_code_plan& plan = tables::plans[slot - 1];
    const std::string_view national = digits.substr(code_length);
    const phone_code misfit = national.empty() ? phone_code::invalid_length : plan_misfit(plan, national);
    if (misfit != phone_code{}) report_plan_misfit(result, plan, digits, code_length, misfit, level);
}

/// Formatting a person may type around a number: spaces, dashes, dots, brackets, slashes, Unicode spaces and dashes.
constexpr bool is_phone_formatting(char32_t cp) noexcept {
    switch (cp) {
        case ' ': case '-': case '.': case '(': case ')': case '/':
        case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212:
            return true;
        default:
            return unicode::is_js_whitespace(cp);
    }
}

/// The E.164 reading of `digits` (no '+') in `region` as an error with its suggestion, and the plausibility
/// findings of that suggestion; false when the digits read as no E.164 number there.
[[gnu::noinline]] inline bool suggest_national(phone_check& result, const phone_tables::region_plan& region, std::string_view digits,
                             const validation_options& options) {
    digit_buffer e164;
    if (!national_to_e164(region, digits, e164) || !matches_seam_e164(e164.view())) return false;
    add_finding(result, phone_code::national_number, severity::error);
    set_suggestion(result, e164.view());
    phone_check plausibility;
    check_plausibility(plausibility, e164.view(), options);
    for (std::uint8_t k = 0; k < plausibility.count; ++k) add_finding(result, plausibility.findings[k].code, plausibility.findings[k].level);
    if (plausibility.suggestion_length != 0) set_suggestion(result, plausibility.suggested());
    return true;
}

/// Explains why trimmed text fails Seam's rule, and suggests the E.164 value when only formatting is wrong, or,
/// with a default country (`region`), when the number is written as that country writes it. `reads_country`
/// false leaves the region reader (and its tables) out of the program.
template <bool reads_country>
constexpr void diagnose(phone_check& result, std::string_view text, const phone_tables::region_plan* region,
                        const validation_options& options) {
    if (text.empty()) {
        add_finding(result, phone_code::empty, severity::error);
        return;
    }
    std::size_t i = 0;
    if (text.size() >= 4 && ascii_lower(text[0]) == 't' && ascii_lower(text[1]) == 'e' && ascii_lower(text[2]) == 'l' && text[3] == ':') i = 4;
    bool seen_plus = false, bad_character = false;
    std::size_t digit_count = 0;
    std::array<char, 22> canonical{};  // '+', up to 20 digits, and a slot that absorbs digits past the 20th
    canonical[0] = '+';
    while (i < text.size()) {
        const unsigned char byte = static_cast<unsigned char>(text[i]);
        if (static_cast<unsigned>(byte - '0') < 10u) {  // ASCII digit: the common case, no decoding
            canonical[1 + (digit_count < 20 ? digit_count : 20)] = static_cast<char>(byte);
            ++digit_count;
            ++i;
            continue;
        }
        char32_t cp = byte;
        if (byte < 0x80) {
            ++i;
        } else {
            const unicode::decoded d = unicode::decode_at(text, i);
            if (d.bytes == 0) {
                add_finding(result, phone_code::invalid_utf8, severity::error);
                return;
            }
            i += d.bytes;
            cp = d.code_point;
        }
        if (cp == '+') {
            if (seen_plus || digit_count != 0) bad_character = true;
            seen_plus = true;
        } else if (!is_phone_formatting(cp)) {
            bad_character = true;
        }
    }
    const char first_digit = digit_count != 0 ? canonical[1] : 0;
    if (bad_character) add_finding(result, phone_code::invalid_characters, severity::error);
    else if (!seen_plus) {
        // With a default country, a number without '+' reads as that country writes it (up to 20 digits: 011 + 15 and more).
        bool read = false;
        if constexpr (reads_country)
            read = region != nullptr && digit_count != 0 && digit_count <= 20 &&
                   suggest_national(result, *region, std::string_view(canonical.data() + 1, digit_count), options);
        if (!read) add_finding(result, phone_code::missing_plus, severity::error);
    }
    else if (digit_count < 2) add_finding(result, phone_code::too_short, severity::error);
    else if (digit_count > 15) add_finding(result, phone_code::too_long, severity::error);
    else if (first_digit == '0') add_finding(result, phone_code::leading_zero, severity::error);
    else {
        // Suggest the digits; when they keep a trunk prefix ("+44 (0)20 ..."), suggest the number without it.
        add_finding(result, phone_code::formatted, severity::error);
        const std::string_view digits_only(canonical.data(), 1 + digit_count);
        phone_check plausibility;
        check_plausibility(plausibility, digits_only, validation_options{});
        const bool trunk = plausibility.count == 1 && plausibility.findings[0].code == phone_code::national_prefix;
        set_suggestion(result, trunk ? plausibility.suggested() : digits_only);
    }
}

}  // namespace detail

namespace detail {

/// check_phone, with or without the default-country reading (see diagnose).
template <bool reads_country>
constexpr phone_check check_phone_as(std::string_view value, const validation_options& options) noexcept {
    phone_check result;
    const phone_tables::region_plan* region = nullptr;
    if (reads_country && options.default_country.given()) {
        if constexpr (reads_country) {
            const int index = region_index(options.default_country);
            if (index < 0) add_finding(result, phone_code::invalid_option, severity::error);
            else region = &phone_tables::regions[index];
        }
    }
    const std::string_view trimmed = unicode::trim_js_whitespace(value);
    if (matches_seam_e164(trimmed)) {
        if (trimmed.size() != value.size()) {
            add_finding(result, phone_code::untrimmed, severity::info);
            set_suggestion(result, trimmed);
        }
        check_plausibility(result, trimmed, options);
        return result;
    }
    diagnose<reads_country>(result, trimmed, region, options);
    return result;
}

}  // namespace detail

/// Checks one phone_number value (raw bytes as sent) against Seam's rule and the plausibility tables; with
/// options.default_country, a number without '+' gets its E.164 reading in that country as suggestion (still an
/// error: Seam refuses it). Never allocates; the error-level verdict (accepted()) equals Seam's schema on every input
/// (an unknown default_country adds an invalid_option error).
[[nodiscard]] constexpr phone_check check_phone(std::string_view value, const validation_options& options = {}) noexcept {
    return detail::check_phone_as<true>(value, options);
}

/// check_phone that ignores options.default_country: for callers that never read national numbers (the ACS
/// preflight), so that their programs do not carry the region tables (about 10 KB gzip in a wasm module).
[[nodiscard]] constexpr phone_check check_phone_without_country(std::string_view value, const validation_options& options = {}) noexcept {
    return detail::check_phone_as<false>(value, options);
}

/// The findings of a phone check as issues at `path` (default {"phone_number"}).
[[nodiscard]] SEAMID_COLD inline std::vector<issue> phone_issues(const phone_check& check, issue_path path = {std::string("phone_number")}) {
    std::vector<issue> issues;
    issues.reserve(check.count);
    for (std::uint8_t i = 0; i < check.count; ++i) {
        const auto [code, level] = check.findings[i];
        issue found{path, std::string(phone_code_name(code)), level, std::string(phone_code_message(code)), std::nullopt};
        if (phone_code_carries_suggestion(code) && check.suggestion_length > 0) found.suggestion = std::string(check.suggested());
        issues.push_back(std::move(found));
    }
    return issues;
}

/// Validates a phone_number value and returns its issues (empty when Seam accepts it and it is plausible).
[[nodiscard]] inline std::vector<issue> validate_phone(std::string_view value, const validation_options& options = {}) {
    return phone_issues(check_phone(value, options));
}

}  // namespace seamid
