// Tests of seamid/workspace/csv_columns.hpp and the mapped CSV batch: each synonym, first + last name, explicit
// mappings, conflicts, blank and duplicated headers, files not in UTF-8, and a very wide header.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "seamid/workspace/batch.hpp"
#include "seamid/workspace/csv_columns.hpp"

namespace {

std::vector<std::string> codes(const std::vector<seamid::issue>& issues) {
    std::vector<std::string> out;
    for (const auto& found : issues) out.push_back(found.code);
    return out;
}

seamid::column_mapping map(const std::vector<std::string_view>& names, seamid::column_mode mode = seamid::column_mode::automatic) {
    seamid::column_spec spec;
    spec.mode = mode;
    return seamid::map_columns(names, spec);
}

int field_of(std::string_view field) {
    for (std::size_t f = 0; f < seamid::csv_create_fields.size(); ++f)
        if (seamid::csv_create_fields[f] == field) return static_cast<int>(f);
    return -1;
}

seamid::column_spec spec_of(const char* json) {
    std::vector<seamid::issue> issues;
    auto spec = seamid::column_spec_from_json(json, issues);
    REQUIRE(issues.empty());
    return spec;
}

}  // namespace

TEST_CASE("'auto' maps each synonym of the issue and the usual variants", "[csv][columns]") {
    const std::vector<std::pair<std::string_view, std::string_view>> cases{
        {"Email", "email_address"},       {"E-mail", "email_address"},       {"Email Address", "email_address"},
        {"EMAIL_ADDRESS", "email_address"}, {"Work Email", "email_address"},  {"Mobile", "phone_number"},
        {"Phone", "phone_number"},        {"Cell", "phone_number"},          {"Mobile Phone", "phone_number"},
        {"Phone Number", "phone_number"}, {"phone_number", "phone_number"},  {"Name", "full_name"},
        {"Full Name", "full_name"},       {"full_name", "full_name"},        {"ID", "user_identity_key"},
        {"Employee ID", "user_identity_key"}, {"Username", "user_identity_key"}, {"External ID", "user_identity_key"},
        {"user_identity_key", "user_identity_key"}, {"  Employee  Id ", "user_identity_key"}, {"ACS System IDs", "acs_system_ids"},
    };
    for (const auto& [header, field] : cases) {
        INFO(header);
        const auto mapping = map({header});
        CHECK(mapping.usable);
        CHECK(mapping.issues.empty());
        CHECK(mapping.column_field == std::vector<int>{field_of(field)});
    }
    // Not a synonym: a warning, and nothing mapped.
    const auto unknown = map({"Department"});
    CHECK_FALSE(unknown.usable);
    CHECK(codes(unknown.issues) == std::vector<std::string>{"csv_unknown_column", "csv_no_known_columns"});
    CHECK(unknown.issues[0].level == seamid::severity::warning);
    // Non-ASCII letters are kept when normalising: "Téléphone" is not "Tlphone" (nor "Telephone").
    CHECK(map({"T\xC3\xA9l\xC3\xA9phone"}).column_field == std::vector<int>{-1});
}

TEST_CASE("'auto' joins First Name + Last Name into full_name; a whole-name column beside them is a conflict", "[csv][columns]") {
    const auto both = map({"Last Name", "Email", "First Name"});
    CHECK(both.issues.empty());
    CHECK(both.sources[seamid::csv_full_name] == std::vector<std::size_t>{2, 0});  // first, then last
    const auto first_only = map({"Given Name", "Email"});
    CHECK(first_only.sources[seamid::csv_full_name] == std::vector<std::size_t>{0});
    const auto with_name = map({"Name", "First Name", "Last Name"});
    CHECK(with_name.sources[seamid::csv_full_name] == std::vector<std::size_t>{0});
    CHECK(codes(with_name.issues) == std::vector<std::string>{"csv_column_conflict", "csv_column_conflict"});
    const auto two_firsts = map({"First Name", "Given Name", "Surname"});
    CHECK(two_firsts.sources[seamid::csv_full_name] == std::vector<std::size_t>{0, 2});
    CHECK(codes(two_firsts.issues) == std::vector<std::string>{"csv_column_conflict"});
}

