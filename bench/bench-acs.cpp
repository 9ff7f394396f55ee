// Native load time and preflight throughput of the ACS-link model on the 100k identities / 300k ACS users /
// 50 systems snapshot (bench/acs_corpus.hpp, or the file named by SEAMID_ACS_SNAPSHOT so JS and native
// measure the same bytes: bench/js/acs.bench.mjs).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "acs_corpus.hpp"
#include "seamid/acs/audit.hpp"
#include "seamid/acs/model.hpp"
#include "seamid/acs/preflight.hpp"

namespace {

const std::string& snapshot_text() {
    static const std::string text = [] {
        if (const char* file = std::getenv("SEAMID_ACS_SNAPSHOT")) {
            std::ifstream in(file, std::ios::binary);
            std::stringstream buffer;
            buffer << in.rdbuf();
            return buffer.str();
        }
        return seamid_bench::acs_snapshot_text();
    }();
    return text;
}

const seamid::acs_model& loaded_model() {
    static const seamid::acs_model model = [] {
        seamid::acs_model m;
        (void)m.load_text(snapshot_text());
        return m;
    }();
    return model;
}

void acs_load_snapshot(benchmark::State& state) {
    const std::string& text = snapshot_text();
    for (auto _ : state) {
        seamid::acs_model model;
        auto issues = model.load_text(text);
        benchmark::DoNotOptimize(issues);
        if (model.acs_user_count() != 300000) state.SkipWithError("snapshot did not load");
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(acs_load_snapshot)->Unit(benchmark::kMillisecond)->Iterations(3);

void acs_check_add_acs_user(benchmark::State& state) {
    const auto& model = loaded_model();
    const auto requests = seamid_bench::acs_link_requests(4096);
    std::size_t i = 0;
    for (auto _ : state) {
        const auto& [identity, acs_user] = requests[i++ & 4095];
        auto check = seamid::check_add_acs_user(model, {identity, acs_user});
        benchmark::DoNotOptimize(check);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(acs_check_add_acs_user);

// The batched check (check_acs_links) over the same 4,096 requests, 4,096 per call; items are checks.
void acs_check_add_acs_users_batch(benchmark::State& state) {
    const auto& model = loaded_model();
    const auto pairs = seamid_bench::acs_link_requests(4096);
    std::vector<seamid::acs_link_request> requests;
    for (const auto& [identity, acs_user] : pairs) requests.push_back({identity, acs_user});
    std::vector<seamid::acs_link_check> checks(requests.size());
    for (auto _ : state) {
        seamid::check_acs_links(model, true, requests.data(), requests.size(), checks.data());
        benchmark::DoNotOptimize(checks.data());
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * requests.size()));
}
BENCHMARK(acs_check_add_acs_users_batch);

void acs_preflight_add_acs_user_with_issues(benchmark::State& state) {
    const auto& model = loaded_model();
    const auto requests = seamid_bench::acs_link_requests(4096);
    std::size_t i = 0;
    for (auto _ : state) {
        const auto& [identity, acs_user] = requests[i++ & 4095];
        const seamid::acs_link_request request{identity, acs_user};
        auto issues = seamid::link_check_issues(seamid::check_add_acs_user(model, request), request);
        benchmark::DoNotOptimize(issues);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(acs_preflight_add_acs_user_with_issues);

void acs_audit(benchmark::State& state) {
    const auto& model = loaded_model();
    for (auto _ : state) {
        auto report = seamid::audit_acs_model(model);
        benchmark::DoNotOptimize(report);
    }
}
BENCHMARK(acs_audit)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace
