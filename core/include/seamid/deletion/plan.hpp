// Deletion plans: the exact, event-confirmed API calls that delete one user identity, with their hard
// dependencies and parallel waves, written to and read from JSON. Rules: docs/deletion.md, from
// Seam's guide https://docs.seam.co/latest/capability-guides/mobile-access-in-development/managing-mobile-app-user-accounts-with-user-identities.
#pragma once

#include <algorithm>
#include <array>
#include <charconv>
#include <cstddef>
#include <optional>
#include <span>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "seamid/common/cold.hpp"
#include "seamid/deletion/snapshot.hpp"
#include "seamid/common/issue.hpp"
#include "seamid/detail/sort.hpp"
#include "seamid/json/writer.hpp"

namespace seamid {

/// parallel: only the guide's hard orderings (credentials before their ACS user, everything before the
/// identity). guide: the guide's strict sequence, one group after the other.
enum class deletion_order : std::uint8_t { parallel, guide };

/// guide: remove and confirm every attached resource first (Seam's guide). minimal: Seam's API reference,
/// which says /user_identities/delete cascades and names only enrollment automations as a precondition.
enum class deletion_policy : std::uint8_t { guide, minimal };

/// "parallel" / "guide".
[[nodiscard]] constexpr std::string_view order_name(deletion_order order) noexcept {
    return order == deletion_order::guide ? "guide" : "parallel";
}
/// "guide" / "minimal".
[[nodiscard]] constexpr std::string_view policy_name(deletion_policy policy) noexcept {
    return policy == deletion_policy::minimal ? "minimal" : "guide";
}

/// Options of plan_deletion.
struct deletion_options {
    deletion_order order = deletion_order::parallel;
    deletion_policy policy = deletion_policy::guide;
    snapshot_limits limits{};
};

/// One API call of the plan. Its endpoint, params and confirming event follow from `kind` (kind_info).
struct deletion_step {
    resource_kind kind = resource_kind::user_identity;
    uuid128 id;               ///< the resource's id; also the step's id
    std::uint32_t wave = 0;           ///< 0-based; steps of one wave are independent
    std::uint32_t deps_begin = 0;     ///< first dependency in deletion_plan::dependencies
    std::uint32_t deps_count = 0;     ///< number of dependencies (indexes of earlier steps)
};

/// A plan. Steps are sorted by wave; every dependency is an earlier step in an earlier wave.
/// With wave_barrier (guide order) a wave also waits for every step of the previous wave.
struct deletion_plan {
    uuid128 user_identity_id;
    uuid128 workspace_id;
    bool has_workspace = false;
    deletion_options options{};
    std::vector<deletion_step> steps;
    std::vector<std::uint32_t> dependencies;  ///< flat lists, see deletion_step::deps_begin
    std::uint32_t wave_count = 0;
    std::array<std::size_t, attached_kind_count> listed{};            ///< resources per kind in the snapshot
    std::array<std::size_t, attached_kind_count> left_to_cascade{};   ///< minimal policy: not deleted explicitly
    std::vector<std::string> notes;  ///< why the plan looks as it does (order, policy, cascade)
    std::vector<issue> issues;

