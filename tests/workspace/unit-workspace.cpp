// Tests of seamid/workspace/index.hpp, uniqueness.hpp, csv.hpp and batch.hpp: the shared fixture
// (tests/fixtures/workspace.json, also read by tests/js/workspace.test.mjs) plus incremental changes,
// index consistency after bad input, and huge or hostile inputs.
#include <catch2/catch.hpp>

#include <array>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "fixtures.hpp"
#include "seamid/workspace/batch.hpp"
#include "seamid/workspace/batch_candidates.hpp"
#include "seamid/workspace/csv.hpp"
#include "seamid/workspace/uniqueness.hpp"
#include "seamid/workspace/index.hpp"

using nlohmann::json;

namespace {

const json& fixture() {
    static const json loaded = seamid_test::load_fixture("workspace.json");
    return loaded;
}

// The default hash seed and another: every result must be the same whatever the seed.
constexpr std::uint64_t hash_seeds[] = {seamid::detail::default_hash_seed, 0x9b1f5e3a7c2d4e6full};

seamid::workspace_index fixture_workspace(std::uint64_t seed = seamid::detail::default_hash_seed) {
    seamid::workspace_index index;
    REQUIRE(index.set_hash_seed(seed));
    REQUIRE(index.hash_seed() == seed);
    const auto issues = index.load(fixture()["workspace"]);
    REQUIRE(issues.empty());
    REQUIRE(index.size() == 4);
    return index;
}

seamid::validation_options options_for(const json& test_case) {
    seamid::validation_options options;
    if (test_case.value("profile", "standard") == "strict") options.rules = seamid::profile::strict;
    return options;
}

std::vector<std::string> codes_of(const std::vector<seamid::issue>& issues) {
    std::vector<std::string> codes;
    for (const auto& found : issues) codes.push_back(found.code);
    return codes;
}

json path_json(const seamid::issue_path& path) { return seamid::issue_to_json({path, "", seamid::severity::error, "", std::nullopt})["path"]; }

void check_uniqueness_case(const seamid::workspace_index& index, const json& test_case, bool update) {
    INFO("case: " << test_case["name"].get<std::string>());
    const auto result = update ? seamid::check_update(index, test_case["request"], options_for(test_case))
                               : seamid::check_create(index, test_case["request"], options_for(test_case));
    CHECK(codes_of(result.issues) == test_case["codes"].get<std::vector<std::string>>());
    if (test_case.contains("severities")) {
        std::vector<std::string> severities;
        for (const auto& found : result.issues) severities.emplace_back(seamid::severity_name(found.level));
        CHECK(severities == test_case["severities"].get<std::vector<std::string>>());
    }
    if (test_case.contains("holders")) {
        std::vector<std::string> holders;
        for (const auto& found : result.conflicts) holders.push_back(found.user_identity_id);
        CHECK(holders == test_case["holders"].get<std::vector<std::string>>());
        for (std::size_t i = 0; i < result.conflicts.size(); ++i)  // the message names the holder
            CHECK(result.issues.at(i).message.find(result.conflicts[i].user_identity_id) != std::string::npos);
    }
    CHECK(result.ok() == !seamid::has_errors(result.issues));
}

}  // namespace

TEST_CASE("create requests against the fixture workspace", "[workspace][fixtures]") {
    for (const std::uint64_t seed : hash_seeds) {
        INFO("hash seed " << seed);
        const auto index = fixture_workspace(seed);
        REQUIRE(fixture()["create"].size() >= 10);
        for (const auto& test_case : fixture()["create"]) check_uniqueness_case(index, test_case, false);
    }
}

TEST_CASE("update requests against the fixture workspace", "[workspace][fixtures]") {
    for (const std::uint64_t seed : hash_seeds) {
        INFO("hash seed " << seed);
        const auto index = fixture_workspace(seed);
        REQUIRE(fixture()["update"].size() >= 5);
        for (const auto& test_case : fixture()["update"]) check_uniqueness_case(index, test_case, true);
    }
}

TEST_CASE("batches of the fixture", "[batch][fixtures]") {
    for (const std::uint64_t seed : hash_seeds) {
        INFO("hash seed " << seed);
        const auto index = fixture_workspace(seed);
        REQUIRE(fixture()["batches"].size() >= 10);
        for (const auto& test_case : fixture()["batches"]) {
            INFO("batch: " << test_case["name"].get<std::string>());
            const auto report = test_case.contains("csv") ? seamid::validate_csv_batch(index, test_case["csv"].get<std::string>())
                                                          : seamid::validate_json_batch(index, test_case["rows_json"].dump());
            CHECK(report.usable == test_case["usable"].get<bool>());
            CHECK(codes_of(report.issues) == test_case["input_codes"].get<std::vector<std::string>>());
            if (test_case.contains("input_severities")) {
                std::vector<std::string> severities;
                for (const auto& found : report.issues) severities.emplace_back(seamid::severity_name(found.level));
                CHECK(severities == test_case["input_severities"].get<std::vector<std::string>>());
            }
            std::map<std::string, std::vector<std::string>> rows;
            for (const auto& row : report.rows) {
                rows[std::to_string(row.row)] = codes_of(row.issues);
                for (const auto& found : row.issues) {  // every issue's path starts with the 0-based row index
                    REQUIRE_FALSE(found.path.empty());
                    CHECK(std::get<std::size_t>(found.path.front()) == row.row - 1);
                }
                if (test_case.contains("lines") && test_case["lines"].contains(std::to_string(row.row)))
                    CHECK(row.line == test_case["lines"][std::to_string(row.row)].get<std::size_t>());
            }
            CHECK(rows == test_case["rows"].get<std::map<std::string, std::vector<std::string>>>());
            const auto& summary = test_case["summary"];
            CHECK(report.summary.rows == summary["rows"].get<std::size_t>());
            CHECK(report.summary.rows_with_errors == summary["rows_with_errors"].get<std::size_t>());
            CHECK(report.summary.rows_with_warnings == summary["rows_with_warnings"].get<std::size_t>());
            CHECK(report.summary.errors == summary["errors"].get<std::size_t>());
            CHECK(report.summary.warnings == summary["warnings"].get<std::size_t>());
            CHECK(report.ok() == (report.usable && report.summary.errors == 0 && !seamid::has_errors(report.issues)));
        }
    }
}

