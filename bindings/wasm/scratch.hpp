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

/// The first `length` bytes JS wrote into the input buffer (clamped to its size).
inline std::string_view input_view(unsigned length) {
    auto& input = buffers().input;
    return {input.data(), length < input.size() ? length : input.size()};
}

}  // namespace seamid_wasm
