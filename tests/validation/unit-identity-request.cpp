// Tests of seamid/validation/identity_request.hpp: whole create/update bodies from JSON text, parsed JSON and C++ values.
#include <catch2/catch.hpp>

#include <string>
#include <tuple>
#include <vector>

#include "fixtures.hpp"
#include "seamid/validation/identity_request.hpp"

using seamid::validate_create;
using seamid::validate_update;

namespace {

using summary = std::vector<std::tuple<nlohmann::json, std::string, std::string>>;

/// Issues as [path, code, severity] rows, the fixture's shape.
summary summarize(const std::vector<seamid::issue>& issues) {
    summary out;
    for (const auto& found : issues) {
        CHECK(found.message.size() > 20);
        out.emplace_back(seamid::issue_to_json(found)["path"], found.code, std::string(seamid::severity_name(found.level)));
    }
    return out;
}

summary expected_of(const nlohmann::json& rows) {
    summary out;
    for (const auto& row : rows) out.emplace_back(row[0], row[1].get<std::string>(), row[2].get<std::string>());
    return out;
}

}  // namespace

TEST_CASE("identity request fixture cases", "[identity][fixtures]") {
    const auto fixture = seamid_test::load_fixture("identity-requests.json");
    REQUIRE(fixture.is_object());
    const auto& cases = fixture["cases"];
    REQUIRE(cases.size() >= 20);
    for (const auto& test_case : cases) {
        INFO("case: " << test_case["name"].get<std::string>());
        seamid::validation_options options;
        if (test_case.value("profile", "default") == "strict") options.rules = seamid::profile::strict;
        const bool create = test_case["operation"] == "create";
        const std::string text = test_case.contains("text") ? test_case["text"].get<std::string>() : test_case["request"].dump();
        const auto from_text = create ? validate_create(text, options) : validate_update(text, options);
        CHECK(summarize(from_text) == expected_of(test_case["issues"]));
        if (test_case.contains("request")) {
            const auto from_json = create ? validate_create(test_case["request"], options) : validate_update(test_case["request"], options);
            CHECK(summarize(from_json) == expected_of(test_case["issues"]));
        }
    }
}

TEST_CASE("base prefixes every issue path", "[identity]") {
    const seamid::issue_path row{std::string("rows"), std::size_t{7}};
    const auto issues = validate_create(R"({"email_address": "x", "acs_system_ids": [1], "mail": 2})", {}, row);
    REQUIRE(issues.size() == 3);
    CHECK(issues[0].path == seamid::issue_path{std::string("rows"), std::size_t{7}, std::string("email_address")});
    CHECK(issues[1].path == seamid::issue_path{std::string("rows"), std::size_t{7}, std::string("acs_system_ids"), std::size_t{0}});
    CHECK(issues[2].path == seamid::issue_path{std::string("rows"), std::size_t{7}, std::string("mail")});
    CHECK(issues[2].suggestion == "email_address");
    const auto malformed = validate_update("{", {}, {std::size_t{3}});
    REQUIRE(malformed.size() == 1);
    CHECK(malformed[0].code == "invalid_json");
    CHECK(malformed[0].path == seamid::issue_path{std::size_t{3}});
    const auto not_object = validate_update(nlohmann::json(5), {}, {std::size_t{4}});
    CHECK(not_object.at(0).path == seamid::issue_path{std::size_t{4}});
    CHECK(not_object.at(0).message == "Expected an object (the request body), received number.");
}

TEST_CASE("every overload gives the same answer", "[identity]") {
    const std::string text = R"({"email_address": "jane@example", "full_name": ""})";
    const auto json = nlohmann::json::parse(text);
    const auto expected = summarize(validate_create(json));
    REQUIRE(expected.size() == 2);
    CHECK(summarize(validate_create(text)) == expected);
    CHECK(summarize(validate_create(std::string_view(text))) == expected);
    CHECK(summarize(validate_create(text.c_str())) == expected);
    seamid::create_request request;
    request.email_address = seamid::request_value::string("jane@example");
    request.full_name = seamid::request_value::string("");
    CHECK(summarize(validate_create(request)) == expected);

    seamid::update_request update;
    update.user_identity_id = seamid::request_value::string("3fa85f64-5717-4562-b3fc-2c963f66afa6");
    update.phone_number = seamid::request_value::null();
    update.full_name = seamid::request_value::of_kind(seamid::value_kind::number);
    const auto issues = validate_update(update);
    REQUIRE(issues.size() == 2);
    CHECK(issues[0].code == "field_cleared");
    CHECK(issues[1].code == "invalid_type");
    CHECK(issues[1].message == "Expected a string or null, received number.");
}

