// Streams a snapshot's JSON text (/acs/systems/list, /acs/users/list, /user_identities/list) into an acs_model.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "seamid/acs/model.hpp"
#include "seamid/detail/issue_cap.hpp"
#include "seamid/json/reader.hpp"

namespace seamid {

/// Streams a snapshot's JSON text into a model: each record's members are captured straight from the json_reader's
/// events (no JSON tree is built), so a 100 MB snapshot loads without a 1 GB document and without an
/// allocation per value. Used by acs_model::load_text.
class acs_snapshot_reader final : public json_reader {
public:
    acs_snapshot_reader(acs_model& model, std::vector<issue>& issues) : model_(model), issues_(issues) {}

    bool on_value(json_kind kind, std::string_view text) override {
        detail::cap_issues(issues_);  // at most max_issues (and the count of the rest), whatever the snapshot
        if (in_object()) key(at(depth() - 1).key());
        switch (kind) {
            case json_kind::null: return capturing_ ? member(detail::acs_value_kind::null) : scalar(kind);
            case json_kind::boolean: return capturing_ ? member(detail::acs_value_kind::boolean, {}, bool_value()) : scalar(kind);
            case json_kind::number: return capturing_ ? member(detail::acs_value_kind::number) : scalar(kind);
            case json_kind::string: return capturing_ ? member(detail::acs_value_kind::string, text) : scalar(kind);
            case json_kind::object: return open(true);
            case json_kind::array: return open(false);
        }
        return true;
    }
    bool on_end(std::size_t, bool) override {
        detail::cap_issues(issues_);
        return close();
    }

    /// After run(): the syntax error, if any, as an invalid_json issue.
    void report_syntax_error() {
        detail::cap_issues(issues_);
        if (syntax_error()) issues_.push_back(syntax_issue("Records before that point were loaded."));
    }

    /// Reads one record object of `section` (the whole text) and puts it into the model outside a load.
    static void read_record(acs_model& model, acs_section section, std::string_view text, std::vector<issue>& issues) {
        /// Captures the members of the root object.
        class record_reader final : public json_reader {
        public:
            detail::acs_record_fields fields;
            json_kind root = json_kind::null;
            bool on_value(json_kind kind, std::string_view value) override {
                if (depth() == 0) root = kind;
                detail::acs_key key;
                if (depth() != 1 || root != json_kind::object || !detail::find_acs_key(at(0).key(), key)) return true;
                switch (kind) {
                    case json_kind::null: fields.set(key, detail::acs_value_kind::null); break;
                    case json_kind::boolean: fields.set(key, detail::acs_value_kind::boolean, {}, bool_value()); break;
                    case json_kind::number: fields.set(key, detail::acs_value_kind::number); break;
                    case json_kind::string: fields.set(key, detail::acs_value_kind::string, value); break;
                    case json_kind::object: fields.set(key, detail::acs_value_kind::object); break;
                    case json_kind::array: fields.set(key, detail::acs_value_kind::array); break;
                }
                return true;
            }
            bool on_end(std::size_t, bool) override { return true; }
        };
        record_reader reader;
        if (!reader.run(text)) {
            issues.push_back(reader.syntax_issue());
            return;
        }
        if (section == acs_section::acs_systems) model.note_section(section);
        const issue_path path;
        if (reader.root != json_kind::object) {
            const char* expected = section == acs_section::acs_users ? "an acs_user object"
                                   : section == acs_section::acs_systems ? "an acs_system object" : "a user_identity object";
            issues.push_back(json_type_issue(path, expected, reader.root));
            return;
        }
        model.put_fields(section, reader.fields, detail::acs_record_location{&path, 0, false}, false, issues);
    }

    /// Issues that can only be known at the end (an empty snapshot).
    void finish(bool parsed) {
        if (parsed && saw_root_object_ && !saw_section_) issues_.push_back(acs_issue(acs_code::empty_snapshot, {}));
    }

private:
    enum class frame_kind : std::uint8_t { top, wrapper, records };
    struct frame {
        frame_kind kind;
        acs_section section;
        std::string key;
        std::size_t next_index = 0;
        issue_path path;
        bool has_records = false;  ///< wrapper: its records array was seen
    };

    acs_model& model_;
    std::vector<issue>& issues_;
    std::vector<frame> outer_;
    detail::acs_record_fields fields_;     ///< the record being read
    detail::acs_record_location where_;    ///< its place (a records frame's path and its index)
    acs_section record_section_ = acs_section::acs_users;
    bool capturing_ = false;               ///< inside a record object
    std::size_t depth_ = 0;                ///< containers open inside the record's members
    detail::acs_key key_ = detail::acs_key::acs_user_id;
    bool key_known_ = false;               ///< the current member of the record is one the model reads
    std::size_t skip_ = 0;
    bool saw_root_object_ = false, saw_section_ = false, saw_root_ = false;

