// ACS-link rules (docs/acs.md): model loading, every preflight verdict, scenarios, audit and bad input,
// driven by the shared fixtures tests/fixtures/acs*.json (also run by tests/js/acs.test.mjs).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <string>
#include <utility>
#include <vector>

#include "fixtures.hpp"
#include "seamid/acs/audit.hpp"
#include "seamid/common/uuid.hpp"
#include "seamid/acs/lists.hpp"
#include "seamid/acs/model.hpp"
#include "seamid/acs/preflight.hpp"

namespace {

using nlohmann::json;

std::vector<std::string> codes_of(const json& issues) {
    std::vector<std::string> out;
    for (const auto& found : issues) out.push_back(found["code"].get<std::string>());
    return out;
}

std::vector<std::string> codes_of(const std::vector<seamid::issue>& issues) {
    std::vector<std::string> out;
    for (const auto& found : issues) out.push_back(found.code);
    return out;
}

std::vector<std::string> strings(const json& array) {
    std::vector<std::string> out;
    for (const auto& item : array) out.push_back(item.get<std::string>());
    return out;
}

/// A model loaded with the fixture snapshot (checked clean).
seamid::acs_model fixture_model(const json& fixture) {
    seamid::acs_model model;
    const auto issues = model.load_text(fixture["snapshot"].dump());
    REQUIRE(issues.empty());
    REQUIRE(model.consistent());
    return model;
}

/// Checks a preflight JSON result against a fixture case or step.
void check_result(const json& result, const json& expected, const std::string& label) {
    INFO(label << "\n" << result.dump(1));
    CHECK(result["verdict"] == expected["verdict"]);
    CHECK(codes_of(result["issues"]) == strings(expected["codes"]));
    bool has_error = false;
    for (const auto& found : result["issues"]) {
        has_error = has_error || found["severity"] == "error";
        CHECK(found["message"].get<std::string>().size() > 30);
    }
    CHECK(result["ok"] == !has_error);
    CHECK((expected["verdict"] == "refused") == has_error);
    if (expected.contains("severities")) {
        std::vector<std::string> severities;
        for (const auto& found : result["issues"]) severities.push_back(found["severity"].get<std::string>());
        CHECK(severities == strings(expected["severities"]));
    }
    if (expected.contains("paths")) {
        std::vector<json> paths;
        for (const auto& found : result["issues"]) paths.push_back(found["path"]);
        CHECK(json(paths) == expected["paths"]);
    }
    if (expected.contains("mentions")) {
        std::string all;
        for (const auto& found : result["issues"]) all += found["message"].get<std::string>() + "\n";
        for (const auto& id : expected["mentions"]) CHECK(all.find(id.get<std::string>()) != std::string::npos);
    }
    if (expected.contains("plan")) CHECK(result["acs_systems"] == expected["plan"]);
}

seamid::validation_options options_of(const json& c) {
    seamid::validation_options options;
    if (c.value("profile", "") == "strict") options.rules = seamid::profile::strict;
    return options;
}

}  // namespace

TEST_CASE("acs: the code catalog ends with the last code", "[acs]") {
    static_assert(seamid::acs_code_details(seamid::acs_code::user_identity_has_multiple_acs_users_in_system).name ==
                  "user_identity_has_multiple_acs_users_in_system");
    static_assert(static_cast<std::size_t>(seamid::acs_code::user_identity_has_multiple_acs_users_in_system) + 1 == seamid::acs_code_count);
}

TEST_CASE("acs: the fixture snapshot loads from text and from a JSON tree alike", "[acs]") {
    const json fixture = seamid_test::load_fixture("acs.json");
    REQUIRE(fixture.is_object());
    seamid::acs_model from_text = fixture_model(fixture);
    seamid::acs_model from_tree;
    CHECK(from_tree.load(fixture["snapshot"]).empty());
    for (const auto* model : {&from_text, &from_tree}) {
        CHECK(model->acs_system_count() == 4);
        CHECK(model->acs_user_count() == 11);
        CHECK(model->user_identity_count() == 4);
        CHECK(model->consistent());
    }
    CHECK(seamid::audit_acs_model(from_text).issues.empty());
}

