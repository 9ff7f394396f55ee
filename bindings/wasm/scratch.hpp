// Buffers shared between JS and the module: JS writes UTF-8 input into `input`, results come back in `output`.
#pragma once

#include <array>
#include <string_view>
#include <vector>

namespace seamid_wasm {

/// The module's two exchange buffers (one instance, single-threaded).
struct scratch_buffers {
    std::vector<char> input = std::vector<char>(4096);
    std::array<char, 256> output{};
};

/// The process-wide buffers.
scratch_buffers& buffers();

/// The buffer of a big input text (bulk_text.cpp): JS writes it after _bulkReserve, a load reads it once.
std::vector<char>& bulk_text();

/// The first `length` bytes JS wrote into the bulk buffer (clamped to its size), in a buffer the caller now owns; the
/// module keeps none of it.
inline std::vector<char> take_bulk_text(unsigned length) {
    std::vector<char> text;
    text.swap(bulk_text());
    text.resize(length < text.size() ? length : text.size());
    return text;
}

/// The first `length` bytes JS wrote into the input buffer (clamped to its size).
inline std::string_view input_view(unsigned length) {
    auto& input = buffers().input;
    return {input.data(), length < input.size() ? length : input.size()};
}

}  // namespace seamid_wasm
