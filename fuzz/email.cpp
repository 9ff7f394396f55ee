// libFuzzer target: the email_address rule (check_email). Properties: the same verdict twice; the error
// verdict equals zod's email regex as Seam applies it (reference implementation in harness.hpp); a
// suggestion is accepted and is its own fixed point; issues are JSON that reads back as written.
#include "harness.hpp"
#include "seamid/json/writer.hpp"
#include "seamid/validation/email.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view value = seamid_fuzz::text_of(data, size);
    for (const auto rules : {seamid::profile::standard, seamid::profile::strict}) {
        seamid::validation_options options;
        options.rules = rules;
        const auto check = seamid::check_email(value, options);
        const auto issues = seamid::issues_json_text(seamid::email_issues(check, value));
        SEAMID_FUZZ_CHECK_EQUAL(issues, seamid::issues_json_text(seamid::email_issues(seamid::check_email(value, options), value)));
        if (rules == seamid::profile::standard) SEAMID_FUZZ_CHECK(check.accepted() == seamid_fuzz::seam_accepts_email(value));
        const std::string_view suggested = check.suggested(value);
        if (!suggested.empty() && suggested != value) {
            const std::string suggestion(suggested);
            const auto fixed = seamid::check_email(suggestion, options);
            SEAMID_FUZZ_CHECK(seamid_fuzz::seam_accepts_email(suggestion));
            SEAMID_FUZZ_CHECK(fixed.suggested(suggestion).empty() || fixed.suggested(suggestion) == suggestion);
        }
        seamid_fuzz::check_json_canonical(issues, "email issues JSON");
    }
    return 0;
}
