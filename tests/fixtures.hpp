// Test helper: reads the shared JSON fixtures in tests/fixtures/ (also read by the JS tests).
#pragma once

#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

namespace seamid_test {

/// Parses tests/fixtures/<name>; a missing or malformed file yields a discarded json (tests then fail).
inline nlohmann::json load_fixture(const std::string& name) {
    std::ifstream file(std::string(SEAMID_FIXTURES_DIR) + "/" + name, std::ios::binary);
    std::stringstream text;
    text << file.rdbuf();
    return nlohmann::json::parse(text.str(), nullptr, false);
}

}  // namespace seamid_test
