// Which values of a batch could conflict, found before its rows are checked. Every row's key, email and phone
// hash is recorded; the hashes are grouped by their top bits, and each group is checked against itself (values
// other rows may share) and against the workspace's tables (values it may hold), whose entries are placed by the
// same top bits: the tables are read front to back, a few KB at a time, instead of at random.
// Nearly every value of a real import is unique: its row then skips the look-ups; the others are checked exactly.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "seamid/detail/hash_table.hpp"
#include "seamid/workspace/index.hpp"

namespace seamid {

/// Per row of a batch: which of its unique fields may conflict with the workspace or with another row.
class batch_candidates {
public:
    /// The candidate bit of unique field number `f` (unique_fields order) against the workspace.
    static constexpr std::uint8_t workspace_bit(std::size_t f) noexcept { return static_cast<std::uint8_t>(1u << f); }
    /// The candidate bit of unique field number `f` against the other rows of the batch.
    static constexpr std::uint8_t batch_bit(std::size_t f) noexcept { return static_cast<std::uint8_t>(1u << (unique_fields.size() + f)); }
    /// Every bit: a row that must be checked in full (what a row not recorded here gets).
    static constexpr std::uint8_t all_bits = static_cast<std::uint8_t>((1u << (2 * unique_fields.size())) - 1);

    /// Records the next row's key, email and phone (rows in batch order; a row without values counts too), hashed
    /// as `workspace` hashes them (find must be given the same index).
    void add_row(const identity_values& values, const workspace_index& workspace) {
        const auto row = static_cast<std::uint32_t>(flags_.size());
        flags_.push_back(0);
        for (std::size_t f = 0; f < unique_fields.size(); ++f) {
            const identity_field field = unique_fields[f];
            if (values.has(field)) entries_[f].push_back({workspace.value_hash(field, comparable_value(field, values.get(field))), row});
        }
    }

    /// Sets every row's bits against `workspace` and the other rows, then frees the recorded hashes.
    void find(const workspace_index& workspace) {
        entries grouped;
        detail::hash_table<std::uint32_t> seen;  // a bucket's hashes so far (rotated, see below) -> the first index holding each
        for (std::size_t f = 0; f < unique_fields.size(); ++f) {
            const std::array<std::size_t, buckets + 1> start = group_by_top_bits(entries_[f], grouped);
            entries().swap(entries_[f]);
            for (std::size_t b = 0; b < buckets; ++b) {
                const entry* const bucket = grouped.data() + start[b];
                const std::size_t size = start[b + 1] - start[b];
                seen.clear();
                seen.reserve(size);
                for (std::size_t i = 0; i < size; ++i) {
                    const std::uint32_t hash = bucket[i].hash;
                    std::uint8_t bits = workspace.may_hold(unique_fields[f], hash) ? workspace_bit(f) : 0;
                    // The bucket shares its top bits and the table places a key by its top bits: the key is the hash
                    // rotated so that the bits below the bucket's (as mixed as the top ones) come first.
                    const std::uint32_t key = (hash << bucket_bits) | (hash >> (32 - bucket_bits));
                    const std::uint32_t first = seen.try_insert(key, static_cast<std::uint32_t>(i));
                    if (first != seen.none) {  // an earlier row of the batch has this hash: both are candidates
                        bits = static_cast<std::uint8_t>(bits | batch_bit(f));
                        flags_[bucket[first].row] = static_cast<std::uint8_t>(flags_[bucket[first].row] | batch_bit(f));
                    }
                    flags_[bucket[i].row] = static_cast<std::uint8_t>(flags_[bucket[i].row] | bits);
                }
            }
        }
        batch_rows_ = 0;
        for (const std::uint8_t bits : flags_) batch_rows_ += (bits >> unique_fields.size()) != 0;
    }

    /// The bits of row `index` (0-based); all_bits for a row never recorded.
    [[nodiscard]] std::uint8_t bits(std::size_t index) const noexcept { return index < flags_.size() ? flags_[index] : all_bits; }
    /// Rows recorded.
    [[nodiscard]] std::size_t rows() const noexcept { return flags_.size(); }
    /// Rows with a value that another row may share (after find).
    [[nodiscard]] std::size_t rows_sharing() const noexcept { return batch_rows_; }

private:
    struct entry {
        std::uint32_t hash;
        std::uint32_t row;
    };
    // Huge pages where the platform has them: the sort's scatter writes to 2,048 places at once.
    using entries = std::vector<entry, detail::table_allocator<entry>>;

    static constexpr unsigned bucket_bits = 11;
    static constexpr std::size_t buckets = std::size_t{1} << bucket_bits;

    /// Copies `items` into `out` grouped by the top bits of their hashes, buckets in ascending order; returns
    /// where each bucket starts (and the end). A bucket's workspace look-ups then fall in one 1/2,048th of each
    /// table (hash_table places a hash by its top bits), a few KB read once, instead of anywhere in it.
    static std::array<std::size_t, buckets + 1> group_by_top_bits(const entries& items, entries& out) {
        std::array<std::size_t, buckets + 1> start{};
        for (const entry& item : items) ++start[(item.hash >> (32 - bucket_bits)) + 1];
        for (std::size_t b = 0; b < buckets; ++b) start[b + 1] += start[b];
        std::array<std::size_t, buckets> next{};
        std::copy(start.begin(), start.end() - 1, next.begin());
        out.resize(items.size());
        for (const entry& item : items) out[next[item.hash >> (32 - bucket_bits)]++] = item;
        return start;
    }

    std::array<entries, unique_fields.size()> entries_;
    std::vector<std::uint8_t> flags_;
    std::size_t batch_rows_ = 0;
};

}  // namespace seamid
