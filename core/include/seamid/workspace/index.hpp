// The workspace index: the identities of one Seam workspace (as /user_identities/list returns them), with
// O(1) lookup by user_identity_id, user_identity_key, email_address (exact or ignoring case) and
// phone_number (after Seam's trimming), and incremental add / update / remove. Rules: docs/workspace.md;
// https://docs.seam.co/latest/api/user_identities/list.
//
// Storage: every identity's four strings live in one growing arena (one allocation for all of them);
// four open-addressing tables map 32-bit hashes to record slots (8 bytes per entry). The JSON list is read
// with the streaming json_reader, so a million-identity snapshot never becomes a DOM.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "seamid/common/cold.hpp"
#include "seamid/detail/hash_table.hpp"
#include "seamid/detail/issue_cap.hpp"
#include "seamid/detail/sort.hpp"
#include "seamid/common/issue.hpp"
#include "seamid/json/dom.hpp"
#include "seamid/json/members.hpp"
#include "seamid/json/reader.hpp"
#include "seamid/common/unicode.hpp"
#include "seamid/common/uuid.hpp"

namespace seamid {

/// The identity fields the index keeps: the id and the three values Seam keeps unique per workspace.
enum class identity_field : std::uint8_t { user_identity_id = 0, user_identity_key = 1, email_address = 2, phone_number = 3 };

/// Seam's name of a field, e.g. "email_address".
[[nodiscard]] constexpr std::string_view field_name(identity_field field) noexcept {
    switch (field) {
        case identity_field::user_identity_id: return "user_identity_id";
        case identity_field::user_identity_key: return "user_identity_key";
        case identity_field::email_address: return "email_address";
        case identity_field::phone_number: return "phone_number";
    }
    return "user_identity_id";
}

/// The three fields unique within a workspace (docs/workspace.md), in reporting order.
inline constexpr std::array<identity_field, 3> unique_fields{identity_field::user_identity_key, identity_field::email_address,
                                                            identity_field::phone_number};

/// The indexed values of one identity: each field is absent (missing or null) or a string.
struct identity_values {
    std::array<std::string_view, 4> values{};
    std::uint8_t present = 0;  ///< one bit per identity_field

    /// Sets a field to a string value.
    constexpr void set(identity_field field, std::string_view value) noexcept {
        values[static_cast<std::size_t>(field)] = value;
        present = static_cast<std::uint8_t>(present | (1u << static_cast<unsigned>(field)));
    }
    /// Marks a field absent (null).
    constexpr void clear(identity_field field) noexcept {
        values[static_cast<std::size_t>(field)] = {};
        present = static_cast<std::uint8_t>(present & ~(1u << static_cast<unsigned>(field)));
    }
    /// True when the field holds a string.
    [[nodiscard]] constexpr bool has(identity_field field) const noexcept { return (present >> static_cast<unsigned>(field)) & 1u; }
    /// The field's string (empty when absent).
    [[nodiscard]] constexpr std::string_view get(identity_field field) const noexcept { return values[static_cast<std::size_t>(field)]; }
};

/// The value the index compares for a field: phone numbers as Seam stores them (JS-trimmed), others as given.
[[nodiscard]] constexpr std::string_view comparable_value(identity_field field, std::string_view value) noexcept {
    return field == identity_field::phone_number ? unicode::trim_js_whitespace(value) : value;
}

/// How an indexed value matched a looked-up one.
enum class match_kind : std::uint8_t { exact, case_variant };

/// An in-memory index of a workspace's user identities. Never throws on bad data: problems are issues.
class workspace_index {
    /// A field's table: the slots of the records holding each value hash (a multiset; a 75% load keeps it small).
    using value_table = detail::hash_table<std::uint32_t, 75>;

public:
    using slot_type = std::uint32_t;
    static constexpr slot_type no_slot = value_table::none;

    // ---------------------------------------------------------------- building

    /// Adds the identities of /user_identities/list JSON text: a page `{"user_identities": [...]}`, a bare
    /// array of identities, or an array of pages. Transactional: on malformed JSON or a document that is not
    /// a list, the index is left unchanged. Paths in issues point into the document.
    [[nodiscard]] std::vector<issue> load_json(std::string_view text);

    /// The same for an already-parsed document (a page, an array of identities, or an array of pages).
    [[nodiscard]] std::vector<issue> load(const nlohmann::json& document, const issue_path& base = {});

    // ---------------------------------------------------------------- incremental changes

    /// Adds one identity (e.g. what /user_identities/create returned). Refused (error) when it has no
    /// user_identity_id or that id is already indexed.
    [[nodiscard]] std::vector<issue> add(const json_members& identity, const issue_path& base = {});
    /// The same for the identity as JSON text (malformed text: one invalid_json error).
    [[nodiscard]] std::vector<issue> add_json(std::string_view identity, const issue_path& base = {});
    /// The same for a parsed identity (serialised once, then read as text).
    [[nodiscard]] std::vector<issue> add(const nlohmann::json& identity, const issue_path& base = {});

