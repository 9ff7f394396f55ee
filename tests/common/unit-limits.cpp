// Tests of the limits every reader keeps on hostile input (docs/reliability.md): one issue cap with the count
// of what was left out, the JSON depth limit, repeated keys refused by every reader, random hash seeds, the
// batch's O(1) case-variant look-up, streaming batch and event callbacks, and the plan's issues round trip.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "fixtures.hpp"
#include "seamid/acs/snapshot_reader.hpp"
#include "seamid/deletion/plan.hpp"
#include "seamid/deletion/progress.hpp"
#include "seamid/detail/issue_cap.hpp"
#include "seamid/json/dom.hpp"
#include "seamid/validation/identity_request.hpp"
#include "seamid/workspace/batch.hpp"
#include "seamid/workspace/index.hpp"
#include "seamid/workspace/uniqueness.hpp"

namespace {

using seamid::detail::max_issues;

std::vector<std::string> codes_of(const std::vector<seamid::issue>& issues) {
    std::vector<std::string> codes;
    for (const auto& found : issues) codes.push_back(found.code);
    return codes;
}

/// `open` + `count` copies of `element` separated by commas + `close`.
std::string repeated(std::string_view open, std::string_view element, std::size_t count, std::string_view close) {
    std::string out(open);
    out.reserve(open.size() + count * (element.size() + 1) + close.size());
    for (std::size_t i = 0; i < count; ++i) {
        if (i > 0) out += ',';
        out += element;
    }
    out += close;
    return out;
}

/// The snapshot of the deletion fixture case named `name`, as JSON text.
std::string deletion_case(const std::string& name) {
    const auto fixture = seamid_test::load_fixture("deletion/snapshots.json");
    for (const auto& test_case : fixture["cases"])
        if (test_case["name"] == name) return test_case["snapshot"].dump();
    FAIL("no deletion fixture case " << name);
    return {};
}

}  // namespace

TEST_CASE("issue cap: at most max_issues issues, then one too_many_issues error counting the rest", "[limits]") {
    std::vector<seamid::issue> issues;
    for (std::size_t i = 0; i < max_issues; ++i) seamid::detail::add_capped(issues, {{i}, "invalid_type", seamid::severity::error, "x", std::nullopt});
    CHECK(issues.size() == max_issues);
    CHECK(seamid::detail::issues_left_out(issues) == 0);
    seamid::detail::add_capped(issues, {{}, "invalid_type", seamid::severity::error, "x", std::nullopt});
    REQUIRE(issues.size() == max_issues + 1);
    CHECK(issues.back().code == "too_many_issues");
    CHECK(issues.back().message == "More than 100 issues; 1 more was left out. Fix these and check again.");
    for (int i = 0; i < 41; ++i) seamid::detail::add_capped(issues, {{}, "invalid_type", seamid::severity::error, "x", std::nullopt});
    CHECK(issues.size() == max_issues + 1);
    CHECK(seamid::detail::issues_left_out(issues) == 42);
    // cap_issues folds whatever was pushed past the cap into the same count (readers call it after each value).
    for (int i = 0; i < 8; ++i) issues.push_back({{}, "invalid_uuid", seamid::severity::warning, "y", std::nullopt});
    seamid::detail::cap_issues(issues);
    CHECK(issues.size() == max_issues + 1);
    CHECK(seamid::detail::issues_left_out(issues) == 50);
    std::vector<seamid::issue> short_list(3, seamid::issue{{}, "invalid_type", seamid::severity::error, "x", std::nullopt});
    seamid::detail::cap_issues(short_list);
    CHECK(short_list.size() == 3);
}

