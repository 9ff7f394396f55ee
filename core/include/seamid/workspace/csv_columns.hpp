// Column mapping of a bulk import's header (docs/workspace.md, "Column mapping"): which header column feeds which
// /user_identities/create field. Three modes: Seam's field names only (the default), 'auto' (header names compared
// ignoring case, spaces and punctuation, against a synonym list of common HR / property-management export headers;
// First Name + Last Name join into full_name), and an explicit map from field to column name(s). Header names are
// looked up through the one hash table, so a header of any width is read in linear time.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "seamid/common/ascii.hpp"
#include "seamid/common/cold.hpp"
#include "seamid/common/issue.hpp"
#include "seamid/common/unicode.hpp"
#include "seamid/detail/hash_table.hpp"
#include "seamid/detail/issue_cap.hpp"
#include "seamid/json/reader.hpp"
#include "seamid/json/writer.hpp"

namespace seamid {

/// The create fields a CSV header may name (Seam's /user_identities/create parameters), in mapping order.
inline constexpr std::array<std::string_view, 5> csv_create_fields{"user_identity_key", "email_address", "phone_number", "full_name",
                                                                  "acs_system_ids"};
/// Index of full_name in csv_create_fields (the one field that may be joined from several columns).
inline constexpr std::size_t csv_full_name = 3;

/// How header columns are matched to fields.
enum class column_mode : std::uint8_t {
    seam_names,  ///< only Seam's field names (exact); the default
    automatic,   ///< 'auto': normalised names and the synonym list
    named,       ///< an explicit map field -> column name(s); other columns by Seam's names
};

/// The column option of a CSV batch. For `named`, `columns[f]` lists the header names feeding field f (several only
/// for full_name, joined with one space in that order); an empty list leaves the field to Seam's name.
struct column_spec {
    column_mode mode = column_mode::seam_names;
    std::array<std::vector<std::string>, csv_create_fields.size()> columns;
};

/// The mapping a header resolved to, and what is wrong with it.
struct column_mapping {
    std::vector<int> column_field;  ///< per header column: index into csv_create_fields, or -1 (ignored)
    std::array<std::vector<std::size_t>, csv_create_fields.size()> sources;  ///< per field, its columns in join order
    std::vector<issue> issues;
    bool usable = true;  ///< false when no column feeds a field (or the spec itself is unusable)
    /// True when `field` has a column.
    [[nodiscard]] bool has(std::size_t field) const noexcept { return !sources[field].empty(); }
};

namespace detail {

/// What a normalised header name means in 'auto' mode.
struct column_synonym {
    std::string_view normalised;  ///< lowercase ASCII letters and digits only
    int field;                    ///< index into csv_create_fields
    int part;                     ///< 0: the whole field; 1: first name, 2: last name (joined into full_name)
};

/// Header names of HR, property-management and directory exports, normalised (see normalise_column_name). Sources:
/// the fields the issue asks for (Email, E-mail, Email Address; Mobile, Phone, Cell; Name, Full Name, First Name +
/// Last Name; ID, Employee ID, Username, External ID) and the common variants of each.
inline constexpr std::array<column_synonym, 55> column_synonyms{{
    {"useridentitykey", 0, 0}, {"id", 0, 0}, {"employeeid", 0, 0}, {"employeenumber", 0, 0}, {"employeeno", 0, 0},
    {"username", 0, 0}, {"externalid", 0, 0}, {"userid", 0, 0}, {"userkey", 0, 0}, {"staffid", 0, 0},
    {"memberid", 0, 0}, {"residentid", 0, 0}, {"tenantid", 0, 0}, {"personid", 0, 0}, {"login", 0, 0},
    {"loginid", 0, 0}, {"badgeid", 0, 0}, {"identitykey", 0, 0},
    {"emailaddress", 1, 0}, {"email", 1, 0}, {"mail", 1, 0}, {"workemail", 1, 0}, {"businessemail", 1, 0},
    {"primaryemail", 1, 0}, {"emailaddr", 1, 0}, {"workemailaddress", 1, 0},
    {"phonenumber", 2, 0}, {"phone", 2, 0}, {"mobile", 2, 0}, {"cell", 2, 0}, {"mobilephone", 2, 0},
    {"cellphone", 2, 0}, {"mobilenumber", 2, 0}, {"cellnumber", 2, 0}, {"telephone", 2, 0}, {"tel", 2, 0},
    {"phoneno", 2, 0}, {"mobileno", 2, 0}, {"telephonenumber", 2, 0},
    {"fullname", 3, 0}, {"name", 3, 0}, {"displayname", 3, 0}, {"employeename", 3, 0}, {"residentname", 3, 0},
    {"firstname", 3, 1}, {"givenname", 3, 1}, {"forename", 3, 1}, {"first", 3, 1},
    {"lastname", 3, 2}, {"surname", 3, 2}, {"familyname", 3, 2}, {"last", 3, 2},
    {"acssystemids", 4, 0}, {"acssystemid", 4, 0}, {"acssystems", 4, 0},
}};

/// A header name compared as 'auto' compares it: ASCII letters lowercased, digits kept, everything else (spaces,
/// '_', '-', '.', ...) dropped; non-ASCII bytes are kept so "Téléphone" never equals "Tlphone".
[[nodiscard]] inline std::string normalise_column_name(std::string_view name) {
    std::string out;
    out.reserve(name.size());
    for (const char c : name) {
        const auto byte = static_cast<unsigned char>(c);
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || byte >= 0x80) out.push_back(c);
        else if (c >= 'A' && c <= 'Z') out.push_back(ascii_lower(c));
    }
    return out;
}

/// The synonym a normalised name is, or nullptr.
[[nodiscard]] inline const column_synonym* find_column_synonym(std::string_view normalised) noexcept {
    for (const auto& synonym : column_synonyms)
        if (synonym.normalised == normalised) return &synonym;
    return nullptr;
}

/// A column name as messages show it: at most 80 bytes.
[[nodiscard]] constexpr std::string_view shown(std::string_view name) noexcept { return name.substr(0, 80); }

/// Adds an issue about the header at ["columns", `where`], its message the concatenation of `parts`. Every message of
/// the mapping goes through this one builder: a header is read once, so these stay small rather than fast. Past the
/// one cap (detail/issue_cap.hpp) an issue is only counted: a header of a million unknown columns stays small.
SEAMID_COLD inline void add_header_issue(std::vector<issue>& issues, path_element where, std::string_view code, severity level,
                             std::initializer_list<std::string_view> parts, std::string_view suggestion = {}) {
    if (issues.size() >= max_issues) {
        add_capped(issues, issue{});
        return;
    }
    std::string message;
    for (const std::string_view part : parts) message.append(part);
    issues.push_back({issue_path{std::string("columns"), std::move(where)}, std::string(code), level, std::move(message),
                      suggestion.empty() ? std::nullopt : std::optional<std::string>(suggestion)});
}

/// The UTF-8 problem of a header, or nothing: a UTF-16/UTF-32 byte order mark or NUL bytes (a UTF-16 file without
/// one), else bytes that are not UTF-8 (Latin-1 / Windows-1252 is the usual reason).
SEAMID_COLD [[nodiscard]] inline std::optional<std::string> csv_encoding_problem(std::string_view text, std::string_view header_line) {
    const auto starts = [&](std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; };
    if (starts(std::string_view("\xFF\xFE\x00\x00", 4)) || starts(std::string_view("\x00\x00\xFE\xFF", 4)))
        return std::string("The file is UTF-32 (it starts with a UTF-32 byte order mark); save it as UTF-8 (\"CSV UTF-8\").");
    if (starts("\xFF\xFE") || starts("\xFE\xFF"))
        return std::string("The file is UTF-16 (it starts with a UTF-16 byte order mark, as Excel's \"Unicode Text\" writes); save it as UTF-8 "
                           "(\"CSV UTF-8\").");
    if (header_line.find('\0') != std::string_view::npos)
        return std::string("The header holds NUL bytes, as a UTF-16 file without a byte order mark does; save the file as UTF-8 (\"CSV UTF-8\").");
    if (!unicode::is_valid_utf8(header_line))
        return std::string("The header is not valid UTF-8 (the file looks like Latin-1 or Windows-1252, as older spreadsheet exports write); "
                           "save it as UTF-8 (\"CSV UTF-8\").");
    return std::nullopt;
}

}  // namespace detail

namespace detail {

/// Reads the column option's JSON text with the one JSON reader (json/reader.hpp): "auto", null, or an object
/// {field: "Column" | ["Column", ...]}.
class column_spec_reader final : public json_reader {
public:
    column_spec spec;
    std::vector<issue> issues;

    SEAMID_COLD bool on_value(json_kind kind, std::string_view text) override {
        const std::size_t level = depth();
        if (level == 0) {
            if (kind == json_kind::string && text == "auto") spec.mode = column_mode::automatic;
            else if (kind == json_kind::object) spec.mode = column_mode::named;
            else if (kind != json_kind::null) bad({std::string("columns")}, "The columns option must be \"auto\" or an object mapping Seam fields to column names.");
            return true;
        }
        if (spec.mode != column_mode::named) return true;
        if (level == 1) {
            const std::string_view key = at(0).key();
            field_ = csv_create_fields.size();
            for (std::size_t f = 0; f < csv_create_fields.size(); ++f)
                if (csv_create_fields[f] == key) field_ = f;
            if (field_ == csv_create_fields.size()) {
                bad(path(), "\"" + std::string(key) + "\" is not a /user_identities/create field (user_identity_key, email_address, phone_number, "
                            "full_name, acs_system_ids).");
                return true;
            }
            if (kind == json_kind::string) spec.columns[field_].emplace_back(text);
            else if (kind != json_kind::array) wrong_shape();
            return true;
        }
        if (level == 2 && field_ < csv_create_fields.size()) {
            if (kind == json_kind::string) spec.columns[field_].emplace_back(text);
            else bad(path(), "Column names must be strings.");
        }
        return true;
    }
    SEAMID_COLD bool on_end(std::size_t level, bool was_object) override {
        if (level == 1 && !was_object && spec.mode == column_mode::named && field_ < csv_create_fields.size()) {
            const std::size_t names = spec.columns[field_].size();
            if (names == 0 || (field_ != csv_full_name && names != 1)) wrong_shape();
        }
        return true;
    }

private:
    [[nodiscard]] issue_path path() const { return {std::string("columns"), std::string(at(0).key())}; }
    SEAMID_COLD void bad(issue_path where, std::string message) {
        issues.push_back({std::move(where), "invalid_column_mapping", severity::error, std::move(message), std::nullopt});
    }
    SEAMID_COLD void wrong_shape() {
        bad(path(), field_ == csv_full_name ? "full_name takes a column name or a list of column names (joined with one space)."
                                            : "A field takes one column name.");
        spec.columns[field_].clear();
    }
    std::size_t field_ = csv_create_fields.size();
};

}  // namespace detail

