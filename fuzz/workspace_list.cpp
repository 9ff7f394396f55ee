// libFuzzer target: a workspace list (/user_identities/list JSON) loaded into a workspace_index (load_json),
// then the audit and lookups. Properties: the same answer twice (fresh indexes, different hash seeds); the
// streaming load and the DOM load (load of parse_json) agree on issues and contents; at most max_issues
// issues and the count; the issues and the audit are JSON that reads back as written.
#include "harness.hpp"
#include "seamid/detail/issue_cap.hpp"
#include "seamid/workspace/index.hpp"
#include "seamid/workspace/uniqueness.hpp"

namespace {

/// The index's contents, in slot order, as text.
std::string contents(const seamid::workspace_index& index) {
    std::string out = std::to_string(index.size());
    for (std::size_t slot = 0; slot < index.slot_count(); ++slot) {
        const auto s = static_cast<seamid::workspace_index::slot_type>(slot);
        if (!index.live(s)) continue;
        for (std::size_t f = 0; f < 4; ++f) {
            const auto field = static_cast<seamid::identity_field>(f);
            out += index.has(s, field) ? "|" + std::string(index.value(s, field)) : "|-";
        }
    }
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = seamid_fuzz::text_of(data, size);
    seamid::workspace_index first, second;
    const auto issues = first.load_json(text);
    const std::string issues_json = seamid::issues_json_text(issues);
    SEAMID_FUZZ_CHECK_EQUAL(issues_json, seamid::issues_json_text(second.load_json(text)));
    SEAMID_FUZZ_CHECK_EQUAL(contents(first), contents(second));
    SEAMID_FUZZ_CHECK(issues.size() <= seamid::detail::max_issues + 2);
    seamid_fuzz::check_json_canonical(issues_json, "load issues JSON");
    const std::string audit = seamid::audit_report_json(seamid::audit(first));
    SEAMID_FUZZ_CHECK_EQUAL(audit, seamid::audit_report_json(seamid::audit(second)));
    seamid_fuzz::check_json_canonical(audit, "audit JSON");
    const auto parsed = seamid::parse_json(text);
    if (!parsed.ok()) {
        SEAMID_FUZZ_CHECK(first.size() == 0);
        return 0;
    }
    seamid::workspace_index from_dom;
    const auto dom_issues = from_dom.load(parsed.value);
    // The DOM load has no "unusable document" rule of its own: compare where the text was a usable list.
    if (first.size() > 0 || issues.empty()) {
        SEAMID_FUZZ_CHECK_EQUAL(seamid::issues_json_text(dom_issues), issues_json);
        SEAMID_FUZZ_CHECK_EQUAL(contents(from_dom), contents(first));
    }
    // Every indexed value is found again by its own lookup.
    for (std::size_t slot = 0; slot < first.slot_count(); ++slot) {
        const auto s = static_cast<seamid::workspace_index::slot_type>(slot);
        if (!first.live(s)) continue;
        SEAMID_FUZZ_CHECK(first.contains(first.value(s, seamid::identity_field::user_identity_id)));
    }
    return 0;
}
