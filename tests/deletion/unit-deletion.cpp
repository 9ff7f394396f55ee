// Tests of seamid/deletion_*.hpp: snapshot checks, plans (order, policy), plan JSON round trip, progress,
// renderings (golden files), bad input. Fixtures in tests/fixtures/deletion/ are shared with the JS tests.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "fixtures.hpp"
#include "seamid/deletion/plan.hpp"
#include "seamid/deletion/progress.hpp"
#include "seamid/deletion/render.hpp"
#include "seamid/json/dom.hpp"

namespace {

using nlohmann::json;

seamid::deletion_options options_of(const json& test_case) {
    seamid::deletion_options options;
    if (test_case.contains("options")) {
        const auto& given = test_case["options"];
        if (given.value("order", "") == "guide") options.order = seamid::deletion_order::guide;
        if (given.value("policy", "") == "minimal") options.policy = seamid::deletion_policy::minimal;
    }
    return options;
}

std::vector<std::string> sorted_codes(const std::vector<seamid::issue>& issues) {
    std::vector<std::string> codes;
    for (const auto& found : issues) codes.push_back(found.code);
    std::sort(codes.begin(), codes.end());
    return codes;
}

std::string read_text(const std::string& name) {
    std::ifstream file(std::string(SEAMID_FIXTURES_DIR) + "/" + name, std::ios::binary);
    std::stringstream text;
    text << file.rdbuf();
    return text.str();
}

std::int64_t ms(std::string_view timestamp) {
    std::int64_t out = 0;
    REQUIRE(seamid::detail::parse_timestamp(timestamp, out));
    return out;
}

json plan_json(const seamid::deletion_plan& plan) { return json::parse(seamid::deletion_plan_to_json(plan)); }

}  // namespace

TEST_CASE("deletion snapshot fixture cases", "[deletion][fixtures]") {
    const auto fixture = seamid_test::load_fixture("deletion/snapshots.json");
    REQUIRE(fixture.is_object());
    REQUIRE(fixture["cases"].size() >= 30);
    for (const auto& test_case : fixture["cases"]) {
        INFO("case: " << test_case["name"].get<std::string>());
        const auto plan = seamid::plan_deletion(seamid::dump_json(test_case["snapshot"]), options_of(test_case));
        CHECK(plan.ok() == test_case["ok"].get<bool>());
        CHECK(sorted_codes(plan.issues) == test_case["codes"].get<std::vector<std::string>>());
        for (const auto& found : plan.issues) CHECK(found.message.size() > 20);
        if (!plan.ok()) CHECK(plan.steps.empty());
        if (test_case.contains("steps")) CHECK(plan.steps.size() == test_case["steps"].get<std::size_t>());
        if (test_case.contains("waves")) CHECK(plan.wave_count == test_case["waves"].get<std::uint32_t>());
        if (test_case.contains("kinds")) {
            std::vector<std::string> kinds;
            for (const auto& step : plan.steps) kinds.emplace_back(seamid::kind_info(step.kind).name);
            CHECK(kinds == test_case["kinds"].get<std::vector<std::string>>());
        }
        if (test_case.contains("wave_sizes")) {
            std::vector<std::size_t> sizes(plan.wave_count, 0);
            for (const auto& step : plan.steps) ++sizes[step.wave];
            CHECK(sizes == test_case["wave_sizes"].get<std::vector<std::size_t>>());
        }
        if (plan.ok()) {
            // The identity is last and depends on every other step, directly or through another step, and it
            // lists exactly the steps nothing else depends on (the transitive reduction); dependencies are in
            // earlier waves.
            REQUIRE_FALSE(plan.steps.empty());
            CHECK(plan.steps.back().kind == seamid::resource_kind::user_identity);
            std::vector<int> reached(plan.steps.size(), 0), has_dependant(plan.steps.size(), 0);
            for (std::size_t s = 0; s + 1 < plan.steps.size(); ++s)
                for (const auto d : plan.depends_on(s)) has_dependant[d] = 1;
            std::size_t sinks = 0;
            for (std::size_t s = 0; s + 1 < plan.steps.size(); ++s) sinks += has_dependant[s] ? 0 : 1;
            CHECK(plan.steps.back().deps_count == sinks);
            for (const auto d : plan.depends_on(plan.steps.size() - 1)) {
                CHECK(has_dependant[d] == 0);
                reached[d] = 1;
                for (const auto dd : plan.depends_on(d)) reached[dd] = 1;  // ACS user -> its credentials
            }
            CHECK(std::count(reached.begin(), reached.end(), 1) + 1 == static_cast<std::ptrdiff_t>(plan.steps.size()));
            for (std::size_t s = 0; s < plan.steps.size(); ++s)
                for (const auto d : plan.depends_on(s)) CHECK(plan.steps[d].wave < plan.steps[s].wave);
        }
    }
}

