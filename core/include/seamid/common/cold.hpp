// SEAMID_COLD: marks a function that runs once per report, rendering, header, resume or one-item call, or once per
// finding (building an issue's strings costs far more than the call), never once per item of a large input.
#pragma once

/// Kept out of line and compiled for size (Clang's minsize; GCC's cold), so the WebAssembly modules carry one small
/// copy of such code while the hot paths (loading, checking, planning, replaying) stay inlined at -O3.
#if defined(__clang__)
#define SEAMID_COLD [[gnu::noinline, clang::minsize]]
#elif defined(__GNUC__)
#define SEAMID_COLD [[gnu::noinline, gnu::cold]]
#else
#define SEAMID_COLD
#endif
