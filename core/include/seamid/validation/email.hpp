// Email addresses: the zod 3 email grammar Seam's schema applies (errors), as a single linear scan with no
// regex engine, plus RFC 5321 length limits (warnings). Rules: docs/validation.md,
// https://docs.seam.co/latest/api/user_identities; Seam schema
// `email_address` in @seamapi/types 1.721.0 is z.string().email(), and zod 3.25.76 tests (flag i, no u):
//   ^(?!\.)(?!.*\.\.)([A-Z0-9_'+\-\.]*)[A-Z0-9_+-]@([A-Z0-9][A-Z0-9\-]*\.)+[A-Z]{2,}$
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "seamid/common/ascii.hpp"
#include "seamid/common/issue.hpp"
#include "seamid/common/options.hpp"
#include "seamid/common/unicode.hpp"

namespace seamid {

/// Every finding the email rules can produce. Values are stable (the WASM wire format may use them).
enum class email_code : std::uint8_t {
    empty = 1,                ///< error: the empty string
    invalid_utf8,             ///< error: the bytes are not UTF-8
    formatted,                ///< error: whitespace, "mailto:" or "Name <...>" around a valid address; has a suggestion
    non_ascii,                ///< error: a non-ASCII character (zod's grammar is ASCII only)
    missing_at,               ///< error: no '@'
    multiple_at,              ///< error: more than one '@'
    missing_local_part,       ///< error: nothing before '@'
    missing_domain,           ///< error: nothing after '@'
    misplaced_dot,            ///< error: local part starts or ends with '.', or ".." anywhere
    invalid_character,        ///< error: an ASCII character the grammar does not allow where it is
    missing_tld,              ///< error: the domain has no '.'
    invalid_domain_label,     ///< error: a domain label is empty or starts with '-'
    invalid_tld,              ///< error: the last label is not 2+ ASCII letters
    invalid,                  ///< error: any other shape zod's grammar rejects (not expected; a safety net)
    local_part_too_long,      ///< warning (error when strict): local part over 64 octets (RFC 5321 §4.5.3.1.1)
    domain_too_long,          ///< warning (error when strict): domain over 253 octets (RFC 5321 §4.5.3.1.2, RFC 1035)
    label_too_long,           ///< warning (error when strict): a domain label over 63 octets (RFC 1035 §2.3.4)
    too_long,                 ///< warning (error when strict): address over 254 octets (RFC 5321 path limit 256 minus "<>")
};

/// Number of email codes (for tables indexed by email_code; index 0 unused).
inline constexpr std::size_t email_code_count = 19;

/// The stable, documented name of an email code, e.g. "email_missing_at".
[[nodiscard]] constexpr std::string_view email_code_name(email_code code) noexcept {
    switch (code) {
        case email_code::empty: return "email_empty";
        case email_code::invalid_utf8: return "invalid_utf8";
        case email_code::formatted: return "email_formatted";
        case email_code::non_ascii: return "email_non_ascii";
        case email_code::missing_at: return "email_missing_at";
        case email_code::multiple_at: return "email_multiple_at";
        case email_code::missing_local_part: return "email_missing_local_part";
        case email_code::missing_domain: return "email_missing_domain";
        case email_code::misplaced_dot: return "email_misplaced_dot";
        case email_code::invalid_character: return "email_invalid_character";
        case email_code::missing_tld: return "email_missing_tld";
        case email_code::invalid_domain_label: return "email_invalid_domain_label";
        case email_code::invalid_tld: return "email_invalid_tld";
        case email_code::invalid: return "email_invalid";
        case email_code::local_part_too_long: return "email_local_part_too_long";
        case email_code::domain_too_long: return "email_domain_too_long";
        case email_code::label_too_long: return "email_label_too_long";
        case email_code::too_long: return "email_too_long";
    }
    return "email_invalid";
}

/// What to tell the user for an email code: what is wrong and what to do.
[[nodiscard]] constexpr std::string_view email_code_message(email_code code) noexcept {
    switch (code) {
        case email_code::empty:
            return "Email address is empty. Enter an address like jane@example.com, or send null to leave it unset.";
        case email_code::invalid_utf8:
            return "Value is not valid UTF-8 text; send it as UTF-8.";
        case email_code::formatted:
            return "Email address must be the bare address: remove spaces, 'mailto:' and 'Name <...>' (use the suggestion).";
        case email_code::non_ascii:
            return "Seam accepts only ASCII letters, digits and _ ' + - . in an email address; replace accented or "
                   "non-Latin characters (write an internationalized domain in its xn-- form).";
        case email_code::missing_at:
            return "Email address needs an '@' between the name and the domain, like jane@example.com.";
        case email_code::multiple_at:
            return "Email address may contain only one '@'; enter a single address.";
        case email_code::missing_local_part:
            return "Email address needs a name before the '@', like jane@example.com.";
        case email_code::missing_domain:
            return "Email address needs a domain after the '@', like jane@example.com.";
        case email_code::misplaced_dot:
            return "Email address cannot start with '.', have '.' right before '@', or contain '..'; remove the extra dot.";
        case email_code::invalid_character:
            return "Email address contains a character Seam does not accept: before '@' use letters, digits and _ ' + - . "
                   "(not ending in ' or .); after '@' use letters, digits, '-' and '.'.";
        case email_code::missing_tld:
            return "Email domain needs a top-level domain after a '.', like example.com.";
        case email_code::invalid_domain_label:
            return "Each part of the email domain between dots must start with a letter or digit; remove the leading '-'.";
        case email_code::invalid_tld:
            return "The email domain must end with a top-level domain of 2 or more letters (like .com), with no trailing dot.";
        case email_code::invalid:
            return "Email address is not in a format Seam accepts; enter an address like jane@example.com.";
        case email_code::local_part_too_long:
            return "The part before '@' is longer than 64 characters, which mail servers may refuse (RFC 5321); check the address.";
        case email_code::domain_too_long:
            return "The email domain is longer than 253 characters, which no DNS name can be (RFC 1035); check the address.";
        case email_code::label_too_long:
            return "A part of the email domain is longer than 63 characters, which DNS does not allow (RFC 1035); check the address.";
        case email_code::too_long:
            return "Email address is longer than 254 characters, which mail servers refuse (RFC 5321); check the address.";
    }
    return "Email address is not in a format Seam accepts; enter an address like jane@example.com.";
}

/// One email finding, compact.
struct email_finding {
    email_code code;
    seamid::severity level;
};

/// The result of check_email: at most four findings (one error, or up to four length warnings) and a
/// suggestion, which is always a substring of the input (offset, length): no heap use.
struct email_check {
    std::uint8_t count = 0;
    std::array<email_finding, 4> findings{};
    std::size_t suggestion_offset = 0;
    std::size_t suggestion_length = 0;

