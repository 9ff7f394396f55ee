// Free-text fields user_identity_key and full_name: Seam's rule (z.string().min(1): error when empty) and
// warnings for values that are almost surely mistakes (only whitespace, surrounding whitespace, control or
// invisible characters). Rules: docs/validation.md and the user_identity object,
// https://docs.seam.co/latest/api/user_identities (min length 1; no maximum, no charset, not trimmed).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "seamid/common/cold.hpp"
#include "seamid/common/issue.hpp"
#include "seamid/common/options.hpp"
#include "seamid/common/unicode.hpp"

namespace seamid {

/// Every finding the text-field rules can produce. Values are stable.
enum class text_code : std::uint8_t {
    empty = 1,              ///< error: the empty string (Seam: min length 1)
    invalid_utf8,           ///< error: the bytes are not UTF-8
    whitespace_only,        ///< warning (error when strict): nothing but whitespace
    surrounding_whitespace, ///< warning (error when strict): leading or trailing whitespace; has a suggestion
    control_characters,     ///< warning (error when strict): C0/C1 control characters (tab, newline, NUL, ...) inside
    invisible_characters,   ///< warning (error when strict): zero-width, bidi or other invisible format characters inside
};

/// The stable, documented name of a text code, e.g. "surrounding_whitespace".
[[nodiscard]] constexpr std::string_view text_code_name(text_code code) noexcept {
    switch (code) {
        case text_code::empty: return "empty";
        case text_code::invalid_utf8: return "invalid_utf8";
        case text_code::whitespace_only: return "whitespace_only";
        case text_code::surrounding_whitespace: return "surrounding_whitespace";
        case text_code::control_characters: return "control_characters";
        case text_code::invisible_characters: return "invisible_characters";
    }
    return "empty";
}

/// The text fields of a user identity that follow these rules.
enum class text_field : std::uint8_t { user_identity_key, full_name };

/// The field's name as Seam spells it.
[[nodiscard]] constexpr std::string_view text_field_name(text_field field) noexcept {
    return field == text_field::full_name ? "full_name" : "user_identity_key";
}

/// What to tell the user for a text code on `field`: what is wrong and what to do.
[[nodiscard]] SEAMID_COLD inline std::string text_code_message(text_code code, text_field field) {
    const std::string name = field == text_field::full_name ? "Full name" : "User identity key";
    switch (code) {
        case text_code::empty:
            return name + " is empty, which Seam refuses. Enter at least one character, or send null to leave it unset.";
        case text_code::invalid_utf8:
            return "Value is not valid UTF-8 text; send it as UTF-8.";
        case text_code::whitespace_only:
            return name + " contains only whitespace. Seam accepts it, but it is almost surely a mistake; enter a value or send null.";
        case text_code::surrounding_whitespace:
            return name + " has leading or trailing whitespace, which Seam keeps as typed; remove it (use the suggestion).";
        case text_code::control_characters:
            return name + " contains control characters (tab, newline, NUL, ...); replace them with ordinary spaces or remove them.";
        case text_code::invisible_characters:
            return name + " contains invisible characters (zero-width or text-direction marks) that make equal-looking values differ; remove them.";
    }
    return name + " is not valid.";
}

/// True for control characters: C0 (U+0000-U+001F), DEL and C1 (U+007F-U+009F) (Unicode category Cc).
[[nodiscard]] constexpr bool is_control_character(char32_t cp) noexcept { return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F); }

/// True for invisible format characters that are not whitespace: soft hyphen, Arabic letter mark, Mongolian
/// vowel separator, zero-width space/joiners, LRM/RLM, bidi embeddings/overrides/isolates, word joiner and
/// invisible operators, deprecated format controls, interlinear annotation controls, tag characters.
[[nodiscard]] constexpr bool is_invisible_character(char32_t cp) noexcept {
    return cp == 0x00AD || cp == 0x061C || cp == 0x180E || (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2060 && cp <= 0x2064) || (cp >= 0x2066 && cp <= 0x206F) || (cp >= 0xFFF9 && cp <= 0xFFFB) ||
           (cp >= 0xE0000 && cp <= 0xE007F);
}

/// The result of check_text: at most three findings, no heap use.
struct text_check {
    std::uint8_t count = 0;
    std::array<text_code, 3> codes{};
    severity warning_level = severity::warning;  ///< the level of every finding but empty/invalid_utf8