TEST_CASE("batch conflicts name the earliest row holding the value", "[batch]") {
    const auto index = fixture_workspace();
    const auto& test_case = fixture()["batches"][0];
    const auto report = seamid::validate_csv_batch(index, test_case["csv"].get<std::string>());
    REQUIRE(report.rows.size() == 3);
    for (const auto& row : report.rows) {
        REQUIRE_FALSE(row.conflicts.empty());
        CHECK(row.conflicts[0].row == 1);  // rows 2 and 3 share row 1's phone; row 4 repeats row 1's key
        CHECK(row.conflicts[0].user_identity_id.empty());
        CHECK(row.issues.back().message.find("row 1 of this batch") != std::string::npos);
    }
}

TEST_CASE("loading snapshots: shapes, bad identities, transactional failure", "[workspace][fixtures][bad-input]") {
    for (const auto& test_case : fixture()["loads"]) {
        INFO("load: " << test_case["name"].get<std::string>());
        const std::string text = test_case.contains("text") ? test_case["text"].get<std::string>() : test_case["document"].dump();
        // The JSON text (SAX) and the parsed document give the same result.
        seamid::workspace_index from_text;
        const auto issues = from_text.load_json(text);
        CHECK(codes_of(issues) == test_case["codes"].get<std::vector<std::string>>());
        CHECK(from_text.size() == test_case["size"].get<std::size_t>());
        if (test_case.contains("paths")) {
            REQUIRE(issues.size() == test_case["paths"].size());
            for (std::size_t i = 0; i < issues.size(); ++i) CHECK(path_json(issues[i].path) == test_case["paths"][i]);
        }
        if (test_case.contains("find")) {
            const auto& find = test_case["find"];
            const auto field = find["field"] == "user_identity_key" ? seamid::identity_field::user_identity_key : seamid::identity_field::email_address;
            const auto ids = from_text.find(field, find["value"].get<std::string>());
            CHECK(std::vector<std::string>(ids.begin(), ids.end()) == find["ids"].get<std::vector<std::string>>());
        }
        if (test_case.contains("document")) {
            seamid::workspace_index from_document;
            const auto document_issues = from_document.load(test_case["document"]);
            CHECK(codes_of(document_issues) == test_case["codes"].get<std::vector<std::string>>());
            CHECK(from_document.size() == test_case["size"].get<std::size_t>());
        }
        // A failed load leaves an existing index exactly as it was.
        if (test_case.value("unusable", false)) {
            auto index = fixture_workspace();
            CHECK_FALSE(index.load_json(text).empty());
            CHECK(index.size() == 4);
            CHECK(index.find(seamid::identity_field::user_identity_key, "alice").size() == 1);
        }
    }
}

TEST_CASE("audit of a snapshot with duplicates", "[workspace][audit][fixtures]") {
    seamid::workspace_index index;
    REQUIRE(index.load(fixture()["audit"]["snapshot"]).empty());
    const auto report = seamid::audit(index);
    json groups = json::array();
    for (const auto& group : report.duplicates)
        groups.push_back({{"field", std::string(seamid::field_name(group.field))},
                          {"match", group.kind == seamid::match_kind::exact ? "exact" : "case_variant"},
                          {"user_identity_ids", group.user_identity_ids}});
    CHECK(groups == fixture()["audit"]["duplicates"]);
    CHECK_FALSE(report.ok());
    REQUIRE(report.issues.size() == report.duplicates.size());
    CHECK(report.issues[2].level == seamid::severity::warning);
    CHECK(report.issues[3].message.find("cccccccc-0000-4000-8000-000000000003") != std::string::npos);
    CHECK(seamid::audit(fixture_workspace()).duplicates.empty());
}

TEST_CASE("incremental changes keep every lookup current", "[workspace]") {
    auto index = fixture_workspace();
    const std::string alice = "aaaaaaaa-0000-4000-8000-000000000001";
    // Update freeing a value: after the update, another identity may take it.
    CHECK_FALSE(seamid::check_create(index, json{{"phone_number", "+14155550101"}}).ok());
    CHECK(index.update(json{{"user_identity_id", alice}, {"phone_number", nullptr}}).empty());
    CHECK(seamid::check_create(index, json{{"phone_number", "+14155550101"}}).ok());
    CHECK(index.find(seamid::identity_field::user_identity_key, "alice") == std::vector<std::string_view>{alice});  // unchanged field kept
    // Changing a value frees the old one and takes the new one.
    CHECK(index.update(json{{"user_identity_id", alice}, {"user_identity_key", "alice-2"}}).empty());
    CHECK(index.find(seamid::identity_field::user_identity_key, "alice").empty());
    CHECK(index.find(seamid::identity_field::user_identity_key, "alice-2").size() == 1);
    // Add, then the new identity's values are taken; adding it twice is refused.
    const json erin = {{"user_identity_id", "aaaaaaaa-0000-4000-8000-000000000005"}, {"user_identity_key", "erin"}, {"phone_number", " +14155550105 "}};
    CHECK(index.add(erin).empty());
    CHECK(codes_of(index.add(erin)) == std::vector<std::string>{"user_identity_id_exists"});
    CHECK(index.size() == 5);
    CHECK(seamid::check_create(index, json{{"phone_number", "+14155550105"}}).conflicts.at(0).user_identity_id == erin["user_identity_id"]);
    // Remove frees everything it held; removing again is an error.
    CHECK(index.remove("aaaaaaaa-0000-4000-8000-000000000005").empty());
    CHECK(codes_of(index.remove("aaaaaaaa-0000-4000-8000-000000000005")) == std::vector<std::string>{"unknown_user_identity_id"});
    CHECK(seamid::check_create(index, json{{"user_identity_key", "erin"}, {"phone_number", "+14155550105"}}).ok());
    CHECK(index.size() == 4);
    // Refused changes leave the index unchanged.
    CHECK(codes_of(index.update(json{{"user_identity_id", alice}, {"email_address", 5}})) == std::vector<std::string>{"invalid_type"});
    CHECK(codes_of(index.update(json{{"user_identity_key", "x"}})) == std::vector<std::string>{"missing_field"});
    CHECK(codes_of(index.update(json::array())) == std::vector<std::string>{"invalid_type"});
    CHECK(codes_of(index.add(json{{"user_identity_key", "no-id"}})) == std::vector<std::string>{"missing_field"});
    CHECK(index.find(seamid::identity_field::email_address, "alice@example.com").size() == 1);
    CHECK(index.size() == 4);
}