TEST_CASE("hard orderings: credentials before their ACS user, everything before the identity", "[deletion][plan]") {
    const auto plan = seamid::plan_deletion(read_text("deletion/sample-snapshot.json"));
    REQUIRE(plan.ok());
    const auto out = plan_json(plan);
    for (const auto& step : out["steps"]) {
        const std::string resource = step["resource"];
        if (resource == "acs_user") CHECK_FALSE(step["depends_on"].empty());
        if (resource == "acs_credential" || resource == "client_session" || resource == "phone") CHECK(step["depends_on"].empty());
        // Seam's parameter names, exactly (docs/deletion.md: not session_id, not enrollment_autoations).
        const std::string field = step["params"].begin().key();
        CHECK(step["params"].size() == 1);
        CHECK(field == seamid::kind_info(*seamid::kind_from_name(resource)).id_field);
        CHECK(step["params"][field] == step["step_id"]);
    }
    // ACS user ac500001-...-3 waits for exactly its three credentials.
    const auto& user3 = out["steps"][13];
    REQUIRE(user3["step_id"] == "ac500001-0000-4000-8000-000000000003");
    CHECK(user3["depends_on"] == json({"c4ed0031-0000-4000-8000-000000000031", "c4ed0032-0000-4000-8000-000000000032",
                                       "c4ed0033-0000-4000-8000-000000000033"}));
    CHECK(out["wave_barrier"] == false);
}

TEST_CASE("minimal policy says why, and what it leaves to the cascade", "[deletion][plan]") {
    seamid::deletion_options options;
    options.policy = seamid::deletion_policy::minimal;
    const auto out = plan_json(seamid::plan_deletion(read_text("deletion/sample-snapshot.json"), options));
    REQUIRE(out["notes"].size() >= 2);
    const std::string note = out["notes"][0];
    CHECK(note.find("API reference") != std::string::npos);
    CHECK(note.find("cascade") != std::string::npos);
    CHECK(note.find("2 client sessions, 3 ACS users, 6 ACS credentials and 2 phones") != std::string::npos);
    CHECK(out["left_to_cascade"]["acs_credentials"] == 6);
    CHECK(out["left_to_cascade"]["enrollment_automations"] == 0);
}

TEST_CASE("plan JSON round-trips through read_deletion_plan", "[deletion][plan]") {
    for (const auto order : {seamid::deletion_order::parallel, seamid::deletion_order::guide}) {
        seamid::deletion_options options;
        options.order = order;
        const auto plan = seamid::plan_deletion(read_text("deletion/sample-snapshot.json"), options);
        const auto text = seamid::deletion_plan_to_json(plan);
        const auto back = seamid::read_deletion_plan(text);
        REQUIRE(back.ok());
        CHECK(seamid::deletion_plan_to_json(back) == text);
    }
}

namespace {

/// Runs [value, length, ...] of the compact plan written out as one value per step; fails on an empty run.
std::vector<std::size_t> unrun(const json& runs) {
    std::vector<std::size_t> out;
    REQUIRE(runs.size() % 2 == 0);
    for (std::size_t r = 0; r < runs.size(); r += 2) {
        REQUIRE(runs[r + 1].get<std::size_t>() > 0);
        REQUIRE((r == 0 || runs[r].get<std::size_t>() != runs[r - 2].get<std::size_t>()));  // runs are maximal
        out.insert(out.end(), runs[r + 1].get<std::size_t>(), runs[r].get<std::size_t>());
    }
    return out;
}

}  // namespace

