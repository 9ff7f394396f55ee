// Deterministic benchmark inputs shared by the native benchmarks (the JS benchmarks build the same mix).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace seamid_bench {

/// A small, fast, seeded generator so every run measures the same inputs.
struct xorshift {
    std::uint64_t state;
    std::uint64_t next() noexcept {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        return state;
    }
    unsigned below(unsigned n) noexcept { return static_cast<unsigned>(next() % n); }
};

/// Phone inputs: 70% plain E.164 numbers of common countries, 30% formatted, short or broken ones.
inline std::vector<std::string> phone_corpus(std::size_t count) {
    static const char* const prefixes[] = {"+1415", "+4420", "+336", "+4915", "+8190", "+9198", "+6104", "+5511"};
    xorshift random{0x5ea11dULL};
    std::vector<std::string> out;
    out.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        std::string number = prefixes[random.below(8)];
        while (number.size() < 12) number += static_cast<char>('0' + random.below(10));
        switch (random.below(10)) {
            case 0: number.insert(4, " "); break;
            case 1: number.pop_back(); number.pop_back(); number.pop_back(); break;
            case 2: number.erase(0, 1); break;
            default: break;
        }
        out.push_back(std::move(number));
    }
    return out;
}

}  // namespace seamid_bench
