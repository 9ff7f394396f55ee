// Tests of seamid/json/reader.hpp and json/writer.hpp: the one JSON reader's events, paths, decoded strings,
// numbers, errors (position and reason) and depth limit, and the writer's escaping. Natively, nlohmann/json's
// SAX parser is the reference oracle for the events and for accept/reject on many texts.
#include <catch2/catch.hpp>

#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "seamid/json/reader.hpp"
#include "seamid/json/writer.hpp"

#ifndef __EMSCRIPTEN__
#include <nlohmann/json.hpp>
#endif

namespace {

using seamid::json_kind;

std::string fixture_text(const std::string& name) {
    std::ifstream file(std::string(SEAMID_FIXTURES_DIR) + "/" + name, std::ios::binary);
    std::stringstream text;
    text << file.rdbuf();
    return text.str();
}

/// One logged value: "v<depth>:<kind><path>[=text][n<count>]"; a container end: "e<level><o|a>".
std::string value_line(std::size_t depth, json_kind kind, const std::string& path, std::string_view text, std::uint64_t count) {
    std::string line(1, 'v');
    line.append(std::to_string(depth)).append(1, ':').append(std::to_string(static_cast<int>(kind))).append(path);
    if (kind == json_kind::string) line.append(1, '=').append(text);
    if (kind == json_kind::number) line.append(1, 'n').append(std::to_string(count));
    return line;
}

/// Records every event the reader passes on, with the path of each value; stops after `stop_after` events.
class event_recorder final : public seamid::json_reader {
public:
    explicit event_recorder(std::size_t stop_after = SIZE_MAX) : stop_after_(stop_after) {}
    bool on_value(json_kind kind, std::string_view text) override {
        // Where the value sits, from the root: every open container's key or index (keys of outer levels must
        // stay valid while inner containers open and close).
        std::string path;
        for (std::size_t level = 0; level < depth(); ++level)
            path.append(1, at(level).is_array ? '#' : '.').append(at(level).is_array ? std::to_string(element_index(level)) : std::string(at(level).key()));
        if (kind != json_kind::string) CHECK(text.empty());
        log.push_back(value_line(depth(), kind, path, text, count_value()));
        if (kind == json_kind::boolean) log.back() += bool_value() ? "T" : "F";
        if (kind == json_kind::number) numbers.emplace_back(number_text());
        if (kind == json_kind::string) views.push_back(text);
        return log.size() < stop_after_;
    }
    bool on_end(std::size_t level, bool was_object) override {
        log.push_back("e" + std::to_string(level) + (was_object ? "o" : "a"));
        return log.size() < stop_after_;
    }
    std::vector<std::string> log;
    std::vector<std::string> numbers;
    std::vector<std::string_view> views;

private:
    std::size_t stop_after_;
};

std::vector<std::string> events(const std::string& text) {
    event_recorder recorder;
    CHECK(recorder.run(text));
    return recorder.log;
}

#ifndef __EMSCRIPTEN__
/// The same log from nlohmann/json's SAX parser (the reference): paths tracked here from its key events.
struct nlohmann_recorder {
    using json = nlohmann::json;
    struct level {
        bool is_array;
        std::size_t index = 0;
        std::string key;
    };
    std::vector<level> stack;
    std::vector<std::string> log;
    std::size_t stop_after;
    bool failed = false;

    bool value(json_kind kind, std::string_view text, std::uint64_t count, const char* flag = "") {
        if (!stack.empty() && stack.back().is_array) ++stack.back().index;
        std::string path;
        for (const auto& open : stack) path.append(1, open.is_array ? '#' : '.').append(open.is_array ? std::to_string(open.index - 1) : open.key);
        log.push_back(value_line(stack.size(), kind, path, text, count) + flag);
        return log.size() < stop_after;
    }
    bool null() { return value(json_kind::null, {}, 0); }
    bool boolean(bool b) { return value(json_kind::boolean, {}, 0, b ? "T" : "F"); }
    bool number_integer(json::number_integer_t n) { return value(json_kind::number, {}, n >= 0 ? static_cast<std::uint64_t>(n) : ~std::uint64_t{0}); }
    bool number_unsigned(json::number_unsigned_t n) { return value(json_kind::number, {}, n); }
    bool number_float(json::number_float_t, const std::string&) { return value(json_kind::number, {}, ~std::uint64_t{0}); }
    bool string(std::string& s) { return value(json_kind::string, s, 0); }
    bool binary(json::binary_t&) { return true; }
    bool start_object(std::size_t) {
        if (!value(json_kind::object, {}, 0)) return false;
        stack.push_back({false, 0, {}});
        return true;
    }
    bool start_array(std::size_t) {
        if (!value(json_kind::array, {}, 0)) return false;
        stack.push_back({true, 0, {}});
        return true;
    }
    bool key(std::string& k) {
        stack.back().key = k;
        return true;
    }
    bool end(bool object) {
        stack.pop_back();
        log.push_back("e" + std::to_string(stack.size()) + (object ? "o" : "a"));
        return log.size() < stop_after;
    }
    bool end_object() { return end(true); }
    bool end_array() { return end(false); }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) {
        failed = true;
        return false;
    }
};

