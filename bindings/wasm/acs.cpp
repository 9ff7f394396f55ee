// embind adapter of seamid/acs_*.hpp: ACS models live in this module behind integer handles (freed by
// _acsDispose), JSON text goes in and out, and add/remove_acs_user has a packed, allocation-free fast path
// exported as plain C functions (seamid_acs_link_buffer, seamid_acs_check_link, and for many requests at once
// seamid_acs_link_batch / seamid_acs_check_links) that JS calls without embind.
#include <emscripten/bind.h>
#include <emscripten/emscripten.h>
#include <emscripten/val.h>

#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "scratch.hpp"
#include "seamid/acs/audit.hpp"
#include "seamid/acs/lists.hpp"
#include "seamid/acs/model.hpp"
#include "seamid/acs/preflight.hpp"
#include "seamid/acs/snapshot_reader.hpp"
#include "seamid/json/members.hpp"
#include "seamid/json/writer.hpp"

namespace seamid_wasm {
namespace {

std::vector<std::unique_ptr<seamid::acs_model>>& models() {
    static std::vector<std::unique_ptr<seamid::acs_model>> instance;
    return instance;
}

/// The model behind a handle (1-based), or nullptr for a disposed or unknown handle.
seamid::acs_model* model_at(int handle) {
    auto& all = models();
    if (handle < 1 || static_cast<std::size_t>(handle) > all.size()) return nullptr;
    return all[static_cast<std::size_t>(handle - 1)].get();
}

std::string disposed_result() {
    return R"({"ok":false,"issues":[{"path":[],"code":"invalid_handle","severity":"error","message":"This ACS model was disposed; create a new one."}]})";
}

std::string issues_text(const std::vector<seamid::issue>& issues) { return seamid::issues_json_text(issues); }

/// A new, empty model; returns its handle (reusing a freed slot).
int acs_create() {
    auto& all = models();
    for (std::size_t i = 0; i < all.size(); ++i)
        if (!all[i]) {
            all[i] = std::make_unique<seamid::acs_model>();
            return static_cast<int>(i + 1);
        }
    all.push_back(std::make_unique<seamid::acs_model>());
    return static_cast<int>(all.size());
}

/// Frees a model; false when the handle was not live.
bool acs_dispose(int handle) {
    if (model_at(handle) == nullptr) return false;
    models()[static_cast<std::size_t>(handle - 1)].reset();
    return true;
}

/// Loads the `length` bytes of snapshot JSON in the bulk buffer (released after); returns the issues as a JSON array.
std::string acs_load(int handle, unsigned length) {
    const std::vector<char> text = take_bulk_text(length);
    seamid::acs_model* model = model_at(handle);
    if (model == nullptr) return "[]";
    return issues_text(model->load_text(std::string_view(text.data(), text.size())));
}

/// Preflight of `operation` with a JSON request body; returns the result as JSON text.
std::string acs_preflight(int handle, const std::string& operation, const std::string& body, bool strict) {
    seamid::acs_model* model = model_at(handle);
    if (model == nullptr) return disposed_result();
    const seamid::json_members request = seamid::read_json_members(body);
    if (request.error) return "{\"issues\":" + issues_text({*request.error}) + ",\"ok\":false,\"verdict\":\"refused\"}";
    seamid::validation_options options;
    if (strict) options.rules = seamid::profile::strict;
    return seamid::preflight_json_text(*model, operation, request, options);
}

/// Applies add (1) or remove (0) of a link when its preflight allows it; the preflight result plus "applied".
std::string acs_apply_link(int handle, bool add, const std::string& body) {
    seamid::acs_model* model = model_at(handle);
    if (model == nullptr) return disposed_result();
    const seamid::json_members request = seamid::read_json_members(body);  // malformed: not an object, refused below
    const seamid::acs_preflight preflight = seamid::preflight_link_json(*model, add, request);
    bool applied = false;
    if (preflight.verdict == seamid::acs_verdict::allowed) {
        const seamid::acs_link_request link{*request.string_member("user_identity_id"), *request.string_member("acs_user_id")};
        const auto check = add ? seamid::link_acs_user(*model, link) : seamid::unlink_acs_user(*model, link);
        applied = check.verdict == seamid::acs_verdict::allowed;
    }
    std::string out = applied ? "{\"applied\":true,\"issues\":" : "{\"applied\":false,\"issues\":";
    seamid::append_json_issues(out, preflight.issues);
    out += ",\"ok\":";
    seamid::append_json_bool(out, !seamid::has_errors(preflight.issues));
    out += ",\"verdict\":";
    seamid::append_json_string(out, seamid::acs_verdict_name(preflight.verdict));
    return out + "}";
}

/// Puts one record of `section` (0 systems, 1 ACS users, 2 identities) given as JSON; returns issues.
std::string acs_put(int handle, int section, const std::string& record) {
    seamid::acs_model* model = model_at(handle);
    if (model == nullptr) return "[]";
    const seamid::acs_section kind = section == 0 ? seamid::acs_section::acs_systems
                                     : section == 1 ? seamid::acs_section::acs_users : seamid::acs_section::user_identities;
    return issues_text(seamid::put_acs_record_json(*model, kind, record));
}

/// Deletes one record of `section` by id; false when it is not in the model.
bool acs_delete(int handle, int section, const std::string& id) {
    seamid::acs_model* model = model_at(handle);
    if (model == nullptr) return false;
    if (section == 0) return model->delete_acs_system(id);
    if (section == 1) return model->delete_acs_user(id);
    return model->delete_user_identity(id);
}

/// list_acs_systems (systems = true) or list_acs_users of an identity as JSON {ok, issues, acs_systems|acs_users}.
std::string acs_list(int handle, bool systems, const std::string& user_identity_id) {
    seamid::acs_model* model = model_at(handle);
    if (model == nullptr) return disposed_result();
    const seamid::acs_list list = systems ? seamid::list_acs_systems(*model, user_identity_id) : seamid::list_acs_users(*model, user_identity_id);
    std::string out = systems ? "{\"acs_systems\":[" : "{\"acs_users\":[";
    for (std::size_t i = 0; i < list.items.size(); ++i) {
        if (i > 0) out += ',';
        if (systems) seamid::append_acs_system_json(out, *model, list.items[i]);
        else seamid::append_acs_user_json(out, *model, list.items[i]);
    }
    out += "],\"issues\":";
    seamid::append_json_issues(out, list.issues);
    out += ",\"ok\":";
    seamid::append_json_bool(out, list.ok());
    return out + "}";
}

/// The audit of a model as JSON.
std::string acs_audit(int handle) {
    seamid::acs_model* model = model_at(handle);
    if (model == nullptr) return disposed_result();
    return seamid::audit_json_text(seamid::audit_acs_model(*model), *model);
}

/// Record counts and the invariant check as JSON.
std::string acs_stats(int handle) {
    seamid::acs_model* model = model_at(handle);
    if (model == nullptr) return disposed_result();
    std::string counts;
    seamid::append_acs_counts_json(counts, *model);
    // {"acs_systems", "acs_users", "consistent", "user_identities"}: the counts with "consistent" in sorted place.
    const std::size_t at = counts.find(",\"user_identities\"");
    return counts.insert(at, model->consistent() ? ",\"consistent\":true" : ",\"consistent\":false");
}

/// Loads and audits the `length` bytes of snapshot JSON in the bulk buffer in one call (no handle kept).
std::string acs_audit_snapshot(unsigned length) {
    const std::vector<char> text = take_bulk_text(length);
    return seamid::audit_acs_snapshot_text(std::string_view(text.data(), text.size()));
}

/// [name, severity, message template] of every ACS code, indexed by its numeric value (index 0 unused).
emscripten::val acs_catalog() {
    auto catalog = emscripten::val::array();
    catalog.call<void>("push", emscripten::val::null());
    for (unsigned value = 1; value < seamid::acs_code_count; ++value) {
        const auto info = seamid::acs_code_details(static_cast<seamid::acs_code>(value));
        auto entry = emscripten::val::array();
        entry.call<void>("push", emscripten::val(std::string(info.name)));
        entry.call<void>("push", emscripten::val(std::string(seamid::severity_name(info.level))));
        entry.call<void>("push", emscripten::val(std::string(info.message)));
        catalog.call<void>("push", entry);
    }
    return catalog;
}

}  // namespace
}  // namespace seamid_wasm