    /// Applies an update, /user_identities/update style: `user_identity_id` names the identity, each field
    /// present replaces the stored value (null clears it), absent fields stay. Refused when the id is unknown
    /// or a field has the wrong type; the index is then unchanged.
    [[nodiscard]] std::vector<issue> update(const json_members& changes, const issue_path& base = {});
    /// The same for the changes as JSON text (malformed text: one invalid_json error).
    [[nodiscard]] std::vector<issue> update_json(std::string_view changes, const issue_path& base = {});
    /// The same for parsed changes (serialised once, then read as text).
    [[nodiscard]] std::vector<issue> update(const nlohmann::json& changes, const issue_path& base = {});

    /// Removes the identity with this id; an `unknown_user_identity_id` error when there is none.
    [[nodiscard]] std::vector<issue> remove(std::string_view user_identity_id, const issue_path& base = {});

    /// Inserts or replaces an identity from raw values (the id is required). Returns false when the id is absent.
    bool put(const identity_values& identity);
    /// The same when the caller already looked the id up: `slot` is slot_of(its id) (no_slot: a new identity).
    bool put(const identity_values& identity, slot_type slot);

    /// Removes by id; false when the id is not indexed.
    bool erase(std::string_view user_identity_id);

    // ---------------------------------------------------------------- lookups

    /// Number of identities.
    [[nodiscard]] std::size_t size() const noexcept { return records_.size() - free_.size(); }
    /// True when an identity has this id (ids compare ignoring ASCII case, as UUIDs do).
    [[nodiscard]] bool contains(std::string_view user_identity_id) const { return slot_of(user_identity_id) != no_slot; }
    /// The slot of the identity with this id, or no_slot.
    [[nodiscard]] slot_type slot_of(std::string_view user_identity_id) const;
    /// The ids of the identities whose `field` equals `value` exactly (phones after trimming), in load order.
    [[nodiscard]] std::vector<std::string_view> find(identity_field field, std::string_view value) const;

    /// Calls visit(slot, match_kind) for every identity holding `value` in `field` (already comparable:
    /// phones trimmed). Emails also match ignoring ASCII case (match_kind::case_variant). Stops when visit
    /// returns false. The fast path of every check.
    template <typename Visit>
    void visit_holders(identity_field field, std::string_view value, Visit&& visit) const {
        visit_holders(field, value, hash_of(field, value), visit);
    }

    /// The same with the value's hash already computed (value_hash); lets callers prefetch first.
    template <typename Visit>
    void visit_holders(identity_field field, std::string_view value, std::uint32_t hash, Visit&& visit) const;

    /// The hash the index uses for a (comparable) value of `field`; the same in every index with the same seed.
    [[nodiscard]] std::uint32_t value_hash(identity_field field, std::string_view value) const noexcept { return hash_of(field, value); }
    /// The seed of the value hashes: random per index (hash flooding) unless set.
    [[nodiscard]] std::uint64_t hash_seed() const noexcept { return tables_[0].seed(); }
    /// Hashes values with `seed` (e.g. a random one when the values may be chosen to collide); false, and no
    /// change, once the index holds a record. Indexes whose hashes are shared must use the same seed.
    bool set_hash_seed(std::uint64_t seed) {
        if (!records_.empty()) return false;
        for (auto& table : tables_) table.set_seed(seed);
        return true;
    }
    /// Starts loading the table position of a hashed value (see hash_table::prefetch).
    void prefetch(identity_field field, std::uint32_t hash) const noexcept { table(field).prefetch(hash); }
    /// True when some value of `field` has this value_hash (false: no identity can hold a value with this hash).
    /// Calls grouped by the hash's top bits read the field's table front to back (batch_candidates groups them so).
    [[nodiscard]] bool may_hold(identity_field field, std::uint32_t hash) const noexcept { return table(field).contains(hash); }

    /// A stored field of the record in `slot` (valid until the next change to the index).
    [[nodiscard]] std::string_view value(slot_type slot, identity_field field) const noexcept {
        const record& r = records_[slot];
        std::size_t offset = r.offset;
        const auto index = static_cast<std::size_t>(field);
        for (std::size_t f = 0; f < index; ++f) offset += r.length[f];
        return {arena_.data() + offset, r.length[index]};
    }
    /// True when the record in `slot` holds a string in `field`.
    [[nodiscard]] bool has(slot_type slot, identity_field field) const noexcept {
        return (records_[slot].present >> static_cast<unsigned>(field)) & 1u;
    }
    /// True when `slot` holds a live identity (slots of removed identities are reused later).
    [[nodiscard]] bool live(slot_type slot) const noexcept { return slot < records_.size() && records_[slot].live; }
    /// One past the highest slot (iterate 0..slot_count() and skip !live()).
    [[nodiscard]] std::size_t slot_count() const noexcept { return records_.size(); }
    /// A caller-defined number stored with a record (the batch keeps its row number there).
    [[nodiscard]] std::uint32_t tag(slot_type slot) const noexcept { return records_[slot].tag; }

