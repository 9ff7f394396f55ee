// Tests of the default country for phone numbers (seamid/validation/phone.hpp, phone_region.hpp): national-format
// numbers per region with and without a trunk prefix, international prefixes, the special numbering plans, bad
// options, and that without the option nothing changes. Expected E.164 values agree with libphonenumber-js 1.13.16
// parsePhoneNumber(text, country) (tests/js/phone-country-agreement.test.mjs checks every region's examples).
#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "seamid/validation/identity_request.hpp"
#include "seamid/validation/phone.hpp"

using seamid::check_phone;
using seamid::phone_code;

namespace {

seamid::validation_options in(std::string_view country, seamid::profile rules = seamid::profile::standard) {
    seamid::validation_options options;
    options.rules = rules;
    options.default_country = seamid::country_code(country);
    return options;
}

/// The codes of a check, in order.
std::vector<phone_code> codes_of(const seamid::phone_check& check) {
    std::vector<phone_code> out;
    for (std::uint8_t i = 0; i < check.count; ++i) out.push_back(check.findings[i].code);
    return out;
}

/// Checks that `value` read in `country` is the national_number error with suggestion `e164` and nothing else.
void require_reads_as(std::string_view country, std::string_view value, std::string_view e164) {
    INFO(country << " " << value);
    const auto check = check_phone(value, in(country));
    REQUIRE(check.count == 1);
    CHECK(check.findings[0].code == phone_code::national_number);
    CHECK(check.findings[0].level == seamid::severity::error);
    CHECK_FALSE(check.accepted());
    CHECK(check.suggested() == e164);
    // The suggestion itself is accepted and plausible, with or without the country.
    CHECK(check_phone(check.suggested()).count == 0);
    CHECK(check_phone(check.suggested(), in(country)).count == 0);
}

}  // namespace

TEST_CASE("default country: national numbers with a trunk prefix", "[phone][country]") {
    require_reads_as("GB", "020 7946 0958", "+442079460958");
    require_reads_as("GB", "07400 123456", "+447400123456");
    require_reads_as("DE", "0151 23456789", "+4915123456789");
    require_reads_as("DE", "030 123456", "+4930123456");
    require_reads_as("FR", "06 12 34 56 78", "+33612345678");
    require_reads_as("FR", "01 23 45 67 89", "+33123456789");
    require_reads_as("AU", "0412 345 678", "+61412345678");
    require_reads_as("AU", "(02) 9876 5432", "+61298765432");
    require_reads_as("JP", "090-1234-5678", "+819012345678");
    require_reads_as("JP", "03-1234-5678", "+81312345678");
    require_reads_as("ES", "612 34 56 78", "+34612345678");      // Spain: no trunk prefix
    require_reads_as("NL", "06 12345678", "+31612345678");
    require_reads_as("IN", "098765 43210", "+919876543210");
    require_reads_as("CN", "0755 1234 5678", "+8675512345678");
}

TEST_CASE("default country: national numbers without a trunk prefix", "[phone][country]") {
    require_reads_as("US", "(415) 555-2671", "+14155552671");
    require_reads_as("US", "415.555.2671", "+14155552671");
    require_reads_as("US", "4155552671", "+14155552671");
    require_reads_as("GB", "20 7946 0958", "+442079460958");
    require_reads_as("DE", "151 23456789", "+4915123456789");
    require_reads_as("FR", "6 12 34 56 78", "+33612345678");
    require_reads_as("SG", "8123 4567", "+6581234567");
    require_reads_as("ES", "912 345 678", "+34912345678");
}

TEST_CASE("default country: the trunk prefix that is NANP's 1 and the calling code without '+'", "[phone][country]") {
    require_reads_as("US", "1 (415) 555-2671", "+14155552671");
    require_reads_as("US", "1-415-555-2671", "+14155552671");
    require_reads_as("GB", "44 20 7946 0958", "+442079460958");
    require_reads_as("GB", "44 (0)20 7946 0958", "+442079460958");
    // German numbers can be long: "49 151 23456789" is a possible national number itself, so it is read as one.
    CHECK(check_phone("49 151 23456789", in("DE")).suggested() == "+494915123456789");
}

