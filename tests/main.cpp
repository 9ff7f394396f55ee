// Catch2 entry point of the seamid test suite.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