TEST_CASE("two columns mapping to one field are an error; the first is read", "[csv][columns]") {
    const auto mapping = map({"Email", "E-mail", "Mobile", "Cell"});
    CHECK(mapping.column_field == std::vector<int>{1, -1, 2, -1});
    CHECK(codes(mapping.issues) == std::vector<std::string>{"csv_column_conflict", "csv_column_conflict"});
    CHECK(mapping.issues[0].level == seamid::severity::error);
    CHECK(mapping.issues[0].path == seamid::issue_path{std::string("columns"), std::size_t{1}});
    CHECK(mapping.issues[0].message.find("\"Email\" and \"E-mail\" both map to email_address") != std::string::npos);
    // The same name twice is a duplicate, in every mode.
    CHECK(codes(map({"Email", "Email"}).issues) == std::vector<std::string>{"csv_duplicate_column"});
    CHECK(codes(map({"email_address", "email_address"}, seamid::column_mode::seam_names).issues) == std::vector<std::string>{"csv_duplicate_column"});
}

TEST_CASE("an explicit mapping names columns; it is exact first, then normalised; bad specs are issues", "[csv][columns]") {
    const auto spec = spec_of(R"({"email_address": "Work Email", "full_name": ["Given", "Family"], "user_identity_key": "staff no"})");
    CHECK(spec.mode == seamid::column_mode::named);
    const auto mapping = seamid::map_columns({"Family", "Given", "Work Email", "Staff No.", "phone_number", "Email"}, spec);
    CHECK(mapping.sources[seamid::csv_full_name] == std::vector<std::size_t>{1, 0});
    CHECK(mapping.sources[1] == std::vector<std::size_t>{2});
    CHECK(mapping.sources[0] == std::vector<std::size_t>{3});
    CHECK(mapping.sources[2] == std::vector<std::size_t>{4});  // not in the spec: Seam's own name still maps
    CHECK(codes(mapping.issues) == std::vector<std::string>{"csv_unknown_column"});  // "Email" is not used by an explicit mapping
    const auto missing = seamid::map_columns({"Email"}, spec);
    CHECK(codes(missing.issues) == std::vector<std::string>{"csv_missing_column", "csv_missing_column", "csv_missing_column",
                                                            "csv_missing_column", "csv_unknown_column", "csv_no_known_columns"});
    CHECK_FALSE(missing.usable);
    const auto reused = seamid::map_columns({"Contact"}, spec_of(R"({"email_address": "Contact", "phone_number": "Contact"})"));
    CHECK(codes(reused.issues) == std::vector<std::string>{"csv_column_conflict"});
    // A column named for the field the mapping takes elsewhere is ignored with a warning, not read twice.
    const auto shadowed = seamid::map_columns({"email_address", "Work Email"}, spec_of(R"({"email_address": "Work Email"})"));
    CHECK(shadowed.column_field == std::vector<int>{-1, 1});
    CHECK(codes(shadowed.issues) == std::vector<std::string>{"csv_unknown_column"});

    std::vector<seamid::issue> issues;
    const auto bad = seamid::column_spec_from_json(R"({"email": "E", "phone_number": ["A", "B"], "full_name": 3, "user_identity_key": []})", issues);
    CHECK(codes(issues) == std::vector<std::string>{"invalid_column_mapping", "invalid_column_mapping", "invalid_column_mapping", "invalid_column_mapping"});
    CHECK(bad.columns[2].empty());  // a refused field maps nothing
    issues.clear();
    CHECK(seamid::column_spec_from_json(R"("manual")", issues).mode == seamid::column_mode::seam_names);
    CHECK(codes(issues) == std::vector<std::string>{"invalid_column_mapping"});
    issues.clear();
    CHECK(seamid::column_spec_from_json("{\"email_address\": ", issues).mode == seamid::column_mode::seam_names);
    CHECK(codes(issues) == std::vector<std::string>{"invalid_column_mapping"});  // not JSON
    issues.clear();
    CHECK(seamid::column_spec_from_json(R"("auto")", issues).mode == seamid::column_mode::automatic);
    CHECK(seamid::column_spec_from_json("null", issues).mode == seamid::column_mode::seam_names);
    CHECK(seamid::column_spec_from_json("", issues).mode == seamid::column_mode::seam_names);
    CHECK(seamid::column_spec_from_json(R"({"full_name": ["Given", "Family"]})", issues).columns[3] == std::vector<std::string>{"Given", "Family"});
    CHECK(issues.empty());
    std::vector<std::string> names;
    CHECK(seamid::column_names_from_json(R"(["Email", 5, "Na\u006de"])", names));
    CHECK(names == std::vector<std::string>{"Email", "", "Name"});
    names.clear();
    CHECK_FALSE(seamid::column_names_from_json(R"({"a": 1})", names));
}

