// Decoder of the compact request encoding the JS wrapper writes (bindings/js/src/request-encoding.js): a
// /user_identities/create or update body, member by member, so that no JSON crosses into wasm. Shared by
// identity.cpp (validateCreate/validateUpdate) and workspace.cpp (validateBatch of row objects). Includes
// nothing from Emscripten; bounds-checked: a malformed encoding stops decoding, it never reads past the end.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "seamid/validation/identity_request.hpp"

namespace seamid_wasm {

/// Reader of the encoding; every read is bounds-checked (`failed` is set instead of reading past the end).
struct encoded_reader {
    std::string_view in;
    std::size_t at = 0;
    bool failed = false;
    unsigned u8() {
        if (at >= in.size()) { failed = true; return 0; }
        return static_cast<unsigned char>(in[at++]);
    }
    std::uint32_t u32() {
        std::uint32_t value = 0;
        for (int shift = 0; shift < 32; shift += 8) value |= static_cast<std::uint32_t>(u8()) << shift;
        return value;
    }
    std::string_view text() {
        const std::uint32_t length = u32();
        if (failed || length > in.size() - at) { failed = true; return {}; }
        const std::string_view out = in.substr(at, length);
        at += length;
        return out;
    }
    seamid::request_value value() {
        const unsigned kind = u8();
        if (kind > static_cast<unsigned>(seamid::value_kind::array)) { failed = true; return {}; }
        const auto typed = static_cast<seamid::value_kind>(kind);
        if (typed == seamid::value_kind::string) return seamid::request_value::string(text());
        return seamid::request_value::of_kind(typed);
    }
};

/// Field numbers of the encoding: 0 = another member (its name follows).
inline constexpr std::string_view field_names[] = {"", "user_identity_id", "user_identity_key", "email_address", "phone_number", "full_name",
                                            "acs_system_ids"};

/// Decodes the encoded request; returns the body's own kind (object unless the top level was something else).
inline seamid::value_kind decode_request(std::string_view bytes, seamid::create_request& create, seamid::update_request& update, bool is_update) {
    encoded_reader in{bytes};
    const auto top = static_cast<seamid::value_kind>(in.u8() % 7);
    while (!in.failed && in.at < bytes.size()) {
        const unsigned field = in.u8();
        std::string_view name = field < 7 ? field_names[field] : std::string_view();
        if (field == 0) name = in.text();
        seamid::request_value value = in.value();
        std::vector<seamid::request_value> items;
        if (field == 6 && value.kind == seamid::value_kind::array) {
            const std::uint32_t count = in.u32();
            for (std::uint32_t i = 0; i < count && !in.failed; ++i) items.push_back(in.value());
        }
        if (in.failed || field > 6) break;
        if (value.kind == seamid::value_kind::absent) continue;
        if (is_update) {
            switch (field) {
                case 1: update.user_identity_id = value; break;
                case 2: update.user_identity_key = value; break;
                case 3: update.email_address = value; break;
                case 4: update.phone_number = value; break;
                case 5: update.full_name = value; break;
                default: update.unknown_fields.push_back(name);
            }
        } else {
            switch (field) {
                case 2: create.user_identity_key = value; break;
                case 3: create.email_address = value; break;
                case 4: create.phone_number = value; break;
                case 5: create.full_name = value; break;
                case 6: create.acs_system_ids = value; create.acs_system_id_items = std::move(items); break;
                default: create.unknown_fields.push_back(name);
            }
        }
    }
    return top;
}

}  // namespace seamid_wasm