TEST_CASE("default country: international prefixes", "[phone][country]") {
    require_reads_as("US", "011 44 20 7946 0958", "+442079460958");
    require_reads_as("US", "011 33 6 12 34 56 78", "+33612345678");
    require_reads_as("GB", "00 1 415 555 2671", "+14155552671");
    require_reads_as("DE", "00 44 20 7946 0958", "+442079460958");
    require_reads_as("DE", "0044 (0)20 7946 0958", "+442079460958");  // the target's trunk prefix is dropped too
    require_reads_as("FR", "00 49 151 23456789", "+4915123456789");
    require_reads_as("JP", "010 44 20 7946 0958", "+442079460958");
    require_reads_as("AU", "0011 44 20 7946 0958", "+442079460958");
    require_reads_as("RU", "8 10 44 20 7946 0958", "+442079460958");
    // "00" in the US is no international prefix: read as a national number, implausible there.
    const auto us = check_phone("00 44 20 7946 0958", in("US"));
    CHECK(codes_of(us).front() == phone_code::national_number);
    CHECK(us.suggested() != "+442079460958");
    CHECK(us.count == 2);  // plus a plausibility warning on the suggestion
    // An international prefix followed by no assigned calling code: no reading, the plain error.
    const auto unassigned = check_phone("011 999 123 456", in("US"));
    CHECK(codes_of(unassigned) == std::vector<phone_code>{phone_code::missing_plus});
    CHECK(unassigned.suggested().empty());
}

TEST_CASE("default country: Italy keeps its leading 0", "[phone][country]") {
    require_reads_as("IT", "02 1234 5678", "+390212345678");
    require_reads_as("IT", "06 6982 1234", "+390669821234");
    require_reads_as("IT", "312 345 6789", "+393123456789");  // mobile: no 0
    require_reads_as("SM", "0549 886377", "+3780549886377");   // San Marino keeps its 0549 too
}

TEST_CASE("default country: Argentina's mobile 9", "[phone][country]") {
    require_reads_as("AR", "011 15-2345-6789", "+5491123456789");    // 0 + area 11 + 15 + subscriber -> 9 11 ...
    require_reads_as("AR", "011 2345-6789", "+541123456789");        // fixed line: no 9
    require_reads_as("AR", "9 11 2345-6789", "+5491123456789");      // already international style, without '+'
}

TEST_CASE("default country: Mexico, Brazil's carrier codes, Japan", "[phone][country]") {
    require_reads_as("MX", "55 1234 5678", "+525512345678");
    require_reads_as("MX", "33 1234 5678", "+523312345678");
    require_reads_as("BR", "(11) 96123-4567", "+5511961234567");
    require_reads_as("BR", "0 15 11 96123-4567", "+5511961234567");  // 0 + carrier 15 dropped
    require_reads_as("JP", "0120-123-456", "+81120123456");
    // Mexico's old 044 mobile prefix is not in the metadata any more: read as digits, and flagged as implausible.
    const auto old_mobile = check_phone("044 55 1234 5678", in("MX"));
    CHECK(codes_of(old_mobile) == std::vector<phone_code>{phone_code::national_number, phone_code::invalid_length});
    CHECK(old_mobile.suggested() == "+520445512345678");
}

TEST_CASE("default country: +7 shared by Russia and Kazakhstan, +1 shared by NANP", "[phone][country]") {
    require_reads_as("RU", "8 (912) 345-67-89", "+79123456789");
    require_reads_as("KZ", "8 (771) 000 9998", "+77710009998");
    require_reads_as("KZ", "8 (912) 345-67-89", "+79123456789");  // a Russian number dialled in Kazakhstan: still +7
    require_reads_as("CA", "(613) 555-0123", "+16135550123");
    require_reads_as("CA", "1 613 555 0123", "+16135550123");
    require_reads_as("JM", "(876) 555-0123", "+18765550123");
    require_reads_as("BS", "322 1234", "+12423221234");  // a 7-digit local number takes the Bahamas' area code 242
    require_reads_as("GG", "781234", "+441481781234");   // Guernsey shares +44 and its 01481 area code
}