    /// True when the plan can be executed (no error issue).
    [[nodiscard]] bool ok() const noexcept { return !has_errors(issues); }
    /// True when steps of a wave wait for the whole previous wave (guide order).
    [[nodiscard]] bool wave_barrier() const noexcept { return options.order == deletion_order::guide; }
    /// The dependencies of step `index`.
    [[nodiscard]] std::span<const std::uint32_t> depends_on(std::size_t index) const noexcept {
        return {dependencies.data() + steps[index].deps_begin, steps[index].deps_count};
    }
};

namespace detail {

/// Builds the plan's steps from a consistent snapshot (docs/deletion.md: the guide's steps 1-5, order and policy).
inline void build_steps(deletion_plan& plan, const deletion_snapshot& snapshot) {
    const auto& sessions = snapshot.list(resource_kind::client_session);
    const auto& credentials = snapshot.list(resource_kind::acs_credential);
    const auto& users = snapshot.list(resource_kind::acs_user);
    const auto& automations = snapshot.list(resource_kind::enrollment_automation);
    const auto& phones = snapshot.list(resource_kind::phone);
    const bool minimal = plan.options.policy == deletion_policy::minimal;
    const bool guide_order = plan.options.order == deletion_order::guide;
    plan.steps.reserve(minimal ? automations.size() + 1 : snapshot.resource_count() + 1);
    plan.dependencies.reserve(2 * plan.steps.capacity());

    auto add = [&](resource_kind kind, const uuid128& id, std::uint32_t wave) {
        plan.steps.push_back({kind, id, wave, static_cast<std::uint32_t>(plan.dependencies.size()), 0});
        if (wave + 1 > plan.wave_count) plan.wave_count = wave + 1;
        return static_cast<std::uint32_t>(plan.steps.size() - 1);
    };
    // Adds `count` steps' worth of dependencies: step depends on steps [first, first + count).
    auto depend_on_range = [&](std::uint32_t step, std::uint32_t first, std::uint32_t count) {
        for (std::uint32_t d = 0; d < count; ++d) plan.dependencies.push_back(first + d);
        plan.steps[step].deps_count += count;
    };

    std::uint32_t wave = 0;
    if (minimal) {
        for (const auto& automation : automations) add(resource_kind::enrollment_automation, automation.id, 0);
        if (!automations.empty()) wave = 1;
    } else {
        // Group credentials by owning ACS user, keeping snapshot order within a group (counting sort).
        // Group users.size() holds credentials linked to the identity without an ACS user.
        id_table user_of;
        user_of.reserve(users.size());
        for (std::uint32_t u = 0; u < users.size(); ++u) user_of.try_insert(users[u].id, u);
        const std::size_t loose = users.size();
        std::vector<std::uint32_t> group_start(users.size() + 2, 0), owner(credentials.size());
        for (std::size_t c = 0; c < credentials.size(); ++c) {
            const std::uint32_t u = credentials[c].has_acs_user ? user_of.find(credentials[c].acs_user_id) : id_table::none;
            owner[c] = u == id_table::none ? static_cast<std::uint32_t>(loose) : u;
            ++group_start[owner[c] + 1];
        }
        for (std::size_t g = 1; g < group_start.size(); ++g) group_start[g] += group_start[g - 1];
        std::vector<std::uint32_t> grouped(credentials.size());
        {
            std::vector<std::uint32_t> fill(group_start.begin(), group_start.end() - 1);
            for (std::uint32_t c = 0; c < credentials.size(); ++c) grouped[fill[owner[c]]++] = c;
        }
        auto group_size = [&](std::size_t g) { return group_start[g + 1] - group_start[g]; };
        auto add_group = [&](std::size_t g, std::uint32_t at_wave) {
            const auto first = static_cast<std::uint32_t>(plan.steps.size());
            for (std::uint32_t i = group_start[g]; i < group_start[g + 1]; ++i)
                add(resource_kind::acs_credential, credentials[grouped[i]].id, at_wave);
            return first;
        };

        if (guide_order) {
            // The guide's strict sequence; each non-empty group is one wave.
            for (const auto& session : sessions) add(resource_kind::client_session, session.id, wave);
            if (!sessions.empty()) ++wave;
            if (group_size(loose) > 0) add_group(loose, wave++);
            for (std::size_t u = 0; u < users.size(); ++u) {
                const std::uint32_t first = add_group(u, wave);
                if (group_size(u) > 0) ++wave;
                depend_on_range(add(resource_kind::acs_user, users[u].id, wave++), first, group_size(u));
            }
            for (const auto& automation : automations) add(resource_kind::enrollment_automation, automation.id, wave);
            if (!automations.empty()) ++wave;
            for (const auto& phone : phones) add(resource_kind::phone, phone.id, wave);
            if (!phones.empty()) ++wave;
        } else {
            // Wave 0: everything without a dependency. Wave 1: ACS users that had credentials.
            for (const auto& session : sessions) add(resource_kind::client_session, session.id, 0);
            std::vector<std::uint32_t> first_of(users.size() + 1);
            for (std::size_t g = 0; g <= users.size(); ++g) first_of[g] = add_group(g == 0 ? loose : g - 1, 0);
            for (std::size_t u = 0; u < users.size(); ++u)
                if (group_size(u) == 0) add(resource_kind::acs_user, users[u].id, 0);
            for (const auto& automation : automations) add(resource_kind::enrollment_automation, automation.id, 0);
            for (const auto& phone : phones) add(resource_kind::phone, phone.id, 0);
            bool second_wave = false;
            for (std::size_t u = 0; u < users.size(); ++u)
                if (group_size(u) > 0) {
                    depend_on_range(add(resource_kind::acs_user, users[u].id, 1), first_of[u + 1], group_size(u));
                    second_wave = true;
                }
            wave = plan.steps.empty() ? 0 : second_wave ? 2 : 1;
        }
    }
    // 5. the user identity, after everything else. It lists only the steps nothing else depends on (the
    // transitive reduction): an ACS user's step already waits for its credentials, so "everything confirmed
    // first" holds through it, and the plan stays linear in size. deletion_progress still waits for every step.
    const auto before = static_cast<std::uint32_t>(plan.steps.size());
    std::vector<char> has_dependant(before, 0);
    for (const std::uint32_t d : plan.dependencies) has_dependant[d] = 1;
    const std::uint32_t identity = add(resource_kind::user_identity, plan.user_identity_id, wave);
    for (std::uint32_t s = 0; s < before; ++s)
        if (!has_dependant[s]) depend_on_range(identity, s, 1);
}

/// Appends a count phrase such as "3 ACS users".
inline void append_count(std::string& out, std::size_t count, std::string_view label) {
    out += std::to_string(count);
    out += ' ';
    out += label;
    if (count != 1) out += 's';
}

/// The notes explaining the plan's order and policy.
inline void write_notes(deletion_plan& plan) {
    const bool minimal = plan.options.policy == deletion_policy::minimal;
    if (plan.steps.size() == 1 && !minimal)
        plan.notes.push_back("Nothing is attached to this user identity: the plan is the single call /user_identities/delete.");
    if (minimal) {
        std::string note =
            "Policy minimal: Seam's API reference says /user_identities/delete itself deletes the identity's ACS credentials, "
            "ACS users and client sessions, and names only enrollment automations as a precondition; so only enrollment "
            "automations are deleted (and confirmed) first. Left to that cascade: ";
        const resource_kind left[] = {resource_kind::client_session, resource_kind::acs_user, resource_kind::acs_credential, resource_kind::phone};
        for (std::size_t i = 0; i < 4; ++i) {
            if (i > 0) note += i == 3 ? " and " : ", ";
            append_count(note, plan.left_to_cascade[static_cast<std::size_t>(left[i])], kind_info(left[i]).label);
        }
        note += ". Use policy guide for Seam's guide, which removes and confirms each of them first.";
        plan.notes.push_back(std::move(note));
        if (plan.left_to_cascade[static_cast<std::size_t>(resource_kind::phone)] > 0)
            plan.notes.push_back("The API reference does not say that phones are deactivated by the cascade: with policy guide "
                                 "each phone is deactivated and phone.deactivated confirmed first.");
    } else {
        plan.notes.push_back("Policy guide: every attached resource is removed and its event confirmed before "
                             "/user_identities/delete (Seam's guide \"Managing Mobile App User Accounts with User Identities\").");
    }
    if (plan.options.order == deletion_order::guide)
        plan.notes.push_back("Order guide: the guide's strict sequence (client sessions; each ACS user's credentials, then that "
                             "ACS user; enrollment automations; phones; the identity). Each wave starts when the previous "
                             "wave is confirmed.");
    else
        plan.notes.push_back("Order parallel: only the hard orderings are kept (an ACS user's credentials are confirmed deleted "
                             "before that ACS user is deleted; everything is confirmed before the identity is deleted). "
                             "Steps of one wave can run at the same time.");
}

}  // namespace detail

namespace detail {

/// Plans from a snapshot whose consistency findings are `issues` (no steps when any is an error).
inline deletion_plan plan_checked(const deletion_snapshot& snapshot, const deletion_options& options, std::vector<issue> issues) {
    deletion_plan plan;
    plan.options = options;
    plan.issues = std::move(issues);
    if (!snapshot.has_identity && !has_errors(plan.issues))
        plan.issues.push_back({{std::string("user_identity"), std::string("user_identity_id")}, "missing_field", severity::error,
                               "The snapshot has no user identity id.", std::nullopt});
    if (has_errors(plan.issues)) return plan;
    plan.user_identity_id = snapshot.user_identity_id;
    plan.workspace_id = snapshot.workspace_id;
    plan.has_workspace = snapshot.has_workspace;
    for (std::size_t k = 0; k < attached_kind_count; ++k) {
        plan.listed[k] = snapshot.lists[k].size();
        if (options.policy == deletion_policy::minimal && static_cast<resource_kind>(k) != resource_kind::enrollment_automation)
            plan.left_to_cascade[k] = snapshot.lists[k].size();
    }
    build_steps(plan, snapshot);
    write_notes(plan);
    return plan;
}

}  // namespace detail

/// Plans the deletion of a typed snapshot's identity; the snapshot is checked first (check_deletion_snapshot)
/// and any error means a plan with no steps and ok() == false.
[[nodiscard]] inline deletion_plan plan_deletion(const deletion_snapshot& snapshot, const deletion_options& options = {}) {
    return detail::plan_checked(snapshot, options, check_deletion_snapshot(snapshot));
}

/// Reads a snapshot from JSON text (read_deletion_snapshot) and plans its deletion.
[[nodiscard]] inline deletion_plan plan_deletion(std::string_view snapshot_json, const deletion_options& options = {}) {
    auto read = read_deletion_snapshot(snapshot_json, options.limits);
    return detail::plan_checked(read.snapshot, options, std::move(read.issues));
}

/// The plan format's identifier, written as "format" in plan JSON.
inline constexpr std::string_view deletion_plan_format = "seamid.deletion_plan/1";

/// Writes the plan as JSON: one step per line, Seam's endpoint names and params, the confirming event, the
/// dependencies and waves, the notes and issues.
[[nodiscard]] inline std::string deletion_plan_to_json(const deletion_plan& plan) {
    using detail::append_json_string;
    using detail::append_json_uuid;
    std::string out;
    out.reserve(256 + plan.steps.size() * 240 + plan.dependencies.size() * 40);
    out += "{\n  \"format\": \"";
    out += deletion_plan_format;
    out += "\",\n  \"ok\": ";
    out += plan.ok() ? "true" : "false";
    out += ",\n  \"user_identity_id\": ";
    if (plan.ok()) append_json_uuid(out, plan.user_identity_id); else out += "null";
    out += ",\n  \"workspace_id\": ";
    if (plan.ok() && plan.has_workspace) append_json_uuid(out, plan.workspace_id); else out += "null";
    out += ",\n  \"order\": \"";
    out += order_name(plan.options.order);
    out += "\",\n  \"policy\": \"";
    out += policy_name(plan.options.policy);
    out += "\",\n  \"wave_barrier\": ";
    out += plan.wave_barrier() ? "true" : "false";
    out += ",\n  \"notes\": [";
    for (std::size_t i = 0; i < plan.notes.size(); ++i) {
        out += i == 0 ? "\n    " : ",\n    ";
        append_json_string(out, plan.notes[i]);
    }
    out += plan.notes.empty() ? "]" : "\n  ]";
    out += ",\n  \"resources\": {";
    for (std::size_t k = 0; k < attached_kind_count; ++k) {
        out += k == 0 ? "\"" : ", \"";
        out += kind_info(static_cast<resource_kind>(k)).collection;
        out += "\": ";
        out += std::to_string(plan.listed[k]);
    }
    out += "},\n  \"left_to_cascade\": {";
    for (std::size_t k = 0; k < attached_kind_count; ++k) {
        out += k == 0 ? "\"" : ", \"";
        out += kind_info(static_cast<resource_kind>(k)).collection;
        out += "\": ";
        out += std::to_string(plan.left_to_cascade[k]);
    }
    out += "},\n  \"steps\": [";
    for (std::size_t s = 0; s < plan.steps.size(); ++s) {
        const auto& step = plan.steps[s];
        const auto& info = kind_info(step.kind);
        out += s == 0 ? "\n    {\"step_id\": " : ",\n    {\"step_id\": ";
        append_json_uuid(out, step.id);
        out += ", \"resource\": \"";
        out += info.name;
        out += "\", \"action\": \"";
        out += info.action;
        out += "\", \"endpoint\": \"";
        out += info.endpoint;
        out += "\", \"params\": {\"";
        out += info.id_field;
        out += "\": ";
        append_json_uuid(out, step.id);
        if (info.event_type.empty()) {
            out += "}, \"confirm\": {\"by\": \"result\"}";
        } else {
            out += "}, \"confirm\": {\"by\": \"event\", \"event_type\": \"";
            out += info.event_type;
            out += "\", \"id_field\": \"";
            out += info.id_field;
            out += "\"}";
        }
        out += ", \"depends_on\": [";
        const auto deps = plan.depends_on(s);
        for (std::size_t d = 0; d < deps.size(); ++d) {
            if (d > 0) out += ", ";
            append_json_uuid(out, plan.steps[deps[d]].id);
        }
        out += "], \"wave\": ";
        out += std::to_string(step.wave);
        out += '}';
    }
    out += plan.steps.empty() ? "]" : "\n  ]";
    out += ",\n  \"waves\": [";
    for (std::size_t s = 0, wave = 0; s < plan.steps.size(); ++wave) {
        out += wave == 0 ? "\n    [" : ",\n    [";
        for (bool first = true; s < plan.steps.size() && plan.steps[s].wave == wave; ++s, first = false) {
            if (!first) out += ", ";
            append_json_uuid(out, plan.steps[s].id);
        }
        out += ']';
    }
    out += plan.steps.empty() ? "]" : "\n  ]";
    out += ",\n  \"issues\": ";
    append_json_issues(out, plan.issues);
    out += "\n}\n";
    return out;
}

namespace detail {

/// SAX reader of plan JSON (what deletion_plan_to_json wrote, possibly stored and reloaded by a user).
class plan_reader final : public json_reader {
public:
    struct raw_step {
        uuid128 id;
        std::uint32_t wave = 0;
        resource_kind kind = resource_kind::user_identity;
        std::uint32_t deps_begin = 0, deps_count = 0;
        bool has_id = false, has_kind = false, has_wave = false;
        bool bad_id = false, bad_kind = false, bad_wave = false;  ///< already reported
        std::size_t index = 0;
    };

