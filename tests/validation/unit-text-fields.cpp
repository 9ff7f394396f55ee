// Tests of seamid/validation/text_fields.hpp: user_identity_key and full_name (Seam's min length 1, whitespace, control, invisible).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "fixtures.hpp"
#include "seamid/validation/text_fields.hpp"

using seamid::check_text;
using seamid::text_field;
using seamid::validate_text;

TEST_CASE("text field fixture cases", "[text][fixtures]") {
    const auto fixture = seamid_test::load_fixture("text-fields.json");
    REQUIRE(fixture.is_object());
    const auto& cases = fixture["cases"];
    REQUIRE(cases.size() >= 20);
    for (const auto& test_case : cases) {
        const std::string value = test_case["value"];
        const std::string name = test_case["field"];
        const text_field field = name == "full_name" ? text_field::full_name : text_field::user_identity_key;
        seamid::validation_options options;
        if (test_case.value("profile", "default") == "strict") options.rules = seamid::profile::strict;
        INFO("case: " << test_case["name"].get<std::string>());
        const auto issues = validate_text(value, field, options);
        std::vector<std::string> codes, severities;
        for (const auto& found : issues) {
            codes.push_back(found.code);
            severities.emplace_back(seamid::severity_name(found.level));
            CHECK(found.path == seamid::issue_path{name});
            CHECK(found.message.size() > 20);
            if (found.suggestion) CHECK(*found.suggestion == test_case["suggestion"].get<std::string>());
        }
        CHECK(codes == test_case["codes"].get<std::vector<std::string>>());
        if (test_case.contains("severities")) CHECK(severities == test_case["severities"].get<std::vector<std::string>>());
        CHECK(check_text(value, options).accepted() == test_case["accepted"].get<bool>());
        if (test_case.contains("suggestion")) {
            bool any = false;
            for (const auto& found : issues) any = any || found.suggestion.has_value();
            CHECK(any);
        }
    }
}

TEST_CASE("Seam's error rule is only 'not empty'", "[text][boundary]") {
    CHECK_FALSE(check_text("").accepted());
    for (const char* value : {" ", "a", "\t", "\xE2\x80\x8B"}) CHECK(check_text(value).accepted());
    CHECK(check_text(std::string(1, '\0')).accepted());
    CHECK(check_text(std::string(1, '\0')).codes[0] == seamid::text_code::control_characters);
}

TEST_CASE("invalid UTF-8 is an error with no suggestion", "[text][bad-input]") {
    const auto issues = validate_text("Jane\xC0\xAF", text_field::full_name);
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].code == "invalid_utf8");
    CHECK(issues[0].level == seamid::severity::error);
    CHECK_FALSE(issues[0].suggestion.has_value());
}

TEST_CASE("huge text is checked in linear time", "[text][bad-input]") {
    const std::string big(10u << 20, 'x');
    CHECK(check_text(big).count == 0);
    const std::string spaces(1u << 20, ' ');
    CHECK(check_text(spaces).codes[0] == seamid::text_code::whitespace_only);
    const auto padded = validate_text(spaces + "Jane" + spaces, text_field::full_name);
    REQUIRE(padded.size() == 1);
    CHECK(padded[0].suggestion == "Jane");
}
