// Internals of the workspace index: a fast 32-bit string hash (exact or ASCII-case-folded), and an
// open-addressing multiset of record slots keyed by that hash. Not part of the public API.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <string_view>
#include <vector>

#if defined(__linux__) && !defined(__wasm__)
#include <sys/mman.h>
#endif

#include "seamid/detail/prefetch.hpp"

namespace seamid::detail {

inline constexpr std::uint64_t byte_ones = 0x0101010101010101ULL;

/// Reads 8 bytes (little-endian hosts: x86, arm64, wasm; on others hashes differ but stay consistent).
[[nodiscard]] inline std::uint64_t load_word(const char* bytes) noexcept {
    std::uint64_t word;
    std::memcpy(&word, bytes, sizeof word);
    return word;
}

/// Reads the last 1..7 bytes of a string into a zero-padded word.
[[nodiscard]] inline std::uint64_t load_tail(const char* bytes, std::size_t count) noexcept {
    std::uint64_t word = 0;
    std::memcpy(&word, bytes, count);
    return word;
}

/// ASCII-lowercases the 8 bytes of a word at once (bytes >= 0x80 are left as they are).
[[nodiscard]] constexpr std::uint64_t fold_ascii_word(std::uint64_t word) noexcept {
    const std::uint64_t heptets = word & (0x7F * byte_ones);
    const std::uint64_t at_least_a = heptets + (0x80 - 'A') * byte_ones;  // high bit set where byte >= 'A'
    const std::uint64_t past_z = heptets + (0x80 - 'Z' - 1) * byte_ones;  // high bit set where byte > 'Z'
    const std::uint64_t upper = at_least_a & ~past_z & ~word & (0x80 * byte_ones);
    return word | (upper >> 2);  // 0x80 >> 2 == 0x20, the ASCII case bit
}

/// The final avalanche of MurmurHash3 (fmix64).
[[nodiscard]] constexpr std::uint64_t avalanche(std::uint64_t h) noexcept {
    h ^= h >> 33;
    h *= 0xFF51AFD7ED558CCDULL;
    h ^= h >> 33;
    h *= 0xC4CEB9FE1A85EC53ULL;
    h ^= h >> 33;
    return h;
}

/// A 32-bit hash of `text`, 8 bytes per step; with Fold, equal for strings equal ignoring ASCII case.
template <bool Fold>
[[nodiscard]] inline std::uint32_t hash_text(std::string_view text) noexcept {
    constexpr std::uint64_t k1 = 0x9E3779B97F4A7C15ULL, k2 = 0xC2B2AE3D27D4EB4FULL;
    const char* bytes = text.data();
    const std::size_t size = text.size();
    std::uint64_t h = (size + 1) * k1;
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
    return static_cast<std::uint32_t>(avalanche(h) >> 32);
}

/// True when `a` and `b` are equal ignoring ASCII letter case.
[[nodiscard]] inline bool equal_ignoring_ascii_case(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    std::size_t i = 0;
    for (; i + 8 <= a.size(); i += 8)
        if (fold_ascii_word(load_word(a.data() + i)) != fold_ascii_word(load_word(b.data() + i))) return false;
    if (i < a.size())
        return fold_ascii_word(load_tail(a.data() + i, a.size() - i)) == fold_ascii_word(load_tail(b.data() + i, b.size() - i));
    return true;
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

/// An open-addressing (linear probing) multiset of 32-bit record slots keyed by a 32-bit hash.
/// Each entry keeps its hash, so probes skip other values without touching the strings, and growth
/// never needs the strings again. Erasure leaves a tombstone; tombstones are dropped on rehash.
class slot_table {
public:
    static constexpr std::uint32_t empty_slot = 0xFFFFFFFFu;
    static constexpr std::uint32_t erased_slot = 0xFFFFFFFEu;

    /// Makes room for `count` entries without rehashing.
    void reserve(std::size_t count) {
        std::size_t capacity = 16;
        while (capacity * 3 < count * 4 + 4) capacity *= 2;
        if (capacity > entries_.size()) rehash(capacity);
    }

    /// Adds (hash, slot); duplicates of the same hash are allowed (a multiset).
    void insert(std::uint32_t hash, std::uint32_t slot) {
        if ((used_ + 1) * 4 > entries_.size() * 3) rehash(live_ * 2 + 2 > entries_.size() ? entries_.size() * 2 : entries_.size());
        std::size_t at = position(hash);
        while (entries_[at].slot != empty_slot && entries_[at].slot != erased_slot) at = (at + 1) & mask_;
        if (entries_[at].slot == empty_slot) ++used_;
        entries_[at] = {hash, slot};
        ++live_;
    }

    /// Calls visit(slot) for every entry with this hash until visit returns false.
    template <typename Visit>
    void visit(std::uint32_t hash, Visit&& visit) const {
        if (live_ == 0) return;
        for (std::size_t at = position(hash);; at = (at + 1) & mask_) {
            const entry& found = entries_[at];
            if (found.slot == empty_slot) return;
            if (found.hash == hash && found.slot != erased_slot && !visit(found.slot)) return;
        }
    }

    /// True when some entry has this hash (its value may still differ). Look-ups grouped by the hash's top bits
    /// read one small part of the table per group (see position) instead of lines anywhere in it.
    [[nodiscard]] bool contains_hash(std::uint32_t hash) const noexcept {
        bool found = false;
        visit(hash, [&](std::uint32_t) {
            found = true;
            return false;  // one entry is enough
        });
        return found;
    }

    /// Asks the CPU to start loading the probe position of `hash` (lookups of several values then overlap
    /// their cache misses instead of paying them one after another; see prefetch_for_read).
    void prefetch(std::uint32_t hash) const noexcept {
        if (!entries_.empty()) prefetch_for_read(&entries_[position(hash)]);
    }

    /// Removes the entry (hash, slot); returns false when it is not there.
    bool erase(std::uint32_t hash, std::uint32_t slot) noexcept {
        if (live_ == 0) return false;
        for (std::size_t at = position(hash);; at = (at + 1) & mask_) {
            entry& found = entries_[at];
            if (found.slot == empty_slot) return false;
            if (found.slot == slot && found.hash == hash) {
                found.slot = erased_slot;
                --live_;
                return true;
            }
        }
    }

    /// Number of entries.
    [[nodiscard]] std::size_t size() const noexcept { return live_; }
    /// Bytes held by the table.
    [[nodiscard]] std::size_t memory() const noexcept { return entries_.capacity() * sizeof(entry); }

private:
    struct entry {
        std::uint32_t hash;
        std::uint32_t slot;
    };

    // The hash's top bits: hashes are already mixed (hash_text ends in an avalanche), and a position that grows
    // with the hash lets a caller that groups its look-ups by those bits read the table front to back.
    [[nodiscard]] std::size_t position(std::uint32_t hash) const noexcept { return static_cast<std::size_t>(hash >> shift_); }

    void rehash(std::size_t capacity) {
        if (capacity < 16) capacity = 16;
        std::vector<entry, table_allocator<entry>> old(capacity, entry{0, empty_slot});
        old.swap(entries_);
        mask_ = capacity - 1;
        unsigned bits = 0;
        while ((std::size_t{1} << bits) < capacity) ++bits;
        shift_ = 32 - bits;
        used_ = live_ = 0;
        for (const entry& moved : old) {
            if (moved.slot == empty_slot || moved.slot == erased_slot) continue;
            std::size_t at = position(moved.hash);
            while (entries_[at].slot != empty_slot) at = (at + 1) & mask_;
            entries_[at] = moved;
            ++used_;
            ++live_;
        }
    }

    std::vector<entry, table_allocator<entry>> entries_;
    std::size_t mask_ = 0;
    unsigned shift_ = 31;  ///< 32 - log2(capacity); unused while the table is empty
    std::size_t used_ = 0;  ///< live entries + tombstones
    std::size_t live_ = 0;
};

}  // namespace seamid::detail
