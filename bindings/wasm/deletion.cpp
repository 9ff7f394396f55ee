// embind adapter of seamid/deletion/*.hpp; its wire is written down in PROTOCOL.md ("Deletion"): requests are
// UTF-8 JSON text in the input buffer (a plan planDeletion just made goes into a progress by its cache generation), answers are JSON
// text from the core's writers handed out as a byte view (plans in their compact form), and an API result is
// answered with one number. Progress objects live in a table of handles > 0.
#include <emscripten/bind.h>
#include <emscripten/emscripten.h>
#include <emscripten/val.h>

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
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

/// Live progress objects; handle h is slot h - 1 (0 is never a handle), a slot is null once disposed.
std::vector<std::unique_ptr<seamid::deletion_progress>>& progress_table() {
    static std::vector<std::unique_ptr<seamid::deletion_progress>> table;
    return table;
}

seamid::deletion_progress* progress_at(int handle) {
    auto& table = progress_table();
    if (handle < 1 || static_cast<std::size_t>(handle) > table.size()) return nullptr;
    return table[static_cast<std::size_t>(handle) - 1].get();
}

/// Appends `number` in decimal (no temporary string: answers list thousands of numbers).
void append_number(std::string& out, std::size_t number) {
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, number).ptr;
    out.append(digits, end);
}

/// Appends `names` as a JSON array of strings.
template <typename Names>
void append_names(std::string& out, const Names& names) {
    out += '[';
    for (std::size_t i = 0; i < std::size(names); ++i) {
        if (i > 0) out += ", ";
        seamid::detail::append_json_string(out, names[i]);
    }
    out += ']';
}

/// The core's tables the JS wrapper reads instead of mirroring them (PROTOCOL.md: _deletionTables).
std::string deletion_tables() {
    std::string out = "{\"kinds\": [";
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
    out += "], \"orders\": ";
    append_names(out, std::array{seamid::order_name(seamid::deletion_order::parallel), seamid::order_name(seamid::deletion_order::guide)});
    out += ", \"policies\": ";
    append_names(out, std::array{seamid::policy_name(seamid::deletion_policy::guide), seamid::policy_name(seamid::deletion_policy::minimal)});
    out += ", \"formats\": ";
    append_names(out, seamid::plan_format_names);
    out += ", \"result_outcomes\": ";
    append_names(out, seamid::result_outcome_names);
    out += ", \"event_outcomes\": ";
    append_names(out, seamid::event_outcome_names);
    out += ", \"ignore_reasons\": ";
    append_names(out, seamid::ignore_reason_names);
    return out + "}";
}

/// The last plan plan_deletion made (when ok), kept so that a progress of the unchanged plan object takes it as it
/// is instead of reading the plan back (the one fast way from a plan into a progress); one slot, replaced by the
/// next plan, consumed by the first progress made from it, freed when JS says its plan object is gone.
struct plan_cache {
    std::optional<seamid::deletion_plan> plan;
    int generation = 0;
};

plan_cache& cached_plan() {
    static plan_cache cache;
    return cache;
}

/// Plans from the snapshot JSON in the input buffer; answers the plan's compact JSON. An ok plan is cached
/// (see _planCacheGeneration).
std::string plan_deletion(unsigned length, int order, int policy, double max_resources) {
    seamid::deletion_options options;
    options.order = order == 1 ? seamid::deletion_order::guide : seamid::deletion_order::parallel;
    options.policy = policy == 1 ? seamid::deletion_policy::minimal : seamid::deletion_policy::guide;
    if (max_resources >= 0) options.limits.max_resources = static_cast<std::size_t>(max_resources);
    auto& cache = cached_plan();
    cache.plan.reset();  // free the previous plan before planning
    ++cache.generation;
    auto plan = seamid::plan_deletion(input_view(length), options);
    auto out = seamid::deletion_plan_to_compact_json(plan);
    if (plan.ok()) {
        // What read_deletion_plan gives for this plan's JSON: the same steps, dependencies, waves, notes and
        // counts; a read plan has no issues and default limits.
        plan.issues.clear();
        plan.options.limits = {};
        cache.plan = std::move(plan);
    }
    return out;
}