TEST_CASE("thousands of changes: slots are reused, the arena is compacted, lookups stay exact", "[workspace]") {
    seamid::workspace_index index;
    const auto id = [](int i) { return "dddddddd-0000-4000-8000-" + std::to_string(100000000000 + i); };
    for (int i = 0; i < 5000; ++i)
        REQUIRE(index.add(json{{"user_identity_id", id(i)}, {"user_identity_key", "key-" + std::to_string(i)}, {"email_address", "E" + std::to_string(i) + "@x.io"}}).empty());
    for (int round = 0; round < 3; ++round)
        for (int i = 0; i < 5000; i += 2)
            REQUIRE(index.update(json{{"user_identity_id", id(i)}, {"user_identity_key", "key-" + std::to_string(i) + "-r" + std::to_string(round)}}).empty());
    for (int i = 1; i < 5000; i += 2) REQUIRE(index.remove(id(i)).empty());
    CHECK(index.size() == 2500);
    for (int i = 0; i < 5000; ++i) {
        const auto key = "key-" + std::to_string(i) + (i % 2 == 0 ? "-r2" : "");
        CHECK(index.find(seamid::identity_field::user_identity_key, key).size() == (i % 2 == 0 ? 1u : 0u));
        const auto email = "e" + std::to_string(i) + "@X.IO";  // case variant of the stored one
        std::size_t variants = 0;
        index.visit_holders(seamid::identity_field::email_address, email, [&](auto, seamid::match_kind kind) {
            variants += kind == seamid::match_kind::case_variant;
            return true;
        });
        CHECK(variants == (i % 2 == 0 ? 1u : 0u));
    }
    CHECK(index.slot_count() == 5000);  // removed slots were not added to, only reused
}

TEST_CASE("the ASCII case fold and the hash agree", "[workspace][hash]") {
    using seamid::equal_ignoring_ascii_case;
    using seamid::detail::hash_text;
    CHECK(equal_ignoring_ascii_case("Some.Body@Example.COM", "some.body@example.com"));
    CHECK_FALSE(equal_ignoring_ascii_case("a@b.c", "a@b.d"));
    CHECK_FALSE(equal_ignoring_ascii_case("[", "{"));  // '[' and '{' differ by the case bit but are not letters
    CHECK_FALSE(equal_ignoring_ascii_case("\xC3\x89", "\xC3\xA9"));  // non-ASCII is compared exactly
    CHECK(hash_text<true>("Some.Body@Example.COM") == hash_text<true>("some.body@example.com"));
    CHECK(hash_text<false>("Key") != hash_text<false>("key"));
    for (const char c : std::string("@[`{\x7F")) CHECK(seamid::detail::fold_ascii_word(static_cast<unsigned char>(c)) == static_cast<unsigned char>(c));
}

TEST_CASE("CSV reader: RFC 4180 quoting, line ends, positions", "[csv]") {
    seamid::csv_reader reader("a,\"b,c\",\"d\"\"e\"\r\n\"multi\r\nline\",x\rlast,\"\"");
    seamid::csv_record record;
    REQUIRE(reader.next(record));
    REQUIRE(record.size() == 3);
    CHECK(record.field(1) == "b,c");
    CHECK(record.field(2) == "d\"e");
    CHECK(record.line == 1);
    REQUIRE(reader.next(record));
    CHECK(record.field(0) == "multi\r\nline");
    CHECK(record.line == 2);
    REQUIRE(reader.next(record));  // a lone CR ends a record too
    CHECK(record.field(0) == "last");
    CHECK(record.field(1).empty());
    CHECK(record.line == 4);
    CHECK_FALSE(reader.next(record));
    CHECK(seamid::csv_count_records("h\r\n\"a\nb\",c\r\n\r\nd\r\n") == 3);
}

TEST_CASE("a 100 MB line and NUL bytes are read, reported, and do not stop the batch", "[batch][bad-input]") {
    const auto index = fixture_workspace();
    const std::string huge(100u << 20, 'k');
    std::string csv = "user_identity_key,email_address\n" + huge + ",big@example.com\n";
    csv += std::string("nul\0key", 7) + ",nul@example.com\nalice,ok@example.com\n\xFF\xFE,bad@example.com\n";
    const auto report = seamid::validate_csv_batch(index, csv);
    CHECK(report.usable);
    CHECK(report.summary.rows == 4);
    std::map<std::size_t, std::vector<std::string>> rows;
    for (const auto& row : report.rows) rows[row.row] = codes_of(row.issues);
    CHECK(rows.count(1) == 0);  // a long key is valid: Seam sets no maximum
    CHECK(rows.at(3) == std::vector<std::string>{"duplicate_user_identity_key"});
    CHECK(rows.at(4).at(0) == "invalid_utf8");
    REQUIRE(rows.count(2) == 1);
    CHECK(rows.at(2).at(0).find("control") != std::string::npos);
}

