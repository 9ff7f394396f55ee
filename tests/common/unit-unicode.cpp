// Tests of seamid/common/unicode.hpp: UTF-8 decoding and JavaScript trim whitespace.
#include <catch2/catch.hpp>

#include <string>

#include "seamid/common/unicode.hpp"

using seamid::unicode::decode_at;
using seamid::unicode::is_valid_utf8;
using seamid::unicode::trim_js_whitespace;

TEST_CASE("decode_at reads 1 to 4 byte sequences", "[unicode]") {
    CHECK(decode_at("A", 0).code_point == U'A');
    CHECK(decode_at("\xC3\xA9", 0).code_point == 0xE9);
    CHECK(decode_at("\xE3\x80\x80", 0).code_point == 0x3000);
    CHECK(decode_at("\xF0\x9F\x98\x80", 0).code_point == 0x1F600);
    CHECK(decode_at("\xF0\x9F\x98\x80", 0).bytes == 4);
}

TEST_CASE("decode_at rejects malformed UTF-8", "[unicode]") {
    CHECK(decode_at("\xC0\xAF", 0).bytes == 0);          // overlong '/'
    CHECK(decode_at("\xED\xA0\x80", 0).bytes == 0);      // UTF-16 surrogate
    CHECK(decode_at("\xF4\x90\x80\x80", 0).bytes == 0);  // past U+10FFFF
    CHECK(decode_at("\xE3\x80", 0).bytes == 0);          // truncated
    CHECK(decode_at("\x80", 0).bytes == 0);              // lone continuation
    CHECK_FALSE(is_valid_utf8("ok\xFF"));
    CHECK(is_valid_utf8("caf\xC3\xA9"));
    CHECK(is_valid_utf8(std::string("nul\0inside", 10)));
}

TEST_CASE("trim removes exactly JavaScript's whitespace set", "[unicode]") {
    CHECK(trim_js_whitespace(" \t\n\r\v\fx\xC2\xA0") == "x");
    CHECK(trim_js_whitespace("\xE2\x80\xA8x\xE2\x80\xA9") == "x");      // line/paragraph separators
    CHECK(trim_js_whitespace("\xEF\xBB\xBFx\xE3\x80\x80") == "x");      // BOM, ideographic space
    CHECK(trim_js_whitespace("\xE2\x80\x8Bx") == "\xE2\x80\x8Bx");      // U+200B is not whitespace
    CHECK(trim_js_whitespace("\xE1\xA0\x8Ex") == "\xE1\xA0\x8Ex");      // U+180E is no longer whitespace
    CHECK(trim_js_whitespace("   ").empty());
    CHECK(trim_js_whitespace("\xFF x \xFF") == "\xFF x \xFF");          // invalid bytes stop trimming
    CHECK(trim_js_whitespace(std::string("\0x", 2)) == std::string("\0x", 2));
}

TEST_CASE("trim's fast path: printable ASCII ends return the text itself, anything else is decoded", "[unicode]") {
    const std::string_view plain = "a b";
    CHECK(trim_js_whitespace(plain).data() == plain.data());  // no copy, no change
    CHECK(trim_js_whitespace("x").size() == 1);
    CHECK(trim_js_whitespace("~\x7F") == "~\x7F");                   // DEL (0x7F) is not whitespace
    CHECK(trim_js_whitespace("x ") == "x");                           // one end plain, the other not
    CHECK(trim_js_whitespace("\x21\xC2\xA0") == "!");                 // NBSP at the end
    CHECK(trim_js_whitespace("\xC2\xA0" "a") == "a");
    CHECK(trim_js_whitespace("").empty());
}
