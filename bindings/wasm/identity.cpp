// wasm adapter of seamid/validation/identity_request.hpp and seamid/validation/email.hpp. JS writes the input (an email, or a
// request encoded member by member, see bindings/js/src/validation/identity.js) into this file's input buffer. An email
// comes back as a packed verdict (like phone.cpp); a request as the number of issues, serialised into the
// output buffer only when there are any. A valid value costs one call and no allocation. The rules live only
// in the core.
#include <emscripten/bind.h>
#include <emscripten/em_macros.h>
#include <emscripten/val.h>

#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

#include "seamid/validation/email.hpp"
#include "seamid/validation/identity_request.hpp"
#include "request_decoding.hpp"
#include "scratch.hpp"

namespace seamid_wasm {
namespace {

/// This binding's exchange buffers (separate from scratch.hpp's so neither wrapper invalidates the other's address).
struct identity_buffers {
    std::vector<char> input = std::vector<char>(4096);
    std::vector<unsigned char> output = std::vector<unsigned char>(4096);
    std::size_t output_length = 0;
};

identity_buffers& buffers() {
    static identity_buffers instance;
    return instance;
}

/// Makes the input buffer at least `bytes` long, keeping its content; returns its address (0: over the limit).
std::uintptr_t reserve_identity_input(std::uint32_t bytes) {
    if (over_limit(bytes, max_field_bytes)) return 0;  // JS refuses larger inputs first (input_too_large)
    auto& input = buffers().input;
    if (input.size() < bytes + 1u) input.resize(bytes + 1u);
    return reinterpret_cast<std::uintptr_t>(input.data());
}

/// Address of the serialised issues of the last call.
std::uintptr_t identity_output() { return reinterpret_cast<std::uintptr_t>(buffers().output.data()); }

std::string_view input_bytes(unsigned length) {
    auto& input = buffers().input;
    return {input.data(), length < input.size() ? length : input.size()};
}

/// Output writer: u8 and little-endian u32 values, length-prefixed byte strings.
struct writer {
    std::vector<unsigned char>& out;
    std::size_t at = 0;
    void reserve(std::size_t more) {
        if (out.size() < at + more) out.resize((at + more) * 2);
    }
    void u8(unsigned value) {
        reserve(1);
        out[at++] = static_cast<unsigned char>(value);
    }
    void u32(std::size_t value) {
        reserve(4);
        for (int shift = 0; shift < 32; shift += 8) out[at++] = static_cast<unsigned char>((value >> shift) & 0xFF);
    }
    void text(std::string_view value) {
        u32(value.size());
        reserve(value.size());
        if (!value.empty()) std::memcpy(out.data() + at, value.data(), value.size());
        at += value.size();
    }
};

/// Serialises issues: per issue u8 severity, u8 path length, u8 has-suggestion, path elements
/// (u8 0 + text for a key, u8 1 + u32 for an index), code, message, [suggestion]. Returns the count.
unsigned write_issues(const std::vector<seamid::issue>& issues) {
    writer out{buffers().output};
    for (const auto& found : issues) {
        out.u8(static_cast<unsigned>(found.level));
        out.u8(static_cast<unsigned>(found.path.size() < 255 ? found.path.size() : 255));
        out.u8(found.suggestion ? 1 : 0);
        std::size_t written = 0;
        for (const auto& element : found.path) {
            if (written++ == 255) break;
            if (const auto* key = std::get_if<std::string>(&element)) {
                out.u8(0);
                out.text(*key);
            } else {
                out.u8(1);
                out.u32(std::get<std::size_t>(element));
            }
        }
        out.text(found.code);
        out.text(found.message);
        if (found.suggestion) out.text(*found.suggestion);
    }
    buffers().output_length = out.at;
    return static_cast<unsigned>(issues.size());
}

seamid::validation_options options_of(bool strict) {
    seamid::validation_options options;
    if (strict) options.rules = seamid::profile::strict;
    return options;
}

/// The options of a request check: flags 1 strict, the default country's number (seamid::country_number) << 8.
seamid::validation_options request_options(unsigned flags) {
    seamid::validation_options options = options_of((flags & 1u) != 0);
    options.default_country = seamid::country_of_number(flags >> 8);
    return options;
}

/// validateEmail: checks the `length` bytes in the input buffer. Returns
/// count | (code_i | severity_i << 5) << (3 + 7 i) for up to four findings; when there is a suggestion (always
/// a part of the input) writes its byte offset and byte length (two u32) to the output buffer, so JS takes it
/// from the string it already has instead of decoding bytes.
unsigned check_email_packed(unsigned length, bool strict) {
    const std::string_view value = input_bytes(length);
    const auto check = seamid::check_email(value, options_of(strict));
    unsigned packed = check.count;
    for (unsigned i = 0; i < check.count; ++i)
        packed |= (static_cast<unsigned>(check.findings[i].code) | static_cast<unsigned>(check.findings[i].level) << 5) << (3 + 7 * i);
    if (check.suggestion_length != 0) {
        writer out{buffers().output};
        out.u32(check.suggestion_offset);
        out.u32(check.suggestion_length);
    }
    return packed;
}

/// [name, message] of every email code, indexed by its numeric value (index 0 unused).
emscripten::val email_catalog() {
    auto catalog = emscripten::val::array();
    catalog.call<void>("push", emscripten::val::null());
    for (unsigned value = 1; value < seamid::email_code_count; ++value) {
        const auto code = static_cast<seamid::email_code>(value);
        auto entry = emscripten::val::array();
        entry.call<void>("push", emscripten::val(std::string(seamid::email_code_name(code))));
        entry.call<void>("push", emscripten::val(std::string(seamid::email_code_message(code))));
        catalog.call<void>("push", entry);
    }
    return catalog;
}

/// The top-level kind JS sends when JSON.parse refused the text.
constexpr unsigned invalid_json_kind = 7;

/// validateCreate/validateUpdate on the encoded request in the input buffer. flags: 1 = strict, 2 = update, the default
/// country's number << 8.
/// JSON text is parsed by JSON.parse in the wrapper (keeps a JSON parser out of the module), so every input
/// arrives here in the same encoding.
unsigned validate_request_input(unsigned length, unsigned flags) {
    const std::string_view bytes = input_bytes(length);
    if (!bytes.empty() && static_cast<unsigned char>(bytes[0]) == invalid_json_kind) return write_issues({seamid::invalid_json_issue()});
    const auto options = request_options(flags);
    const bool is_update = (flags & 2u) != 0;
    seamid::create_request create;
    seamid::update_request update;
    const auto top = decode_request(bytes, create, update, is_update);
    if (top != seamid::value_kind::object) return write_issues({seamid::request_body_type_issue({}, top)});
    const auto issues = is_update ? seamid::validate_update(update, options) : seamid::validate_create(create, options);
    return issues.empty() ? 0 : write_issues(issues);
}

}  // namespace
}  // namespace seamid_wasm

// The per-call entry points are plain wasm exports (numbers in, a number out): JS calls them without embind's
// generated invoker and its per-argument wire conversions, the largest fixed cost of a short email or phone.

/// validateEmail on the `length` bytes in the input buffer (see check_email_packed).
extern "C" EMSCRIPTEN_KEEPALIVE unsigned seamid_check_email(unsigned length, unsigned strict) {
    return seamid_wasm::check_email_packed(length, strict != 0);
}

/// Address of identity.cpp's output buffer (it moves when an answer outgrows it): a plain export, as JS asks for it
/// after every call that found something.
extern "C" EMSCRIPTEN_KEEPALIVE std::uintptr_t seamid_identity_output() { return seamid_wasm::identity_output(); }

/// validateCreate/validateUpdate on the encoded request in the input buffer (see validate_request_input).
extern "C" EMSCRIPTEN_KEEPALIVE unsigned seamid_validate_request(unsigned length, unsigned flags) {
    return seamid_wasm::validate_request_input(length, flags);
}

EMSCRIPTEN_BINDINGS(seamid_identity) {
    emscripten::function("_identityInput", &seamid_wasm::reserve_identity_input);
    emscripten::function("_emailCatalog", &seamid_wasm::email_catalog);
}
