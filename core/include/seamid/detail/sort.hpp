// The one sort of the core: every sort goes through sort_indexes (one std::stable_sort instantiation, ordering
// 32-bit indexes through a function pointer), so the wasm holds one copy of the sorting code instead of one per
// comparator. Sorting is stable everywhere, so results never depend on the standard library's introsort.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace seamid::detail {

/// True when index `a` goes before index `b`; `context` is what the caller gave sort_indexes.
using index_order = bool (*)(const void* context, std::uint32_t a, std::uint32_t b);

/// Sorts `indexes` by `before`, stably (indexes that compare equal keep their order).
inline void sort_indexes(std::vector<std::uint32_t>& indexes, index_order before, const void* context) {
    if (indexes.size() < 2) return;
    struct order {
        index_order before;
        const void* context;
        bool operator()(std::uint32_t a, std::uint32_t b) const { return before(context, a, b); }
    };
    std::stable_sort(indexes.begin(), indexes.end(), order{before, context});
}

/// Sorts `indexes` in ascending order.
inline void sort_indexes(std::vector<std::uint32_t>& indexes) {
    sort_indexes(indexes, [](const void*, std::uint32_t a, std::uint32_t b) { return a < b; }, nullptr);
}

/// Sorts items[first..] stably by `before(const T&, const T&)` through sort_indexes: the items are ordered by
/// index, then moved once each into place. For the short lists of reports and look-ups (not hot loops).
template <class T, class Before>
void sort_items(std::vector<T>& items, Before before, std::size_t first = 0) {
    if (items.size() < first + 2) return;
    std::vector<std::uint32_t> order(items.size() - first);
    for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    struct context {
        const T* items;
        const Before* before;
    } const ctx{items.data() + first, &before};
    sort_indexes(
        order,
        [](const void* c, std::uint32_t a, std::uint32_t b) {
            const auto& self = *static_cast<const context*>(c);
            return static_cast<bool>((*self.before)(self.items[a], self.items[b]));
        },
        &ctx);
    std::vector<T> sorted;
    sorted.reserve(order.size());
    for (const std::uint32_t i : order) sorted.push_back(std::move(items[first + i]));
    for (std::size_t i = 0; i < sorted.size(); ++i) items[first + i] = std::move(sorted[i]);
}

}  // namespace seamid::detail