TEST_CASE("without a mapping, behaviour is as before, but an unknown column suggests its likely field", "[csv][columns]") {
    const auto mapping = map({"First Name", "Last Name", "Email", "Mobile", "Department"}, seamid::column_mode::seam_names);
    CHECK_FALSE(mapping.usable);
    REQUIRE(codes(mapping.issues) == std::vector<std::string>{"csv_unknown_column", "csv_unknown_column", "csv_unknown_column",
                                                              "csv_unknown_column", "csv_unknown_column", "csv_no_known_columns"});
    CHECK(mapping.issues[0].suggestion == "full_name");
    CHECK(mapping.issues[2].suggestion == "email_address");
    CHECK(mapping.issues[3].suggestion == "phone_number");
    CHECK(mapping.issues[3].level == seamid::severity::warning);
    CHECK_FALSE(mapping.issues[4].suggestion.has_value());
    CHECK(mapping.issues[5].message.find("--columns auto") != std::string::npos);
    // Strict: an unknown column is an error.
    CHECK(seamid::map_columns({"Mobile"}, {}, seamid::severity::error).issues[0].level == seamid::severity::error);
}

TEST_CASE("empty and whitespace-only header names are ignored with a warning", "[csv][columns]") {
    const auto mapping = map({"Email", "", "   ", "Mobile", ""});
    CHECK(mapping.column_field == std::vector<int>{1, -1, -1, 2, -1});
    CHECK(codes(mapping.issues) == std::vector<std::string>{"csv_blank_column", "csv_blank_column", "csv_blank_column"});
    CHECK(mapping.issues[0].level == seamid::severity::warning);
    CHECK(mapping.usable);
}