TEST_CASE("a 100 MB field in a snapshot and broken JSON leave the index consistent", "[workspace][bad-input]") {
    auto index = fixture_workspace();
    const std::string huge(100u << 20, 'q');
    const std::string text = R"([{"user_identity_id": "eeeeeeee-0000-4000-8000-000000000001", "user_identity_key": ")" + huge + R"("}])";
    CHECK(index.load_json(text).empty());
    CHECK(index.size() == 5);
    CHECK(index.find(seamid::identity_field::user_identity_key, huge).size() == 1);
    CHECK(codes_of(index.load_json(text.substr(0, text.size() - 3))) == std::vector<std::string>{"invalid_json"});
    CHECK(codes_of(index.load_json(std::string("[\"\xFF\"]"))) == std::vector<std::string>{"invalid_json"});
    CHECK(codes_of(index.load_json(std::string("[{\"user_identity_id\": \"a\0b\"}]", 30))) == std::vector<std::string>{"invalid_json"});
    CHECK(index.size() == 5);
    CHECK(seamid::audit(index).ok());
}

namespace {

/// A batch of `count` rows as CSV and as the equivalent JSON array, with duplicates that cross the CSV reader's
/// 16-row groups: keys repeating the workspace and earlier rows, case-variant emails, phones equal after trimming.
std::pair<std::string, json> grouped_batch(std::size_t count) {
    std::string csv = "user_identity_key,email_address,phone_number,full_name\r\n";
    json rows = json::array();
    for (std::size_t i = 0; i < count; ++i) {
        std::string key = "row-" + std::to_string(i), email = "row" + std::to_string(i) + "@example.org";
        std::string phone = "+1415555" + std::to_string(1000 + i), name = "Row " + std::to_string(i);
        if (i % 17 == 5) key = "row-" + std::to_string(i / 2);                          // an earlier row's key
        if (i % 23 == 7) email = "ROW" + std::to_string(i - 7) + "@EXAMPLE.org";        // an earlier row's email, other case
        if (i % 29 == 3) phone = " +1415555" + std::to_string(1000 + i - 3) + " ";     // an earlier row's phone, padded
        if (i % 31 == 0) key = "";                                                      // no key: null
        if (i % 37 == 9) email = "bad@@example.org";
        if (i % 41 == 11) name = "Doe, Jane";                                           // quoted in the CSV
        const auto cell = [](const std::string& value) { return value.find(',') != std::string::npos ? "\"" + value + "\"" : value; };
        csv += cell(key) + "," + cell(email) + "," + cell(phone) + "," + cell(name) + (i % 2 ? "\r\n" : "\n");
        rows.push_back({{"user_identity_key", key.empty() ? json(nullptr) : json(key)}, {"email_address", email}, {"phone_number", phone},
                        {"full_name", name}});
    }
    return {csv, rows};
}

/// A batch report as JSON without the CSV line numbers (JSON rows have none).
json without_lines(const seamid::batch_report& report) {
    json out = seamid::batch_report_to_json(report);
    for (auto& row : out["rows"]) row.erase("line");
    out.erase("issues");
    return out;
}

}  // namespace

TEST_CASE("a CSV batch (candidates first, then rows) reports exactly what row-by-row JSON validation does", "[batch][csv]") {
    auto index = fixture_workspace();
    for (std::size_t i = 0; i < 40; ++i)  // workspace holders of some rows' values
        REQUIRE(index.add({{"user_identity_id", "aaaaaaaa-0000-4000-8000-" + std::string(10, '0') + std::to_string(10 + i)},
                           {"user_identity_key", "row-" + std::to_string(i * 7)},
                           {"email_address", "Row" + std::to_string(i * 11) + "@example.org"}})
                    .empty());
    for (const std::size_t count : {std::size_t{15}, std::size_t{16}, std::size_t{17}, std::size_t{1000}}) {
        INFO("rows: " << count);
        const auto [csv, rows] = grouped_batch(count);
        const auto from_csv = seamid::validate_csv_batch(index, csv);
        const auto from_json = seamid::validate_batch(index, rows);
        CHECK(from_csv.summary.rows == count);
        CHECK(from_csv.summary.rows_with_errors > 0);
        CHECK(without_lines(from_csv) == without_lines(from_json));
        // Any step size gives the same rows, whether a step ends inside the candidates pass or the rows pass.
        for (const std::size_t step : {std::size_t{1}, std::size_t{7}, std::size_t{16}, std::size_t{33}}) {
            seamid::csv_batch batch(index, csv);
            std::vector<seamid::row_report> stepped;
            std::size_t calls = 0;
            while (!batch.step(step, stepped)) ++calls;
            CHECK(calls + 1 >= count / step);  // the rows really came in steps of at most `step`
            REQUIRE(stepped.size() == from_csv.rows.size());
            for (std::size_t r = 0; r < stepped.size(); ++r) {
                CHECK(stepped[r].row == from_csv.rows[r].row);
                CHECK(stepped[r].line == from_csv.rows[r].line);
                CHECK(codes_of(stepped[r].issues) == codes_of(from_csv.rows[r].issues));
            }
            CHECK(batch.summary().errors == from_csv.summary.errors);
        }
    }
}