TEST_CASE("the compact plan holds each step's id, kind, wave and dependencies (runs and a flat list), and the plan JSON without steps", "[deletion][plan]") {
    const auto plan = seamid::plan_deletion(read_text("deletion/sample-snapshot.json"));
    REQUIRE(plan.ok());
    const std::string text = seamid::deletion_plan_to_compact_json(plan);
    const auto compact = json::parse(text);
    // The numbers come before the header (a reader takes them from the bytes; see the header's comment).
    CHECK(text.rfind("{\"step_ids\": \"", 0) == 0);
    CHECK(text.find("\"plan\": ") > text.find("\"depends\": ["));
    const auto ids = compact["step_ids"].get<std::string>();
    const auto kinds = unrun(compact["kinds"]);
    const auto waves = unrun(compact["waves"]);
    const auto counts = unrun(compact["depends_count"]);
    const auto depends = compact["depends"].get<std::vector<std::uint32_t>>();
    REQUIRE(ids.size() == 36 * plan.steps.size());
    REQUIRE(kinds.size() == plan.steps.size());
    REQUIRE(waves.size() == plan.steps.size());
    REQUIRE(counts.size() == plan.steps.size());
    CHECK(compact["kinds"].size() < 2 * plan.steps.size());  // the sample's steps are grouped: fewer runs than steps
    std::size_t with_dependencies = 0, start = 0;
    for (std::size_t s = 0; s < plan.steps.size(); ++s) {
        CHECK(ids.substr(36 * s, 36) == seamid::to_string(plan.steps[s].id));
        CHECK(kinds[s] == static_cast<std::size_t>(plan.steps[s].kind));
        CHECK(waves[s] == plan.steps[s].wave);
        const auto expected = plan.depends_on(s);
        REQUIRE(counts[s] == expected.size());
        REQUIRE(start + counts[s] <= depends.size());
        for (std::size_t d = 0; d < expected.size(); ++d) CHECK(depends[start + d] == expected[d]);
        start += counts[s];
        with_dependencies += expected.empty() ? 0 : 1;
    }
    CHECK(start == depends.size());
    CHECK(with_dependencies > 0);
    CHECK(compact["plan"]["steps"].empty());
    CHECK(compact["plan"]["user_identity_id"] == seamid::to_string(plan.user_identity_id));
    // A refused snapshot: no steps, empty arrays, its issues in the header.
    const auto refused = json::parse(seamid::deletion_plan_to_compact_json(seamid::plan_deletion("[]")));
    CHECK(refused["step_ids"] == "");
    CHECK(refused["kinds"].empty());
    CHECK(refused["depends_count"].empty());
    CHECK(refused["depends"].empty());
    CHECK(refused["plan"]["ok"] == false);
    CHECK_FALSE(refused["plan"]["issues"].empty());
}

TEST_CASE("stored plans with broken graphs are refused", "[deletion][plan][bad-input]") {
    auto out = plan_json(seamid::plan_deletion(read_text("deletion/sample-snapshot.json")));
    auto codes_of = [](const json& plan) { return sorted_codes(seamid::read_deletion_plan(seamid::dump_json(plan)).issues); };
    {  // a dependency cycle: credential 1 <-> ACS user 1
        auto broken = out;
        broken["steps"][2]["depends_on"] = json::array({broken["steps"][11]["step_id"]});
        const auto codes = codes_of(broken);
        CHECK(std::count(codes.begin(), codes.end(), "plan_cycle") >= 2);
    }
    {  // a self-dependency
        auto broken = out;
        broken["steps"][0]["depends_on"] = json::array({broken["steps"][0]["step_id"]});
        CHECK(codes_of(broken).front() == "plan_cycle");
    }
    {  // unknown dependency, unknown resource, missing wave, duplicate step
        auto broken = out;
        broken["steps"][1]["depends_on"] = json::array({"99999999-9999-4999-8999-999999999999"});
        CHECK(codes_of(broken) == std::vector<std::string>{"unknown_dependency"});
        broken = out;
        broken["steps"][1]["resource"] = "acs_usr";
        CHECK(codes_of(broken) == std::vector<std::string>{"unknown_resource"});
        broken = out;
        broken["steps"][1].erase("wave");
        CHECK(codes_of(broken) == std::vector<std::string>{"missing_field"});
        broken = out;
        broken["steps"][1]["step_id"] = broken["steps"][0]["step_id"];
        CHECK(codes_of(broken) == std::vector<std::string>{"duplicate_id", "unknown_dependency"});  // the renamed step's old id
        broken = out;
        broken["steps"][11]["wave"] = 0;
        CHECK(codes_of(broken) == std::vector<std::string>{"plan_wave_order"});
        broken = out;
        broken["steps"][14]["depends_on"].erase(0);
        CHECK(codes_of(broken) == std::vector<std::string>{"plan_identity_dependencies"});
    }
    CHECK(sorted_codes(seamid::read_deletion_plan("{\"ok\": false, \"user_identity_id\": null, \"steps\": []}").issues) ==
          std::vector<std::string>{"plan_not_ok"});
    CHECK(sorted_codes(seamid::read_deletion_plan("[]").issues) == std::vector<std::string>{"invalid_type"});
    CHECK(sorted_codes(seamid::read_deletion_plan("{\"steps\": ").issues) == std::vector<std::string>{"invalid_json"});
}

