// libFuzzer target: deletion, end to end: a snapshot (JSON text) planned in both orders and policies, the
// plan written and read back, a progress fed events and API results. The input is the snapshot, then (after a
// form feed, \f) events JSON, then (after another) a Seam response body. Properties: the same plan twice; the
// plan's JSON reads back to the same plan (read_deletion_plan of deletion_plan_to_json gives the same JSON,
// issues included) and a refused plan's issues read back; at most max_issues issues and the count; the
// progress's JSON answers read back; applying the same events again changes nothing.
#include "harness.hpp"
#include "seamid/deletion/plan.hpp"
#include "seamid/deletion/progress.hpp"
#include "seamid/deletion/render.hpp"
#include "seamid/detail/issue_cap.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view rest, response;
    const std::string_view snapshot = seamid_fuzz::split(seamid_fuzz::text_of(data, size), '\f', rest);
    const std::string_view events = seamid_fuzz::split(rest, '\f', response);
    for (const auto order : {seamid::deletion_order::parallel, seamid::deletion_order::guide}) {
        seamid::deletion_options options;
        options.order = order;
        options.policy = order == seamid::deletion_order::guide ? seamid::deletion_policy::guide : seamid::deletion_policy::minimal;
        const auto plan = seamid::plan_deletion(snapshot, options);
        const std::string written = seamid::deletion_plan_to_json(plan);
        SEAMID_FUZZ_CHECK_EQUAL(written, seamid::deletion_plan_to_json(seamid::plan_deletion(snapshot, options)));
        SEAMID_FUZZ_CHECK(plan.issues.size() <= seamid::detail::max_issues + 2);
        seamid_fuzz::check_json_valid(written, "plan JSON");
        seamid_fuzz::check_json_valid(seamid::deletion_plan_to_compact_json(plan), "compact plan JSON");
        (void)seamid::render_deletion_plan(plan, seamid::plan_format::text);
        const auto read = seamid::read_deletion_plan(written);
        if (!plan.ok()) {
            SEAMID_FUZZ_CHECK(!read.ok());
            SEAMID_FUZZ_CHECK_EQUAL(seamid::issues_json_text(seamid::read_refused_plan_issues(written)), seamid::issues_json_text(plan.issues));
            continue;
        }
        SEAMID_FUZZ_CHECK_EQUAL(seamid::deletion_plan_to_json(read), written);
        seamid::progress_options progress_options;
        progress_options.started_at_ms = 1700000000000;
        seamid::deletion_progress progress(read, progress_options);
        std::vector<seamid::issue> issues;
        const auto outcomes = seamid::apply_events_json(progress, events, issues);
        const std::string state = seamid::progress_to_json(progress);
        seamid_fuzz::check_json_valid(state, "progress JSON");
        // The same events again: every one is a duplicate, already confirmed or ignored; the state is unchanged
        // but for the ignored events' record.
        std::vector<seamid::issue> again_issues;
        for (const auto& outcome : seamid::apply_events_json(progress, events, again_issues))
            SEAMID_FUZZ_CHECK(outcome.outcome != "confirmed");
        SEAMID_FUZZ_CHECK(again_issues.size() == issues.size());
        // A result for every step, the response body from the input (a success when it is empty).
        for (std::size_t s = 0; s < read.steps.size() && s < 64; ++s) {
            const std::string step_id = seamid::to_string(read.steps[s].id);
            const auto outcome = seamid::apply_result_json(progress, step_id, response.empty() ? "{}" : response, "2024-01-12T10:00:00.000Z");
            seamid_fuzz::check_json_canonical(seamid::issues_json_text(outcome.issues), "result issues JSON");
            seamid_fuzz::check_json_valid(seamid::result_outcome_to_json(progress, outcome), "result outcome JSON");
        }
        seamid_fuzz::check_json_valid(seamid::progress_to_json(progress), "progress JSON");
        seamid_fuzz::check_json_valid(seamid::event_query_to_json(progress.next_event_query()), "event query JSON");
        (void)outcomes;
    }
    return 0;
}