TEST_CASE("acs: every preflight verdict of the shared cases", "[acs]") {
    const json fixture = seamid_test::load_fixture("acs.json");
    const seamid::acs_model model = fixture_model(fixture);
    REQUIRE(fixture["cases"].size() >= 35);
    for (const auto& c : fixture["cases"]) {
        const std::string operation = c["operation"].get<std::string>();
        const json result = seamid::preflight_json(model, operation, c["request"], options_of(c));
        check_result(result, c, c["name"].get<std::string>());
    }
    CHECK(model.consistent());
}

TEST_CASE("acs: the allocation-free link check agrees with the JSON preflight", "[acs]") {
    const json fixture = seamid_test::load_fixture("acs.json");
    const seamid::acs_model model = fixture_model(fixture);
    for (const auto& c : fixture["cases"]) {
        const std::string operation = c["operation"].get<std::string>();
        const bool add = operation == "/user_identities/add_acs_user";
        if (!add && operation != "/user_identities/remove_acs_user") continue;
        const std::string* identity = seamid::string_member(c["request"], "user_identity_id");
        const std::string* acs_user = seamid::string_member(c["request"], "acs_user_id");
        if (identity == nullptr || acs_user == nullptr) continue;
        const seamid::acs_link_request request{*identity, *acs_user};
        const auto check = add ? seamid::check_add_acs_user(model, request) : seamid::check_remove_acs_user(model, request);
        INFO(c["name"].get<std::string>());
        CHECK(std::string(seamid::acs_verdict_name(check.verdict)) == c["verdict"].get<std::string>());
        CHECK(codes_of(seamid::link_check_issues(check, request)) == strings(c["codes"]));
        CHECK(seamid::issues_to_json(seamid::link_check_issues(check, request)) == seamid::preflight_json(model, operation, c["request"])["issues"]);
    }
}

TEST_CASE("acs: batched link checks give exactly the one-by-one results", "[acs]") {
    const json fixture = seamid_test::load_fixture("acs.json");
    const seamid::acs_model model = fixture_model(fixture);
    // Every id of the fixture snapshot, in both roles, plus ids that are unknown, malformed or upper case.
    std::vector<std::string> ids = {"not-a-uuid", "", "00000000-0000-4000-8000-000000000000", std::string(36, 'z')};
    for (const auto& user : fixture["snapshot"]["acs_users"]["acs_users"]) ids.push_back(user["acs_user_id"].get<std::string>());
    for (const auto& person : fixture["snapshot"]["user_identities"]) ids.push_back(person["user_identity_id"].get<std::string>());
    ids.push_back(ids.back());
    std::transform(ids.back().begin(), ids.back().end(), ids.back().begin(), [](char c) { return static_cast<char>(std::toupper(c)); });
    std::vector<seamid::acs_link_request> requests;
    for (const auto& identity : ids)
        for (const auto& acs_user : ids) requests.push_back({identity, acs_user});
    REQUIRE(requests.size() > 100);
    const auto same = [](const seamid::acs_link_check& a, const seamid::acs_link_check& b) {
        bool equal = a.verdict == b.verdict && a.count == b.count && a.user_identity == b.user_identity && a.acs_user == b.acs_user
            && a.acs_system == b.acs_system && a.other_user_identity == b.other_user_identity && a.other_acs_user == b.other_acs_user;
        for (std::uint8_t i = 0; i < a.count && equal; ++i)
            equal = a.findings[i].code == b.findings[i].code && a.findings[i].field == b.findings[i].field;
        return equal;
    };
    for (const bool add : {true, false}) {
        // Every length from 0 to 20 (groups of 8 and their remainders), then all requests at once.
        for (std::size_t count = 0; count <= 20; ++count) {
            std::vector<seamid::acs_link_check> out(count + 1);
            out[count].verdict = seamid::acs_verdict::no_op;  // past the end: must stay untouched
            seamid::check_acs_links(model, add, requests.data() + 7, count, out.data());
            for (std::size_t i = 0; i < count; ++i) {
                const auto one = add ? seamid::check_add_acs_user(model, requests[7 + i]) : seamid::check_remove_acs_user(model, requests[7 + i]);
                INFO("add " << add << " count " << count << " request " << i);
                CHECK(same(out[i], one));
            }
            CHECK(out[count].verdict == seamid::acs_verdict::no_op);
        }
        std::vector<seamid::acs_link_check> out(requests.size());
        seamid::check_acs_links(model, add, requests.data(), requests.size(), out.data());
        std::size_t verdicts[3] = {0, 0, 0};
        for (std::size_t i = 0; i < requests.size(); ++i) {
            const auto one = add ? seamid::check_add_acs_user(model, requests[i]) : seamid::check_remove_acs_user(model, requests[i]);
            INFO("add " << add << " request " << i << ": " << requests[i].user_identity_id << " " << requests[i].acs_user_id);
            CHECK(same(out[i], one));
            ++verdicts[static_cast<int>(out[i].verdict)];
        }
        // The corpus reaches every verdict the operation has.
        CHECK(verdicts[0] > 0);
        CHECK(verdicts[2] > 0);
        if (add) CHECK(verdicts[1] > 0);
    }
}

