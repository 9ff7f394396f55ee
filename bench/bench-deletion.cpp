// Deletion planning benchmarks: plan + full progress replay for an identity with 100 ACS users x 100
// credentials, 50 phones and 50 client sessions (x1, x10, x100), typed and through JSON text.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <string>
#include <vector>

#include "deletion_workload.hpp"
#include "seamid/deletion/plan.hpp"
#include "seamid/deletion/progress.hpp"

namespace {

using seamid_bench::snapshot_json;
using seamid_bench::wave_event_pages;

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

/// The C++ API end to end (seamid_bench::plan_and_replay_end_to_end): the native peer of the JS API benchmark
/// (bench/js/deletion.bench.mjs, which interleaves deletion_paced with the JS side) with the same inputs.
void BM_DeletionApiEndToEnd(benchmark::State& state) {
    const auto scale = static_cast<unsigned>(state.range(0));
    seamid::deletion_options options;
    options.limits.max_resources = 2'000'000;
    const auto snapshot = snapshot_json(scale);
    const auto wave_events = wave_event_pages(snapshot, options);
    for (auto _ : state) benchmark::DoNotOptimize(seamid_bench::plan_and_replay_end_to_end(snapshot, wave_events, options));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * snapshot.size()));
}
BENCHMARK(BM_DeletionApiEndToEnd)->Arg(1)->Arg(10)->Arg(100)->Unit(benchmark::kMillisecond);

/// The same pipeline the wasm module runs: snapshot JSON text in, plan JSON text out; plan JSON read back into
/// a progress; events given as JSON text (/events/list pages of 500).
void BM_DeletionJsonPipeline(benchmark::State& state) {
    const auto scale = static_cast<unsigned>(state.range(0));
    seamid::deletion_options options;
    options.limits.max_resources = 2'000'000;
    const auto snapshot = snapshot_json(scale);
    for (auto _ : state) {
        const auto plan_text = seamid::deletion_plan_to_json(seamid::plan_deletion(snapshot, options));
        seamid::deletion_progress progress(seamid::read_deletion_plan(plan_text), {.started_at_ms = 0});
        std::vector<seamid::issue> issues;
        for (std::size_t wave = 0; !progress.done() && wave <= progress.plan().steps.size(); ++wave) {
            const auto runnable = progress.runnable();
            for (const auto index : runnable)
                seamid::apply_result_json(progress, seamid::to_string(progress.plan().steps[index].id), "{\"ok\": true}");
            for (const auto& page : seamid_bench::event_pages(progress.plan(), runnable))
                benchmark::DoNotOptimize(seamid::apply_events_json(progress, page, issues).size());
        }
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * snapshot.size()));
}
BENCHMARK(BM_DeletionJsonPipeline)->Arg(1)->Arg(10)->Unit(benchmark::kMillisecond);

}  // namespace
