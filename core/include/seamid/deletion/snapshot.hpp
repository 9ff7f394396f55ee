// Deletion snapshots: what Seam's list endpoints returned for one user identity, read from JSON and checked
// for consistency before any plan is made (docs/deletion.md: "a snapshot that does not add up is an error,
// not a guess"; the lists are those Seam's guide names,
// https://docs.seam.co/latest/capability-guides/mobile-access-in-development/managing-mobile-app-user-accounts-with-user-identities).
// Field names are Seam's (@seamapi/types 1.721.0: client_session, acs_user, acs_credential,
// enrollment_automation, phone, user_identity).
#pragma once

#include <array>
#include <iterator>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "seamid/detail/deletion_detail.hpp"
#include "seamid/common/issue.hpp"

namespace seamid {

/// The kinds of resource a deletion plan removes; user_identity is always the last step.
enum class resource_kind : std::uint8_t { client_session, acs_credential, acs_user, enrollment_automation, phone, user_identity };

/// Number of attached-resource kinds (everything but user_identity).
inline constexpr std::size_t attached_kind_count = 5;

/// Everything seamid knows about one resource kind: its snapshot list, id field, API calls and event
/// (docs/deletion.md: the guide's steps 1-5 and its event table).
struct resource_info {
    std::string_view name;           ///< "acs_credential"
    std::string_view collection;     ///< snapshot key, "acs_credentials"
    std::string_view id_field;       ///< "acs_credential_id" (also the delete param and the event's id field)
    std::string_view endpoint;       ///< "/acs/credentials/delete"
    std::string_view action;         ///< "delete" or "deactivate"
    std::string_view event_type;     ///< confirming event, empty when the API result confirms
    std::string_view list_endpoint;  ///< how the snapshot list is fetched
    std::string_view list_param;     ///< its filter parameter
    std::string_view label;          ///< "ACS credential"
};

namespace detail {

/// Every kind's row, in resource_kind order.
inline constexpr resource_info resource_infos[] = {
    {"client_session", "client_sessions", "client_session_id", "/client_sessions/delete", "delete", "client_session.deleted",
     "/client_sessions/list", "user_identity_id", "client session"},
    {"acs_credential", "acs_credentials", "acs_credential_id", "/acs/credentials/delete", "delete", "acs_credential.deleted",
     "/acs/credentials/list", "acs_user_id", "ACS credential"},
    {"acs_user", "acs_users", "acs_user_id", "/acs/users/delete", "delete", "acs_user.deleted", "/acs/users/list", "user_identity_id",
     "ACS user"},
    {"enrollment_automation", "enrollment_automations", "enrollment_automation_id", "/user_identities/enrollment_automations/delete",
     "delete", "enrollment_automation.deleted", "/user_identities/enrollment_automations/list", "user_identity_id", "enrollment automation"},
    {"phone", "phones", "device_id", "/phones/deactivate", "deactivate", "phone.deactivated", "/phones/list", "owner_user_identity_id",
     "phone"},
    {"user_identity", "user_identity", "user_identity_id", "/user_identities/delete", "delete", "", "/user_identities/get",
     "user_identity_id", "user identity"},
};
static_assert(std::size(resource_infos) == static_cast<std::size_t>(resource_kind::user_identity) + 1);

}  // namespace detail

/// The table row of `kind` (a reference into a constant table: nothing is built per call).
[[nodiscard]] constexpr const resource_info& kind_info(resource_kind kind) noexcept {
    const auto index = static_cast<std::size_t>(kind);
    return detail::resource_infos[index < std::size(detail::resource_infos) ? index : std::size(detail::resource_infos) - 1];
}

/// The kind whose `name` (e.g. "acs_user") is given, if any.
[[nodiscard]] constexpr std::optional<resource_kind> kind_from_name(std::string_view name) noexcept {
    for (unsigned k = 0; k <= attached_kind_count; ++k)
        if (kind_info(static_cast<resource_kind>(k)).name == name) return static_cast<resource_kind>(k);
    return std::nullopt;
}

namespace detail {

/// a == b, comparing sizes and first bytes before the bytes: every event's type and id field names are matched
/// against the kinds table, nearly always failing on the size or the first byte, and in wasm a byte comparison of a
/// length known only at run time is a memcmp call.
[[nodiscard]] constexpr bool same_text(std::string_view a, std::string_view b) noexcept {
    return a.size() == b.size() && (a.empty() || (a[0] == b[0] && a == b));
}

}  // namespace detail

/// The kind confirmed by `event_type` (e.g. "acs_user.deleted"), if any.
[[nodiscard]] constexpr std::optional<resource_kind> kind_from_event_type(std::string_view event_type) noexcept {
    for (unsigned k = 0; k < attached_kind_count; ++k)
        if (detail::same_text(event_type, kind_info(static_cast<resource_kind>(k)).event_type)) return static_cast<resource_kind>(k);
    return std::nullopt;
}

/// The attached kind whose id field (also its events' id field) is `field` (e.g. "acs_user_id"), if any.
[[nodiscard]] constexpr std::optional<resource_kind> kind_from_id_field(std::string_view field) noexcept {
    for (unsigned k = 0; k < attached_kind_count; ++k)
        if (detail::same_text(field, kind_info(static_cast<resource_kind>(k)).id_field)) return static_cast<resource_kind>(k);
    return std::nullopt;
}

/// One listed resource, reduced to the ids deletion needs. `has_*` say which optional references were present.
struct snapshot_entry {
    uuid128 id;
    uuid128 workspace_id;
    uuid128 user_identity_id;
    uuid128 acs_user_id;    ///< credentials: the owning ACS user
    uuid128 acs_system_id;  ///< ACS users and credentials
    std::uint32_t source_index = 0; ///< position in its snapshot list (for issue paths)
    bool has_workspace = false;
    bool has_user_identity = false;
    bool has_acs_user = false;
    bool has_acs_system = false;
};

/// A typed snapshot: the identity and one list per attached kind (indexed by resource_kind).
struct deletion_snapshot {
    uuid128 user_identity_id;
    uuid128 workspace_id;
    bool has_identity = false;
    bool has_workspace = false;
    std::array<bool, attached_kind_count> listed{};  ///< which lists the snapshot contained
    std::array<std::vector<snapshot_entry>, attached_kind_count> lists;

