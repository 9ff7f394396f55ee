// Deletion progress: the state of a plan being executed. It takes API results (success, or failure with
// Seam's error JSON) and Seam events (from /events/list or a webhook) in any order and with duplicates, and
// answers which steps are confirmed, issued, failed, blocked or runnable, when the identity may be deleted, and
// which /events/list query to poll next (docs/deletion.md; events carry only the resource's own id,
// https://docs.seam.co/latest/api/events/list).
#pragma once

#include <algorithm>
#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "seamid/common/cold.hpp"
#include "seamid/deletion/plan.hpp"

namespace seamid {

/// What is known about a step. pending: not called yet (or not known to be); issued: the API accepted the
/// call, the event is awaited; confirmed: the event arrived (or the result confirms, or the resource is
/// already gone); failed: the API refused the call.
enum class step_state : std::uint8_t { pending, issued, confirmed, failed };

/// A step's state as shown to users: pending splits into waiting (dependencies not confirmed), runnable, and
/// blocked (a dependency failed, directly or through another step).
enum class step_status : std::uint8_t { waiting, runnable, issued, confirmed, failed, blocked };

/// "waiting", "runnable", "issued", "confirmed", "failed", "blocked".
[[nodiscard]] constexpr std::string_view status_name(step_status status) noexcept {
    switch (status) {
        case step_status::waiting: return "waiting";
        case step_status::runnable: return "runnable";
        case step_status::issued: return "issued";
        case step_status::confirmed: return "confirmed";
        case step_status::failed: return "failed";
        case step_status::blocked: return "blocked";
    }
    return "waiting";
}

/// How a confirmed step was confirmed.
enum class confirmation : std::uint8_t { none, event, result, not_found };

/// "event", "result", "not_found".
[[nodiscard]] constexpr std::string_view confirmation_name(confirmation how) noexcept {
    switch (how) {
        case confirmation::event: return "event";
        case confirmation::result: return "result";
        case confirmation::not_found: return "not_found";
        case confirmation::none: break;
    }
    return "none";
}

/// Seam's error JSON, {"error": {"type", "message", "request_id"?}}, reduced to what progress reports.
struct api_error {
    std::string type;
    std::string message;
    std::string request_id;
};

/// True for Seam error types saying the resource does not exist ("not_found", "acs_user_not_found", ...):
/// the delete's precondition already holds, so the step counts as confirmed (decision: deletes are idempotent).
[[nodiscard]] constexpr bool is_not_found(std::string_view type) noexcept {
    constexpr std::string_view suffix = "not_found";
    return type.size() >= suffix.size() && type.substr(type.size() - suffix.size()) == suffix;
}

/// What applying one event did. outcome: confirmed | already_confirmed | duplicate | ignored; `reason` says
/// why an event was ignored (unknown_event_type, unknown_resource, event_type_mismatch, other_workspace,
/// missing_resource_id, not_an_object).
struct event_outcome {
    std::string event_id;
    std::string event_type;
    std::string_view outcome;
    std::string_view reason;
    std::uint32_t step = 0xFFFFFFFFu;  ///< the step matched, if any
};

/// What applying one API result did. outcome: issued | confirmed | gone | failed | already_confirmed |
/// already_issued | rejected (the input was unusable; see issues).
struct result_outcome {
    std::string_view outcome;
    std::uint32_t step = 0xFFFFFFFFu;
    std::vector<issue> issues;
};

/// The /events/list request to poll next: event_types still awaited and a `since`.
struct event_query {
    std::vector<std::string_view> event_types;
    std::int64_t since_ms = 0;
    std::size_t awaited = 0;  ///< steps issued and not yet confirmed
};

/// Options of a progress.
struct progress_options {
    /// When the run started (Unix ms): the earliest `since` ever asked. Default: now.
    std::optional<std::int64_t> started_at_ms;
    /// Subtracted from `since` so that clock skew between this machine and Seam cannot hide an event.
    /// Re-reading events is harmless (they are de-duplicated by event_id).
    std::int64_t since_margin_ms = 5 * 60 * 1000;
};

/// A raw event (typed C++ entry point): the resource id is the event's field named by kind_info(kind).id_field.
struct deletion_event {
    std::string_view event_type;
    std::optional<uuid128> resource_id;
    std::optional<uuid128> event_id;
    std::optional<uuid128> workspace_id;
};

/// The state machine over a plan. Not copyable-cheap but movable; single-threaded.
class deletion_progress {
public:
    /// Starts tracking `plan` (which must be ok(); otherwise every query answers "nothing to do").
    explicit deletion_progress(deletion_plan plan, progress_options options = {}) : plan_(std::move(plan)) {
        started_at_ms_ = options.started_at_ms.value_or(
            std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count());
        since_margin_ms_ = options.since_margin_ms;
        const std::size_t n = plan_.steps.size();
        state_.assign(n, step_state::pending);
        how_.assign(n, confirmation::none);
        requested_at_.assign(n, no_time);
        unmet_.resize(n);
        index_.reserve(n);
        dependants_start_.assign(n + 1, 0);
        wave_open_.assign(plan_.wave_count + 1, 0);
        // The identity step (last, since it comes after everything) waits for every other step, not only for
        // the ones it lists (plans list the transitive reduction): it keeps its own count of unconfirmed steps.
        if (n > 0 && plan_.steps[n - 1].kind == resource_kind::user_identity) identity_ = static_cast<std::uint32_t>(n - 1);
        for (std::uint32_t s = 0; s < n; ++s) {
            index_.try_insert(plan_.steps[s].id, s);
            unmet_[s] = s == identity_ ? static_cast<std::uint32_t>(n - 1) : plan_.steps[s].deps_count;
            ++wave_open_[plan_.steps[s].wave];
            if (s != identity_)
                for (const std::uint32_t d : plan_.depends_on(s)) ++dependants_start_[d + 1];
        }
        for (std::size_t s = 1; s <= n; ++s) dependants_start_[s] += dependants_start_[s - 1];
        dependants_.resize(dependants_start_[n]);
        std::vector<std::uint32_t> fill(dependants_start_.begin(), dependants_start_.end() - 1);
        for (std::uint32_t s = 0; s < n; ++s)
            if (s != identity_)
                for (const std::uint32_t d : plan_.depends_on(s)) dependants_[fill[d]++] = s;
    }