TEST_CASE("progress scenarios", "[deletion][progress][fixtures]") {
    const auto fixture = seamid_test::load_fixture("deletion/progress.json");
    REQUIRE(fixture.is_object());
    const auto snapshot = read_text("deletion/sample-snapshot.json");
    for (const auto& scenario : fixture["scenarios"]) {
        INFO("scenario: " << scenario["name"].get<std::string>());
        const auto plan = seamid::plan_deletion(snapshot, options_of(scenario));
        REQUIRE(plan.ok());
        seamid::progress_options options;
        options.started_at_ms = ms(scenario.value("started_at", "2024-01-12T10:00:00Z"));
        seamid::deletion_progress progress(plan, options);
        std::size_t op_index = 0;
        for (const auto& op : scenario["ops"]) {
            INFO("op " << op_index++ << ": " << op.dump());
            if (op.contains("event")) {
                std::vector<seamid::issue> issues;
                const auto outcomes = seamid::apply_events_json(progress, op["event"].dump(), issues);
                if (op["expect"] == "rejected") {
                    CHECK(outcomes.empty());
                    CHECK(sorted_codes(issues) == std::vector<std::string>{op["issue"].get<std::string>()});
                    continue;
                }
                REQUIRE(outcomes.size() == 1);
                CHECK(outcomes[0].outcome == op["expect"].get<std::string>());
                CHECK(outcomes[0].reason == op.value("reason", ""));
            } else if (op.contains("result")) {
                const auto outcome = seamid::apply_result_json(progress, op["result"].get<std::string>(), op["response"].dump(),
                                                               op.value("requested_at", ""));
                CHECK(outcome.outcome == op["expect"].get<std::string>());
                if (op.contains("issue")) CHECK(sorted_codes(outcome.issues) == std::vector<std::string>{op["issue"].get<std::string>()});
                else CHECK(outcome.issues.empty());
            } else {
                const auto state = json::parse(seamid::progress_to_json(progress));
                const auto& check = op["check"];
                if (check.contains("runnable")) {
                    std::vector<std::string> runnable;
                    for (const auto step : progress.runnable()) runnable.push_back(seamid::to_string(plan.steps[step].id));
                    std::sort(runnable.begin(), runnable.end());
                    CHECK(runnable == check["runnable"].get<std::vector<std::string>>());
                }
                if (check.contains("done")) CHECK(progress.done() == check["done"].get<bool>());
                if (check.contains("identity_deletable")) CHECK(progress.identity_deletable() == check["identity_deletable"].get<bool>());
                if (check.contains("counts")) CHECK(state["counts"] == check["counts"]);
                if (check.contains("ignored_event_count")) CHECK(state["ignored_event_count"] == check["ignored_event_count"]);
                if (check.contains("next_event_query")) CHECK(state["next_event_query"] == check["next_event_query"]);
                for (const auto& key : {"states", "confirmed_by"}) {
                    if (!check.contains(key)) continue;
                    const std::string field = std::string(key) == "states" ? "state" : "confirmed_by";
                    for (const auto& [id, expected] : check[key].items()) {
                        const auto index = progress.find_step(id);
                        REQUIRE(index);
                        CHECK(state["steps"][*index][field] == expected);
                    }
                }
            }
        }
    }
}

TEST_CASE("an /events/list response and a webhook body are both accepted", "[deletion][progress]") {
    const auto plan = seamid::plan_deletion(read_text("deletion/sample-snapshot.json"));
    seamid::deletion_progress progress(plan, {.started_at_ms = 0});
    std::vector<seamid::issue> issues;
    const auto listed = seamid::apply_events_json(progress, R"({"events": [
        {"event_id": "e7e70000-0000-4000-8000-000000000001", "event_type": "phone.deactivated", "device_id": "0f0e0001-0000-4000-8000-000000000001"},
        {"event_id": "e7e70000-0000-4000-8000-000000000001", "event_type": "phone.deactivated", "device_id": "0f0e0001-0000-4000-8000-000000000001"},
        "noise"], "ok": true})", issues);
    REQUIRE(listed.size() == 3);
    CHECK(listed[0].outcome == "confirmed");
    CHECK(listed[1].outcome == "duplicate");
    CHECK(listed[2].reason == "not_an_object");
    const auto hook = seamid::apply_events_json(progress, R"([{"event_type": "client_session.deleted", "client_session_id": "c5e55001-0000-4000-8000-000000000002"}])", issues);
    REQUIRE(hook.size() == 1);
    CHECK(hook[0].outcome == "confirmed");
    CHECK(issues.empty());
}