TEST_CASE("a big snapshot is loaded with its tables sized from the ids it names", "[workspace]") {
    std::string text = R"({"note": "user_identity_id", "user_identities": [)";
    for (std::size_t i = 0; i < 3000; ++i) {
        const std::size_t id = i == 2999 ? 5 : i;  // the last one repeats an id: replaced, with a warning
        char uuid[40];
        std::snprintf(uuid, sizeof uuid, "00000000-0000-4000-8000-%012zu", id);
        text += std::string(i ? "," : "") + R"({"user_identity_id": ")" + uuid + R"(", "user_identity_key": "k)" + std::to_string(i) +
                R"(", "email_address": "e)" + std::to_string(i) + R"(@example.com", "phone_number": null})";
    }
    text += "]}";
    CHECK(seamid::detail::count_id_keys(text, 1u << 21) == 3001);  // the "note" value counts too: only a size hint
    CHECK(seamid::detail::count_id_keys(text, 10) == 10);
    CHECK(seamid::detail::count_id_keys(R"("user_identity_id)", 10) == 0);
    seamid::workspace_index index;
    const auto issues = index.load_json(text);
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].code == "duplicate_id");
    CHECK(path_json(issues[0].path) == json::array({"user_identities", 2999, "user_identity_id"}));
    CHECK(index.size() == 2999);
    CHECK(index.find(seamid::identity_field::user_identity_key, "k5").empty());  // replaced by the later entry
    CHECK(index.find(seamid::identity_field::user_identity_key, "k2999") == std::vector<std::string_view>{"00000000-0000-4000-8000-000000000005"});
    CHECK(index.find(seamid::identity_field::email_address, "E1234@EXAMPLE.COM").empty());  // exact lookups
    CHECK(index.find(seamid::identity_field::email_address, "e1234@example.com").size() == 1);
}

TEST_CASE("row reports written directly as JSON text are the bytes dump_json writes", "[batch][json]") {
    // Strings that take the copy path and every kind that must go through nlohmann's serializer.
    const std::vector<std::string> texts{"",
                                         "plain message, with punctuation: (a) [b] {c} ~",
                                         "say \"hi\"",
                                         "back\\slash",
                                         std::string("tab\there, new\nline, nul ") + '\0' + " end",
                                         "\x1f unit separator and \x7f delete",
                                         "caf\xC3\xA9 \xE2\x80\x94 \xF0\x9F\x98\x80",
                                         "broken \xC3 utf-8 \xFF\xFE",
                                         std::string(300, 'x')};
    std::vector<seamid::row_report> reports;
    for (std::size_t i = 0; i < texts.size(); ++i) {
        seamid::row_report report;
        report.row = i + 1;
        report.line = i % 2 ? 0 : 1000000 + i;  // CSV rows have a line, JSON rows none
        report.issues.push_back({{i, texts[i], std::size_t{7}}, texts[i], i % 3 ? seamid::severity::warning : seamid::severity::error, texts[i],
                                 i % 2 ? std::optional<std::string>(texts[i]) : std::nullopt});
        report.issues.push_back({{}, "invalid_email", seamid::severity::info, "m", std::nullopt});
        report.conflicts.push_back({seamid::identity_field::email_address, seamid::match_kind::case_variant, seamid::severity::warning, texts[i], 0});
        report.conflicts.push_back({seamid::identity_field::phone_number, seamid::match_kind::exact, seamid::severity::error, {}, std::size_t{4000000000u} + i});
        reports.push_back(std::move(report));
    }
    reports.emplace_back();  // no issues, no conflicts, row 0
    for (const auto& report : reports) {
        std::string written = "prefix";
        seamid::append_row_report_json(written, report);
        CHECK(written == "prefix" + seamid::dump_json(seamid::row_report_to_json(report)));
        std::string issues;
        seamid::append_json_issues(issues, report.issues);
        CHECK(issues == seamid::dump_json(seamid::issues_to_json(report.issues)));
    }
    std::string none;
    seamid::append_json_issues(none, {});
    CHECK(none == "[]");
    // And over a real batch: the CSV fixture rows of the grouped test.
    auto index = fixture_workspace();
    const auto report = seamid::validate_csv_batch(index, grouped_batch(200).first);
    REQUIRE(report.rows.size() > 20);
    for (const auto& row : report.rows) {
        std::string written;
        seamid::append_row_report_json(written, row);
        CHECK(written == seamid::dump_json(seamid::row_report_to_json(row)));
    }
}

TEST_CASE("unreadable CSV rows neither hide nor invent conflicts", "[batch][csv]") {
    auto index = fixture_workspace();
    // 40 rows: rows 3, 10 and 17 are malformed (broken quoting, a missing field); rows after them repeat values of rows
    // before and after them, within the same 16-row group and across groups.
    std::string csv = "user_identity_key,email_address,phone_number\n";
    for (std::size_t i = 0; i < 40; ++i) {
        const std::string n = std::to_string(i % 20 == 19 ? 1 : i);  // rows 19 and 39 repeat row 1's values
        if (i == 3) csv += "k3,\"e3@example.org\"x,+14155551003\n";  // text after a closing quote
        else if (i == 10) csv += "k10,e10@example.org\n";            // one field short
        else if (i == 17) csv += "k\"17,e17@example.org,+14155551017\n";  // quote inside an unquoted field
        else csv += "k" + n + ",e" + n + "@example.org,+141555510" + (n.size() < 2 ? "0" + n : n) + "\n";
    }
    csv += "k3,e10@example.org,+14155551017\n";  // the malformed rows' values were never remembered: no conflict
    const auto report = seamid::validate_csv_batch(index, csv);
    CHECK(report.summary.rows == 41);
    std::map<std::size_t, std::vector<std::string>> codes;
    for (const auto& row : report.rows) codes[row.row] = codes_of(row.issues);
    CHECK(codes[4] == std::vector<std::string>{"csv_invalid_quote"});
    CHECK(codes[11] == std::vector<std::string>{"csv_field_count"});
    CHECK(codes[18] == std::vector<std::string>{"csv_invalid_quote"});
    CHECK(codes[20] == std::vector<std::string>{"duplicate_user_identity_key", "duplicate_email_address", "duplicate_phone_number"});
    CHECK(codes[40] == std::vector<std::string>{"duplicate_user_identity_key", "duplicate_email_address", "duplicate_phone_number"});
    CHECK(codes.count(41) == 0);
    CHECK(report.rows.size() == 5);
}