    /// The plan being tracked.
    [[nodiscard]] const deletion_plan& plan() const noexcept { return plan_; }
    /// The raw state of step `index`.
    [[nodiscard]] step_state state(std::size_t index) const noexcept { return state_[index]; }
    /// How step `index` was confirmed (none when it is not).
    [[nodiscard]] confirmation confirmed_how(std::size_t index) const noexcept { return how_[index]; }
    /// The error of a failed step (nullptr when it did not fail).
    [[nodiscard]] const api_error* error_of(std::size_t index) const noexcept {
        for (const auto& [step, error] : errors_)
            if (step == index) return &error;
        return nullptr;
    }
    /// The step index of a step id (a resource UUID), or nullopt.
    [[nodiscard]] std::optional<std::uint32_t> find_step(std::string_view step_id) const noexcept {
        uuid128 id;
        if (!parse_uuid(step_id, id)) return std::nullopt;
        const std::uint32_t found = index_.find(id);
        if (found == detail::id_table::none) return std::nullopt;
        return found;
    }

    /// Applies one event. Events for unknown resources or types are ignored and reported, never guessed.
    event_outcome apply_event(const deletion_event& event) { return outcome_of(event, apply_event_verdict(event)); }

    /// What apply_event did, without the event's own texts (event_type, event_id) that an event_outcome copies.
    struct event_verdict {
        std::string_view outcome;
        std::string_view reason;
        std::uint32_t step = 0xFFFFFFFFu;
    };

    /// The event_outcome of `event` that `verdict` answered: the verdict with copies of the event's texts.
    static event_outcome outcome_of(const deletion_event& event, const event_verdict& verdict) {
        event_outcome out;
        out.event_type = std::string(event.event_type);
        if (event.event_id) out.event_id = to_string(*event.event_id);
        out.outcome = verdict.outcome;
        out.reason = verdict.reason;
        out.step = verdict.step;
        return out;
    }

    /// apply_event for callers that already hold the event's texts (the wasm binding's compact path): the same
    /// state change and the same record of ignored events, but no string is built for an applied event.
    event_verdict apply_event_verdict(const deletion_event& event) { return apply_event_verdict(event, kind_from_event_type(event.event_type)); }

