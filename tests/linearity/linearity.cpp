// Time linearity of every parser entry on adversarial input (ctest label "linearity"; native Release only):
// each entry runs on a 1 MB and a 10 MB input of one hostile shape, and the 10 MB time must be within 15x
// the 1 MB time (a ratio measured in the same process, thread CPU time, best of 5 runs each: a shared host's
// other jobs barely move it).
// A quadratic entry shows ~100x. A 10 MB time of a few tens of milliseconds is cache and allocator noise, not growth
// (an entry of 3 ms per MB measured 16.5x on a loaded host): 20 ms of slack is allowed, while a quadratic entry of
// even 1 ms per MB still takes 100 ms at 10 MB and fails.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <functional>
#include <string>

#include "seamid/seamid.hpp"

namespace {

constexpr std::size_t one_mb = std::size_t{1} << 20;

/// The CPU time of this thread, in seconds (unlike wall-clock time, not counting the time other jobs of a shared
/// host run instead of this one).
double cpu_seconds() {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

/// Best of five CPU times of `run(input)`, in seconds.
double best_time(const std::function<void(const std::string&)>& run, const std::string& input) {
    double best = 1e9;
    for (int i = 0; i < 5; ++i) {
        const double start = cpu_seconds();
        run(input);
        best = std::min(best, cpu_seconds() - start);
    }
    return best;
}

/// Checks that `run` on make(10 MB) takes at most 15x its time on make(1 MB).
void check_linear(const char* name, const std::function<std::string(std::size_t)>& make, const std::function<void(const std::string&)>& run) {
    const std::string small = make(one_mb), large = make(10 * one_mb);
    const double t1 = best_time(run, small), t10 = best_time(run, large);
    std::printf("%-48s 1 MB %9.2f ms   10 MB %9.2f ms   ratio %5.1f\n", name, t1 * 1e3, t10 * 1e3, t10 / std::max(t1, 1e-9));
    INFO(name << ": 1 MB " << t1 * 1e3 << " ms, 10 MB " << t10 * 1e3 << " ms");
    CHECK(t10 <= 15 * t1 + 0.020);
}

/// `head` + copies of `unit` up to `size` bytes (whole units, separated by `between`) + `tail`.
std::string fill(std::string_view head, std::string_view unit, std::string_view between, std::string_view tail, std::size_t size) {
    std::string out(head);
    out.reserve(size + tail.size() + unit.size());
    for (bool first = true; out.size() + unit.size() + between.size() + tail.size() <= size; first = false) {
        if (!first) out += between;
        out += unit;
    }
    out += tail;
    return out;
}

struct checker final : seamid::json_reader {
    bool on_value(seamid::json_kind, std::string_view) override { return true; }
    bool on_end(std::size_t, bool) override { return true; }
};

}  // namespace

TEST_CASE("linear time: the JSON reader and parse_json", "[linearity]") {
    const auto read = [](const std::string& text) {
        checker reader;
        (void)reader.run(text);
    };
    const auto dom = [](const std::string& text) { (void)seamid::parse_json(text); };
    check_linear("reader: deep nesting [[[[", [](std::size_t n) { return std::string(n, '['); }, read);
    check_linear("reader: nesting to the limit, repeated", [](std::size_t n) { return fill("[", std::string(500, '[') + std::string(500, ']'), ",", "]", n); }, read);
    check_linear("reader: one string of escapes", [](std::size_t n) { return fill("[\"", "\\u00e9\\n\\ud83d\\ude00", "", "\"]", n); }, read);
    check_linear("reader: one object of distinct keys", [](std::size_t n) {
        std::string out = "{";
        for (std::size_t i = 0; out.size() + 24 < n; ++i) out += (i ? ",\"k" : "\"k") + std::to_string(i) + "\":1";
        return out + "}";
    }, read);
    check_linear("reader: keys differing only in escapes", [](std::size_t n) {
        std::string out = "{";
        for (std::size_t i = 0; out.size() + 40 < n; ++i) out += (i ? ",\"\\u006b" : "\"\\u006b") + std::to_string(i) + "\":[]";
        return out + "}";
    }, read);
    check_linear("reader: a number of 1 MB of digits", [](std::size_t n) { return "[0." + std::string(n, '7') + "e5]"; }, read);
    check_linear("parse_json: an array of small objects", [](std::size_t n) { return fill("[", R"({"a":1,"b":"x"})", ",", "]", n); }, dom);
}

TEST_CASE("linear time: phone, email, key and name rules", "[linearity]") {
    check_linear("phone: + and digits", [](std::size_t n) { return "+" + std::string(n, '4'); }, [](const std::string& v) { (void)seamid::validate_phone(v); });
    check_linear("phone: formatted digits", [](std::size_t n) { return fill("tel:", "(41) 5-", "", "", n); }, [](const std::string& v) { (void)seamid::validate_phone(v); });
    check_linear("email: dots and at-signs", [](std::size_t n) { return fill("", ".@", "", "", n); }, [](const std::string& v) { (void)seamid::validate_email(v); });
    check_linear("email: a long valid-looking address", [](std::size_t n) { return fill("", "a.b", "", "@example.com", n); }, [](const std::string& v) { (void)seamid::validate_email(v); });
    check_linear("email: Name <...> wrapping", [](std::size_t n) { return fill("Jane <", "a", "", "@x.co>", n); }, [](const std::string& v) { (void)seamid::validate_email(v); });
    check_linear("text: invisible and control characters", [](std::size_t n) { return fill(" ", "a\xe2\x80\x8b\t", "", " ", n); },
                 [](const std::string& v) { (void)seamid::validate_text(v, seamid::text_field::full_name); });
}

TEST_CASE("linear time: request bodies", "[linearity]") {
    const auto create = [](const std::string& text) { (void)seamid::validate_create(text); };
    check_linear("create: one huge full_name", [](std::size_t n) { return R"({"full_name": ")" + std::string(n, 'x') + "\"}"; }, create);
    check_linear("create: acs_system_ids all the same", [](std::size_t n) { return fill(R"({"acs_system_ids": [)", R"("5a5e0001-0000-4000-8000-000000000001")", ",", "]}", n); }, create);
    check_linear("create: acs_system_ids all bad", [](std::size_t n) { return fill(R"({"acs_system_ids": [)", "1", ",", "]}", n); }, create);
    check_linear("create: many unknown fields", [](std::size_t n) {
        std::string out = "{";
        for (std::size_t i = 0; out.size() + 24 < n; ++i) out += (i ? ",\"f" : "\"f") + std::to_string(i) + "\":1";
        return out + "}";
    }, create);
}