/// The generation of the plan plan_deletion cached last, or -1 when it cached none (the JS wrapper ties it to
/// the plan object it returned).
int plan_cache_generation() { return cached_plan().plan ? cached_plan().generation : -1; }

/// Frees the cached plan of `generation` (its plan object was garbage-collected).
void plan_cache_release(int generation) {
    if (cached_plan().generation == generation) cached_plan().plan.reset();
}

/// Renders the plan JSON in the input buffer in plan_format `format`; answers the rendering as a JSON string.
std::string render_plan(unsigned length, int format) {
    std::string out;
    seamid::detail::append_json_string(out, seamid::render_deletion_plan(input_view(length), static_cast<seamid::plan_format>(format >= 0 && format <= 3 ? format : 0)));
    return out;
}

/// Stores a progress of `plan`; answers {"handle", "issues", "step_ids"}: the core's step ids in its order, or
/// null when `same_order` (the plan object's own, in its order: the caller has them already).
std::string store_progress(seamid::deletion_plan plan, double started_at_ms, double margin_ms, bool same_order = false) {
    seamid::progress_options options;
    options.started_at_ms = static_cast<std::int64_t>(started_at_ms);
    if (margin_ms >= 0) options.since_margin_ms = static_cast<std::int64_t>(margin_ms);
    auto progress = std::make_unique<seamid::deletion_progress>(std::move(plan), options);
    auto& table = progress_table();
    std::size_t slot = 0;
    while (slot < table.size() && table[slot]) ++slot;
    if (slot == table.size()) table.emplace_back();
    std::string out = "{\"handle\": ";
    append_number(out, slot + 1);
    out += ", \"issues\": " + seamid::issues_json_text(progress->plan().issues) + ", \"step_ids\": ";
    if (same_order) {
        out += "null}";
    } else {
        out += '"';
        const auto& steps = progress->plan().steps;
        const std::size_t ids_at = out.size();
        out.resize(ids_at + 36 * steps.size());
        for (std::size_t s = 0; s < steps.size(); ++s) seamid::write_uuid(out.data() + ids_at + 36 * s, steps[s].id);
        out += "\"}";
    }
    table[slot] = std::move(progress);
    return out;
}

/// Creates a progress from the plan JSON in the input buffer. Answers store_progress's JSON (always with step ids), or
/// {"handle": 0, "issues": [...]} for a plan that cannot run.
std::string progress_create(unsigned length, double started_at_ms, double margin_ms) {
    auto plan = seamid::read_deletion_plan(input_view(length));
    if (!plan.ok()) return "{\"handle\": 0, \"issues\": " + seamid::issues_json_text(plan.issues) + "}";
    return store_progress(std::move(plan), started_at_ms, margin_ms);
}

/// Creates a progress from the cached plan of `generation` (which it consumes): the plan object planDeletion returned,
/// unchanged. Answers store_progress's JSON (step ids null: the plan object's order), or null when that plan is no
/// longer cached (then send the plan JSON).
std::string progress_create_cached(int generation, double started_at_ms, double margin_ms) {
    auto& cache = cached_plan();
    if (!cache.plan || cache.generation != generation) return "null";
    auto plan = std::move(*cache.plan);
    cache.plan.reset();
    return store_progress(std::move(plan), started_at_ms, margin_ms, true);
}

/// The issues of the last result answered with its issues flag (JSON).
std::string& last_issues() {
    static std::string issues;
    return issues;
}

/// A result outcome as one number: outcome index (result_outcomes) + 8 when it has issues (then read
/// _progressLastIssues) + 16 * (step index + 1).
double result_answer(const seamid::deletion_progress& progress, const seamid::result_outcome& outcome) {
    const bool has_step = outcome.step < progress.plan().steps.size();
    if (!outcome.issues.empty()) last_issues() = seamid::issues_json_text(outcome.issues);
    return static_cast<double>(seamid::name_index(seamid::result_outcome_names, outcome.outcome)) + (outcome.issues.empty() ? 0 : 8) +
           16.0 * (has_step ? outcome.step + 1.0 : 0.0);
}

