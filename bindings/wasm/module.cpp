// Shared plumbing of the embind module: the input scratch buffer JS writes strings into, and version info.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cstdint>
#include <string>

#include "scratch.hpp"
#include "seamid/common/version.hpp"
#include "seamid/detail/phone_tables.hpp"

namespace seamid_wasm {

scratch_buffers& buffers() {
    static scratch_buffers instance;
    return instance;
}

namespace {

/// Makes the input buffer at least `bytes` long and returns its address in wasm memory (0: over the limit).
std::uintptr_t reserve_input(std::uint32_t bytes) {
    if (over_limit(bytes, max_text_bytes)) return 0;  // JS refuses larger inputs first (input_too_large)
    auto& input = buffers().input;
    if (input.size() < bytes + 1u) input.resize(bytes + 1u);
    return reinterpret_cast<std::uintptr_t>(input.data());
}

/// Address of the fixed output buffer results are written to.
std::uintptr_t output_address() { return reinterpret_cast<std::uintptr_t>(buffers().output.data()); }

/// [max_field_bytes, max_text_bytes, max_items]: the input limits JS checks before copying anything in.
emscripten::val input_limits() {
    auto limits = emscripten::val::array();
    limits.call<void>("push", max_field_bytes);
    limits.call<void>("push", max_text_bytes);
    limits.call<void>("push", max_items);
    return limits;
}

std::string version() { return seamid::version; }
std::string phone_metadata() { return seamid::detail::phone_tables::metadata_source; }

}  // namespace
}  // namespace seamid_wasm

EMSCRIPTEN_BINDINGS(seamid_module) {
    emscripten::function("_reserveInput", &seamid_wasm::reserve_input);
    emscripten::function("_outputAddress", &seamid_wasm::output_address);
    emscripten::function("_inputLimits", &seamid_wasm::input_limits);
    emscripten::function("_version", &seamid_wasm::version);
    emscripten::function("_phoneMetadata", &seamid_wasm::phone_metadata);
}