TEST_CASE("linear time: workspace lists and batches", "[linearity]") {
    const auto load = [](const std::string& text) {
        seamid::workspace_index index;
        (void)index.load_json(text);
    };
    check_linear("workspace: one id repeated", [](std::size_t n) { return fill("[", R"({"user_identity_id": "1d000000-0000-4000-8000-000000000001"})", ",", "]", n); }, load);
    check_linear("workspace: bad elements", [](std::size_t n) { return fill("[", "1", ",", "]", n); }, load);
    check_linear("workspace: case-variant emails", [](std::size_t n) {
        std::string out = "[";
        for (std::size_t i = 0; out.size() + 120 < n; ++i) {
            std::string email = "someone@example.com";
            for (std::size_t b = 0; b < 7; ++b)
                if ((i >> b) & 1) email[b] = static_cast<char>(email[b] - 32);
            char id[40];
            std::snprintf(id, sizeof id, "1d000000-0000-4000-8000-%012zx", i);
            out += (i ? ",{" : "{") + std::string(R"("user_identity_id": ")") + id + R"(", "email_address": ")" + email + "\"}";
        }
        return out + "]";
    }, load);
    const seamid::workspace_index workspace;
    const auto csv = [&workspace](const std::string& text) { (void)seamid::validate_csv_batch(workspace, text, {}, [](seamid::row_report&&) {}); };
    check_linear("csv batch: case-variant emails", [](std::size_t n) {
        std::string out = "email_address\n";
        for (std::size_t i = 0; out.size() + 40 < n; ++i) {
            std::string email = "someone" + std::to_string(i % 3) + "@example.com";
            for (std::size_t b = 0; b < 7; ++b)
                if (((i / 3) >> b) & 1) email[b] = static_cast<char>(email[b] - 32);
            out += email + "\n";
        }
        return out;
    }, csv);
    check_linear("csv batch: duplicate keys", [](std::size_t n) { return fill("user_identity_key\n", "same-key", "\n", "\n", n); }, csv);
    check_linear("csv batch: one huge quoted field", [](std::size_t n) { return "full_name\n\"" + fill("", "a\"\",", "", "", n) + "\"\n"; }, csv);
    check_linear("csv batch: unterminated quote", [](std::size_t n) { return "full_name\n\"" + std::string(n, 'x'); }, csv);
    // A header of hundreds of thousands of columns (each one looked up once, not against every earlier one), as
    // Seam's names and through the 'auto' column mapping.
    const auto wide_header = [](std::size_t n) {
        std::string out;
        for (std::size_t i = 0; out.size() + 12 < n; ++i) out += (i ? ",c" : "c") + std::to_string(i);
        return out + "\n";
    };
    check_linear("csv batch: a header of many unknown columns", wide_header, csv);
    seamid::column_spec automatic;
    automatic.mode = seamid::column_mode::automatic;
    check_linear("csv batch: a header of many columns, mapped 'auto'", wide_header, [&workspace, &automatic](const std::string& text) {
        (void)seamid::validate_csv_batch(workspace, text, {}, automatic, [](seamid::row_report&&) {});
    });
    const auto json_rows = [&workspace](const std::string& text) { (void)seamid::validate_json_batch(workspace, text, {}, [](seamid::row_report&&) {}); };
    check_linear("json batch: the same email in many cases", [](std::size_t n) {
        std::string out = "[";
        for (std::size_t i = 0; out.size() + 50 < n; ++i) {
            std::string email = "someone@example.com";
            for (std::size_t b = 0; b < 7; ++b)
                if ((i >> b) & 1) email[b] = static_cast<char>(email[b] - 32);
            out += (i ? ",{" : "{") + std::string(R"("email_address": ")") + email + "\"}";
        }
        return out + "]";
    }, json_rows);
}

