// The one hash table of the core: open addressing (linear probing) from a key to 32-bit values, used by the
// workspace's uniqueness tables (a multiset keyed by a text hash), the ACS model's id -> slot tables and the
// deletion id index (maps keyed by uuid128); and the seedable hash of text those tables are keyed by.
// Not part of the public API.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <new>
#include <string_view>
#include <vector>

#if defined(__linux__) && !defined(__wasm__)
#include <sys/mman.h>
#endif
#if defined(__unix__) || defined(__APPLE__) || defined(__EMSCRIPTEN__)
#include <unistd.h>  // getentropy: Linux (glibc 2.25+), macOS, and Emscripten (crypto.getRandomValues under it)
#define SEAMID_HAS_GETENTROPY 1
#endif
#include <atomic>
#include <chrono>

#include "seamid/common/ascii.hpp"
#include "seamid/common/uuid.hpp"
#include "seamid/detail/prefetch.hpp"

namespace seamid::detail {

/// The seed of a text hash when none is given (a fixed one: tests and benchmarks that compare hashes use it).
/// Tables are seeded at random instead (random_seed below), so crafted keys cannot make them collide on purpose.
inline constexpr std::uint64_t default_hash_seed = 0;

/// The final avalanche of MurmurHash3 (fmix64).
[[nodiscard]] constexpr std::uint64_t avalanche(std::uint64_t h) noexcept {
    h ^= h >> 33;
    h *= 0xFF51AFD7ED558CCDULL;
    h ^= h >> 33;
    h *= 0xC4CEB9FE1A85EC53ULL;
    h ^= h >> 33;
    return h;
}

/// 64 random bits drawn once per process from the system's entropy (getentropy; the clock and an address if
/// it fails), the root of every random_seed().
[[nodiscard]] inline std::uint64_t process_seed() noexcept {
    static const std::uint64_t seed = [] {
        std::uint64_t bits = 0;
#if defined(SEAMID_HAS_GETENTROPY)
        if (getentropy(&bits, sizeof bits) == 0 && bits != 0) return bits;
#endif
        static const int here = 0;
        bits = static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
        return avalanche(bits ^ reinterpret_cast<std::uintptr_t>(&here));
    }();
    return seed;
}

/// A fresh seed for one table or reader: the process seed mixed with a counter (no system call per instance).
/// Tables facing text that may be chosen to make their hashes collide (hash flooding) take one; results never
/// depend on it, only probe lengths do.
[[nodiscard]] inline std::uint64_t random_seed() noexcept {
    static std::atomic<std::uint64_t> counter{0};
    return avalanche(process_seed() + 0x9E3779B97F4A7C15ULL * (counter.fetch_add(1, std::memory_order_relaxed) + 1));
}

/// A 64-bit hash of `text` under `seed`, 8 bytes per step; with Fold, equal for strings equal ignoring ASCII case.
template <bool Fold>
[[nodiscard]] inline std::uint64_t hash_text(std::string_view text, std::uint64_t seed = default_hash_seed) noexcept {
    constexpr std::uint64_t k1 = 0x9E3779B97F4A7C15ULL, k2 = 0xC2B2AE3D27D4EB4FULL;
    const char* bytes = text.data();
    const std::size_t size = text.size();
    std::uint64_t h = ((size + 1) * k1) ^ seed;
    std::size_t i = 0;
    for (; i + 8 <= size; i += 8) {
        std::uint64_t word = load_word(bytes + i);
        if constexpr (Fold) word = fold_ascii_word(word);
        h = (h ^ (word * k2));
        h = ((h << 31) | (h >> 33)) * k1;
    }
    if (i < size) {
        std::uint64_t word = load_tail(bytes + i, size - i);
        if constexpr (Fold) word = fold_ascii_word(word);
        h = (h ^ (word * k2));
        h = ((h << 31) | (h >> 33)) * k1;
    }
    return avalanche(h);
}

/// Where a key's probe starts, as 64 well-mixed bits (the table uses the top ones). Keys that are already
/// hashes of text (hash_text, made with the table's seed) are used as they are; a 32-bit one fills the top half.
[[nodiscard]] constexpr std::uint64_t table_hash(std::uint32_t hashed, std::uint64_t) noexcept { return std::uint64_t{hashed} << 32; }
[[nodiscard]] constexpr std::uint64_t table_hash(std::uint64_t hashed, std::uint64_t) noexcept { return hashed; }
/// Ids may be sequential or chosen by whoever wrote the snapshot: both halves and the seed are mixed.
[[nodiscard]] constexpr std::uint64_t table_hash(const uuid128& id, std::uint64_t seed) noexcept {
    std::uint64_t h = (id.high ^ seed) ^ (id.low * 0x9E3779B97F4A7C15ull);
    h ^= h >> 31;
    h *= 0xD6E8FEB86659FD93ull;
    h ^= h >> 32;
    return h;
}

/// The allocator of big hash tables. On Linux, a table of 2 MiB or more is placed on 2 MiB boundaries and
/// marked for transparent huge pages (madvise; the kernel may decline): lookups of a million-entry table land on
/// random pages, and with 4 KiB pages nearly every one also misses the TLB. Elsewhere: std::allocator.
template <typename T>
struct table_allocator {
    using value_type = T;
    static constexpr std::size_t huge_page = std::size_t{2} << 20;

