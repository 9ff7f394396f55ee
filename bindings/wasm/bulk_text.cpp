// The buffer JS writes a big input text into (a workspace list or an ACS snapshot, often 100 MB): written with
// TextEncoder.encodeInto after _bulkReserve, read once by the load that follows, then released.
#include <emscripten/bind.h>

#include <cstdint>
#include <vector>

#include "scratch.hpp"

namespace seamid_wasm {

std::vector<char>& bulk_text() {
    static std::vector<char> instance;
    return instance;
}

namespace {

/// Makes the bulk buffer at least `bytes` long, keeping what it holds; returns its address in wasm memory (0: over the limit).
std::uintptr_t bulk_reserve(unsigned bytes) {
    if (over_limit(bytes, max_text_bytes)) return 0;  // JS refuses larger inputs first (input_too_large)
    auto& text = bulk_text();
    if (text.size() < bytes + 1u) text.resize(bytes + 1u);
    return reinterpret_cast<std::uintptr_t>(text.data());
}

}  // namespace
}  // namespace seamid_wasm

EMSCRIPTEN_BINDINGS(seamid_bulk_text) {
    emscripten::function("_bulkReserve", &seamid_wasm::bulk_reserve);
}