/// Checks that the reader and nlohmann's parser agree on `text`: result, events (up to a stop or an error), error.
void check_like_nlohmann(const std::string& text, std::size_t stop_after = SIZE_MAX) {
    event_recorder ours(stop_after);
    nlohmann_recorder reference{{}, {}, stop_after};
    const bool read = ours.run(text);
    const bool reference_read = nlohmann::json::sax_parse(text, &reference, nlohmann::json::input_format_t::json, true);
    INFO("text: " << text.substr(0, 200));
    CHECK(read == reference_read);
    CHECK(ours.log == reference.log);
    CHECK(ours.syntax_error() == reference.failed);
    if (ours.syntax_error()) CHECK(ours.error_position() <= text.size());
}
#endif

}  // namespace

TEST_CASE("json_reader: values, paths and container ends", "[json]") {
    CHECK(events("{}") == std::vector<std::string>{"v0:4", "e0o"});
    CHECK(events(" [ 1 , -2 , 0 , -0 , true , false , null ] ") ==
          std::vector<std::string>{"v0:5", "v1:2#0n1", "v1:2#1n18446744073709551615", "v1:2#2n0", "v1:2#3n0", "v1:1#4T", "v1:1#5F", "v1:0#6", "e0a"});
    CHECK(events("{\"a\": {\"b\": [\"x\", {\"c\": 1}]}, \"d\": null}") ==
          std::vector<std::string>{"v0:4", "v1:4.a", "v2:5.a.b", "v3:3.a.b#0=x", "v3:4.a.b#1", "v4:2.a.b#1.cn1", "e3o", "e2a", "e1o", "v1:0.d", "e0o"});
    CHECK(events("\"top\"") == std::vector<std::string>{"v0:3=top"});
    CHECK(events("\xef\xbb\xbf[]") == std::vector<std::string>{"v0:5", "e0a"});  // a byte-order mark is skipped
}

TEST_CASE("json_reader: a key repeated in one object stops the read (parsers disagree on which value wins)", "[json][bad-input]") {
    event_recorder recorder;
    CHECK_FALSE(recorder.run("{\"a\":1,\"a\":2}"));
    CHECK(recorder.syntax_error());
    CHECK(recorder.error_position() == 7);
    CHECK(recorder.error_reason() == "a key repeated in one object");
    CHECK(recorder.log == std::vector<std::string>{"v0:4", "v1:2.an1"});
    // The same key in different objects, or in an object closed before, is no repeat; an escaped spelling is.
    CHECK(recorder.run(R"({"a": {"a": 1}, "b": [{"a": 1}, {"a": 2}], "c": {"a": {"a": 1}}})"));
    CHECK_FALSE(recorder.run(R"({"ab": 1, "a\u0062": 2})"));
    CHECK(recorder.error_position() == 10);
    CHECK_FALSE(recorder.run(R"([{"x": 1}, {"y": {"z": 1}, "y": 2}])"));
    // Objects with many keys (hashed after the first 16): every repeat is found, in linear time.
    std::string wide = "{";
    for (int i = 0; i < 5000; ++i) wide += (i ? ",\"k" : "\"k") + std::to_string(i) + "\":" + std::to_string(i);
    CHECK(recorder.run(wide + "}"));
    for (const int repeated : {0, 15, 16, 17, 4999}) {
        const std::string text = wide + ",\"k" + std::to_string(repeated) + "\":0}";
        CHECK_FALSE(recorder.run(text));
        CHECK(recorder.error_position() == wide.size() + 1);
    }
    // Nested wide objects: keys of the outer one survive the inner one's close.
    CHECK_FALSE(recorder.run("{\"k0\":" + wide + "}, \"k0\": 1}"));
    CHECK(recorder.run("{\"x\":" + wide + "}, \"k0\": 1}"));
}

