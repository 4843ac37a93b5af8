#pragma once
// Bounded register waits shared by the STM32 chip hooks: every MMIO wait in the hand-off ends
// after a fixed number of reads and reports failure instead of hanging (docs/handoff.md, F6).
#include <cstdint>

#include "sysboot/mmio.hpp"

namespace sysboot::stm32 {

// Polls until (reg & mask) == want, at most `iterations` reads.
inline bool wait_for(std::uint32_t reg, std::uint32_t mask, std::uint32_t want,
                     std::uint32_t iterations) {
    for (std::uint32_t i = 0; i < iterations; ++i) {
        if ((mmio::read32(reg) & mask) == want) {
            return true;
        }
    }
    return false;
}

// The one out-of-line wait a chip's hooks call, its bound fixed per chip: one copy of the
// loop for every wait of the hand-off, and three arguments per call site.
template <std::uint32_t kIterations>
[[gnu::noinline]] bool wait_bounded(std::uint32_t reg, std::uint32_t mask, std::uint32_t want) {
    return wait_for(reg, mask, want, kIterations);
}

// Asserts `bits` in an RCC peripheral reset register, checks they read back, releases them,
// checks again (the reset registers read back what was written: RM0090/RM0410 "RCC ...
// peripheral reset register").
inline bool pulse(std::uint32_t reg, std::uint32_t bits, std::uint32_t iterations) {
    if (bits == 0) {
        return true;
    }
    mmio::set_bits32(reg, bits);
    if (!wait_for(reg, bits, bits, iterations)) {
        return false;
    }
    mmio::clear_bits32(reg, bits);
    return wait_for(reg, bits, 0, iterations);
}

}  // namespace sysboot::stm32