    /// The list of `kind` (not user_identity).
    [[nodiscard]] const std::vector<snapshot_entry>& list(resource_kind kind) const noexcept { return lists[static_cast<std::size_t>(kind)]; }
    [[nodiscard]] std::vector<snapshot_entry>& list(resource_kind kind) noexcept { return lists[static_cast<std::size_t>(kind)]; }
    /// Number of attached resources.
    [[nodiscard]] std::size_t resource_count() const noexcept {
        std::size_t total = 0;
        for (const auto& entries : lists) total += entries.size();
        return total;
    }
};

/// Limits on snapshot reading.
struct snapshot_limits {
    /// More attached resources than this is `snapshot_too_large` (bounds memory in a browser). An identity
    /// with more than a few hundred resources is already unusual.
    std::size_t max_resources = 100000;
};

/// A read snapshot and every issue found (structure and consistency).
struct snapshot_read {
    deletion_snapshot snapshot;
    std::vector<issue> issues;
    /// True when no issue is an error (a plan can be made).
    [[nodiscard]] bool ok() const noexcept { return !has_errors(issues); }
};

namespace detail {

/// SAX reader of a snapshot: keeps only the ids it needs, reports wrong types and bad ids with paths.
class snapshot_reader final : public json_reader {
public:
    snapshot_reader(snapshot_read& out, const snapshot_limits& limits) : out_(out), limits_(limits) {}

    bool on_value(json_kind kind, std::string_view text) override {
        const std::size_t level = depth();
        if (level == 0) {
            if (kind != json_kind::object) {
                add_capped(out_.issues, json_type_issue({}, "an object (the deletion snapshot)", kind));
                return false;
            }
            return true;
        }
        if (level == 1) return top_value(kind);
        if (level == 2) return second_value(kind, text);
        if (level == 3 && section_ >= 0 && in_entry_) return entry_field(kind, text);
        return true;
    }