TEST_CASE("apply_event_verdicts_json gives each event as read with its verdict, as apply_events_json's outcomes", "[deletion][progress]") {
    const auto plan = seamid::plan_deletion(read_text("deletion/sample-snapshot.json"));
    seamid::deletion_progress by_verdict(plan, {.started_at_ms = 0});
    seamid::deletion_progress by_outcome(plan, {.started_at_ms = 0});
    // A known type, a repeat of its event_id, an unknown type (its text kept), a type that is not a string, an item
    // that is not an object; and a member other than "events" whose array holds an event, which is not applied.
    const std::string text = R"({"events": [
        {"event_id": "e7e70000-0000-4000-8000-000000000001", "event_type": "phone.deactivated", "device_id": "0f0e0001-0000-4000-8000-000000000001"},
        {"event_id": "E7E70000-0000-4000-8000-000000000001", "event_type": "phone.deactivated", "device_id": "0f0e0001-0000-4000-8000-000000000001"},
        {"event_type": "device.disconnected", "device_id": "0f0e0001-0000-4000-8000-000000000002"},
        {"event_type": 7, "client_session_id": "c5e55001-0000-4000-8000-000000000002"},
        {"occurred_at": "2024-01-12T10:00:00.000Z", "event_type": "phone.deactivated", "device_id": "0f0e0001-0000-4000-8000-000000000002"},
        {"event_type": "phone.deactivated", "device_id": "0f0e0001-0000-4000-8000-00000000000z"},
        [1]],
        "next": [{"event_type": "client_session.deleted", "client_session_id": "c5e55001-0000-4000-8000-000000000002"}]})";
    std::vector<seamid::issue> issues;
    std::vector<std::string> types, outcomes, reasons;
    std::vector<bool> has_event_id;
    CHECK(seamid::apply_event_verdicts_json(by_verdict, text, issues, [&](const seamid::deletion_event& event, const auto& verdict) {
              types.emplace_back(event.event_type);
              outcomes.emplace_back(verdict.outcome);
              reasons.emplace_back(verdict.reason);
              has_event_id.push_back(event.event_id.has_value());
          }) == 7);
    CHECK(issues.empty());
    // Other strings of an event (occurred_at) are no ids; an id field that is no UUID leaves the event without one.
    CHECK(types == std::vector<std::string>{"phone.deactivated", "phone.deactivated", "device.disconnected", "", "phone.deactivated", "phone.deactivated", ""});
    CHECK(outcomes == std::vector<std::string>{"confirmed", "duplicate", "ignored", "ignored", "confirmed", "ignored", "ignored"});
    CHECK(reasons == std::vector<std::string>{"", "", "unknown_event_type", "unknown_event_type", "", "missing_resource_id", "not_an_object"});
    CHECK(has_event_id == std::vector<bool>{true, true, false, false, false, false, false});
    const auto listed = seamid::apply_events_json(by_outcome, text, issues);
    REQUIRE(listed.size() == 7);
    for (std::size_t i = 0; i < listed.size(); ++i) {
        CHECK(listed[i].event_type == types[i]);
        CHECK(listed[i].outcome == outcomes[i]);
        CHECK(listed[i].reason == reasons[i]);
    }
    CHECK(listed[0].event_id == "e7e70000-0000-4000-8000-000000000001");
    CHECK(seamid::progress_to_json(by_verdict) == seamid::progress_to_json(by_outcome));
    // The client session of "next" was not confirmed: applying its event now confirms it.
    const auto later = seamid::apply_events_json(by_verdict, R"([{"event_type": "client_session.deleted", "client_session_id": "c5e55001-0000-4000-8000-000000000002"}])", issues);
    REQUIRE(later.size() == 1);
    CHECK(later[0].outcome == "confirmed");
}

TEST_CASE("an event list longer than max_events_per_call is refused whole; at the limit it is applied", "[deletion][progress][limits]") {
    const auto plan = seamid::plan_deletion(read_text("deletion/sample-snapshot.json"));
    seamid::deletion_progress progress(plan, {.started_at_ms = 0});
    const auto numbers = [](std::size_t count) {
        std::string text = "[";
        for (std::size_t i = 0; i < count; ++i) text += i ? ",1" : "1";
        return text + "]";
    };
    std::vector<seamid::issue> issues;
    std::size_t outcomes = 0;
    CHECK(seamid::apply_events_json(progress, numbers(seamid::max_events_per_call), issues, [&](seamid::event_outcome&&) { ++outcomes; }) ==
          seamid::max_events_per_call);
    CHECK(outcomes == seamid::max_events_per_call);
    CHECK(issues.empty());
    outcomes = 0;
    CHECK(seamid::apply_events_json(progress, numbers(seamid::max_events_per_call + 1), issues, [&](seamid::event_outcome&&) { ++outcomes; }) == 0);
    CHECK(outcomes == 0);
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].code == "input_too_large");
    CHECK(issues[0].message.find("100001 events") != std::string::npos);
    // The progress is as before: the next page applies.
    issues.clear();
    const auto page = seamid::apply_events_json(progress, R"([{"event_type": "client_session.deleted", "client_session_id": "c5e55001-0000-4000-8000-000000000002"}])", issues);
    REQUIRE(page.size() == 1);
    CHECK(page[0].outcome == "confirmed");
}

