// The native side of bench/js/paced.mjs, shared by the paced benchmark tools (acs_paced.cpp, deletion_paced.cpp),
// and reading a whole input file (those tools and bulk.cpp).
#pragma once

#include <chrono>
#include <cstddef>
#include <fstream>
#include <sstream>
#include <string>

namespace seamid_bench {

/// The bytes of the file at `path` (empty when it cannot be read).
inline std::string read_file(const char* path) {
    std::ifstream file(path, std::ios::binary);
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}

/// Serves the JS bench's requests: writes "ready" on the answer FIFO, then for each line read from the request
/// FIFO runs `run(line)` and answers "ran <ms>" (or "unknown <line>" when `run` returns false); returns at the
/// end of the requests. The JS side opens the request FIFO for writing first, then the answer FIFO for reading
/// (each open blocks until both ends are there), so they are opened here in the same order.
template <class Run>
void serve_paced(const char* requests_path, const char* answers_path, Run&& run) {
    std::ifstream requests(requests_path);
    std::ofstream answers(answers_path);
    answers << "ready" << std::endl;
    std::string line;
    while (std::getline(requests, line)) {
        const auto start = std::chrono::steady_clock::now();
        const bool known = run(line);
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        if (known) answers << "ran " << ms << std::endl;
        else answers << "unknown " << line << std::endl;
    }
}

}  // namespace seamid_bench
