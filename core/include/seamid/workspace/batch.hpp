// Bulk import: N new identities (/user_identities/create requests, from a JSON array or a CSV file whose header
// row names Seam fields) validated against a workspace and against the earlier rows of the same batch
// (docs/workspace.md; https://docs.seam.co/latest/api/user_identities/create). Every row gets its field issues
// plus its conflicts, each with its row number. Rows are processed one at a time, so a caller can stream a
// large file and report progress between steps.
#pragma once

#include <algorithm>
#include <array>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "seamid/detail/sort.hpp"
#include "seamid/workspace/batch_candidates.hpp"
#include "seamid/workspace/csv.hpp"
#include "seamid/workspace/csv_columns.hpp"
#include "seamid/validation/identity_request.hpp"
#include "seamid/common/issue.hpp"
#include "seamid/json/dom.hpp"
#include "seamid/json/reader.hpp"
#include "seamid/json/writer.hpp"
#include "seamid/common/options.hpp"
#include "seamid/common/unicode.hpp"
#include "seamid/workspace/uniqueness.hpp"
#include "seamid/workspace/index.hpp"
#include "seamid/workspace/index_emails.hpp"

namespace seamid {

/// The findings of one row. `row` is 1-based; issue paths start with the 0-based row index.
struct row_report {
    std::size_t row = 0;
    std::size_t line = 0;  ///< CSV: the file line the row starts on (the header is line 1); JSON: 0
    std::vector<issue> issues;
    std::vector<conflict> conflicts;
};

/// Counts over a whole batch.
struct batch_summary {
    std::size_t rows = 0;
    std::size_t rows_with_errors = 0;
    std::size_t rows_with_warnings = 0;  ///< rows with warnings but no error
    std::size_t errors = 0;
    std::size_t warnings = 0;
};

namespace detail {

/// True when every byte of `text` is ASCII (then it is valid UTF-8); 8 bytes per step.
[[nodiscard]] inline bool is_ascii(std::string_view text) noexcept {
    const char* bytes = text.data();
    std::size_t i = 0;
    std::uint64_t any = 0;
    for (; i + 8 <= text.size(); i += 8) any |= load_word(bytes + i);
    if (i < text.size()) any |= load_tail(bytes + i, text.size() - i);
    return (any & 0x8080808080808080ULL) == 0;
}

/// Drops repeated (path, code) pairs, keeping the first: two checks may report the same finding.
inline void drop_repeated_issues(std::vector<issue>& issues) {
    if (issues.size() < 2) return;
    std::vector<issue> kept;
    kept.reserve(issues.size());
    for (auto& found : issues) {
        const bool seen = std::any_of(kept.begin(), kept.end(), [&](const issue& k) { return k.code == found.code && k.path == found.path; });
        if (!seen) kept.push_back(std::move(found));
    }
    issues.swap(kept);
}

}  // namespace detail

/// Validates create requests one row at a time against a workspace and the rows before them.
/// Holds a reference to the workspace: it must outlive the validator.
class batch_validator {
public:
    /// The hashes of a row's key, email and phone (unique_fields order; 0 where absent), as the indexes use them.
    using value_hashes = std::array<std::uint32_t, unique_fields.size()>;

    /// A validator for a new batch against `workspace`.
    explicit batch_validator(const workspace_index& workspace, const validation_options& options = {})
        : workspace_(workspace), options_(options) {
        earlier_.set_hash_seed(workspace.hash_seed());  // a row's hashes are looked up in both indexes
    }

    /// Validates the next row (a create request object). `line` is where it starts in a CSV file (0 if none);
    /// `found` are issues the caller already has for this row (e.g. a CSV cell's encoding).
    row_report add_row(const nlohmann::json& row, std::size_t line = 0, std::vector<issue> found = {}) {
        if (!row.is_object()) return add_non_object_row(detail::kind_of(row), line, std::move(found));
        return add_request(create_request_from_json(row), line, std::move(found));
    }