    table_allocator() noexcept = default;
    template <typename U>
    table_allocator(const table_allocator<U>&) noexcept {}

    [[nodiscard]] T* allocate(std::size_t count) {
#if defined(__linux__) && !defined(__wasm__) && defined(MADV_HUGEPAGE)
        const std::size_t bytes = count * sizeof(T);
        if (bytes >= huge_page) {  // vector never asks for more than max_size(): no overflow
            const std::size_t rounded = (bytes + huge_page - 1) & ~(huge_page - 1);
            void* memory = std::aligned_alloc(huge_page, rounded);
            if (memory == nullptr) throw std::bad_alloc();  // as std::allocator does when memory runs out
            (void)madvise(memory, rounded, MADV_HUGEPAGE);
            return static_cast<T*>(memory);
        }
#endif
        return std::allocator<T>{}.allocate(count);
    }

    void deallocate(T* memory, std::size_t count) noexcept {
#if defined(__linux__) && !defined(__wasm__) && defined(MADV_HUGEPAGE)
        if (count * sizeof(T) >= huge_page) {
            std::free(memory);
            return;
        }
#endif
        std::allocator<T>{}.deallocate(memory, count);
    }

    template <typename U>
    bool operator==(const table_allocator<U>&) const noexcept { return true; }
};

/// An open-addressing (linear probing) table from keys to 32-bit values, as a map (find_or_insert, try_insert)
/// or a multiset (insert, visit), seeded at random per table (hash flooding). Values must stay below `erased`. A probe starts at the top bits of the key's
/// table_hash, so look-ups grouped by those bits read the table front to back. Erasure leaves a tombstone;
/// tombstones are dropped on rehash. MaxLoadPercent trades memory for probe length.
template <class Key, unsigned MaxLoadPercent = 50>
class hash_table {
    static_assert(MaxLoadPercent > 0 && MaxLoadPercent < 100);

public:
    /// The value of no entry: what find returns for an absent key.
    static constexpr std::uint32_t none = 0xFFFFFFFFu;
    /// The value of an erased entry (a tombstone).
    static constexpr std::uint32_t erased = 0xFFFFFFFEu;

    /// The seed keys are hashed with (text-hash keys: the seed their owner must hash with).
    [[nodiscard]] std::uint64_t seed() const noexcept { return seed_; }
    /// Hashes keys with `seed` from now on; the table must be empty when its keys are hashes of text.
    void set_seed(std::uint64_t seed) {
        seed_ = seed;
        if (!entries_.empty()) rehash(entries_.size());
    }

    /// Makes room for `count` entries without rehashing.
    void reserve(std::size_t count) {
        std::size_t capacity = 16;
        while (capacity * MaxLoadPercent < (count + 1) * 100) capacity *= 2;
        if (capacity > entries_.size()) rehash(capacity);
    }

    /// Removes every entry and keeps the memory (a table reused for many small sets), unless the table is far
    /// larger than what it held: then the memory is freed, so that clearing costs what was used, not the size the
    /// table once reached (a table grown for one big set, then cleared for each of many small ones, stays linear).
    void clear() noexcept {
        if (used_ == 0) return;
        if (entries_.size() > 1024 && used_ * 16 < entries_.size()) {
            decltype(entries_)().swap(entries_);
            mask_ = 0;
            shift_ = 63;
        } else {
            std::fill(entries_.begin(), entries_.end(), entry{Key{}, none});
        }
        used_ = live_ = 0;
    }

    /// The first value stored for `key`, or `none`.
    [[nodiscard]] std::uint32_t find(const Key& key) const noexcept {
        if (live_ == 0) return none;
        for (std::size_t at = position(key);; at = (at + 1) & mask_) {
            const entry& found = entries_[at];
            if (found.value == none) return none;
            if (found.value != erased && found.key == key) return found.value;
        }
    }

    /// True when some entry has this key.
    [[nodiscard]] bool contains(const Key& key) const noexcept { return find(key) != none; }

