// Native throughput of check_email (allocation-free), validate_create on C++ values, parsed JSON and JSON text,
// and the time for 1 MB strings.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "corpus.hpp"
#include "seamid/validation/email.hpp"
#include "seamid/validation/identity_request.hpp"

namespace {

/// The same mix as bench/js/identity.bench.mjs emailInputs: 80% valid addresses of varied shapes, 20% mistakes.
std::vector<std::string> email_corpus(std::size_t count) {
    static const char* const first[] = {"jane", "john", "maria", "li", "oconnor", "anna-lena", "j", "support"};
    static const char* const last[] = {"doe", "smith", "garcia", "wang", "muller", "x", "2024"};
    static const char* const separators[] = {".", "_", "+", ""};
    static const char* const domains[] = {"example.com", "gmail.com", "mail.example.co.uk", "company.io", "uni-hamburg.de", "yahoo.fr"};
    seamid_bench::xorshift random{0xe3a11ULL};
    std::vector<std::string> out;
    for (std::size_t i = 0; i < count; ++i) {
        std::string value = std::string(first[random.below(8)]) + separators[random.below(4)] + last[random.below(7)] + "@" + domains[random.below(6)];
        switch (random.below(10)) {
            case 0: value.insert(0, " "); break;
            case 1: value.erase(value.find('@'), 1); break;
            default: break;
        }
        out.push_back(std::move(value));
    }
    return out;
}

void check_email_mixed(benchmark::State& state) {
    const auto emails = email_corpus(4096);
    std::size_t i = 0;
    for (auto _ : state) {
        auto result = seamid::check_email(emails[i++ & 4095]);
        benchmark::DoNotOptimize(result);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(check_email_mixed);

void validate_email_mixed(benchmark::State& state) {
    const auto emails = email_corpus(4096);
    std::size_t i = 0;
    for (auto _ : state) {
        auto issues = seamid::validate_email(emails[i++ & 4095]);
        benchmark::DoNotOptimize(issues);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(validate_email_mixed);

std::vector<nlohmann::json> realistic_requests(std::size_t count) {
    const auto emails = email_corpus(count);
    std::vector<nlohmann::json> out;
    for (std::size_t i = 0; i < count; ++i) {
        const bool usable = emails[i].find('@') != std::string::npos && emails[i][0] != ' ';
        out.push_back({{"user_identity_key", "user-" + std::to_string(100000 + i)},
                       {"email_address", usable ? emails[i] : "jane@example.com"},
                       {"phone_number", "+1415555" + std::to_string(1000 + i % 9000)},
                       {"full_name", "Jane Doe"}});
    }
    return out;
}

void validate_create_values(benchmark::State& state) {
    const auto requests = realistic_requests(1024);
    std::vector<seamid::create_request> values;
    for (const auto& request : requests) values.push_back(seamid::create_request_from_json(request));
    std::size_t i = 0;
    for (auto _ : state) {
        auto issues = seamid::validate_create(values[i++ & 1023]);
        benchmark::DoNotOptimize(issues);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(validate_create_values);

void validate_create_parsed_json(benchmark::State& state) {
    const auto requests = realistic_requests(1024);
    std::size_t i = 0;
    for (auto _ : state) {
        auto issues = seamid::validate_create(requests[i++ & 1023]);
        benchmark::DoNotOptimize(issues);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(validate_create_parsed_json);

void validate_create_json_text(benchmark::State& state) {
    std::vector<std::string> texts;
    for (const auto& request : realistic_requests(1024)) texts.push_back(request.dump());
    std::size_t i = 0;
    for (auto _ : state) {
        auto issues = seamid::validate_create(std::string_view(texts[i++ & 1023]));
        benchmark::DoNotOptimize(issues);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(validate_create_json_text);

void check_email_one_megabyte(benchmark::State& state) {
    const std::string huge = std::string(1u << 20, 'a') + "@example.com";
    for (auto _ : state) {
        auto result = seamid::check_email(huge);
        benchmark::DoNotOptimize(result);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(huge.size()));
}
BENCHMARK(check_email_one_megabyte)->Unit(benchmark::kMillisecond);

void validate_create_one_megabyte_fields(benchmark::State& state) {
    const std::string huge(1u << 20, 'x');
    seamid::create_request request;
    request.user_identity_key = request.email_address = request.phone_number = request.full_name = seamid::request_value::string(huge);
    for (auto _ : state) {
        auto issues = seamid::validate_create(request);
        benchmark::DoNotOptimize(issues);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * 4 * static_cast<std::int64_t>(huge.size()));
}
BENCHMARK(validate_create_one_megabyte_fields)->Unit(benchmark::kMillisecond);

}  // namespace

namespace {

void check_email_valid_only(benchmark::State& state) {
    std::vector<std::string> emails;
    for (auto& value : email_corpus(8192))
        if (seamid::matches_zod_email(value) && emails.size() < 4096) emails.push_back(std::move(value));
    std::size_t i = 0;
    for (auto _ : state) {
        auto result = seamid::check_email(emails[i++ & 4095]);
        benchmark::DoNotOptimize(result);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(check_email_valid_only);

}  // namespace
