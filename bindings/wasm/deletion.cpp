// embind adapter of seamid/deletion_*.hpp: JSON text in, JSON text out, plus compact fast paths for the hot
// calls (a plan's steps as arrays, step indexes, events as fixed-width records or as text answered with numbers)
// so that large plans never go through JSON. Progress objects live in a native table addressed by plain integer handles that the JS
// wrapper keeps private and frees in dispose().
#include <emscripten/bind.h>
#include <emscripten/emscripten.h>
#include <emscripten/val.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "seamid/deletion/plan.hpp"
#include "seamid/deletion/progress.hpp"
#include "seamid/deletion/render.hpp"
#include "scratch.hpp"

namespace seamid_wasm {
namespace {

/// Live progress objects; a slot is null once disposed.
std::vector<std::unique_ptr<seamid::deletion_progress>>& progress_table() {
    static std::vector<std::unique_ptr<seamid::deletion_progress>> table;
    return table;
}

seamid::deletion_progress* progress_at(int handle) {
    auto& table = progress_table();
    if (handle < 0 || static_cast<std::size_t>(handle) >= table.size()) return nullptr;
    return table[static_cast<std::size_t>(handle)].get();
}

/// The resource kinds, in resource_kind order: [{name, action, endpoint, id_field, event_type}] (JSON).
std::string deletion_kinds() {
    std::string out = "[";
    for (unsigned k = 0; k <= seamid::attached_kind_count; ++k) {
        const auto& info = seamid::kind_info(static_cast<seamid::resource_kind>(k));
        out += k == 0 ? "{\"name\": " : ", {\"name\": ";
        seamid::detail::append_json_string(out, info.name);
        out += ", \"action\": ";
        seamid::detail::append_json_string(out, info.action);
        out += ", \"endpoint\": ";
        seamid::detail::append_json_string(out, info.endpoint);
        out += ", \"id_field\": ";
        seamid::detail::append_json_string(out, info.id_field);
        out += ", \"event_type\": ";
        seamid::detail::append_json_string(out, info.event_type);
        out += '}';
    }
    return out + "]";
}

/// The last plan planDeletion made (when ok), kept so that createDeletionProgress on the unchanged plan object
/// takes it as it is instead of reading the plan back; one slot, replaced by the next plan, consumed by the
/// first progress made from it.
struct plan_cache {
    std::optional<seamid::deletion_plan> plan;
    int generation = 0;
};

plan_cache& cached_plan() {
    static plan_cache cache;
    return cache;
}

/// The last plan in binary form (see plan_deletion_binary), read by JS through views of wasm memory and
/// released right after; 32-bit words, so every part can start on a 4-byte boundary.
std::vector<std::uint32_t>& plan_words() {
    static std::vector<std::uint32_t> words;
    return words;
}

/// Where the parts of plan_words() are (wasm addresses): header JSON address and length, step ids address
/// (36 lower-case ASCII bytes per step), step count, kinds address (one byte per step: resource_kind),
/// waves address (u32 per step), dependency starts address (u32 per step, plus the total), dependencies
/// address (u32 step indexes) and count.
std::array<std::uint32_t, 9>& plan_layout() {
    static std::array<std::uint32_t, 9> layout{};
    return layout;
}

/// Plans like plan_deletion (format 0) from the snapshot in the input buffer, and hands the plan to JS in
/// binary: the plan JSON with empty "steps" and "waves" (the header), then per step its id, kind, wave and
/// dependencies (step indexes) in arrays the JS wrapper reads as they are. Returns plan_layout() as a
/// Uint32Array view. The JS wrapper builds the step objects.
emscripten::val plan_deletion_binary(unsigned snapshot_length, int order, int policy, double max_resources) {
    const std::string_view snapshot = input_view(snapshot_length);  // UTF-8 written by wire.writeInput
    seamid::deletion_options options;
    options.order = order == 1 ? seamid::deletion_order::guide : seamid::deletion_order::parallel;
    options.policy = policy == 1 ? seamid::deletion_policy::minimal : seamid::deletion_policy::guide;
    if (max_resources >= 0) options.limits.max_resources = static_cast<std::size_t>(max_resources);
    auto& cache = cached_plan();
    cache.plan.reset();  // free the previous plan before planning
    ++cache.generation;
    auto plan = seamid::plan_deletion(snapshot, options);
    auto steps = std::move(plan.steps);
    plan.steps.clear();
    const std::string header = seamid::deletion_plan_to_json(plan);
    plan.steps = std::move(steps);

    const std::size_t count = plan.steps.size();
    std::size_t dependency_count = 0;
    for (const auto& step : plan.steps) dependency_count += step.deps_count;
    const auto words = [](std::size_t bytes) { return (bytes + 3) / 4; };
    const std::size_t ids_at = words(header.size()), kinds_at = ids_at + words(36 * count);
    const std::size_t waves_at = kinds_at + words(count), starts_at = waves_at + count;
    const std::size_t dependencies_at = starts_at + count + 1;
    auto& out = plan_words();
    out.assign(dependencies_at + dependency_count, 0);
    auto* bytes = reinterpret_cast<char*>(out.data());
    std::memcpy(bytes, header.data(), header.size());
    std::uint32_t next_dependency = 0;
    for (std::size_t s = 0; s < count; ++s) {
        const auto& step = plan.steps[s];
        seamid::write_uuid(bytes + 4 * ids_at + 36 * s, step.id);
        bytes[4 * kinds_at + s] = static_cast<char>(step.kind);
        out[waves_at + s] = step.wave;
        out[starts_at + s] = next_dependency;
        for (const auto d : plan.depends_on(s)) out[dependencies_at + next_dependency++] = d;
    }
    out[starts_at + count] = next_dependency;
    const auto address = [&out](std::size_t word) { return static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(out.data() + word)); };
    plan_layout() = {address(0), static_cast<std::uint32_t>(header.size()), address(ids_at), static_cast<std::uint32_t>(count),
                     address(kinds_at), address(waves_at), address(starts_at), address(dependencies_at), next_dependency};
    if (plan.ok()) {
        // What read_deletion_plan gives for this plan's JSON: the same steps, dependencies, waves, notes and
        // counts; a read plan has no issues and default limits.
        plan.issues.clear();
        plan.options.limits = {};
        cache.plan = std::move(plan);
    }
    return emscripten::val(emscripten::typed_memory_view(plan_layout().size(), plan_layout().data()));
}

/// Frees the binary plan once JS has read it.
void release_plan_words() { std::vector<std::uint32_t>().swap(plan_words()); }

/// Frees the cached plan of `generation` (its plan object was garbage-collected).
void plan_cache_release(int generation) {
    if (cached_plan().generation == generation) cached_plan().plan.reset();
}

/// The generation of the plan planDeletion made last (the JS wrapper ties it to the plan object it returned).
int plan_cache_generation() { return cached_plan().plan ? cached_plan().generation : -1; }

/// The issues of a plan planDeletion refused ({"ok": false, "issues": [...]}), read back; empty otherwise.
std::vector<seamid::issue> refused_plan_issues(const std::string& plan_json) {
    std::vector<seamid::issue> out;
    const auto parsed = seamid::parse_json(plan_json);
    const auto& value = parsed.value;
    if (!value.is_object()) return out;
    const auto ok = value.find("ok");
    const auto issues = value.find("issues");
    if (ok == value.end() || !ok->is_boolean() || ok->get<bool>() || issues == value.end() || !issues->is_array()) return out;
    for (const auto& entry : *issues) {
        if (!entry.is_object()) continue;
        seamid::issue found{{}, "invalid_plan", seamid::severity::error, "", std::nullopt};
        if (const auto* code = seamid::string_member(entry, "code")) found.code = *code;
        if (const auto* message = seamid::string_member(entry, "message")) found.message = *message;
        if (const auto* level = seamid::string_member(entry, "severity"))
            found.level = *level == "warning" ? seamid::severity::warning : *level == "info" ? seamid::severity::info : seamid::severity::error;
        const auto path = entry.find("path");
        if (path != entry.end() && path->is_array())
            for (const auto& element : *path) {
                if (element.is_string()) found.path.emplace_back(element.get<std::string>());
                else if (element.is_number_unsigned()) found.path.emplace_back(static_cast<std::size_t>(element.get<std::uint64_t>()));
            }
        out.push_back(std::move(found));
    }
    if (!seamid::has_errors(out)) out.clear();
    return out;
}

/// Renders plan JSON (e.g. a stored plan) in format 1 text, 2 curl, 3 js, 0 json. A refused plan renders as
/// its issues; JSON that is no plan gives {"issues": [...]}.
std::string render_plan(const std::string& plan_json, int format) {
    auto plan = seamid::read_deletion_plan(plan_json);
    if (!plan.ok()) {
        auto refused = refused_plan_issues(plan_json);
        if (refused.empty()) return "{\"issues\": " + seamid::dump_json(seamid::issues_to_json(plan.issues)) + "}";
        plan = seamid::deletion_plan{};
        plan.issues = std::move(refused);
    }
    switch (format) {
        case 1: return seamid::deletion_plan_to_text(plan);
        case 2: return seamid::deletion_plan_to_curl(plan);
        case 3: return seamid::deletion_plan_to_js(plan);
        default: return seamid::deletion_plan_to_json(plan);
    }
}

/// Puts a progress for `plan` into the first free slot of the handle table; returns the slot (the JS handle).
std::size_t store_progress(seamid::deletion_plan plan, double started_at_ms, double margin_ms) {
    seamid::progress_options options;
    options.started_at_ms = static_cast<std::int64_t>(started_at_ms);
    if (margin_ms >= 0) options.since_margin_ms = static_cast<std::int64_t>(margin_ms);
    auto& table = progress_table();
    std::size_t slot = 0;
    while (slot < table.size() && table[slot]) ++slot;
    if (slot == table.size()) table.emplace_back();
    table[slot] = std::make_unique<seamid::deletion_progress>(std::move(plan), options);
    return slot;
}

/// Creates a progress from plan JSON. Returns {"handle": n, "issues": []} or {"handle": -1, "issues": [...]}.
std::string progress_create(const std::string& plan_json, double started_at_ms, double margin_ms) {
    auto plan = seamid::read_deletion_plan(plan_json);
    if (!plan.ok()) return "{\"handle\": -1, \"issues\": " + seamid::dump_json(seamid::issues_to_json(plan.issues)) + "}";
    const std::size_t slot = store_progress(std::move(plan), started_at_ms, margin_ms);
    return "{\"handle\": " + std::to_string(slot) + ", \"issues\": []}";
}

/// Creates a progress from the cached plan of `generation` (which it consumes). Returns the handle, or -1 when
/// that plan is no longer cached (the caller then sends the plan).
int progress_create_cached(int generation, double started_at_ms, double margin_ms) {
    auto& cache = cached_plan();
    if (!cache.plan || cache.generation != generation) return -1;
    auto plan = std::move(*cache.plan);
    cache.plan.reset();
    return static_cast<int>(store_progress(std::move(plan), started_at_ms, margin_ms));
}

/// Creates a progress from a plan given compactly: `header` is the plan's JSON without its steps (an empty
/// "steps" array), `body` one record per step: 36-byte step id, TAB, resource name, TAB, wave, then
/// (TAB, 36-byte dependency id)*, LF. Returns the handle, or -1 when anything is off (the caller then uses
/// progress_create, which reports the exact issues).
int progress_create_compact(const std::string& header, unsigned body_length, double started_at_ms, double margin_ms) {
    const std::string body(input_view(body_length));  // copied: the header's reader does not touch the buffer, but stay safe
    seamid::deletion_plan plan;
    seamid::detail::plan_reader reader(plan.issues);
    if (!reader.run(header) || seamid::has_errors(plan.issues) || !reader.steps.empty()) return -1;
    const std::string_view text = body;
    std::size_t at = 0;
    auto read_id = [&](seamid::uuid128& id) {
        if (text.size() - at < 36 || !seamid::parse_uuid(text.substr(at, 36), id)) return false;
        at += 36;
        return true;
    };
    while (at < text.size()) {
        seamid::detail::plan_reader::raw_step step;
        step.index = reader.steps.size();
        step.deps_begin = static_cast<std::uint32_t>(reader.dependency_ids.size());
        if (!read_id(step.id) || at >= text.size() || text[at++] != '\t') return -1;
        const auto name_end = text.find('\t', at);
        if (name_end == std::string_view::npos) return -1;
        const auto kind = seamid::kind_from_name(text.substr(at, name_end - at));
        if (!kind) return -1;
        step.kind = *kind;
        at = name_end + 1;
        std::uint64_t wave = 0;
        const auto wave_start = at;
        while (at < text.size() && text[at] >= '0' && text[at] <= '9' && at - wave_start < 10) wave = wave * 10 + static_cast<unsigned>(text[at++] - '0');
        if (at == wave_start || wave > 0xFFFFFFF0u) return -1;
        step.wave = static_cast<std::uint32_t>(wave);
        step.has_id = step.has_kind = step.has_wave = true;
        while (at < text.size() && text[at] == '\t') {
            ++at;
            seamid::uuid128 dep;
            if (!read_id(dep)) return -1;
            reader.dependency_ids.push_back(dep);
            ++step.deps_count;
        }
        if (at >= text.size() || text[at++] != '\n') return -1;
        reader.steps.push_back(step);
    }
    reader.steps_seen = true;
    seamid::detail::assemble_plan(plan, reader);
    if (!plan.ok()) return -1;
    return static_cast<int>(store_progress(std::move(plan), started_at_ms, margin_ms));
}

/// Numbers handed to JS as a Uint32Array view (JS copies it before the next call).
std::vector<std::uint32_t>& number_buffer() {
    static std::vector<std::uint32_t> buffer;
    return buffer;
}

emscripten::val number_view() {
    return emscripten::val(emscripten::typed_memory_view(number_buffer().size(), number_buffer().data()));
}

/// The runnable steps as indexes into the plan's steps (sorted by wave), as a Uint32Array view.
emscripten::val progress_runnable_indexes(int handle) {
    auto* progress = progress_at(handle);
    number_buffer().clear();
    if (progress != nullptr) number_buffer() = progress->runnable();
    return number_view();
}

constexpr std::string_view result_outcomes[] = {"issued", "confirmed", "gone", "failed", "already_confirmed", "already_issued", "rejected"};

/// The issues of the last result applied by index (JSON), read by the wrapper when the outcome code says so.
std::string& last_result_issues() {
    static std::string issues;
    return issues;
}

/// Applies a successful API result to step `step` (requested_at_ms: NaN when unknown). Returns the outcome's
/// index in result_outcomes, plus 16 when it has issues (then read progress_last_result_issues).
int apply_success(seamid::deletion_progress& progress, std::uint32_t step, double requested_at_ms) {
    std::optional<std::int64_t> at;
    if (requested_at_ms == requested_at_ms) at = static_cast<std::int64_t>(requested_at_ms);
    const auto outcome = progress.apply_result(step, std::nullopt, at);
    int code = 6;
    for (int i = 0; i < 7; ++i)
        if (result_outcomes[i] == outcome.outcome) code = i;
    if (outcome.issues.empty()) return code;
    last_result_issues() = seamid::dump_json(seamid::issues_to_json(outcome.issues));
    return code + 16;
}

std::vector<unsigned char>& record_buffer();

/// Applies a successful API result (requested_at_ms: NaN when unknown) to the step whose id JS wrote as the first 36 bytes of the record buffer (any
/// case). Returns the outcome code + 32 * the step index; -2 when no step has that id (the caller then takes
/// the JSON path, which says why); -1 for a disposed handle.
double progress_apply_success_id(int handle, double requested_at_ms) {
    auto* progress = progress_at(handle);
    if (progress == nullptr) return -1;
    const auto& buffer = record_buffer();
    if (buffer.size() < 36) return -2;
    const auto step = progress->find_step(std::string_view(reinterpret_cast<const char*>(buffer.data()), 36));
    if (!step) return -2;
    return apply_success(*progress, *step, requested_at_ms) + 32.0 * *step;
}

std::string progress_last_result_issues() { return last_result_issues(); }

constexpr std::string_view event_outcomes[] = {"confirmed", "already_confirmed", "duplicate", "ignored"};
constexpr std::string_view ignore_reasons[] = {"", "unknown_event_type", "unknown_resource", "event_type_mismatch", "other_workspace", "missing_resource_id", "not_an_object"};

/// The buffer JS writes event records into (bytes, as a Uint8Array view of at least `size` bytes; the view is
/// valid until the module's memory grows).
std::vector<unsigned char>& record_buffer() {
    static std::vector<unsigned char> buffer;
    return buffer;
}

emscripten::val event_record_buffer(unsigned size) {
    auto& buffer = record_buffer();
    if (buffer.size() < size) buffer.resize(size);
    return emscripten::val(emscripten::typed_memory_view(buffer.size(), buffer.data()));
}

/// An event whose type the binding has already matched to a resource kind (both compact paths know it).
struct typed_event {
    seamid::deletion_event event;
    seamid::resource_kind kind;
};

/// Applies `events` in order and answers with two numbers per event in the number buffer: outcome | reason << 4
/// | (event_id valid) << 8 | kind << 9, and the step index (0xFFFFFFFF for none). With `write_event_ids`, the
/// valid event ids are also written into the record buffer, 36 lower-case bytes each in event order.
emscripten::val answer_events(seamid::deletion_progress& progress, const std::vector<typed_event>& events, bool write_event_ids) {
    auto& out = number_buffer();
    out.reserve(events.size() * 2);
    auto& buffer = record_buffer();
    std::size_t id_bytes = 0;
    for (const auto& [event, kind] : events) {
        const auto outcome = progress.apply_event_verdict(event, kind);  // JS has or gets the event's texts: no strings built
        std::uint32_t code = 3, reason = 0;
        for (std::uint32_t i = 0; i < 4; ++i)
            if (event_outcomes[i] == outcome.outcome) code = i;
        for (std::uint32_t i = 0; i < 7; ++i)
            if (ignore_reasons[i] == outcome.reason) reason = i;
        out.push_back(code | reason << 4 | (event.event_id ? 256u : 0u) | static_cast<std::uint32_t>(kind) << 9);
        out.push_back(outcome.step);
        if (write_event_ids && event.event_id) {
            if (buffer.size() < id_bytes + 36) buffer.resize(id_bytes + 36);  // JS's recordBytes(36 * n) then fetches a new view
            seamid::write_uuid(reinterpret_cast<char*>(buffer.data()) + id_bytes, *event.event_id);
            id_bytes += 36;
        }
    }
    return number_view();
}

/// Applies events given as fixed-width records (written by JS into the record buffer): the kind digit ('0' + resource_kind) of the event type, then
/// for event_id, workspace_id and the kind's id field either '-' (absent or not a string) or '=' and 36
/// bytes. Answers as answer_events (without event id texts: JS has them). An empty view for an empty or
/// unusable record list (a non-ASCII id shifts the records): then nothing was applied and the wrapper uses
/// the JSON path.
emscripten::val progress_apply_event_records(int handle, unsigned records_length) {
    auto& buffer = record_buffer();
    const std::string_view records(reinterpret_cast<const char*>(buffer.data()), records_length < buffer.size() ? records_length : buffer.size());
    number_buffer().clear();
    auto* progress = progress_at(handle);
    if (progress == nullptr) return number_view();
    std::vector<typed_event> events;
    const std::string_view text = records;
    std::size_t at = 0;
    events.reserve(text.size() / 40);
    auto read = [&](std::optional<seamid::uuid128>& id) {
        if (at >= text.size()) return false;
        if (text[at] == '-') return ++at, true;
        if (text[at] != '=' || text.size() - at < 37) return false;
        const auto field = text.substr(at + 1, 36);
        seamid::uuid128 parsed;
        if (seamid::parse_uuid(field, parsed)) id = parsed;
        else
            for (const char c : field)
                if (static_cast<unsigned char>(c) >= 0x80) return false;  // not 36 bytes of text: records shifted
        at += 37;
        return true;
    };
    while (at < text.size()) {
        const int kind = text[at++] - '0';
        if (kind < 0 || kind >= static_cast<int>(seamid::attached_kind_count)) return number_view();
        const auto resource = static_cast<seamid::resource_kind>(kind);
        seamid::deletion_event event{seamid::kind_info(resource).event_type, std::nullopt, std::nullopt, std::nullopt};
        if (!read(event.event_id) || !read(event.workspace_id) || !read(event.resource_id)) return number_view();
        events.push_back({event, resource});
    }
    return answer_events(*progress, events, false);
}

/// Applies events given as JSON text (UTF-8, `length` bytes written by JS into the input buffer: one event,
/// an array, or an /events/list response). Answers as answer_events, with the event id texts. An empty view
/// when the text is empty of events or needs the JSON path (malformed, or an event that is not an object or
/// whose event_type is not a deletion event, which the JSON path reports with its own text): then nothing
/// was applied.
emscripten::val progress_apply_events_text(int handle, unsigned length) {
    number_buffer().clear();
    auto* progress = progress_at(handle);
    if (progress == nullptr) return number_view();
    const auto text = input_view(length);
    seamid::detail::event_reader reader;
    if (!reader.run(text)) return number_view();
    const auto raws = reader.take();
    std::vector<typed_event> events;
    events.reserve(raws.size());
    for (const auto& raw : raws) {
        const auto kind = raw.is_object ? seamid::kind_from_event_type(raw.event_type) : std::nullopt;
        if (!kind) return number_view();
        events.push_back({{seamid::kind_info(*kind).event_type, raw.ids[static_cast<std::size_t>(*kind)], raw.event_id, raw.workspace_id}, *kind});
    }
    return answer_events(*progress, events, true);
}

/// Applies events JSON; returns {"outcomes": [...], "issues": [...]}.
std::string progress_apply_events(int handle, const std::string& events_json) {
    auto* progress = progress_at(handle);
    if (progress == nullptr) return "null";
    std::vector<seamid::issue> issues;
    const auto outcomes = seamid::apply_events_json(*progress, events_json, issues);
    std::string out = "{\"outcomes\": [";
    for (std::size_t i = 0; i < outcomes.size(); ++i) {
        if (i > 0) out += ", ";
        seamid::append_event_outcome(out, *progress, outcomes[i]);
    }
    out += "], \"issues\": " + seamid::dump_json(seamid::issues_to_json(issues)) + "}";
    return out;
}

/// Applies one API result; returns the outcome JSON.
std::string progress_apply_result(int handle, const std::string& step_id, const std::string& response_json, const std::string& requested_at) {
    auto* progress = progress_at(handle);
    if (progress == nullptr) return "null";
    return seamid::result_outcome_to_json(*progress, seamid::apply_result_json(*progress, step_id, response_json, requested_at));
}

/// 1 done, 2 identity deletable, 0 neither; -1 for a disposed handle.
int progress_flags(int handle) {
    auto* progress = progress_at(handle);
    if (progress == nullptr) return -1;
    return (progress->done() ? 1 : 0) | (progress->identity_deletable() ? 2 : 0);
}

std::string progress_next_query(int handle) {
    auto* progress = progress_at(handle);
    if (progress == nullptr) return "null";
    return seamid::event_query_to_json(progress->next_event_query());
}

std::string progress_state(int handle) {
    auto* progress = progress_at(handle);
    if (progress == nullptr) return "null";
    return seamid::progress_to_json(*progress);
}

void progress_dispose(int handle) {
    auto& table = progress_table();
    if (handle >= 0 && static_cast<std::size_t>(handle) < table.size()) table[static_cast<std::size_t>(handle)].reset();
}

/// Number of live progress objects (lets tests check that dispose() frees).
int progress_live() {
    int live = 0;
    for (const auto& entry : progress_table()) live += entry ? 1 : 0;
    return live;
}

}  // namespace
}  // namespace seamid_wasm

