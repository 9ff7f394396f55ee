// The library version (kept equal to project(VERSION) in CMakeLists.txt and bindings/js/package.json).
#pragma once

namespace seamid {

/// seamid's version string.
inline constexpr const char* version = "0.1.0";

}  // namespace seamid