/// Applies Seam's response to the call of a step: the input buffer holds the step id (`id_length` bytes), then
/// requested_at (RFC 3339, `at_length` bytes, may be empty), then the response JSON, `length` bytes in all.
/// Answers result_answer's number.
double progress_apply_result(int handle, unsigned id_length, unsigned at_length, unsigned length) {
    auto* progress = progress_at(handle);
    const auto text = input_view(length);
    if (progress == nullptr || id_length + at_length > text.size()) return -1;
    return result_answer(*progress, seamid::apply_result_json(*progress, text.substr(0, id_length), text.substr(id_length + at_length),
                                                              text.substr(id_length, at_length)));
}

/// The typed way in for the result a run receives once per step, a success: `step` is the step's index (the order
/// of the create answer's step ids), `requested_at_ms` is NaN when unknown. Answers result_answer's number; -2
/// when the plan has no such step (send the result as JSON then: its answer says why).
double progress_apply_success(int handle, double step, double requested_at_ms) {
    auto* progress = progress_at(handle);
    if (progress == nullptr) return -1;
    if (!(step >= 0 && step < static_cast<double>(progress->plan().steps.size()))) return -2;
    std::optional<std::int64_t> at;
    if (!std::isnan(requested_at_ms)) at = static_cast<std::int64_t>(requested_at_ms);
    return result_answer(*progress, progress->apply_result(static_cast<std::uint32_t>(step), std::nullopt, at));
}

std::string progress_last_issues() { return last_issues(); }

/// Applies the events JSON in the input buffer. Answers {"outcomes": [...], "texts": [...], "issues": [...]}
/// with five numbers per event: outcome (event_outcomes), reason (ignore_reasons), step index + 1 (0: none),
/// event_type (an index into texts), event_id (an index into texts + 1; 0: none). A tenth of the outcome
/// objects' JSON for the list of thousands of events a wave confirms.
std::string progress_apply_events(int handle, unsigned length) {
    auto* progress = progress_at(handle);
    if (progress == nullptr) return "null";
    std::vector<seamid::issue> issues;
    // The texts the outcomes name, owned: an event's texts live only during its callback. Event types repeat (looked
    // for among the last few texts), event ids do not.
    std::vector<std::string> texts;
    const auto text_index = [&texts](std::string_view text) {
        for (std::size_t i = texts.size(); i > 0 && i + 4 > texts.size(); --i)
            if (texts[i - 1] == text) return i - 1;
        texts.emplace_back(text);
        return texts.size() - 1;
    };
    std::vector<std::uint32_t> numbers;  // five per event
    const std::size_t steps = progress->plan().steps.size();
    seamid::apply_event_verdicts_json(*progress, input_view(length), issues, [&](const seamid::deletion_event& event, const auto& verdict) {
        numbers.push_back(static_cast<std::uint32_t>(seamid::name_index(seamid::event_outcome_names, verdict.outcome)));
        numbers.push_back(static_cast<std::uint32_t>(seamid::name_index(seamid::ignore_reason_names, verdict.reason)));
        numbers.push_back(verdict.step < steps ? verdict.step + 1 : 0);
        numbers.push_back(static_cast<std::uint32_t>(text_index(event.event_type)));
        numbers.push_back(event.event_id ? static_cast<std::uint32_t>(text_index(seamid::to_string(*event.event_id)) + 1) : 0);
    });
    // The numbers are written through a pointer into room reserved at once (per-char appends call libc++'s
    // out-of-line append).
    std::string out = "{\"outcomes\": [";
    const std::size_t numbers_at = out.size();
    out.resize(numbers_at + 11 * numbers.size());
    char* at = out.data() + numbers_at;
    for (std::size_t n = 0; n < numbers.size(); ++n) {
        if (n > 0) *at++ = ',';
        at = std::to_chars(at, at + 10, numbers[n]).ptr;
    }
    out.resize(static_cast<std::size_t>(at - out.data()));
    out += "], \"texts\": [";
    for (std::size_t i = 0; i < texts.size(); ++i) {
        if (i > 0) out += ", ";
        seamid::detail::append_json_string(out, texts[i]);
    }
    return out + "], \"issues\": " + seamid::issues_json_text(issues) + "}";
}

