// Tests of seamid/detail/hash_table.hpp: the one hash table (maps by id, multisets by text hash) and its text hash.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "seamid/detail/hash_table.hpp"

namespace {

seamid::uuid128 id_of(std::uint64_t n) { return {0x0b8d9a5100004000ull, 0x8000000000000000ull | n}; }

}  // namespace

TEST_CASE("hash_table as a map from ids: find, find_or_insert, try_insert, growth", "[hash_table]") {
    seamid::detail::id_table table;
    CHECK(table.find(id_of(1)) == table.none);  // empty
    CHECK(table.size() == 0);
    std::uint32_t& fresh = table.find_or_insert(id_of(1));
    CHECK(fresh == table.none);
    fresh = 41;
    CHECK(table.find(id_of(1)) == 41);
    CHECK(table.find_or_insert(id_of(1)) == 41);
    CHECK(table.try_insert(id_of(1), 7) == 41);  // present: the stored value, unchanged
    CHECK(table.try_insert(id_of(2), 7) == table.none);
    CHECK(table.find(id_of(2)) == 7);

    constexpr std::uint32_t count = 20000;  // sequential ids, many rehashes
    for (std::uint32_t i = 3; i < count; ++i) REQUIRE(table.try_insert(id_of(i), i) == table.none);
    CHECK(table.size() == count - 1);
    std::size_t wrong = 0;
    for (std::uint32_t i = 3; i < count; ++i) wrong += table.find(id_of(i)) != i;
    for (std::uint32_t i = count; i < count + 1000; ++i) wrong += table.find(id_of(i)) != table.none;
    CHECK(wrong == 0);
    CHECK_FALSE(table.contains(id_of(0)));
    CHECK(table.contains(id_of(count - 1)));
}

TEST_CASE("hash_table clear empties the table and keeps its memory", "[hash_table]") {
    seamid::detail::hash_table<std::uint32_t> table;
    table.clear();  // nothing to clear
    CHECK(table.size() == 0);
    for (std::uint32_t i = 0; i < 300; ++i) table.insert(i * 0x9E3779B9u, i);
    const std::size_t memory = table.memory();
    table.clear();
    CHECK(table.size() == 0);
    CHECK(table.memory() == memory);
    CHECK(table.find(0x9E3779B9u) == table.none);
    CHECK(table.try_insert(0x9E3779B9u, 5) == table.none);  // usable again
    CHECK(table.try_insert(0x9E3779B9u, 6) == 5);
}

TEST_CASE("hash_table reserve makes room up front", "[hash_table]") {
    seamid::detail::id_table table;
    table.reserve(1000);
    const std::size_t reserved = table.memory();
    for (std::uint32_t i = 0; i < 1000; ++i) (void)table.try_insert(id_of(i), i);
    CHECK(table.memory() == reserved);  // no rehash
    table.reserve(10);                  // never shrinks
    CHECK(table.memory() == reserved);
}

TEST_CASE("hash_table as a multiset keyed by a text hash: insert, visit, erase, tombstones", "[hash_table]") {
    seamid::detail::hash_table<std::uint32_t, 75> table;
    const auto values_of = [&](std::uint32_t key) {
        std::vector<std::uint32_t> found;
        table.visit(key, [&](std::uint32_t value) {
            found.push_back(value);
            return true;
        });
        std::sort(found.begin(), found.end());
        return found;
    };
    CHECK(values_of(5).empty());
    CHECK_FALSE(table.erase(5, 1));  // empty
    table.insert(5, 1);
    table.insert(5, 2);
    table.insert(0x80000005u, 3);  // another key
    CHECK(values_of(5) == std::vector<std::uint32_t>{1, 2});
    CHECK(table.size() == 3);
    std::size_t visits = 0;
    table.visit(5, [&](std::uint32_t) { return ++visits < 1; });  // visit stops when told
    CHECK(visits == 1);
    CHECK(table.erase(5, 1));
    CHECK_FALSE(table.erase(5, 1));  // already gone
    CHECK_FALSE(table.erase(6, 2));  // other key
    CHECK(values_of(5) == std::vector<std::uint32_t>{2});
    CHECK(table.contains(5));
    CHECK(table.erase(5, 2));
    CHECK_FALSE(table.contains(5));
    CHECK(table.find(0x80000005u) == 3);

    // Insert and erase many times: tombstones are reused or dropped, the table does not keep growing.
    for (std::uint32_t round = 0; round < 200; ++round) {
        for (std::uint32_t i = 0; i < 100; ++i) table.insert(static_cast<std::uint32_t>(seamid::detail::hash_text<false>(std::to_string(i)) >> 32), round * 100 + i);
        for (std::uint32_t i = 0; i < 100; ++i) REQUIRE(table.erase(static_cast<std::uint32_t>(seamid::detail::hash_text<false>(std::to_string(i)) >> 32), round * 100 + i));
    }
    CHECK(table.size() == 1);
    CHECK(table.memory() <= 512 * sizeof(std::uint64_t));
}

TEST_CASE("hash_table seeds: a seeded id table finds the same values; text hashes change with the seed", "[hash_table]") {
    seamid::detail::id_table table;
    CHECK(table.seed() != seamid::detail::id_table().seed());  // each table draws its own random seed (hash flooding)
    for (std::uint32_t i = 0; i < 500; ++i) (void)table.try_insert(id_of(i), i);
    table.set_seed(0x243F6A8885A308D3ull);  // rehashes the stored ids
    CHECK(table.seed() == 0x243F6A8885A308D3ull);
    std::size_t wrong = 0;
    for (std::uint32_t i = 0; i < 500; ++i) wrong += table.find(id_of(i)) != i;
    CHECK(wrong == 0);
    CHECK(table.find(id_of(500)) == table.none);
    CHECK(seamid::detail::table_hash(id_of(1), 0) != seamid::detail::table_hash(id_of(1), 1));

    using seamid::detail::hash_text;
    CHECK(hash_text<false>("key") != hash_text<false>("key", 1));
    CHECK(hash_text<true>("Some.Body@Example.COM", 9) == hash_text<true>("some.body@example.com", 9));
    CHECK(hash_text<false>("Key", 9) != hash_text<false>("key", 9));
    CHECK(hash_text<false>("") != hash_text<false>(std::string_view("\0", 1)));  // the length is hashed
}
