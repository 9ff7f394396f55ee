// The email addresses of a batch's earlier rows, for the batch's uniqueness check: the first row of each
// spelling, and the first row of each address ignoring letter case. A row's look-up costs O(1) however many
// case variants of one address the batch holds (storing every variant under one folded hash made each new row
// walk all earlier ones: quadratic on a file of case variants).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "seamid/common/ascii.hpp"
#include "seamid/detail/hash_table.hpp"

namespace seamid {

/// Earlier rows' email addresses: each distinct spelling once, with the row that first had it.
class batch_email_rows {
public:
    /// Sets `exact_row` to the first earlier row with exactly `email` and `variant_row` to the first earlier row
    /// whose address equals it ignoring ASCII case but is spelled otherwise (1-based; 0: none). When
    /// exact_row is set, variant_row is 0 (the batch then reports the exact duplicate only).
    void find(std::string_view email, std::uint32_t& exact_row, std::uint32_t& variant_row) const {
        exact_row = variant_row = 0;
        exact_.visit(detail::hash_text<false>(email, seed_), [&](std::uint32_t k) {
            if (text(entries_[k]) != email) return true;
            exact_row = entries_[k].row;
            return false;
        });
        if (exact_row != 0) return;
        folded_.visit(detail::hash_text<true>(email, seed_), [&](std::uint32_t k) {
            if (!equal_ignoring_ascii_case(text(entries_[k]), email)) return true;
            variant_row = entries_[k].row;  // the first row of the address in any case, spelled otherwise (no exact match)
            return false;
        });
    }

    /// Remembers `email` for `row` (rows come in increasing order); call only when find gave no exact row.
    void remember(std::string_view email, std::uint32_t row) {
        const auto k = static_cast<std::uint32_t>(entries_.size());
        entries_.push_back({arena_.size(), email.size(), row});
        arena_.append(email);
        exact_.insert(detail::hash_text<false>(email, seed_), k);
        bool grouped = false;  // the address (ignoring case) already has its first row
        folded_.visit(detail::hash_text<true>(email, seed_), [&](std::uint32_t other) {
            grouped = equal_ignoring_ascii_case(text(entries_[other]), email);
            return !grouped;
        });
        if (!grouped) folded_.insert(detail::hash_text<true>(email, seed_), k);
    }

    /// Number of distinct spellings remembered.
    [[nodiscard]] std::size_t size() const noexcept { return entries_.size(); }
    /// Bytes held.
    [[nodiscard]] std::size_t memory() const noexcept {
        return arena_.capacity() + entries_.capacity() * sizeof(entry) + exact_.memory() + folded_.memory();
    }

private:
    struct entry {
        std::size_t offset;
        std::size_t size;
        std::uint32_t row;
    };
    [[nodiscard]] std::string_view text(const entry& e) const noexcept { return {arena_.data() + e.offset, e.size}; }

    std::string arena_;
    std::vector<entry> entries_;
    detail::hash_table<std::uint64_t> exact_;   ///< hash of the spelling -> entry
    detail::hash_table<std::uint64_t> folded_;  ///< hash ignoring case -> the entry of the address's first row
    std::uint64_t seed_ = detail::random_seed();
};

}  // namespace seamid