    /// A member's key, before its value.
    void key(std::string_view name) {
        if (skip_ > 0) return;
        if (capturing_) {
            if (depth_ == 0) key_known_ = detail::find_acs_key(name, key_);
        } else if (!outer_.empty()) {
            outer_.back().key.assign(name);
        }
    }

    static bool section_named(std::string_view name, acs_section& out) {
        for (const acs_section s : {acs_section::acs_systems, acs_section::acs_users, acs_section::user_identities})
            if (name == acs_section_name(s)) {
                out = s;
                return true;
            }
        return false;
    }

    /// A value inside the record being read: kept when it is a member the model reads, ignored when nested.
    bool member(detail::acs_value_kind kind, std::string_view text = {}, bool flag = false) {
        if (skip_ == 0 && depth_ == 0 && key_known_) fields_.set(key_, kind, text, flag);
        return true;
    }

    /// Where a new value at the outer level goes; `container`: 1 object, 2 array, 0 scalar. Returns false
    /// when the value must be skipped (after reporting it when it is wrong).
    bool place(int container, json_kind scalar_kind) {
        if (outer_.empty()) {
            if (saw_root_) return false;
            saw_root_ = true;
            if (container == 1) {
                saw_root_object_ = true;
                outer_.push_back({frame_kind::top, acs_section::acs_users, {}, 0, {}});
                return true;
            }
            issues_.push_back(json_type_issue({}, "a snapshot object", container == 2 ? json_kind::array : scalar_kind));
            return false;
        }
        frame& parent = outer_.back();
        if (parent.kind == frame_kind::records) {
            const std::size_t index = parent.next_index++;
            if (container == 1) {
                where_ = {&parent.path, index, true};
                record_section_ = parent.section;
                fields_.clear();
                capturing_ = true;
                depth_ = 0;
                key_known_ = false;
                return true;
            }
            const char* expected = parent.section == acs_section::acs_users ? "an acs_user object"
                                   : parent.section == acs_section::acs_systems ? "an acs_system object" : "a user_identity object";
            issues_.push_back(json_type_issue(child_path(parent.path, index), expected, container == 2 ? json_kind::array : scalar_kind));
            return false;
        }
        acs_section section;
        if (!section_named(parent.key, section)) return false;  // unknown keys (ok, pagination, ...) are ignored
        if (parent.kind == frame_kind::wrapper && section != parent.section) return false;
        issue_path path = parent.path;
        path.emplace_back(parent.key);
        saw_section_ = true;
        parent.has_records = true;
        if (container == 2) {
            model_.note_section(section);
            outer_.push_back({frame_kind::records, section, {}, 0, std::move(path)});
            return true;
        }
        if (container == 1 && parent.kind == frame_kind::top) {
            outer_.push_back({frame_kind::wrapper, section, {}, 0, std::move(path)});
            return true;
        }
        issues_.push_back(json_type_issue(std::move(path), "an array of records or the list endpoint's response object",
                                          container == 1 ? json_kind::object : scalar_kind));
        return false;
    }

    bool scalar(json_kind kind) {
        if (skip_ > 0) return true;
        place(0, kind);
        return true;
    }
    bool open(bool object) {
        if (skip_ > 0) {
            ++skip_;
            return true;
        }
        if (capturing_) {
            member(object ? detail::acs_value_kind::object : detail::acs_value_kind::array);
            ++depth_;
            return true;
        }
        if (!place(object ? 1 : 2, json_kind::null)) skip_ = 1;
        return true;
    }
    bool close() {
        if (skip_ > 0) {
            --skip_;
            return true;
        }
        if (capturing_) {
            if (depth_ > 0) {
                --depth_;
                return true;
            }
            capturing_ = false;
            model_.put_fields(record_section_, fields_, where_, true, issues_);
            return true;
        }
        if (!outer_.empty()) {
            const frame& done = outer_.back();
            if (done.kind == frame_kind::wrapper && !done.has_records) {
                issues_.push_back(acs_model::missing_records(done.path, done.section));
            }
            outer_.pop_back();
        }
        return true;
    }
};

/// Reads one record of `section` from JSON text into the model, with the same checks as a record put from a
/// parsed object (outside a load: a repeated id replaces the record). Malformed text is one invalid_json error.
[[nodiscard]] inline std::vector<issue> put_acs_record_json(acs_model& model, acs_section section, std::string_view text) {
    std::vector<issue> issues;
    acs_snapshot_reader::read_record(model, section, text, issues);
    return issues;
}

inline std::vector<issue> acs_model::load_text(std::string_view text) {
    std::vector<issue> issues;
    begin_load();
    acs_snapshot_reader reader(*this, issues);
    const bool parsed = reader.run(text);
    reader.report_syntax_error();
    reader.finish(parsed);
    return issues;
}

}  // namespace seamid