TEST_CASE("unknown fields name what was probably meant", "[identity]") {
    const auto hint = [](const char* name, bool create = true) {
        nlohmann::json body = {{"user_identity_id", "3fa85f64-5717-4562-b3fc-2c963f66afa6"}, {"full_name", "J"}, {name, 1}};
        if (create) body.erase("user_identity_id");
        const auto issues = create ? validate_create(body) : validate_update(body);
        for (const auto& found : issues)
            if (found.code == "unknown_field") return found.suggestion.value_or("(none)");
        return std::string("(no unknown_field)");
    };
    CHECK(hint("email") == "email_address");
    CHECK(hint("emailAddress") == "email_address");
    CHECK(hint("E-Mail") == "email_address");
    CHECK(hint("email_adress") == "email_address");
    CHECK(hint("phoneNumber") == "phone_number");
    CHECK(hint("mobile") == "phone_number");
    CHECK(hint("name") == "full_name");
    CHECK(hint("userIdentityKey") == "user_identity_key");
    CHECK(hint("acs_system_id") == "acs_system_ids");
    CHECK(hint("acs_system_id", false) == "(none)");  // not a field of update
    CHECK(hint("id", false) == "user_identity_id");
    CHECK(hint("id") == "(none)");
    CHECK(hint("favourite_colour") == "(none)");
    const auto issues = validate_create(R"({"email": "a@b.co"})");
    CHECK(issues.at(0).message == "Unknown field 'email': /user_identities/create ignores it. Did you mean 'email_address'?");
}

TEST_CASE("hostile JSON gives issues, never a crash", "[identity][bad-input]") {
    // Deep nesting: refused by the one JSON reader's depth limit (512) before any DOM is built.
    const std::string deep = "{\"full_name\": " + std::string(100000, '[') + std::string(100000, ']') + ", \"email_address\": \"a@b.co\"}";
    const auto nested = validate_create(deep);
    REQUIRE(nested.size() == 1);
    CHECK(nested[0].code == "invalid_json");
    const std::string shallow = "{\"full_name\": " + std::string(500, '[') + std::string(500, ']') + ", \"email_address\": \"a@b.co\"}";
    CHECK(validate_create(shallow).at(0).code == "invalid_type");
    // A repeated key: Seam's parser would keep one of the two values; seamid refuses to guess.
    CHECK(validate_create(R"({"email_address": "bad", "email_address": "a@b.co"})").at(0).code == "invalid_json");
    CHECK(validate_create(std::string(100000, '[')).at(0).code == "invalid_json");
    // Invalid UTF-8 inside a JSON string: the parser refuses it.
    CHECK(validate_create("{\"full_name\": \"\xFF\"}").at(0).code == "invalid_json");
    // A raw NUL inside a string is not JSON; an escaped one is a control character.
    CHECK(validate_create(std::string("{\"full_name\": \"a\0b\"}", 20)).at(0).code == "invalid_json");
    CHECK(validate_create(std::string_view()).at(0).code == "invalid_json");
    CHECK(validate_create(static_cast<const char*>(nullptr)).at(0).code == "invalid_json");
    // 10 MB strings in every field, and a 1 MB unknown field name.
    const std::string big(10u << 20, 'x');
    nlohmann::json body = {{"user_identity_key", big}, {"email_address", big}, {"phone_number", big}, {"full_name", big},
                           {std::string(1u << 20, 'k'), 1}};
    const auto issues = validate_create(body);
    REQUIRE(issues.size() == 3);  // key and name are fine (10 MB of 'x'); email, phone, unknown field
    CHECK(issues[0].code == "email_missing_at");
    CHECK(issues[1].code == "phone_invalid_characters");
    CHECK(issues[2].code == "unknown_field");
    CHECK(issues[2].message.size() < 300);  // the 1 MB name is cut to 64 bytes
    // After all that, a valid request still validates cleanly.
    CHECK(validate_create(R"({"email_address": "jane@example.com"})").empty());
}

TEST_CASE("a large acs_system_ids array is checked in n log n with duplicates found", "[identity][bad-input]") {
    nlohmann::json ids = nlohmann::json::array();
    for (int i = 0; i < 50000; ++i) {
        char text[37];
        std::snprintf(text, sizeof text, "%08x-0000-4000-8000-000000000000", i % 40000);
        ids.push_back(text);
    }
    const auto issues = validate_create(nlohmann::json{{"email_address", "a@b.co"}, {"acs_system_ids", ids}});
    // 10000 duplicates: the first max_issues are listed, then one too_many_issues error counts the rest.
    REQUIRE(issues.size() == seamid::detail::max_issues + 1);
    CHECK(issues.front().path == seamid::issue_path{std::string("acs_system_ids"), std::size_t{40000}});
    CHECK(issues.front().code == "duplicate_acs_system_id");
    CHECK(issues.back().code == "too_many_issues");
    CHECK(issues.back().path.empty());
    CHECK(seamid::detail::issues_left_out(issues) == 10000 - seamid::detail::max_issues);
}

TEST_CASE("a request's issues are capped at max_issues with the count of the rest, at the request's path", "[identity][bad-input][limits]") {
    std::string body = R"({"email_address": "a@b.co", "acs_system_ids": [)";
    for (int i = 0; i < 250000; ++i) body += i == 0 ? "1" : ",1";
    body += "]";
    for (int i = 0; i < 300; ++i) body += ",\"unknown" + std::to_string(i) + "\": 1";
    body += "}";
    const auto issues = validate_create(body, {}, {std::size_t{7}});
    REQUIRE(issues.size() == seamid::detail::max_issues + 1);
    CHECK(issues.front().code == "invalid_type");
    CHECK(issues.back().code == "too_many_issues");
    CHECK(issues.back().path == seamid::issue_path{std::size_t{7}});
    CHECK(seamid::detail::issues_left_out(issues) == 250000 + 300 - seamid::detail::max_issues);
    CHECK(issues.back().message == "More than 100 issues; 250200 more were left out. Fix these and check again.");
}