    /// Inserts a record without an id (the batch index of earlier rows); returns its slot. `hashes`, when given,
    /// are the value_hash of its key, email and phone (unique_fields order), already computed by the caller.
    slot_type insert_anonymous(const identity_values& identity, std::uint32_t tag, const std::uint32_t* hashes = nullptr);

    /// Reserves room for `count` identities.
    void reserve(std::size_t count) {
        records_.reserve(count);
        for (auto& table : tables_) table.reserve(count);
    }
    /// Reserves room for `count` records without ids (insert_anonymous): records and the key, email and phone tables.
    void reserve_values(std::size_t count) {
        records_.reserve(count);
        for (const identity_field field : unique_fields) table(field).reserve(count);
    }
    /// Bytes held (arena, records, tables), for benchmarks.
    [[nodiscard]] std::size_t memory() const noexcept {
        std::size_t bytes = arena_.capacity() + records_.capacity() * sizeof(record) + free_.capacity() * sizeof(slot_type);
        for (const auto& table : tables_) bytes += table.memory();
        return bytes;
    }

private:
    struct record {
        std::size_t offset = 0;                  ///< start of the four strings in arena_
        std::array<std::uint32_t, 4> length{};  ///< byte length of each field
        std::uint32_t tag = 0;
        /// The other records whose email equals this one's ignoring case: a doubly linked chain whose head alone
        /// is in the email table (inserting the k-th case variant of an address is then O(1), not O(k)).
        slot_type next_variant = no_slot, previous_variant = no_slot;
        std::uint8_t present = 0;
        bool live = false;
    };

    static constexpr bool folds(identity_field field) noexcept {
        return field == identity_field::user_identity_id || field == identity_field::email_address;
    }
    // The top half of the 64-bit hash: the tables place a value by its top bits (see hash_table).
    std::uint32_t hash_of(identity_field field, std::string_view value) const noexcept {
        const std::uint64_t seed = hash_seed();
        return static_cast<std::uint32_t>((folds(field) ? detail::hash_text<true>(value, seed) : detail::hash_text<false>(value, seed)) >> 32);
    }
    value_table& table(identity_field field) noexcept { return tables_[static_cast<std::size_t>(field)]; }
    const value_table& table(identity_field field) const noexcept { return tables_[static_cast<std::size_t>(field)]; }

    void store(slot_type slot, const identity_values& identity, std::uint32_t tag);
    void link(slot_type slot, const std::uint32_t* unique_hashes = nullptr);
    void link_email(slot_type slot, std::uint32_t hash);
    void unlink(slot_type slot);
    slot_type allocate();
    void compact_if_needed();

