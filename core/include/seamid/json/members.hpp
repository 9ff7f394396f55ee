// A small request body (one JSON object) read with json_reader into its top-level members: the kind of each,
// the text of strings, and the elements of arrays of scalars. What a request check needs, without a DOM.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "seamid/common/issue.hpp"
#include "seamid/json/reader.hpp"

namespace seamid {

/// One scalar of a JSON text: its kind and, for a string, its decoded text.
struct json_scalar {
    json_kind kind = json_kind::null;
    std::string text;
};

/// A top-level member of an object: its key, its value's kind and text (strings), and the elements of an array.
struct json_member {
    std::string key;
    json_scalar value;
    std::vector<json_scalar> items;  ///< array elements (objects and arrays among them keep only their kind)
};

/// A JSON text read as an object's members. `root` is the kind of the whole value; `error` the invalid_json
/// issue when the text is not JSON (then nothing else is set).
struct json_members {
    json_kind root = json_kind::null;
    std::vector<json_member> members;  ///< in the text's order, duplicates included
    std::optional<issue> error;

    /// The member named `key`, or nullptr (a key is never repeated: the reader refuses such text).
    [[nodiscard]] const json_member* find(std::string_view key) const noexcept {
        for (auto it = members.rbegin(); it != members.rend(); ++it)
            if (it->key == key) return &*it;
        return nullptr;
    }
    /// The string member `key`, or nullptr when absent or not a string.
    [[nodiscard]] const std::string* string_member(std::string_view key) const noexcept {
        const json_member* found = find(key);
        return found != nullptr && found->value.kind == json_kind::string ? &found->value.text : nullptr;
    }
};

namespace detail {

/// Collects the members of the root object (and the elements of its array members).
class members_reader final : public json_reader {
public:
    explicit members_reader(json_members& out) : out_(out) {}
    bool on_value(json_kind kind, std::string_view text) override {
        const std::size_t level = depth();
        if (level == 0) {
            out_.root = kind;
        } else if (out_.root == json_kind::object && level == 1) {
            out_.members.push_back({std::string(at(0).key()), {kind, std::string(text)}, {}});
        } else if (out_.root == json_kind::object && level == 2 && at(1).is_array) {
            out_.members.back().items.push_back({kind, std::string(text)});
        }
        return true;
    }
    bool on_end(std::size_t, bool) override { return true; }

private:
    json_members& out_;
};

}  // namespace detail

/// Reads `text` (a request body) into its top-level members; never throws.
[[nodiscard]] inline json_members read_json_members(std::string_view text) {
    json_members out;
    detail::members_reader reader(out);
    if (!reader.run(text)) {
        out = {};
        out.error = reader.syntax_issue();
    }
    return out;
}

}  // namespace seamid
