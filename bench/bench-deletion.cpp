// Deletion planning benchmarks: plan + full progress replay for an identity with 100 ACS users x 100
// credentials, 50 phones and 50 client sessions (x1, x10, x100), typed and through JSON text.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <string>
#include <vector>

#include "seamid/deletion_plan.hpp"
#include "seamid/deletion_progress.hpp"

namespace {

std::string id(unsigned prefix, unsigned n) {
    char text[37];
    std::snprintf(text, sizeof text, "%08x-0000-4000-8000-%012u", prefix, n);
    return text;
}

/// The benchmark identity scaled by `scale`: 100*scale ACS users with 100 credentials each, 50*scale phones and client sessions.
std::string snapshot_json(unsigned scale) {
    const std::string workspace = "5f9b5e1a-7c2d-4e3f-8a1b-2c3d4e5f6a7b", identity = "22222222-2222-2222-2222-222222222222";
    std::string out = "{\"user_identity\": {\"user_identity_id\": \"" + identity + "\", \"workspace_id\": \"" + workspace + "\"},\n\"client_sessions\": [";
    for (unsigned i = 0; i < 50 * scale; ++i) out += (i ? "," : "") + std::string("{\"client_session_id\": \"") + id(0xc5e55001, i) + "\", \"workspace_id\": \"" + workspace + "\"}";
    out += "],\n\"acs_users\": [";
    for (unsigned u = 0; u < 100 * scale; ++u) out += (u ? "," : "") + std::string("{\"acs_user_id\": \"") + id(0xac500001, u) + "\", \"user_identity_id\": \"" + identity + "\"}";
    out += "],\n\"acs_credentials\": [";
    for (unsigned u = 0; u < 100 * scale; ++u)
        for (unsigned c = 0; c < 100; ++c)
            out += (u || c ? "," : "") + std::string("{\"acs_credential_id\": \"") + id(0xc4ed0001, u * 100 + c) + "\", \"acs_user_id\": \"" + id(0xac500001, u) + "\"}";
    out += "],\n\"enrollment_automations\": [],\n\"phones\": [";
    for (unsigned i = 0; i < 50 * scale; ++i) out += (i ? "," : "") + std::string("{\"device_id\": \"") + id(0x0f0e0001, i) + "\"}";
    return out + "]}";
}

/// Replays a whole run: every runnable step succeeds, its event arrives; until the identity is deleted.
std::size_t replay(const seamid::deletion_plan& plan) {
    seamid::deletion_progress progress(plan, {.started_at_ms = 0});
    std::size_t applied = 0;
    while (!progress.done()) {
        const auto runnable = progress.runnable();
        for (const auto step : runnable) progress.apply_result(step, std::nullopt);
        for (auto it = runnable.rbegin(); it != runnable.rend(); ++it) {  // events in reverse order
            const auto& step = plan.steps[*it];
            if (step.kind == seamid::resource_kind::user_identity) continue;
            progress.apply_event({seamid::kind_info(step.kind).event_type, step.id, std::nullopt, std::nullopt});
            ++applied;
        }
    }
    return applied;
}

void BM_DeletionPlanAndReplay(benchmark::State& state) {
    const auto scale = static_cast<unsigned>(state.range(0));
    seamid::deletion_options options;
    options.limits.max_resources = 2'000'000;
    const auto read = seamid::read_deletion_snapshot(snapshot_json(scale), options.limits);
    for (auto _ : state) {
        const auto plan = seamid::plan_deletion(read.snapshot, options);
        benchmark::DoNotOptimize(replay(plan));
    }
    state.counters["resources"] = static_cast<double>(read.snapshot.resource_count());
}
BENCHMARK(BM_DeletionPlanAndReplay)->Arg(1)->Arg(10)->Arg(100)->Unit(benchmark::kMillisecond);

void BM_DeletionPlanOnly(benchmark::State& state) {
    seamid::deletion_options options;
    const auto read = seamid::read_deletion_snapshot(snapshot_json(1), options.limits);
    for (auto _ : state) benchmark::DoNotOptimize(seamid::plan_deletion(read.snapshot, options).steps.size());
}
BENCHMARK(BM_DeletionPlanOnly)->Unit(benchmark::kMillisecond);

/// Appends the event that confirms `step` ({"event_type", "<id field>": id}) to an /events/list text being
/// built; steps confirmed without an event add nothing.
void append_event(std::string& events, bool& first, const seamid::deletion_step& step) {
    const auto info = seamid::kind_info(step.kind);
    if (info.event_type.empty()) return;
    events += first ? "{\"event_type\": \"" : ",{\"event_type\": \"";
    first = false;
    events += info.event_type;
    events += "\", \"";
    events += info.id_field;
    events += "\": ";
    seamid::detail::append_json_uuid(events, step.id);
    events += '}';
}

/// Each wave's /events/list response text, as Seam would send it during a replay of `snapshot`: the events of
/// the wave's runnable steps, reversed. Built by a dry run, before the clock starts: producing Seam's answers
/// is the test harness's work, not the library's (the JS bench does the same).
std::vector<std::string> wave_event_texts(const std::string& snapshot, const seamid::deletion_options& options) {
    std::vector<std::string> texts;
    seamid::deletion_progress progress(seamid::plan_deletion(snapshot, options), {.started_at_ms = 0});
    std::vector<seamid::issue> issues;
    while (!progress.done()) {
        const auto runnable = progress.runnable();
        std::string events = "{\"events\": [";
        bool first = true;
        for (auto it = runnable.rbegin(); it != runnable.rend(); ++it) {
            progress.apply_result(*it, std::nullopt);
            append_event(events, first, progress.plan().steps[*it]);
        }
        texts.push_back(events + "]}");
        seamid::apply_events_json(progress, texts.back(), issues);
    }
    return texts;
}

/// The C++ API end to end, with the inputs a program gets from Seam: the snapshot as JSON text (list endpoints),
/// each call's result as a status (typed apply_result), each wave's events as one /events/list response text
/// (reversed, prepared before timing). The plan goes to the progress as an object, never through JSON. This is
/// the native peer of the JS API benchmark (bench/js/deletion.bench.mjs) with the same inputs.
void BM_DeletionApiEndToEnd(benchmark::State& state) {
    const auto scale = static_cast<unsigned>(state.range(0));
    seamid::deletion_options options;
    options.limits.max_resources = 2'000'000;
    const auto snapshot = snapshot_json(scale);
    const auto wave_events = wave_event_texts(snapshot, options);
    for (auto _ : state) {
        seamid::deletion_progress progress(seamid::plan_deletion(snapshot, options), {.started_at_ms = 0});
        std::vector<seamid::issue> issues;
        for (std::size_t wave = 0; !progress.done(); ++wave) {
            const auto runnable = progress.runnable();
            for (auto it = runnable.rbegin(); it != runnable.rend(); ++it) progress.apply_result(*it, std::nullopt);
            benchmark::DoNotOptimize(seamid::apply_events_json(progress, wave_events.at(wave), issues).size());
        }
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * snapshot.size()));
}
BENCHMARK(BM_DeletionApiEndToEnd)->Arg(1)->Arg(10)->Arg(100)->Unit(benchmark::kMillisecond);

