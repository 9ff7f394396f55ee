// json_sax.hpp: the DOM-free JSON reader base reads events, stops where a handler says so, and reports
// malformed text by position without throwing (also in the wasm build, where exceptions abort).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "seamid/json/sax.hpp"

namespace {

/// Collects the string values of one key anywhere in the document.
struct collect_ids : seamid::json_sax_base {
    std::vector<std::string> ids;
    bool next_is_id = false;
    bool key(string_t& name) {
        next_is_id = name == "user_identity_id";
        return true;
    }
    bool string(string_t& value) {
        if (next_is_id) ids.push_back(value);
        next_is_id = false;
        return true;
    }
};

/// Stops at the first number.
struct stop_at_number : seamid::json_sax_base {
    int strings = 0;
    bool string(string_t&) { return ++strings, true; }
    bool number_unsigned(number_unsigned_t) { return false; }
};

}  // namespace

TEST_CASE("sax_read reads only the events a handler overrides") {
    collect_ids reader;
    REQUIRE(seamid::sax_read(R"({"user_identities": [{"user_identity_id": "a", "x": [1, 2.5, null, true]}, {"user_identity_id": "b"}]})", reader));
    CHECK(reader.ids == std::vector<std::string>{"a", "b"});
}

TEST_CASE("sax_read reports malformed JSON by position without throwing") {
    collect_ids reader;
    CHECK_FALSE(seamid::sax_read(R"({"user_identity_id": "a", )", reader));
    CHECK(reader.error_position == 27);  // one past the end: the text ended inside the object
    collect_ids trailing;
    CHECK_FALSE(seamid::sax_read(R"({"user_identity_id": "a"} x)", trailing));
    CHECK(trailing.ids == std::vector<std::string>{"a"});
    collect_ids empty;
    CHECK_FALSE(seamid::sax_read("", empty));
    collect_ids nul;
    CHECK_FALSE(seamid::sax_read(std::string_view("[\"a\0b\"]", 7), nul));
    collect_ids bad_utf8;
    CHECK_FALSE(seamid::sax_read("[\"\xff\"]", bad_utf8));
}

TEST_CASE("sax_read stops when an event returns false") {
    stop_at_number reader;
    CHECK_FALSE(seamid::sax_read(R"(["a", "b", 3, "c"])", reader));
    CHECK(reader.strings == 2);
}