TEST_CASE("apply_event_verdict changes the state like apply_event and records the same ignored events", "[deletion][progress]") {
    const auto plan = seamid::plan_deletion(read_text("deletion/sample-snapshot.json"));
    seamid::deletion_progress full(plan, {.started_at_ms = 0});
    seamid::deletion_progress quiet(plan, {.started_at_ms = 0});
    auto id = [](std::string_view text) {
        seamid::uuid128 out;
        REQUIRE(seamid::parse_uuid(text, out));
        return out;
    };
    const auto workspace = id("5f9b5e1a-7c2d-4e3f-8a1b-2c3d4e5f6a7b"), other = id("99999999-9999-4999-8999-999999999999");
    const auto event = id("e7e70000-0000-4000-8000-000000000001");
    const seamid::deletion_event events[] = {
        {"phone.deactivated", id("0f0e0001-0000-4000-8000-000000000001"), event, workspace},  // confirmed
        {"phone.deactivated", id("0f0e0001-0000-4000-8000-000000000001"), event, workspace},  // duplicate
        {"phone.deactivated", id("0f0e0001-0000-4000-8000-000000000001"), std::nullopt, std::nullopt},  // already_confirmed
        {"device.deleted", id("0f0e0001-0000-4000-8000-000000000002"), std::nullopt, std::nullopt},  // unknown_event_type
        {"phone.deactivated", id("0f0e0001-0000-4000-8000-000000000002"), std::nullopt, other},  // other_workspace
        {"phone.deactivated", std::nullopt, id("e7e70000-0000-4000-8000-000000000002"), std::nullopt},  // missing_resource_id
        {"phone.deactivated", other, std::nullopt, std::nullopt},  // unknown_resource
        {"acs_user.deleted", id("0f0e0001-0000-4000-8000-000000000002"), std::nullopt, std::nullopt},  // event_type_mismatch
        {"client_session.deleted", id("c5e55001-0000-4000-8000-000000000002"), std::nullopt, std::nullopt},  // confirmed
    };
    std::set<std::string_view> seen;
    for (const auto& e : events) {
        const auto outcome = full.apply_event(e);
        const auto verdict = quiet.apply_event_verdict(e);
        CHECK(verdict.outcome == outcome.outcome);
        CHECK(verdict.reason == outcome.reason);
        CHECK(verdict.step == outcome.step);
        seen.insert(outcome.reason.empty() ? outcome.outcome : outcome.reason);
    }
    CHECK(seen.size() == 8);  // confirmed, duplicate, already_confirmed and the five reasons
    CHECK(seamid::progress_to_json(quiet) == seamid::progress_to_json(full));
    REQUIRE(quiet.ignored_events().size() == 5);
    CHECK(quiet.ignored_events()[4].step == full.ignored_events()[4].step);
    CHECK(quiet.ignored_events()[2].event_id == "e7e70000-0000-4000-8000-000000000002");
}

TEST_CASE("re-planning from a fresh snapshot after partial progress yields only what is left", "[deletion][progress]") {
    const auto snapshot_text = read_text("deletion/sample-snapshot.json");
    const auto plan = seamid::plan_deletion(snapshot_text);
    seamid::deletion_progress progress(plan, {.started_at_ms = 0});
    // The first wave completes, then ACS user 1 is confirmed; then the run crashes.
    for (std::uint32_t s = 0; s < 11; ++s) {
        REQUIRE(progress.apply_result(s, std::nullopt).outcome == "issued");
        const auto kind = plan.steps[s].kind;
        REQUIRE(progress.apply_event({seamid::kind_info(kind).event_type, plan.steps[s].id, std::nullopt, std::nullopt}).outcome == "confirmed");
    }
    REQUIRE(progress.apply_event({"acs_user.deleted", plan.steps[11].id, std::nullopt, std::nullopt}).outcome == "confirmed");
    // The fresh snapshot lists what Seam still has.
    auto fresh = json::parse(snapshot_text);
    std::set<std::string> gone;
    for (std::uint32_t s = 0; s < plan.steps.size(); ++s)
        if (progress.state(s) == seamid::step_state::confirmed) gone.insert(seamid::to_string(plan.steps[s].id));
    for (const auto& list_field : std::vector<std::pair<std::string, std::string>>{
             {"client_sessions", "client_session_id"}, {"acs_users", "acs_user_id"}, {"acs_credentials", "acs_credential_id"},
             {"enrollment_automations", "enrollment_automation_id"}, {"phones", "device_id"}}) {
        auto& entries = fresh[list_field.first];
        const std::string& field = list_field.second;
        entries.erase(std::remove_if(entries.begin(), entries.end(), [&](const json& entry) { return gone.count(entry[field].get<std::string>()) > 0; }),
                      entries.end());
    }
    const auto again = seamid::plan_deletion(fresh.dump());
    REQUIRE(again.ok());
    std::vector<std::string> ids;
    for (const auto& step : again.steps) ids.push_back(seamid::to_string(step.id));
    CHECK(ids == std::vector<std::string>{"ac500001-0000-4000-8000-000000000002", "ac500001-0000-4000-8000-000000000003",
                                          "22222222-2222-2222-2222-222222222222"});
    CHECK(again.wave_count == 2);
}