// The add/remove_acs_user fast path: plain C exports that JS calls as raw wasm functions (Module._seamid_acs_*),
// without embind's invoker, argument conversion and indirect call: at a million checks per second those
// cost as much as the check itself. They take and return plain integers only.

/// The link fast path's buffer at a fixed address: JS writes the two 36-character ids (user_identity_id, then
/// acs_user_id) at bytes 0-71; a check writes the ids its messages name from byte 72 (see write_named_ids).
namespace seamid_wasm {
alignas(16) char link_buffer[72 + 108];

/// The batch buffer: `count` id pairs of 72 bytes (as in link_buffer), then `count` results of 112 bytes each:
/// the packed verdict (int32) and the three named ids (see write_named_ids). Grown on demand, never shrunk.
std::vector<char> link_batch;
std::vector<seamid::acs_link_request> batch_requests;
std::vector<seamid::acs_link_check> batch_checks;

/// The verdict as one integer: verdict | count << 2 | (code | field << 6) << (4 + 8 * i).
unsigned pack_link_check(const seamid::acs_link_check& check) {
    unsigned packed = static_cast<unsigned>(check.verdict) | static_cast<unsigned>(check.count) << 2;
    for (unsigned i = 0; i < check.count; ++i)
        packed |= (static_cast<unsigned>(check.findings[i].code) | static_cast<unsigned>(check.findings[i].field) << 6) << (4 + 8 * i);
    return packed;
}

/// Writes the ids the check's messages name at `out`: the ACS system at 0, the identity the ACS user belongs to at
/// 36, the identity's other ACS user in that system at 72 (only those a finding names).
void write_named_ids(const seamid::acs_link_check& check, char* out) {
    for (unsigned i = 0; i < check.count; ++i) {
        const seamid::acs_code code = check.findings[i].code;
        if (code == seamid::acs_code::acs_user_linked_to_other_identity) {
            seamid::write_uuid(out + 36, check.other_user_identity);
        } else if (code == seamid::acs_code::user_identity_has_acs_user_in_system) {
            seamid::write_uuid(out, check.acs_system);
            seamid::write_uuid(out + 72, check.other_acs_user);
        }
    }
}
}  // namespace seamid_wasm