    /// The same for a caller that has already matched the event's type: `kind` is kind_from_event_type(event.event_type).
    event_verdict apply_event_verdict(const deletion_event& event, std::optional<resource_kind> kind) {
        event_verdict out;
        if (event.event_id && seen_events_.try_insert(*event.event_id, 0) != detail::id_table::none) {
            out.outcome = "duplicate";
            return out;
        }
        if (!kind) return ignore(event, out, "unknown_event_type");
        if (event.workspace_id && plan_.has_workspace && !(*event.workspace_id == plan_.workspace_id))
            return ignore(event, out, "other_workspace");
        if (!event.resource_id) return ignore(event, out, "missing_resource_id");
        const std::uint32_t step = index_.find(*event.resource_id);
        if (step == detail::id_table::none) return ignore(event, out, "unknown_resource");
        out.step = step;
        if (plan_.steps[step].kind != *kind) return ignore(event, out, "event_type_mismatch");
        if (state_[step] == step_state::confirmed) {
            out.outcome = "already_confirmed";
            return out;
        }
        confirm(step, confirmation::event);
        out.outcome = "confirmed";
        return out;
    }

    /// Applies an API result for step `index`: success (`error` empty) or Seam's error. `requested_at_ms` is
    /// when the request was sent; it bounds the `since` of the next event query.
    result_outcome apply_result(std::uint32_t step, const std::optional<api_error>& error, std::optional<std::int64_t> requested_at_ms = {}) {
        result_outcome out;
        out.step = step;
        if (step >= plan_.steps.size()) {
            out.outcome = "rejected";
            out.issues.push_back({{}, "unknown_step", severity::error, "This step id is not in the plan.", std::nullopt});
            return out;
        }
        if (requested_at_ms && !valid_time(*requested_at_ms)) {
            out.outcome = "rejected";
            out.issues.push_back({{std::string("requested_at")}, "invalid_timestamp", severity::error,
                                  "requested_at must be a time between the years 0000 and 9999 (Unix milliseconds or RFC 3339).", std::nullopt});
            return out;
        }
        if (state_[step] == step_state::confirmed) {
            out.outcome = "already_confirmed";
            return out;
        }
        if (state_[step] == step_state::pending && !dependencies_met(step))
            out.issues.push_back({{}, "issued_out_of_order", severity::warning,
                                  "This call was made before the steps it depends on were confirmed; the plan's order was not followed.",
                                  std::nullopt});
        if (requested_at_ms) requested_at_[step] = *requested_at_ms;
        if (error) {
            if (is_not_found(error->type)) {
                confirm(step, confirmation::not_found);
                out.outcome = "gone";
                return out;
            }
            if (state_[step] == step_state::issued) {
                out.outcome = "already_issued";  // an earlier attempt was accepted; its event is still awaited
                return out;
            }
            state_[step] = step_state::failed;
            set_error(step, *error);
            out.outcome = "failed";
            return out;
        }
        clear_error(step);
        if (kind_info(plan_.steps[step].kind).event_type.empty()) {
            confirm(step, confirmation::result);
            out.outcome = "confirmed";
            return out;
        }
        state_[step] = step_state::issued;
        out.outcome = "issued";
        return out;
    }

    /// Steps that can be called now: pending, every dependency confirmed, and (guide order) every earlier wave confirmed.
    [[nodiscard]] std::vector<std::uint32_t> runnable() const {
        std::vector<std::uint32_t> out;
        const std::uint32_t open = first_open_wave();
        for (std::uint32_t s = 0; s < plan_.steps.size(); ++s)
            if (state_[s] == step_state::pending && unmet_[s] == 0 && (!plan_.wave_barrier() || plan_.steps[s].wave <= open))
                out.push_back(s);
        return out;
    }

    /// True when every step, the identity's deletion included, is confirmed.
    [[nodiscard]] bool done() const noexcept { return !plan_.steps.empty() && confirmed_ == plan_.steps.size(); }

    /// True when /user_identities/delete may be called now: every other step is confirmed.
    [[nodiscard]] bool identity_deletable() const noexcept {
        if (identity_ == no_step) return false;
        return state_[identity_] != step_state::confirmed && unmet_[identity_] == 0;
    }

