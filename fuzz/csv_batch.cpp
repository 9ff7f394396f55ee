// libFuzzer target: a CSV batch (validate_csv_batch), without a workspace and against one (the input's first
// byte chooses). Properties: the same report twice (a fresh workspace each time: hash seeds differ); the
// streamed rows equal the collected ones; row numbers increase and the summary counts the rows' issues; each
// row's issues are capped; the report is JSON that reads back as written.
#include "harness.hpp"
#include "seamid/detail/issue_cap.hpp"
#include "seamid/workspace/batch.hpp"

namespace {

/// A small workspace whose values the corpus's rows repeat (so conflicts are found).
seamid::workspace_index make_workspace() {
    seamid::workspace_index index;
    (void)index.load_json(R"([{"user_identity_id": "1d000000-0000-4000-8000-000000000001", "user_identity_key": "alice",
        "email_address": "alice@example.com", "phone_number": "+14155550100"},
       {"user_identity_id": "1d000000-0000-4000-8000-000000000002", "user_identity_key": "bob", "email_address": "Bob@Example.com"}])");
    return index;
}

std::string report_json(const seamid::batch_report& report) {
    std::string out = seamid::batch_summary_json(report.summary);
    out += seamid::issues_json_text(report.issues);
    for (const auto& row : report.rows) seamid::append_row_report_json(out, row);
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const bool with_workspace = (data[0] & 1) != 0;
    const std::string_view text = seamid_fuzz::text_of(data + 1, size - 1);
    const seamid::workspace_index empty;
    const seamid::workspace_index first_workspace = with_workspace ? make_workspace() : seamid::workspace_index();
    const seamid::workspace_index second_workspace = with_workspace ? make_workspace() : seamid::workspace_index();
    const auto report = seamid::validate_csv_batch(first_workspace, text);
    const std::string written = report_json(report);
    SEAMID_FUZZ_CHECK_EQUAL(written, report_json(seamid::validate_csv_batch(second_workspace, text)));
    std::string streamed = seamid::batch_summary_json(report.summary) + seamid::issues_json_text(report.issues);
    std::size_t calls = 0;
    const auto streamed_report = seamid::validate_csv_batch(first_workspace, text, {}, [&](seamid::row_report&& row) {
        ++calls;
        seamid::append_row_report_json(streamed, row);
    });
    SEAMID_FUZZ_CHECK(streamed_report.rows.empty());
    SEAMID_FUZZ_CHECK(calls == report.rows.size());
    SEAMID_FUZZ_CHECK_EQUAL(streamed, written);
    std::size_t last_row = 0, errors = 0, warnings = 0;
    for (const auto& row : report.rows) {
        SEAMID_FUZZ_CHECK(row.row > last_row && row.row <= report.summary.rows);
        SEAMID_FUZZ_CHECK(!row.issues.empty());
        SEAMID_FUZZ_CHECK(row.issues.size() <= seamid::detail::max_issues + 8);
        last_row = row.row;
        for (const auto& found : row.issues) {
            errors += found.level == seamid::severity::error;
            warnings += found.level == seamid::severity::warning;
        }
        std::string one;
        seamid::append_row_report_json(one, row);
        seamid_fuzz::check_json_canonical(one, "row report JSON");
    }
    SEAMID_FUZZ_CHECK(errors == report.summary.errors);
    SEAMID_FUZZ_CHECK(warnings == report.summary.warnings);
    seamid_fuzz::check_json_canonical(seamid::issues_json_text(report.issues), "batch issues JSON");
    seamid_fuzz::check_json_canonical(seamid::batch_summary_json(report.summary), "batch summary JSON");
    (void)empty;
    return 0;
}