TEST_CASE("acs: scenarios run step by step on a live model", "[acs]") {
    const json fixture = seamid_test::load_fixture("acs.json");
    for (const auto& scenario : fixture["scenarios"]) {
        seamid::acs_model model = fixture_model(fixture);
        std::size_t index = 0;
        for (const auto& step : scenario["steps"]) {
            const std::string kind = step["step"].get<std::string>();
            const std::string label = scenario["name"].get<std::string>() + " / step " + std::to_string(index++) + " " + kind;
            INFO(label);
            if (kind == "link" || kind == "unlink") {
                const std::string* identity = seamid::string_member(step["request"], "user_identity_id");
                const std::string* acs_user = seamid::string_member(step["request"], "acs_user_id");
                REQUIRE((identity && acs_user));
                const seamid::acs_link_request request{*identity, *acs_user};
                const auto check = kind == "link" ? seamid::link_acs_user(model, request) : seamid::unlink_acs_user(model, request);
                CHECK(std::string(seamid::acs_verdict_name(check.verdict)) == step["verdict"].get<std::string>());
                CHECK(codes_of(seamid::link_check_issues(check, request)) == strings(step["codes"]));
                const bool applied = check.verdict == seamid::acs_verdict::allowed;
                CHECK(applied == step["applied"].get<bool>());
            } else if (kind == "preflight") {
                check_result(seamid::preflight_json(model, step["operation"].get<std::string>(), step["request"]), step, label);
            } else if (kind == "list_acs_users" || kind == "list_acs_systems") {
                const std::string id = step["user_identity_id"].get<std::string>();
                const seamid::acs_list list = kind == "list_acs_users" ? seamid::list_acs_users(model, id) : seamid::list_acs_systems(model, id);
                std::vector<std::string> ids;
                for (const auto item : list.items)
                    ids.push_back(seamid::to_string(kind == "list_acs_users" ? model.acs_users()[item].id : model.acs_systems()[item].id));
                CHECK(ids == strings(step["ids"]));
                CHECK(codes_of(list.issues) == strings(step.value("codes", json::array())));
            } else if (kind.rfind("put_", 0) == 0) {
                const std::vector<seamid::issue> issues = kind == "put_acs_user" ? model.put_acs_user(step["record"])
                                                          : kind == "put_user_identity" ? model.put_user_identity(step["record"])
                                                                                        : model.put_acs_system(step["record"]);
                CHECK(codes_of(issues) == strings(step["codes"]));
            } else if (kind.rfind("delete_", 0) == 0) {
                const std::string id = step["id"].get<std::string>();
                const bool done = kind == "delete_acs_user" ? model.delete_acs_user(id)
                                  : kind == "delete_user_identity" ? model.delete_user_identity(id) : model.delete_acs_system(id);
                CHECK(done == step["result"].get<bool>());
            } else if (kind == "counts") {
                CHECK(model.acs_systems().size() >= model.acs_system_count());
                CHECK(model.acs_system_count() == step["acs_systems"].get<std::size_t>());
                CHECK(model.acs_user_count() == step["acs_users"].get<std::size_t>());
                CHECK(model.user_identity_count() == step["user_identities"].get<std::size_t>());
            } else if (kind == "audit") {
                CHECK(codes_of(seamid::audit_acs_model(model).issues) == strings(step["codes"]));
            } else {
                FAIL("unknown step " << kind);
            }
            REQUIRE(model.consistent());
        }
    }
}