namespace {

// Pairs of different values with the same 32-bit value_hash (found by search; the test checks they still collide).
constexpr std::string_view colliding_key_a = "k4799", colliding_key_b = "k38354";
constexpr std::string_view colliding_email_a = "m7910@example.org", colliding_email_b = "m112361@example.org";

seamid::identity_values values_of(std::string_view key, std::string_view email, std::string_view phone) {
    seamid::identity_values values;
    if (!key.empty()) values.set(seamid::identity_field::user_identity_key, key);
    if (!email.empty()) values.set(seamid::identity_field::email_address, email);
    if (!phone.empty()) values.set(seamid::identity_field::phone_number, phone);
    return values;
}

/// A workspace holding one identity with a key, an email and a phone, and one whose email collides with colliding_email_a.
seamid::workspace_index candidates_workspace() {
    seamid::workspace_index index;
    REQUIRE(index.set_hash_seed(seamid::detail::default_hash_seed));  // the colliding values collide under this seed
    REQUIRE(index.add({{"user_identity_id", "aaaaaaaa-0000-4000-8000-000000000001"}, {"user_identity_key", "held-key"},
                       {"email_address", "held@example.org"}, {"phone_number", "+14155550100"}})
                .empty());
    REQUIRE(index.add({{"user_identity_id", "aaaaaaaa-0000-4000-8000-000000000002"}, {"email_address", std::string(colliding_email_b)}}).empty());
    return index;
}

}  // namespace

TEST_CASE("batch candidates flag exactly the values the workspace or another row may hold", "[batch][candidates]") {
    using seamid::batch_candidates;
    using seamid::identity_field;
    const auto index = candidates_workspace();
    REQUIRE(index.value_hash(identity_field::user_identity_key, colliding_key_a) == index.value_hash(identity_field::user_identity_key, colliding_key_b));
    REQUIRE(index.value_hash(identity_field::email_address, colliding_email_a) == index.value_hash(identity_field::email_address, colliding_email_b));
    batch_candidates candidates;
    candidates.add_row(values_of("fresh-0", "fresh0@example.org", "+14155550000"), index);  // 0: nothing shared
    candidates.add_row(values_of("held-key", "fresh1@example.org", ""), index);              // 1: the workspace's key
    candidates.add_row(values_of("", "HELD@Example.org", ""), index);                        // 2: the workspace's email, other case
    candidates.add_row(values_of("fresh-3", "", "+14155550199"), index);                     // 3: a phone row 5 repeats
    candidates.add_row(values_of("", "", ""), index);                                        // 4: no values
    candidates.add_row(values_of("fresh-5", "", " +14155550199 "), index);                   // 5: row 3's phone, padded
    candidates.add_row(values_of(colliding_key_a, "", ""), index);                           // 6: same hash as row 7's key
    candidates.add_row(values_of(colliding_key_b, "", ""), index);                           // 7
    candidates.add_row(values_of("", colliding_email_a, ""), index);                         // 8: same hash as the workspace's second email
    candidates.add_row(values_of("", "", "+14155550100"), index);                            // 9: the workspace's phone
    candidates.find(index);

    CHECK(candidates.rows() == 10);
    CHECK(candidates.bits(0) == 0);
    CHECK(candidates.bits(1) == batch_candidates::workspace_bit(0));
    CHECK(candidates.bits(2) == batch_candidates::workspace_bit(1));
    CHECK(candidates.bits(3) == batch_candidates::batch_bit(2));
    CHECK(candidates.bits(4) == 0);
    CHECK(candidates.bits(5) == batch_candidates::batch_bit(2));
    CHECK(candidates.bits(6) == batch_candidates::batch_bit(0));
    CHECK(candidates.bits(7) == batch_candidates::batch_bit(0));
    CHECK(candidates.bits(8) == batch_candidates::workspace_bit(1));
    CHECK(candidates.bits(9) == batch_candidates::workspace_bit(2));
    CHECK(candidates.bits(10) == batch_candidates::all_bits);  // a row never recorded is checked in full
    CHECK(candidates.rows_sharing() == 4);

    batch_candidates empty;
    empty.find(index);
    CHECK(empty.rows() == 0);
    CHECK(empty.rows_sharing() == 0);
}

