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

#include "seamid/common/cold.hpp"
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

/// States of the grammar's automaton (scan_email): local part at its start or after a '.', after a character it
/// may end with, after a '\''; a domain label's start, inside a label; failed (absorbing).
enum email_state : std::uint8_t { local_start, local_end, local_quote, label_start, label_inside, email_failed };
inline constexpr unsigned email_state_count = 6;

/// The automaton's next state for one input byte in one state (see the grammar at the top of this file).
constexpr email_state email_next(unsigned state, unsigned byte) noexcept {
    if (byte >= 0x80) return email_failed;
    const char c = static_cast<char>(byte);
    switch (state) {
        case local_start:
        case local_end:
        case local_quote:
            if (c == '.') return state == local_start ? email_failed : local_start;  // no leading '.', no ".."
            if (c == '@') return state == local_end ? label_start : email_failed;  // 1+ chars, a valid last one
            if (is_email_local_last(c)) return local_end;
            return is_email_local_char(c) ? local_quote : email_failed;  // '\'': allowed, but not last
        case label_start: return is_ascii_alnum(c) ? label_inside : email_failed;  // a label starts with [A-Z0-9]
        case label_inside:
            if (is_ascii_alnum(c) || c == '-') return label_inside;
            return c == '.' ? label_start : email_failed;  // a dot ends a non-empty label
        default: return email_failed;
    }
}

/// Bits per state in email_transitions.
inline constexpr unsigned email_state_bits = 6;

/// The automaton as one 64-bit word per input byte: the next state of state k, stored as its bit offset
/// (state * 6), in bits [6k, 6k + 6). A step is a shift and a mask of a word loaded independently of the state,
/// so a byte does not wait for a table load that depends on the previous byte (in wasm, a 20-byte address takes
/// about 27 ns this way, 37 ns with a [state][byte] table, 45 ns with per-byte class flags).
inline constexpr std::array<std::uint64_t, 256> email_transitions = [] {
    std::array<std::uint64_t, 256> table{};
    for (unsigned byte = 0; byte < 256; ++byte)
        for (unsigned state = 0; state < email_state_count; ++state)
            table[byte] |= std::uint64_t{email_next(state, byte) * email_state_bits} << (state * email_state_bits);
    return table;
}();

/// True when `text` matches zod 3's email grammar (see matches_zod_email): the automaton over every byte, then the
/// top-level domain, read back from the end: 2+ letters after a dot.
constexpr bool scan_email(std::string_view text) noexcept {
    std::uint64_t offset = local_start * email_state_bits;
    for (const char c : text) offset = (email_transitions[static_cast<unsigned char>(c)] >> offset) & 63u;
    if (offset != label_inside * email_state_bits) return false;
    std::size_t tld = 0;
    const std::size_t n = text.size();
    while (tld < n && is_ascii_letter(text[n - 1 - tld])) ++tld;
    return tld >= 2 && tld < n && text[n - 1 - tld] == '.';
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
[[nodiscard]] constexpr bool matches_zod_email(std::string_view text) noexcept { return detail::scan_email(text); }

namespace detail {

/// RFC 5321 / RFC 1035 length limits of an address zod accepted (so: ASCII, one '@', dot-separated labels).
constexpr void check_email_lengths(email_check& result, std::string_view text, const validation_options& options) noexcept {
    const severity level = options.rules == profile::strict ? severity::error : severity::warning;
    const std::size_t at = text.find('@');
    std::size_t longest_label = 0;
    for (std::size_t start = at + 1; start < text.size();) {
        std::size_t end = text.find('.', start);
        if (end == std::string_view::npos) end = text.size();
        longest_label = end - start > longest_label ? end - start : longest_label;
        start = end + 1;
    }
    if (at > 64) add_finding(result, email_code::local_part_too_long, level);
    if (text.size() - at - 1 > 253) add_finding(result, email_code::domain_too_long, level);
    if (longest_label > 63) add_finding(result, email_code::label_too_long, level);
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
    if (detail::scan_email(value)) {
        if (value.size() > 64) detail::check_email_lengths(result, value, options);
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
[[nodiscard]] SEAMID_COLD inline std::vector<issue> email_issues(const email_check& check, std::string_view value,
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