    /// The /events/list query to poll next, or nullopt when no step awaits an event.
    [[nodiscard]] std::optional<event_query> next_event_query() const {
        std::array<bool, attached_kind_count> wanted{};
        event_query query;
        std::int64_t since = no_time;
        bool any = false;
        for (std::uint32_t s = 0; s < plan_.steps.size(); ++s) {
            const auto kind = plan_.steps[s].kind;
            if (state_[s] == step_state::confirmed || kind == resource_kind::user_identity) continue;
            wanted[static_cast<std::size_t>(kind)] = true;
            any = true;
            if (state_[s] == step_state::issued) {
                ++query.awaited;
                const std::int64_t at = requested_at_[s] == no_time ? started_at_ms_ : requested_at_[s];
                since = std::min(since, at);
            }
        }
        if (!any) return std::nullopt;
        for (std::size_t k = 0; k < attached_kind_count; ++k)
            if (wanted[k]) query.event_types.push_back(kind_info(static_cast<resource_kind>(k)).event_type);
        query.since_ms = (since == no_time ? started_at_ms_ : since) - since_margin_ms_;
        return query;
    }

    /// The displayed status of every step (one pass; blocked propagates along dependencies).
    [[nodiscard]] std::vector<step_status> statuses() const {
        std::vector<step_status> out(plan_.steps.size(), step_status::waiting);
        const std::uint32_t open = first_open_wave();
        bool any_failed_or_blocked = false;  // the identity step is blocked by any of them (it waits for all)
        for (std::uint32_t s = 0; s < plan_.steps.size(); ++s) {
            if (s > 0) any_failed_or_blocked = any_failed_or_blocked || out[s - 1] == step_status::failed || out[s - 1] == step_status::blocked;
            switch (state_[s]) {
                case step_state::confirmed: out[s] = step_status::confirmed; continue;
                case step_state::failed: out[s] = step_status::failed; continue;
                case step_state::issued: out[s] = step_status::issued; continue;
                case step_state::pending: break;
            }
            bool blocked = s == identity_ && any_failed_or_blocked;
            for (const std::uint32_t d : plan_.depends_on(s))  // dependencies come earlier: already computed
                if (out[d] == step_status::failed || out[d] == step_status::blocked) { blocked = true; break; }
            if (blocked) out[s] = step_status::blocked;
            else if (unmet_[s] == 0 && (!plan_.wave_barrier() || plan_.steps[s].wave <= open)) out[s] = step_status::runnable;
        }
        return out;
    }

    /// Events ignored so far (the first 100) and their total.
    [[nodiscard]] const std::vector<event_outcome>& ignored_events() const noexcept { return ignored_; }
    [[nodiscard]] std::size_t ignored_event_count() const noexcept { return ignored_count_; }
    [[nodiscard]] std::size_t confirmed_count() const noexcept { return confirmed_; }
    [[nodiscard]] std::int64_t started_at_ms() const noexcept { return started_at_ms_; }

    /// True when `ms` (Unix milliseconds) is a time RFC 3339 can write: years 0000 to 9999.
    [[nodiscard]] static constexpr bool valid_time(std::int64_t ms) noexcept { return ms >= -62167219200000 && ms <= 253402300799999; }
    /// The Unix milliseconds of a time given as a double (JS: Date.getTime(), Date.now()), or nullopt when it is
    /// NaN, infinite or outside valid_time: what a binding checks before apply_result.
    [[nodiscard]] static std::optional<std::int64_t> time_from_double(double ms) noexcept {
        if (!(ms >= -62167219200000.0 && ms <= 253402300799999.0)) return std::nullopt;  // NaN fails both
        return static_cast<std::int64_t>(ms);
    }

private:
    static constexpr std::int64_t no_time = INT64_MAX;
    static constexpr std::uint32_t no_step = 0xFFFFFFFFu;

    bool dependencies_met(std::uint32_t step) const noexcept {
        return unmet_[step] == 0 && (!plan_.wave_barrier() || plan_.steps[step].wave <= first_open_wave());
    }
    std::uint32_t first_open_wave() const noexcept {
        while (open_wave_ < wave_open_.size() && wave_open_[open_wave_] == 0) ++open_wave_;
        return open_wave_;
    }
    void confirm(std::uint32_t step, confirmation how) {
        state_[step] = step_state::confirmed;
        how_[step] = how;
        clear_error(step);
        ++confirmed_;
        --wave_open_[plan_.steps[step].wave];
        if (identity_ != no_step && step != identity_) --unmet_[identity_];
        for (std::uint32_t k = dependants_start_[step]; k < dependants_start_[step + 1]; ++k) --unmet_[dependants_[k]];
    }
    event_verdict ignore(const deletion_event& event, event_verdict out, std::string_view reason) {
        out.outcome = "ignored";
        out.reason = reason;
        ++ignored_count_;
        if (ignored_.size() < 100) {
            ignored_.push_back(outcome_of(event, out));
        }
        return out;
    }
    void set_error(std::uint32_t step, const api_error& error) {
        for (auto& entry : errors_)
            if (entry.first == step) { entry.second = error; return; }
        errors_.emplace_back(step, error);
    }
    void clear_error(std::uint32_t step) {
        std::erase_if(errors_, [step](const auto& entry) { return entry.first == step; });
    }