    /// The value of `key`, inserted holding `none` when absent; the caller stores a value below `erased` in it
    /// before the next change to the table. Valid until the next insertion.
    [[nodiscard]] std::uint32_t& find_or_insert(const Key& key) {
        make_room_for_one();
        std::size_t at = position(key), reusable = entries_.size();  // the first tombstone on the way, if any
        for (;; at = (at + 1) & mask_) {
            entry& found = entries_[at];
            if (found.value == none) break;
            if (found.value == erased) {
                if (reusable == entries_.size()) reusable = at;
            } else if (found.key == key) {
                return found.value;
            }
        }
        if (reusable != entries_.size()) at = reusable;
        else ++used_;
        ++live_;
        entries_[at] = {key, none};
        return entries_[at].value;
    }

    /// Stores key -> value unless `key` is present; returns the value already stored, or `none` when inserted.
    std::uint32_t try_insert(const Key& key, std::uint32_t value) {
        std::uint32_t& slot = find_or_insert(key);
        if (slot != none) return slot;
        slot = value;
        return none;
    }

    /// Adds key -> value; a key may hold several values (a multiset).
    void insert(const Key& key, std::uint32_t value) {
        make_room_for_one();
        std::size_t at = position(key);
        while (entries_[at].value != none && entries_[at].value != erased) at = (at + 1) & mask_;
        if (entries_[at].value == none) ++used_;
        ++live_;
        entries_[at] = {key, value};
    }

    /// Calls visit(value) for every entry with this key until visit returns false.
    template <typename Visit>
    void visit(const Key& key, Visit&& visit) const {
        if (live_ == 0) return;
        for (std::size_t at = position(key);; at = (at + 1) & mask_) {
            const entry& found = entries_[at];
            if (found.value == none) return;
            if (found.value != erased && found.key == key && !visit(found.value)) return;
        }
    }

    /// Removes the entry key -> value; returns false when it is not there.
    bool erase(const Key& key, std::uint32_t value) noexcept {
        if (live_ == 0) return false;
        for (std::size_t at = position(key);; at = (at + 1) & mask_) {
            entry& found = entries_[at];
            if (found.value == none) return false;
            if (found.value == value && found.key == key) {
                found.value = erased;
                --live_;
                return true;
            }
        }
    }

    /// Asks the CPU to start loading the probe position of `key` (look-ups of several keys then overlap their
    /// cache misses instead of paying them one after another; see prefetch_for_read).
    void prefetch(const Key& key) const noexcept {
        if (!entries_.empty()) prefetch_for_read(&entries_[position(key)]);
    }

    /// Number of entries.
    [[nodiscard]] std::size_t size() const noexcept { return live_; }
    /// Bytes held by the table.
    [[nodiscard]] std::size_t memory() const noexcept { return entries_.capacity() * sizeof(entry); }

private:
    struct entry {
        Key key;
        std::uint32_t value;
    };

    [[nodiscard]] std::size_t position(const Key& key) const noexcept { return static_cast<std::size_t>(table_hash(key, seed_) >> shift_); }

    // Rehashes before an insertion would pass the load: to twice the size when mostly live entries fill it, to
    // the same size (dropping tombstones) otherwise.
    void make_room_for_one() {
        const std::size_t capacity = entries_.size();
        if ((used_ + 1) * 100 <= capacity * MaxLoadPercent) return;
        rehash((live_ + 1) * 200 > capacity * MaxLoadPercent ? (capacity == 0 ? 16 : capacity * 2) : capacity);
    }

    void rehash(std::size_t capacity) {
        std::vector<entry, table_allocator<entry>> old(capacity, entry{Key{}, none});
        old.swap(entries_);
        mask_ = capacity - 1;
        unsigned bits = 0;
        while ((std::size_t{1} << bits) < capacity) ++bits;
        shift_ = 64 - bits;
        used_ = live_ = 0;
        for (const entry& moved : old) {
            if (moved.value == none || moved.value == erased) continue;
            std::size_t at = position(moved.key);
            while (entries_[at].value != none) at = (at + 1) & mask_;
            entries_[at] = moved;
            ++used_;
            ++live_;
        }
    }

    std::vector<entry, table_allocator<entry>> entries_;
    std::size_t mask_ = 0;
    unsigned shift_ = 63;  ///< 64 - log2(capacity); unused while the table is empty
    std::size_t used_ = 0;  ///< live entries + tombstones
    std::size_t live_ = 0;
    std::uint64_t seed_ = random_seed();  ///< per table: keys chosen to collide under one seed do not under another
};

/// A map from ids to record slots (the ACS model's records, the deletion plan's steps and resources).
using id_table = hash_table<uuid128>;

}  // namespace seamid::detail