    explicit plan_reader(std::vector<issue>& issues) : issues_(issues) {}

    SEAMID_COLD bool on_value(json_kind kind, std::string_view text) override {
        const std::size_t level = depth();
        if (level == 0) {
            if (kind != json_kind::object) {
                add_capped(issues_, json_type_issue({}, "an object (a deletion plan)", kind));
                return false;
            }
            return true;
        }
        const std::string top(at(0).key());  // copied: issue paths below take it
        if (level == 1) {
            in_steps_ = false;
            if (top == "steps") {
                if (kind != json_kind::array) add_capped(issues_, json_type_issue({top}, "an array of steps", kind));
                else in_steps_ = true, steps_seen = true;
            } else if (top == "order") {
                if (kind == json_kind::string && (text == "guide" || text == "parallel")) order = text == "guide" ? deletion_order::guide : deletion_order::parallel;
                else add_capped(issues_, {{top}, "invalid_option", severity::error, "order must be \"parallel\" or \"guide\".", std::nullopt});
            } else if (top == "policy") {
                if (kind == json_kind::string && (text == "guide" || text == "minimal")) policy = text == "minimal" ? deletion_policy::minimal : deletion_policy::guide;
                else add_capped(issues_, {{top}, "invalid_option", severity::error, "policy must be \"guide\" or \"minimal\".", std::nullopt});
            } else if (top == "user_identity_id") {
                if (kind != json_kind::string || !parse_uuid(text, user_identity_id))
                    add_capped(issues_, {{top}, kind == json_kind::null ? "plan_not_ok" : "invalid_uuid", severity::error,
                                         "The plan has no valid user_identity_id (plan it again from a snapshot).", std::nullopt});
                else has_identity = true;
            } else if (top == "workspace_id") {
                if (kind == json_kind::string && parse_uuid(text, workspace_id)) has_workspace = true;
            } else if (top == "issues") {
                in_issues_ = kind == json_kind::array;
                stored_issues.clear();
            }
            return true;
        }
        if (top == "issues") return stored_issue(level, kind, text);
        if (level == 2 && top == "notes" && kind == json_kind::string) notes.emplace_back(text);
        if (level == 2 && (top == "left_to_cascade" || top == "resources") && kind == json_kind::number && count_value() != not_a_count)
            if (const auto found = collection_kind(at(1).key())) (top == "resources" ? listed : left)[static_cast<std::size_t>(*found)] = count_value();
        if (!in_steps_) return true;
        if (level == 2) {
            const std::size_t index = element_index(1);
            if (kind != json_kind::object) {
                add_capped(issues_, json_type_issue({top, index}, "an object (a plan step)", kind));
                return true;
            }
            current_ = raw_step{};
            current_.index = index;
            current_.deps_begin = static_cast<std::uint32_t>(dependency_ids.size());
            in_step_ = true;
            return true;
        }
        if (!in_step_) return true;
        const std::string key(at(2).key());
        const std::size_t index = element_index(1);
        if (level == 3) {
            if (key == "step_id") {
                if (kind != json_kind::string) add_capped(issues_, json_type_issue({top, index, key}, "a UUID string", kind)), current_.bad_id = true;
                else if (!parse_uuid(text, current_.id)) add_capped(issues_, {{top, index, key}, "invalid_uuid", severity::error, "step_id must be the resource's UUID.", std::nullopt}), current_.bad_id = true;
                else current_.has_id = true;
            } else if (key == "resource") {
                const auto found = kind == json_kind::string ? kind_from_name(text) : std::nullopt;
                if (!found) add_capped(issues_, {{top, index, key}, "unknown_resource", severity::error,
                                                 "resource must be one of client_session, acs_credential, acs_user, enrollment_automation, phone, user_identity.", std::nullopt}),
                             current_.bad_kind = true;
                else current_.kind = *found, current_.has_kind = true;
            } else if (key == "wave") {
                if (kind != json_kind::number || count_value() > 0xFFFFFFF0u)
                    add_capped(issues_, json_type_issue({top, index, key}, "a wave number (a non-negative integer)", kind)), current_.bad_wave = true;
                else current_.wave = static_cast<std::uint32_t>(count_value()), current_.has_wave = true;
            } else if (key == "depends_on" && kind != json_kind::array) {
                add_capped(issues_, json_type_issue({top, index, key}, "an array of step ids", kind));
            }
            return true;
        }
        if (level == 4 && key == "depends_on") {
            uuid128 dep;
            if (kind != json_kind::string || !parse_uuid(text, dep)) {
                add_capped(issues_, {{top, index, key, element_index(3)}, "invalid_uuid", severity::error, "depends_on lists step ids (UUIDs).", std::nullopt});
                return true;
            }
            dependency_ids.push_back(dep);
            ++current_.deps_count;
        }
        return true;
    }

