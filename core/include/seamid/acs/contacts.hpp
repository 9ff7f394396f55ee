// How the ACS model compares the contacts (emails and phones) of ACS users and identities.
#pragma once

#include <string_view>

#include "seamid/common/ascii.hpp"
#include "seamid/common/unicode.hpp"

namespace seamid {

/// True when two email addresses are the same ignoring ASCII case (the rule seamid uses to match and compare
/// ACS users' and identities' emails; docs/workspace.md treats case variants as the same person).
[[nodiscard]] inline bool same_email(std::string_view a, std::string_view b) noexcept { return equal_ignoring_ascii_case(a, b); }

/// True when two phone numbers are the same after Seam's trim (Seam's schema trims phone_number).
[[nodiscard]] constexpr bool same_phone(std::string_view a, std::string_view b) noexcept {
    return unicode::trim_js_whitespace(a) == unicode::trim_js_whitespace(b);
}

}  // namespace seamid
