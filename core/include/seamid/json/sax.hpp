// Reading big JSON texts as a stream of events (nlohmann/json's SAX interface), exception-free and without
// building a DOM: a reader derives from json_sax_base, overrides only the events it needs, and returns false
// from any of them to stop. Used where a whole document would cost more than what is read from it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "seamid/json/dom.hpp"

namespace seamid {

/// A SAX handler that accepts every event; derive and override what you read (all return true to go on).
struct json_sax_base {
    using number_integer_t = nlohmann::json::number_integer_t;
    using number_unsigned_t = nlohmann::json::number_unsigned_t;
    using number_float_t = nlohmann::json::number_float_t;
    using string_t = nlohmann::json::string_t;
    using binary_t = nlohmann::json::binary_t;

    /// Bytes read when the parse failed (nlohmann counts the end of text as one more), set by parse_error.
    std::size_t error_position = 0;

    bool null() { return true; }
    bool boolean(bool) { return true; }
    bool number_integer(number_integer_t) { return true; }
    bool number_unsigned(number_unsigned_t) { return true; }
    bool number_float(number_float_t, const string_t&) { return true; }
    bool string(string_t&) { return true; }
    bool binary(binary_t&) { return true; }
    bool start_object(std::size_t) { return true; }
    bool key(string_t&) { return true; }
    bool end_object() { return true; }
    bool start_array(std::size_t) { return true; }
    bool end_array() { return true; }
    /// Records where the text stopped being JSON; returning false ends the parse without throwing.
    template <typename Exception>
    bool parse_error(std::size_t position, const std::string&, const Exception&) {
        error_position = position;
        return false;
    }
};

/// Feeds `text` to `handler` (a json_sax_base); true when the whole text was read as JSON and no event
/// returned false. Never throws, even where exceptions are disabled (the error goes to parse_error).
template <typename Handler>
[[nodiscard]] bool sax_read(std::string_view text, Handler& handler) {
    return nlohmann::json::sax_parse(text.begin(), text.end(), &handler, nlohmann::json::input_format_t::json, /*strict=*/true);
}

}  // namespace seamid