    SEAMID_COLD bool on_end(std::size_t level, bool was_object) override {
        if (level == 2 && was_object && in_step_) {
            in_step_ = false;
            const std::string top = "steps";
            if (!current_.has_id && !current_.bad_id) add_capped(issues_, {{top, current_.index, std::string("step_id")}, "missing_field", severity::error, "Every step needs its step_id.", std::nullopt});
            if (!current_.has_kind && !current_.bad_kind) add_capped(issues_, {{top, current_.index, std::string("resource")}, "missing_field", severity::error, "Every step needs its resource.", std::nullopt});
            if (!current_.has_wave && !current_.bad_wave) add_capped(issues_, {{top, current_.index, std::string("wave")}, "missing_field", severity::error, "Every step needs its wave.", std::nullopt});
            steps.push_back(current_);
        }
        if (level == 1) in_steps_ = false;
        return true;
    }

    std::vector<raw_step> steps;
    std::vector<uuid128> dependency_ids;
    /// The plan's own issues as written ("issues": its warnings when it is ok), at most max_issues + 1.
    std::vector<issue> stored_issues;
    std::vector<std::string> notes;
    std::array<std::size_t, attached_kind_count> listed{}, left{};
    deletion_order order = deletion_order::parallel;
    deletion_policy policy = deletion_policy::guide;
    uuid128 user_identity_id, workspace_id;
    bool has_identity = false, has_workspace = false, steps_seen = false;

private:
    static std::optional<resource_kind> collection_kind(std::string_view collection) {
        for (unsigned k = 0; k < attached_kind_count; ++k)
            if (kind_info(static_cast<resource_kind>(k)).collection == collection) return static_cast<resource_kind>(k);
        return std::nullopt;
    }
    /// A value inside "issues" (at `level`): each element an issue {code, message, path, severity, suggestion?}.
    bool stored_issue(std::size_t level, json_kind kind, std::string_view text) {
        if (!in_issues_) return true;
        if (level == 2) {
            in_issue_ = kind == json_kind::object && stored_issues.size() <= max_issues;
            if (in_issue_) stored_issues.push_back({{}, "invalid_plan", severity::error, "", std::nullopt});
            return true;
        }
        if (!in_issue_) return true;
        issue& found = stored_issues.back();
        const std::string_view key = at(2).key();
        if (level == 3) {
            if (key == "path") found.path.clear();
            if (key == "suggestion") found.suggestion.reset();
            if (kind != json_kind::string) return true;
            if (key == "code") found.code.assign(text);
            else if (key == "message") found.message.assign(text);
            else if (key == "suggestion") found.suggestion = std::string(text);
            else if (key == "severity") found.level = text == "warning" ? severity::warning : text == "info" ? severity::info : severity::error;
            return true;
        }
        if (level == 4 && key == "path" && at(3).is_array) {
            if (kind == json_kind::string) found.path.emplace_back(std::string(text));
            else if (kind == json_kind::number && count_value() != not_a_count && number_text()[0] != '-')
                found.path.emplace_back(static_cast<std::size_t>(count_value()));
        }
        return true;
    }

