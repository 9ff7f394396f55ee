// Tests of seamid/validation/email.hpp: zod 3's email grammar exactly, diagnosis codes, suggestions, RFC 5321 limits.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "fixtures.hpp"
#include "seamid/validation/email.hpp"

using seamid::check_email;
using seamid::matches_zod_email;
using seamid::validate_email;

namespace {

/// A case's value: `value`, or the `repeat` pieces [[text, count], ...] joined.
std::string case_value(const nlohmann::json& test_case) {
    if (test_case.contains("value")) return test_case["value"].get<std::string>();
    std::string out;
    for (const auto& piece : test_case["repeat"])
        for (int i = 0; i < piece[1].get<int>(); ++i) out += piece[0].get<std::string>();
    return out;
}

seamid::validation_options options_for(const nlohmann::json& test_case) {
    seamid::validation_options options;
    if (test_case.value("profile", "default") == "strict") options.rules = seamid::profile::strict;
    return options;
}

/// zod 3's email regex written out piece by piece, as a reference for the one-pass automaton:
/// ^(?!\.)(?!.*\.\.)([A-Z0-9_'+\-\.]*)[A-Z0-9_+-]@([A-Z0-9][A-Z0-9\-]*\.)+[A-Z]{2,}$ with flag i.
bool reference_zod_email(const std::string& text) {
    const auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); };
    const auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
    const std::size_t at = text.find('@');
    if (at == std::string::npos || text.find('@', at + 1) != std::string::npos) return false;
    const std::string local = text.substr(0, at), domain = text.substr(at + 1);
    if (local.empty() || local.front() == '.' || text.find("..") != std::string::npos) return false;
    for (const char c : local)
        if (!alnum(c) && c != '_' && c != '\'' && c != '+' && c != '-' && c != '.') return false;
    const char last = local.back();
    if (!alnum(last) && last != '_' && last != '+' && last != '-') return false;
    std::vector<std::string> labels;
    for (std::size_t start = 0;;) {
        const std::size_t dot = domain.find('.', start);
        labels.push_back(domain.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
        if (dot == std::string::npos) break;
        start = dot + 1;
    }
    if (labels.size() < 2 || labels.back().size() < 2) return false;
    for (const char c : labels.back())
        if (!letter(c)) return false;
    for (std::size_t i = 0; i + 1 < labels.size(); ++i) {
        if (labels[i].empty() || !alnum(labels[i][0])) return false;
        for (const char c : labels[i])
            if (!alnum(c) && c != '-') return false;
    }
    return true;
}

}  // namespace

TEST_CASE("email fixture cases", "[email][fixtures]") {
    const auto fixture = seamid_test::load_fixture("email.json");
    REQUIRE(fixture.is_object());
    const auto& cases = fixture["cases"];
    REQUIRE(cases.size() >= 40);
    for (const auto& test_case : cases) {
        const std::string value = case_value(test_case);
        INFO("case: " << test_case["name"].get<std::string>() << " value: " << value);
        const auto options = options_for(test_case);
        const auto issues = validate_email(value, options);
        std::vector<std::string> codes, severities;
        std::string suggestion;
        for (const auto& found : issues) {
            codes.push_back(found.code);
            severities.emplace_back(seamid::severity_name(found.level));
            CHECK(found.path == seamid::issue_path{std::string("email_address")});
            CHECK(found.message.size() > 20);
            if (found.suggestion) suggestion = *found.suggestion;
        }
        CHECK(codes == test_case["codes"].get<std::vector<std::string>>());
        if (test_case.contains("severities")) CHECK(severities == test_case["severities"].get<std::vector<std::string>>());
        CHECK(check_email(value, options).accepted() == test_case["accepted"].get<bool>());
        CHECK(suggestion == test_case.value("suggestion", std::string()));
        // The grammar verdict alone (no profile) is Seam's verdict.
        const bool grammar = matches_zod_email(value);
        CHECK(grammar == check_email(value).accepted());
    }
}

TEST_CASE("a suggestion is always an address the grammar accepts", "[email]") {
    for (const char* value : {" a@b.co ", "mailto:a@b.co", "A <a@b.co>", "<a@b.co>", "\t\"Jane\" <jane@example.com>\r\n"}) {
        INFO(value);
        const auto check = check_email(value);
        REQUIRE(check.count == 1);
        CHECK(check.findings[0].code == seamid::email_code::formatted);
        CHECK(matches_zod_email(check.suggested(value)));
    }
    CHECK(check_email("mailto:").findings[0].code == seamid::email_code::missing_at);
    CHECK(check_email("<>").findings[0].code == seamid::email_code::missing_at);
    CHECK(check_email("a <b>").findings[0].code == seamid::email_code::missing_at);
}

