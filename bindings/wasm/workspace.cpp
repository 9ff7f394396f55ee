// embind adapter of seamid/workspace/index.hpp, uniqueness.hpp and batch.hpp. Workspaces and batches live in
// two registries addressed by small integer handles that only the JS wrapper (src/workspace.js) holds and frees;
// no embind class handle ever reaches user code. Big texts (a list snapshot, a CSV file) are written by JS
// straight into buffers owned here, and row objects arrive in the request encoding (request_decoding.hpp);
// results are JSON text.
#include <emscripten/bind.h>
#include <emscripten/em_macros.h>

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "seamid/common/cold.hpp"
#include "seamid/workspace/batch.hpp"
#include "seamid/json/writer.hpp"
#include "seamid/workspace/uniqueness.hpp"
#include "seamid/workspace/index.hpp"
#include "request_decoding.hpp"
#include "scratch.hpp"

namespace seamid_wasm {
namespace {

/// A batch in progress: its own copy of the input text, and the streaming state over it.
struct batch_state {
    int workspace = 0;
    seamid::validation_options options;
    std::vector<char> text;
    std::unique_ptr<seamid::batch_validator> validator;  ///< JSON rows
    std::unique_ptr<seamid::csv_batch> csv;              ///< CSV text
    std::string recorded;         ///< row objects: every row's encoding, kept by the first pass for the second
    std::size_t recorded_at = 0;  ///< where the second pass reads next
    bool candidates_found = false;
};

/// Handle -> object; handle 0 is never used, freed handles are reused.
template <typename T>
struct registry {
    std::vector<std::unique_ptr<T>> items = std::vector<std::unique_ptr<T>>(1);
    int add(std::unique_ptr<T> item) {
        for (std::size_t i = 1; i < items.size(); ++i)
            if (!items[i]) {
                items[i] = std::move(item);
                return static_cast<int>(i);
            }
        items.push_back(std::move(item));
        return static_cast<int>(items.size() - 1);
    }
    T* get(int handle) { return handle > 0 && static_cast<std::size_t>(handle) < items.size() ? items[handle].get() : nullptr; }
    void remove(int handle) {
        if (get(handle) != nullptr) items[handle].reset();
    }
};

registry<seamid::workspace_index>& workspaces() {
    static registry<seamid::workspace_index> instance;
    return instance;
}
registry<batch_state>& batches() {
    static registry<batch_state> instance;
    return instance;
}

/// The text of the last batch step's answer; JS reads it from memory (_batchOutput) and decodes it with a
/// TextDecoder, instead of embind copying it out as a std::string byte by byte.
std::string& step_output() {
    static std::string instance;
    return instance;
}

seamid::validation_options options_for(bool strict) {
    seamid::validation_options options;
    if (strict) options.rules = seamid::profile::strict;
    return options;
}

/// {"issues": [...]}: the answer of a load or an index change.
std::string issues_object(const std::vector<seamid::issue>& issues) { return "{\"issues\":" + seamid::issues_json_text(issues) + "}"; }

std::string gone() { return R"({"issues":[{"path":[],"code":"invalid_handle","severity":"error","message":"This workspace was disposed."}]})"; }

int workspace_new() { return workspaces().add(std::make_unique<seamid::workspace_index>()); }
void workspace_free(int handle) {
    for (std::size_t i = 1; i < batches().items.size(); ++i)
        if (batches().items[i] && batches().items[i]->workspace == handle) batches().items[i].reset();
    workspaces().remove(handle);
}
unsigned workspace_size(int handle) {
    const auto* index = workspaces().get(handle);
    return index ? static_cast<unsigned>(index->size()) : 0u;
}

/// Loads the `length` bytes of list JSON in the bulk buffer (released after); returns {"issues": [...]}.
std::string workspace_load(int handle, unsigned length) {
    const std::vector<char> text = take_bulk_text(length);
    auto* index = workspaces().get(handle);
    if (index == nullptr) return gone();
    return issues_object(index->load_json(std::string_view(text.data(), text.size())));
}

// One identity per call (add, update, remove, find, check, audit): SEAMID_COLD, small; the loads and batches stay -O3.
SEAMID_COLD std::string workspace_add(int handle, const std::string& identity) {
    auto* index = workspaces().get(handle);
    return index == nullptr ? gone() : issues_object(index->add_json(identity));
}
SEAMID_COLD std::string workspace_update(int handle, const std::string& changes) {
    auto* index = workspaces().get(handle);
    return index == nullptr ? gone() : issues_object(index->update_json(changes));
}
SEAMID_COLD std::string workspace_remove(int handle, const std::string& id) {
    auto* index = workspaces().get(handle);
    return index == nullptr ? gone() : issues_object(index->remove(id));
}

/// The ids holding `value` in field number `field` (identity_field order) as a JSON array.
SEAMID_COLD std::string workspace_find(int handle, unsigned field, const std::string& value) {
    auto* index = workspaces().get(handle);
    if (index == nullptr || field > 3) return "[]";
    std::string out = "[";
    for (const auto id : index->find(static_cast<seamid::identity_field>(field), value)) {
        if (out.size() > 1) out += ',';
        seamid::append_json_string(out, id);
    }
    return out + "]";
}

SEAMID_COLD std::string workspace_check(int handle, const std::string& request, bool strict, bool update) {
    auto* index = workspaces().get(handle);
    if (index == nullptr) return gone();
    const auto result = update ? seamid::check_update_json(*index, request, options_for(strict))
                               : seamid::check_create_json(*index, request, options_for(strict));
    return seamid::uniqueness_result_json(result);
}
std::string workspace_check_create(int handle, const std::string& request, bool strict) { return workspace_check(handle, request, strict, false); }
std::string workspace_check_update(int handle, const std::string& request, bool strict) { return workspace_check(handle, request, strict, true); }

SEAMID_COLD std::string workspace_audit(int handle, bool strict) {
    auto* index = workspaces().get(handle);
    if (index == nullptr) return gone();
    return seamid::audit_report_json(seamid::audit(*index, options_for(strict)));
}

// ------------------------------------------------------------------ batches

/// A new batch against workspace `handle`; 0 when the workspace is gone. `country`: the default country's number
/// (seamid::country_number), 0 for none.
int batch_new(int handle, bool strict, unsigned country) {
    auto* index = workspaces().get(handle);
    if (index == nullptr) return 0;
    auto state = std::make_unique<batch_state>();
    state->workspace = handle;
    state->options = options_for(strict);
    state->options.default_country = seamid::country_of_number(country);
    state->validator = std::make_unique<seamid::batch_validator>(*index, state->options);
    return batches().add(std::move(state));
}
void batch_free(int batch) {
    batches().remove(batch);
    std::string().swap(step_output());  // a big step's answer is not kept after its batch
}

/// Makes the batch's text buffer `bytes` long (keeping what is there) and returns its address (0: no such batch, or
/// over the limit).
std::uintptr_t batch_reserve(int batch, unsigned bytes) {
    auto* state = batches().get(batch);
    if (state == nullptr || over_limit(bytes, max_text_bytes)) return 0;
    state->text.resize(bytes + 1u);
    return reinterpret_cast<std::uintptr_t>(state->text.data());
}

/// The column option's JSON text ("null", "\"auto\"" or an object) as a spec; a malformed one adds issues.
seamid::column_spec columns_spec(const std::string& columns, std::vector<seamid::issue>& issues) {
    return seamid::column_spec_from_json(columns, issues);
}

/// Starts CSV validation of the first `length` bytes of the batch's text, its columns mapped under `columns` (JSON
/// text of the option; csv_columns.hpp); `values`: every step answer also lists each row's mapped values:
/// {"usable", "issues", "columns", "mapping", "total"} (total = data rows, counted quote-aware).
SEAMID_COLD std::string batch_start_csv(int batch, unsigned length, const std::string& columns, bool values) {
    auto* state = batches().get(batch);
    auto* index = state ? workspaces().get(state->workspace) : nullptr;
    if (index == nullptr) return gone();
    std::vector<seamid::issue> spec_issues;
    const seamid::column_spec spec = columns_spec(columns, spec_issues);
    if (!spec_issues.empty()) return "{\"columns\":[],\"issues\":" + seamid::issues_json_text(spec_issues) + ",\"mapping\":{},\"total\":0,\"usable\":false}";
    state->text.resize(length);
    const std::string_view text(state->text.data(), state->text.size());
    state->csv = std::make_unique<seamid::csv_batch>(*index, text, state->options, spec);
    state->csv->keep_values(values);
    const std::size_t records = seamid::csv_count_records(text);
    std::string out = "{\"columns\":[";
    for (std::size_t i = 0; i < state->csv->columns().size(); ++i) {
        if (i > 0) out += ',';
        seamid::append_json_string(out, state->csv->columns()[i]);
    }
    out += "],\"issues\":";
    seamid::append_json_issues(out, state->csv->issues());
    out += ",\"mapping\":";
    seamid::append_column_mapping_json(out, state->csv->mapping(), state->csv->columns());
    out += ",\"total\":";
    seamid::append_json_number(out, records > 0 ? records - 1 : 0);
    out += ",\"usable\":";
    seamid::append_json_bool(out, state->csv->usable());
    return out + "}";
}

/// Appends the rows as a JSON array.
void append_rows_json(std::string& out, const std::vector<seamid::row_report>& rows) {
    out += '[';
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (i > 0) out += ',';
        seamid::append_row_report_json(out, rows[i]);
    }
    out += ']';
}

/// Makes `text` the step's answer in step_output; returns its byte length.
unsigned answer(std::string text) {
    step_output() = std::move(text);
    return static_cast<unsigned>(step_output().size());
}

/// Writes {"done", "finished", "read", "rows", "values"?} (sorted keys, like every answer) for a CSV step into
/// step_output; "values": per row validated in this step, its mapped values [key, email, phone, name, acs ids]
/// (null where absent; null for an unreadable row).
void write_csv_step(const std::vector<seamid::row_report>& rows, std::size_t done, std::size_t read, bool finished,
                    const std::vector<seamid::row_values>* values = nullptr) {
    std::string& out = step_output();
    out.clear();
    out += "{\"done\":";
    seamid::append_json_number(out, done);
    out += finished ? ",\"finished\":true,\"read\":" : ",\"finished\":false,\"read\":";
    seamid::append_json_number(out, read);
    out += ",\"rows\":";
    append_rows_json(out, rows);
    if (values != nullptr) {
        out += ",\"values\":[";
        for (std::size_t r = 0; r < values->size(); ++r) {
            if (r > 0) out += ',';
            const auto& row = (*values)[r];
            bool any = false;
            for (const auto& cell : row) any = any || cell.has_value();
            if (!any) {
                out += "null";
                continue;
            }
            out += '[';
            for (std::size_t f = 0; f < row.size(); ++f) {
                if (f > 0) out += ',';
                if (!row[f]) {
                    out += "null";
                } else if (f == 4) {  // acs_system_ids: the ids the cell lists, as the batch read them
                    out += '[';
                    const auto ids = seamid::csv_acs_system_ids(*row[f]);
                    for (std::size_t k = 0; k < ids.size(); ++k) {
                        if (k > 0) out += ',';
                        seamid::append_json_string(out, ids[k]);
                    }
                    out += ']';
                } else {
                    seamid::append_json_string(out, *row[f]);
                }
            }
            out += ']';
        }
        out += ']';
    }
    out += '}';
}

/// Address of the last step's answer (valid until the next step); its byte length is what the step returned.
std::uintptr_t batch_output() { return reinterpret_cast<std::uintptr_t>(step_output().data()); }

/// Reads or validates up to `max_rows` more CSV rows (csv_batch::step); the answer {"rows": [...with issues],
/// "done", "read", "finished"} is left in the output buffer (_batchOutput) and its byte length returned.
unsigned batch_step_csv(int batch, unsigned max_rows) {
    auto* state = batches().get(batch);
    if (state == nullptr || !state->csv || workspaces().get(state->workspace) == nullptr) return answer(gone());
    std::vector<seamid::row_report> rows;
    const bool finished = state->csv->step(max_rows, rows);
    const std::vector<seamid::row_values> values = state->csv->take_values();
    write_csv_step(rows, state->csv->summary().rows, state->csv->rows_read(), finished, state->csv->keeps_values() ? &values : nullptr);
    return static_cast<unsigned>(step_output().size());
}

/// The first pass over row objects: keeps the rows encoded in the first `length` bytes of the batch's text (per
/// row: u32 byte length, then the request encoding of request_decoding.hpp) and records their key, email and phone
/// (batch_validator::record_row): {"issues", "read", "usable"} in the output buffer. A truncated or malformed encoding makes
/// the batch unusable (an `invalid_input` issue), never a read past the buffer.
unsigned batch_record_rows(int batch, unsigned length) {
    auto* state = batches().get(batch);
    if (state == nullptr || workspaces().get(state->workspace) == nullptr) return answer(gone());
    const std::string_view bytes(state->text.data(), length < state->text.size() ? length : state->text.size());
    std::vector<seamid::issue> issues;
    seamid::create_request request;
    seamid::update_request unused;
    encoded_reader in{bytes};
    while (in.at < bytes.size()) {
        const std::size_t start = in.at;
        const std::string_view row = in.text();
        if (in.failed) {
            issues.push_back({{}, "invalid_input", seamid::severity::error, "The encoded rows are truncated; the rest of this chunk was not read.", std::nullopt});
            break;
        }
        request = seamid::create_request{};
        const seamid::value_kind kind = decode_request(row, request, unused, /*is_update=*/false);
        state->validator->record_row(kind == seamid::value_kind::object ? seamid::batch_validator::request_values(request) : seamid::identity_values{});
        state->recorded.append(bytes.data() + start, in.at - start);
    }
    std::string& out = step_output();
    out.clear();
    out += "{\"issues\":";
    seamid::append_json_issues(out, issues);
    out += ",\"read\":";
    seamid::append_json_number(out, state->validator->rows_recorded());
    out += issues.empty() ? ",\"usable\":true}" : ",\"usable\":false}";
    return static_cast<unsigned>(out.size());
}

/// The second pass over row objects: validates up to `max_rows` more of the recorded rows, looking up only the
/// values the first pass marked; the answer {"done", "finished", "read", "rows"} is left in the output buffer like a
/// CSV step's. The recorded rows are freed after the last one.
unsigned batch_check_rows(int batch, unsigned max_rows) {
    auto* state = batches().get(batch);
    if (state == nullptr || workspaces().get(state->workspace) == nullptr) return answer(gone());
    if (!state->candidates_found) {
        state->validator->find_candidates();
        state->candidates_found = true;
    }
    std::vector<seamid::row_report> rows;
    seamid::create_request request;
    seamid::update_request unused;
    encoded_reader in{state->recorded};
    in.at = state->recorded_at;
    for (unsigned n = 0; n < max_rows && in.at < state->recorded.size(); ++n) {
        const std::string_view row = in.text();  // well-formed: the first pass read it
        request = seamid::create_request{};
        const seamid::value_kind kind = decode_request(row, request, unused, /*is_update=*/false);
        // A row that is not an object gets the request-body type error, as validate_create reports it.
        seamid::row_report found = kind == seamid::value_kind::object ? state->validator->add_request(request)
                                                                       : state->validator->add_non_object_row(kind);
        if (!found.issues.empty()) rows.push_back(std::move(found));
    }
    state->recorded_at = in.at;
    const bool finished = in.at >= state->recorded.size();
    if (finished) std::string().swap(state->recorded);
    write_csv_step(rows, state->validator->summary().rows, state->validator->rows_recorded(), finished);
    return static_cast<unsigned>(step_output().size());
}

/// Maps the names in `names` (a JSON array of strings: the keys of row objects) under the column option `columns`:
/// {"issues", "mapping": {field: [name, ...]}, "usable"}; JS renames the rows' keys by it.
SEAMID_COLD std::string map_columns(const std::string& names, const std::string& columns, bool strict) {
    std::vector<seamid::issue> issues;
    const seamid::column_spec spec = columns_spec(columns, issues);
    std::vector<std::string> owned;
    if (!seamid::column_names_from_json(names, owned))
        issues.push_back({{std::string("columns")}, "invalid_input", seamid::severity::error, "The row keys are not a JSON array of strings.", std::nullopt});
    std::vector<std::string_view> views(owned.begin(), owned.end());
    seamid::column_mapping mapping;
    if (issues.empty()) mapping = seamid::map_columns(views, spec, strict ? seamid::severity::error : seamid::severity::warning);
    else mapping.usable = false;
    for (auto& found : mapping.issues) issues.push_back(std::move(found));
    std::string out = "{\"issues\":";
    seamid::append_json_issues(out, issues);
    out += ",\"mapping\":";
    seamid::append_column_mapping_json(out, mapping, owned);
    out += ",\"usable\":";
    seamid::append_json_bool(out, mapping.usable);
    return out + "}";
}

/// The batch's counts so far (CSV or JSON rows).
std::string batch_summary(int batch) {
    auto* state = batches().get(batch);
    if (state == nullptr) return "{}";
    return seamid::batch_summary_json(state->csv ? state->csv->summary() : state->validator->summary());
}

}  // namespace
}  // namespace seamid_wasm