    /// Validates the next row when it is not an object (a number, an array, ...): one invalid_type issue.
    row_report add_non_object_row(value_kind kind, std::size_t line = 0, std::vector<issue> found = {}) {
        row_report report = begin_row(line);
        report.issues = std::move(found);
        report.issues.push_back(request_body_type_issue(issue_path{report.row - 1}, kind));
        detail::drop_repeated_issues(report.issues);
        count(report);
        return report;
    }

    /// Validates the next row given as a create_request (views, e.g. into a CSV record): no JSON is built.
    row_report add_request(const create_request& request, std::size_t line = 0, std::vector<issue> found = {}) {
        row_report report = begin_row(line);
        base_.front() = report.row - 1;  // reused: no allocation per row
        report.issues = std::move(found);
        auto field_issues = validate_create(request, options_, base_);
        if (report.issues.empty()) report.issues = std::move(field_issues);
        else
            for (auto& field_issue : field_issues) report.issues.push_back(std::move(field_issue));
        detail::drop_repeated_issues(report.issues);
        check_uniqueness(request_values(request), report, base_, candidates_.bits(report.row - 1));
        count(report);
        return report;
    }

    /// The key, email and phone a create_request sets (string values only).
    [[nodiscard]] static identity_values request_values(const create_request& request) noexcept {
        identity_values values;
        const auto take = [&](identity_field field, const request_value& value) {
            if (value.kind == value_kind::string) values.set(field, value.text);
        };
        take(identity_field::user_identity_key, request.user_identity_key);
        take(identity_field::email_address, request.email_address);
        take(identity_field::phone_number, request.phone_number);
        return values;
    }

    /// A first pass, optional: records the next row's key, email and phone (a row without values too). Once every
    /// row is recorded and find_candidates() called, the rows are validated as usual, and each looks up only the
    /// values the workspace or another row may hold (batch_candidates.hpp). Rows not recorded are checked in full.
    void record_row(const identity_values& values) { candidates_.add_row(values, workspace_); }
    /// Ends the first pass: finds which recorded values may conflict.
    void find_candidates() {
        candidates_.find(workspace_);
        earlier_.reserve_values(earlier_.size() + candidates_.rows_sharing());
    }
    /// Rows recorded by the first pass.
    [[nodiscard]] std::size_t rows_recorded() const noexcept { return candidates_.rows(); }

    /// Records a row that could not be read (malformed CSV): it counts as a row with these issues.
    row_report add_unreadable_row(std::vector<issue> issues, std::size_t line) {
        row_report report = begin_row(line);
        report.issues = std::move(issues);
        count(report);
        return report;
    }

    /// The number of the next row (1-based).
    [[nodiscard]] std::size_t next_row() const noexcept { return summary_.rows + 1; }
    /// Counts so far.
    [[nodiscard]] const batch_summary& summary() const noexcept { return summary_; }
    /// Bytes held for the earlier rows' values.
    [[nodiscard]] std::size_t memory() const noexcept { return earlier_.memory() + emails_.memory(); }

private:
    row_report begin_row(std::size_t line) const {
        row_report report;
        report.row = summary_.rows + 1;
        report.line = line;
        return report;
    }

    /// Hashes a row's values and asks the CPU to start loading their positions in the workspace and in the
    /// earlier rows, so that the look-ups that follow overlap their cache misses.
    void prefetch(const identity_values& values, value_hashes& hashes) const noexcept {
        for (std::size_t f = 0; f < unique_fields.size(); ++f) {
            const identity_field field = unique_fields[f];
            if (!values.has(field)) {
                hashes[f] = 0;
                continue;
            }
            hashes[f] = workspace_.value_hash(field, comparable_value(field, values.get(field)));
            workspace_.prefetch(field, hashes[f]);
            earlier_.prefetch(field, hashes[f]);
        }
    }