    /// The severity of finding `i`.
    [[nodiscard]] constexpr severity level(std::size_t i) const noexcept {
        return codes[i] == text_code::empty || codes[i] == text_code::invalid_utf8 ? severity::error : warning_level;
    }
    /// True when no finding is an error.
    [[nodiscard]] constexpr bool accepted() const noexcept {
        for (std::size_t i = 0; i < count; ++i)
            if (level(i) == severity::error) return false;
        return true;
    }
};

/// Checks one user_identity_key or full_name value. O(n), never allocates. The error verdict (empty,
/// invalid UTF-8) equals Seam's; everything else is a warning (an error in the strict profile).
[[nodiscard]] constexpr text_check check_text(std::string_view value, const validation_options& options = {}) noexcept {
    text_check result;
    result.warning_level = options.rules == profile::strict ? severity::error : severity::warning;
    const auto add = [&result](text_code code) {
        if (result.count < result.codes.size()) result.codes[result.count++] = code;
    };
    if (value.empty()) {
        add(text_code::empty);
        return result;
    }
    bool control = false, invisible = false;
    for (std::size_t i = 0; i < value.size();) {
        const auto byte = static_cast<unsigned char>(value[i]);
        if (byte >= 0x20 && byte < 0x7F) { ++i; continue; }
        const unicode::decoded d = unicode::decode_at(value, i);
        if (d.bytes == 0) {
            add(text_code::invalid_utf8);
            return result;
        }
        i += d.bytes;
    }
    const std::string_view trimmed = unicode::trim_js_whitespace(value);
    if (trimmed.empty()) {
        add(text_code::whitespace_only);
        return result;
    }
    if (trimmed.size() != value.size()) add(text_code::surrounding_whitespace);
    for (std::size_t i = 0; i < trimmed.size();) {
        const auto byte = static_cast<unsigned char>(trimmed[i]);
        if (byte >= 0x20 && byte < 0x7F) { ++i; continue; }
        const unicode::decoded d = unicode::decode_at(trimmed, i);
        i += d.bytes;
        if (is_control_character(d.code_point)) control = true;
        else if (is_invisible_character(d.code_point)) invisible = true;
    }
    if (control) add(text_code::control_characters);
    if (invisible) add(text_code::invisible_characters);
    return result;
}

/// The value with surrounding whitespace trimmed, control characters turned into spaces and invisible
/// characters removed (then trimmed again): what the warnings suggest. Assumes valid UTF-8.
[[nodiscard]] inline std::string cleaned_text(std::string_view value) {
    const std::string_view trimmed = unicode::trim_js_whitespace(value);
    std::string out;
    out.reserve(trimmed.size());
    for (std::size_t i = 0; i < trimmed.size();) {
        const unicode::decoded d = unicode::decode_at(trimmed, i);
        if (d.bytes == 0) return std::string(trimmed);
        if (is_control_character(d.code_point)) out += ' ';
        else if (!is_invisible_character(d.code_point)) out.append(trimmed.substr(i, d.bytes));
        i += d.bytes;
    }
    return std::string(unicode::trim_js_whitespace(out));
}

/// The findings of a text check as issues at `path` (default: the field's name). Warnings that a cleaned
/// value would fix carry it as the suggestion.
[[nodiscard]] SEAMID_COLD inline std::vector<issue> text_issues(const text_check& check, std::string_view value, text_field field, issue_path path = {}) {
    if (path.empty()) path.emplace_back(std::string(text_field_name(field)));
    std::vector<issue> issues;
    issues.reserve(check.count);
    std::string suggestion;
    for (std::size_t i = 0; i < check.count; ++i) {
        const text_code code = check.codes[i];
        issue found{path, std::string(text_code_name(code)), check.level(i), text_code_message(code, field), std::nullopt};
        if (code == text_code::surrounding_whitespace || code == text_code::control_characters || code == text_code::invisible_characters) {
            if (suggestion.empty()) suggestion = cleaned_text(value);
            if (!suggestion.empty()) found.suggestion = suggestion;
        }
        issues.push_back(std::move(found));
    }
    return issues;
}

/// Validates a user_identity_key or full_name value and returns its issues.
[[nodiscard]] inline std::vector<issue> validate_text(std::string_view value, text_field field, const validation_options& options = {}) {
    return text_issues(check_text(value, options), value, field);
}

}  // namespace seamid