TEST_CASE("renderings match the golden files", "[deletion][render]") {
    const auto snapshot = read_text("deletion/sample-snapshot.json");
    const auto plan = seamid::plan_deletion(snapshot);
    seamid::deletion_options guide;
    guide.order = seamid::deletion_order::guide;
    CHECK(seamid::deletion_plan_to_json(plan) == read_text("deletion/golden/plan.json"));
    CHECK(seamid::deletion_plan_to_text(plan) == read_text("deletion/golden/plan.txt"));
    CHECK(seamid::deletion_plan_to_curl(plan) == read_text("deletion/golden/plan.sh"));
    CHECK(seamid::deletion_plan_to_js(plan) == read_text("deletion/golden/plan.mjs"));
    CHECK(seamid::deletion_plan_to_text(seamid::plan_deletion(snapshot, guide)) == read_text("deletion/golden/plan-guide.txt"));
}

TEST_CASE("the scripts avoid the published samples' mistakes", "[deletion][render]") {
    const auto plan = seamid::plan_deletion(read_text("deletion/sample-snapshot.json"));
    for (const auto& script : {seamid::deletion_plan_to_curl(plan), seamid::deletion_plan_to_js(plan)}) {
        CHECK(script.find("session_id=") == std::string::npos);
        CHECK(script.find("enrollment_autoations") == std::string::npos);
        CHECK(script.find("while True") == std::string::npos);
        CHECK(script.find("since") != std::string::npos);
        CHECK(script.find("WAIT_SECONDS") != std::string::npos);
        CHECK((script.find("/acs/users/delete") != std::string::npos || script.find("acs.users.delete") != std::string::npos));
        CHECK(script.find("phone.deactivated") != std::string::npos);
    }
    const auto curl = seamid::deletion_plan_to_curl(plan);
    CHECK(curl.find("https://connect.getseam.com") != std::string::npos);
    CHECK(curl.find("$SEAM_API_KEY") != std::string::npos);
    // one call per step, one wait per wave
    std::size_t calls = 0, waits = 0;
    for (std::size_t at = curl.find("\ncall /"); at != std::string::npos; at = curl.find("\ncall /", at + 1)) ++calls;
    for (std::size_t at = curl.find("\nend_wave "); at != std::string::npos; at = curl.find("\nend_wave ", at + 1)) ++waits;
    CHECK(calls == plan.steps.size());
    CHECK(waits == plan.wave_count);
}

TEST_CASE("bad snapshots never crash: huge, deep, NUL, invalid UTF-8", "[deletion][bad-input]") {
    // 1 M credentials: refused early (snapshot_too_large) with the default limit.
    std::string huge = R"({"user_identity": {"user_identity_id": "22222222-2222-2222-2222-222222222222"}, "client_sessions": [], "acs_users": [], "enrollment_automations": [], "phones": [], "acs_credentials": [)";
    huge.reserve(huge.size() + 1000000 * 70);
    for (int i = 0; i < 1000000; ++i) {
        char id[37];
        std::snprintf(id, sizeof id, "c4ed0000-0000-4000-8000-%012d", i);
        if (i > 0) huge += ',';
        huge += R"({"acs_credential_id": ")";
        huge += id;
        huge += R"(", "acs_user_id": "ac500001-0000-4000-8000-000000000001"})";
    }
    huge += "]}";
    const auto refused = seamid::plan_deletion(huge);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.issues.front().code == "snapshot_too_large");
    CHECK(refused.issues.size() == 1);
    // Deep nesting, NUL bytes and invalid UTF-8 are structured errors.
    CHECK(seamid::plan_deletion(std::string(100000, '[') + std::string(100000, ']')).issues.front().code == "invalid_type");
    std::string deep;
    for (int i = 0; i < 100000; ++i) deep += "{\"user_identity\": ";
    CHECK(seamid::plan_deletion(deep).issues.front().code == "invalid_json");
    CHECK(seamid::plan_deletion(std::string("{\"user_identity\": \0}", 20)).issues.front().code == "invalid_json");
    CHECK(seamid::plan_deletion("{\"user_identity\": {\"user_identity_id\": \"\xff\"}}").issues.front().code == "invalid_json");
    const auto nul_id = seamid::plan_deletion(R"({"user_identity": {"user_identity_id": "2222\u0000"}, "client_sessions": [], "acs_users": [], "acs_credentials": [], "enrollment_automations": [], "phones": []})");
    CHECK(sorted_codes(nul_id.issues) == std::vector<std::string>{"invalid_uuid"});
    CHECK(seamid::plan_deletion("").issues.front().code == "invalid_json");
    // Many bad entries: issues are capped.
    std::string many = R"({"user_identity": {"user_identity_id": "22222222-2222-2222-2222-222222222222"}, "client_sessions": [], "acs_users": [], "acs_credentials": [], "enrollment_automations": [], "phones": [)";
    for (int i = 0; i < 5000; ++i) many += i == 0 ? "1" : ",1";
    many += "]}";
    const auto capped = seamid::plan_deletion(many);
    CHECK(capped.issues.size() == 101);
    CHECK(capped.issues.back().code == "too_many_issues");
}