TEST_CASE("acs: audit of a snapshot with violations already in it", "[acs]") {
    const json fixture = seamid_test::load_fixture("acs-audit.json");
    seamid::acs_model model;
    CHECK(model.load_text(fixture["snapshot"].dump()).empty());
    const seamid::acs_audit_report report = seamid::audit_acs_model(model);
    const json& expected = fixture["expected"];
    CHECK(report.ok() == expected["ok"].get<bool>());
    CHECK(report.violations == expected["violations"].get<std::size_t>());
    CHECK(report.mismatches == expected["mismatches"].get<std::size_t>());
    REQUIRE(report.issues.size() == expected["issues"].size());
    for (std::size_t i = 0; i < report.issues.size(); ++i) {
        const json found = seamid::issue_to_json(report.issues[i]);
        INFO(found.dump());
        CHECK(found["code"] == expected["issues"][i]["code"]);
        CHECK(found["path"] == expected["issues"][i]["path"]);
        for (const auto& text : expected["issues"][i]["mentions"]) CHECK(found["message"].get<std::string>().find(text.get<std::string>()) != std::string::npos);
    }
    const json one_call = seamid::audit_acs_snapshot(fixture["snapshot"].dump());
    CHECK(one_call["counts"] == expected["counts"]);
    CHECK(one_call["violations"] == expected["violations"]);
    CHECK(one_call["ok"] == false);
}

TEST_CASE("acs: bad input gives issues with paths and a consistent model", "[acs]") {
    const json fixture = seamid_test::load_fixture("acs-bad-input.json");
    REQUIRE(fixture["cases"].size() >= 15);
    const auto sorted_pairs = [](const std::vector<seamid::issue>& issues) {
        std::vector<std::string> out;
        for (const auto& found : issues) out.push_back(found.code + " " + seamid::issue_to_json(found)["path"].dump());
        std::sort(out.begin(), out.end());
        return out;
    };
    for (const auto& c : fixture["cases"]) {
        INFO(c["name"].get<std::string>());
        std::vector<std::string> expected;
        for (const auto& found : c["issues"]) expected.push_back(found["code"].get<std::string>() + " " + found["path"].dump());
        std::sort(expected.begin(), expected.end());
        std::vector<seamid::acs_model> models(2);
        const std::string text = c.contains("text") ? c["text"].get<std::string>() : c["snapshot"].dump();
        CHECK(sorted_pairs(models[0].load_text(text)) == expected);
        if (c.contains("snapshot")) CHECK(sorted_pairs(models[1].load(c["snapshot"])) == expected);
        for (std::size_t m = 0; m < (c.contains("snapshot") ? 2u : 1u); ++m) {
            const seamid::acs_model& model = models[m];
            CHECK(model.consistent());
            const json& counts = c["counts"];
            if (counts.contains("acs_users")) CHECK(model.acs_user_count() == counts["acs_users"].get<std::size_t>());
            if (counts.contains("user_identities")) CHECK(model.user_identity_count() == counts["user_identities"].get<std::size_t>());
            if (counts.contains("acs_systems")) CHECK(model.acs_system_count() == counts["acs_systems"].get<std::size_t>());
            if (c.contains("audit")) CHECK(codes_of(seamid::audit_acs_model(model).issues) == strings(c["audit"]));
        }
    }
}