TEST_CASE("workspace list: a million bad elements give max_issues issues and the count; text and DOM loads agree", "[limits][workspace]") {
    const std::string text = repeated("[", "1", 200000, "]");
    seamid::workspace_index streamed;
    const auto issues = streamed.load_json(text);
    REQUIRE(issues.size() == max_issues + 1);
    CHECK(issues.front().code == "invalid_type");
    CHECK(issues.back().code == "too_many_issues");
    CHECK(seamid::detail::issues_left_out(issues) == 200000 - max_issues);
    seamid::workspace_index parsed;
    const auto from_dom = parsed.load(seamid::parse_json(text).value);
    CHECK(seamid::issues_json_text(from_dom) == seamid::issues_json_text(issues));
    // Duplicate ids: warnings, capped the same way, every identity still indexed once.
    std::string ids = "[";
    for (int i = 0; i < 3000; ++i) ids += std::string(i ? "," : "") + R"({"user_identity_id": "1d000000-0000-4000-8000-000000000001"})";
    ids += "]";
    seamid::workspace_index duplicates;
    const auto repeated_ids = duplicates.load_json(ids);
    CHECK(repeated_ids.size() == max_issues + 1);
    CHECK(seamid::detail::issues_left_out(repeated_ids) == 2999 - max_issues);
    CHECK(duplicates.size() == 1);
}

TEST_CASE("ACS snapshot: a million bad records give max_issues issues and the count; text and DOM loads agree", "[limits][acs]") {
    const std::string text = repeated(R"({"acs_users": [)", "1", 200000, "]}");
    seamid::acs_model streamed;
    const auto issues = streamed.load_text(text);
    REQUIRE(issues.size() == max_issues + 1);
    CHECK(issues.back().code == "too_many_issues");
    CHECK(seamid::detail::issues_left_out(issues) == 200000 - max_issues);
    seamid::acs_model parsed;
    CHECK(seamid::issues_json_text(parsed.load(seamid::parse_json(text).value)) == seamid::issues_json_text(issues));
    // The model still answers afterwards.
    CHECK(streamed.load_text(R"({"acs_systems": []})").empty());
}

TEST_CASE("repeated keys: the streaming and the DOM loads agree, both refuse them", "[limits][workspace][json]") {
    const std::string text =
        R"({"user_identities":[{"user_identity_id":"1d000000-0000-4000-8000-000000000001"}],"user_identities":[]})";
    seamid::workspace_index streamed;
    const auto from_text = streamed.load_json(text);
    CHECK(codes_of(from_text) == std::vector<std::string>{"invalid_json"});
    CHECK(streamed.size() == 0);
    const auto parsed = seamid::parse_json(text);
    CHECK(codes_of(parsed.issues) == std::vector<std::string>{"invalid_json"});
    CHECK(parsed.issues.at(0).message == from_text.at(0).message);
    seamid::acs_model model;
    CHECK(codes_of(model.load_text(R"({"acs_users": [], "acs_users": []})")) == std::vector<std::string>{"invalid_json"});
    CHECK(seamid::plan_deletion(R"({"user_identity": {}, "user_identity": {}})").issues.at(0).code == "invalid_json");
}

TEST_CASE("depth limit: 10 MB of '[' is refused at byte 512 by every reader, in bounded memory", "[limits][json]") {
    // Inside an object member, so that every reader reads on until the limit (at the root, the readers that
    // expect an object stop at once with invalid_type).
    const std::string deep = R"({"acs_users": )" + std::string(10u << 20, '[');
    const std::string at_525 = "nested deeper than 512 levels at byte 525";
    seamid::workspace_index index;
    CHECK(index.load_json(deep).at(0).message.find(at_525) != std::string::npos);
    seamid::acs_model model;
    CHECK(model.load_text(deep).back().message.find(at_525) != std::string::npos);
    CHECK(seamid::plan_deletion(deep).issues.at(0).code == "invalid_json");
    CHECK(seamid::read_deletion_plan(deep).issues.at(0).message.find(at_525) != std::string::npos);
    CHECK(seamid::validate_create(std::string_view(deep)).at(0).message.find(at_525) != std::string::npos);
    CHECK(seamid::validate_json_batch(index, std::string(10u << 20, '[')).issues.at(0).message.find("nested deeper than 512 levels at byte 512") !=
          std::string::npos);
    std::vector<seamid::issue> issues;
    seamid::deletion_progress progress(seamid::deletion_plan{});
    CHECK(seamid::apply_events_json(progress, deep, issues).empty());
    CHECK(issues.at(0).message.find(at_525) != std::string::npos);
    const std::string object_deep = repeated("", R"({"a":)", 600, "") + "1" + std::string(600, '}');
    CHECK_FALSE(seamid::parse_json(object_deep).ok());
}