/// The same pipeline the wasm module runs: snapshot JSON text in, plan JSON text out; plan JSON read back into
/// a progress; events given as JSON text (one /events/list response per wave).
void BM_DeletionJsonPipeline(benchmark::State& state) {
    const auto scale = static_cast<unsigned>(state.range(0));
    seamid::deletion_options options;
    options.limits.max_resources = 2'000'000;
    const auto snapshot = snapshot_json(scale);
    for (auto _ : state) {
        const auto plan_text = seamid::deletion_plan_to_json(seamid::plan_deletion(snapshot, options));
        seamid::deletion_progress progress(seamid::read_deletion_plan(plan_text), {.started_at_ms = 0});
        std::vector<seamid::issue> issues;
        while (!progress.done()) {
            const auto runnable = progress.runnable();
            std::string events = "{\"events\": [";
            bool first = true;
            for (const auto index : runnable) {
                const auto& step = progress.plan().steps[index];
                seamid::apply_result_json(progress, seamid::detail::uuid_text(step.id), "{\"ok\": true}");
                append_event(events, first, step);
            }
            events += "]}";
            benchmark::DoNotOptimize(seamid::apply_events_json(progress, events, issues).size());
        }
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * snapshot.size()));
}
BENCHMARK(BM_DeletionJsonPipeline)->Arg(1)->Arg(10)->Unit(benchmark::kMillisecond);

}  // namespace