    std::string arena_;
    std::size_t garbage_ = 0;  ///< arena bytes no record points to any more
    std::vector<record> records_;
    std::vector<slot_type> free_;
    std::array<value_table, 4> tables_{};
};

// ==================================================================== implementation

template <typename Visit>
void workspace_index::visit_holders(identity_field field, std::string_view value, std::uint32_t hash, Visit&& visit) const {
    if (field == identity_field::email_address) {
        // The table holds the head of each address's chain of case variants: find the one of `value`, walk it.
        table(field).visit(hash, [&](slot_type head) {
            if (!equal_ignoring_ascii_case(this->value(head, field), value)) return true;
            for (slot_type slot = head; slot != no_slot; slot = records_[slot].next_variant)
                if (!visit(slot, this->value(slot, field) == value ? match_kind::exact : match_kind::case_variant)) break;
            return false;
        });
        return;
    }
    table(field).visit(hash, [&](slot_type slot) {
        const std::string_view held = this->value(slot, field);
        if (held.size() != value.size() || held != value) return true;
        return static_cast<bool>(visit(slot, match_kind::exact));
    });
}

inline workspace_index::slot_type workspace_index::slot_of(std::string_view user_identity_id) const {
    slot_type found = no_slot;
    table(identity_field::user_identity_id).visit(hash_of(identity_field::user_identity_id, user_identity_id), [&](slot_type slot) {
        if (!equal_ignoring_ascii_case(value(slot, identity_field::user_identity_id), user_identity_id)) return true;
        found = slot;
        return false;
    });
    return found;
}

inline std::vector<std::string_view> workspace_index::find(identity_field field, std::string_view value) const {
    std::vector<slot_type> slots;
    if (field == identity_field::user_identity_id) {
        if (const slot_type slot = slot_of(value); slot != no_slot) slots.push_back(slot);
    } else {
        visit_holders(field, comparable_value(field, value), [&](slot_type slot, match_kind kind) {
            if (kind == match_kind::exact) slots.push_back(slot);
            return true;
        });
    }
    detail::sort_indexes(slots);
    std::vector<std::string_view> ids;
    ids.reserve(slots.size());
    for (const slot_type slot : slots) ids.push_back(this->value(slot, identity_field::user_identity_id));
    return ids;
}

inline workspace_index::slot_type workspace_index::allocate() {
    if (!free_.empty()) {
        const slot_type slot = free_.back();
        free_.pop_back();
        return slot;
    }
    records_.emplace_back();
    return static_cast<slot_type>(records_.size() - 1);
}

inline void workspace_index::store(slot_type slot, const identity_values& identity, std::uint32_t tag) {
    record& r = records_[slot];
    if (r.live) {
        for (const auto length : r.length) garbage_ += length;
    }
    r.offset = arena_.size();
    r.present = identity.present;
    r.tag = tag;
    r.live = true;
    for (std::size_t f = 0; f < 4; ++f) {
        const auto field = static_cast<identity_field>(f);
        const std::string_view text = identity.has(field) ? comparable_value(field, identity.get(field)) : std::string_view{};
        r.length[f] = static_cast<std::uint32_t>(text.size());
        arena_.append(text.data(), text.size());
    }
}

inline void workspace_index::link(slot_type slot, const std::uint32_t* unique_hashes) {
    std::array<std::uint32_t, 4> hashes{};
    for (std::size_t f = 0; f < 4; ++f) {
        const auto field = static_cast<identity_field>(f);
        if (!has(slot, field)) continue;
        hashes[f] = unique_hashes != nullptr && f > 0 ? unique_hashes[f - 1] : hash_of(field, value(slot, field));
        table(field).prefetch(hashes[f]);
    }
    for (std::size_t f = 0; f < 4; ++f) {
        const auto field = static_cast<identity_field>(f);
        if (!has(slot, field)) continue;
        if (field == identity_field::email_address) link_email(slot, hashes[f]);
        else table(field).insert(hashes[f], slot);
    }
}

inline void workspace_index::link_email(slot_type slot, std::uint32_t hash) {
    const std::string_view email = value(slot, identity_field::email_address);
    slot_type head = no_slot;
    table(identity_field::email_address).visit(hash, [&](slot_type other) {
        if (!equal_ignoring_ascii_case(value(other, identity_field::email_address), email)) return true;
        head = other;
        return false;
    });
    record& r = records_[slot];
    r.previous_variant = r.next_variant = no_slot;
    if (head == no_slot) {
        table(identity_field::email_address).insert(hash, slot);  // the first holder of this address: a new chain
        return;
    }
    r.previous_variant = head;  // after the head: O(1)
    r.next_variant = records_[head].next_variant;
    if (r.next_variant != no_slot) records_[r.next_variant].previous_variant = slot;
    records_[head].next_variant = slot;
}

inline void workspace_index::unlink(slot_type slot) {
    for (std::size_t f = 0; f < 4; ++f) {
        const auto field = static_cast<identity_field>(f);
        if (!has(slot, field)) continue;
        const std::uint32_t hash = hash_of(field, value(slot, field));
        if (field != identity_field::email_address) {
            table(field).erase(hash, slot);
            continue;
        }
        record& r = records_[slot];
        if (r.previous_variant == no_slot) {  // the chain's head: its successor, if any, takes its place in the table
            table(field).erase(hash, slot);
            if (r.next_variant != no_slot) {
                records_[r.next_variant].previous_variant = no_slot;
                table(field).insert(hash, r.next_variant);
            }
        } else {
            records_[r.previous_variant].next_variant = r.next_variant;
            if (r.next_variant != no_slot) records_[r.next_variant].previous_variant = r.previous_variant;
        }
        r.previous_variant = r.next_variant = no_slot;
    }
}

inline void workspace_index::compact_if_needed() {
    if (garbage_ < (std::size_t{1} << 16) || garbage_ * 2 < arena_.size()) return;
    std::string packed;
    packed.reserve(arena_.size() - garbage_);
    for (record& r : records_) {
        if (!r.live) continue;
        std::size_t total = 0;
        for (const auto length : r.length) total += length;
        const std::size_t offset = packed.size();
        packed.append(arena_, r.offset, total);
        r.offset = offset;
    }
    arena_.swap(packed);
    garbage_ = 0;
}

inline bool workspace_index::put(const identity_values& identity) {
    if (!identity.has(identity_field::user_identity_id)) return false;
    return put(identity, slot_of(identity.get(identity_field::user_identity_id)));
}

inline bool workspace_index::put(const identity_values& identity, slot_type slot) {
    if (!identity.has(identity_field::user_identity_id)) return false;
    if (slot != no_slot) {
        unlink(slot);
        store(slot, identity, records_[slot].tag);
        link(slot);
        compact_if_needed();
        return true;
    }
    slot = allocate();
    store(slot, identity, 0);
    link(slot);
    return true;
}

inline workspace_index::slot_type workspace_index::insert_anonymous(const identity_values& identity, std::uint32_t tag, const std::uint32_t* hashes) {
    identity_values without_id = identity;
    without_id.clear(identity_field::user_identity_id);
    const slot_type slot = allocate();
    store(slot, without_id, tag);
    link(slot, hashes);
    return slot;
}

inline bool workspace_index::erase(std::string_view user_identity_id) {
    const slot_type slot = slot_of(user_identity_id);
    if (slot == no_slot) return false;
    unlink(slot);
    record& r = records_[slot];
    for (const auto length : r.length) garbage_ += length;
    r = record{};
    free_.push_back(slot);
    compact_if_needed();
    return true;
}

namespace detail {

/// The message of an issue about the list document's shape.
inline constexpr std::string_view workspace_shape_message =
    "Expected the JSON of /user_identities/list: an object {\"user_identities\": [...]}, an array of user identities, "
    "or an array of such pages.";

/// One identity being read (from SAX events or a DOM object), with owned strings.
struct pending_identity {
    std::array<std::string, 4> text;
    std::uint8_t present = 0;
    std::uint8_t seen = 0;  ///< fields that appeared at all (even null or wrongly typed)

