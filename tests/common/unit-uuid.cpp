// Tests of seamid/common/uuid.hpp: zod's UUID shape.
#include <catch2/catch.hpp>

#include "seamid/common/uuid.hpp"

TEST_CASE("is_uuid accepts the 8-4-4-4-12 hex shape in any case", "[uuid]") {
    CHECK(seamid::is_uuid("0b8d9a51-1c3f-4e2b-9f7a-6d5c4b3a2f10"));
    CHECK(seamid::is_uuid("0B8D9A51-1C3F-4E2B-9F7A-6D5C4B3A2F10"));
    CHECK(seamid::is_uuid("00000000-0000-0000-0000-000000000000"));
}

TEST_CASE("is_uuid rejects other shapes", "[uuid]") {
    CHECK_FALSE(seamid::is_uuid(""));
    CHECK_FALSE(seamid::is_uuid("0b8d9a51-1c3f-4e2b-9f7a-6d5c4b3a2f1"));    // 35 chars
    CHECK_FALSE(seamid::is_uuid("0b8d9a51-1c3f-4e2b-9f7a-6d5c4b3a2f100"));  // 37 chars
    CHECK_FALSE(seamid::is_uuid("0b8d9a511c3f-4e2b-9f7a-6d5c4b3a2f10-"));   // dash misplaced
    CHECK_FALSE(seamid::is_uuid("0b8d9a51-1c3f-4e2b-9f7a-6d5c4b3a2f1g"));   // non-hex
    CHECK_FALSE(seamid::is_uuid("{b8d9a51-1c3f-4e2b-9f7a-6d5c4b3a2f10}"));
}
