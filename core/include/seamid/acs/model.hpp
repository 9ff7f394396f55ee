// The ACS-link model: ACS systems, ACS users and user identities as loaded from the JSON of /acs/systems/list,
// /acs/users/list and /user_identities/list, kept current by incremental puts and deletes. Every id is held as
// 128 bits; a link is acs_user.user_identity_id (the field /acs/users/list returns). Rules: docs/acs.md, from
// Seam's guide https://docs.seam.co/latest/capability-guides/access-systems/user-management.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "seamid/acs/codes.hpp"
#include "seamid/acs/records.hpp"
#include "seamid/detail/hash_table.hpp"
#include "seamid/detail/issue_cap.hpp"
#include "seamid/detail/prefetch.hpp"

namespace seamid {

/// ACS systems, ACS users and user identities with their links, indexed for preflight checks.
/// Never throws; bad records are reported as issues and left out, so the model is always consistent.
class acs_model {
public:
    static constexpr std::uint32_t none = 0xFFFFFFFFu;

    /// Loads a snapshot given as JSON text, streaming (no whole-document tree): see load().
    [[nodiscard]] std::vector<issue> load_text(std::string_view text);

    /// Loads a snapshot {"acs_systems": …, "acs_users": …, "user_identities": …}; each value is the array of
    /// records or the list endpoint's whole response object ({"acs_users": [...], "pagination": …}). Every key
    /// is optional; call again for more pages. A record whose id is already loaded by this call is a
    /// duplicate_id error (the first one stays); a record with a missing or non-UUID id is left out.
    [[nodiscard]] std::vector<issue> load(const nlohmann::json& snapshot) {
        std::vector<issue> issues;
        begin_load();
        if (!snapshot.is_object()) {
            issues.push_back(type_issue({}, "a snapshot object", snapshot));
            return issues;
        }
        bool any = false;
        for (const acs_section section : {acs_section::acs_systems, acs_section::acs_users, acs_section::user_identities}) {
            const auto found = snapshot.find(acs_section_name(section));
            if (found == snapshot.end()) continue;
            any = true;
            issue_path path{std::string(acs_section_name(section))};
            const nlohmann::json* records = &*found;
            if (records->is_object()) {
                const auto inner = records->find(acs_section_name(section));
                if (inner == records->end()) {
                    issues.push_back(missing_records(path, section));
                    continue;
                }
                path.emplace_back(std::string(acs_section_name(section)));
                records = &*inner;
            }
            if (!records->is_array()) {
                issues.push_back(type_issue(path, "an array of records or the list endpoint's response object", *records));
                continue;
            }
            note_section(section);
            for (std::size_t i = 0; i < records->size(); ++i) {
                put_record(section, (*records)[i], child_path(path, i), true, issues);
                detail::cap_issues(issues);  // the cap of load_text: both loads answer the same
            }
        }
        if (!any) issues.push_back(acs_issue(acs_code::empty_snapshot, {}));
        return issues;
    }

    /// Adds or replaces one ACS system (an acs_system object); issues say why it was refused, if it was.
    [[nodiscard]] std::vector<issue> put_acs_system(const nlohmann::json& record, const issue_path& path = {}) {
        std::vector<issue> issues;
        note_section(acs_section::acs_systems);
        put_record(acs_section::acs_systems, record, path, false, issues);
        return issues;
    }
    /// Adds or replaces one ACS user (an acs_user object, e.g. from /acs/users/create or /acs/users/get).
    [[nodiscard]] std::vector<issue> put_acs_user(const nlohmann::json& record, const issue_path& path = {}) {
        std::vector<issue> issues;
        put_record(acs_section::acs_users, record, path, false, issues);
        return issues;
    }
    /// Adds or replaces one user identity (a user_identity object).
    [[nodiscard]] std::vector<issue> put_user_identity(const nlohmann::json& record, const issue_path& path = {}) {
        std::vector<issue> issues;
        put_record(acs_section::user_identities, record, path, false, issues);
        return issues;
    }