TEST_CASE("hash seeds: every table and index draws its own random seed", "[limits][hash_table]") {
    CHECK(seamid::detail::process_seed() == seamid::detail::process_seed());
    CHECK(seamid::detail::random_seed() != seamid::detail::random_seed());
    const seamid::workspace_index a, b;
    CHECK(a.hash_seed() != b.hash_seed());
    // Results never depend on the seed: two indexes load the same list to the same answers.
    const std::string list = R"([{"user_identity_id": "1d000000-0000-4000-8000-000000000001", "email_address": "A@x.co"},
                                 {"user_identity_id": "1d000000-0000-4000-8000-000000000002", "email_address": "a@x.co"}])";
    seamid::workspace_index first, second;
    CHECK(first.load_json(list).empty());
    CHECK(second.load_json(list).empty());
    CHECK(first.find(seamid::identity_field::email_address, "a@x.co") == second.find(seamid::identity_field::email_address, "a@x.co"));
}

TEST_CASE("batch emails: case variants keep their verdicts (first row, exact before variant)", "[limits][batch]") {
    const seamid::workspace_index workspace;
    const std::string csv = "email_address\nA@x.co\na@x.co\na@x.co\nA@X.CO\nb@x.co\nA@x.co\n";
    const auto report = seamid::validate_csv_batch(workspace, csv);
    std::vector<std::string> found;
    for (const auto& row : report.rows)
        for (const auto& conflict : row.conflicts)
            found.push_back(std::to_string(row.row) + (conflict.kind == seamid::match_kind::exact ? " exact " : " variant ") + std::to_string(conflict.row));
    // Row 2 is a case variant of row 1; row 3 repeats row 2 exactly; row 4 is a variant (first row: 1); row 6 repeats row 1.
    CHECK(found == std::vector<std::string>{"2 variant 1", "3 exact 2", "4 variant 1", "6 exact 1"});
    seamid::batch_email_rows emails;
    std::uint32_t exact = 0, variant = 0;
    emails.find("x@y.co", exact, variant);
    CHECK((exact == 0 && variant == 0));
    emails.remember("x@y.co", 1);
    emails.remember("X@y.co", 2);
    emails.find("X@Y.CO", exact, variant);
    CHECK((exact == 0 && variant == 1));
    emails.find("X@y.co", exact, variant);
    CHECK((exact == 2 && variant == 0));
    CHECK(emails.size() == 2);
}

TEST_CASE("batch streaming: row reports go to a callback as they are made, the same as the collected report", "[limits][batch]") {
    const seamid::workspace_index workspace;
    std::string csv = "user_identity_key,email_address\n";
    for (int i = 0; i < 10000; ++i) csv += "k" + std::to_string(i % 5000) + ",e" + std::to_string(i) + "@x.co\n";
    const auto collected = seamid::validate_csv_batch(workspace, csv);
    std::size_t calls = 0;
    std::string streamed_json;
    const auto streamed = seamid::validate_csv_batch(workspace, csv, {}, [&](seamid::row_report&& row) {
        ++calls;
        seamid::append_row_report_json(streamed_json, row);
    });
    CHECK(calls == 5000);
    CHECK(streamed.rows.empty());
    std::string collected_json;
    for (const auto& row : collected.rows) seamid::append_row_report_json(collected_json, row);
    CHECK(streamed_json == collected_json);
    CHECK(streamed.summary.rows_with_errors == collected.summary.rows_with_errors);
    // The same for a JSON batch.
    std::string rows = "[";
    for (int i = 0; i < 100; ++i) rows += std::string(i ? "," : "") + R"({"user_identity_key": "same"})";
    rows += "]";
    std::size_t json_calls = 0;
    const auto json_report = seamid::validate_json_batch(workspace, rows, {}, [&](seamid::row_report&&) { ++json_calls; });
    CHECK(json_calls == 99);
    CHECK(json_report.rows.empty());
    CHECK(json_report.summary.rows == 100);
}