/// progress_apply_success_id as a plain wasm export (no embind invoker: applyResult is called once per step).
extern "C" EMSCRIPTEN_KEEPALIVE double seamid_deletion_apply_success_id(int handle, double requested_at_ms) {
    return seamid_wasm::progress_apply_success_id(handle, requested_at_ms);
}

/// Applies a successful API result to step `step` (an index the wrapper found by the step's id): the outcome
/// code + 32 * the step index; -2 for an index outside the plan; -1 for a disposed handle.
extern "C" EMSCRIPTEN_KEEPALIVE double seamid_deletion_apply_success_index(int handle, unsigned step, double requested_at_ms) {
    auto* progress = seamid_wasm::progress_at(handle);
    if (progress == nullptr) return -1;
    if (step >= progress->plan().steps.size()) return -2;
    return seamid_wasm::apply_success(*progress, step, requested_at_ms) + 32.0 * step;
}

EMSCRIPTEN_BINDINGS(seamid_deletion) {
    emscripten::function("_renderDeletionPlan", &seamid_wasm::render_plan);
    emscripten::function("_progressCreate", &seamid_wasm::progress_create);
    emscripten::function("_progressApplyEvents", &seamid_wasm::progress_apply_events);
    emscripten::function("_progressApplyResult", &seamid_wasm::progress_apply_result);
    emscripten::function("_progressFlags", &seamid_wasm::progress_flags);
    emscripten::function("_progressNextQuery", &seamid_wasm::progress_next_query);
    emscripten::function("_progressState", &seamid_wasm::progress_state);
    emscripten::function("_progressDispose", &seamid_wasm::progress_dispose);
    emscripten::function("_progressLive", &seamid_wasm::progress_live);
    emscripten::function("_deletionKinds", &seamid_wasm::deletion_kinds);
    emscripten::function("_planDeletionBinary", &seamid_wasm::plan_deletion_binary);
    emscripten::function("_progressCreateCompact", &seamid_wasm::progress_create_compact);
    emscripten::function("_progressRunnableIndexes", &seamid_wasm::progress_runnable_indexes);
    emscripten::function("_releasePlanWords", &seamid_wasm::release_plan_words);
    emscripten::function("_progressLastResultIssues", &seamid_wasm::progress_last_result_issues);
    emscripten::function("_progressApplyEventRecords", &seamid_wasm::progress_apply_event_records);
    emscripten::function("_progressApplyEventsText", &seamid_wasm::progress_apply_events_text);
    emscripten::function("_eventRecordBuffer", &seamid_wasm::event_record_buffer);
    emscripten::function("_planCacheGeneration", &seamid_wasm::plan_cache_generation);
    emscripten::function("_planCacheRelease", &seamid_wasm::plan_cache_release);
    emscripten::function("_progressCreateCached", &seamid_wasm::progress_create_cached);
}