    deletion_plan plan_;
    std::vector<step_state> state_;
    std::vector<confirmation> how_;
    std::vector<std::int64_t> requested_at_;
    std::vector<std::uint32_t> unmet_;
    std::vector<std::uint32_t> dependants_start_, dependants_;
    std::vector<std::uint32_t> wave_open_;
    mutable std::uint32_t open_wave_ = 0;
    std::uint32_t identity_ = no_step;  ///< index of the user_identity step, if the plan has one (last)
    detail::id_table index_;
    detail::id_table seen_events_;
    std::vector<std::pair<std::uint32_t, api_error>> errors_;  // failed steps are few
    std::vector<event_outcome> ignored_;
    std::size_t ignored_count_ = 0;
    std::size_t confirmed_ = 0;
    std::int64_t started_at_ms_ = 0;
    std::int64_t since_margin_ms_ = 0;
};

namespace detail {

/// One event as read: its type, ids, and the resource ids it names.
struct raw_event {
    std::optional<resource_kind> kind;  ///< the kind event_type confirms, matched once as it is read
    std::string event_type;              ///< event_type's text when it names no kind (a known type's is kind_info's)
    std::optional<uuid128> event_id, workspace_id;
    std::array<std::optional<uuid128>, attached_kind_count> ids{};
    bool is_object = true;

    /// The event's type as sent ("" when it had none, or not a string).
    [[nodiscard]] std::string_view type_text() const noexcept { return kind ? kind_info(*kind).event_type : std::string_view(event_type); }
};

/// SAX reader of events: one event object, an array of events, or an /events/list response {"events": [...]}.
/// Each event is handed to on_event(raw) as soon as it closes (the root object's at the end, when it is one
/// event), so memory stays O(one event) whatever the number of events.
template <typename OnEvent>
class event_reader final : public json_reader {
public:
    using raw = raw_event;

    explicit event_reader(OnEvent on_event) : on_event_(std::move(on_event)) {}

    bool on_value(json_kind kind, std::string_view text) override {
        const std::size_t level = depth();
        if (level == 0) {
            if (kind == json_kind::array) { root_array_ = true; return true; }
            if (kind != json_kind::object) return type_error(kind);
            root_ = raw{};
            return true;
        }
        // Where events live: root object's fields (level 1), root array elements (level 1), "events" elements (level 2).
        if (!root_array_ && level == 1) {
            if (at(0).key() == "events") {
                if (kind != json_kind::array) return type_error(kind);
                list_form_ = in_list_ = true;
                return true;
            }
            return field(root_, at(0).key(), kind, text);
        }
        const bool element_level = root_array_ ? level == 1 : (level == 2 && in_list_);
        if (element_level) {
            event_ = raw{};
            if (kind != json_kind::object) {
                event_.is_object = false;
                on_event_(event_);  // a scalar or an array: ignored, as it comes
            } else {
                in_event_ = true;
            }
            return true;
        }
        const bool field_level = root_array_ ? level == 2 : (level == 3 && in_list_);
        if (field_level && in_event_) return field(event_, at(level - 1).key(), kind, text);
        return true;
    }
    bool on_end(std::size_t level, bool was_object) override {
        const bool element_level = root_array_ ? level == 1 : (level == 2 && in_list_);
        if (level == 1 && !root_array_) in_list_ = false;  // the "events" array (or another member) closed
        if (element_level && was_object && in_event_) {
            in_event_ = false;
            on_event_(event_);
        } else if (level == 0 && !root_array_ && !list_form_) {
            on_event_(root_);  // the root object is one event
        }
        return true;
    }