TEST_CASE("a hash seed changes the hashes, not the results", "[workspace][hash]") {
    using seamid::batch_candidates;
    using seamid::identity_field;
    seamid::workspace_index seeded;
    REQUIRE(seeded.set_hash_seed(hash_seeds[1]));
    REQUIRE(seeded.add({{"user_identity_id", "aaaaaaaa-0000-4000-8000-000000000001"}, {"email_address", "Held@Example.org"}}).empty());
    CHECK_FALSE(seeded.set_hash_seed(hash_seeds[0]));  // not once the index holds a record
    CHECK(seeded.hash_seed() == hash_seeds[1]);
    const seamid::workspace_index plain;
    CHECK(seeded.value_hash(identity_field::email_address, "held@example.org") != plain.value_hash(identity_field::email_address, "held@example.org"));
    CHECK(seeded.value_hash(identity_field::user_identity_key, colliding_key_a) != seeded.value_hash(identity_field::user_identity_key, colliding_key_b));
    CHECK(seeded.contains("AAAAAAAA-0000-4000-8000-000000000001"));
    CHECK(seeded.find(identity_field::email_address, "Held@Example.org").size() == 1);

    // load_json keeps the seed when its result replaces an empty index.
    seamid::workspace_index loaded;
    REQUIRE(loaded.set_hash_seed(hash_seeds[1]));
    REQUIRE(loaded.load_json(R"({"user_identities": [{"user_identity_id": "aaaaaaaa-0000-4000-8000-000000000001", "email_address": "held@example.org"}]})").empty());
    CHECK(loaded.hash_seed() == hash_seeds[1]);
    CHECK(loaded.find(identity_field::email_address, "held@example.org").size() == 1);

    // Rows are hashed as the workspace hashes: its email is found in another case.
    batch_candidates candidates;
    candidates.add_row(values_of("", "HELD@example.org", ""), seeded);
    candidates.find(seeded);
    CHECK(candidates.bits(0) == batch_candidates::workspace_bit(1));
}

TEST_CASE("values that only share a hash are candidates but never conflicts", "[batch][candidates]") {
    const auto index = candidates_workspace();
    std::string csv = "user_identity_key,email_address,phone_number\n";
    csv += std::string(colliding_key_a) + ",a@example.org,\n";
    csv += std::string(colliding_key_b) + "," + std::string(colliding_email_a) + ",\n";  // hash of row 1's key; the workspace's email hash
    csv += std::string(colliding_key_a) + ",c@example.org,\n";                           // row 1's key: a real duplicate
    csv += "held-key,HELD@example.org,+14155550100\n";                                  // the workspace's values
    const auto report = seamid::validate_csv_batch(index, csv);
    CHECK(report.summary.rows == 4);
    std::map<std::size_t, std::vector<std::string>> codes;
    for (const auto& row : report.rows) codes[row.row] = codes_of(row.issues);
    CHECK(codes.count(1) == 0);
    CHECK(codes.count(2) == 0);
    CHECK(codes[3] == std::vector<std::string>{"duplicate_user_identity_key"});
    CHECK(codes[4] == std::vector<std::string>{"duplicate_user_identity_key", "email_address_case_variant", "duplicate_phone_number"});
    REQUIRE(report.rows.size() == 2);
    CHECK(report.rows[0].conflicts.at(0).row == 1);
    CHECK(report.rows[1].conflicts.at(0).user_identity_id == "aaaaaaaa-0000-4000-8000-000000000001");
    // The JSON path checks every value in full: the same rows and issues.
    json rows = json::array();
    for (const auto& [key, email, phone] : std::vector<std::array<std::string, 3>>{{std::string(colliding_key_a), "a@example.org", ""},
                                                                                {std::string(colliding_key_b), std::string(colliding_email_a), ""},
                                                                                {std::string(colliding_key_a), "c@example.org", ""},
                                                                                {"held-key", "HELD@example.org", "+14155550100"}})
        rows.push_back({{"user_identity_key", key}, {"email_address", email}, {"phone_number", phone.empty() ? json(nullptr) : json(phone)}});
    CHECK(without_lines(report) == without_lines(seamid::validate_batch(index, rows)));
}

TEST_CASE("a large batch with many shared values matches the full check row for row", "[batch][candidates]") {
    // 20,000 rows: the candidates' buckets hold many values each, and about a third of the rows share a value.
    auto index = fixture_workspace();
    for (std::size_t i = 0; i < 300; ++i)
        REQUIRE(index.add({{"user_identity_id", "bbbbbbbb-0000-4000-8000-" + std::string(9, '0') + std::to_string(100 + i)},
                           {"user_identity_key", "row-" + std::to_string(i * 13)}, {"phone_number", "+1415555" + std::to_string(1000 + i * 7)}})
                    .empty());
    const auto [csv, rows] = grouped_batch(20000);
    const auto from_csv = seamid::validate_csv_batch(index, csv);
    CHECK(from_csv.summary.rows == 20000);
    CHECK(from_csv.summary.rows_with_errors > 1000);
    CHECK(without_lines(from_csv) == without_lines(seamid::validate_batch(index, rows)));
}

TEST_CASE("counting CSV records word by word gives what a byte-by-byte count gives", "[csv]") {
    const auto by_bytes = [](std::string_view text) {
        std::size_t records = 0;
        bool quoted = false, content = false;
        for (const char c : text) {
            if (c == '"') quoted = !quoted;
            if (!quoted && (c == '\n' || c == '\r')) {
                records += content;
                content = false;
            } else {
                content = true;
            }
        }
        return records + content;
    };
    // Every text of up to 7 characters from a small alphabet, placed at each offset of a word (padding in front).
    const std::string alphabet = "a\",\r\n";
    std::vector<std::string> texts = {"", "h\r\n\"a\nb\",c\r\n\r\nd\r\n", "\"\"\"\"\n\n\r\r\"x\ny\"\r\n", std::string(100, '\n')};
    for (std::size_t length = 1; length <= 7; ++length) {
        std::size_t combinations = 1;
        for (std::size_t i = 0; i < length; ++i) combinations *= alphabet.size();
        for (std::size_t n = 0; n < combinations; ++n) {
            std::string text;
            for (std::size_t i = 0, rest = n; i < length; ++i, rest /= alphabet.size()) text += alphabet[rest % alphabet.size()];
            texts.push_back(text);
        }
    }
    std::size_t checked = 0;
    for (const auto& text : texts)
        for (const std::string& padding : {std::string(), std::string("x,"), std::string("abcdefg"), std::string("\"q\"\n\"q\"\r\n")}) {
            const std::string padded = padding + text + padding;
            INFO(padded);
            REQUIRE(seamid::csv_count_records(padded) == by_bytes(padded));
            ++checked;
        }
    CHECK(checked > 4 * 97000);
}