/// The country number (seamid::country_number) of the country code in the scratch input's `length` bytes, 0 when
/// the core knows no such country: JS turns 0 into a TypeError for options.defaultCountry.
extern "C" EMSCRIPTEN_KEEPALIVE unsigned seamid_phone_region(unsigned length) {
    return seamid::country_number(seamid::country_code(seamid_wasm::input_view(length)));
}

EMSCRIPTEN_BINDINGS(seamid_workspace) {
    using namespace seamid_wasm;
    emscripten::function("_workspaceNew", &workspace_new);
    emscripten::function("_workspaceFree", &workspace_free);
    emscripten::function("_workspaceSize", &workspace_size);
    emscripten::function("_workspaceLoad", &workspace_load);
    emscripten::function("_workspaceAdd", &workspace_add);
    emscripten::function("_workspaceUpdate", &workspace_update);
    emscripten::function("_workspaceRemove", &workspace_remove);
    emscripten::function("_workspaceFind", &workspace_find);
    emscripten::function("_workspaceCheckCreate", &workspace_check_create);
    emscripten::function("_workspaceCheckUpdate", &workspace_check_update);
    emscripten::function("_workspaceAudit", &workspace_audit);
    emscripten::function("_batchNew", &batch_new);
    emscripten::function("_batchFree", &batch_free);
    emscripten::function("_batchReserve", &batch_reserve);
    emscripten::function("_batchStartCsv", &batch_start_csv);
    emscripten::function("_batchStepCsv", &batch_step_csv);
    emscripten::function("_batchOutput", &batch_output);
    emscripten::function("_batchRecordRows", &batch_record_rows);
    emscripten::function("_batchCheckRows", &batch_check_rows);
    emscripten::function("_batchSummary", &batch_summary);
    emscripten::function("_mapColumns", &map_columns);
}