    /// Conflicts with the workspace, then with the first earlier row holding each value; then remembers the
    /// row's values that no earlier row holds exactly. Only the fields with a `candidates` bit are looked up
    /// (a value no other row shares is not remembered either: no later row can ask for it).
    void check_uniqueness(const identity_values& values, row_report& report, const issue_path& base,
                          std::uint8_t candidates = batch_candidates::all_bits) {
        if (candidates == 0) return;
        // Hash each value once and prefetch its positions in both indexes: the six lookups then overlap
        // their cache misses (with a million identities each lookup is a miss).
        value_hashes hashes;
        prefetch(values, hashes);
        identity_values in_workspace = values;
        for (std::size_t f = 0; f < unique_fields.size(); ++f)
            if ((candidates & batch_candidates::workspace_bit(f)) == 0) in_workspace.clear(unique_fields[f]);
        find_conflicts(workspace_, in_workspace, workspace_index::no_slot, options_, report.conflicts, hashes.data());
        identity_values remembered;
        value_hashes remembered_hashes{};
        for (std::size_t f = 0; f < unique_fields.size(); ++f) {
            const identity_field field = unique_fields[f];
            if (!values.has(field) || (candidates & batch_candidates::batch_bit(f)) == 0) continue;
            const std::string_view value = comparable_value(field, values.get(field));
            std::uint32_t exact_row = 0, variant_row = 0;
            if (field == identity_field::email_address) {
                emails_.find(value, exact_row, variant_row);  // O(1) however many case variants earlier rows hold
                if (exact_row == 0) emails_.remember(value, static_cast<std::uint32_t>(report.row));
            } else {
                earlier_.visit_holders(field, value, hashes[f], [&](workspace_index::slot_type slot, match_kind) {
                    if (exact_row == 0 || earlier_.tag(slot) < exact_row) exact_row = earlier_.tag(slot);
                    return true;
                });
                if (exact_row == 0) {
                    remembered.set(field, values.get(field));
                    remembered_hashes[f] = hashes[f];
                }
            }
            if (exact_row != 0) report.conflicts.push_back({field, match_kind::exact, severity::error, {}, exact_row});
            else if (variant_row != 0)
                report.conflicts.push_back({field, match_kind::case_variant, conflict_severity(match_kind::case_variant, options_), {}, variant_row});
        }
        if (remembered.present != 0) earlier_.insert_anonymous(remembered, static_cast<std::uint32_t>(report.row), remembered_hashes.data());
        for (const conflict& found : report.conflicts) report.issues.push_back(conflict_issue(found, base));
    }

    void count(const row_report& report) {
        ++summary_.rows;
        std::size_t errors = 0, warnings = 0;
        for (const issue& found : report.issues) {
            errors += found.level == severity::error;
            warnings += found.level == severity::warning;
        }
        summary_.errors += errors;
        summary_.warnings += warnings;
        if (errors > 0) ++summary_.rows_with_errors;
        else if (warnings > 0) ++summary_.rows_with_warnings;
    }

    const workspace_index& workspace_;
    validation_options options_;
    workspace_index earlier_;  ///< earlier rows' keys and phones
    batch_email_rows emails_;  ///< earlier rows' email addresses
    batch_candidates candidates_;  ///< filled by record_row (empty: every row is checked in full)
    batch_summary summary_;
    issue_path base_{std::size_t{0}};  ///< the current row's path
};

/// The result of a whole batch: input-level issues, the rows that have issues, and the counts.
struct batch_report {
    std::vector<issue> issues;     ///< about the input as a whole (not JSON, CSV header problems, ...)
    std::vector<row_report> rows;  ///< only rows with at least one issue, in order
    batch_summary summary;
    bool usable = true;            ///< false when the input could not be read as rows at all
    /// True when the input was usable and nothing is an error.
    [[nodiscard]] bool ok() const noexcept { return usable && !has_errors(issues) && summary.errors == 0; }
};

/// A row's values as the column mapping reads them, in csv_create_fields order (nothing: no column, or an empty
/// cell); full_name joined from its columns. What a fixed file is written from.
using row_values = std::array<std::optional<std::string>, csv_create_fields.size()>;

/// Streams a CSV batch: reads the header, then validates a bounded number of rows per step().
/// Holds views of the text and a reference to the workspace: both must outlive it.
class csv_batch {
public:
    /// Reads the header of `text`, mapping its columns under `columns` (csv_columns.hpp); header problems are in
    /// issues(), and usable() says whether rows can be read.
    csv_batch(const workspace_index& workspace, std::string_view text, const validation_options& options = {}, const column_spec& columns = {})
        : reader_(text), first_row_(text), validator_(workspace, options), options_(options) {
        read_header(text, columns);
        first_row_ = reader_;
    }