    /// Deletes an ACS user (event acs_user.deleted). False when it is not in the model.
    bool delete_acs_user(std::string_view acs_user_id) {
        const std::uint32_t index = find_acs_user(acs_user_id);
        if (index == none || !acs_users_[index].present) return false;
        erase_acs_user(index);
        return true;
    }
    /// Deletes a user identity and, as Seam's /user_identities/delete does, its ACS users. False when absent.
    bool delete_user_identity(std::string_view user_identity_id) {
        const std::uint32_t index = find_user_identity(user_identity_id);
        if (index == none || !identities_[index].listed) return false;
        while (identities_[index].first_acs_user != none) erase_acs_user(identities_[index].first_acs_user);
        identities_[index] = blank<user_identity_record>(identities_[index].id);
        sync_identity(index);
        --identity_count_;
        return true;
    }
    /// Deletes an ACS system and the ACS users in it. False when absent.
    bool delete_acs_system(std::string_view acs_system_id) {
        const std::uint32_t index = find_acs_system(acs_system_id);
        if (index == none || !acs_system_known(index)) return false;
        for (std::uint32_t i = 0; i < acs_users_.size() && systems_[index].acs_user_count > 0; ++i)
            if (acs_users_[i].present && acs_users_[i].system == index) erase_acs_user(i);
        systems_[index] = blank<acs_system_record>(systems_[index].id);
        return true;
    }

    /// Links (or, with identity == none, unlinks) an ACS user without any check. Preflight first
    /// (acs_preflight.hpp: link_acs_user / unlink_acs_user do both).
    void set_link(std::uint32_t acs_user, std::uint32_t identity) {
        acs_user_record& record = acs_users_[acs_user];
        if (record.identity == identity) return;
        if (record.identity != none) detach_from_identity(acs_user);
        if (identity != none) attach_to_identity(acs_user, identity);
    }

    /// Index of an identity record (listed or only referenced), none when the id is unknown or not a UUID.
    [[nodiscard]] std::uint32_t find_user_identity(std::string_view id) const noexcept { return find_in(identity_index_, id); }
    /// Index of an ACS user record (present or deleted), none when unknown.
    [[nodiscard]] std::uint32_t find_acs_user(std::string_view id) const noexcept { return find_in(acs_user_index_, id); }
    /// Index of an ACS system record (listed or only referenced), none when unknown.
    [[nodiscard]] std::uint32_t find_acs_system(std::string_view id) const noexcept { return find_in(system_index_, id); }
    /// Same three look-ups by parsed id.
    [[nodiscard]] std::uint32_t find_user_identity(const uuid128& id) const noexcept { return identity_index_.find(id); }
    [[nodiscard]] std::uint32_t find_acs_user(const uuid128& id) const noexcept { return acs_user_index_.find(id); }
    [[nodiscard]] std::uint32_t find_acs_system(const uuid128& id) const noexcept { return system_index_.find(id); }

    /// Starts loading what find_user_identity(identity) and find_acs_user(acs_user) read (batched link checks).
    void prefetch_link_ids(const uuid128& identity, const uuid128& acs_user) const noexcept {
        identity_index_.prefetch(identity);
        acs_user_index_.prefetch(acs_user);
    }
    /// Starts loading the packed link entries of an identity and an ACS user (indexes may be none).
    void prefetch_link_entries(std::uint32_t identity, std::uint32_t acs_user) const noexcept {
        if (identity < identity_links_.size()) detail::prefetch_for_read(&identity_links_[identity]);
        if (acs_user < acs_user_links_.size()) detail::prefetch_for_read(&acs_user_links_[acs_user]);
    }

    /// True when the identity at `index` is in the model (listed by /user_identities/list or put).
    [[nodiscard]] bool user_identity_known(std::uint32_t index) const noexcept { return index != none && identity_links_[index].listed != 0; }
    /// True when the ACS user at `index` is in the model.
    [[nodiscard]] bool acs_user_known(std::uint32_t index) const noexcept { return index != none && acs_user_links_[index].present != 0; }
    /// True when the system is in the model: listed, or (when no acs_systems were ever loaded) used by an ACS user.
    [[nodiscard]] bool acs_system_known(std::uint32_t index) const noexcept {
        if (index == none) return false;
        return systems_[index].listed || (!systems_loaded_ && systems_[index].acs_user_count > 0);
    }

    /// Every record slot (test `known` before use: deleted and merely referenced records keep their slot).
    [[nodiscard]] const std::vector<acs_system_record>& acs_systems() const noexcept { return systems_; }
    [[nodiscard]] const std::vector<acs_user_record>& acs_users() const noexcept { return acs_users_; }
    [[nodiscard]] const std::vector<user_identity_record>& user_identities() const noexcept { return identities_; }

    /// The packed link fields of the ACS user / identity at `index` (the preflight's hot data; same values as the records).
    [[nodiscard]] const acs_user_link& acs_user_link_at(std::uint32_t index) const noexcept { return acs_user_links_[index]; }
    [[nodiscard]] const user_identity_link& user_identity_link_at(std::uint32_t index) const noexcept { return identity_links_[index]; }

    /// Calls fn(acs_user_index) for every ACS user linked to the identity at `identity`.
    template <class Fn>
    void for_each_acs_user_of(std::uint32_t identity, Fn&& fn) const {
        for (std::uint32_t i = identity_links_[identity].first_acs_user; i != none; i = acs_user_links_[i].next_of_identity) fn(i);
    }

    /// Calls fn(acs_user_index) for every present ACS user of `system` whose email equals `email` (ignoring case).
    template <class Fn>
    void for_each_email_match(std::uint32_t system, std::string_view email, Fn&& fn) const {
        for (std::uint32_t i = email_index_.find(contact_hash(system, 'e', email)); i != none; i = acs_users_[i].next_same_email)
            if (acs_users_[i].system == system && same_email(*acs_users_[i].email_address, email)) fn(i);
    }
    /// Calls fn(acs_user_index) for every present ACS user of `system` whose phone equals `phone` after trimming.
    template <class Fn>
    void for_each_phone_match(std::uint32_t system, std::string_view phone, Fn&& fn) const {
        for (std::uint32_t i = phone_index_.find(contact_hash(system, 'p', phone)); i != none; i = acs_users_[i].next_same_phone)
            if (acs_users_[i].system == system && same_phone(*acs_users_[i].phone_number, phone)) fn(i);
    }

    /// Counts of the records in the model (not of slots).
    [[nodiscard]] std::size_t acs_system_count() const noexcept {
        std::size_t n = 0;
        for (std::uint32_t i = 0; i < systems_.size(); ++i) n += acs_system_known(i) ? 1 : 0;
        return n;
    }
    [[nodiscard]] std::size_t acs_user_count() const noexcept { return acs_user_count_; }
    [[nodiscard]] std::size_t user_identity_count() const noexcept { return identity_count_; }

    /// Checks every internal invariant (link lists, counts, contact indexes). For tests; O(size).
    [[nodiscard]] bool consistent() const {
        std::vector<std::uint32_t> per_identity(identities_.size(), 0), per_system(systems_.size(), 0);
        if (acs_user_links_.size() != acs_users_.size() || identity_links_.size() != identities_.size()) return false;
        for (std::uint32_t i = 0; i < acs_users_.size(); ++i)
            if (!(acs_user_links_[i] == link_of(acs_users_[i]))) return false;
        for (std::uint32_t i = 0; i < identities_.size(); ++i)
            if (!(identity_links_[i] == link_of(identities_[i]))) return false;
        std::size_t present = 0;
        for (std::uint32_t i = 0; i < acs_users_.size(); ++i) {
            const acs_user_record& u = acs_users_[i];
            if (acs_user_index_.find(u.id) != i) return false;
            if (!u.present) {
                if (u.identity != none) return false;
                continue;
            }
            ++present;
            if (u.system >= systems_.size()) return false;
            ++per_system[u.system];
            if (u.identity != none) {
                if (u.identity >= identities_.size()) return false;
                ++per_identity[u.identity];
                bool found = false;
                for_each_acs_user_of(u.identity, [&](std::uint32_t j) { found = found || j == i; });
                if (!found) return false;
            }
            if (u.email_address) {
                bool found = false;
                for_each_email_match(u.system, *u.email_address, [&](std::uint32_t j) { found = found || j == i; });
                if (!found) return false;
            }
            if (u.phone_number) {
                bool found = false;
                for_each_phone_match(u.system, *u.phone_number, [&](std::uint32_t j) { found = found || j == i; });
                if (!found) return false;
            }
        }
        if (present != acs_user_count_) return false;
        std::size_t listed = 0;
        for (std::uint32_t i = 0; i < identities_.size(); ++i) {
            if (identity_index_.find(identities_[i].id) != i) return false;
            std::uint32_t walked = 0;
            for_each_acs_user_of(i, [&](std::uint32_t j) { walked += acs_users_[j].identity == i ? 1 : 1000000; });
            if (walked != per_identity[i] || identities_[i].acs_user_count != per_identity[i]) return false;
            listed += identities_[i].listed ? 1 : 0;
        }
        if (listed != identity_count_) return false;
        for (std::uint32_t i = 0; i < systems_.size(); ++i)
            if (system_index_.find(systems_[i].id) != i || systems_[i].acs_user_count != per_system[i]) return false;
        return true;
    }

private:
    using id_table = detail::id_table;
    using contact_table = detail::hash_table<std::uint64_t>;  ///< contact_hash -> first ACS user of its chain

    std::vector<acs_system_record> systems_;
    std::vector<acs_user_record> acs_users_;
    std::vector<user_identity_record> identities_;
    std::vector<acs_user_link> acs_user_links_;       ///< acs_users_'s link fields, packed (kept equal by sync_acs_user)
    std::vector<user_identity_link> identity_links_;  ///< identities_'s link fields, packed (kept equal by sync_identity)
    id_table system_index_, acs_user_index_, identity_index_;
    contact_table email_index_, phone_index_;
    std::size_t acs_user_count_ = 0, identity_count_ = 0;
    std::uint32_t generation_ = 1;  ///< the current load (0 = never loaded); puts outside a load use 0
    bool systems_loaded_ = false;

    friend class acs_snapshot_reader;

    /// The missing_field error of a list response object without its records array.
    static issue missing_records(const issue_path& path, acs_section section) {
        const std::string name(acs_section_name(section));
        issue found = acs_issue(acs_code::missing_field, child_path(path, name));
        found.message = name + " is required in the list response object; pass the whole response of the list endpoint.";
        return found;
    }

    /// A record holding only its id (a fresh, deleted or merely referenced slot).
    template <class Record>
    static Record blank(const uuid128& id) {
        Record record;
        record.id = id;
        return record;
    }

    static std::uint32_t find_in(const id_table& table, std::string_view text) noexcept {
        uuid128 id;
        return parse_uuid(text, id) ? table.find(id) : none;
    }

    /// Hash of (system, kind, normalised contact) under the table's seed: email ignoring ASCII case, trimmed phone.
    std::uint64_t contact_hash(std::uint32_t system, char kind, std::string_view value) const noexcept {
        const std::uint64_t seed = (kind == 'p' ? phone_index_ : email_index_).seed() ^ ((std::uint64_t{system} << 8 | static_cast<unsigned char>(kind)) * 0x9E3779B97F4A7C15ull);
        return kind == 'p' ? detail::hash_text<false>(unicode::trim_js_whitespace(value), seed) : detail::hash_text<true>(value, seed);
    }

    void begin_load() {
        ++generation_;
        if (generation_ == 0) generation_ = 1;
    }
    void note_section(acs_section section) {
        if (section == acs_section::acs_systems) systems_loaded_ = true;
    }

    std::uint32_t system_slot(const uuid128& id) {
        std::uint32_t& slot = system_index_.find_or_insert(id);
        if (slot == none) {
            slot = static_cast<std::uint32_t>(systems_.size());
            systems_.push_back(blank<acs_system_record>(id));
        }
        return slot;
    }
    std::uint32_t identity_slot(const uuid128& id) {
        std::uint32_t& slot = identity_index_.find_or_insert(id);
        if (slot == none) {
            slot = static_cast<std::uint32_t>(identities_.size());
            identities_.push_back(blank<user_identity_record>(id));
            identity_links_.emplace_back();
        }
        return slot;
    }
    std::uint32_t acs_user_slot(const uuid128& id) {
        std::uint32_t& slot = acs_user_index_.find_or_insert(id);
        if (slot == none) {
            slot = static_cast<std::uint32_t>(acs_users_.size());
            acs_users_.push_back(blank<acs_user_record>(id));
            acs_user_links_.emplace_back();
        }
        return slot;
    }

    /// The packed link fields of a record.
    static acs_user_link link_of(const acs_user_record& u) noexcept { return {u.system, u.identity, u.next_of_identity, u.present ? 1u : 0u}; }
    static user_identity_link link_of(const user_identity_record& p) noexcept { return {p.first_acs_user, p.listed ? 1u : 0u}; }
    /// Copies a record's link fields into its packed entry; called after every change to them.
    void sync_acs_user(std::uint32_t index) noexcept { acs_user_links_[index] = link_of(acs_users_[index]); }
    void sync_identity(std::uint32_t index) noexcept { identity_links_[index] = link_of(identities_[index]); }

    void attach_to_identity(std::uint32_t acs_user, std::uint32_t identity) {
        acs_users_[acs_user].identity = identity;
        acs_users_[acs_user].next_of_identity = identities_[identity].first_acs_user;
        identities_[identity].first_acs_user = acs_user;
        ++identities_[identity].acs_user_count;
        sync_acs_user(acs_user);
        sync_identity(identity);
    }
    void detach_from_identity(std::uint32_t acs_user) {
        const std::uint32_t identity = acs_users_[acs_user].identity;
        const std::uint32_t next = acs_users_[acs_user].next_of_identity;
        std::uint32_t before = none;
        for (std::uint32_t i = identities_[identity].first_acs_user; i != acs_user; i = acs_users_[i].next_of_identity) before = i;
        if (before == none) {
            identities_[identity].first_acs_user = next;
        } else {
            acs_users_[before].next_of_identity = next;
            sync_acs_user(before);
        }
        acs_users_[acs_user].next_of_identity = none;
        acs_users_[acs_user].identity = none;
        --identities_[identity].acs_user_count;
        sync_acs_user(acs_user);
        sync_identity(identity);
    }
    void index_contacts(std::uint32_t acs_user) {
        acs_user_record& u = acs_users_[acs_user];
        if (u.email_address) {
            std::uint32_t& head = email_index_.find_or_insert(contact_hash(u.system, 'e', *u.email_address));
            acs_users_[acs_user].next_same_email = head;
            head = acs_user;
        }
        if (acs_users_[acs_user].phone_number) {
            std::uint32_t& head = phone_index_.find_or_insert(contact_hash(acs_users_[acs_user].system, 'p', *acs_users_[acs_user].phone_number));
            acs_users_[acs_user].next_same_phone = head;
            head = acs_user;
        }
    }
    void unindex_contacts(std::uint32_t acs_user) {
        acs_user_record& u = acs_users_[acs_user];
        if (u.email_address) unindex_contact(email_index_, contact_hash(u.system, 'e', *u.email_address), acs_user, &acs_user_record::next_same_email);
        if (u.phone_number) unindex_contact(phone_index_, contact_hash(u.system, 'p', *u.phone_number), acs_user, &acs_user_record::next_same_phone);
    }
    /// Takes an ACS user out of its chain in a contact table; a chain left empty loses its key (the table never
    /// holds `none`, which marks a free entry).
    void unindex_contact(contact_table& table, std::uint64_t key, std::uint32_t acs_user, std::uint32_t acs_user_record::*next) {
        std::uint32_t* link = &table.find_or_insert(key);
        const std::uint32_t after = acs_users_[acs_user].*next;
        if (*link == acs_user && after == none) {
            (void)table.erase(key, acs_user);
        } else {
            while (*link != acs_user) link = &(acs_users_[*link].*next);
            *link = after;
        }
        acs_users_[acs_user].*next = none;
    }
    void erase_acs_user(std::uint32_t index) {
        if (acs_users_[index].identity != none) detach_from_identity(index);
        unindex_contacts(index);
        --systems_[acs_users_[index].system].acs_user_count;
        --acs_user_count_;
        acs_user_record& record = acs_users_[index];
        record = blank<acs_user_record>(record.id);
        sync_acs_user(index);
    }