    void reset() noexcept { present = seen = 0; }
    [[nodiscard]] identity_values values() const noexcept {
        identity_values out;
        for (std::size_t f = 0; f < 4; ++f)
            if ((present >> f) & 1u) out.set(static_cast<identity_field>(f), text[f]);
        return out;
    }
};

/// How many times "user_identity_id" (with its quotes) occurs in `text`, up to `limit`: Horspool's search,
/// which skips most bytes of a list snapshot without looking at them.
[[nodiscard]] inline std::size_t count_id_keys(std::string_view text, std::size_t limit) noexcept {
    constexpr std::string_view needle = "\"user_identity_id\"";
    constexpr std::size_t last = needle.size() - 1;
    std::array<std::uint8_t, 256> shift{};
    shift.fill(static_cast<std::uint8_t>(needle.size()));
    for (std::size_t i = 0; i < last; ++i) shift[static_cast<unsigned char>(needle[i])] = static_cast<std::uint8_t>(last - i);
    std::size_t count = 0;
    for (std::size_t at = 0; at + needle.size() <= text.size() && count < limit;) {
        const auto end = static_cast<unsigned char>(text[at + last]);
        if (end == '"' && text.compare(at, needle.size(), needle) == 0) {
            ++count;
            at += needle.size();
        } else {
            at += shift[end];
        }
    }
    return count;
}

/// The identity field named `key`, or -1.
[[nodiscard]] constexpr int identity_field_index(std::string_view key) noexcept {
    if (key == "user_identity_id") return 0;
    if (key == "user_identity_key") return 1;
    if (key == "email_address") return 2;
    if (key == "phone_number") return 3;
    return -1;
}

/// The issue for an identity field that is neither a string nor null.
[[nodiscard]] SEAMID_COLD inline issue field_type_issue(issue_path path, std::string_view received_type) {
    std::string message = "Expected a string or null, received ";
    message.append(received_type).append(".");
    return {std::move(path), "invalid_type", severity::error, std::move(message), std::nullopt};
}

/// Adds a fully read identity to `index` (load semantics: a repeated id replaces the earlier entry, with a
/// warning; a missing id skips the identity, with an error).
inline void ingest_identity(workspace_index& index, const pending_identity& identity, const issue_path& path,
                            std::vector<issue>& issues) {
    if (!((identity.present >> 0) & 1u)) {
        issues.push_back({path, "missing_field", severity::error,
                          "This identity has no user_identity_id, so it was not indexed and its key, email and phone are "
                          "not checked for uniqueness. Use the identities exactly as /user_identities/list returns them.",
                          std::nullopt});
        return;
    }
    const std::string& id = identity.text[0];
    if (!is_uuid(id))
        issues.push_back({child_path(path, std::string("user_identity_id")), "invalid_uuid", severity::warning,
                          "user_identity_id is not a UUID as Seam issues them (8-4-4-4-12 hex digits); check the snapshot.",
                          std::nullopt});
    const workspace_index::slot_type existing = index.slot_of(id);
    if (existing != workspace_index::no_slot)
        issues.push_back({child_path(path, std::string("user_identity_id")), "duplicate_id", severity::warning,
                          "This user_identity_id was already listed (pages overlapping?); the later entry replaces the earlier one.",
                          std::nullopt});
    index.put(identity.values(), existing);
}

/// SAX reader of /user_identities/list JSON: extracts the four indexed fields of every identity and
/// skips everything else, with O(depth) memory.
class list_reader final : public json_reader {
public:
    list_reader(workspace_index& index, std::vector<issue>& issues) : index_(index), issues_(issues) {}

    bool on_value(json_kind kind, std::string_view text) override {
        cap_issues(issues_);  // at most max_issues (and the count of the rest), whatever the list holds
        if (in_object()) key(at(depth() - 1).key());
        switch (kind) {
            case json_kind::null: return scalar("null", true, nullptr);
            case json_kind::boolean: return scalar("boolean", false, nullptr);
            case json_kind::number: return scalar("number", false, nullptr);
            case json_kind::string: return scalar("string", false, &text);
            case json_kind::object: return open(true);
            case json_kind::array: return open(false);
        }
        return true;
    }
    bool on_end(std::size_t, bool) override {
        cap_issues(issues_);
        return close();
    }

