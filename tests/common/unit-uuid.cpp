// Tests of seamid/common/uuid.hpp: zod's UUID shape, the 128-bit id it parses into, and its canonical text.
#include <catch2/catch.hpp>

#include <string>
#include <string_view>

#include "seamid/common/uuid.hpp"

namespace {

// The rule as zod 3 writes it, one character at a time: the reference the word-at-a-time parser must agree with.
bool reference_is_uuid(std::string_view text) {
    if (text.size() != 36) return false;
    for (std::size_t i = 0; i < 36; ++i) {
        const char c = text[i];
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != '-') return false;
        } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
            return false;
        }
    }
    return true;
}

std::string lowercase(std::string text) {
    for (char& c : text) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c | 0x20) : c;
    return text;
}

}  // namespace

TEST_CASE("is_uuid accepts the 8-4-4-4-12 hex shape in any case", "[uuid]") {
    CHECK(seamid::is_uuid("0b8d9a51-1c3f-4e2b-9f7a-6d5c4b3a2f10"));
    CHECK(seamid::is_uuid("0B8D9A51-1C3F-4E2B-9F7A-6D5C4B3A2F10"));
    CHECK(seamid::is_uuid("00000000-0000-0000-0000-000000000000"));
    CHECK(seamid::is_uuid("ffffffff-FFFF-ffff-FFFF-ffffffffffff"));
    static_assert(seamid::is_uuid("0b8d9a51-1c3f-4e2b-9f7a-6d5c4b3a2f10"));
}

TEST_CASE("is_uuid rejects other shapes", "[uuid]") {
    CHECK_FALSE(seamid::is_uuid(""));
    CHECK_FALSE(seamid::is_uuid("0b8d9a51-1c3f-4e2b-9f7a-6d5c4b3a2f1"));    // 35 chars
    CHECK_FALSE(seamid::is_uuid("0b8d9a51-1c3f-4e2b-9f7a-6d5c4b3a2f100"));  // 37 chars
    CHECK_FALSE(seamid::is_uuid("0b8d9a511c3f-4e2b-9f7a-6d5c4b3a2f10-"));   // dash misplaced
    CHECK_FALSE(seamid::is_uuid("0b8d9a51-1c3f4-e2b-9f7a-6d5c4b3a2f10"));   // dash one place late
    CHECK_FALSE(seamid::is_uuid("0b8d9a51-1c3f-4e2b-9f7a-6d5c4b3a2f1g"));   // non-hex
    CHECK_FALSE(seamid::is_uuid("0b8d9a51-1c3f-4e2b-9f7a-6d5c4b3a2f1G"));   // non-hex upper case
    CHECK_FALSE(seamid::is_uuid("{b8d9a51-1c3f-4e2b-9f7a-6d5c4b3a2f10}"));
    CHECK_FALSE(seamid::is_uuid(" 0b8d9a51-1c3f-4e2b-9f7a-6d5c4b3a2f1"));   // padded to 36
    CHECK_FALSE(seamid::is_uuid(std::string_view("0b8d9a51-1c3f-4e2b-9f7a-6d5c4b3a2f1\0", 36)));
    static_assert(!seamid::is_uuid("0b8d9a51-1c3f-4e2b-9f7a-6d5c4b3a2f1g"));
}

TEST_CASE("parse_uuid reads the 128 bits in any case and to_string prints them in lowercase", "[uuid]") {
    seamid::uuid128 id;
    REQUIRE(seamid::parse_uuid("AC000000-0000-4000-8000-0000000000FF", id));
    CHECK(seamid::to_string(id) == "ac000000-0000-4000-8000-0000000000ff");
    seamid::uuid128 lower;
    REQUIRE(seamid::parse_uuid("ac000000-0000-4000-8000-0000000000ff", lower));
    CHECK(lower == id);
    const seamid::uuid128 before = id;
    CHECK_FALSE(seamid::parse_uuid("ac000000-0000-4000-8000-0000000000f", id));
    CHECK_FALSE(seamid::parse_uuid("ac000000x0000-4000-8000-0000000000ff", id));
    CHECK_FALSE(seamid::parse_uuid("", id));
    CHECK(id == before);  // a failed parse leaves the output alone

    const std::string valid = "0b8D9a51-1c3f-4E2b-9f7a-6d5c4b3a2f10";
    REQUIRE(seamid::parse_uuid(valid, id));
    CHECK(id.high == 0x0b8d9a511c3f4e2bull);
    CHECK(id.low == 0x9f7a6d5c4b3a2f10ull);
    std::string appended = "id:";
    seamid::append_uuid(appended, id);
    CHECK(appended == "id:0b8d9a51-1c3f-4e2b-9f7a-6d5c4b3a2f10");
    static_assert([] {
        seamid::uuid128 parsed;
        return seamid::parse_uuid("FFFFFFFF-0000-4000-8000-0123456789AB", parsed) && parsed.high == 0xFFFFFFFF00004000ull &&
               parsed.low == 0x80000123456789ABull;
    }());
}

TEST_CASE("uuid128 orders as its lowercase text does", "[uuid]") {
    seamid::uuid128 a, b, c;
    REQUIRE(seamid::parse_uuid("00000000-0000-4000-8000-0000000000ff", a));
    REQUIRE(seamid::parse_uuid("00000000-0000-4000-8000-000000000100", b));
    REQUIRE(seamid::parse_uuid("00000001-0000-0000-0000-000000000000", c));
    CHECK(a < b);
    CHECK(b < c);
    CHECK_FALSE(c < a);
    CHECK(seamid::to_string(a) < seamid::to_string(b));
    CHECK(seamid::to_string(b) < seamid::to_string(c));
}

TEST_CASE("parse_uuid accepts exactly zod's UUIDs, with every byte at every position", "[uuid]") {
    const std::string valid = "0b8D9a51-1c3f-4E2b-9f7a-6d5c4b3a2f10";
    std::size_t disagreements = 0, accepted = 0;
    for (std::size_t position = 0; position < valid.size(); ++position) {
        for (int byte = 0; byte < 256; ++byte) {
            std::string text = valid;
            text[position] = static_cast<char>(byte);
            seamid::uuid128 parsed;
            const bool ok = seamid::parse_uuid(text, parsed);
            if (ok != reference_is_uuid(text) || ok != seamid::is_uuid(text)) ++disagreements;
            if (!ok) continue;
            ++accepted;
            // The changed digit lands in its nibble: printing gives the text back in lowercase.
            if (seamid::to_string(parsed) != lowercase(text)) ++disagreements;
        }
    }
    CHECK(disagreements == 0);
    CHECK(accepted == 32 * 22 + 4);  // 22 hex spellings at each of the 32 digits, '-' at each of the 4 dashes
}