    /// Reads a required (or optional) id field; false (with an issue) when it is missing, mistyped or not a UUID.
    static bool read_id(const detail::acs_record_fields& record, acs_field field, const detail::acs_record_location& where,
                        bool required, std::optional<uuid128>& out, std::vector<issue>& issues) {
        const std::string_view name = acs_field_name(field);
        const detail::acs_key key = field == acs_field::acs_user_id     ? detail::acs_key::acs_user_id
                                    : field == acs_field::acs_system_id ? detail::acs_key::acs_system_id
                                                                        : detail::acs_key::user_identity_id;
        const detail::acs_value_kind kind = record.kind_of(key);
        if (kind == detail::acs_value_kind::absent || (!required && kind == detail::acs_value_kind::null)) {
            if (!required) return true;
            issues.push_back(acs_issue(acs_code::missing_field, where.field(name), acs_message_args{}.with_field(field)));
            return false;
        }
        if (kind != detail::acs_value_kind::string) {
            issues.push_back(detail::acs_type_issue(where.field(name), required ? "a UUID string" : "a UUID string or null", kind));
            return false;
        }
        uuid128 id;
        if (!parse_uuid(record.text_of(key), id)) {
            issues.push_back(acs_issue(acs_code::invalid_uuid, where.field(name), acs_message_args{}.with_field(field)));
            return false;
        }
        out = id;
        return true;
    }

    /// Reads an optional string-or-null field; a wrong type is an error and the field is treated as absent.
    static std::optional<std::string> read_text(const detail::acs_record_fields& record, detail::acs_key key,
                                                const detail::acs_record_location& where, std::vector<issue>& issues) {
        const detail::acs_value_kind kind = record.kind_of(key);
        if (kind == detail::acs_value_kind::absent || kind == detail::acs_value_kind::null) return std::nullopt;
        if (kind != detail::acs_value_kind::string) {
            issues.push_back(detail::acs_type_issue(where.field(detail::acs_key_name(key)), "a string or null", kind));
            return std::nullopt;
        }
        return record.text_of(key);
    }

    void duplicate(acs_field field, const uuid128& id, const detail::acs_record_location& where, std::vector<issue>& issues) const {
        const std::string text = to_string(id);
        issues.push_back(acs_issue(acs_code::duplicate_id, where.field(acs_field_name(field)), acs_message_args{}.with_field(field).with_detail(text)));
    }

    /// Validates and stores one record of `section` given as JSON. `in_load`: part of a snapshot (duplicates are errors).
    void put_record(acs_section section, const nlohmann::json& record, const issue_path& path, bool in_load,
                    std::vector<issue>& issues) {
        if (!record.is_object()) {
            const char* expected = section == acs_section::acs_users ? "an acs_user object"
                                   : section == acs_section::acs_systems ? "an acs_system object" : "a user_identity object";
            issues.push_back(type_issue(path, expected, record));
            return;
        }
        detail::acs_record_fields fields;
        fields.read(record);
        put_fields(section, fields, detail::acs_record_location{&path, 0, false}, in_load, issues);
    }