TEST_CASE("acs: hostile text never breaks the model", "[acs]") {
    const json fixture = seamid_test::load_fixture("acs.json");
    seamid::acs_model model = fixture_model(fixture);
    const std::string a1 = "ac000000-0000-4000-8000-000000000001", s1 = "5e000000-0000-4000-8000-000000000001";
    const std::vector<std::string> hostile = {
        "",
        std::string(1 << 20, '['),
        "{\"acs_users\": [{\"acs_user_id\": \"" + a1 + "\", \"acs_system_id\": \"" + s1 + "\", \"full_name\": \"\xff\xfe\"}]}",
        std::string("{\"acs_users\": [\0]}", 18),
        "{\"acs_users\": [{\"acs_user_id\": \"" + std::string(1 << 20, 'a') + "\"}]}",
        "{\"user_identities\": [{\"user_identity_id\": \"" + std::string(100000, 'x') + "\"}]}",
    };
    for (const auto& text : hostile) {
        const auto issues = model.load_text(text);
        CHECK_FALSE(issues.empty());
        REQUIRE(model.consistent());
    }
    // The records of the fixture are untouched and still answer.
    const auto check = seamid::check_add_acs_user(model, {"1d000000-0000-4000-8000-000000000001", a1});
    CHECK(check.verdict == seamid::acs_verdict::no_op);
    CHECK(seamid::dump_json(seamid::audit_json(seamid::audit_acs_model(model), model)).size() > 10);
}

TEST_CASE("acs: new ACS users' emails follow the identity email rules", "[acs]") {
    CHECK(seamid::acs_email_issues("jane@example.com").empty());
    CHECK(seamid::acs_email_issues("j.o'neil+tag@mail.example.co.uk").empty());
    const std::pair<const char*, const char*> cases[] = {
        {"", "email_empty"}, {"jane", "email_missing_at"}, {"@example.com", "email_missing_local_part"},
        {"jane@", "email_missing_domain"}, {"jane@example", "email_missing_tld"}, {"jane@@example.com", "email_multiple_at"},
        {"jane@ex..com", "email_misplaced_dot"}, {"jane @example.com", "email_invalid_character"},
        {"jane@example.com.", "email_invalid_tld"}, {"jane@ex\xff.com", "invalid_utf8"}};
    for (const auto& [bad, code] : cases) {
        INFO(bad);
        const auto issues = seamid::acs_email_issues(bad, {std::string("email_address")});
        REQUIRE(issues.size() == 1);
        CHECK(issues[0].code == code);
        CHECK(issues[0].level == seamid::severity::error);
    }
    const auto formatted = seamid::acs_email_issues("Jane <jane@example.com>");
    REQUIRE(formatted.size() == 1);
    CHECK(formatted[0].suggestion == "jane@example.com");
}