/// Reads a column option given as JSON text: "auto", or an object {field: "Column" | ["Column", ...]}; null (or
/// empty text) means Seam's names. A malformed option is an `invalid_column_mapping` issue at ["columns", ...].
SEAMID_COLD [[nodiscard]] inline column_spec column_spec_from_json(std::string_view text, std::vector<issue>& issues) {
    if (unicode::trim_js_whitespace(text).empty()) return {};
    detail::column_spec_reader reader;
    if (!reader.run(text)) {
        issues.push_back({issue_path{std::string("columns")}, "invalid_column_mapping", severity::error,
                          "The columns option is not JSON: " + std::string(reader.error_reason()) + ".", std::nullopt});
        return {};
    }
    for (auto& found : reader.issues) issues.push_back(std::move(found));
    return reader.spec;
}

/// The strings of a JSON array (row objects' keys, as the JS binding sends them); another element is an empty name.
/// False when the text is not a JSON array.
SEAMID_COLD [[nodiscard]] inline bool column_names_from_json(std::string_view text, std::vector<std::string>& names) {
    struct reader final : json_reader {
        std::vector<std::string>& out;
        bool array = false;
        explicit reader(std::vector<std::string>& names) : out(names) {}
        bool on_value(json_kind kind, std::string_view value) override {
            if (depth() == 0) array = kind == json_kind::array;
            else if (depth() == 1) out.emplace_back(kind == json_kind::string ? value : std::string_view());
            return array;
        }
        bool on_end(std::size_t, bool) override { return true; }
    } read(names);
    return read.run(text) && read.array;
}

