// The ACS benchmark snapshot: user identities, ACS users and systems with deterministic ids and contacts.
// bench/js/acs.bench.mjs builds byte-identical text (and passes its file to seamid_bench to be sure).
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

namespace seamid_bench {

/// Sizes of the ACS snapshot (the target: 100,000 identities, 300,000 ACS users, 50 systems).
struct acs_sizes {
    unsigned identities = 100000;
    unsigned acs_users = 300000;
    unsigned systems = 50;
};

/// The id of record `n` of a kind: prefix "1d" identities, "ac" ACS users, "5e" systems.
inline std::string acs_id(const char* prefix, unsigned n) {
    char out[40];
    std::snprintf(out, sizeof out, "%s000000-0000-4000-8000-%012x", prefix, n);
    return out;
}

/// System of ACS user j: the identity j % N gets one ACS user in each of three distinct systems.
inline unsigned acs_system_of(unsigned j, const acs_sizes& sizes) { return (j % sizes.identities + 17 * (j / sizes.identities)) % sizes.systems; }
/// True when ACS user j is linked to identity j % N (every tenth ACS user is free).
inline bool acs_linked(unsigned j) { return j % 10 != 9; }

/// The snapshot as JSON text: {"user_identities": [...], "acs_systems": [...], "acs_users": [...]}.
inline std::string acs_snapshot_text(const acs_sizes& sizes = {}) {
    std::string out = "{\"user_identities\":[";
    char phone[16];
    for (unsigned i = 0; i < sizes.identities; ++i) {
        std::snprintf(phone, sizeof phone, "+1415%07u", i);
        if (i) out += ',';
        out += "{\"user_identity_id\":\"" + acs_id("1d", i) + "\",\"email_address\":\"user" + std::to_string(i) + "@example.com\",\"phone_number\":\"" +
               phone + "\",\"full_name\":\"User " + std::to_string(i) + "\",\"display_name\":\"User " + std::to_string(i) + "\"}";
    }
    out += "],\"acs_systems\":[";
    for (unsigned s = 0; s < sizes.systems; ++s) {
        if (s) out += ',';
        out += "{\"acs_system_id\":\"" + acs_id("5e", s) + "\",\"name\":\"System " + std::to_string(s) + "\",\"external_type\":\"salto_ks_site\"}";
    }
    out += "],\"acs_users\":[";
    for (unsigned j = 0; j < sizes.acs_users; ++j) {
        const unsigned i = j % sizes.identities;
        std::snprintf(phone, sizeof phone, "+1415%07u", i);
        if (j) out += ',';
        out += "{\"acs_user_id\":\"" + acs_id("ac", j) + "\",\"acs_system_id\":\"" + acs_id("5e", acs_system_of(j, sizes)) + "\",";
        if (acs_linked(j)) out += "\"user_identity_id\":\"" + acs_id("1d", i) + "\",";
        const std::string email = j % 50 == 7 ? "other" + std::to_string(j) : "user" + std::to_string(i);
        out += "\"full_name\":\"User " + std::to_string(i) + "\",\"email_address\":\"" + email + "@example.com\",\"phone_number\":\"" + phone +
               "\",\"is_suspended\":false}";
    }
    out += "]}";
    return out;
}

/// add_acs_user requests, a third each: an existing link (no-op), an ACS user of another identity
/// (refused), a free ACS user (allowed unless the identity already has one in that system).
inline std::vector<std::pair<std::string, std::string>> acs_link_requests(unsigned count, const acs_sizes& sizes = {}) {
    std::vector<std::pair<std::string, std::string>> out;
    for (unsigned k = 0; k < count; ++k) {
        unsigned j = static_cast<unsigned>((static_cast<std::uint64_t>(k) * 7919u) % sizes.acs_users);
        unsigned identity;
        if (k % 3 == 2) {
            j = static_cast<unsigned>((static_cast<std::uint64_t>(k) * 7919u) % (sizes.acs_users / 10)) * 10 + 9;
            identity = static_cast<unsigned>((static_cast<std::uint64_t>(j) * 31u) % sizes.identities);
        } else {
            if (!acs_linked(j)) --j;
            identity = (j + (k % 3)) % sizes.identities;
        }
        out.emplace_back(acs_id("1d", identity), acs_id("ac", j));
    }
    return out;
}

/// add_acs_user requests naming each ACS user once (j = 0, 1, ...), with identity (j + j % 3) % N: a program that
/// checks every link of a workspace once, so that no id is seen twice within 300,000 requests.
inline std::vector<std::pair<std::string, std::string>> acs_distinct_link_requests(const acs_sizes& sizes = {}) {
    std::vector<std::pair<std::string, std::string>> out;
    for (unsigned j = 0; j < sizes.acs_users; ++j) out.emplace_back(acs_id("1d", (j + j % 3) % sizes.identities), acs_id("ac", j));
    return out;
}

}  // namespace seamid_bench
