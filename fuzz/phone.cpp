// libFuzzer target: the phone_number rule (check_phone). Properties: the same verdict twice; the error
// verdict equals Seam's rule (a reference implementation in harness.hpp) on valid UTF-8; a suggestion is
// accepted and is its own fixed point; issues are JSON that reads back as written.
#include "harness.hpp"
#include "seamid/json/writer.hpp"
#include "seamid/validation/phone.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view value = seamid_fuzz::text_of(data, size);
    for (const auto rules : {seamid::profile::standard, seamid::profile::strict}) {
        seamid::validation_options options;
        options.rules = rules;
        const auto check = seamid::check_phone(value, options);
        const auto again = seamid::check_phone(value, options);
        SEAMID_FUZZ_CHECK_EQUAL(seamid::issues_json_text(seamid::phone_issues(check)), seamid::issues_json_text(seamid::phone_issues(again)));
        if (rules == seamid::profile::standard && seamid_fuzz::valid_utf8(value))
            SEAMID_FUZZ_CHECK(check.accepted() == seamid_fuzz::seam_accepts_phone(value));
        if (!check.suggested().empty()) {
            const std::string suggestion(check.suggested());
            const auto fixed = seamid::check_phone(suggestion, options);
            SEAMID_FUZZ_CHECK(seamid_fuzz::seam_accepts_phone(suggestion));
            SEAMID_FUZZ_CHECK(fixed.suggested().empty() || fixed.suggested() == suggestion);
        }
        seamid_fuzz::check_json_canonical(seamid::issues_json_text(seamid::phone_issues(check)), "phone issues JSON");
    }
    return 0;
}