    bool on_end(std::size_t level, bool was_object) override {
        if (level == 2 && was_object && section_ >= 0 && in_entry_) commit_entry();
        if (level == 1) section_ = no_section;
        return true;
    }

private:
    static constexpr int no_section = -1;
    static constexpr int identity_section = 100;

    bool top_value(json_kind kind) {
        const std::string_view key = at(0).key();
        section_ = no_section;
        if (key == "user_identity") {
            if (kind != json_kind::object) {
                add_capped(out_.issues, json_type_issue({std::string("user_identity")}, "an object (from /user_identities/get)", kind));
                return true;
            }
            section_ = identity_section;
            identity_seen_ = true;
            return true;
        }
        for (unsigned k = 0; k < attached_kind_count; ++k) {
            const auto& info = kind_info(static_cast<resource_kind>(k));
            if (key != info.collection) continue;
            if (kind != json_kind::array) {
                add_capped(out_.issues, json_type_issue({std::string(info.collection)}, "an array (what " + std::string(info.list_endpoint) + " returned)", kind));
                return true;
            }
            section_ = static_cast<int>(k);
            out_.snapshot.listed[k] = true;
            return true;
        }
        return true;
    }

    bool second_value(json_kind kind, std::string_view text) {
        if (section_ == identity_section) {
            const std::string_view key = at(1).key();
            if (key == "user_identity_id") {
                read_id(kind, text, [&] { return issue_path{std::string("user_identity"), std::string(key)}; }, out_.snapshot.user_identity_id, out_.snapshot.has_identity, true);
            } else if (key == "workspace_id") {
                read_id(kind, text, [&] { return issue_path{std::string("user_identity"), std::string(key)}; }, out_.snapshot.workspace_id, out_.snapshot.has_workspace, false);
            }
            return true;
        }
        if (section_ < 0) return true;
        const auto& info = kind_info(static_cast<resource_kind>(section_));
        const std::size_t index = element_index(1);
        if (kind != json_kind::object) {
            add_capped(out_.issues, json_type_issue({std::string(info.collection), index}, "an object (a " + std::string(info.label) + ")", kind));
            return true;
        }
        if (++resources_ > limits_.max_resources) {
            add_capped(out_.issues, {{std::string(info.collection), index}, "snapshot_too_large", severity::error,
                                     "The snapshot lists more than " + std::to_string(limits_.max_resources) +
                                         " resources; seamid does not plan deletions this large (raise max_resources if this is intended).",
                                     std::nullopt});
            too_large_ = true;
            return false;
        }
        entry_ = snapshot_entry{};
        entry_.source_index = static_cast<std::uint32_t>(index);
        has_id_ = false;
        in_entry_ = true;
        return true;
    }

    bool entry_field(json_kind kind, std::string_view text) {
        const auto resource = static_cast<resource_kind>(section_);
        const auto& info = kind_info(resource);
        const std::string_view key = at(2).key();
        const std::size_t index = element_index(1);
        auto path = [&] { return issue_path{std::string(info.collection), index, std::string(key)}; };  // built only for an issue
        if (key == info.id_field) {
            read_id(kind, text, path, entry_.id, has_id_, true);
        } else if (key == "workspace_id") {
            read_id(kind, text, path, entry_.workspace_id, entry_.has_workspace, false);
        } else if (key == "user_identity_id" && resource != resource_kind::phone) {
            read_id(kind, text, path, entry_.user_identity_id, entry_.has_user_identity, false);
        } else if (key == "acs_user_id" && resource == resource_kind::acs_credential) {
            read_id(kind, text, path, entry_.acs_user_id, entry_.has_acs_user, false);
        } else if (key == "acs_system_id" && (resource == resource_kind::acs_credential || resource == resource_kind::acs_user)) {
            read_id(kind, text, path, entry_.acs_system_id, entry_.has_acs_system, false);
        }
        return true;
    }