    std::vector<issue>& issues_;
    raw_step current_{};
    bool in_steps_ = false, in_step_ = false;
    bool in_issues_ = false, in_issue_ = false;
};

}  // namespace detail

namespace detail {

/// Checks and assembles what a plan_reader (or another reader filling its fields) read into `plan`.
SEAMID_COLD inline void assemble_plan(deletion_plan& plan, plan_reader& reader) {
    if (!reader.steps_seen && !has_errors(plan.issues))
        plan.issues.push_back({{std::string("steps")}, "missing_field", severity::error, "A plan needs its steps array.", std::nullopt});
    if (!reader.has_identity && !has_errors(plan.issues))
        plan.issues.push_back({{std::string("user_identity_id")}, "plan_not_ok", severity::error,
                               "This plan has no user identity: it was made from a snapshot with errors. Fix the snapshot and plan again.", std::nullopt});
    if (has_errors(plan.issues)) return;
    plan.options.order = reader.order;
    plan.options.policy = reader.policy;
    plan.user_identity_id = reader.user_identity_id;
    plan.workspace_id = reader.workspace_id;
    plan.has_workspace = reader.has_workspace;

    const auto& raw = reader.steps;
    detail::id_table index;
    index.reserve(raw.size());
    std::size_t identity_steps = 0;
    for (std::uint32_t s = 0; s < raw.size(); ++s) {
        if (index.try_insert(raw[s].id, s) != detail::id_table::none)
            detail::add_capped(plan.issues, {{std::string("steps"), raw[s].index, std::string("step_id")}, "duplicate_id", severity::error,
                                             "Two steps have this step_id; a plan deletes each resource once.", std::nullopt});
        if (raw[s].kind == resource_kind::user_identity) {
            ++identity_steps;
            if (!(raw[s].id == plan.user_identity_id))
                detail::add_capped(plan.issues, {{std::string("steps"), raw[s].index, std::string("step_id")}, "plan_identity_mismatch", severity::error,
                                                 "The user_identity step must delete the plan's user_identity_id.", std::nullopt});
        }
    }
    if (identity_steps != 1)
        detail::add_capped(plan.issues, {{std::string("steps")}, "plan_identity_step", severity::error,
                                         "A plan has exactly one user_identity step (found " + std::to_string(identity_steps) + ").", std::nullopt});
    // Resolve dependencies.
    std::vector<std::uint32_t> deps(reader.dependency_ids.size());
    for (std::uint32_t s = 0; s < raw.size(); ++s)
        for (std::uint32_t d = 0; d < raw[s].deps_count; ++d) {
            const std::uint32_t target = index.find(reader.dependency_ids[raw[s].deps_begin + d]);
            if (target == detail::id_table::none)
                detail::add_capped(plan.issues, {{std::string("steps"), raw[s].index, std::string("depends_on"), static_cast<std::size_t>(d)}, "unknown_dependency",
                                                 severity::error, "This dependency is not a step of the plan.", std::nullopt});
            deps[raw[s].deps_begin + d] = target;
        }
    if (has_errors(plan.issues)) return;
    // Cycles (Kahn's algorithm): steps left with unmet dependencies after the sweep are on or behind a cycle.
    std::vector<std::uint32_t> waiting(raw.size()), dependants_start(raw.size() + 1, 0), order;
    for (std::uint32_t s = 0; s < raw.size(); ++s)
        for (std::uint32_t d = 0; d < raw[s].deps_count; ++d) ++dependants_start[deps[raw[s].deps_begin + d] + 1];
    for (std::size_t s = 1; s < dependants_start.size(); ++s) dependants_start[s] += dependants_start[s - 1];
    std::vector<std::uint32_t> dependants(deps.size()), fill(dependants_start.begin(), dependants_start.end() - 1);
    for (std::uint32_t s = 0; s < raw.size(); ++s) {
        waiting[s] = raw[s].deps_count;
        for (std::uint32_t d = 0; d < raw[s].deps_count; ++d) dependants[fill[deps[raw[s].deps_begin + d]]++] = s;
    }
    order.reserve(raw.size());
    for (std::uint32_t s = 0; s < raw.size(); ++s)
        if (waiting[s] == 0) order.push_back(s);
    for (std::size_t i = 0; i < order.size(); ++i)
        for (std::uint32_t k = dependants_start[order[i]]; k < dependants_start[order[i] + 1]; ++k)
            if (--waiting[dependants[k]] == 0) order.push_back(dependants[k]);
    if (order.size() != raw.size()) {
        for (std::uint32_t s = 0; s < raw.size(); ++s)
            if (waiting[s] != 0)
                detail::add_capped(plan.issues, {{std::string("steps"), raw[s].index, std::string("depends_on")}, "plan_cycle", severity::error,
                                                 "This step's dependencies form a cycle (or wait on one): the plan can never finish. Plan again from a snapshot.",
                                                 std::nullopt});
        return;
    }
    for (std::uint32_t s = 0; s < raw.size(); ++s) {
        for (std::uint32_t d = 0; d < raw[s].deps_count; ++d)
            if (raw[deps[raw[s].deps_begin + d]].wave >= raw[s].wave) {
                detail::add_capped(plan.issues, {{std::string("steps"), raw[s].index, std::string("wave")}, "plan_wave_order", severity::error,
                                                 "A step's wave must come after the waves of the steps it depends on.", std::nullopt});
                break;
            }
        if (raw[s].kind == resource_kind::user_identity) {
            // Every other step must be reached from the identity step through depends_on (directly or not).
            std::vector<char> reached(raw.size(), 0);
            std::vector<std::uint32_t> stack{s};
            std::size_t count = 0;
            reached[s] = 1;
            while (!stack.empty()) {
                const std::uint32_t at = stack.back();
                stack.pop_back();
                for (std::uint32_t d = 0; d < raw[at].deps_count; ++d) {
                    const std::uint32_t next = deps[raw[at].deps_begin + d];
                    if (!reached[next]) reached[next] = 1, ++count, stack.push_back(next);
                }
            }
            if (count + 1 != raw.size())
                detail::add_capped(plan.issues, {{std::string("steps"), raw[s].index, std::string("depends_on")}, "plan_identity_dependencies", severity::error,
                                                 "The user_identity step must depend, directly or through other steps, on every other step "
                                                 "(everything else is confirmed deleted first).",
                                                 std::nullopt});
        }
    }
    if (has_errors(plan.issues)) return;
    // Store steps sorted by wave (stable), remapping dependencies.
    std::vector<std::uint32_t> sorted(raw.size()), position(raw.size());
    std::size_t waves = 0;
    for (const auto& step : raw) waves = std::max<std::size_t>(waves, std::size_t{step.wave} + 1);
    if (waves <= raw.size() + 1) {
        // A counting sort: the waves of a plan are small numbers (at most one per step).
        std::vector<std::uint32_t> next(waves + 1, 0);  // then: where the next step of each wave goes
        for (const auto& step : raw) ++next[step.wave + 1];
        for (std::size_t w = 1; w < next.size(); ++w) next[w] += next[w - 1];
        for (std::uint32_t s = 0; s < raw.size(); ++s) sorted[next[raw[s].wave]++] = s;
    } else {
        // A stored plan with sparse wave numbers.
        using step = std::decay_t<decltype(raw[0])>;
        for (std::uint32_t s = 0; s < raw.size(); ++s) sorted[s] = s;
        detail::sort_indexes(
            sorted, [](const void* steps, std::uint32_t a, std::uint32_t b) { return static_cast<const step*>(steps)[a].wave < static_cast<const step*>(steps)[b].wave; },
            raw.data());
    }
    for (std::uint32_t i = 0; i < sorted.size(); ++i) position[sorted[i]] = i;
    plan.steps.reserve(raw.size());
    plan.dependencies.reserve(deps.size());
    for (const std::uint32_t s : sorted) {
        plan.steps.push_back({raw[s].kind, raw[s].id, raw[s].wave, static_cast<std::uint32_t>(plan.dependencies.size()), raw[s].deps_count});
        for (std::uint32_t d = 0; d < raw[s].deps_count; ++d) plan.dependencies.push_back(position[deps[raw[s].deps_begin + d]]);
        plan.wave_count = raw[s].wave + 1 > plan.wave_count ? raw[s].wave + 1 : plan.wave_count;
    }
    plan.notes = std::move(reader.notes);
    plan.listed = reader.listed;
    plan.left_to_cascade = reader.left;
}

}  // namespace detail

namespace detail {

/// Reads the issues of a refused plan's JSON ({"ok": false, "issues": [{path, code, severity, message}]}).
class refused_plan_reader final : public json_reader {
public:
    bool ok_false = false;      ///< "ok" is false (the last "ok" member wins, as in a parsed object)
    bool has_issues = false;    ///< "issues" is an array
    std::vector<issue> issues;

