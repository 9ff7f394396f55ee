// Tests of seamid/validation/phone.hpp: Seam's E.164 rule, formatted-input suggestions, plausibility, strict profile.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "fixtures.hpp"
#include "seamid/validation/phone.hpp"

using seamid::check_phone;
using seamid::validate_phone;

namespace {

seamid::validation_options options_for(const nlohmann::json& test_case) {
    seamid::validation_options options;
    if (test_case.value("profile", "standard") == "strict") options.rules = seamid::profile::strict;
    return options;
}

}  // namespace

TEST_CASE("phone fixture cases", "[phone][fixtures]") {
    const auto fixture = seamid_test::load_fixture("phone.json");
    REQUIRE(fixture.is_object());
    const auto& cases = fixture["cases"];
    REQUIRE(cases.size() >= 30);
    for (const auto& test_case : cases) {
        const std::string value = test_case["value"];
        INFO("case: " << test_case["name"].get<std::string>() << " value: " << value);
        const auto issues = validate_phone(value, options_for(test_case));
        std::vector<std::string> codes, severities;
        for (const auto& found : issues) {
            codes.push_back(found.code);
            severities.emplace_back(seamid::severity_name(found.level));
            CHECK(found.path == seamid::issue_path{std::string("phone_number")});
            CHECK_FALSE(found.message.empty());
        }
        CHECK(codes == test_case["codes"].get<std::vector<std::string>>());
        if (test_case.contains("severities")) CHECK(severities == test_case["severities"].get<std::vector<std::string>>());
        CHECK(check_phone(value, options_for(test_case)).accepted() == test_case["accepted"].get<bool>());
        const auto expected_suggestion = test_case.value("suggestion", std::string());
        std::string suggestion;
        for (const auto& found : issues)
            if (found.suggestion) suggestion = *found.suggestion;
        CHECK(suggestion == expected_suggestion);
    }
}

TEST_CASE("every 2..15 digit length after + is accepted by the error rule", "[phone][boundary]") {
    std::string number = "+1";
    for (int digits = 1; digits <= 16; ++digits) {
        INFO("digits: " << digits);
        CHECK(check_phone(number).accepted() == (digits >= 2 && digits <= 15));
        number += '5';
    }
}

TEST_CASE("the first digit after + must be 1-9", "[phone][boundary]") {
    for (char first = '0'; first <= '9'; ++first) {
        const std::string number = std::string("+") + first + "4155552671";
        CHECK(check_phone(number).accepted() == (first != '0'));
    }
}

TEST_CASE("invalid UTF-8 is reported, never trimmed or suggested", "[phone][bad-input]") {
    const auto issues = validate_phone("+1415\xFF" "5552671");
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].code == "invalid_utf8");
    CHECK(issues[0].level == seamid::severity::error);
    CHECK_FALSE(issues[0].suggestion.has_value());
    CHECK(validate_phone("\xC2").at(0).code == "invalid_utf8");
}

TEST_CASE("huge inputs are diagnosed in one pass", "[phone][bad-input]") {
    const std::string ten_megabytes(10u << 20, '7');
    CHECK(validate_phone(ten_megabytes).at(0).code == "phone_missing_plus");
    CHECK(validate_phone("+" + ten_megabytes).at(0).code == "phone_too_long");
    const std::string spaces(1u << 20, ' ');
    const auto padded = validate_phone(spaces + "+14155552671" + spaces);
    REQUIRE(padded.size() == 1);
    CHECK(padded[0].code == "phone_untrimmed");
    CHECK(padded[0].suggestion == "+14155552671");
    CHECK(validate_phone(std::string(1u << 20, '\0')).at(0).code == "phone_invalid_characters");
}

TEST_CASE("the core never rewrites: a formatted value is an error even though the digits are fine", "[phone]") {
    const auto check = check_phone("+1 415 555 2671");
    CHECK_FALSE(check.accepted());
    CHECK(check.suggested() == "+14155552671");
    CHECK(check_phone(check.suggested()).accepted());
}

TEST_CASE("strict never weakens an error and only escalates plausibility", "[phone][profile]") {
    const seamid::validation_options strict{seamid::profile::strict};
    CHECK(check_phone("+14155552671", strict).accepted());
    CHECK_FALSE(check_phone("+1415555267", strict).accepted());
    CHECK_FALSE(check_phone("+1 415 555 2671", strict).accepted());
    CHECK(check_phone(" +14155552671 ", strict).accepted());  // trimming is info in every profile
}

TEST_CASE("check_phone is usable in constant expressions", "[phone]") {
    static_assert(check_phone("+14155552671").accepted());
    static_assert(!check_phone("+0123").accepted());
    STATIC_REQUIRE(check_phone("+1 (415) 555-2671").suggested() == "+14155552671");
}
