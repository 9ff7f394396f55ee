// The deletion benchmarks' workload, shared by bench-deletion.cpp (Google Benchmark) and deletion_paced.cpp
// (the native side that bench/js/deletion.bench.mjs interleaves with the JS API): the benchmark identity as
// snapshot JSON text, each wave's /events/list pages, and one end-to-end run of the C++ API.
#pragma once

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include "seamid/deletion/plan.hpp"
#include "seamid/deletion/progress.hpp"

namespace seamid_bench {

inline std::string id(unsigned prefix, unsigned n) {
    char text[37];
    std::snprintf(text, sizeof text, "%08x-0000-4000-8000-%012u", prefix, n);
    return text;
}

/// The benchmark identity scaled by `scale`: 100*scale ACS users with 100 credentials each, 50*scale phones and client sessions.
inline std::string snapshot_json(unsigned scale) {
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

/// Appends the event that confirms `step` ({"event_type", "<id field>": id}) to an /events/list text being
/// built; steps confirmed without an event add nothing.
inline void append_event(std::string& events, bool& first, const seamid::deletion_step& step) {
    const auto& info = seamid::kind_info(step.kind);
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

/// Events per /events/list page: Seam answers at most 500 a page (and a progress takes at most
/// seamid::max_events_per_call in one call), so a wave's events arrive as pages of this many.
inline constexpr std::size_t events_per_page = 500;

/// The /events/list pages of the events that confirm `steps` (plan step indexes, in the order given): 500 a page,
/// at least one page (an empty one when no step awaits an event).
template <typename Indexes>
std::vector<std::string> event_pages(const seamid::deletion_plan& plan, const Indexes& steps) {
    std::vector<std::string> pages;
    std::string events;
    bool first = true;
    std::size_t on_page = 0;
    for (const auto index : steps) {
        if (on_page == 0) events = "{\"events\": [", first = true;
        append_event(events, first, plan.steps[index]);
        if (++on_page == events_per_page) pages.push_back(events + "]}"), on_page = 0;
    }
    if (on_page != 0 || pages.empty()) pages.push_back(on_page != 0 ? events + "]}" : "{\"events\": []}");
    return pages;
}

/// Each wave's /events/list pages, as Seam would send them during a replay of `snapshot`: the events of the wave's
/// runnable steps, reversed, 500 a page. Built by a dry run, before the clock starts: producing Seam's answers is the
/// test harness's work, not the library's (the JS bench does the same). Exits when the dry run does not finish in
/// as many waves as the plan has steps (a page refused), instead of looping.
inline std::vector<std::vector<std::string>> wave_event_pages(const std::string& snapshot, const seamid::deletion_options& options) {
    std::vector<std::vector<std::string>> waves;
    seamid::deletion_progress progress(seamid::plan_deletion(snapshot, options), {.started_at_ms = 0});
    std::vector<seamid::issue> issues;
    while (!progress.done()) {
        if (waves.size() > progress.plan().steps.size() || !issues.empty()) {
            std::fprintf(stderr, "deletion bench: the dry run did not finish (%zu issues)\n", issues.size());
            std::exit(1);
        }
        auto runnable = progress.runnable();
        std::reverse(runnable.begin(), runnable.end());
        for (const auto index : runnable) progress.apply_result(index, std::nullopt);
        const auto& pages = waves.emplace_back(event_pages(progress.plan(), runnable));
        for (const auto& page : pages) seamid::apply_events_json(progress, page, issues);
    }
    return waves;
}

/// One run of the C++ API end to end, with the inputs a program gets from Seam: the snapshot as JSON text (list
/// endpoints), each call's result as a status (typed apply_result, in reverse order), each wave's events as
/// /events/list pages (`wave_events`, from wave_event_pages). The plan goes to the progress as an object, never
/// through JSON. Returns the number of event outcomes.
inline std::size_t plan_and_replay_end_to_end(const std::string& snapshot, const std::vector<std::vector<std::string>>& wave_events,
                                              const seamid::deletion_options& options) {
    seamid::deletion_progress progress(seamid::plan_deletion(snapshot, options), {.started_at_ms = 0});
    std::vector<seamid::issue> issues;
    std::size_t outcomes = 0;
    for (std::size_t wave = 0; !progress.done() && wave < wave_events.size(); ++wave) {
        const auto runnable = progress.runnable();
        for (auto it = runnable.rbegin(); it != runnable.rend(); ++it) progress.apply_result(*it, std::nullopt);
        for (const auto& page : wave_events[wave]) outcomes += seamid::apply_events_json(progress, page, issues).size();
    }
    return outcomes;
}

}  // namespace seamid_bench