TEST_CASE("a mapped CSV batch validates an HR export and keeps each row's mapped values", "[csv][columns][batch]") {
    const seamid::workspace_index workspace;
    const std::string csv =
        "Employee ID,First Name,Last Name,Email,Mobile,Department\r\n"
        "E1,Ada,Lovelace,ada@example.com,+14155552671,R&D\r\n"
        "E2,Alan,,<alan@example.com>,+1 415 555 2672,Ops\r\n"
        "E3, Grace,Hopper,grace@example.com,,Navy\r\n"
        "E4,only,two\r\n";
    seamid::column_spec spec;
    spec.mode = seamid::column_mode::automatic;
    seamid::csv_batch batch(workspace, csv, {}, spec);
    REQUIRE(batch.usable());
    CHECK(codes(batch.issues()) == std::vector<std::string>{"csv_unknown_column"});  // Department
    batch.keep_values(true);
    std::vector<seamid::row_report> rows;
    while (!batch.step(2, rows)) {
    }
    const auto values = batch.take_values();
    REQUIRE(values.size() == 4);
    CHECK(values[0][3] == "Ada Lovelace");
    CHECK(values[0][0] == "E1");
    CHECK(values[1][3] == "Alan");  // an empty part is skipped, no trailing space
    CHECK(values[1][1] == "<alan@example.com>");
    CHECK(values[2][3] == " Grace Hopper");
    CHECK_FALSE(values[2][2].has_value());
    CHECK_FALSE(values[3][0].has_value());  // an unreadable row has no values
    REQUIRE(rows.size() == 3);
    CHECK(codes(rows[0].issues) == std::vector<std::string>{"email_formatted", "phone_formatted"});
    CHECK(rows[0].issues[0].suggestion == "alan@example.com");
    CHECK(rows[1].issues[0].path == seamid::issue_path{std::size_t{2}, std::string("full_name")});
    CHECK(rows[1].issues[0].suggestion == "Grace Hopper");
    CHECK(codes(rows[2].issues) == std::vector<std::string>{"csv_field_count"});
    CHECK(batch.mapping().sources[seamid::csv_full_name] == std::vector<std::size_t>{1, 2});
    CHECK(batch.take_values().empty());
}

TEST_CASE("a file not in UTF-8 is refused with an error naming UTF-8", "[csv][columns]") {
    const seamid::workspace_index workspace;
    const auto refused = [&](const std::string& text, std::string_view mentions) {
        INFO(mentions);
        const auto report = seamid::validate_csv_batch(workspace, text);
        CHECK_FALSE(report.usable);
        REQUIRE(codes(report.issues) == std::vector<std::string>{"csv_not_utf8"});
        CHECK(report.issues[0].message.find("UTF-8") != std::string::npos);
        CHECK(report.issues[0].message.find(mentions) != std::string::npos);
    };
    refused(std::string("\xFF\xFE" "e\0m\0a\0i\0l\0\n\0", 14), "UTF-16");
    refused(std::string("\xFE\xFF\0e\0m\0a\0i\0l\0\n", 14), "UTF-16");
    refused(std::string("\xFF\xFE\0\0e\0\0\0", 8), "UTF-32");
    refused(std::string("e\0m\0a\0i\0l\0_\0\n\0", 14), "NUL");
    refused("T\xE9l\xE9phone,email_address\nx,a@example.com\n", "Latin-1");
    // Latin-1 bytes in a cell (the header is fine) stay a per-cell error naming UTF-8.
    const auto cell = seamid::validate_csv_batch(workspace, "full_name,email_address\nJos\xE9,jose@example.com\n");
    CHECK(cell.usable);
    REQUIRE(cell.rows.size() == 1);
    CHECK(codes(cell.rows[0].issues) == std::vector<std::string>{"invalid_utf8"});
}

TEST_CASE("a header of 300,000 columns is read in linear time", "[csv][columns]") {
    const seamid::workspace_index workspace;
    std::string header;
    for (int i = 0; i < 300000; ++i) header += (i ? ",email_address" : "email_address");
    seamid::csv_batch batch(workspace, header + "\n");  // a search of all earlier columns per column took minutes here
    // Every later copy is a duplicate: the first 100 listed, the other 299,899 counted by the one cap.
    REQUIRE(batch.issues().size() == 101);
    CHECK(batch.issues()[99].code == "csv_duplicate_column");
    CHECK(batch.issues().back().code == "too_many_issues");
    CHECK(seamid::detail::issues_left_out(batch.issues()) == 299899);
    std::string distinct;
    for (int i = 0; i < 300000; ++i) distinct.append("c").append(std::to_string(i)).append(",");
    distinct += "email_address\n";
    seamid::column_spec spec;
    spec.mode = seamid::column_mode::automatic;
    seamid::csv_batch wide(workspace, distinct, {}, spec);
    CHECK(wide.usable());
    CHECK(wide.mapping().sources[1] == std::vector<std::size_t>{300000});
}