    /// Keeps every validated row's mapped values for take_values() (a fixed file is written from them).
    void keep_values(bool keep) noexcept { keep_values_ = keep; }
    /// True when rows' values are kept.
    [[nodiscard]] bool keeps_values() const noexcept { return keep_values_; }
    /// The values of the rows validated since the last call, one per row in order (empty for an unreadable row).
    [[nodiscard]] std::vector<row_values> take_values() { return std::exchange(values_, {}); }

    /// Works through up to `max_rows` records; returns true when the input is done. The first calls only
    /// record each row's key, email and phone (batch_candidates: no row is validated, summary() stays at 0);
    /// once the text is read, later calls validate up to `max_rows` rows each, appending those with issues to
    /// `out`, and look up only the values that the workspace or another row may hold.
    bool step(std::size_t max_rows, std::vector<row_report>& out) {
        if (!usable_) return true;
        if (!indexed_) {
            index_rows(max_rows);
            return false;
        }
        for (std::size_t n = 0; n < max_rows; ++n) {
            if (!reader_.next(row_)) return true;
            row_report report = read_row(row_);
            if (!report.issues.empty()) out.push_back(std::move(report));
        }
        return reader_.position() >= reader_.size();
    }

    /// Header and input-level issues.
    [[nodiscard]] const std::vector<issue>& issues() const noexcept { return issues_; }
    /// False when the text has no usable header (nothing can be validated).
    [[nodiscard]] bool usable() const noexcept { return usable_; }
    /// Counts so far.
    [[nodiscard]] const batch_summary& summary() const noexcept { return validator_.summary(); }
    /// Rows read by the first pass (every row once it is over): with summary().rows, the progress of both passes.
    [[nodiscard]] std::size_t rows_read() const noexcept { return validator_.rows_recorded(); }
    /// Bytes of the text consumed so far.
    [[nodiscard]] std::size_t position() const noexcept { return reader_.position(); }
    /// The header's column names.
    [[nodiscard]] const std::vector<std::string>& columns() const noexcept { return columns_; }
    /// Which columns feed which field.
    [[nodiscard]] const column_mapping& mapping() const noexcept { return mapping_; }

private:
    void read_header(std::string_view text, const column_spec& spec) {
        if (!reader_.next(record_)) {
            usable_ = false;
            issues_.push_back({{}, "csv_empty", severity::error,
                               "The CSV file is empty. Its first line must be a header naming Seam fields, e.g. "
                               "user_identity_key,email_address,phone_number,full_name.", std::nullopt});
            return;
        }
        // A file in another encoding is refused as a whole, naming UTF-8, before its header is read as names.
        if (auto problem = detail::csv_encoding_problem(text, text.substr(0, reader_.position()))) {
            usable_ = false;
            issues_.push_back({{}, "csv_not_utf8", severity::error, std::move(*problem), std::nullopt});
            return;
        }
        if (record_.error != csv_error::none) {
            usable_ = false;
            issues_.push_back({{"columns"}, std::string(csv_error_code(record_.error)), severity::error,
                               "The header row has broken quoting, so no row can be read. " + std::string(csv_error_message(record_.error)),
                               std::nullopt});
            return;
        }
        std::vector<std::string_view> names;
        names.reserve(record_.size());
        for (std::size_t i = 0; i < record_.size(); ++i) {
            names.push_back(record_.field(i));
            columns_.emplace_back(record_.field(i));
        }
        mapping_ = map_columns(names, spec, options_.rules == profile::strict ? severity::error : severity::warning);
        column_field_ = mapping_.column_field;
        usable_ = mapping_.usable;
        issues_ = std::move(mapping_.issues);
        mapping_.issues.clear();
    }

    /// True when a record's cells can be matched to the header's columns.
    [[nodiscard]] bool readable(const csv_record& record) const noexcept {
        return record.error == csv_error::none && record.size() == column_field_.size();
    }

