// The one code catalog (seamid/common/codes.hpp): every code the core reports on the shared fixtures, every
// code the fixtures expect, and every code literal in the sources is cataloged, and no entry is orphaned.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "fixtures.hpp"
#include "seamid/acs/audit.hpp"
#include "seamid/acs/codes.hpp"
#include "seamid/acs/model.hpp"
#include "seamid/common/codes.hpp"
#include "seamid/deletion/plan.hpp"
#include "seamid/validation/email.hpp"
#include "seamid/validation/identity_request.hpp"
#include "seamid/validation/phone.hpp"
#include "seamid/validation/text_fields.hpp"

namespace {

using nlohmann::json;
namespace fs = std::filesystem;

/// The repository's root (the fixtures live in tests/fixtures/).
fs::path source_root() { return fs::path(SEAMID_FIXTURES_DIR).parent_path().parent_path(); }

std::string read_file(const fs::path& path) {
    std::ifstream file(path, std::ios::binary);
    std::stringstream text;
    text << file.rdbuf();
    return text.str();
}

/// The files under `folder` whose names end with one of `extensions`.
std::vector<fs::path> files_under(const fs::path& folder, const std::vector<std::string>& extensions) {
    std::vector<fs::path> out;
    for (const auto& entry : fs::recursive_directory_iterator(folder)) {
        if (!entry.is_regular_file()) continue;
        for (const auto& extension : extensions)
            if (entry.path().extension() == extension) out.push_back(entry.path());
    }
    return out;
}

/// Checks every issue against the catalog: a known code with a severity the catalog allows.
void check_issues(const std::vector<seamid::issue>& issues, std::set<std::string>& seen) {
    for (const auto& found : issues) {
        INFO("code " << found.code << " (" << seamid::severity_name(found.level) << ")");
        CHECK(seamid::is_cataloged(found.code, found.level));
        seen.insert(found.code);
    }
}

/// Collects the codes a fixture expects: values of "code", strings in "codes", and [path, code, severity] triples.
void expected_codes(const json& node, std::vector<std::pair<std::string, std::string>>& out) {
    if (node.is_object()) {
        for (const auto& [key, value] : node.items()) {
            if (key == "code" && value.is_string()) out.emplace_back(value.get<std::string>(), "");
            if ((key == "codes" || key == "audit") && value.is_array())
                for (const auto& code : value)
                    if (code.is_string()) out.emplace_back(code.get<std::string>(), "");
            if (key == "issues" && value.is_array())
                for (const auto& found : value)
                    if (found.is_array() && found.size() == 3 && found[1].is_string() && found[2].is_string())
                        out.emplace_back(found[1].get<std::string>(), found[2].get<std::string>());
            expected_codes(value, out);
        }
    } else if (node.is_array()) {
        for (const auto& item : node) expected_codes(item, out);
    }
}

seamid::severity severity_of(const std::string& name) {
    return name == "info" ? seamid::severity::info : name == "warning" ? seamid::severity::warning : seamid::severity::error;
}

}  // namespace

TEST_CASE("codes: the catalog is well formed", "[codes]") {
    for (const auto& entry : seamid::code_catalog) {
        INFO(entry.name);
        CHECK(std::regex_match(std::string(entry.name), std::regex("[a-z][a-z0-9_]*")));
        CHECK(entry.meaning.size() > 5);
        CHECK(entry.meaning.back() == '.');
        CHECK(entry.meaning.find('\n') == std::string_view::npos);
        CHECK(seamid::find_code(entry.name) == &entry);
        CHECK(entry.allows(entry.level));
    }
    CHECK(seamid::find_code("no_such_code") == nullptr);
    CHECK_FALSE(seamid::is_cataloged("phone_empty", seamid::severity::warning));
    CHECK(seamid::is_cataloged("phone_invalid_length", seamid::severity::error));
}

TEST_CASE("codes: every code of the validation and ACS enums is cataloged", "[codes]") {
    for (unsigned c = 1; c < seamid::phone_code_count; ++c) CHECK(seamid::find_code(seamid::phone_code_name(static_cast<seamid::phone_code>(c))));
    for (unsigned c = 1; c < seamid::email_code_count; ++c) CHECK(seamid::find_code(seamid::email_code_name(static_cast<seamid::email_code>(c))));
    for (unsigned c = 1; c <= static_cast<unsigned>(seamid::text_code::invisible_characters); ++c)
        CHECK(seamid::find_code(seamid::text_code_name(static_cast<seamid::text_code>(c))));
    for (unsigned c = 1; c < seamid::acs_code_count; ++c) {
        const auto info = seamid::acs_code_details(static_cast<seamid::acs_code>(c));
        INFO(info.name);
        CHECK(seamid::is_cataloged(info.name, info.level));
        CHECK(seamid::find_code(info.name)->level == info.level);
    }
}