    /// Reads a UUID value; null is "absent" unless `required`. `path()` gives the value's issue path (built
    /// only when there is an issue: a path allocates, and a snapshot has two ids per resource).
    template <class PathOf>
    void read_id(json_kind kind, std::string_view text, const PathOf& path, uuid128& target, bool& present, bool required) {
        present = false;
        if (kind == json_kind::null && !required) return;
        if (kind != json_kind::string) {
            add_capped(out_.issues, json_type_issue(path(), "a UUID string", kind));
            return;
        }
        if (!parse_uuid(text, target)) {
            add_capped(out_.issues, {path(), "invalid_uuid", severity::error,
                                     "Seam ids are UUIDs (8-4-4-4-12 hex digits); this value is not one. Copy the id from the API response.",
                                     std::nullopt});
            return;
        }
        if (has_uppercase(text) && !uppercase_reported_) {
            uppercase_reported_ = true;
            add_capped(out_.issues, {path(), "id_lowercased", severity::info,
                                     "Ids are compared ignoring case and written in lowercase, as Seam returns them.", std::nullopt});
        }
        present = true;
    }

    void commit_entry() {
        in_entry_ = false;
        const auto& info = kind_info(static_cast<resource_kind>(section_));
        if (!has_id_) {
            // A wrong-typed or malformed id was already reported at its own path; only report absence.
            if (!id_reported_for(entry_.source_index))
                add_capped(out_.issues, {{std::string(info.collection), static_cast<std::size_t>(entry_.source_index), std::string(info.id_field)},
                                         "missing_field", severity::error,
                                         "This " + std::string(info.label) + " has no " + std::string(info.id_field) +
                                             "; include the objects exactly as " + std::string(info.list_endpoint) + " returned them.",
                                         std::nullopt});
            return;
        }
        out_.snapshot.lists[static_cast<std::size_t>(section_)].push_back(entry_);
    }