TEST_CASE("acs: the one-ACS-user-per-system rule follows ACS users that move between systems or are deleted", "[acs]") {
    // System k's id ends in k. One identity; its ACS user moves between systems 3, 5 and 67 by puts, then is deleted.
    const auto id = [](const char* prefix, int n) {
        std::string tail = std::to_string(n);
        return std::string(prefix) + "000000-0000-4000-8000-" + std::string(12 - tail.size(), '0') + tail;
    };
    seamid::acs_model model;
    for (int k = 0; k < 70; ++k) REQUIRE(model.put_acs_system({{"acs_system_id", id("5e", k)}, {"name", "System " + std::to_string(k)}}).empty());
    REQUIRE(model.put_user_identity({{"user_identity_id", id("1d", 1)}, {"full_name", "Ada"}}).empty());
    const auto put_acs_user = [&](int n, int system, bool linked) {
        json record = {{"acs_user_id", id("ac", n)}, {"acs_system_id", id("5e", system)}, {"full_name", "ACS user " + std::to_string(n)}};
        if (linked) record["user_identity_id"] = id("1d", 1);
        REQUIRE(model.put_acs_user(record).empty());
        REQUIRE(model.consistent());
    };
    const std::string identity = id("1d", 1), moved = id("ac", 1), in_5 = id("ac", 2), in_67 = id("ac", 3);
    const auto add = [&](const std::string& acs_user) { return seamid::check_add_acs_user(model, {identity, acs_user}); };
    const auto refused_naming_moved = [&](const seamid::acs_link_check& check) {
        return check.verdict == seamid::acs_verdict::refused && check.count == 1 &&
               check.findings[0].code == seamid::acs_code::user_identity_has_acs_user_in_system && seamid::to_string(check.other_acs_user) == moved;
    };
    put_acs_user(1, 3, true);
    put_acs_user(2, 5, false);
    put_acs_user(3, 67, false);
    CHECK(add(in_5).verdict == seamid::acs_verdict::allowed);
    CHECK(add(in_67).verdict == seamid::acs_verdict::allowed);
    put_acs_user(1, 5, true);                                   // the linked ACS user moves to system 5
    CHECK(refused_naming_moved(add(in_5)));
    CHECK(add(in_67).verdict == seamid::acs_verdict::allowed);
    put_acs_user(1, 67, true);
    CHECK(add(in_5).verdict == seamid::acs_verdict::allowed);
    CHECK(refused_naming_moved(add(in_67)));
    put_acs_user(1, 67, false);                                 // unlinked by a put without user_identity_id
    CHECK(add(in_67).verdict == seamid::acs_verdict::allowed);
    put_acs_user(1, 5, true);
    REQUIRE(model.delete_acs_user(moved));
    REQUIRE(model.consistent());
    CHECK(add(in_5).verdict == seamid::acs_verdict::allowed);
    // The batched checks read the same bits.
    const std::vector<seamid::acs_link_request> requests = {{identity, in_5}, {identity, in_67}};
    std::vector<seamid::acs_link_check> out(2);
    seamid::check_acs_links(model, true, requests.data(), requests.size(), out.data());
    CHECK(out[0].verdict == seamid::acs_verdict::allowed);
    CHECK(out[1].verdict == seamid::acs_verdict::allowed);
}

TEST_CASE("acs: preflight of a body given as text is the preflight of the parsed body, written as dump_json writes it", "[acs][json]") {
    const json fixture = seamid_test::load_fixture("acs.json");
    const seamid::acs_model model = fixture_model(fixture);
    for (const auto& c : fixture["cases"]) {
        const std::string operation = c["operation"].get<std::string>();
        const std::string text = seamid::preflight_json_text(model, operation, seamid::read_json_members(c["request"].dump()), options_of(c));
        check_result(json::parse(text), c, c["name"].get<std::string>());
        CHECK(text == seamid::dump_json(json::parse(text)));
    }
    const std::string unknown = seamid::preflight_json_text(model, "/nope", seamid::read_json_members("{}"));
    CHECK(codes_of(json::parse(unknown)["issues"]) == std::vector<std::string>{"unknown_operation"});
    // A body that is not JSON reads as no object: refused with a type error, never a crash.
    const json broken = json::parse(seamid::preflight_json_text(model, seamid::acs_operations[0], seamid::read_json_members("{\"user_identity_id\": ")));
    CHECK(broken["verdict"] == "refused");
    CHECK(codes_of(broken["issues"]) == std::vector<std::string>{"invalid_type"});
}

