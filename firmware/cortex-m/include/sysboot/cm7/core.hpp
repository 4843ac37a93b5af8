#pragma once
// The running Cortex-M7 as seen by code that needs MMIO and the barriers (target only:
// inline asm). Satisfies the Core interface of sysboot/cm7/reset.hpp.
#include <cstdint>

#include "sysboot/mmio.hpp"

namespace sysboot::cm7 {

struct Core {
    static std::uint32_t read(std::uint32_t addr) { return mmio::read32(addr); }
    static void write(std::uint32_t addr, std::uint32_t value) { mmio::write32(addr, value); }
    // Full-system barriers (DDI0403E §A3.7.3 "Memory barriers").
    static void dsb() { asm volatile("dsb 0xF" ::: "memory"); }
    static void isb() { asm volatile("isb 0xF" ::: "memory"); }
    static void relax() { asm volatile("nop"); }
};

}  // namespace sysboot::cm7
