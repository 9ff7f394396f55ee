// The bulk benchmark's native side: builds the workspace index from /user_identities/list JSON and validates
// a CSV batch against it, printing timings and memory as JSON. Run by bench/js/bulk.bench.mjs on the same
// files the WASM run and the JS baseline use: seamid_bulk <workspace.json> <rows.csv> [runs] [--paced]. With
// runs > 1 the batch is validated that many times; batch_ms is the fastest run, batch_runs_ms lists them all.
// With --paced, the tool validates the batch once untimed, prints "ready", then starts each run when a line
// arrives on stdin and prints "ran <ms>" after it: the JS bench alternates it with the WASM side, run by run.
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>

#include "paced.hpp"
#include "seamid/workspace/batch.hpp"
#include "seamid/workspace/index.hpp"

namespace {

/// A size field of /proc/self/status ("VmHWM:", "VmRSS:") in bytes, 0 when unknown.
long long status_bytes(const std::string& field) {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind(field, 0) == 0) return std::stoll(line.substr(field.size())) * 1024;
    return 0;
}

/// The process's resident-set high-water mark in bytes.
long long peak_rss() { return status_bytes("VmHWM:"); }
/// The process's resident set now, in bytes.
long long current_rss() { return status_bytes("VmRSS:"); }

double since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
    const bool paced = argc >= 4 && std::string(argv[argc - 1]) == "--paced";
    const int args = paced ? argc - 1 : argc;
    const int runs = args == 4 ? std::atoi(argv[3]) : 1;
    if ((args != 3 && args != 4) || runs < 1) {
        std::cerr << "usage: seamid_bulk <workspace.json> <rows.csv> [runs] [--paced]\n";
        return 2;
    }
    const std::string workspace_text = seamid_bench::read_file(argv[1]);
    const std::string rows_text = seamid_bench::read_file(argv[2]);
    const long long inputs_rss = current_rss();

    // Wall time, and CPU time (less sensitive to other processes sharing the machine).
    const auto cpu_ms = [](std::clock_t from) { return 1000.0 * static_cast<double>(std::clock() - from) / CLOCKS_PER_SEC; };
    auto start = std::chrono::steady_clock::now();
    auto cpu_start = std::clock();
    seamid::workspace_index index;
    const auto load_issues = index.load_json(workspace_text);
    const double build_ms = since(start), build_cpu_ms = cpu_ms(cpu_start);

    seamid::batch_report report;
    long long peak = 0;
    double batch_ms = 0, batch_cpu_ms = 0;
    std::string runs_ms;
    if (paced) {  // one untimed batch first, as the JS side runs one (first-touch page faults; V8 tiers up there)
        report = seamid::validate_csv_batch(index, rows_text);
        peak = peak_rss();  // the peak of one load and one batch, as in a real import
        std::printf("ready\n"), std::fflush(stdout);
    }
    for (int run = 0; run < runs; ++run) {
        report = {};  // the previous run's report is freed before the clock starts
        std::string go;
        if (paced && !std::getline(std::cin, go)) return 2;
        start = std::chrono::steady_clock::now();
        cpu_start = std::clock();
        report = seamid::validate_csv_batch(index, rows_text);
        const double run_ms = since(start), run_cpu_ms = cpu_ms(cpu_start);
        if (run == 0 || run_ms < batch_ms) batch_ms = run_ms, batch_cpu_ms = run_cpu_ms;
        runs_ms += (run ? ", " : "") + std::to_string(static_cast<long long>(run_ms + 0.5));
        if (run == 0 && !paced) peak = peak_rss();  // the peak of one load and one batch, as in a real import
        if (paced) std::printf("ran %.1f\n", run_ms), std::fflush(stdout);
    }

    std::printf(
        "{\"identities\": %zu, \"load_issues\": %zu, \"rows\": %zu, \"rows_with_errors\": %zu, \"rows_with_warnings\": %zu, "
        "\"errors\": %zu, \"warnings\": %zu, \"build_ms\": %.1f, \"build_cpu_ms\": %.1f, \"batch_ms\": %.1f, \"batch_cpu_ms\": %.1f, \"batch_runs_ms\": [%s], \"index_bytes\": %zu, "
        "\"inputs_bytes\": %zu, \"peak_rss_bytes\": %lld, \"peak_rss_above_inputs_bytes\": %lld}\n",
        index.size(), load_issues.size(), report.summary.rows, report.summary.rows_with_errors, report.summary.rows_with_warnings,
        report.summary.errors, report.summary.warnings, build_ms, build_cpu_ms, batch_ms, batch_cpu_ms, runs_ms.c_str(), index.memory(), workspace_text.size() + rows_text.size(),
        peak, peak - inputs_rss);
    return 0;
}
