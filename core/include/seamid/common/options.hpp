// Validation options shared by every check: the profile that decides how strict plausibility rules are, and the
// default country phone numbers written without '+' are read in.
#pragma once

#include <array>
#include <string>
#include <string_view>

namespace seamid {

/// standard: plausibility findings are warnings. strict: they become errors. Anything Seam itself
/// rejects is an error in both profiles; no profile is weaker than Seam.
enum class profile : unsigned char { standard, strict };

/// An ISO 3166-1 alpha-2 country code ("US", "gb": ASCII letters in either case, kept upper-cased), by value.
/// Default-constructed: no country. Text that is not two ASCII letters (the empty string too) is kept as "??",
/// which no region has, so the phone rule reports it (invalid_option) instead of ignoring it.
struct country_code {
    std::array<char, 2> letters{};  ///< {0, 0}: none

    constexpr country_code() noexcept = default;
    constexpr country_code(std::string_view text) noexcept {  // NOLINT: implicit, so that `options.default_country = "US"` reads naturally
        const auto upper = [](char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; };
        const auto letter = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); };
        if (text.size() == 2 && letter(text[0]) && letter(text[1])) letters = {upper(text[0]), upper(text[1])};
        else letters = {'?', '?'};
    }
    constexpr country_code(const char* text) noexcept  // NOLINT: implicit, as above
        : country_code(text == nullptr ? std::string_view("?") : std::string_view(text)) {}
    country_code(const std::string& text) noexcept : country_code(std::string_view(text)) {}  // NOLINT: implicit, as above

    /// True when a country was given (a valid one or not).
    [[nodiscard]] constexpr bool given() const noexcept { return letters[0] != 0; }
    /// The two letters as text ("" when none).
    [[nodiscard]] constexpr std::string_view text() const noexcept { return given() ? std::string_view(letters.data(), 2) : std::string_view(); }
};

/// Options of a validation call.
struct validation_options {
    profile rules = profile::standard;
    /// The country a phone number without '+' is read in (its E.164 form becomes the suggestion); none by default.
    country_code default_country{};
};

}  // namespace seamid