    /// Validates and stores one record of `section` from its captured fields (the shared path of JSON and streaming loads).
    void put_fields(acs_section section, const detail::acs_record_fields& record, const detail::acs_record_location& where,
                    bool in_load, std::vector<issue>& issues) {
        using detail::acs_key;
        const std::uint32_t generation = in_load ? generation_ : 0;
        if (section == acs_section::acs_systems) {
            std::optional<uuid128> id;
            if (!read_id(record, acs_field::acs_system_id, where, true, id, issues)) return;
            auto name = read_text(record, acs_key::name, where, issues);
            auto external_type = read_text(record, acs_key::external_type, where, issues);
            const std::uint32_t index = system_slot(*id);
            acs_system_record& s = systems_[index];
            if (in_load && s.listed && s.generation == generation) return duplicate(acs_field::acs_system_id, *id, where, issues);
            s.name = name.value_or(std::string());
            s.external_type = external_type.value_or(std::string());
            s.listed = true;
            s.generation = generation;
            return;
        }
        if (section == acs_section::user_identities) {
            std::optional<uuid128> id;
            if (!read_id(record, acs_field::user_identity_id, where, true, id, issues)) return;
            user_identity_record fields = blank<user_identity_record>(*id);
            fields.user_identity_key = read_text(record, acs_key::user_identity_key, where, issues);
            fields.email_address = read_text(record, acs_key::email_address, where, issues);
            fields.phone_number = read_text(record, acs_key::phone_number, where, issues);
            fields.full_name = read_text(record, acs_key::full_name, where, issues);
            fields.display_name = read_text(record, acs_key::display_name, where, issues).value_or(std::string());
            const std::uint32_t index = identity_slot(*id);
            user_identity_record& u = identities_[index];
            if (in_load && u.listed && u.generation == generation) return duplicate(acs_field::user_identity_id, *id, where, issues);
            if (!u.listed) ++identity_count_;
            u.user_identity_key = std::move(fields.user_identity_key);
            u.email_address = std::move(fields.email_address);
            u.phone_number = std::move(fields.phone_number);
            u.full_name = std::move(fields.full_name);
            u.display_name = std::move(fields.display_name);
            u.listed = true;
            u.generation = generation;
            sync_identity(index);
            return;
        }
        std::optional<uuid128> id, system, identity;
        // All three are read (not short-circuited) so every bad id of the record is reported at once.
        const bool user_ok = read_id(record, acs_field::acs_user_id, where, true, id, issues);
        const bool system_ok = read_id(record, acs_field::acs_system_id, where, true, system, issues);
        const bool identity_ok = read_id(record, acs_field::user_identity_id, where, false, identity, issues);
        if (!user_ok || !system_ok || !identity_ok) return;
        auto full_name = read_text(record, acs_key::full_name, where, issues);
        auto email = read_text(record, acs_key::email_address, where, issues);
        if (!email && record.kind_of(acs_key::email_address) == detail::acs_value_kind::absent)
            email = read_text(record, acs_key::email, where, issues);
        auto phone = read_text(record, acs_key::phone_number, where, issues);
        auto display_name = read_text(record, acs_key::display_name, where, issues);
        bool suspended = false;
        if (const detail::acs_value_kind kind = record.kind_of(acs_key::is_suspended);
            kind != detail::acs_value_kind::absent && kind != detail::acs_value_kind::null) {
            if (kind == detail::acs_value_kind::boolean) suspended = record.is_suspended;
            else issues.push_back(detail::acs_type_issue(where.field("is_suspended"), "a boolean", kind));
        }
        const std::uint32_t index = acs_user_slot(*id);
        if (in_load && acs_users_[index].present && acs_users_[index].generation == generation)
            return duplicate(acs_field::acs_user_id, *id, where, issues);
        const std::uint32_t system_index = system_slot(*system);
        const std::uint32_t identity_index = identity ? identity_slot(*identity) : none;
        if (acs_users_[index].present) {
            unindex_contacts(index);
            --systems_[acs_users_[index].system].acs_user_count;
        } else {
            ++acs_user_count_;
        }
        acs_user_record& u = acs_users_[index];
        u.system = system_index;
        u.full_name = std::move(full_name);
        u.email_address = std::move(email);
        u.phone_number = std::move(phone);
        u.display_name = display_name.value_or(std::string());
        u.is_suspended = suspended;
        u.present = true;
        u.generation = generation;
        sync_acs_user(index);
        ++systems_[system_index].acs_user_count;
        index_contacts(index);
        set_link(index, identity_index);
    }
};

}  // namespace seamid

// acs_model::load_text is defined with the snapshot reader it runs.
#include "seamid/acs/snapshot_reader.hpp"
