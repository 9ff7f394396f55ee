// embind adapter of seamid/validation/phone.hpp: a packed, allocation-free verdict for the JS wrapper to decode.
#include <emscripten/bind.h>
#include <emscripten/em_macros.h>
#include <emscripten/val.h>

#include <cstring>

#include "scratch.hpp"
#include "seamid/validation/phone.hpp"

namespace seamid_wasm {
namespace {

/// Checks the `length` bytes in the input buffer. Returns
/// count | code0 << 2 | severity0 << 6 | code1 << 8 | severity1 << 12 | carries_suggestion_i << (14 + i)
/// | suggestion_length << 16, and writes the suggestion's bytes to the output buffer.
unsigned check_phone_packed(unsigned length, unsigned flags) {
    seamid::validation_options options;
    if ((flags & 1u) != 0) options.rules = seamid::profile::strict;
    options.default_country = seamid::country_of_number(flags >> 8);
    const auto check = seamid::check_phone(input_view(length), options);
    unsigned packed = check.count;
    for (unsigned i = 0; i < check.count; ++i) {
        packed |= static_cast<unsigned>(check.findings[i].code) << (2 + 6 * i);
        packed |= static_cast<unsigned>(check.findings[i].level) << (6 + 6 * i);
        if (seamid::phone_code_carries_suggestion(check.findings[i].code)) packed |= 1u << (14 + i);
    }
    packed |= static_cast<unsigned>(check.suggestion_length) << 16;
    std::memcpy(buffers().output.data(), check.suggestion.data(), check.suggestion_length);
    return packed;
}

/// [name, message] of every phone code, indexed by its numeric value (index 0 unused).
emscripten::val phone_catalog() {
    auto catalog = emscripten::val::array();
    catalog.call<void>("push", emscripten::val::null());
    for (unsigned value = 1; value < seamid::phone_code_count; ++value) {
        const auto code = static_cast<seamid::phone_code>(value);
        auto entry = emscripten::val::array();
        entry.call<void>("push", emscripten::val(std::string(seamid::phone_code_name(code))));
        entry.call<void>("push", emscripten::val(std::string(seamid::phone_code_message(code))));
        catalog.call<void>("push", entry);
    }
    return catalog;
}

}  // namespace
}  // namespace seamid_wasm

/// validatePhone on the `length` bytes in the input buffer (see check_phone_packed); flags: 1 strict, the default
/// country's number << 8. A plain wasm export, called without embind's invoker (identity.cpp says why).
extern "C" EMSCRIPTEN_KEEPALIVE unsigned seamid_check_phone(unsigned length, unsigned flags) {
    return seamid_wasm::check_phone_packed(length, flags);
}

/// The country number (seamid::country_number) of the country code in the input buffer's `length` bytes, 0 when the
/// core knows no such country: JS turns 0 into a TypeError for options.defaultCountry.
extern "C" EMSCRIPTEN_KEEPALIVE unsigned seamid_phone_region(unsigned length) {
    return seamid::country_number(seamid::country_code(seamid_wasm::input_view(length)));
}

EMSCRIPTEN_BINDINGS(seamid_phone) {
    emscripten::function("_phoneCatalog", &seamid_wasm::phone_catalog);
}