TEST_CASE("json_reader: strings are views into the input unless they had escapes, then decoded UTF-8", "[json]") {
    const std::string text = "[\"plain\", \"Jos\xc3\xa9\", \"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\", \"\\u00e9\\u20ac\", \"\\ud83d\\ude00\", \"\\u0000\", \"\"]";
    event_recorder recorder;
    REQUIRE(recorder.run(text));
    REQUIRE(recorder.views.size() == 7);
    CHECK(recorder.log[1] == "v1:3#0=plain");
    CHECK(recorder.views[0].data() == text.data() + 2);  // zero-copy
    CHECK(recorder.log[2] == "v1:3#1=Jos\xc3\xa9");
    CHECK(recorder.log[3] == "v1:3#2=a\"b\\c/d\b\f\n\r\t");
    CHECK(recorder.log[4] == "v1:3#3=\xc3\xa9\xe2\x82\xac");
    CHECK(recorder.log[5] == "v1:3#4=\xf0\x9f\x98\x80");
    CHECK(recorder.log[6] == std::string("v1:3#5=\0", 8));
    CHECK(recorder.log[7] == "v1:3#6=");
    // A decoded key stays right while later strings with escapes reuse the decoding buffer.
    CHECK(events("{\"k\\n\": {\"x\\t\": \"y\\\"\", \"z\": \"w\\\\\"}}") ==
          std::vector<std::string>{"v0:4", "v1:4.k\n", "v2:3.k\n.x\t=y\"", "v2:3.k\n.z=w\\", "e1o", "e0o"});
}

TEST_CASE("json_reader: numbers, their text and their count value", "[json]") {
    event_recorder recorder;
    REQUIRE(recorder.run("[0, 7, 1.5, -2.5e-3, 1E3, 18446744073709551614, 18446744073709551615, 99999999999999999999, -0, -7]"));
    CHECK(recorder.numbers == std::vector<std::string>{"0", "7", "1.5", "-2.5e-3", "1E3", "18446744073709551614", "18446744073709551615",
                                                       "99999999999999999999", "-0", "-7"});
    const std::vector<std::string> counts = {"n0", "n7", "n18446744073709551615", "n18446744073709551615", "n18446744073709551615",
                                             "n18446744073709551614", "n18446744073709551615", "n18446744073709551615", "n0", "n18446744073709551615"};
    for (std::size_t i = 0; i < counts.size(); ++i) CHECK(recorder.log[i + 1] == "v1:2#" + std::to_string(i) + counts[i]);
}

TEST_CASE("json_reader: malformed text is an error with its byte and reason, never an exception", "[json][bad-input]") {
    struct bad {
        std::string text;
        std::size_t position;
        std::string reason;
    };
    const std::vector<bad> cases = {
        {"", 0, "unexpected end of text (a value expected)"},
        {"   ", 3, "unexpected end of text (a value expected)"},
        {"{\"user_identity_id\": \"a\", ", 26, "unexpected end of text (a key expected)"},
        {"{} x", 3, "text after the JSON value"},
        {"[1,]", 3, "unexpected character (a value expected)"},
        {"[01]", 2, "',' or ']' expected"},
        {"[1.]", 3, "invalid number (a digit expected after '.')"},
        {"[1e]", 3, "invalid number (a digit expected in the exponent)"},
        {"[-]", 2, "invalid number (a digit expected)"},
        {"[tru]", 4, "invalid literal"},
        {"[nul", 4, "unexpected end of text in a literal"},
        {"{\"a\" 1}", 5, "':' expected after a key"},
        {"{1:2}", 1, "a key string expected"},
        {"{\"a\":1 \"b\":2}", 7, "',' or '}' expected"},
        {"[\"a", 3, "unexpected end of text inside a string"},
        {std::string("[\"a\0b\"]", 7), 3, "control character in a string (it must be escaped)"},
        {"[\"\xff\"]", 2, "invalid UTF-8"},
        {"[\"\xc0\xaf\"]", 2, "invalid UTF-8"},        // overlong
        {"[\"\xed\xa0\x80\"]", 2, "invalid UTF-8"},    // an encoded surrogate
        {"[\"\xf4\x90\x80\x80\"]", 2, "invalid UTF-8"},  // beyond U+10FFFF
        {"[\"\xe2\x82\"]", 2, "invalid UTF-8"},        // cut short
        {"[\"\\x\"]", 2, "invalid escape in a string"},
        {"[\"\\u12\"]", 2, "invalid \\u escape (four hex digits expected)"},
        {"[\"\\ud83d\"]", 2, "lone high surrogate in a \\u escape"},
        {"[\"\\ud83d\\u0041\"]", 2, "lone high surrogate in a \\u escape"},
        {"[\"\\ude00\"]", 2, "lone low surrogate in a \\u escape"},
        {"[\xef\xbb\xbf]", 1, "unexpected character (a value expected)"},  // a byte-order mark only at the start
    };
    for (const auto& test : cases) {
        INFO("text: " << test.text);
        event_recorder recorder;
        CHECK_FALSE(recorder.run(test.text));
        CHECK(recorder.syntax_error());
        CHECK(recorder.error_position() == test.position);
        CHECK(recorder.error_reason() == test.reason);
        const auto found = recorder.syntax_issue("Rows before it were read.");
        CHECK(found.code == "invalid_json");
        CHECK(found.level == seamid::severity::error);
        CHECK(found.message == "Input is not valid JSON (" + test.reason + " at byte " + std::to_string(test.position) +
                                   "; check quotes, commas and brackets; text must be UTF-8). Rows before it were read.");
    }
    // A reader used again starts afresh.
    event_recorder again;
    CHECK_FALSE(again.run("["));
    CHECK(again.run("[]"));
    CHECK_FALSE(again.syntax_error());
    CHECK(again.error_reason().empty());
}

