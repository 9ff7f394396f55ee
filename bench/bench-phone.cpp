// Native throughput of check_phone (allocation-free) and validate_phone (issue objects).
#include <benchmark/benchmark.h>

#include "corpus.hpp"
#include "seamid/validation/phone.hpp"

namespace {

void check_phone_mixed(benchmark::State& state) {
    const auto numbers = seamid_bench::phone_corpus(4096);
    std::size_t i = 0;
    for (auto _ : state) {
        auto result = seamid::check_phone(numbers[i++ & 4095]);
        benchmark::DoNotOptimize(result);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(check_phone_mixed);

void validate_phone_mixed(benchmark::State& state) {
    const auto numbers = seamid_bench::phone_corpus(4096);
    std::size_t i = 0;
    for (auto _ : state) {
        auto issues = seamid::validate_phone(numbers[i++ & 4095]);
        benchmark::DoNotOptimize(issues);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(validate_phone_mixed);

void check_phone_one_megabyte(benchmark::State& state) {
    const std::string huge = "+" + std::string(1u << 20, '5');
    for (auto _ : state) {
        auto result = seamid::check_phone(huge);
        benchmark::DoNotOptimize(result);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(huge.size()));
}
BENCHMARK(check_phone_one_megabyte);

}  // namespace