/// Maps header column names to create fields under `spec`. `unknown_level`: the severity of a column that feeds
/// nothing (a warning, an error under the strict profile).
SEAMID_COLD [[nodiscard]] inline column_mapping map_columns(const std::vector<std::string_view>& names, const column_spec& spec,
                                                severity unknown_level = severity::warning) {
    column_mapping mapping;
    const std::size_t count = names.size();
    mapping.column_field.assign(count, -1);
    // Names are found through the one hash table, used as a map from a name's hash to the latest column with that
    // hash, each column linking to the previous one with the same hash (a chain per hash, compared by text). A name
    // repeated in every column finds its previous copy at the head of its chain: O(1) per column, so the whole
    // header is read in linear time (a multiset of equal keys would probe its whole cluster on every insertion).
    using table = detail::hash_table<std::uint64_t>;
    constexpr std::uint32_t none = table::none;
    std::vector<std::string> normalised(count);
    table exact_heads, loose_heads;  // by exact name; by normalised name
    exact_heads.reserve(count);
    loose_heads.reserve(count);
    std::vector<std::uint32_t> exact_previous(count, none), loose_previous(count, none);
    std::vector<std::uint32_t> first_same(count, none);  // the first earlier column with the exact name
    for (std::size_t i = 0; i < count; ++i) {
        normalised[i] = detail::normalise_column_name(unicode::trim_js_whitespace(names[i]));
        std::uint32_t& exact = exact_heads.find_or_insert(detail::hash_text<false>(names[i]));
        for (std::uint32_t other = exact; other != none; other = exact_previous[other])
            if (names[other] == names[i]) {
                first_same[i] = first_same[other] != none ? first_same[other] : other;
                break;
            }
        exact_previous[i] = exact;
        exact = static_cast<std::uint32_t>(i);
        std::uint32_t& loose = loose_heads.find_or_insert(detail::hash_text<false>(normalised[i]));
        loose_previous[i] = loose;
        loose = static_cast<std::uint32_t>(i);
    }
    auto& issues = mapping.issues;
    using detail::add_header_issue;
    using detail::shown;
    // The column each field takes (first claim wins); a second claim is a conflict.
    const auto claim = [&](std::size_t i, std::size_t field) {
        if (first_same[i] != none && mapping.column_field[first_same[i]] == static_cast<int>(field)) {
            add_header_issue(issues, i, "csv_duplicate_column", severity::error,
                             {"The column \"", shown(names[i]), "\" appears twice; only its first occurrence is read. Remove one."});
            return;
        }
        if (mapping.has(field)) {
            add_header_issue(issues, i, "csv_column_conflict", severity::error,
                             {"The columns \"", shown(names[mapping.sources[field].front()]), "\" and \"", shown(names[i]), "\" both map to ",
                              csv_create_fields[field], "; only the first is read. Remove one, or choose with an explicit mapping (columns: {",
                              csv_create_fields[field], ": \"...\"})."});
            return;
        }
        mapping.column_field[i] = static_cast<int>(field);
        mapping.sources[field].push_back(i);
    };

    // Explicit names first: each named column is found by its exact name, else by its normalised one.
    std::vector<bool> taken(count, false);
    if (spec.mode == column_mode::named) {
        for (std::size_t field = 0; field < csv_create_fields.size(); ++field) {
            for (const std::string& wanted : spec.columns[field]) {
                const std::string key = detail::normalise_column_name(unicode::trim_js_whitespace(wanted));
                // The chain of the normalised name, newest first: the last match seen is the first column.
                std::uint32_t exact = none, loose = none;
                for (std::uint32_t column = loose_heads.find(detail::hash_text<false>(key)); column != none; column = loose_previous[column]) {
                    if (names[column] == wanted) exact = column;
                    if (normalised[column] == key) loose = column;
                }
                const std::uint32_t column = exact != none ? exact : loose;
                if (column == none) {
                    add_header_issue(issues, std::string(csv_create_fields[field]), "csv_missing_column", severity::error,
                                     {"The mapping names the column \"", shown(wanted), "\" for ", csv_create_fields[field],
                                      ", but the header has no such column."});
                    continue;
                }
                if (taken[column]) {
                    add_header_issue(issues, std::size_t{column}, "csv_column_conflict", severity::error,
                                     {"The mapping uses the column \"", shown(names[column]), "\" for two fields; a column feeds one field."});
                    continue;
                }
                taken[column] = true;
                mapping.column_field[column] = static_cast<int>(field);
                mapping.sources[field].push_back(column);
            }
        }
    }

    // Then every other column, in header order.
    std::array<std::vector<std::size_t>, 3> name_parts;  // 'auto': whole name, first-name and last-name columns
    for (std::size_t i = 0; i < count; ++i) {
        if (taken[i]) continue;
        const std::string_view name = names[i];
        const std::string_view trimmed = unicode::trim_js_whitespace(name);
        if (trimmed.empty()) {
            add_header_issue(issues, i, "csv_blank_column", unknown_level,
                             {name.empty() ? "This header column has no name, so its values are ignored (a trailing comma in the header?). "
                                           : "This header column's name is only whitespace, so its values are ignored. ",
                              "Name it or delete the column."});
            continue;
        }
        int field = -1;
        for (std::size_t f = 0; f < csv_create_fields.size(); ++f)
            if (csv_create_fields[f] == name) field = static_cast<int>(f);
        const detail::column_synonym* synonym = detail::find_column_synonym(normalised[i]);
        if (spec.mode == column_mode::automatic && synonym != nullptr) {
            if (synonym->field == static_cast<int>(csv_full_name)) {
                name_parts[static_cast<std::size_t>(synonym->part)].push_back(i);
                continue;
            }
            field = synonym->field;
        }
        if (field >= 0 && spec.mode == column_mode::named && !spec.columns[static_cast<std::size_t>(field)].empty()) {
            add_header_issue(issues, i, "csv_unknown_column", unknown_level,
                             {"The column \"", name, "\" is ignored: the mapping takes ", name, " from another column."});
            continue;
        }
        if (field >= 0) {
            claim(i, static_cast<std::size_t>(field));
            continue;
        }
        // Unknown: a near miss of a Seam field (case, spaces) is an error with a suggestion; a synonym is a warning
        // that names the field; anything else a warning.
        std::string_view near;
        for (const auto candidate : csv_create_fields)
            if (equal_ignoring_ascii_case(candidate, trimmed)) near = candidate;
        if (spec.mode != column_mode::automatic && !near.empty()) {
            add_header_issue(issues, i, "csv_unknown_column", severity::error,
                             {"The column \"", shown(name), "\" is not a Seam field, so its values would be ignored; Seam's field names are "
                              "lowercase snake_case. Rename it to ", near, "."},
                             near);
        } else if (synonym != nullptr && spec.mode != column_mode::automatic) {
            const std::string_view likely = csv_create_fields[static_cast<std::size_t>(synonym->field)];
            add_header_issue(issues, i, "csv_unknown_column", unknown_level,
                             {"The column \"", shown(name), "\" is not a field of /user_identities/create, so it is ignored; it looks like ", likely,
                              synonym->part == 0 ? "" : synonym->part == 1 ? " (its first part)" : " (its last part)",
                              ". Rename it, or map columns (columns: \"auto\", or --columns auto)."},
                             likely);
        } else {
            add_header_issue(issues, i, "csv_unknown_column", unknown_level,
                             {"The column \"", shown(name), "\" is not a field of /user_identities/create, so it is ignored. Known columns: "
                              "user_identity_key, email_address, phone_number, full_name, acs_system_ids",
                              spec.mode == column_mode::automatic ? " and their usual names (Email, Mobile, First Name, Employee ID, ...)." : "."});
        }
    }
    // 'auto' names: one whole-name column, or first and/or last name columns joined; anything more is a conflict.
    if (spec.mode == column_mode::automatic) {
        const auto extra = [&](std::size_t column, std::string_view why) {
            add_header_issue(issues, column, "csv_column_conflict", severity::error,
                             {"The column \"", shown(names[column]), "\" also maps to full_name (", why,
                              "); only the first is read. Remove one, or choose with an explicit mapping (columns: {full_name: [\"First\", \"Last\"]})."});
        };
        const bool named_elsewhere = mapping.has(csv_full_name);
        if (!name_parts[0].empty() && !named_elsewhere) {
            claim(name_parts[0].front(), csv_full_name);
            for (std::size_t k = 1; k < name_parts[0].size(); ++k) claim(name_parts[0][k], csv_full_name);
            for (std::size_t part = 1; part <= 2; ++part)
                for (const std::size_t column : name_parts[part]) extra(column, "the header also has a whole-name column");
        } else if (!named_elsewhere) {
            for (std::size_t part = 1; part <= 2; ++part) {
                if (name_parts[part].empty()) continue;
                mapping.column_field[name_parts[part].front()] = static_cast<int>(csv_full_name);
                mapping.sources[csv_full_name].push_back(name_parts[part].front());
                for (std::size_t k = 1; k < name_parts[part].size(); ++k)
                    extra(name_parts[part][k], part == 1 ? "another first-name column" : "another last-name column");
            }
        } else {
            for (const auto& part : name_parts)
                for (const std::size_t column : part) extra(column, "full_name is mapped by name");
        }
    }

    bool any = false;
    for (const auto& sources : mapping.sources) any = any || !sources.empty();
    if (!any) {
        mapping.usable = false;
        issues.push_back({issue_path{std::string("columns")}, "csv_no_known_columns", severity::error,
                                  spec.mode == column_mode::seam_names
                                      ? "The first line must be a header naming Seam fields (user_identity_key, email_address, phone_number, "
                                        "full_name, acs_system_ids); none of its columns is one. To read an export's own headers (Email, Mobile, "
                                        "First Name, ...), map columns (columns: \"auto\", or --columns auto)."
                                      : "No header column maps to a Seam field (user_identity_key, email_address, phone_number, full_name, "
                                        "acs_system_ids); give an explicit mapping, e.g. columns: {email_address: \"Work Email\"}.",
                                  std::nullopt});
    }
    return mapping;
}