    /// True when an issue was already reported at this entry's id field.
    bool id_reported_for(std::uint32_t index) const {
        const auto& info = kind_info(static_cast<resource_kind>(section_));
        const issue_path path{std::string(info.collection), static_cast<std::size_t>(index), std::string(info.id_field)};
        for (auto it = out_.issues.rbegin(); it != out_.issues.rend() && it - out_.issues.rbegin() < 4; ++it)
            if (it->path == path) return true;
        return false;
    }

public:
    bool identity_seen_ = false;
    bool too_large_ = false;

private:
    snapshot_read& out_;
    snapshot_limits limits_;
    int section_ = no_section;
    bool in_entry_ = false;
    bool has_id_ = false;
    bool uppercase_reported_ = false;
    std::size_t resources_ = 0;
    snapshot_entry entry_{};
};

/// True when an issue's path starts with the top-level key `key`.
inline bool has_issue_under(const std::vector<issue>& issues, std::string_view key) {
    for (const auto& found : issues)
        if (!found.path.empty()) {
            const auto* first = std::get_if<std::string>(&found.path.front());
            if (first != nullptr && *first == key) return true;
        }
    return false;
}

/// The issue path of a field of a listed resource.
inline issue_path entry_path(resource_kind kind, const snapshot_entry& entry, std::string_view field) {
    return {std::string(kind_info(kind).collection), static_cast<std::size_t>(entry.source_index), std::string(field)};
}

}  // namespace detail

/// Checks that a typed snapshot adds up (docs/acs.md, docs/deletion.md): ids unique across the snapshot, every resource in
/// the identity's workspace and linked to the identity, every credential's ACS user listed, at most one ACS
/// user per ACS system. Errors make planning refuse; nothing is guessed.
[[nodiscard]] inline std::vector<issue> check_deletion_snapshot(const deletion_snapshot& snapshot) {
    using detail::add_capped;
    using detail::entry_path;
    std::vector<issue> issues;
    if (!snapshot.has_identity) return issues;  // reported by the reader
    const std::string identity = to_string(snapshot.user_identity_id);

    // Reference workspace: the identity's, else the first one a resource names.
    bool has_workspace = snapshot.has_workspace;
    uuid128 workspace = snapshot.workspace_id;
    issue_path workspace_source{std::string("user_identity"), std::string("workspace_id")};
    for (unsigned k = 0; k < attached_kind_count && !has_workspace; ++k)
        for (const auto& entry : snapshot.lists[k])
            if (entry.has_workspace) {
                has_workspace = true;
                workspace = entry.workspace_id;
                workspace_source = entry_path(static_cast<resource_kind>(k), entry, "workspace_id");
                break;
            }

    // One index over every id: kind in the high bits, position in the low bits.
    detail::id_table ids;
    ids.reserve(snapshot.resource_count() + 1);
    constexpr std::uint32_t identity_slot = 0xF0000000u;  // kind 15: no resource kind (the table keeps values below `erased`)
    static_assert(attached_kind_count < 15);
    ids.try_insert(snapshot.user_identity_id, identity_slot);
    auto describe = [&](std::uint32_t slot) -> std::string {
        if (slot == identity_slot) return "the user identity itself";
        const auto kind = static_cast<resource_kind>(slot >> 28);
        const auto& entry = snapshot.list(kind)[slot & 0x0FFFFFFFu];
        return std::string(kind_info(kind).collection) + "[" + std::to_string(entry.source_index) + "]";
    };

    for (unsigned k = 0; k < attached_kind_count; ++k) {
        const auto kind = static_cast<resource_kind>(k);
        const auto& info = kind_info(kind);
        const auto& entries = snapshot.lists[k];
        for (std::uint32_t i = 0; i < entries.size(); ++i) {
            const auto& entry = entries[i];
            const std::uint32_t previous = ids.try_insert(entry.id, (k << 28) | i);
            if (previous != detail::id_table::none)
                add_capped(issues, {entry_path(kind, entry, info.id_field), "duplicate_id", severity::error,
                                    "This id is also used by " + describe(previous) +
                                        "; a snapshot lists each resource once. Fetch the lists again.",
                                    std::nullopt});
            if (entry.has_workspace && has_workspace && !(entry.workspace_id == workspace))
                add_capped(issues, {entry_path(kind, entry, "workspace_id"), "foreign_workspace", severity::error,
                                    "This " + std::string(info.label) + " belongs to workspace " + to_string(entry.workspace_id) +
                                        ", not " + to_string(workspace) +
                                        "; a snapshot holds one workspace's resources (check the API key used for each list).",
                                    std::nullopt});
            if (entry.has_user_identity && !(entry.user_identity_id == snapshot.user_identity_id))
                add_capped(issues, {entry_path(kind, entry, "user_identity_id"), "other_identity", severity::error,
                                    "This " + std::string(info.label) + " is linked to user identity " +
                                        to_string(entry.user_identity_id) + ", not " + identity +
                                        "; list it with " + std::string(info.list_endpoint) + " {" + std::string(info.list_param) +
                                        "} for this identity only.",
                                    std::nullopt});
        }
    }

    // Credentials: their ACS user must be in the snapshot (and in the same ACS system).
    const auto& users = snapshot.list(resource_kind::acs_user);
    for (const auto& credential : snapshot.list(resource_kind::acs_credential)) {
        if (!credential.has_acs_user) {
            if (!(credential.has_user_identity && credential.user_identity_id == snapshot.user_identity_id))
                add_capped(issues, {entry_path(resource_kind::acs_credential, credential, "acs_user_id"), "credential_owner_missing",
                                    severity::error,
                                    "This ACS credential names no acs_user_id and is not linked to this user identity; "
                                    "list credentials with /acs/credentials/list {acs_user_id} for each of the identity's ACS users.",
                                    std::nullopt});
            continue;
        }
        const std::uint32_t slot = ids.find(credential.acs_user_id);
        if (slot == detail::id_table::none || slot == identity_slot ||
            static_cast<resource_kind>(slot >> 28) != resource_kind::acs_user) {
            std::string message = "This ACS credential's ACS user " + to_string(credential.acs_user_id);
            message += slot == detail::id_table::none ? " is not in acs_users"
                                                        : " is " + describe(slot) + ", not an ACS user";
            message += "; add the ACS user from /acs/users/list {user_identity_id}, or drop credentials that are not this identity's.";
            add_capped(issues, {entry_path(resource_kind::acs_credential, credential, "acs_user_id"), "credential_acs_user_missing",
                                severity::error, std::move(message), std::nullopt});
            continue;
        }
        const auto& user = users[slot & 0x0FFFFFFFu];
        if (credential.has_acs_system && user.has_acs_system && !(credential.acs_system_id == user.acs_system_id))
            add_capped(issues, {entry_path(resource_kind::acs_credential, credential, "acs_system_id"), "acs_system_mismatch",
                                severity::error,
                                "This ACS credential is in ACS system " + to_string(credential.acs_system_id) +
                                    " but its ACS user is in " + to_string(user.acs_system_id) + "; fetch both lists again.",
                                std::nullopt});
    }

    // docs/acs.md: at most one ACS user per ACS system for an identity. Deleting both fixes it: a warning.
    detail::id_table systems;
    systems.reserve(users.size());
    for (std::uint32_t i = 0; i < users.size(); ++i) {
        if (!users[i].has_acs_system) continue;
        const std::uint32_t first = systems.try_insert(users[i].acs_system_id, i);
        if (first != detail::id_table::none)
            add_capped(issues, {entry_path(resource_kind::acs_user, users[i], "acs_system_id"), "acs_system_linked_twice",
                                severity::warning,
                                "acs_users[" + std::to_string(users[first].source_index) +
                                    "] is in the same ACS system; an identity links to at most one ACS user per system. "
                                    "Both are deleted.",
                                std::nullopt});
    }
    return issues;
}

/// Reads a snapshot from JSON text ({"user_identity": {...}, "client_sessions": [...], "acs_users": [...],
/// "acs_credentials": [...], "enrollment_automations": [...], "phones": [...]}) and checks it. Never throws.
[[nodiscard]] inline snapshot_read read_deletion_snapshot(std::string_view json_text, const snapshot_limits& limits = {}) {
    snapshot_read out;
    detail::snapshot_reader reader(out, limits);
    const bool complete = reader.run(json_text);
    if (!complete) {
        if (reader.syntax_error()) {
            out.issues.insert(out.issues.begin(), reader.syntax_issue());
            detail::cap_issues(out.issues);
        }
        out.snapshot = deletion_snapshot{};
        if (!has_errors(out.issues)) out.issues.push_back({{}, "invalid_json", severity::error, "Input is not valid JSON.", std::nullopt});
        return out;
    }
    if (!reader.identity_seen_ && !detail::has_issue_under(out.issues, "user_identity"))
        detail::add_capped(out.issues, {{std::string("user_identity")}, "missing_field", severity::error,
                                        "The snapshot needs the user_identity object (from /user_identities/get).", std::nullopt});
    else if (reader.identity_seen_ && !out.snapshot.has_identity && !detail::has_issue_under(out.issues, "user_identity"))
        detail::add_capped(out.issues, {{std::string("user_identity"), std::string("user_identity_id")}, "missing_field", severity::error,
                                        "The user_identity object has no user_identity_id.", std::nullopt});
    for (unsigned k = 0; k < attached_kind_count; ++k) {
        const auto& info = kind_info(static_cast<resource_kind>(k));
        if (!out.snapshot.listed[k] && !detail::has_issue_under(out.issues, info.collection))
            detail::add_capped(out.issues, {{std::string(info.collection)}, "missing_list", severity::error,
                                            "The snapshot has no " + std::string(info.collection) + " list; call " +
                                                std::string(info.list_endpoint) + " {" + std::string(info.list_param) +
                                                "} and include what it returned ([] when empty). A missing list is not read as empty.",
                                            std::nullopt});
    }
    // Consistency is checked on a structurally sound snapshot only (otherwise entries are missing and every
    // reference to them would be reported again).
    if (!has_errors(out.issues))
        for (auto& found : check_deletion_snapshot(out.snapshot)) detail::add_capped(out.issues, std::move(found));
    return out;
}

/// Reads a snapshot held as a parsed document (the C++ API's JSON DOM type, for native callers): serialised
/// once, then read like text. A template, so that this header needs no JSON library.
template <class Json>
    requires requires(const Json& value) { { value.dump(-1, ' ', false, Json::error_handler_t::replace) } -> std::convertible_to<std::string>; }
[[nodiscard]] snapshot_read read_deletion_snapshot(const Json& value, const snapshot_limits& limits = {}) {
    const std::string text = value.dump(-1, ' ', false, Json::error_handler_t::replace);
    return read_deletion_snapshot(std::string_view(text), limits);
}

}  // namespace seamid
