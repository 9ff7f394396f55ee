// Reading JSON input without exceptions: parse errors and type mismatches become issues with paths.
// nlohmann/json is used exception-free: parse(text, nullptr, false), type checks before every get.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "seamid/common/issue.hpp"
#include "seamid/json/reader.hpp"

namespace seamid {

/// Parsed JSON, or the issue explaining why the text is not JSON.
struct parsed_json {
    nlohmann::json value;
    std::vector<issue> issues;  ///< empty on success
    [[nodiscard]] bool ok() const noexcept { return issues.empty(); }
};

/// The `invalid_json` error at `path` (also used where the text was parsed outside the core, e.g. by JSON.parse in JS).
[[nodiscard]] inline issue invalid_json_issue(issue_path path = {}) {
    return {std::move(path), "invalid_json", severity::error,
            "Input is not valid JSON (check quotes, commas and brackets; text must be UTF-8).", std::nullopt};
}

/// Parses JSON text without throwing; malformed text gives one `invalid_json` error at path []. The text is
/// first read by the one JSON reader, so a DOM is built only from what every seamid reader accepts (no key
/// repeated in an object, at most json_max_depth levels: memory stays bounded on hostile input).
[[nodiscard]] inline parsed_json parse_json(std::string_view text) {
    parsed_json out;
    detail::json_checker checker;
    if (!checker.run(text)) {
        out.value = nullptr;
        out.issues.push_back(checker.syntax_issue());
        return out;
    }
    out.value = nlohmann::json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
    if (out.value.is_discarded()) {
        out.value = nullptr;
        out.issues.push_back(invalid_json_issue());
    }
    return out;
}

/// JSON type name for messages: "string", "number", "boolean", "null", "object", "array".
[[nodiscard]] inline std::string_view json_type_name(const nlohmann::json& value) noexcept {
    switch (value.type()) {
        case nlohmann::json::value_t::string: return "string";
        case nlohmann::json::value_t::boolean: return "boolean";
        case nlohmann::json::value_t::null: return "null";
        case nlohmann::json::value_t::object: return "object";
        case nlohmann::json::value_t::array: return "array";
        case nlohmann::json::value_t::discarded: return "invalid";
        default: return "number";
    }
}

/// An `invalid_type` error: "Expected <expected>, received <type>."
[[nodiscard]] inline issue type_issue(issue_path path, std::string_view expected, const nlohmann::json& received) {
    std::string message = "Expected ";
    message.append(expected).append(", received ").append(json_type_name(received)).append(".");
    return {std::move(path), "invalid_type", severity::error, std::move(message), std::nullopt};
}

/// The path with one more element appended.
[[nodiscard]] inline issue_path child_path(const issue_path& parent, path_element element) {
    issue_path out = parent;
    out.push_back(std::move(element));
    return out;
}

/// A string member of `object` or nullptr when absent or not a string (never throws).
[[nodiscard]] inline const std::string* string_member(const nlohmann::json& object, std::string_view key) {
    if (!object.is_object()) return nullptr;
    const auto found = object.find(key);
    if (found == object.end() || !found->is_string()) return nullptr;
    return found->get_ptr<const std::string*>();
}

/// An issue as JSON: {"path": [...], "code", "severity", "message", "suggestion"?}.
[[nodiscard]] inline nlohmann::json issue_to_json(const issue& found) {
    nlohmann::json path = nlohmann::json::array();
    for (const auto& element : found.path) {
        if (const auto* key = std::get_if<std::string>(&element)) path.push_back(*key);
        else path.push_back(std::get<std::size_t>(element));
    }
    nlohmann::json out = {{"path", std::move(path)}, {"code", found.code},
                          {"severity", std::string(severity_name(found.level))}, {"message", found.message}};
    if (found.suggestion) out["suggestion"] = *found.suggestion;
    return out;
}

/// A list of issues as a JSON array.
[[nodiscard]] inline nlohmann::json issues_to_json(const std::vector<issue>& issues) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& found : issues) out.push_back(issue_to_json(found));
    return out;
}

/// Serialises JSON without throwing: invalid UTF-8 inside strings is replaced by U+FFFD, never an abort.
[[nodiscard]] inline std::string dump_json(const nlohmann::json& value, int indent = -1) {
    return value.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace seamid