extern "C" {

/// Address of the link buffer (JS caches it: it never moves).
EMSCRIPTEN_KEEPALIVE std::uintptr_t seamid_acs_link_buffer() { return reinterpret_cast<std::uintptr_t>(seamid_wasm::link_buffer); }

/// add (non-zero) or remove (0) preflight of the ids in the link buffer. Returns the packed verdict
/// (pack_link_check), or -1 for a disposed handle; writes the ids the findings' messages name at byte 72.
EMSCRIPTEN_KEEPALIVE int seamid_acs_check_link(int handle, int add) {
    seamid::acs_model* model = seamid_wasm::model_at(handle);
    if (model == nullptr) return -1;
    char* const buffer = seamid_wasm::link_buffer;
    const seamid::acs_link_request request{std::string_view(buffer, 36), std::string_view(buffer + 36, 36)};
    const seamid::acs_link_check check = add != 0 ? seamid::check_add_acs_user(*model, request) : seamid::check_remove_acs_user(*model, request);
    seamid_wasm::write_named_ids(check, buffer + 72);
    return static_cast<int>(seamid_wasm::pack_link_check(check));
}

/// Address of a batch buffer for `count` requests (see link_batch); 0 when `count` is out of range. The address
/// changes when the buffer grows, and the module's memory may grow with it: JS takes its views after this call.
EMSCRIPTEN_KEEPALIVE std::uintptr_t seamid_acs_link_batch(int count) {
    if (count < 0 || count > (1 << 20)) return 0;
    const auto n = static_cast<std::size_t>(count);
    if (seamid_wasm::link_batch.size() < n * 184) seamid_wasm::link_batch.resize(n * 184);
    if (seamid_wasm::batch_checks.size() < n) {
        seamid_wasm::batch_requests.resize(n);
        seamid_wasm::batch_checks.resize(n);
    }
    return reinterpret_cast<std::uintptr_t>(seamid_wasm::link_batch.data());
}

/// add (non-zero) or remove (0) preflight of the `count` id pairs in the batch buffer (seamid::check_acs_links);
/// writes each result after the ids (see link_batch). Returns 0, or -1 for a disposed handle or a bad count.
EMSCRIPTEN_KEEPALIVE int seamid_acs_check_links(int handle, int add, int count) {
    seamid::acs_model* model = seamid_wasm::model_at(handle);
    const auto n = static_cast<std::size_t>(count);
    if (model == nullptr || count < 0 || seamid_wasm::batch_checks.size() < n || seamid_wasm::link_batch.size() < n * 184) return -1;
    char* const ids = seamid_wasm::link_batch.data();
    char* const results = ids + n * 72;
    for (std::size_t i = 0; i < n; ++i)
        seamid_wasm::batch_requests[i] = {std::string_view(ids + i * 72, 36), std::string_view(ids + i * 72 + 36, 36)};
    seamid::check_acs_links(*model, add != 0, seamid_wasm::batch_requests.data(), n, seamid_wasm::batch_checks.data());
    for (std::size_t i = 0; i < n; ++i) {
        const unsigned packed = seamid_wasm::pack_link_check(seamid_wasm::batch_checks[i]);
        std::memcpy(results + i * 112, &packed, 4);
        seamid_wasm::write_named_ids(seamid_wasm::batch_checks[i], results + i * 112 + 4);
    }
    return 0;
}

}  // extern "C"

EMSCRIPTEN_BINDINGS(seamid_acs) {
    emscripten::function("_acsCreate", &seamid_wasm::acs_create);
    emscripten::function("_acsDispose", &seamid_wasm::acs_dispose);
    emscripten::function("_acsLoad", &seamid_wasm::acs_load);
    emscripten::function("_acsPreflight", &seamid_wasm::acs_preflight);
    emscripten::function("_acsApplyLink", &seamid_wasm::acs_apply_link);
    emscripten::function("_acsPut", &seamid_wasm::acs_put);
    emscripten::function("_acsDelete", &seamid_wasm::acs_delete);
    emscripten::function("_acsList", &seamid_wasm::acs_list);
    emscripten::function("_acsAudit", &seamid_wasm::acs_audit);
    emscripten::function("_acsStats", &seamid_wasm::acs_stats);
    emscripten::function("_acsAuditSnapshot", &seamid_wasm::acs_audit_snapshot);
    emscripten::function("_acsCatalog", &seamid_wasm::acs_catalog);
}