    /// After run(): records the syntax error, if any, as the one invalid_json issue.
    void finish() {
        cap_issues(issues_);
        if (!syntax_error()) return;
        issues_.push_back(syntax_issue());
        failed_ = true;
    }

    /// After the parse: the whole document was a usable list.
    [[nodiscard]] bool usable() const noexcept { return !failed_ && saw_list_; }
    /// After the parse: the document was JSON (even if not a list).
    [[nodiscard]] bool parsed() const noexcept { return !failed_; }

private:
    enum class context : std::uint8_t { root_array, page, identity_list, identity, element };
    struct frame {
        context kind;
        std::size_t count = 0;  ///< elements seen (arrays)
        int key_field = -1;     ///< identity field named by the last key (objects)
        bool key_is_list = false;
        bool is_page = false;   ///< an element that turned out to be a page
        issue_path path;
    };

    /// A member's key, before its value: notes which identity field (or the list of a page) it names.
    void key(std::string_view name) {
        if (skip_depth_ > 0) return;
        frame& top = stack_.back();
        top.key_field = -1;
        top.key_is_list = false;
        if (top.kind == context::identity || top.kind == context::element) {
            top.key_field = identity_field_index(name);
            if (top.key_field >= 0) pending_.seen = static_cast<std::uint8_t>(pending_.seen | (1u << top.key_field));
        }
        if ((top.kind == context::page || top.kind == context::element) && name == "user_identities") top.key_is_list = true;
    }

    /// The path of the element about to start in the top array frame (advances its counter).
    issue_path next_element_path() {
        frame& top = stack_.back();
        return child_path(top.path, top.count++);
    }

    void shape_issue(issue_path path) {
        if (shape_reported_) return;
        shape_reported_ = true;
        issues_.push_back({std::move(path), "invalid_workspace", severity::error, std::string(workspace_shape_message), std::nullopt});
    }

    bool scalar(std::string_view type, bool is_null, const std::string_view* text) {
        if (skip_depth_ > 0) return true;
        if (stack_.empty()) {
            shape_issue({});
            return true;
        }
        frame& top = stack_.back();
        switch (top.kind) {
            case context::root_array:
            case context::identity_list: {
                auto path = next_element_path();
                std::string message = top.kind == context::root_array ? "Expected a user identity or a page of them, received "
                                                                       : "Expected a user identity object, received ";
                message.append(type).append(".");
                issues_.push_back({std::move(path), "invalid_type", severity::error, std::move(message), std::nullopt});
                return true;
            }
            case context::page:
                if (top.key_is_list) shape_issue(child_path(top.path, std::string("user_identities")));
                return true;
            case context::identity:
            case context::element:
                if (top.key_is_list && top.kind == context::element && !is_null) {
                    // "user_identities": <not an array> inside an array element: neither an identity field nor a page.
                    shape_issue(child_path(top.path, std::string("user_identities")));
                    return true;
                }
                if (top.key_field < 0) return true;
                if (text != nullptr) {
                    pending_.text[static_cast<std::size_t>(top.key_field)].assign(*text);
                    pending_.present = static_cast<std::uint8_t>(pending_.present | (1u << top.key_field));
                } else {
                    pending_.present = static_cast<std::uint8_t>(pending_.present & ~(1u << top.key_field));
                    if (!is_null)
                        issues_.push_back(field_type_issue(child_path(top.path, std::string(field_name(static_cast<identity_field>(top.key_field)))), type));
                }
                return true;
        }
        return true;
    }

    bool open(bool object) {
        if (skip_depth_ > 0) {
            ++skip_depth_;
            return true;
        }
        if (stack_.empty()) {
            stack_.push_back({object ? context::page : context::root_array, 0, -1, false, false, {}});
            if (!object) saw_list_ = true;
            return true;
        }
        frame& top = stack_.back();
        switch (top.kind) {
            case context::root_array:
                if (object) {
                    pending_.reset();
                    stack_.push_back({context::element, 0, -1, false, false, next_element_path()});
                } else {
                    issues_.push_back({next_element_path(), "invalid_type", severity::error,
                                       "Expected a user identity or a page of them, received array.", std::nullopt});
                    skip_depth_ = 1;
                }
                return true;
            case context::identity_list:
                if (object) {
                    pending_.reset();
                    stack_.push_back({context::identity, 0, -1, false, false, next_element_path()});
                } else {
                    issues_.push_back({next_element_path(), "invalid_type", severity::error,
                                       "Expected a user identity object, received array.", std::nullopt});
                    skip_depth_ = 1;
                }
                return true;
            case context::page:
            case context::element:
                if (top.key_is_list && !object) {
                    if (top.kind == context::element) top.is_page = true;
                    saw_list_ = true;
                    stack_.push_back({context::identity_list, 0, -1, false, false, child_path(top.path, std::string("user_identities"))});
                    return true;
                }
                if (top.key_is_list) shape_issue(child_path(top.path, std::string("user_identities")));
                [[fallthrough]];
            case context::identity:
                if (top.key_field >= 0) {
                    pending_.present = static_cast<std::uint8_t>(pending_.present & ~(1u << top.key_field));
                    issues_.push_back(field_type_issue(child_path(top.path, std::string(field_name(static_cast<identity_field>(top.key_field)))),
                                                       object ? "object" : "array"));
                }
                skip_depth_ = 1;
                return true;
        }
        return true;
    }