TEST_CASE("timestamps: RFC 3339 in, UTC milliseconds out", "[deletion][progress]") {
    CHECK(ms("1970-01-01T00:00:00Z") == 0);
    CHECK(ms("2024-01-12T10:00:00.5Z") == ms("2024-01-12T10:00:00Z") + 500);
    CHECK(ms("2024-01-12T12:00:00+02:00") == ms("2024-01-12T10:00:00Z"));
    CHECK(seamid::detail::format_timestamp(ms("2024-02-29T23:59:59.123Z")) == "2024-02-29T23:59:59.123Z");
    std::int64_t out = 0;
    CHECK_FALSE(seamid::detail::parse_timestamp("2024-01-12", out));
    CHECK_FALSE(seamid::detail::parse_timestamp("2024-13-12T10:00:00Z", out));
    CHECK_FALSE(seamid::detail::parse_timestamp("2024-01-12T10:00:00", out));
}

TEST_CASE("kind_from_event_type: the table's own text, an equal copy, and texts that only share its start", "[deletion]") {
    for (unsigned k = 0; k < seamid::attached_kind_count; ++k) {
        const auto kind = static_cast<seamid::resource_kind>(k);
        const std::string_view own = seamid::kind_info(kind).event_type;
        const std::string copy(own);
        CHECK(seamid::kind_from_event_type(own) == kind);
        CHECK(seamid::kind_from_event_type(copy) == kind);
        CHECK_FALSE(seamid::kind_from_event_type(own.substr(0, own.size() - 1)).has_value());  // same address, shorter
        CHECK_FALSE(seamid::kind_from_event_type(copy + "x").has_value());
        std::string upper(own);
        for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        CHECK_FALSE(seamid::kind_from_event_type(upper).has_value());
    }
    CHECK_FALSE(seamid::kind_from_event_type("").has_value());
    CHECK_FALSE(seamid::kind_from_event_type(seamid::kind_info(seamid::resource_kind::user_identity).event_type).has_value());
}

TEST_CASE("a refused plan's issues are read back from its JSON; other texts give none", "[deletion][json]") {
    const auto refused = seamid::plan_deletion("{\"user_identity\": 5}");
    REQUIRE_FALSE(refused.ok());
    const std::string text = seamid::deletion_plan_to_json(refused);
    const auto issues = seamid::read_refused_plan_issues(text);
    REQUIRE(issues.size() == refused.issues.size());
    for (std::size_t i = 0; i < issues.size(); ++i) {
        CHECK(issues[i].code == refused.issues[i].code);
        CHECK(issues[i].message == refused.issues[i].message);
        CHECK(issues[i].path == refused.issues[i].path);
        CHECK(issues[i].level == refused.issues[i].level);
    }
    CHECK(seamid::read_refused_plan_issues(R"({"ok": false, "issues": [{"code": "x", "severity": "error", "path": ["a", 2, -1, 1.5], "message": "m"}, 3]})").at(0).path ==
          seamid::issue_path{std::string("a"), std::size_t{2}});
    CHECK(seamid::read_refused_plan_issues(R"({"ok": true, "issues": [{"code": "x", "severity": "error"}]})").empty());
    CHECK(seamid::read_refused_plan_issues(R"({"ok": false, "issues": [{"code": "x", "severity": "warning"}]})").empty());
    CHECK(seamid::read_refused_plan_issues(R"({"ok": false, "issues": [{"code": "x"}]} trailing)").empty());
    CHECK(seamid::read_refused_plan_issues(seamid::deletion_plan_to_json(seamid::plan_deletion(read_text("deletion/sample-snapshot.json")))).empty());
}