/// The runnable steps (indexes in the order of the create answer's step_ids, ascending) as a JSON array of runs
/// (write_json_runs) of `index - position`: consecutive indexes share that value, and a wave's steps are
/// consecutive, so a run of 10,000 steps is two numbers.
std::string progress_runnable(int handle) {
    auto* progress = progress_at(handle);
    if (progress == nullptr) return "null";
    const auto runnable = progress->runnable();
    std::string out(2 + 22 * runnable.size(), '\0');
    char* at = out.data();
    *at++ = '[';
    at = seamid::write_json_runs(at, runnable.size(), [&runnable](std::size_t i) { return runnable[i] - i; });
    *at++ = ']';
    out.resize(static_cast<std::size_t>(at - out.data()));
    return out;
}

/// 1 done + 2 identity deletable; -1 for a disposed handle.
int progress_flags(int handle) {
    auto* progress = progress_at(handle);
    if (progress == nullptr) return -1;
    return (progress->done() ? 1 : 0) | (progress->identity_deletable() ? 2 : 0);
}

std::string progress_next_query(int handle) {
    auto* progress = progress_at(handle);
    return progress == nullptr ? "null" : seamid::event_query_to_json(progress->next_event_query());
}

std::string progress_state(int handle) {
    auto* progress = progress_at(handle);
    return progress == nullptr ? "null" : seamid::progress_to_json(*progress);
}

void progress_dispose(int handle) {
    if (progress_at(handle) != nullptr) progress_table()[static_cast<std::size_t>(handle) - 1].reset();
}

/// Number of live progress objects (lets tests check that dispose() frees).
int progress_live() {
    int live = 0;
    for (const auto& entry : progress_table()) live += entry ? 1 : 0;
    return live;
}

/// The last JSON answer; JS decodes it before its next call.
std::string& answer_text() {
    static std::string text;
    return text;
}

/// Registers a JSON-answering function so that its answer goes out as a Uint8Array view of answer_text() (embind's
/// own string return reads the text byte by byte in JS, several times slower for a large plan or event list).
template <auto function>
struct answered;
template <typename... Args, std::string (*function)(Args...)>
struct answered<function> {
    static emscripten::val call(Args... args) {
        answer_text() = function(args...);
        return emscripten::val(emscripten::typed_memory_view(answer_text().size(), reinterpret_cast<const unsigned char*>(answer_text().data())));
    }
};

}  // namespace
}  // namespace seamid_wasm

/// progress_apply_success as a plain wasm export: one call per step of a run, without embind's invoker.
extern "C" EMSCRIPTEN_KEEPALIVE double seamid_deletion_apply_success(int handle, double step, double requested_at_ms) {
    return seamid_wasm::progress_apply_success(handle, step, requested_at_ms);
}

EMSCRIPTEN_BINDINGS(seamid_deletion) {
    emscripten::function("_deletionTables", &seamid_wasm::answered<&seamid_wasm::deletion_tables>::call);
    emscripten::function("_planDeletion", &seamid_wasm::answered<&seamid_wasm::plan_deletion>::call);
    emscripten::function("_renderDeletionPlan", &seamid_wasm::answered<&seamid_wasm::render_plan>::call);
    emscripten::function("_progressCreate", &seamid_wasm::answered<&seamid_wasm::progress_create>::call);
    emscripten::function("_progressCreateCached", &seamid_wasm::answered<&seamid_wasm::progress_create_cached>::call);
    emscripten::function("_planCacheGeneration", &seamid_wasm::plan_cache_generation);
    emscripten::function("_planCacheRelease", &seamid_wasm::plan_cache_release);
    emscripten::function("_progressApplyResult", &seamid_wasm::progress_apply_result);
    emscripten::function("_progressLastIssues", &seamid_wasm::answered<&seamid_wasm::progress_last_issues>::call);
    emscripten::function("_progressApplyEvents", &seamid_wasm::answered<&seamid_wasm::progress_apply_events>::call);
    emscripten::function("_progressRunnable", &seamid_wasm::answered<&seamid_wasm::progress_runnable>::call);
    emscripten::function("_progressFlags", &seamid_wasm::progress_flags);
    emscripten::function("_progressNextQuery", &seamid_wasm::answered<&seamid_wasm::progress_next_query>::call);
    emscripten::function("_progressState", &seamid_wasm::answered<&seamid_wasm::progress_state>::call);
    emscripten::function("_progressDispose", &seamid_wasm::progress_dispose);
    emscripten::function("_progressLive", &seamid_wasm::progress_live);
}