    bool close() {
        if (skip_depth_ > 0) {
            --skip_depth_;
            return true;
        }
        const frame top = std::move(stack_.back());
        stack_.pop_back();
        if (top.kind == context::identity || (top.kind == context::element && !top.is_page)) {
            ingest_identity(index_, pending_, top.path, issues_);
        } else if (top.kind == context::identity_list && !stack_.empty() && stack_.back().kind == context::element) {
            pending_.reset();  // the element is a page: fields seen before its list are not an identity
        }
        if (stack_.empty() && top.kind == context::page && !saw_list_) shape_issue({});
        return true;
    }

    workspace_index& index_;
    std::vector<issue>& issues_;
    std::vector<frame> stack_;
    pending_identity pending_;
    std::size_t skip_depth_ = 0;
    bool failed_ = false;
    bool saw_list_ = false;
    bool shape_reported_ = false;
};

/// Reads one identity object given as its members into `out`, with type issues at `path` (the same rules).
SEAMID_COLD inline void read_identity(const json_members& object, const issue_path& path, pending_identity& out, std::vector<issue>& issues) {
    out.reset();
    for (std::size_t f = 0; f < 4; ++f) {
        const auto field = static_cast<identity_field>(f);
        const json_member* found = object.find(field_name(field));
        if (found == nullptr) continue;
        out.seen = static_cast<std::uint8_t>(out.seen | (1u << f));
        if (found->value.kind == json_kind::string) {
            out.text[f] = found->value.text;
            out.present = static_cast<std::uint8_t>(out.present | (1u << f));
        } else if (found->value.kind != json_kind::null) {
            issues.push_back(field_type_issue(child_path(path, std::string(field_name(field))), json_kind_name(found->value.kind)));
        }
    }
}

/// The same for one identity object of a DOM (serialised once, then read as its members: one set of rules).
inline void read_identity(const nlohmann::json& object, const issue_path& path, pending_identity& out, std::vector<issue>& issues) {
    read_identity(read_json_members(dump_json(object)), path, out, issues);
}

/// The issues of a request body that is not JSON or not an object (`expected` names what it should be).
SEAMID_COLD [[nodiscard]] inline bool body_refused(const json_members& body, const issue_path& base, std::string_view expected, std::vector<issue>& issues) {
    if (body.error) {
        issue found = *body.error;
        found.path = base;
        issues.push_back(std::move(found));
        return true;
    }
    if (body.root == json_kind::object) return false;
    issues.push_back(json_type_issue(base, expected, body.root));
    return true;
}

}  // namespace detail

inline std::vector<issue> workspace_index::load_json(std::string_view text) {
    std::vector<issue> issues;
    workspace_index staged;
    staged.set_hash_seed(hash_seed());  // staged may become *this
    // Make room up front for about as many identities as the text names ids (capped): the four tables then never
    // rehash while a big snapshot loads. A count that is off only costs growth or a little memory.
    const std::size_t ids = detail::count_id_keys(text, std::size_t{1} << 21);
    if (ids > 1024) staged.reserve(ids);
    detail::list_reader reader(staged, issues);
    (void)reader.run(text);  // reader.usable() says whether the whole text was a list
    reader.finish();
    if (!reader.usable()) {
        // Keep only the reason the document is unusable; the index stays as it was.
        std::erase_if(issues, [](const issue& found) { return found.code != "invalid_json" && found.code != "invalid_workspace"; });
        if (issues.empty())
            issues.push_back({{}, "invalid_workspace", severity::error, std::string(detail::workspace_shape_message), std::nullopt});
        return issues;
    }
    if (size() == 0 && records_.empty()) {
        *this = std::move(staged);
        return issues;
    }
    for (std::size_t slot = 0; slot < staged.slot_count(); ++slot) {
        if (!staged.live(static_cast<slot_type>(slot))) continue;
        identity_values values;
        for (std::size_t f = 0; f < 4; ++f) {
            const auto field = static_cast<identity_field>(f);
            if (staged.has(static_cast<slot_type>(slot), field)) values.set(field, staged.value(static_cast<slot_type>(slot), field));
        }
        put(values);
    }
    return issues;
}

inline std::vector<issue> workspace_index::load(const nlohmann::json& document, const issue_path& base) {
    std::vector<issue> issues;
    detail::pending_identity pending;
    const auto load_list = [&](const nlohmann::json& list, const issue_path& path) {
        for (std::size_t i = 0; i < list.size(); ++i) {
            const auto& item = list[i];
            const auto item_path = child_path(path, i);
            if (!item.is_object()) {
                issues.push_back(type_issue(item_path, "a user identity object", item));
                continue;
            }
            detail::read_identity(item, item_path, pending, issues);
            detail::ingest_identity(*this, pending, item_path, issues);
            detail::cap_issues(issues);  // the cap of load_json: both loads answer the same
        }
    };
    const auto page_list = [](const nlohmann::json& page) -> const nlohmann::json* {
        if (!page.is_object()) return nullptr;
        const auto found = page.find("user_identities");
        return found != page.end() && found->is_array() ? &*found : nullptr;
    };
    if (const auto* list = page_list(document)) {
        load_list(*list, child_path(base, std::string("user_identities")));
    } else if (document.is_array()) {
        for (std::size_t i = 0; i < document.size(); ++i) {
            const auto& item = document[i];
            const auto item_path = child_path(base, i);
            if (const auto* list = page_list(item)) {
                load_list(*list, child_path(item_path, std::string("user_identities")));
            } else if (item.is_object()) {
                detail::read_identity(item, item_path, pending, issues);
                detail::ingest_identity(*this, pending, item_path, issues);
            } else {
                issues.push_back(type_issue(item_path, "a user identity or a page of them", item));
            }
            detail::cap_issues(issues);
        }
    } else {
        issues.push_back({base, "invalid_workspace", severity::error, std::string(detail::workspace_shape_message), std::nullopt});
    }
    return issues;
}

inline std::vector<issue> workspace_index::add(const nlohmann::json& identity, const issue_path& base) {
    return add(read_json_members(dump_json(identity)), base);
}

inline std::vector<issue> workspace_index::add_json(std::string_view identity, const issue_path& base) {
    return add(read_json_members(identity), base);
}

SEAMID_COLD inline std::vector<issue> workspace_index::add(const json_members& identity, const issue_path& base) {
    std::vector<issue> issues;
    if (detail::body_refused(identity, base, "a user identity object", issues)) return issues;
    detail::pending_identity pending;
    detail::read_identity(identity, base, pending, issues);
    if (!issues.empty()) return issues;
    if (!(pending.present & 1u)) {
        issues.push_back({child_path(base, std::string("user_identity_id")), "missing_field", severity::error,
                          "An identity needs its user_identity_id to be indexed (add what Seam returned).", std::nullopt});
        return issues;
    }
    if (contains(pending.text[0])) {
        issues.push_back({child_path(base, std::string("user_identity_id")), "user_identity_id_exists", severity::error,
                          "An identity with this user_identity_id is already indexed; use update to change it.", std::nullopt});
        return issues;
    }
    put(pending.values());
    return issues;
}

inline std::vector<issue> workspace_index::update(const nlohmann::json& changes, const issue_path& base) {
    return update(read_json_members(dump_json(changes)), base);
}

inline std::vector<issue> workspace_index::update_json(std::string_view changes, const issue_path& base) {
    return update(read_json_members(changes), base);
}

SEAMID_COLD inline std::vector<issue> workspace_index::update(const json_members& changes, const issue_path& base) {
    std::vector<issue> issues;
    if (detail::body_refused(changes, base, "an object with user_identity_id", issues)) return issues;
    detail::pending_identity pending;
    detail::read_identity(changes, base, pending, issues);
    if (!issues.empty()) return issues;
    if (!(pending.present & 1u)) {
        issues.push_back({child_path(base, std::string("user_identity_id")), "missing_field", severity::error,
                          "An update names its identity by user_identity_id (a string).", std::nullopt});
        return issues;
    }
    const slot_type slot = slot_of(pending.text[0]);
    if (slot == no_slot) {
        issues.push_back({child_path(base, std::string("user_identity_id")), "unknown_user_identity_id", severity::error,
                          "No identity with this user_identity_id is in the workspace index.", std::nullopt});
        return issues;
    }
    // Merge: fields present in `changes` win (null clears), the others keep their stored value.
    std::array<std::string, 4> merged;
    identity_values values;
    for (std::size_t f = 0; f < 4; ++f) {
        const auto field = static_cast<identity_field>(f);
        if (f == 0) {
            merged[f] = std::string(value(slot, field));  // keep the stored spelling of the id
            values.set(field, merged[f]);
        } else if ((pending.seen >> f) & 1u) {
            if ((pending.present >> f) & 1u) values.set(field, pending.text[f]);
        } else if (has(slot, field)) {
            merged[f] = std::string(value(slot, field));
            values.set(field, merged[f]);
        }
    }
    put(values);
    return issues;
}

inline std::vector<issue> workspace_index::remove(std::string_view user_identity_id, const issue_path& base) {
    std::vector<issue> issues;
    if (!erase(user_identity_id))
        issues.push_back({base, "unknown_user_identity_id", severity::error,
                          "No identity with this user_identity_id is in the workspace index.", std::nullopt});
    return issues;
}

}  // namespace seamid
