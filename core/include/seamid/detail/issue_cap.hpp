// The one cap on issue lists: every reader keeps at most max_issues issues, then one too_many_issues error
// that counts what was left out, so that hostile input (a million bad elements) cannot grow memory without bound.
// Not part of the public API.
#pragma once

#include <charconv>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "seamid/common/issue.hpp"

namespace seamid::detail {

/// How many issues a list keeps before the too_many_issues error (docs/reliability.md).
inline constexpr std::size_t max_issues = 100;

/// The text before the count in a too_many_issues message.
inline constexpr std::string_view too_many_prefix = "More than ";

/// The too_many_issues error for `left_out` issues dropped after the first `limit`.
[[nodiscard]] inline issue too_many_issues(std::size_t limit, std::size_t left_out) {
    std::string message(too_many_prefix);
    message.append(std::to_string(limit)).append(" issues; ").append(std::to_string(left_out));
    message.append(left_out == 1 ? " more was" : " more were").append(" left out. Fix these and check again.");
    return {{}, "too_many_issues", severity::error, std::move(message), std::nullopt};
}

/// The number of issues a too_many_issues error says were left out (0 for any other issue).
[[nodiscard]] inline std::size_t issues_left_out(const issue& found) noexcept {
    if (found.code != "too_many_issues") return 0;
    const std::string_view text = found.message;
    const std::size_t at = text.find("; ");
    if (at == std::string_view::npos) return 0;
    std::size_t count = 0;
    (void)std::from_chars(text.data() + at + 2, text.data() + text.size(), count);
    return count;
}

/// The number the list's too_many_issues error (at index `limit`) says were left out; 0 when there is none.
[[nodiscard]] inline std::size_t issues_left_out(const std::vector<issue>& issues, std::size_t limit = max_issues) noexcept {
    return issues.size() > limit ? issues_left_out(issues[limit]) : 0;
}

/// Brings `issues` back to at most `limit` issues plus the too_many_issues error at index `limit`, adding the
/// ones dropped to its count. O(1) while the list is short: readers call it after every value they read.
inline void cap_issues(std::vector<issue>& issues, std::size_t limit = max_issues) {
    if (issues.size() <= limit) return;
    if (issues.size() == limit + 1 && issues[limit].code == "too_many_issues") return;
    std::size_t left_out = 0;  // what is past the limit: issues, and earlier counts (an issue put first shifts one)
    for (std::size_t i = limit; i < issues.size(); ++i) left_out += issues[i].code == "too_many_issues" ? issues_left_out(issues[i]) : 1;
    issues.resize(limit);
    issues.push_back(too_many_issues(limit, left_out));
}

/// Adds `found`, or counts it as left out once `issues` holds `limit` issues (see cap_issues).
inline void add_capped(std::vector<issue>& issues, issue found, std::size_t limit = max_issues) {
    if (issues.size() < limit) {
        issues.push_back(std::move(found));
        return;
    }
    if (issues.size() == limit) {
        issues.push_back(too_many_issues(limit, 1));
        return;
    }
    issues[limit] = too_many_issues(limit, issues_left_out(issues[limit]) + 1);
}

}  // namespace seamid::detail