    std::vector<issue> issues;

private:
    bool type_error(json_kind kind) {
        issues.push_back(json_type_issue({}, "an event object, an array of events, or an /events/list response {\"events\": [...]}", kind));
        return false;
    }
    static bool field(raw& event, std::string_view key, json_kind kind, std::string_view text) {
        if (kind != json_kind::string) return true;
        if (key == "event_type") {
            // A known type (nearly every event) is kept as its kind: no copy of its text, no second lookup.
            event.kind = kind_from_event_type(text);
            if (!event.kind) event.event_type.assign(text);
            return true;
        }
        // The key's role first: an event's other strings (created_at, occurred_at, ...) are not parsed as ids.
        std::optional<uuid128>* slot = key == "event_id" ? &event.event_id : key == "workspace_id" ? &event.workspace_id : nullptr;
        if (slot == nullptr) {
            const auto kind = kind_from_id_field(key);
            if (!kind) return true;
            slot = &event.ids[static_cast<std::size_t>(*kind)];
        }
        uuid128 id;
        if (parse_uuid(text, id)) *slot = id;  // a malformed id names nothing: no step is matched by it
        return true;
    }
    OnEvent on_event_;
    raw root_, event_;
    bool root_array_ = false;
    bool list_form_ = false;
    bool in_list_ = false;  ///< inside the root object's "events" array (its key, compared once)
    bool in_event_ = false;
};

/// Reads a Seam response body for apply_result_json: the kind of the body and of its "error" member, and the
/// error's type, message and request_id strings.
class result_reader final : public json_reader {
public:
    json_kind body = json_kind::null;
    json_kind error = json_kind::null;
    bool has_error = false, has_type = false;
    api_error failure;