TEST_CASE("linear time: ACS snapshots and preflights", "[linearity]") {
    const auto load = [](const std::string& text) {
        seamid::acs_model model;
        (void)model.load_text(text);
    };
    check_linear("acs: bad records", [](std::size_t n) { return fill(R"({"acs_users": [)", "1", ",", "]}", n); }, load);
    check_linear("acs: one acs_user_id repeated", [](std::size_t n) {
        return fill(R"({"acs_users": [)", R"({"acs_user_id": "ac000000-0000-4000-8000-000000000001", "acs_system_id": "5e000000-0000-4000-8000-000000000001"})", ",", "]}", n);
    }, load);
    check_linear("acs: one email in many ACS users of a system", [](std::size_t n) {
        std::string out = R"({"acs_systems": [{"acs_system_id": "5e000000-0000-4000-8000-000000000001"}], "acs_users": [)";
        for (std::size_t i = 0; out.size() + 160 < n; ++i) {
            char id[40];
            std::snprintf(id, sizeof id, "ac000000-0000-4000-8000-%012zx", i);
            out += (i ? ",{" : "{") + std::string(R"("acs_user_id": ")") + id +
                   R"(", "acs_system_id": "5e000000-0000-4000-8000-000000000001", "email_address": "Same@Example.com"})";
        }
        return out + "]}";
    }, load);
}

TEST_CASE("linear time: deletion snapshots, plans and events", "[linearity]") {
    check_linear("deletion: bad resources", [](std::size_t n) { return fill(R"({"user_identity": {"user_identity_id": "22222222-2222-2222-2222-222222222222"}, "phones": [)", "1", ",", "]}", n); },
                 [](const std::string& text) { (void)seamid::plan_deletion(text); });
    check_linear("deletion: read a plan of bad steps", [](std::size_t n) { return fill(R"({"steps": [)", R"({"step_id": 1})", ",", "]}", n); },
                 [](const std::string& text) { (void)seamid::read_deletion_plan(text); });
    const auto plan = seamid::read_deletion_plan(R"({"format": "seamid.deletion_plan/1", "ok": true, "user_identity_id": "22222222-2222-2222-2222-222222222222",
        "workspace_id": null, "order": "parallel", "policy": "guide", "steps": [{"step_id": "22222222-2222-2222-2222-222222222222",
        "resource": "user_identity", "depends_on": [], "wave": 0}], "issues": []})");
    REQUIRE(plan.ok());
    check_linear("deletion: events that are not objects", [](std::size_t n) { return fill("[", "1", ",", "]", n); }, [&plan](const std::string& text) {
        seamid::deletion_progress progress(plan, {std::int64_t{0}});
        std::vector<seamid::issue> issues;
        (void)seamid::apply_events_json(progress, text, issues, [](seamid::event_outcome&&) {});
    });
    check_linear("deletion: one event repeated", [](std::size_t n) {
        return fill(R"({"events": [)", R"({"event_id": "0e000000-0000-4000-8000-000000000001", "event_type": "user_identity.deleted"})", ",", "]}", n);
    }, [&plan](const std::string& text) {
        seamid::deletion_progress progress(plan, {std::int64_t{0}});
        std::vector<seamid::issue> issues;
        (void)seamid::apply_events_json(progress, text, issues, [](seamid::event_outcome&&) {});
    });
}