TEST_CASE("default country: the plausibility rules apply to the suggestion", "[phone][country]") {
    const auto short_number = check_phone("555-2671", in("US"));
    CHECK(codes_of(short_number) == std::vector<phone_code>{phone_code::national_number, phone_code::invalid_length_for_prefix});
    CHECK(short_number.findings[1].level == seamid::severity::warning);
    CHECK(short_number.suggested() == "+15552671");
    const auto strict = check_phone("555-2671", in("US", seamid::profile::strict));
    CHECK(strict.findings[1].level == seamid::severity::error);
    // A national number that is also a valid international number elsewhere (+33 1 23 45 67 89 in France) reads
    // as a national number of the default country, and the plausibility warning says it does not fit there.
    const auto elsewhere = check_phone("33 1 23 45 67 89", in("US"));
    CHECK(codes_of(elsewhere) == std::vector<phone_code>{phone_code::national_number, phone_code::invalid_length});
    CHECK(elsewhere.suggested() == "+133123456789");
    // A reading that keeps a trunk prefix after the calling code (a 0 before a Colombian mobile, which Colombia's
    // rules do not strip): the suggestion drops it too, with phone_national_prefix. libphonenumber-js answers
    // +5703211234567 here, the one kind of input where the two differ.
    const auto kept = check_phone("03211234567", in("CO"));
    CHECK(codes_of(kept) == std::vector<phone_code>{phone_code::national_number, phone_code::national_prefix});
    CHECK(kept.suggested() == "+573211234567");
}

TEST_CASE("default country: what it does not change", "[phone][country]") {
    // A '+' number ignores the country, formatted or not.
    CHECK(check_phone("+442079460958", in("US")).count == 0);
    const auto formatted = check_phone("+44 20 7946 0958", in("US"));
    CHECK(codes_of(formatted) == std::vector<phone_code>{phone_code::formatted});
    CHECK(formatted.suggested() == "+442079460958");
    CHECK(check_phone(" +14155552671", in("GB")).findings[0].code == phone_code::untrimmed);
    // Letters, empty text, too many digits: the same errors as without the country, and no suggestion.
    CHECK(codes_of(check_phone("415-555-CALL", in("US"))) == std::vector<phone_code>{phone_code::invalid_characters});
    CHECK(codes_of(check_phone("", in("US"))) == std::vector<phone_code>{phone_code::empty});
    CHECK(codes_of(check_phone("   ", in("US"))) == std::vector<phone_code>{phone_code::empty});
    const auto too_many = check_phone("1234567890123456789012", in("US"));
    CHECK(codes_of(too_many) == std::vector<phone_code>{phone_code::missing_plus});
    CHECK(too_many.suggested().empty());
    const auto one_digit = check_phone("7", in("US"));
    CHECK(codes_of(one_digit) == std::vector<phone_code>{phone_code::missing_plus});
    // check_phone_without_country (the ACS preflight's) ignores the option: the same as without it.
    const auto ignored = seamid::check_phone_without_country("(415) 555-2671", in("US"));
    CHECK(codes_of(ignored) == std::vector<phone_code>{phone_code::missing_plus});
    CHECK(seamid::check_phone_without_country("+14155552671", in("XX")).count == 0);
    static_assert(!seamid::check_phone_without_country("4155552671").accepted());
    // Without the option, exactly as before: missing_plus and no suggestion.
    const auto plain = check_phone("(415) 555-2671");
    CHECK(codes_of(plain) == std::vector<phone_code>{phone_code::missing_plus});
    CHECK(plain.suggested().empty());
}

TEST_CASE("default country: country codes in either case; unknown, malformed or empty ones are invalid_option", "[phone][country]") {
    CHECK(seamid::is_known_country("US"));
    CHECK(seamid::is_known_country("gb"));
    CHECK(seamid::is_known_country("Fr"));
    CHECK_FALSE(seamid::is_known_country("XX"));
    CHECK_FALSE(seamid::is_known_country("USA"));
    CHECK_FALSE(seamid::is_known_country(""));
    CHECK_FALSE(seamid::is_known_country("U1"));
    CHECK_FALSE(seamid::is_known_country(seamid::country_code{}));
    require_reads_as("us", "(415) 555-2671", "+14155552671");
    for (const std::string_view bad : {"XX", "USA", "", "U", "1", "001", "Ü"}) {
        INFO(bad);
        const auto check = check_phone("+14155552671", in(bad));
        REQUIRE(check.count == 1);
        CHECK(check.findings[0].code == phone_code::invalid_option);
        CHECK(check.findings[0].level == seamid::severity::error);
        CHECK(seamid::phone_code_name(phone_code::invalid_option) == "invalid_option");
        // With a bad option, a national number gets no reading.
        const auto national = check_phone("(415) 555-2671", in(bad));
        CHECK(codes_of(national) == std::vector<phone_code>{phone_code::invalid_option, phone_code::missing_plus});
    }
    // The binding's compact country number round-trips.
    CHECK(seamid::country_of_number(seamid::country_number("de")).text() == "DE");
    CHECK(seamid::country_number("XX") == 0);
    CHECK_FALSE(seamid::country_of_number(0).given());
    CHECK_FALSE(seamid::country_of_number(100000).given());
}

