// Tests of seamid/common/ascii.hpp: the one ASCII case fold.
#include <catch2/catch.hpp>

#include <string>

#include "seamid/common/ascii.hpp"

TEST_CASE("ascii_lower changes exactly 'A'-'Z'", "[ascii]") {
    static_assert(seamid::ascii_lower('A') == 'a' && seamid::ascii_lower('Z') == 'z');
    int changed = 0;
    for (int byte = 0; byte < 256; ++byte) {
        const char c = static_cast<char>(byte);
        const char lower = seamid::ascii_lower(c);
        if (lower != c) {
            ++changed;
            CHECK((c >= 'A' && c <= 'Z'));
            CHECK(lower == static_cast<char>(c - 'A' + 'a'));
        }
    }
    CHECK(changed == 26);
    CHECK(seamid::ascii_lower('@') == '@');  // the bytes either side of the letters stay
    CHECK(seamid::ascii_lower('[') == '[');
}

TEST_CASE("ascii_lower_copy lowercases ASCII letters only", "[ascii]") {
    CHECK(seamid::ascii_lower_copy("Some.Body@Example.COM") == "some.body@example.com");
    CHECK(seamid::ascii_lower_copy("") == "");
    CHECK(seamid::ascii_lower_copy("\xC3\x89T\xC3\x89") == "\xC3\x89t\xC3\x89");  // É stays (UTF-8 is not folded)
}

TEST_CASE("equal_ignoring_ascii_case compares eight bytes at a time and the tail", "[ascii]") {
    CHECK(seamid::equal_ignoring_ascii_case("", ""));
    CHECK(seamid::equal_ignoring_ascii_case("ABCDEFGH", "abcdefgh"));        // exactly one word
    CHECK(seamid::equal_ignoring_ascii_case("ABCDEFGHIJ", "abcdefghij"));    // a word and a tail
    CHECK_FALSE(seamid::equal_ignoring_ascii_case("ABCDEFGHIJ", "abcdefghik"));
    CHECK_FALSE(seamid::equal_ignoring_ascii_case("abc", "abcd"));
    CHECK_FALSE(seamid::equal_ignoring_ascii_case("[", "{"));                // differ by the case bit, not letters
    CHECK_FALSE(seamid::equal_ignoring_ascii_case("@", "`"));
    CHECK_FALSE(seamid::equal_ignoring_ascii_case("\xC3\x89", "\xC3\xA9"));  // non-ASCII is compared exactly
    // Every byte pair at every position of a 9-byte string agrees with the one-byte rule.
    std::size_t disagreements = 0;
    for (int a = 0; a < 256; a += 3)
        for (int b = 0; b < 256; ++b)
            for (const std::size_t at : {std::size_t{0}, std::size_t{7}, std::size_t{8}}) {
                std::string x(9, 'q'), y(9, 'Q');
                x[at] = static_cast<char>(a);
                y[at] = static_cast<char>(b);
                const bool expected = seamid::ascii_lower(static_cast<char>(a)) == seamid::ascii_lower(static_cast<char>(b));
                if (seamid::equal_ignoring_ascii_case(x, y) != expected) ++disagreements;
            }
    CHECK(disagreements == 0);
}
