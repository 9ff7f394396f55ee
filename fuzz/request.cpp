// libFuzzer target: /user_identities/create and /update request bodies from JSON text (validate_create,
// validate_update). Properties: the same verdict twice; the text and the parsed-DOM entries agree; each
// string field's error verdict equals Seam's rule for that field (reference implementations in harness.hpp);
// at most max_issues issues and the count; the issues are JSON that reads back as written.
#include "harness.hpp"
#include "seamid/detail/issue_cap.hpp"
#include "seamid/json/members.hpp"
#include "seamid/json/writer.hpp"
#include "seamid/validation/identity_request.hpp"

namespace {

/// True when `issues` holds an error whose path is exactly [field].
bool error_at(const std::vector<seamid::issue>& issues, std::string_view field) {
    for (const auto& found : issues)
        if (found.level == seamid::severity::error && found.path.size() == 1 && std::holds_alternative<std::string>(found.path[0]) &&
            std::get<std::string>(found.path[0]) == field)
            return true;
    return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = seamid_fuzz::text_of(data, size);
    const auto create = seamid::validate_create(text);
    const auto update = seamid::validate_update(text);
    const std::string create_json = seamid::issues_json_text(create);
    SEAMID_FUZZ_CHECK_EQUAL(create_json, seamid::issues_json_text(seamid::validate_create(text)));
    SEAMID_FUZZ_CHECK_EQUAL(seamid::issues_json_text(update), seamid::issues_json_text(seamid::validate_update(text)));
    SEAMID_FUZZ_CHECK(create.size() <= seamid::detail::max_issues + 1);
    SEAMID_FUZZ_CHECK(update.size() <= seamid::detail::max_issues + 1);
    seamid_fuzz::check_json_canonical(create_json, "create issues JSON");
    seamid_fuzz::check_json_canonical(seamid::issues_json_text(update), "update issues JSON");
    const auto parsed = seamid::parse_json(text);
    if (!parsed.ok()) {
        SEAMID_FUZZ_CHECK(create.size() == 1 && create[0].code == "invalid_json");
        return 0;
    }
    SEAMID_FUZZ_CHECK_EQUAL(create_json, seamid::issues_json_text(seamid::validate_create(parsed.value)));
    // Differential: each string field's error verdict is Seam's rule for the field (when few enough issues
    // were found that none was left out).
    if (!parsed.value.is_object() || create.size() > seamid::detail::max_issues) return 0;
    const auto members = seamid::read_json_members(text);
    for (const std::string_view field : {"email_address", "phone_number", "user_identity_key", "full_name"}) {
        const std::string* value = members.string_member(field);
        if (value == nullptr) continue;
        const bool seam_accepts = field == "email_address"  ? seamid_fuzz::seam_accepts_email(*value)
                                  : field == "phone_number" ? seamid_fuzz::seam_accepts_phone(*value)
                                                            : !value->empty();
        if (error_at(create, field) == seam_accepts)
            seamid_fuzz::fail("a field's error verdict equals Seam's rule", __FILE__, __LINE__, std::string(field) + ": " + *value);
    }
    return 0;
}