    /// The key, email and phone cells of a readable record, as the request read_row builds from it holds them
    /// (an empty cell is null, see set_cell).
    [[nodiscard]] identity_values cell_values(const csv_record& record) const noexcept {
        identity_values values;
        for (std::size_t i = 0; i < column_field_.size(); ++i) {
            const int field = column_field_[i];
            if (field < 0 || field > 2) continue;  // csv_create_fields 0..2: user_identity_key, email_address, phone_number
            const std::string_view cell = record.field(i);
            if (!cell.empty()) values.set(static_cast<identity_field>(field + 1), cell);
        }
        return values;
    }

    /// Records the values of up to `max_rows` more rows; at the end of the text, finds the candidates and
    /// rewinds to the first row for validation.
    void index_rows(std::size_t max_rows) {
        for (std::size_t n = 0; n < max_rows; ++n) {
            if (!reader_.next(row_)) {
                validator_.find_candidates();
                reader_ = first_row_;
                indexed_ = true;
                return;
            }
            validator_.record_row(readable(row_) ? cell_values(row_) : identity_values{});
        }
    }

    row_report read_row(const csv_record& record) {
        const std::size_t row_index = validator_.next_row() - 1;
        if (keep_values_ && !readable(record)) values_.emplace_back();
        if (record.error != csv_error::none)
            return validator_.add_unreadable_row(
                {{{row_index}, std::string(csv_error_code(record.error)), severity::error, std::string(csv_error_message(record.error)), std::nullopt}},
                record.line);
        if (record.size() != column_field_.size()) {
            std::string message = "This row has " + std::to_string(record.size()) + " field" + (record.size() == 1 ? "" : "s") + " but the header has " +
                                  std::to_string(column_field_.size()) +
                                  ", so its values cannot be matched to columns. Check for a missing or extra comma, or an unquoted "
                                  "comma inside a value.";
            return validator_.add_unreadable_row({{{row_index}, "csv_field_count", severity::error, std::move(message), std::nullopt}}, record.line);
        }
        std::vector<issue> encoding;
        request_.user_identity_key = request_.email_address = request_.phone_number = request_.full_name = request_.acs_system_ids = request_value{};
        request_.acs_system_id_items.clear();
        request_.unknown_fields.clear();
        if (keep_values_) values_.emplace_back();
        for (std::size_t field = 0; field < csv_create_fields.size(); ++field) {
            const auto& sources = mapping_.sources[field];
            if (sources.empty()) continue;
            std::string_view cell = record.field(sources.front());
            if (sources.size() > 1) {  // full_name from several columns: the non-empty ones, joined with one space
                joined_.clear();
                for (const std::size_t column : sources) {
                    const std::string_view part = record.field(column);
                    if (part.empty()) continue;
                    if (!joined_.empty()) joined_ += ' ';
                    joined_ += part;
                }
                cell = joined_;
            }
            if (!detail::is_ascii(cell) && !unicode::is_valid_utf8(cell))
                encoding.push_back({{row_index, std::string(csv_create_fields[field])}, "invalid_utf8", severity::error,
                                    "This value is not valid UTF-8 (Latin-1 or Windows-1252 bytes?); save the file as UTF-8.", std::nullopt});
            set_cell(static_cast<int>(field), cell);
            if (keep_values_ && !cell.empty()) values_.back()[field] = std::string(cell);
        }
        return validator_.add_request(request_, record.line, std::move(encoding));
    }

    /// Puts a cell into the request: an empty cell is null (absent for acs_system_ids); views point into the record.
    void set_cell(int field, std::string_view cell) {
        const request_value value = cell.empty() ? request_value::null() : request_value::string(cell);
        switch (field) {
            case 0: request_.user_identity_key = value; return;
            case 1: request_.email_address = value; return;
            case 2: request_.phone_number = value; return;
            case 3: request_.full_name = value; return;
            default: break;
        }
        if (cell.empty()) return;  // acs_system_ids: a list of ids separated by ';', ',' or spaces
        request_.acs_system_ids = request_value::of_kind(value_kind::array);
        for (const std::string_view id : csv_acs_system_ids(cell)) request_.acs_system_id_items.push_back(request_value::string(id));
    }

