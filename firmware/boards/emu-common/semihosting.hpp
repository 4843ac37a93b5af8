#pragma once
// Ending a QEMU run with a status: Arm semihosting SYS_EXIT_EXTENDED (operation 0x20,
// parameter block {ADP_Stopped_ApplicationExit = 0x20026, code}); QEMU exits with code & 0xFF
// when started with -semihosting-config enable=on. Arm "Semihosting for AArch32 and
// AArch64" §5.2 (SYS_EXIT), §5.3 (SYS_EXIT_EXTENDED); BKPT 0xAB on M-profile (every
// Cortex-M core class, Armv6-M included).
#include <cstdint>

namespace rig {

[[noreturn]] inline void semihosting_exit(std::uint32_t code) {
    std::uint32_t block[2] = {0x20026u, code};
    for (;;) {
        register std::uint32_t r0 asm("r0") = 0x20;
        register std::uint32_t* r1 asm("r1") = block;
        asm volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
    }
}

}  // namespace rig