TEST_CASE("json_reader: nesting is limited to json_max_depth levels, without recursion", "[json][bad-input]") {
    const auto nested = [](std::size_t levels) { return std::string(levels, '[') + std::string(levels, ']'); };
    event_recorder at_limit;
    CHECK(at_limit.run(nested(seamid::json_max_depth)));
    event_recorder deeper;
    CHECK_FALSE(deeper.run(nested(seamid::json_max_depth + 1)));
    CHECK(deeper.error_position() == seamid::json_max_depth);
    CHECK(deeper.error_reason() == "nested deeper than 512 levels");
    event_recorder huge;
    CHECK_FALSE(huge.run(std::string(1000000, '[')));  // stops at the limit: bounded memory
    CHECK(huge.error_reason() == "nested deeper than 512 levels");
}

TEST_CASE("json_reader: a handler that returns false stops the read without an error", "[json]") {
    event_recorder recorder(3);
    CHECK_FALSE(recorder.run("[\"a\", \"b\", 3, \"c\"]"));
    CHECK_FALSE(recorder.syntax_error());
    CHECK(recorder.log.size() == 3);
}

TEST_CASE("json_reader reads the shared fixtures whole and rejects them cut short, at a byte inside the text", "[json]") {
    for (const char* name : {"deletion/sample-snapshot.json", "deletion/snapshots.json", "workspace.json", "acs.json"}) {
        const std::string text = fixture_text(name);
        REQUIRE(text.size() > 100);
        event_recorder whole;
        CHECK(whole.run(text));
        CHECK(whole.log.size() > 10);
        for (std::size_t cut = 1; cut < text.size(); cut += text.size() / 25 + 1) {
            const std::string part = text.substr(0, text.find_last_not_of(" \n", cut));
            event_recorder shortened;
            INFO(name << " cut at " << part.size());
            CHECK_FALSE(shortened.run(part));
            CHECK(shortened.syntax_error());
            CHECK(shortened.error_position() <= part.size());
        }
    }
}