    csv_reader reader_;
    csv_reader first_row_;  ///< the reader where the rows start (after the header)
    csv_record record_;     ///< the header
    csv_record row_;        ///< the current row
    bool indexed_ = false;  ///< true once every row's values are recorded and the candidates found
    batch_validator validator_;
    validation_options options_;
    std::vector<issue> issues_;
    std::vector<std::string> columns_;
    std::vector<int> column_field_;  ///< index into csv_create_fields, or -1 (ignored column)
    column_mapping mapping_;         ///< which columns feed which field (issues moved to issues_)
    std::string joined_;             ///< the current row's full_name when it is joined from several columns
    bool keep_values_ = false;
    std::vector<row_values> values_;  ///< kept values since the last take_values()
    create_request request_;  ///< the current row, as views into record_
    bool usable_ = true;
};

/// Validates a whole CSV batch against `workspace` (its header names Seam fields, or is mapped under `columns`),
/// handing each row report that has issues to on_row(row_report&&) as it is made (report.rows stays empty):
/// memory stays bounded however many rows have issues.
template <typename OnRow>
    requires std::invocable<OnRow&, row_report&&>
batch_report validate_csv_batch(const workspace_index& workspace, std::string_view text, const validation_options& options, const column_spec& columns,
                                OnRow&& on_row) {
    batch_report report;
    csv_batch batch(workspace, text, options, columns);
    std::vector<row_report> chunk;
    for (bool done = false; !done;) {
        done = batch.step(1024, chunk);
        for (auto& row : chunk) on_row(std::move(row));
        chunk.clear();
    }
    report.issues = batch.issues();
    report.usable = batch.usable();
    report.summary = batch.summary();
    return report;
}

/// The same with the header's Seam field names as they are (no mapping), rows streamed to on_row.
template <typename OnRow>
    requires std::invocable<OnRow&, row_report&&>
batch_report validate_csv_batch(const workspace_index& workspace, std::string_view text, const validation_options& options, OnRow&& on_row) {
    return validate_csv_batch(workspace, text, options, column_spec{}, std::forward<OnRow>(on_row));
}

/// Validates a whole CSV batch against `workspace` (its header names Seam fields, or is mapped under `columns`);
/// the rows with issues in report.rows.
[[nodiscard]] inline batch_report validate_csv_batch(const workspace_index& workspace, std::string_view text, const validation_options& options = {},
                                                     const column_spec& columns = {}) {
    std::vector<row_report> rows;
    batch_report report = validate_csv_batch(workspace, text, options, columns, [&rows](row_report&& row) { rows.push_back(std::move(row)); });
    report.rows = std::move(rows);
    return report;
}

/// Validates an already-parsed JSON array of create requests against `workspace`.
[[nodiscard]] inline batch_report validate_batch(const workspace_index& workspace, const nlohmann::json& rows, const validation_options& options = {}) {
    batch_report report;
    if (!rows.is_array()) {
        report.usable = false;
        report.issues.push_back(type_issue({}, "an array of /user_identities/create requests", rows));
        return report;
    }
    batch_validator validator(workspace, options);
    for (const auto& row : rows) {
        row_report found = validator.add_row(row);
        if (!found.issues.empty()) report.rows.push_back(std::move(found));
    }
    report.summary = validator.summary();
    return report;
}

namespace detail {

/// Reads a JSON array of create requests one element at a time: each object element becomes a create_request
/// (views into the text, or into copies kept for the row when a string had escapes) handed to the validator
/// when the element closes; other elements are rows of the wrong type. Memory stays O(one row).
class json_rows_reader final : public json_reader {
public:
    json_rows_reader(batch_validator& validator, std::function<void(row_report&&)> on_row) : validator_(validator), on_row_(std::move(on_row)) {}

    /// The root's kind (an array is what a batch is).
    json_kind root = json_kind::null;

