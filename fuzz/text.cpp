// libFuzzer target: the user_identity_key and full_name rules (check_text). Properties: the same verdict twice;
// the error verdict equals Seam's rule (min length 1; the text must be a string, i.e. valid UTF-8); the
// cleaned suggestion is accepted and cleaning it again changes nothing; issues are JSON that reads back as written.
#include "harness.hpp"
#include "seamid/json/writer.hpp"
#include "seamid/validation/text_fields.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view value = seamid_fuzz::text_of(data, size);
    for (const auto field : {seamid::text_field::user_identity_key, seamid::text_field::full_name}) {
        const auto issues = seamid::validate_text(value, field);
        SEAMID_FUZZ_CHECK_EQUAL(seamid::issues_json_text(issues), seamid::issues_json_text(seamid::validate_text(value, field)));
        const auto check = seamid::check_text(value);
        SEAMID_FUZZ_CHECK(check.accepted() == (!value.empty() && seamid_fuzz::valid_utf8(value)));
        for (const auto& found : issues) {
            if (!found.suggestion) continue;
            const std::string& suggestion = *found.suggestion;
            SEAMID_FUZZ_CHECK(seamid::check_text(suggestion).accepted());
            SEAMID_FUZZ_CHECK(seamid::cleaned_text(suggestion) == suggestion);
        }
        seamid_fuzz::check_json_canonical(seamid::issues_json_text(issues), "text issues JSON");
    }
    return 0;
}
