// libFuzzer target: an ACS snapshot loaded into an acs_model (load_text), then preflights of every operation
// on the loaded model. The input is the snapshot, then (after a form feed, \f) a request body. Properties:
// the same answers twice (fresh models, different hash seeds); the streaming load and the DOM load agree; at
// most max_issues issues and the count; the model stays consistent; every answer is JSON that reads back as written.
#include <algorithm>
#include <vector>

#include "harness.hpp"
#include "seamid/acs/audit.hpp"
#include "seamid/acs/preflight.hpp"
#include "seamid/acs/snapshot_reader.hpp"
#include "seamid/detail/issue_cap.hpp"

namespace {

/// Every answer the model gives for `body` (all operations), and its audit.
std::string answers(const seamid::acs_model& model, std::string_view body_text) {
    const auto body = seamid::read_json_members(body_text);
    std::string out;
    for (const std::string_view operation : seamid::acs_operations) {
        const std::string answer = seamid::preflight_json_text(model, operation, body);
        seamid_fuzz::check_json_canonical(answer, "preflight JSON");
        out += answer;
    }
    const std::string audit = seamid::audit_json_text(seamid::audit_acs_model(model), model);
    seamid_fuzz::check_json_valid(audit, "ACS audit JSON");
    return out + audit;
}

/// The issues' JSON, one per line, sorted.
std::string sorted_json(const std::vector<seamid::issue>& issues) {
    std::vector<std::string> lines;
    for (const auto& found : issues) lines.push_back(seamid::issues_json_text({found}));
    std::sort(lines.begin(), lines.end());
    std::string out;
    for (const auto& line : lines) out += line + "\n";
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view body;
    const std::string_view snapshot = seamid_fuzz::split(seamid_fuzz::text_of(data, size), '\f', body);
    seamid::acs_model first, second;
    const auto issues = first.load_text(snapshot);
    const std::string issues_json = seamid::issues_json_text(issues);
    SEAMID_FUZZ_CHECK_EQUAL(issues_json, seamid::issues_json_text(second.load_text(snapshot)));
    SEAMID_FUZZ_CHECK(issues.size() <= seamid::detail::max_issues + 2);
    SEAMID_FUZZ_CHECK(first.consistent());
    seamid_fuzz::check_json_canonical(issues_json, "load issues JSON");
    SEAMID_FUZZ_CHECK_EQUAL(answers(first, body), answers(second, body));
    const auto parsed = seamid::parse_json(snapshot);
    if (parsed.ok()) {
        // The DOM has no key order (its sections come sorted), so the two loads list the same issues, perhaps
        // in another order; under the cap, the same number.
        seamid::acs_model from_dom;
        const auto dom_issues = from_dom.load(parsed.value);
        SEAMID_FUZZ_CHECK(dom_issues.size() == issues.size());
        SEAMID_FUZZ_CHECK(seamid::detail::issues_left_out(dom_issues) == seamid::detail::issues_left_out(issues));
        if (issues.size() <= seamid::detail::max_issues) SEAMID_FUZZ_CHECK_EQUAL(sorted_json(dom_issues), sorted_json(issues));
        SEAMID_FUZZ_CHECK_EQUAL(answers(from_dom, body), answers(first, body));
    }
    return 0;
}
