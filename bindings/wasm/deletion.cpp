// embind adapter of seamid/deletion_*.hpp: JSON text in, JSON text out. Progress objects live in a native
// table addressed by plain integer handles that the JS wrapper keeps private and frees in dispose().
#include <emscripten/bind.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "seamid/deletion_plan.hpp"
#include "seamid/deletion_progress.hpp"
#include "seamid/deletion_render.hpp"

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

/// Plans from snapshot JSON. order/policy: 0 = parallel/guide, 1 = guide/minimal. format: 0 json, 1 text,
/// 2 curl, 3 js. Returns the rendering (JSON plan for format 0).
std::string plan_deletion(const std::string& snapshot, int order, int policy, double max_resources, int format) {
    seamid::deletion_options options;
    options.order = order == 1 ? seamid::deletion_order::guide : seamid::deletion_order::parallel;
    options.policy = policy == 1 ? seamid::deletion_policy::minimal : seamid::deletion_policy::guide;
    if (max_resources >= 0) options.limits.max_resources = static_cast<std::size_t>(max_resources);
    const auto plan = seamid::plan_deletion(snapshot, options);
    switch (format) {
        case 1: return seamid::deletion_plan_to_text(plan);
        case 2: return seamid::deletion_plan_to_curl(plan);
        case 3: return seamid::deletion_plan_to_js(plan);
        default: return seamid::deletion_plan_to_json(plan);
    }
}

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

/// Creates a progress from plan JSON. Returns {"handle": n, "issues": []} or {"handle": -1, "issues": [...]}.
std::string progress_create(const std::string& plan_json, double started_at_ms, double margin_ms) {
    auto plan = seamid::read_deletion_plan(plan_json);
    if (!plan.ok()) return "{\"handle\": -1, \"issues\": " + seamid::dump_json(seamid::issues_to_json(plan.issues)) + "}";
    seamid::progress_options options;
    options.started_at_ms = static_cast<std::int64_t>(started_at_ms);
    if (margin_ms >= 0) options.since_margin_ms = static_cast<std::int64_t>(margin_ms);
    auto& table = progress_table();
    std::size_t slot = 0;
    while (slot < table.size() && table[slot]) ++slot;
    if (slot == table.size()) table.emplace_back();
    table[slot] = std::make_unique<seamid::deletion_progress>(std::move(plan), options);
    return "{\"handle\": " + std::to_string(slot) + ", \"issues\": []}";
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

/// The runnable step ids as a JSON array.
std::string progress_runnable(int handle) {
    auto* progress = progress_at(handle);
    if (progress == nullptr) return "null";
    std::string out = "[";
    bool first = true;
    for (const auto step : progress->runnable()) {
        if (!first) out += ", ";
        first = false;
        seamid::detail::append_json_uuid(out, progress->plan().steps[step].id);
    }
    return out + "]";
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

EMSCRIPTEN_BINDINGS(seamid_deletion) {
    emscripten::function("_planDeletion", &seamid_wasm::plan_deletion);
    emscripten::function("_renderDeletionPlan", &seamid_wasm::render_plan);
    emscripten::function("_progressCreate", &seamid_wasm::progress_create);
    emscripten::function("_progressApplyEvents", &seamid_wasm::progress_apply_events);
    emscripten::function("_progressApplyResult", &seamid_wasm::progress_apply_result);
    emscripten::function("_progressRunnable", &seamid_wasm::progress_runnable);
    emscripten::function("_progressFlags", &seamid_wasm::progress_flags);
    emscripten::function("_progressNextQuery", &seamid_wasm::progress_next_query);
    emscripten::function("_progressState", &seamid_wasm::progress_state);
    emscripten::function("_progressDispose", &seamid_wasm::progress_dispose);
    emscripten::function("_progressLive", &seamid_wasm::progress_live);
}
