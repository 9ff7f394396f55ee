// The native side of bench/js/acs.bench.mjs, run one measured run at a time so that the JS bench can interleave
// it with the JS API run by run: seamid_acs_paced <snapshot.json> <passes> <requests fifo> <answers fifo>. It
// loads the snapshot and warms up, writes "ready", then for each line read from the request FIFO runs what the
// line names and writes "ran <ms>" (paced.hpp); it exits at the end of the requests. The lines:
//   load    a new model from the snapshot text (acs_model::load_text)
//   check     `passes` passes of check_add_acs_user over the 4,096 benchmark requests (acs_corpus.hpp)
//   issues    the same with link_check_issues: the findings as issues with messages, what a JS call returns
//   batch     `passes` calls of check_acs_links with the 4,096 requests
//   distinct  one pass of check_add_acs_user over the 300,000 requests that name each ACS user once
//   distinct-issues  the same with link_check_issues
//   distinct-batch   check_acs_links of the 300,000 requests in one call
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "acs_corpus.hpp"
#include "paced.hpp"
#include "seamid/acs/model.hpp"
#include "seamid/acs/preflight.hpp"

int main(int argc, char** argv) {
    if (argc != 5 || std::atoi(argv[2]) < 1) {
        std::cerr << "usage: seamid_acs_paced <snapshot.json> <passes> <requests fifo> <answers fifo>\n";
        return 2;
    }
    const std::string text = seamid_bench::read_file(argv[1]);
    const int passes = std::atoi(argv[2]);
    seamid::acs_model model;
    if (!model.load_text(text).empty() || model.acs_user_count() == 0) {
        std::cerr << "seamid_acs_paced: the snapshot did not load cleanly\n";
        return 2;
    }
    const auto pairs = seamid_bench::acs_link_requests(4096);
    std::vector<seamid::acs_link_request> requests;
    for (const auto& [identity, acs_user] : pairs) requests.push_back({identity, acs_user});
    std::vector<seamid::acs_link_check> checks(requests.size());
    const auto distinct_pairs = seamid_bench::acs_distinct_link_requests();
    std::vector<seamid::acs_link_request> distinct;
    for (const auto& [identity, acs_user] : distinct_pairs) distinct.push_back({identity, acs_user});

    std::size_t sink = 0;
    const auto check_passes = [&] {
        for (int pass = 0; pass < passes; ++pass)
            for (const auto& request : requests) sink += static_cast<std::size_t>(seamid::check_add_acs_user(model, request).verdict);
    };
    const auto issue_passes = [&] {
        for (int pass = 0; pass < passes; ++pass)
            for (const auto& request : requests) sink += seamid::link_check_issues(seamid::check_add_acs_user(model, request), request).size();
    };
    const auto distinct_pass = [&](bool with_issues) {
        for (const auto& request : distinct) {
            const seamid::acs_link_check check = seamid::check_add_acs_user(model, request);
            sink += with_issues ? seamid::link_check_issues(check, request).size() : static_cast<std::size_t>(check.verdict);
        }
    };
    std::vector<seamid::acs_link_check> distinct_checks(distinct.size());
    const auto distinct_batch = [&] {
        seamid::check_acs_links(model, true, distinct.data(), distinct.size(), distinct_checks.data());
        sink += static_cast<std::size_t>(distinct_checks.back().verdict);
    };
    const auto batch_passes = [&] {
        for (int pass = 0; pass < passes; ++pass) {
            seamid::check_acs_links(model, true, requests.data(), requests.size(), checks.data());
            sink += static_cast<std::size_t>(checks.back().verdict);
        }
    };
    const auto load = [&] {
        seamid::acs_model fresh;
        sink += fresh.load_text(text).size() + fresh.acs_user_count();
    };
    using clock = std::chrono::steady_clock;
    const auto since = [](clock::time_point start) { return std::chrono::duration<double, std::milli>(clock::now() - start).count(); };
    for (const auto start = clock::now(); since(start) < 300;) check_passes(), issue_passes(), batch_passes();
    distinct_pass(true);

    seamid_bench::serve_paced(argv[3], argv[4], [&](const std::string& line) {
        if (line == "load") load();
        else if (line == "check") check_passes();
        else if (line == "issues") issue_passes();
        else if (line == "batch") batch_passes();
        else if (line == "distinct") distinct_pass(false);
        else if (line == "distinct-issues") distinct_pass(true);
        else if (line == "distinct-batch") distinct_batch();
        else return false;
        return true;
    });
    volatile std::size_t kept = sink;  // every result is used
    (void)kept;
    return 0;
}