TEST_CASE("events: applied one at a time through a callback; text that is not JSON applies nothing", "[limits][deletion]") {
    auto plan = seamid::plan_deletion(deletion_case("two ACS users in one ACS system (warning, still planned)"));
    REQUIRE(plan.ok());
    seamid::deletion_progress progress(plan, {std::int64_t{0}});
    std::vector<seamid::issue> issues;
    std::size_t calls = 0;
    const std::string many = repeated("[", "1", 100000, "]");
    CHECK(seamid::apply_events_json(progress, many, issues, [&](seamid::event_outcome&& outcome) {
              calls += outcome.reason == "not_an_object";
          }) == 100000);
    CHECK(calls == 100000);
    CHECK(issues.empty());
    // A syntax error after a valid event: nothing is applied.
    const std::string event = R"({"event_type": "client_session.deleted", "client_session_id": "c5e55001-0000-4000-8000-000000000001"})";
    CHECK(seamid::apply_events_json(progress, "[" + event + ", oops]", issues).empty());
    CHECK(codes_of(issues) == std::vector<std::string>{"invalid_json"});
    CHECK(progress.confirmed_count() == 0);
    issues.clear();
    CHECK(seamid::apply_events_json(progress, "[" + event + "]", issues).at(0).outcome == "confirmed");
    CHECK(progress.confirmed_count() == 1);
}

TEST_CASE("apply_result: a requested_at no RFC 3339 text can hold is an invalid_timestamp issue", "[limits][deletion]") {
    auto plan = seamid::plan_deletion(deletion_case("two ACS users in one ACS system (warning, still planned)"));
    REQUIRE(plan.ok());
    seamid::deletion_progress progress(plan, {std::int64_t{0}});
    const auto rejected = progress.apply_result(0, std::nullopt, std::int64_t{300000000000000});
    CHECK(rejected.outcome == "rejected");
    CHECK(codes_of(rejected.issues) == std::vector<std::string>{"invalid_timestamp"});
    CHECK(progress.apply_result(0, std::nullopt, std::int64_t{1700000000000}).outcome != "rejected");
    using progress_t = seamid::deletion_progress;
    CHECK_FALSE(progress_t::time_from_double(std::numeric_limits<double>::quiet_NaN()));
    CHECK_FALSE(progress_t::time_from_double(std::numeric_limits<double>::infinity()));
    CHECK_FALSE(progress_t::time_from_double(1e300));
    CHECK(progress_t::time_from_double(1700000000000.0) == std::int64_t{1700000000000});
}

TEST_CASE("plan JSON round trip keeps the plan's issues (a resumed run still shows its warnings)", "[limits][deletion]") {
    const auto plan = seamid::plan_deletion(deletion_case("two ACS users in one ACS system (warning, still planned)"));
    REQUIRE(plan.ok());
    REQUIRE(codes_of(plan.issues) == std::vector<std::string>{"acs_system_linked_twice"});
    const std::string written = seamid::deletion_plan_to_json(plan);
    const auto read = seamid::read_deletion_plan(written);
    CHECK(read.ok());
    CHECK(seamid::issues_json_text(read.issues) == seamid::issues_json_text(plan.issues));
    CHECK(seamid::deletion_plan_to_json(read) == written);
}