/// The ids of an acs_system_ids cell: separated by ';', ',', spaces or tabs (views into the cell).
[[nodiscard]] inline std::vector<std::string_view> csv_acs_system_ids(std::string_view cell) {
    std::vector<std::string_view> ids;
    const auto separator = [](char c) { return c == ';' || c == ',' || c == ' ' || c == '\t'; };
    std::size_t at = 0;
    while (at < cell.size()) {
        while (at < cell.size() && separator(cell[at])) ++at;
        std::size_t end = at;
        while (end < cell.size() && !separator(cell[end])) ++end;
        if (end > at) ids.push_back(cell.substr(at, end - at));
        at = end;
    }
    return ids;
}

/// Appends the mapping as JSON text: {"<field>": ["<column>", ...], ...} in field order, mapped fields only.
inline void append_column_mapping_json(std::string& out, const column_mapping& mapping, const std::vector<std::string>& names) {
    out += '{';
    bool first = true;
    for (std::size_t f = 0; f < csv_create_fields.size(); ++f) {
        if (!mapping.has(f)) continue;
        if (!first) out += ',';
        first = false;
        append_json_string(out, csv_create_fields[f]);
        out += ":[";
        for (std::size_t k = 0; k < mapping.sources[f].size(); ++k) {
            if (k > 0) out += ',';
            append_json_string(out, names[mapping.sources[f][k]]);
        }
        out += ']';
    }
    out += '}';
}

}  // namespace seamid