TEST_CASE("acs: records put as JSON text, lists, audit and counts written as text", "[acs][json]") {
    const json fixture = seamid_test::load_fixture("acs.json");
    seamid::acs_model model = fixture_model(fixture);
    const json& snapshot = fixture["snapshot"];
    const json& system = snapshot["acs_systems"]["acs_systems"][0];
    CHECK(seamid::put_acs_record_json(model, seamid::acs_section::acs_systems, system.dump()).empty());
    CHECK(codes_of(seamid::put_acs_record_json(model, seamid::acs_section::acs_users, "{\"acs_user_id\": ")) == std::vector<std::string>{"invalid_json"});
    CHECK(seamid::put_acs_record_json(model, seamid::acs_section::user_identities, "[]").at(0).message == "Expected a user_identity object, received array.");
    CHECK(codes_of(seamid::put_acs_record_json(model, seamid::acs_section::acs_users, R"({"acs_user_id": "not-a-uuid"})")) ==
          codes_of(model.put_acs_user(json{{"acs_user_id", "not-a-uuid"}})));
    CHECK(model.consistent());
    for (std::uint32_t i = 0; i < model.acs_users().size(); ++i) {
        if (!model.acs_users()[i].present) continue;
        std::string text;
        seamid::append_acs_user_json(text, model, i);
        CHECK(text == seamid::dump_json(json::parse(text)));
    }
    const std::string audit = seamid::audit_json_text(seamid::audit_acs_model(model), model);
    CHECK(audit == seamid::dump_json(json::parse(audit)));
    CHECK(json::parse(audit)["counts"] == seamid::acs_counts_json(model));
    const std::string snapshot_audit = seamid::audit_acs_snapshot_text(snapshot.dump());
    CHECK(json::parse(snapshot_audit)["ok"] == true);
    CHECK(codes_of(json::parse(seamid::audit_acs_snapshot_text("{\"acs_users\": ["))["issues"]) == std::vector<std::string>{"invalid_json"});
}

TEST_CASE("acs: contact chains survive deletes that empty them and puts that refill them", "[acs]") {
    seamid::acs_model model;
    const std::string system = "5e000000-0000-4000-8000-000000000001";
    REQUIRE(model.put_acs_system({{"acs_system_id", system}, {"name", "Site"}}).empty());
    const auto user = [&](int n, const std::string& email, const std::string& phone) {
        return json{{"acs_user_id", "ac000000-0000-4000-8000-00000000000" + std::to_string(n)}, {"acs_system_id", system},
                    {"email_address", email}, {"phone_number", phone}};
    };
    const auto matches = [&](std::string_view email, std::string_view phone) {
        std::vector<std::uint32_t> by_email, by_phone;
        const std::uint32_t s = model.find_acs_system(system);
        model.for_each_email_match(s, email, [&](std::uint32_t i) { by_email.push_back(i); });
        model.for_each_phone_match(s, phone, [&](std::uint32_t i) { by_phone.push_back(i); });
        return std::make_pair(by_email.size(), by_phone.size());
    };
    for (int round = 0; round < 40; ++round) {  // many emptied chains: their keys are erased, the table is reused
        REQUIRE(model.put_acs_user(user(1, "A" + std::to_string(round) + "@x.io", "+1415555010" + std::to_string(round % 10))).empty());
        REQUIRE(model.put_acs_user(user(2, "a" + std::to_string(round) + "@X.IO", "+14155550999")).empty());
        CHECK(matches("a" + std::to_string(round) + "@x.io", "+14155550999") == std::make_pair(std::size_t{2}, std::size_t{1}));
        REQUIRE(model.delete_acs_user("ac000000-0000-4000-8000-000000000001"));
        CHECK(matches("A" + std::to_string(round) + "@x.io", "+1415555010" + std::to_string(round % 10)) == std::make_pair(std::size_t{1}, std::size_t{0}));
        REQUIRE(model.delete_acs_user("ac000000-0000-4000-8000-000000000002"));
        CHECK(matches("a" + std::to_string(round) + "@x.io", "+14155550999") == std::make_pair(std::size_t{0}, std::size_t{0}));
    }
}
