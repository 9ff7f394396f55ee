// Shared plumbing of the embind module: the input scratch buffer JS writes strings into, and version info.
#include <emscripten/bind.h>

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

/// Makes the input buffer at least `bytes` long and returns its address in wasm memory.
std::uintptr_t reserve_input(std::uint32_t bytes) {
    auto& input = buffers().input;
    if (input.size() < bytes + 1u) input.resize(bytes + 1u);
    return reinterpret_cast<std::uintptr_t>(input.data());
}

/// Address of the fixed output buffer results are written to.
std::uintptr_t output_address() { return reinterpret_cast<std::uintptr_t>(buffers().output.data()); }

std::string version() { return seamid::version; }
std::string phone_metadata() { return seamid::detail::phone_tables::metadata_source; }

}  // namespace
}  // namespace seamid_wasm

EMSCRIPTEN_BINDINGS(seamid_module) {
    emscripten::function("_reserveInput", &seamid_wasm::reserve_input);
    emscripten::function("_outputAddress", &seamid_wasm::output_address);
    emscripten::function("_version", &seamid_wasm::version);
    emscripten::function("_phoneMetadata", &seamid_wasm::phone_metadata);
}
