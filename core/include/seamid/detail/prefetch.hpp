// prefetch_for_read: start loading a cache line that a later step will read, so that the look-ups of several
// values overlap their cache misses instead of paying them one after another.
#pragma once

namespace seamid::detail {

/// Asks the CPU to start loading `*address`. WebAssembly has no prefetch instruction (the builtin compiles to
/// nothing): there the value is read for real, a load nothing waits for, which the CPU still overlaps with
/// the other loads of the group.
template <class T>
inline void prefetch_for_read(const T* address) noexcept {
#if defined(__wasm__)
    (void)*static_cast<const volatile unsigned char*>(static_cast<const void*>(address));
#elif defined(__GNUC__) || defined(__clang__)
    __builtin_prefetch(address);
#else
    (void)address;
#endif
}

}  // namespace seamid::detail
