// Issues: the one result shape of every seamid check ({path, code, severity, message, suggestion?}).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace seamid {

/// How bad a finding is: error = Seam would refuse it or a workspace rule breaks; warning = Seam accepts
/// it but it is almost surely a mistake; info = harmless, for the record.
enum class severity : unsigned char { info, warning, error };

/// The lowercase name of a severity, as it appears in JSON and JS ("error", "warning", "info").
[[nodiscard]] constexpr std::string_view severity_name(severity level) noexcept {
    switch (level) {
        case severity::error: return "error";
        case severity::warning: return "warning";
        case severity::info: return "info";
    }
    return "error";
}

/// One step of an issue path: an object key or an array index, like zod's path elements.
using path_element = std::variant<std::string, std::size_t>;

/// Where in the input an issue is, e.g. {"phone_number"} or {"acs_system_ids", 2}.
using issue_path = std::vector<path_element>;

/// One finding. `code` is stable and listed in docs/codes.md (from common/codes.hpp); `message` says what to do.
struct issue {
    issue_path path;
    std::string code;
    severity level = severity::error;
    std::string message;
    std::optional<std::string> suggestion;
};

/// True when any issue is an error (the request must not be sent).
[[nodiscard]] inline bool has_errors(const std::vector<issue>& issues) noexcept {
    for (const auto& found : issues)
        if (found.level == severity::error) return true;
    return false;
}

}  // namespace seamid