    /// True when no finding is an error.
    [[nodiscard]] constexpr bool accepted() const noexcept {
        for (std::uint8_t i = 0; i < count; ++i)
            if (findings[i].level == severity::error) return false;
        return true;
    }
    /// The suggested address within `value` (the string that was checked); empty when there is none.
    [[nodiscard]] constexpr std::string_view suggested(std::string_view value) const noexcept {
        return suggestion_length == 0 ? std::string_view() : value.substr(suggestion_offset, suggestion_length);
    }
};

namespace detail {

constexpr bool is_ascii_letter(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
constexpr bool is_ascii_alnum(char c) noexcept { return is_ascii_letter(c) || (c >= '0' && c <= '9'); }
/// [A-Z0-9_'+\-\.] with flag i: the characters the local part may contain.
constexpr bool is_email_local_char(char c) noexcept {
    return is_ascii_alnum(c) || c == '_' || c == '\'' || c == '+' || c == '-' || c == '.';
}
/// [A-Z0-9_+-]: the characters the local part may end with.
constexpr bool is_email_local_last(char c) noexcept { return is_ascii_alnum(c) || c == '_' || c == '+' || c == '-'; }

/// Character classes of the grammar, one byte per input byte: bit 1 local, 2 local end, 4 domain label
/// ([A-Z0-9-]), 8 letter, 16 label start ([A-Z0-9]).
inline constexpr std::array<std::uint8_t, 256> email_classes = [] {
    std::array<std::uint8_t, 256> table{};
    for (int c = 0; c < 128; ++c) {
        const char ch = static_cast<char>(c);
        std::uint8_t bits = 0;
        if (is_email_local_char(ch)) bits |= 1;
        if (is_email_local_last(ch)) bits |= 2;
        if (is_ascii_alnum(ch) || ch == '-') bits |= 4;
        if (is_ascii_letter(ch)) bits |= 8;
        if (is_ascii_alnum(ch)) bits |= 16;
        table[static_cast<std::size_t>(c)] = bits;
    }
    return table;
}();

constexpr std::uint8_t email_class(char c) noexcept { return email_classes[static_cast<unsigned char>(c)]; }

/// One pass over an address: whether zod's grammar matches, and the lengths RFC 5321 limits.
struct email_scan {
    bool match = false;
    std::size_t at = 0;              ///< index of the '@'
    std::size_t longest_label = 0;   ///< longest domain label, in octets
};

constexpr email_scan scan_email(std::string_view text) noexcept {
    // The verdict is accumulated without branching on where dots and labels fall (data-dependent branches
    // mispredict); only the loop ends branch. `at` and `longest_label` matter only when the text matches.
    email_scan out;
    const std::size_t n = text.size();
    std::size_t i = 0;
    unsigned bad = 0;
    bool previous_dot = true;  // so that a leading '.' fails like ".."
    for (; i < n && (email_class(text[i]) & 1) != 0; ++i) {
        const bool dot = text[i] == '.';
        bad |= static_cast<unsigned>(dot & previous_dot);
        previous_dot = dot;
    }
    if (bad != 0 || i == n || i == 0 || text[i] != '@' || (email_class(text[i - 1]) & 2) == 0) return out;
    out.at = i;
    std::size_t label_start = ++i, dots = 0, longest = 0;
    std::size_t last_non_letter = i - 1;  // index of the last character that is not a letter ('@', a dot, a digit, '-')
    for (; i < n; ++i) {
        const std::uint8_t bits = email_class(text[i]);
        const bool dot = text[i] == '.';
        const bool starts_label = i == label_start;
        // a dot ends a non-empty label; any other character must be [A-Z0-9-], and [A-Z0-9] to start a label
        bad |= dot ? static_cast<unsigned>(starts_label)
                   : static_cast<unsigned>(((bits & 4) == 0) | (starts_label & ((bits & 16) == 0)));
        const std::size_t label = i - label_start;
        longest = dot && label > longest ? label : longest;
        dots += dot;
        label_start = dot ? i + 1 : label_start;
        last_non_letter = (bits & 8) != 0 ? last_non_letter : i;
    }
    const std::size_t tld = n - label_start;
    const bool letters_only = last_non_letter + 1 == label_start;
    if (bad != 0 || dots == 0 || tld < 2 || !letters_only) return out;
    out.longest_label = tld > longest ? tld : longest;
    out.match = true;
    return out;
}

constexpr void add_finding(email_check& result, email_code code, severity level) noexcept {
    if (result.count < result.findings.size()) result.findings[result.count++] = {code, level};
}

}  // namespace detail

/// True when `text` matches zod 3's email regex exactly (one pass, O(n), no backtracking).
/// Why this equals the regex: every character the pattern can match is ASCII from [A-Z0-9_'+\-.@]
/// (flag i without u maps no non-ASCII character into A-Z), so '@' occurs once and splits the text;
/// the local part is 1+ chars of the class, not starting with '.', ending in [A-Z0-9_+-]; the domain is
/// 1+ labels `[A-Z0-9][A-Z0-9-]*` each followed by '.', then [A-Z]{2,}; labels cannot be empty, so ".."
/// can only occur in the local part, and `.` in (?!.*\.\.) never meets a line terminator in a match.
[[nodiscard]] constexpr bool matches_zod_email(std::string_view text) noexcept { return detail::scan_email(text).match; }

namespace detail {

/// RFC 5321 / RFC 1035 length limits of an address zod accepted (so: ASCII, one '@').
constexpr void check_email_lengths(email_check& result, std::string_view text, const email_scan& scan, const validation_options& options) noexcept {
    const severity level = options.rules == profile::strict ? severity::error : severity::warning;
    if (scan.at > 64) add_finding(result, email_code::local_part_too_long, level);
    if (text.size() - scan.at - 1 > 253) add_finding(result, email_code::domain_too_long, level);
    if (scan.longest_label > 63) add_finding(result, email_code::label_too_long, level);
    if (text.size() > 254) add_finding(result, email_code::too_long, level);
}

/// A valid address wrapped in formatting a person or a mail client adds: surrounding whitespace,
/// "mailto:", "Name <address>". Returns the inner address's (offset, length), or length 0.
constexpr void find_wrapped_address(email_check& result, std::string_view text) noexcept {
    const std::string_view trimmed = unicode::trim_js_whitespace(text);
    std::size_t offset = static_cast<std::size_t>(trimmed.data() - text.data());
    std::string_view inner = trimmed;
    if (!inner.empty() && inner.back() == '>') {
        const std::size_t open = inner.rfind('<');
        if (open != std::string_view::npos) {
            inner = unicode::trim_js_whitespace(inner.substr(open + 1, inner.size() - open - 2));
            offset = static_cast<std::size_t>(inner.data() - text.data());
        }
    }
    if (inner.size() >= 7) {
        bool mailto = true;
        constexpr std::string_view prefix = "mailto:";
        for (std::size_t i = 0; i < prefix.size(); ++i)
            if (ascii_lower(inner[i]) != prefix[i]) mailto = false;
        if (mailto) {
            inner = inner.substr(7);
            offset += 7;
        }
    }
    if (inner.size() != text.size() && matches_zod_email(inner)) {
        result.suggestion_offset = offset;
        result.suggestion_length = inner.size();
    }
}

/// Explains why `text` (rejected by the grammar) fails, with one error code.
constexpr email_code diagnose_email(std::string_view text) noexcept {
    if (text.empty()) return email_code::empty;
    std::size_t at = std::string_view::npos, at_count = 0;
    bool non_ascii = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (static_cast<unsigned char>(text[i]) >= 0x80) non_ascii = true;
        if (text[i] == '@') {
            if (at_count++ == 0) at = i;
        }
    }
    if (non_ascii) return unicode::is_valid_utf8(text) ? email_code::non_ascii : email_code::invalid_utf8;
    if (at_count == 0) return email_code::missing_at;
    if (at_count > 1) return email_code::multiple_at;
    if (at == 0) return email_code::missing_local_part;
    if (at + 1 == text.size()) return email_code::missing_domain;
    const std::string_view local = text.substr(0, at), domain = text.substr(at + 1);
    if (local.front() == '.' || local.back() == '.' || text.find("..") != std::string_view::npos) return email_code::misplaced_dot;
    for (const char c : local)
        if (!is_email_local_char(c)) return email_code::invalid_character;
    if (!is_email_local_last(local.back())) return email_code::invalid_character;
    for (const char c : domain)
        if (!is_ascii_alnum(c) && c != '-' && c != '.') return email_code::invalid_character;
    const std::size_t last_dot = domain.rfind('.');
    if (last_dot == std::string_view::npos) return email_code::missing_tld;
    for (std::size_t start = 0; start < last_dot;) {
        const std::size_t end = domain.find('.', start);
        if (end == start || domain[start] == '-') return email_code::invalid_domain_label;
        start = end + 1;
    }
    if (last_dot == 0 || domain[0] == '-') return email_code::invalid_domain_label;
    return email_code::invalid_tld;  // what remains: the last label is short, has digits or '-', or is empty
}

}  // namespace detail

/// Checks one email_address value (raw bytes as sent): zod 3's grammar (errors, exactly Seam's verdict)
/// and RFC 5321 length limits (warnings; errors in the strict profile). O(n), never allocates.
[[nodiscard]] constexpr email_check check_email(std::string_view value, const validation_options& options = {}) noexcept {
    email_check result;
    if (const detail::email_scan scan = detail::scan_email(value); scan.match) {
        if (value.size() > 64) detail::check_email_lengths(result, value, scan, options);
        return result;
    }
    detail::find_wrapped_address(result, value);
    if (result.suggestion_length != 0) {
        detail::add_finding(result, email_code::formatted, severity::error);
        return result;
    }
    detail::add_finding(result, detail::diagnose_email(value), severity::error);
    return result;
}

/// The findings of an email check as issues at `path` (default {"email_address"}).
[[nodiscard]] inline std::vector<issue> email_issues(const email_check& check, std::string_view value,
                                                     issue_path path = {std::string("email_address")}) {
    std::vector<issue> issues;
    issues.reserve(check.count);
    for (std::uint8_t i = 0; i < check.count; ++i) {
        const auto [code, level] = check.findings[i];
        issue found{path, std::string(email_code_name(code)), level, std::string(email_code_message(code)), std::nullopt};
        if (code == email_code::formatted) found.suggestion = std::string(check.suggested(value));
        issues.push_back(std::move(found));
    }
    return issues;
}

/// Validates an email_address value and returns its issues (empty when Seam accepts it and it fits RFC 5321).
[[nodiscard]] inline std::vector<issue> validate_email(std::string_view value, const validation_options& options = {}) {
    return email_issues(check_email(value, options), value);
}

}  // namespace seamid