TEST_CASE("codes: what the core reports on the shared fixtures is cataloged", "[codes][fixtures]") {
    std::set<std::string> seen;
    // Named, since a range-for over a member of a temporary would outlive the temporary.
    const json phones = seamid_test::load_fixture("phone.json"), emails = seamid_test::load_fixture("email.json"),
               texts = seamid_test::load_fixture("text-fields.json"), requests = seamid_test::load_fixture("identity-requests.json"),
               acs_bad = seamid_test::load_fixture("acs-bad-input.json"), acs_audit = seamid_test::load_fixture("acs-audit.json"),
               deletion = seamid_test::load_fixture("deletion/snapshots.json");
    for (const std::string profile : {"default", "strict"}) {
        seamid::validation_options options;
        if (profile == "strict") options.rules = seamid::profile::strict;
        for (const auto& c : phones["cases"])
            if (c.contains("value") && c["value"].is_string()) check_issues(seamid::validate_phone(c["value"].get<std::string>(), options), seen);
        for (const auto& c : emails["cases"])
            if (c.contains("value") && c["value"].is_string()) check_issues(seamid::validate_email(c["value"].get<std::string>(), options), seen);
        for (const auto& c : texts["cases"]) {
            const auto field = c["field"] == "full_name" ? seamid::text_field::full_name : seamid::text_field::user_identity_key;
            check_issues(seamid::validate_text(c["value"].get<std::string>(), field, options), seen);
        }
        for (const auto& c : requests["cases"]) {
            const bool create = c["operation"] == "create";
            const std::string text = c.contains("text") ? c["text"].get<std::string>() : c["request"].dump();
            check_issues(create ? seamid::validate_create(text, options) : seamid::validate_update(text, options), seen);
        }
    }
    for (const auto& c : acs_bad["cases"]) {
        seamid::acs_model model;
        check_issues(model.load_text(c.contains("text") ? c["text"].get<std::string>() : c["snapshot"].dump()), seen);
        check_issues(seamid::audit_acs_model(model).issues, seen);
    }
    {
        seamid::acs_model model;
        check_issues(model.load_text(acs_audit["snapshot"].dump()), seen);
        check_issues(seamid::audit_acs_model(model).issues, seen);
    }
    for (const auto& c : deletion["cases"])
        check_issues(seamid::plan_deletion(c["snapshot"].dump()).issues, seen);
    // The run reached every domain's codes, so the check above is not vacuous.
    for (const char* code : {"phone_formatted", "email_missing_at", "whitespace_only", "unknown_field", "missing_field", "invalid_uuid",
                             "duplicate_id", "acs_user_identity_not_found", "foreign_workspace"}) {
        INFO("no fixture made the core report " << code);
        CHECK(seen.count(code) == 1);
    }
}

TEST_CASE("codes: every code a fixture expects is cataloged", "[codes][fixtures]") {
    std::size_t count = 0;
    for (const auto& path : files_under(fs::path(SEAMID_FIXTURES_DIR), {".json"})) {
        std::vector<std::pair<std::string, std::string>> codes;
        const json fixture = seamid_test::load_fixture(fs::relative(path, fs::path(SEAMID_FIXTURES_DIR)).generic_string());
        REQUIRE_FALSE(fixture.is_discarded());
        expected_codes(fixture, codes);
        for (const auto& [code, level] : codes) {
            INFO(path.filename().string() << ": " << code << " " << level);
            const bool cataloged = level.empty() ? seamid::find_code(code) != nullptr : seamid::is_cataloged(code, severity_of(level));
            CHECK(cataloged);
            ++count;
        }
    }
    CHECK(count > 250);
}

TEST_CASE("codes: every code literal in the sources is cataloged, and every entry appears in them", "[codes]") {
    const fs::path root = source_root();
    // Issues built in place in the core ({path, "code", severity...}) and JSON or JS issue objects in the bindings.
    const std::regex core_literal(R"re("([a-z][a-z0-9_]*)",\s*(severity::|unknown_level|detail::warning_level|warning_level\())re");
    const std::regex binding_literal(R"re((?:"code":"|code: ')([a-z][a-z0-9_]*))re");
    std::set<std::string> in_sources;
    std::size_t literals = 0;
    const auto scan = [&](const std::vector<fs::path>& files, const std::regex& pattern) {
        for (const auto& path : files) {
            if (path.filename() == "codes.hpp") continue;
            const std::string text = read_file(path);
            for (auto it = std::sregex_iterator(text.begin(), text.end(), pattern); it != std::sregex_iterator(); ++it) {
                INFO(path.string() << ": " << (*it)[1].str());
                CHECK(seamid::find_code((*it)[1].str()) != nullptr);
                ++literals;
            }
            // Any quoted occurrence counts as a use (names built by *_code_name switches, acs/codes.hpp's table).
            for (const auto& entry : seamid::code_catalog) {
                const std::string name(entry.name);
                if (text.find('"' + name + '"') != std::string::npos || text.find('\'' + name + '\'') != std::string::npos)
                    in_sources.insert(name);
            }
        }
    };
    scan(files_under(root / "core" / "include", {".hpp"}), core_literal);
    scan(files_under(root / "bindings" / "wasm", {".cpp"}), binding_literal);
    scan(files_under(root / "bindings" / "js" / "src", {".js"}), binding_literal);
    // acs/codes.hpp names the ACS codes in its own table: count those as uses too.
    const std::string acs_table = read_file(root / "core" / "include" / "seamid" / "acs" / "codes.hpp");
    for (const auto& entry : seamid::code_catalog)
        if (acs_table.find('"' + std::string(entry.name) + '"') != std::string::npos) in_sources.insert(std::string(entry.name));
    CHECK(literals > 60);
    for (const auto& entry : seamid::code_catalog) {
        INFO("catalog entry no source reports: " << entry.name);
        CHECK(in_sources.count(std::string(entry.name)) == 1);
    }
}
