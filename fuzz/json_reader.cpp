// libFuzzer target: the one JSON reader (json/reader.hpp). Properties: it accepts exactly what nlohmann/json
// accepts, except what its documented rules refuse (nesting over json_max_depth, a key repeated in one
// object); the values it reports, written back as JSON by the one writer, are the value nlohmann parses;
// the same answer twice; what it accepts, parse_json accepts, and dump_json of that reads back the same.
#include <vector>

#include "harness.hpp"
#include "seamid/json/writer.hpp"

namespace {

/// Rebuilds the JSON text from the reader's events (strings through the one writer, numbers as written).
class rebuilder final : public seamid::json_reader {
public:
    std::string out;
    bool on_value(seamid::json_kind kind, std::string_view text) override {
        separate();
        if (in_object()) {
            seamid::append_json_string(out, at(depth() - 1).key());
            out += ':';
        }
        switch (kind) {
            case seamid::json_kind::null: out += "null"; break;
            case seamid::json_kind::boolean: out += bool_value() ? "true" : "false"; break;
            case seamid::json_kind::number: out += number_text(); break;
            case seamid::json_kind::string: seamid::append_json_string(out, text); break;
            case seamid::json_kind::object: out += '{'; first_.push_back(true); return true;
            case seamid::json_kind::array: out += '['; first_.push_back(true); return true;
        }
        return true;
    }
    bool on_end(std::size_t, bool was_object) override {
        first_.pop_back();
        out += was_object ? '}' : ']';
        return true;
    }

private:
    void separate() {
        if (first_.empty()) return;
        if (!first_.back()) out += ',';
        first_.back() = false;
    }
    std::vector<bool> first_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = seamid_fuzz::text_of(data, size);
    rebuilder ours;
    const bool accepted = ours.run(text);
    rebuilder again;
    SEAMID_FUZZ_CHECK(again.run(text) == accepted);
    SEAMID_FUZZ_CHECK(again.out == ours.out);
    SEAMID_FUZZ_CHECK(accepted != ours.syntax_error());
    const auto reference = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
    const auto parsed = seamid::parse_json(text);
    SEAMID_FUZZ_CHECK(parsed.ok() == accepted);
    if (!accepted) {
        const std::string_view reason = ours.error_reason();
        const bool own_rule = reason == "a key repeated in one object" || reason.substr(0, 18) == "nested deeper than";
        // nlohmann/json ends its input at a NUL byte ("1\0x" is 1 to it): no oracle for text holding one.
        const bool oracle = text.find('\0') == std::string_view::npos;
        if (!own_rule && oracle && !reference.is_discarded())
            seamid_fuzz::fail("the reader refuses only what is not JSON or breaks its own rules", __FILE__, __LINE__, std::string(reason));
        SEAMID_FUZZ_CHECK(ours.error_position() <= text.size());
        seamid_fuzz::check_json_canonical(seamid::issues_json_text({ours.syntax_issue()}), "syntax issue JSON");
        return 0;
    }
    SEAMID_FUZZ_CHECK(!reference.is_discarded());
    const auto rebuilt = nlohmann::json::parse(ours.out, nullptr, false);
    SEAMID_FUZZ_CHECK(!rebuilt.is_discarded());
    if (rebuilt != reference) seamid_fuzz::fail("the reader's values are the parsed value", __FILE__, __LINE__, ours.out);
    // The DOM's own text reads back as the same value.
    const std::string dumped = seamid::dump_json(parsed.value);
    const auto reread = seamid::parse_json(dumped);
    SEAMID_FUZZ_CHECK(reread.ok());
    SEAMID_FUZZ_CHECK(reread.value == parsed.value);
    return 0;
}