    bool on_value(json_kind kind, std::string_view text) override {
        const std::size_t level = depth();
        if (level == 0) {
            root = kind;
            return true;
        }
        if (root != json_kind::array) return true;  // read to the end only to find syntax errors
        if (level == 1) {
            if (kind == json_kind::object) {
                request_ = {};
                copies_.clear();
            } else {
                report(validator_.add_non_object_row(to_value_kind(kind)));
            }
            return true;
        }
        if (level == 2) {
            const std::string_view key = at(1).key();
            const request_value value = kind == json_kind::string ? request_value::string(keep(text)) : request_value::of_kind(to_value_kind(kind));
            if (key == "user_identity_key") request_.user_identity_key = value;
            else if (key == "email_address") request_.email_address = value;
            else if (key == "phone_number") request_.phone_number = value;
            else if (key == "full_name") request_.full_name = value;
            else if (key == "acs_system_ids") request_.acs_system_ids = value, request_.acs_system_id_items.clear();
            else request_.unknown_fields.push_back(keep(key));
            return true;
        }
        if (level == 3 && at(1).key() == "acs_system_ids" && request_.acs_system_ids.kind == value_kind::array)
            request_.acs_system_id_items.push_back(kind == json_kind::string ? request_value::string(keep(text)) : request_value::of_kind(to_value_kind(kind)));
        return true;
    }
    bool on_end(std::size_t level, bool was_object) override {
        if (level != 1 || !was_object || root != json_kind::array) return true;
        // A parsed object lists its members by name, each once: the same unknown fields, in the same order.
        auto& unknown = request_.unknown_fields;
        detail::sort_items(unknown, [](std::string_view a, std::string_view b) { return a < b; });
        unknown.erase(std::unique(unknown.begin(), unknown.end()), unknown.end());
        report(validator_.add_request(request_));
        return true;
    }