TEST_CASE("default country: issues, requests and their paths", "[phone][country]") {
    const auto issues = seamid::validate_phone("020 7946 0958", in("GB"));
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].code == "phone_national_number");
    CHECK(issues[0].suggestion == std::optional<std::string>("+442079460958"));
    const auto create = seamid::validate_create(R"({"phone_number": "(415) 555-2671", "full_name": "Jane"})", in("US"));
    REQUIRE(create.size() == 1);
    CHECK(create[0].code == "phone_national_number");
    CHECK(create[0].path == seamid::issue_path{std::string("phone_number")});
    CHECK(create[0].suggestion == std::optional<std::string>("+14155552671"));
    const auto update = seamid::validate_update(
        R"({"user_identity_id": "3fa85f64-5717-4562-b3fc-2c963f66afa6", "phone_number": "0412 345 678"})", in("AU"));
    REQUIRE(update.size() == 1);
    CHECK(update[0].suggestion == std::optional<std::string>("+61412345678"));
    const auto without = seamid::validate_create(R"({"phone_number": "(415) 555-2671"})");
    REQUIRE(without.size() == 1);
    CHECK(without[0].code == "phone_missing_plus");
    CHECK_FALSE(without[0].suggestion.has_value());
}

TEST_CASE("default country: the pattern matcher follows JS RegExp order", "[phone][country]") {
    using seamid::detail::digit_pattern_match;
    digit_pattern_match greedy("(\\d{2,3})(\\d*)", "12345", true);
    REQUIRE(greedy.run());
    CHECK(greedy.group(1) == "123");
    CHECK(greedy.group(2) == "45");
    digit_pattern_match ordered("0|01", "0123", false);
    REQUIRE(ordered.run());
    CHECK(ordered.end() == 1);  // the first alternative wins, as in JS
    digit_pattern_match anchored("([5-9]\\d{2})$|1", "1555", false);
    REQUIRE(anchored.run());
    CHECK(anchored.end() == 1);
    CHECK(anchored.group(1).empty());
    digit_pattern_match whole("[2-9]\\d{9}", "415555267", true);
    CHECK_FALSE(whole.run());
    digit_pattern_match classes("[^0-4]{2}", "59", true);
    CHECK(classes.run());
    digit_pattern_match empty_loop("(?:)*1", "1", true);  // an empty iteration ends the loop instead of spinning
    CHECK(empty_loop.run());
}

TEST_CASE("default country: every suggestion is a number Seam accepts, for any digits in any region", "[phone][country]") {
    // Deterministic pseudo-random digit strings (with spaces and dashes), each read in a region chosen the same way.
    std::uint32_t state = 0x5ea11d;
    const auto next = [&state](std::uint32_t n) {
        state = state * 1664525u + 1013904223u;
        return (state >> 8) % n;
    };
    const std::string_view alphabet = "01234567890123456789 -";
    std::size_t suggested = 0;
    for (int i = 0; i < 50000; ++i) {
        std::string value;
        const auto length = next(24);
        for (std::uint32_t k = 0; k < length; ++k) value += alphabet[next(static_cast<std::uint32_t>(alphabet.size()))];
        const seamid::country_code country = seamid::country_of_number(1 + next(seamid::detail::phone_tables::geographic_region_count));
        seamid::validation_options options;
        options.default_country = country;
        const auto check = check_phone(value, options);
        INFO(country.text() << " " << value);
        REQUIRE_FALSE(check.accepted());  // no '+': never accepted
        if (check.suggestion_length == 0) continue;
        ++suggested;
        REQUIRE(check_phone(check.suggested()).accepted());
        REQUIRE(check.findings[0].code == phone_code::national_number);
    }
    CHECK(suggested > 20000);  // about half of them: the others are too long, too short or after a bad prefix
}
