// The native side of bench/js/deletion.bench.mjs, run one iteration at a time so that the JS bench can interleave
// it with the JS API run by run: seamid_deletion_paced <scale> <requests fifo> <answers fifo>. It builds the
// workload (deletion_workload.hpp), warms up for 0.5 s, writes "ready", then for each line read from the request
// FIFO runs one end-to-end plan + replay and writes "ran <ms>" (paced.hpp); it exits at the end of the requests.
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <string>

#include "deletion_workload.hpp"
#include "paced.hpp"

int main(int argc, char** argv) {
    if (argc != 4 || std::atoi(argv[1]) < 1) {
        std::cerr << "usage: seamid_deletion_paced <scale> <requests fifo> <answers fifo>\n";
        return 2;
    }
    const auto scale = static_cast<unsigned>(std::atoi(argv[1]));
    seamid::deletion_options options;
    options.limits.max_resources = 2'000'000;
    const auto snapshot = seamid_bench::snapshot_json(scale);
    const auto wave_events = seamid_bench::wave_event_pages(snapshot, options);
    using clock = std::chrono::steady_clock;
    const auto since = [](clock::time_point start) { return std::chrono::duration<double, std::milli>(clock::now() - start).count(); };
    std::size_t sink = 0;
    for (const auto start = clock::now(); since(start) < 500;) sink += seamid_bench::plan_and_replay_end_to_end(snapshot, wave_events, options);

    seamid_bench::serve_paced(argv[2], argv[3], [&](const std::string&) {
        sink += seamid_bench::plan_and_replay_end_to_end(snapshot, wave_events, options);
        return true;
    });
    volatile std::size_t kept = sink;  // every result is used
    (void)kept;
    return 0;
}