    bool on_value(json_kind kind, std::string_view text) override {
        const std::size_t level = depth();
        if (level == 0) body = kind;
        if (body != json_kind::object || level == 0 || at(0).key() != "error") return true;
        if (level == 1) {
            error = kind;
            has_error = true;
            has_type = false;
            failure = {};
        } else if (level == 2 && kind == json_kind::string) {
            const std::string_view key = at(1).key();
            if (key == "type") failure.type.assign(text), has_type = true;
            else if (key == "message") failure.message.assign(text);
            else if (key == "request_id") failure.request_id.assign(text);
        } else if (level == 2 && at(1).key() == "type") {
            has_type = false;  // a type that is not a string: "unknown_error"
            failure.type.clear();
        }
        return true;
    }
    bool on_end(std::size_t, bool) override { return true; }
};

}  // namespace detail

/// The most events one apply_events_json call takes: /events/list answers at most 500 a page, and every event
/// gets an outcome, so a longer list (a hostile one of a million numbers) is refused rather than answered.
inline constexpr std::size_t max_events_per_call = 100000;

/// Applies events given as JSON text (one event, an array, or an /events/list response), calling
/// on_verdict(const deletion_event&, const deletion_progress::event_verdict&) once per event, in order: the event as
/// read (its texts valid during the call only) and what applying it did. An item that is not an object is not
/// applied: its verdict is {"ignored", "not_an_object"}. Text that is not JSON, or not events, or more than
/// max_events_per_call of them, gives issues and applies nothing. Up to 4096 events (a page of /events/list) are read
/// in one pass, then applied; a longer list is checked whole, then applied as it is read again, so memory stays
/// O(4096 events) however many there are. Returns the number of events.
template <typename OnVerdict>
std::size_t apply_event_verdicts_json(deletion_progress& progress, std::string_view json_text, std::vector<issue>& issues, OnVerdict&& on_verdict) {
    constexpr std::size_t buffered = 4096;
    std::vector<detail::raw_event> pending;
    bool overflow = false;
    std::size_t listed = 0;
    const auto collect = [&](detail::raw_event& raw) {
        ++listed;
        if (pending.size() < buffered) pending.push_back(std::move(raw));  // the reader resets its event before the next
        else overflow = true;
    };
    detail::event_reader<decltype(collect)> first_pass(collect);
    if (!first_pass.run(json_text)) {
        if (first_pass.syntax_error()) issues.push_back(first_pass.syntax_issue());
        for (auto& found : first_pass.issues) issues.push_back(std::move(found));
        return 0;
    }
    if (listed > max_events_per_call) {
        issues.push_back({{}, "input_too_large", severity::error,
                          "The list holds " + std::to_string(listed) + " events; seamid applies at most " + std::to_string(max_events_per_call) +
                              " in one call (every event gets an outcome). Pass /events/list pages (at most 500 events) one at a time.",
                          std::nullopt});
        return 0;
    }
    std::size_t count = 0;
    const auto apply = [&](const detail::raw_event& raw) {
        ++count;
        if (!raw.is_object) {
            deletion_progress::event_verdict ignored;
            ignored.outcome = "ignored";
            ignored.reason = "not_an_object";
            on_verdict(deletion_event{}, ignored);
            return;
        }
        deletion_event event{raw.type_text(), std::nullopt, raw.event_id, raw.workspace_id};
        if (raw.kind) event.resource_id = raw.ids[static_cast<std::size_t>(*raw.kind)];
        on_verdict(event, progress.apply_event_verdict(event, raw.kind));
    };
    if (!overflow) {
        for (const auto& raw : pending) apply(raw);
        return count;
    }
    pending = {};
    detail::event_reader<decltype(apply)> second_pass(apply);
    (void)second_pass.run(json_text);  // the text read whole once already: no error can stop it now
    return count;
}

/// The same, calling on_outcome(event_outcome&&) once per event (the outcome apply_event answers).
template <typename OnOutcome>
std::size_t apply_events_json(deletion_progress& progress, std::string_view json_text, std::vector<issue>& issues, OnOutcome&& on_outcome) {
    return apply_event_verdicts_json(progress, json_text, issues, [&](const deletion_event& event, const deletion_progress::event_verdict& verdict) {
        on_outcome(deletion_progress::outcome_of(event, verdict));
    });
}

/// The same, returning one outcome per event.
inline std::vector<event_outcome> apply_events_json(deletion_progress& progress, std::string_view json_text, std::vector<issue>& issues) {
    std::vector<event_outcome> out;
    apply_events_json(progress, json_text, issues, [&out](event_outcome&& outcome) { out.push_back(std::move(outcome)); });
    return out;
}

/// Applies an API result given as JSON: Seam's response body. {"error": {...}} is a failure (type, message,
/// request_id); any other object is a success. `requested_at` (RFC 3339, may be empty) is when the call was sent.
inline result_outcome apply_result_json(deletion_progress& progress, std::string_view step_id, std::string_view response_json,
                                        std::string_view requested_at = {}) {
    result_outcome rejected;
    rejected.outcome = "rejected";
    const auto step = progress.find_step(step_id);
    if (!step) {
        rejected.issues.push_back({{std::string("step_id")}, "unknown_step", severity::error,
                                   "This step id is not in the plan (use a step_id from the plan's steps).", std::nullopt});
        return rejected;
    }
    std::optional<std::int64_t> at;
    if (!requested_at.empty()) {
        std::int64_t ms = 0;
        if (!detail::parse_timestamp(requested_at, ms)) {
            rejected.issues.push_back({{std::string("requested_at")}, "invalid_timestamp", severity::error,
                                       "requested_at must be an RFC 3339 timestamp such as 2024-01-12T10:00:00.000Z.", std::nullopt});
            return rejected;
        }
        at = ms;
    }
    detail::result_reader reader;
    if (!reader.run(response_json)) {
        rejected.issues.push_back(reader.syntax_issue());
        return rejected;
    }
    if (reader.body != json_kind::object) {
        rejected.issues.push_back(json_type_issue({std::string("response")}, "an object (Seam's response body)", reader.body));
        return rejected;
    }
    if (!reader.has_error || reader.error == json_kind::null) return progress.apply_result(*step, std::nullopt, at);
    if (reader.error != json_kind::object) {
        rejected.issues.push_back(json_type_issue({std::string("response"), std::string("error")}, "an object {type, message}", reader.error));
        return rejected;
    }
    api_error failure = std::move(reader.failure);
    if (!reader.has_type) failure.type = "unknown_error";
    return progress.apply_result(*step, failure, at);
}

/// The event query as JSON: {"event_types": [...], "since": "...", "awaited": n}, or null.
[[nodiscard]] inline std::string event_query_to_json(const std::optional<event_query>& query) {
    if (!query) return "null";
    std::string out = "{\"event_types\": [";
    for (std::size_t i = 0; i < query->event_types.size(); ++i) {
        if (i > 0) out += ", ";
        detail::append_json_string(out, query->event_types[i]);
    }
    out += "], \"since\": \"";
    out += detail::format_timestamp(query->since_ms);
    out += "\", \"awaited\": ";
    out += std::to_string(query->awaited);
    out += '}';
    return out;
}

/// One event outcome as JSON.
inline void append_event_outcome(std::string& out, const deletion_progress& progress, const event_outcome& outcome) {
    out += "{\"outcome\": \"";
    out += outcome.outcome;
    out += '"';
    if (!outcome.reason.empty()) {
        out += ", \"reason\": \"";
        out += outcome.reason;
        out += '"';
    }
    if (!outcome.event_id.empty()) {
        out += ", \"event_id\": ";
        detail::append_json_string(out, outcome.event_id);
    }
    out += ", \"event_type\": ";
    detail::append_json_string(out, outcome.event_type);
    if (outcome.step < progress.plan().steps.size()) {
        out += ", \"step_id\": ";
        detail::append_json_uuid(out, progress.plan().steps[outcome.step].id);
    }
    out += '}';
}

/// A result outcome as JSON: {"outcome", "step_id"?, "issues"}.
[[nodiscard]] inline std::string result_outcome_to_json(const deletion_progress& progress, const result_outcome& outcome) {
    std::string out = "{\"outcome\": \"";
    out += outcome.outcome;
    out += '"';
    if (outcome.step < progress.plan().steps.size()) {
        out += ", \"step_id\": ";
        detail::append_json_uuid(out, progress.plan().steps[outcome.step].id);
    }
    out += ", \"issues\": ";
    append_json_issues(out, outcome.issues);
    out += '}';
    return out;
}

/// The whole state as JSON: done, identity_deletable, counts per status, each step's status (with how it was
/// confirmed or the error it failed with), the ignored events, and the next event query.
SEAMID_COLD [[nodiscard]] inline std::string progress_to_json(const deletion_progress& progress) {
    const auto statuses = progress.statuses();
    std::array<std::size_t, 6> counts{};
    for (const auto status : statuses) ++counts[static_cast<std::size_t>(status)];
    std::string out = "{\"done\": ";
    out += progress.done() ? "true" : "false";
    out += ", \"identity_deletable\": ";
    out += progress.identity_deletable() ? "true" : "false";
    out += ", \"counts\": {";
    for (std::size_t i = 0; i < counts.size(); ++i) {
        if (i > 0) out += ", ";
        out += '"';
        out += status_name(static_cast<step_status>(i));
        out += "\": ";
        out += std::to_string(counts[i]);
    }
    out += "}, \"steps\": [";
    for (std::size_t s = 0; s < statuses.size(); ++s) {
        out += s == 0 ? "\n  {\"step_id\": " : ",\n  {\"step_id\": ";
        detail::append_json_uuid(out, progress.plan().steps[s].id);
        out += ", \"state\": \"";
        out += status_name(statuses[s]);
        out += '"';
        if (statuses[s] == step_status::confirmed) {
            out += ", \"confirmed_by\": \"";
            out += confirmation_name(progress.confirmed_how(s));
            out += '"';
        }
        if (const auto* error = progress.error_of(s)) {
            out += ", \"error\": {\"type\": ";
            detail::append_json_string(out, error->type);
            out += ", \"message\": ";
            detail::append_json_string(out, error->message);
            if (!error->request_id.empty()) {
                out += ", \"request_id\": ";
                detail::append_json_string(out, error->request_id);
            }
            out += '}';
        }
        out += '}';
    }
    out += statuses.empty() ? "]" : "\n]";
    out += ", \"ignored_event_count\": ";
    out += std::to_string(progress.ignored_event_count());
    out += ", \"ignored_events\": [";
    for (std::size_t i = 0; i < progress.ignored_events().size(); ++i) {
        if (i > 0) out += ", ";
        append_event_outcome(out, progress, progress.ignored_events()[i]);
    }
    out += "], \"next_event_query\": ";
    out += event_query_to_json(progress.next_event_query());
    out += "}";
    return out;
}

/// Every outcome apply_result gives (result_outcome::outcome), in a fixed order that bindings may answer with.
inline constexpr std::string_view result_outcome_names[] = {"issued", "confirmed", "gone", "failed", "already_confirmed", "already_issued", "rejected"};

/// Every outcome apply_event gives (event_outcome::outcome), in a fixed order that bindings may answer with.
inline constexpr std::string_view event_outcome_names[] = {"confirmed", "already_confirmed", "duplicate", "ignored"};

/// Every reason an ignored event has (event_outcome::reason; "" for none), in a fixed order that bindings may answer with.
inline constexpr std::string_view ignore_reason_names[] = {"", "unknown_event_type", "unknown_resource", "event_type_mismatch",
                                                           "other_workspace", "missing_resource_id", "not_an_object"};

/// The index of `name` in one of the name tables above (its last index for a name it does not hold).
template <std::size_t count>
[[nodiscard]] constexpr std::size_t name_index(const std::string_view (&names)[count], std::string_view name) noexcept {
    for (std::size_t i = 0; i < count; ++i)
        if (names[i] == name) return i;
    return count - 1;
}

}  // namespace seamid