TEST_CASE("fuzz findings: the readers and the DOM agree on what is JSON", "[limits][json][fuzz]") {
    // fuzz/regressions/json_reader/number-beyond-double: a number no 64-bit float holds was read by the streaming
    // readers and refused by the DOM (nlohmann/json); now the one reader refuses it, so every path agrees.
    struct checker final : seamid::json_reader {
        bool on_value(seamid::json_kind, std::string_view) override { return true; }
        bool on_end(std::size_t, bool) override { return true; }
    } reader;
    const std::string midpoint = "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792";  // 2^1024 - 2^970: rounds to infinity
    const std::string below = "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497791";     // one less: rounds to DBL_MAX
    for (const std::string& text : {std::string("1e400"), std::string("-1e309"), std::string("0.1e310"), midpoint, "[" + midpoint + ".0]", midpoint + "0e-1", below + "1"}) {
        CHECK_FALSE(reader.run(text));
        CHECK(reader.error_reason() == "number too large (beyond a 64-bit float)");
        CHECK_FALSE(seamid::parse_json(text).ok());
    }
    for (const std::string& text : {std::string("1e308"), std::string("1.7976931348623157e308"), std::string("1e-400"), std::string("0.0e999"), below,
                                   std::string("-0.00001e313"), std::string("18446744073709551616")}) {
        CHECK(reader.run(text));
        CHECK(seamid::parse_json(text).ok());
    }
    CHECK(seamid::validate_create(R"({"full_name": 1e400})").at(0).code == "invalid_json");
    // fuzz/regressions/json_reader/nul-ends-nlohmann-input: nlohmann/json stops at a NUL byte, so parse_json took
    // "1\0*" for 1; the one reader reads it first and refuses the text after the value.
    CHECK_FALSE(seamid::parse_json(std::string_view("1\0*", 3)).ok());
    CHECK(seamid::validate_create(std::string_view("{}\0{\"email_address\": 1}", 25)).at(0).code == "invalid_json");
}

TEST_CASE("workspace emails: case variants chained, so removing or updating any of them keeps the others found", "[limits][workspace]") {
    seamid::workspace_index index;
    REQUIRE(index.load_json(R"([{"user_identity_id": "1d000000-0000-4000-8000-000000000001", "email_address": "Ann@x.co"},
        {"user_identity_id": "1d000000-0000-4000-8000-000000000002", "email_address": "ann@x.co"},
        {"user_identity_id": "1d000000-0000-4000-8000-000000000003", "email_address": "ANN@X.CO"},
        {"user_identity_id": "1d000000-0000-4000-8000-000000000004", "email_address": "ann@x.co"}])").empty());
    const auto holders = [&index](std::string_view email) {
        std::vector<std::string> out;
        index.visit_holders(seamid::identity_field::email_address, email, [&](seamid::workspace_index::slot_type slot, seamid::match_kind kind) {
            out.push_back(std::string(index.value(slot, seamid::identity_field::user_identity_id)).substr(35) + (kind == seamid::match_kind::exact ? "=" : "~"));
            return true;
        });
        std::sort(out.begin(), out.end());
        return out;
    };
    CHECK(holders("ann@x.co") == std::vector<std::string>{"1~", "2=", "3~", "4="});
    CHECK(index.remove("1d000000-0000-4000-8000-000000000001").empty());  // the chain's head
    CHECK(holders("ann@x.co") == std::vector<std::string>{"2=", "3~", "4="});
    CHECK(index.update_json(R"({"user_identity_id": "1d000000-0000-4000-8000-000000000004", "email_address": "other@x.co"})").empty());
    CHECK(holders("Ann@X.co") == std::vector<std::string>{"2~", "3~"});
    CHECK(holders("other@x.co") == std::vector<std::string>{"4="});
    CHECK(index.remove("1d000000-0000-4000-8000-000000000003").empty());
    CHECK(index.remove("1d000000-0000-4000-8000-000000000002").empty());
    CHECK(holders("ann@x.co").empty());
    CHECK(seamid::audit(index).issues.empty());
}

TEST_CASE("hash_table clear: a table grown for one big set frees its memory when cleared for small ones", "[limits][hash_table]") {
    seamid::detail::hash_table<std::uint32_t> table;
    table.reserve(100000);
    for (std::uint32_t i = 0; i < 10; ++i) (void)table.try_insert(i << 20, i);
    const std::size_t big = table.memory();
    table.clear();  // 10 entries in a table for 100000: the memory goes, clearing costs what was used
    CHECK(table.memory() < big / 100);
    CHECK(table.size() == 0);
    CHECK(table.find(1u << 20) == table.none);
    for (std::uint32_t i = 0; i < 5000; ++i) (void)table.try_insert(i << 12, i);
    table.clear();  // densely used: kept for the next set
    CHECK(table.memory() > 0);
    CHECK(table.find(0) == table.none);
    CHECK(table.try_insert(7, 1) == table.none);
}
