// Tests of seamid/detail/sort.hpp: the one sort of the core.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "seamid/detail/sort.hpp"

TEST_CASE("sort_indexes orders by the given order, stably", "[sort]") {
    std::vector<std::uint32_t> plain = {5, 3, 9, 3, 0};
    seamid::detail::sort_indexes(plain);
    CHECK(plain == std::vector<std::uint32_t>{0, 3, 3, 5, 9});

    // Keys with ties: equal keys keep the order the indexes came in.
    const std::vector<int> keys = {2, 1, 2, 0, 1, 2};
    std::vector<std::uint32_t> indexes = {5, 4, 3, 2, 1, 0};
    seamid::detail::sort_indexes(
        indexes, [](const void* context, std::uint32_t a, std::uint32_t b) { return (*static_cast<const std::vector<int>*>(context))[a] < (*static_cast<const std::vector<int>*>(context))[b]; },
        &keys);
    CHECK(indexes == std::vector<std::uint32_t>{3, 4, 1, 5, 2, 0});

    std::vector<std::uint32_t> empty, one = {7};
    seamid::detail::sort_indexes(empty);
    seamid::detail::sort_indexes(one);
    CHECK(empty.empty());
    CHECK(one == std::vector<std::uint32_t>{7});
}

TEST_CASE("sort_items sorts values that own memory, from a first position, stably", "[sort]") {
    std::vector<std::pair<std::string, int>> items = {{"keep", 0}, {"b", 1}, {"a", 2}, {"b", 3}, {"a", 4}};
    seamid::detail::sort_items(items, [](const auto& x, const auto& y) { return x.first < y.first; }, 1);
    const std::vector<std::pair<std::string, int>> expected = {{"keep", 0}, {"a", 2}, {"a", 4}, {"b", 1}, {"b", 3}};
    CHECK(items == expected);

    std::vector<std::string> words = {"pear", "apple", "fig"};
    seamid::detail::sort_items(words, [](const std::string& x, const std::string& y) { return x < y; });
    CHECK(words == std::vector<std::string>{"apple", "fig", "pear"});
    seamid::detail::sort_items(words, [](const std::string& x, const std::string& y) { return x < y; }, 3);  // nothing after `first`
    CHECK(words == std::vector<std::string>{"apple", "fig", "pear"});
}