TEST_CASE("the automaton agrees with the regex written out on every string of up to 7 characters over the grammar's alphabet", "[email][boundary]") {
    // Every character class the grammar distinguishes, plus one it rejects and a non-ASCII byte.
    constexpr std::string_view alphabet = "aZ1.@-'_ \xc3";
    std::size_t accepted = 0, total = 0;
    std::string text;
    for (std::size_t length = 0; length <= 7; ++length) {
        std::vector<std::size_t> digits(length, 0);
        for (;;) {
            text.assign(length, ' ');
            for (std::size_t i = 0; i < length; ++i) text[i] = alphabet[digits[i]];
            const bool expected = reference_zod_email(text);
            if (matches_zod_email(text) != expected) FAIL_CHECK("disagrees on \"" << text << "\"");
            accepted += expected;
            ++total;
            std::size_t i = 0;
            while (i < length && ++digits[i] == alphabet.size()) digits[i++] = 0;
            if (i == length) break;
        }
    }
    CHECK(total > 11'000'000);
    CHECK(accepted > 500);  // the alphabet reaches the accepting paths (780 of them), not only rejections
}

TEST_CASE("every single ASCII character in each position agrees with the grammar's character classes", "[email][boundary]") {
    for (int c = 0; c < 128; ++c) {
        const char ch = static_cast<char>(c);
        const bool alnum = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
        const bool letter = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
        INFO("character code " << c);
        // local part middle: [A-Z0-9_'+\-.]
        const bool middle_ok = alnum || ch == '_' || ch == '\'' || ch == '+' || ch == '-' || ch == '.';
        CHECK(matches_zod_email(std::string("a") + ch + "b@x.io") == middle_ok);
        // local part end: [A-Z0-9_+-]
        CHECK(matches_zod_email(std::string("a") + ch + "@x.io") == (alnum || ch == '_' || ch == '+' || ch == '-'));
        // domain label: [A-Z0-9][A-Z0-9-]*
        CHECK(matches_zod_email(std::string("a@") + ch + "x.io") == alnum);
        CHECK(matches_zod_email(std::string("a@x") + ch + ".io") == (alnum || ch == '-'));  // '.' makes '..'
        // TLD: [A-Z]{2,}
        CHECK(matches_zod_email(std::string("a@x.i") + ch) == letter);
        // every rejection gets a specific code, never the safety net
        const auto check = check_email(std::string("a") + ch + "b@x.io");
        if (!check.accepted()) CHECK(check.findings[0].code != seamid::email_code::invalid);
    }
}

TEST_CASE("invalid UTF-8 and non-ASCII", "[email][bad-input]") {
    CHECK(check_email("a\xFF@b.co").findings[0].code == seamid::email_code::invalid_utf8);
    CHECK(check_email("\xC3\xA9@b.co").findings[0].code == seamid::email_code::non_ascii);
    CHECK(check_email("a@b.co\xC2").findings[0].code == seamid::email_code::invalid_utf8);
}

TEST_CASE("huge inputs are checked in one pass", "[email][bad-input]") {
    const std::string ten_megabytes(10u << 20, 'a');
    CHECK(check_email(ten_megabytes).findings[0].code == seamid::email_code::missing_at);
    const auto long_valid = check_email(ten_megabytes + "@example.com");
    CHECK(long_valid.accepted());
    CHECK(long_valid.findings[0].code == seamid::email_code::local_part_too_long);
    CHECK(check_email("a@" + ten_megabytes).findings[0].code == seamid::email_code::missing_tld);
    std::string dots;
    for (int i = 0; i < (1 << 19); ++i) dots += "a.";
    CHECK(check_email(dots + "@x.io").findings[0].code == seamid::email_code::misplaced_dot);
    CHECK(check_email("a@" + dots + "io").accepted());
    CHECK(check_email(std::string(1u << 20, '@')).findings[0].code == seamid::email_code::multiple_at);
    CHECK(check_email(std::string(1u << 20, '\0')).findings[0].code == seamid::email_code::missing_at);
    const std::string spaces(1u << 20, ' ');
    CHECK(check_email(spaces + "a@b.co" + spaces).findings[0].code == seamid::email_code::formatted);
}

TEST_CASE("check_email is usable in constant expressions", "[email]") {
    static_assert(matches_zod_email("jane@example.com"));
    static_assert(!matches_zod_email("jane@example"));
    static_assert(check_email("a@b.co").accepted());
    STATIC_REQUIRE(check_email(" a@b.co").suggestion_offset == 1);
}