#ifndef __EMSCRIPTEN__
TEST_CASE("json_reader agrees with nlohmann/json's parser (reference oracle) on events and on what is JSON", "[json]") {
    const std::vector<std::string> texts = {
        "{}", "[]", "[[]]", "{\"a\":{}}", " { \"a\" : [ 1 , -2 , 0 , -0 , true , false , null ] } ", "\t\r\n[1]\n",
        "123", "\"text\"", "null", "true", "false", "[123456789012345678]", "[1234567890123456789]", "[-123456789012345678]",
        "[18446744073709551615]", "[18446744073709551616]", "[1.5]", "[1e3]", "[1E3]", "[-1.5E+3]", "[-]", "[01]", "[-01]", "[1.]", "[.5]",
        "[\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\"]", "[\"\\u00e9\"]", "[\"\\ud83d\\ude00\"]", "[\"\\ud83d\"]", "[\"\\ude00\"]", "[\"\\x\"]", "[\"a\\\"]",
        "[\"Jos\xc3\xa9\"]", "[\"\xe2\x82\xac\"]", "[\"\xf0\x9f\x98\x80\"]", "[\"\xc0\xaf\"]", "[\"\xed\xa0\x80\"]", "[\"\xf4\x90\x80\x80\"]",
        "[\"\xe0\x80\xaf\"]", "[\"\xff\"]", "[\"\xc3\"]", "[\"\xe2\x82\"]", "[\"a\x01\"]", "[\"\x7f\"]", std::string("[\"a\0b\"]", 7),
        "\xef\xbb\xbf{}", "{} {}", "{}x", "", " ", "[", "]", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "[1,]", "[,1]", "{,}", "{\"a\":1 \"b\":2}",
        "[tru]", "[nul]", "[truex]", "[nullnull]", "{\"\":\"\"}", "[[[[[]]]],[{}],{\"x\":[{}]}]", "{1:2}",
        "[\"0123456789abcdef0123456789abcdef\"]", "[\"0123456789abcdef\\n0123456789abcdef\"]", "[\"01234567\"]", "[\"0123456\"]",
        "[\"\\u0041\\u00e9\\u4e2d\\uD834\\uDD1E\"]", "{\"\\u006b\": \"\\u0000\"}",
    };
    for (const auto& text : texts) check_like_nlohmann(text);
    check_like_nlohmann("{\"a\\nb\": {\"c\": [{\"d\\t\": \"x\\\"y\", \"e\": {\"f\": [{\"g\": \"h\\\\i\"}, \"j\"]}}], \"k\\/\": \"\\r\"}, \"l\": 1}");
    std::string deep;
    for (int level = 0; level < 200; ++level) deep += level % 3 == 0 ? "{\"k" + std::to_string(level) + (level % 2 ? "\\n" : "") + "\": [" : level % 3 == 1 ? "{\"m\": " : "[\"s\\t\", ";
    deep += "\"leaf\"";
    for (int level = 199; level >= 0; --level) deep += level % 3 == 0 ? "]}" : level % 3 == 1 ? "}" : "]";
    check_like_nlohmann(deep);
    // The shared fixtures, whole, stopped early, cut short at every few bytes, and with single bytes replaced.
    for (const char* name : {"deletion/sample-snapshot.json", "deletion/golden/plan.json", "deletion/snapshots.json", "deletion/progress.json",
                             "workspace.json", "acs.json"}) {
        const std::string text = fixture_text(name);
        REQUIRE(text.size() > 100);
        check_like_nlohmann(text);
        for (std::size_t stop : {1, 2, 5, 17, 100}) check_like_nlohmann(text, stop);
        const std::size_t step = text.size() > 100000 ? text.size() / 10 + 1 : text.size() / 60 + 1;
        for (std::size_t cut = 0; cut < text.size(); cut += step) {
            check_like_nlohmann(text.substr(0, cut));
            for (const char replacement : {'"', '\\', ',', '}', '.', '\x01', '\xc3', 'e', '-'}) {
                std::string changed = text;
                changed[cut] = replacement;
                check_like_nlohmann(changed);
            }
        }
    }
}

TEST_CASE("append_json_string writes what nlohmann's dump writes (invalid UTF-8 replaced)", "[json]") {
    const std::vector<std::string> texts = {
        "", "plain", "q\"b\\s/", "\b\f\n\r\t", std::string("\0\x01\x1f\x7f", 4), "Jos\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80",
        "\xff", "a\xc3", "\xc3(", "\xe2\x82(", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xc0\xaf", "\xf0\x9f\x98", "\x80\x80x", "\xe0\x80\xaf",
    };
    for (const auto& text : texts) {
        INFO("text: " << text);
        std::string ours;
        seamid::append_json_string(ours, text);
        CHECK(ours == nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    }
}
#endif

TEST_CASE("the JSON writer: strings, numbers and issues", "[json]") {
    std::string out;
    seamid::append_json_string(out, "a\"b\n\x01\xff");
    CHECK(out == "\"a\\\"b\\n\\u0001\xef\xbf\xbd\"");
    out.clear();
    seamid::append_json_number(out, 0);
    out += ',';
    seamid::append_json_number(out, 18446744073709551615ull);
    out += ',';
    seamid::append_json_bool(out, true);
    CHECK(out == "0,18446744073709551615,true");
    const std::vector<seamid::issue> issues = {
        {{std::string("rows"), std::size_t{2}}, "invalid_type", seamid::severity::error, "Expected \"x\".", std::nullopt},
        {{}, "note", seamid::severity::warning, "m", std::string("s")},
    };
    CHECK(seamid::issues_json_text(issues) ==
          "[{\"code\":\"invalid_type\",\"message\":\"Expected \\\"x\\\".\",\"path\":[\"rows\",2],\"severity\":\"error\"},"
          "{\"code\":\"note\",\"message\":\"m\",\"path\":[],\"severity\":\"warning\",\"suggestion\":\"s\"}]");
    CHECK(seamid::issues_json_text({}) == "[]");
}