TEST_CASE("request bodies as JSON text give the answers of parsed bodies; answers are written as dump_json writes them", "[workspace][json]") {
    const auto index = fixture_workspace();
    for (const bool update : {false, true}) {
        for (const auto& test_case : fixture()[update ? "update" : "create"]) {
            INFO("case: " << test_case["name"].get<std::string>());
            const std::string body = test_case["request"].dump();
            const auto from_text = update ? seamid::check_update_json(index, body, options_for(test_case))
                                          : seamid::check_create_json(index, body, options_for(test_case));
            CHECK(codes_of(from_text.issues) == test_case["codes"].get<std::vector<std::string>>());
            const std::string written = seamid::uniqueness_result_json(from_text);
            CHECK(written == seamid::dump_json(json::parse(written)));  // sorted keys, compact: nlohmann's own form
        }
    }
    // Malformed text is one invalid_json error at the base path; a body that is not an object, a type error.
    for (const auto& malformed : {std::string("{\"phone_number\": "), std::string("{\"a\": \"\xff\"}"), std::string()}) {
        const auto result = seamid::check_create_json(index, malformed, {}, {std::size_t{3}});
        REQUIRE(result.issues.size() == 1);
        CHECK(result.issues[0].code == "invalid_json");
        CHECK(result.issues[0].path == seamid::issue_path{std::size_t{3}});
        CHECK(result.conflicts.empty());
    }
    CHECK(seamid::check_update_json(index, "[1]").issues.at(0).message == "Expected an object, received array.");
    // A repeated key is refused (readers disagree on which value counts), as by every seamid reader.
    CHECK(codes_of(seamid::check_create_json(index, R"({"phone_number": 5, "phone_number": "+14155550199"})").issues) ==
          std::vector<std::string>{"invalid_json"});
    const std::string audit = seamid::audit_report_json(seamid::audit(index));
    CHECK(audit == seamid::dump_json(json::parse(audit)));
    const std::string summary = seamid::batch_summary_json({3, 2, 1, 5, 4});
    CHECK(summary == R"({"errors":5,"rows":3,"rows_with_errors":2,"rows_with_warnings":1,"warnings":4})");
}

TEST_CASE("add_json and update_json: the rules of add and update, with malformed text as one issue", "[workspace][json]") {
    auto index = fixture_workspace();
    const std::string alice = "aaaaaaaa-0000-4000-8000-000000000001";
    CHECK(index.add_json(R"({"user_identity_id": "aaaaaaaa-0000-4000-8000-000000000009", "user_identity_key": "n\u00e9o", "extra": {"x": [1]}})").empty());
    CHECK(index.find(seamid::identity_field::user_identity_key, "n\xc3\xa9o").size() == 1);
    CHECK(codes_of(index.add_json(R"({"user_identity_id": "aaaaaaaa-0000-4000-8000-000000000009"})")) == std::vector<std::string>{"user_identity_id_exists"});
    CHECK(codes_of(index.add_json("{\"user_identity_id\": ")) == std::vector<std::string>{"invalid_json"});
    CHECK(index.add_json("7").at(0).message == "Expected a user identity object, received number.");
    CHECK(codes_of(index.update_json(R"({"user_identity_id": ")" + alice + R"(", "email_address": true})")) == std::vector<std::string>{"invalid_type"});
    CHECK(index.update_json(R"({"user_identity_id": ")" + alice + R"(", "user_identity_key": null})").empty());
    CHECK(index.find(seamid::identity_field::user_identity_key, "alice").empty());
    CHECK(codes_of(index.update_json("[")) == std::vector<std::string>{"invalid_json"});
    CHECK(index.size() == 5);
    // The parsed forms give the same answers (they are serialised once and read as text).
    CHECK(codes_of(index.add(json{{"user_identity_key", "no-id"}})) == codes_of(index.add_json(R"({"user_identity_key": "no-id"})")));
}

TEST_CASE("JSON rows: escaped strings, unknown keys and rows of other types read as a parsed array would be", "[batch][json]") {
    const auto index = fixture_workspace();
    const std::string text = R"([{"user_identity_key": "k\u00e9y", "zeta": 1, "alpha": 2, "email_address": "x@example.com"},
        7, [], {"acs_system_ids": ["a", 1]}, {"full_name": "A\nB"}])";
    const auto from_text = seamid::validate_json_batch(index, text);
    const auto from_dom = seamid::validate_batch(index, json::parse(text));
    CHECK(from_text.usable);
    REQUIRE(from_text.rows.size() == from_dom.rows.size());
    for (std::size_t i = 0; i < from_text.rows.size(); ++i) {
        std::string a, b;
        seamid::append_row_report_json(a, from_text.rows[i]);
        seamid::append_row_report_json(b, from_dom.rows[i]);
        CHECK(a == b);
    }
    CHECK(from_text.summary.rows == 5);
    const auto not_array = seamid::validate_json_batch(index, "{\"rows\": []}");
    CHECK_FALSE(not_array.usable);
    CHECK(not_array.issues.at(0).message == "Expected an array of /user_identities/create requests, received object.");
    const auto broken = seamid::validate_json_batch(index, R"([{"user_identity_key": "a"}, {"x": )");
    CHECK_FALSE(broken.usable);
    CHECK(broken.issues.at(0).code == "invalid_json");
    CHECK(broken.summary.rows == 1);  // rows before the error were checked
}