    SEAMID_COLD bool on_value(json_kind kind, std::string_view text) override {
        const std::size_t level = depth();
        if (level == 0) {
            object_ = kind == json_kind::object;
            return true;
        }
        if (!object_) return true;
        const std::string_view top = at(0).key();
        if (level == 1) {
            if (top == "ok") ok_false = kind == json_kind::boolean && !bool_value();
            if (top == "issues") {
                has_issues = kind == json_kind::array;
                issues.clear();
            }
            return true;
        }
        if (top != "issues" || !has_issues) return true;
        if (level == 2) {
            entry_ = kind == json_kind::object && issues.size() <= max_issues;  // a written list holds at most that many
            if (entry_) issues.push_back({{}, "invalid_plan", severity::error, "", std::nullopt});
            return true;
        }
        if (!entry_) return true;
        issue& found = issues.back();
        const std::string_view key = at(2).key();
        if (level == 3) {
            if (key == "path") found.path.clear();
            if (kind != json_kind::string) return true;
            if (key == "code") found.code.assign(text);
            else if (key == "message") found.message.assign(text);
            else if (key == "severity") found.level = text == "warning" ? severity::warning : text == "info" ? severity::info : severity::error;
            return true;
        }
        if (level == 4 && key == "path" && at(3).is_array) {
            if (kind == json_kind::string) found.path.emplace_back(std::string(text));
            else if (kind == json_kind::number && count_value() != not_a_count && number_text()[0] != '-')
                found.path.emplace_back(static_cast<std::size_t>(count_value()));
        }
        return true;
    }
    bool on_end(std::size_t level, bool) override {
        if (level == 2) entry_ = false;
        return true;
    }

private:
    bool object_ = false;
    bool entry_ = false;
};

}  // namespace detail

/// The issues of a plan that deletion_plan_to_json wrote for a refused plan ({"ok": false, "issues": [...]}),
/// read back (to render it); empty when the text is not such a plan or none of its issues is an error.
SEAMID_COLD [[nodiscard]] inline std::vector<issue> read_refused_plan_issues(std::string_view json_text) {
    detail::refused_plan_reader reader;
    if (!reader.run(json_text) || !reader.ok_false || !reader.has_issues || !has_errors(reader.issues)) return {};
    return std::move(reader.issues);
}

/// Reads plan JSON back (to resume a run from a stored plan). The graph is checked: known resources, unique
/// step ids, one user_identity step last, every other step reached from it, dependencies that exist, no
/// cycles, dependencies in earlier waves.
SEAMID_COLD [[nodiscard]] inline deletion_plan read_deletion_plan(std::string_view json_text) {
    deletion_plan plan;
    detail::plan_reader reader(plan.issues);
    if (!reader.run(json_text)) {
        if (reader.syntax_error()) {
            plan.issues.insert(plan.issues.begin(), reader.syntax_issue());
            detail::cap_issues(plan.issues);
        }
        return plan;
    }
    detail::assemble_plan(plan, reader);
    // A usable plan keeps the issues it was written with (its warnings), so a resumed run still shows them.
    if (plan.ok())
        for (auto& found : reader.stored_issues) plan.issues.push_back(std::move(found));
    return plan;
}


/// The plan in its compact form, the one the wasm binding moves plans in: {"step_ids": "<36 lower-case characters
/// per step>", "kinds": [resource_kind index, run length, ...], "waves": [wave, run length, ...], "depends_count":
/// [number of dependencies, run length, ...], "depends": [index of an earlier step, ...], "plan": <the plan JSON
/// without steps or waves>}. Kinds, waves and dependency counts are runs of equal values over the steps in order
/// (a plan's steps come grouped by wave and kind: 102,000 steps make a handful of runs; at most two numbers per
/// step). A tenth of the plan JSON's size: the rest of each step follows from its kind (kind_info). The numbers
/// come first, so that a reader takes them from the bytes without a JSON parser (JSON.parse would make an array
/// per step); the header last.
[[nodiscard]] inline std::string deletion_plan_to_compact_json(const deletion_plan& plan) {
    deletion_plan header;
    header.user_identity_id = plan.user_identity_id;
    header.workspace_id = plan.workspace_id;
    header.has_workspace = plan.has_workspace;
    header.options = plan.options;
    header.listed = plan.listed;
    header.left_to_cascade = plan.left_to_cascade;
    header.notes = plan.notes;
    header.issues = plan.issues;
    const std::string header_json = deletion_plan_to_json(header);
    const std::size_t count = plan.steps.size();
    std::string out;
    // Room for everything at once (see below), so that the text is never copied to grow.
    out.reserve(header_json.size() + 128 + 36 * count + 66 * count + 11 * plan.dependencies.size());
    out += "{\"step_ids\": \"";
    const std::size_t ids_at = out.size();
    out.resize(ids_at + 36 * count);
    for (std::size_t s = 0; s < count; ++s) write_uuid(out.data() + ids_at + 36 * s, plan.steps[s].id);
    // The numbers are written through a pointer into room reserved at once (appending to the string char by
    // char goes through libc++'s out-of-line append in wasm, several times slower for a plan of thousands of steps).
    const std::size_t numbers_at = out.size();
    out.resize(numbers_at + 128 + 66 * count + 11 * plan.dependencies.size());
    char* at = out.data() + numbers_at;
    const auto text = [&at](std::string_view part) { at = std::copy(part.begin(), part.end(), at); };
    const auto number = [&at](std::size_t value) { at = std::to_chars(at, at + 10, static_cast<std::uint32_t>(value)).ptr; };
    text("\", \"kinds\": [");
    at = write_json_runs(at, count, [&plan](std::size_t s) { return static_cast<std::size_t>(plan.steps[s].kind); });
    text("], \"waves\": [");
    at = write_json_runs(at, count, [&plan](std::size_t s) { return static_cast<std::size_t>(plan.steps[s].wave); });
    text("], \"depends_count\": [");
    at = write_json_runs(at, count, [&plan](std::size_t s) { return plan.depends_on(s).size(); });
    text("], \"depends\": [");
    for (std::size_t s = 0, written = 0; s < count; ++s)
        for (const auto dependency : plan.depends_on(s)) {
            if (written++ > 0) *at++ = ',';
            number(dependency);
        }
    text("], \"plan\": ");
    out.resize(static_cast<std::size_t>(at - out.data()));
    out += header_json;
    out += '}';
    return out;
}

}  // namespace seamid
