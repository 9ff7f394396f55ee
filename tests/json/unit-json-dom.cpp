// Tests of seamid/json/dom.hpp: exception-free parsing, type issues, issue serialisation.
#include <catch2/catch.hpp>

#include <string>

#include "seamid/json/dom.hpp"

TEST_CASE("parse_json turns malformed text into an invalid_json issue", "[json]") {
    for (const char* text : {"", "{", "{\"a\":}", "[1,2", "nul", "{\"a\":1}}", "\xFF"}) {
        INFO(text);
        const auto parsed = seamid::parse_json(text);
        REQUIRE_FALSE(parsed.ok());
        CHECK(parsed.issues.at(0).code == "invalid_json");
        CHECK(parsed.issues.at(0).path.empty());
        CHECK(parsed.value.is_null());
    }
    CHECK(seamid::parse_json("{\"a\": [1, \"x\"]}").ok());
}

TEST_CASE("parse_json refuses what the one reader refuses: deep nesting, repeated keys", "[json][bad-input]") {
    const std::string deep = std::string(100000, '[') + std::string(100000, ']');
    const auto refused = seamid::parse_json(deep);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.issues.at(0).code == "invalid_json");
    CHECK(refused.issues.at(0).message.find("nested deeper than 512 levels at byte 512") != std::string::npos);
    CHECK(seamid::parse_json(std::string(512, '[') + std::string(512, ']')).ok());  // the limit itself is fine
    CHECK_FALSE(seamid::parse_json(std::string(100000, '[')).ok());
    const auto repeated = seamid::parse_json(R"({"a": 1, "b": {"a": 2}, "a": 3})");
    REQUIRE_FALSE(repeated.ok());
    CHECK(repeated.issues.at(0).message.find("a key repeated in one object at byte 24") != std::string::npos);
    CHECK(seamid::parse_json(R"({"a": 1, "b": {"a": 2}})").ok());  // one key in two objects is no repeat
}

TEST_CASE("type_issue names the expected and received types", "[json]") {
    const auto found = seamid::type_issue({std::string("phone_number")}, "a string or null", nlohmann::json(42));
    CHECK(found.code == "invalid_type");
    CHECK(found.message == "Expected a string or null, received number.");
    CHECK(seamid::json_type_name(nlohmann::json::array()) == "array");
    CHECK(seamid::json_type_name(nlohmann::json(true)) == "boolean");
}

TEST_CASE("issues serialise with mixed paths and survive invalid UTF-8", "[json]") {
    seamid::issue found{{std::string("acs_system_ids"), std::size_t{2}}, "x", seamid::severity::warning, "bad \xFF", "s"};
    const auto json = seamid::issue_to_json(found);
    CHECK(json["path"] == nlohmann::json::parse(R"(["acs_system_ids", 2])"));
    CHECK(json["severity"] == "warning");
    CHECK(json["suggestion"] == "s");
    CHECK(seamid::dump_json(json).find("\xEF\xBF\xBD") != std::string::npos);
}

TEST_CASE("string_member reads only strings", "[json]") {
    const auto object = nlohmann::json::parse(R"({"a": "x", "b": 1})");
    REQUIRE(seamid::string_member(object, "a") != nullptr);
    CHECK(*seamid::string_member(object, "a") == "x");
    CHECK(seamid::string_member(object, "b") == nullptr);
    CHECK(seamid::string_member(object, "c") == nullptr);
    CHECK(seamid::string_member(nlohmann::json::array(), "a") == nullptr);
}