    /// value_kind of a JSON kind.
    [[nodiscard]] static constexpr value_kind to_value_kind(json_kind kind) noexcept {
        switch (kind) {
            case json_kind::null: return value_kind::null;
            case json_kind::boolean: return value_kind::boolean;
            case json_kind::number: return value_kind::number;
            case json_kind::string: return value_kind::string;
            case json_kind::object: return value_kind::object;
            case json_kind::array: return value_kind::array;
        }
        return value_kind::null;
    }

private:
    /// `text` itself when it points into the input, else a copy that lives until the row is done.
    std::string_view keep(std::string_view text) {
        if (text.data() < input_begin() || text.data() >= input_end()) {
            copies_.emplace_back(text);
            return copies_.back();
        }
        return text;
    }
    [[nodiscard]] const char* input_begin() const noexcept { return input_.data(); }
    [[nodiscard]] const char* input_end() const noexcept { return input_.data() + input_.size(); }
    void report(row_report found) {
        if (!found.issues.empty()) on_row_(std::move(found));
    }

public:
    /// Reads `text` (kept for telling views into it from decoded copies).
    bool read(std::string_view text) {
        input_ = text;
        return run(text);
    }

private:
    batch_validator& validator_;
    std::function<void(row_report&&)> on_row_;
    create_request request_;
    std::deque<std::string> copies_;  ///< decoded strings of the current row (a deque: views stay valid as it grows)
    std::string_view input_;
};

}  // namespace detail

/// Feeds JSON text holding an array of create requests to `validator`, one element at a time (the array is
/// never held whole: each element is checked, then discarded). Rows with issues go to `out`; a document that
/// is not a JSON array gives an input issue and returns false (rows before a syntax error were checked).
inline bool feed_json_rows(batch_validator& validator, std::string_view text, std::function<void(row_report&&)> on_row, std::vector<issue>& issues) {
    detail::json_rows_reader reader(validator, std::move(on_row));
    if (!reader.read(text)) {
        issues.push_back(reader.syntax_issue(reader.root == json_kind::array ? "Rows before the error were checked." : ""));
        return false;
    }
    if (reader.root != json_kind::array) {
        issues.push_back(json_type_issue({}, "an array of /user_identities/create requests", reader.root));
        return false;
    }
    return true;
}

/// The same, collecting the rows with issues in `out`.
inline bool feed_json_rows(batch_validator& validator, std::string_view text, std::vector<row_report>& out, std::vector<issue>& issues) {
    return feed_json_rows(validator, text, [&out](row_report&& row) { out.push_back(std::move(row)); }, issues);
}

/// Validates JSON text holding an array of create requests against `workspace`, streaming row by row: each row
/// report with issues goes to on_row(row_report&&) as it is made (report.rows stays empty).
template <typename OnRow>
batch_report validate_json_batch(const workspace_index& workspace, std::string_view text, const validation_options& options, OnRow&& on_row) {
    batch_report report;
    batch_validator validator(workspace, options);
    report.usable = feed_json_rows(validator, text, std::function<void(row_report&&)>(std::forward<OnRow>(on_row)), report.issues);
    report.summary = validator.summary();
    return report;
}

/// Validates JSON text holding an array of create requests against `workspace`; the rows with issues in report.rows.
[[nodiscard]] inline batch_report validate_json_batch(const workspace_index& workspace, std::string_view text, const validation_options& options = {}) {
    batch_report report;
    batch_validator validator(workspace, options);
    report.usable = feed_json_rows(validator, text, report.rows, report.issues);
    report.summary = validator.summary();
    return report;
}

/// A row report as JSON: {"row", "line"?, "issues", "conflicts"} ("line" only for CSV rows).
[[nodiscard]] inline nlohmann::json row_report_to_json(const row_report& report) {
    nlohmann::json conflicts = nlohmann::json::array();
    for (const auto& found : report.conflicts) conflicts.push_back(conflict_to_json(found));
    nlohmann::json out = {{"row", report.row}, {"issues", issues_to_json(report.issues)}, {"conflicts", std::move(conflicts)}};
    if (report.line > 0) out["line"] = report.line;
    return out;
}

/// Appends the JSON text of a row report, the same bytes as dump_json(row_report_to_json(report)), without
/// building a JSON document (a big batch's results cross to JS as text; this writes them directly).
inline void append_row_report_json(std::string& out, const row_report& report) {
    out += "{\"conflicts\":[";
    for (std::size_t i = 0; i < report.conflicts.size(); ++i) {
        if (i > 0) out += ',';
        append_conflict_json(out, report.conflicts[i]);
    }
    out += "],\"issues\":";
    append_json_issues(out, report.issues);
    if (report.line > 0) {
        out += ",\"line\":";
        append_json_number(out, report.line);
    }
    out += ",\"row\":";
    append_json_number(out, report.row);
    out += '}';
}

/// A batch summary as JSON text: {"errors", "rows", "rows_with_errors", "rows_with_warnings", "warnings"}.
[[nodiscard]] inline std::string batch_summary_json(const batch_summary& summary) {
    std::string out = "{\"errors\":";
    append_json_number(out, summary.errors);
    out += ",\"rows\":";
    append_json_number(out, summary.rows);
    out += ",\"rows_with_errors\":";
    append_json_number(out, summary.rows_with_errors);
    out += ",\"rows_with_warnings\":";
    append_json_number(out, summary.rows_with_warnings);
    out += ",\"warnings\":";
    append_json_number(out, summary.warnings);
    out += '}';
    return out;
}

/// Batch counts as JSON: {"rows", "rows_with_errors", "rows_with_warnings", "errors", "warnings"}.
[[nodiscard]] inline nlohmann::json batch_summary_to_json(const batch_summary& summary) {
    return nlohmann::json::parse(batch_summary_json(summary), nullptr, false);
}

/// A whole batch report as JSON: {"ok", "usable", "summary", "issues", "rows"}.
[[nodiscard]] inline nlohmann::json batch_report_to_json(const batch_report& report) {
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& row : report.rows) rows.push_back(row_report_to_json(row));
    return {{"ok", report.ok()}, {"usable", report.usable}, {"summary", batch_summary_to_json(report.summary)},
            {"issues", issues_to_json(report.issues)}, {"rows", std::move(rows)}};
}

}  // namespace seamid
