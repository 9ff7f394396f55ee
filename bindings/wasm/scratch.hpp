// Buffers shared between JS and the module: JS writes UTF-8 input into `input`, results come back in `output`.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

namespace seamid_wasm {

/// The largest input, in bytes of UTF-8, JS passes into a module in one call (PROTOCOL.md "Limits"). Memory is capped
/// at 2 GiB per module and a call's working set is a few times its input (a 84 MB workspace list grows memory by
/// about 170 MB), so one value or request body (validation) may take 64 MiB and one bulk text (a list, a snapshot,
/// a batch, a plan, events) 256 MiB; JS answers anything larger with `input_too_large` before copying it in.
inline constexpr std::uint32_t max_field_bytes = 64u << 20;
inline constexpr std::uint32_t max_text_bytes = 256u << 20;
/// The most items JS passes on from one array (rows of a batch, link requests, identities of a list).
inline constexpr std::uint32_t max_items = 1u << 24;
/// Room a buffer may be asked for beyond its limit (a terminator, the writers' rounding): larger requests get 0.
inline constexpr std::uint32_t reserve_slack = 64;

/// True when a buffer of `bytes` for an input limited to `limit` bytes must be refused (the reserve answers 0).
constexpr bool over_limit(std::uint32_t bytes, std::uint32_t limit) { return bytes > limit + reserve_slack; }

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
