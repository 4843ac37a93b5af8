// Boot stub for the MPS2 rigs (qemu-an385/-an386/-an500/-an505): plays the part of the
// STM32's boot hardware, which QEMU lacks. On STM32F7 the core fetches its vector table from
// the boot address (BOOT_ADD0 option, RM0385 §2.5 "Boot configuration"), which is the flash;
// here the flash is PSRAM (rig.hpp: kFlashBase) and the core always starts at the board's
// reset vector table (0x00000000; 0x10000000 on the Secure Cortex-M33 of AN505), so this
// stub:
//  1. records a reset cause (like RCC_CSR): power-on when the flash is still blank,
//     software reset otherwise;
//  2. on the very first boot only, installs the factory image (QEMU loads it at
//     0x00100000) into the flash and fills the rest of the flash with 0xFF (erased);
//  3. sets VTOR, MSP from the flash's vector table and branches to its reset vector,
//     leaving every other register as reset left it.
// It uses no stack and no RAM other than the reset-cause word.
#include <cstdint>

#include "rig.hpp"
#include "semihosting.hpp"
#include "sysboot/cm7/scb.hpp"
#include "sysboot/mmio.hpp"
#include "sysboot/sysboot.h"

extern "C" [[noreturn]] void bootstub_reset();

namespace {
using Vector = void (*)();
}

[[gnu::section(".isr_vector"), gnu::used]] const Vector g_bootstub_vectors[2] = {
    reinterpret_cast<Vector>(rig::kRamBase + rig::kRamSize - 0x100),  // below the reset-cause word
    bootstub_reset,
};

using sysboot::mmio::reg32;

extern "C" [[noreturn]] void bootstub_reset() {
    const bool blank = reg32(rig::kFlashBase) == 0 && reg32(rig::kFlashBase + 4) == 0;
    reg32(rig::kResetCause) = blank ? SYSBOOT_RESET_OTHER : SYSBOOT_RESET_SOFTWARE;
    if (blank) {
        // Word 7 of the image's vector table holds its size (firmware/startup/startup.cpp).
        std::uint32_t size = reg32(rig::kFactoryImage + 7 * 4);
        if (size == 0 || size > rig::kFlashSize / 2) {
            size = rig::kFlashSize / 2;
        }
        size = (size + 3u) & ~3u;
        for (std::uint32_t off = 0; off < rig::kFlashSize; off += 4) {
            reg32(rig::kFlashBase + off) =
                off < size ? reg32(rig::kFactoryImage + off) : 0xFFFFFFFFu;
        }
    }
    const std::uint32_t sp = reg32(rig::kFlashBase);
    const std::uint32_t pc = reg32(rig::kFlashBase + 4);
    if ((pc & 1u) == 0 || pc == 0xFFFFFFFFu) {
        // Nothing bootable in the flash (e.g. erased and not rewritten): stop the run with
        // a status instead of executing garbage.
        rig::semihosting_exit(0xBB);
    }
    reg32(sysboot::cm7::scb::VTOR) = rig::kFlashBase;
    asm volatile(
        "dsb 0xF\n\t"
        "isb 0xF\n\t"
        "msr msp, %0\n\t"
        "bx %1\n\t" ::"r"(sp),
        "r"(pc)
        : "memory");
    __builtin_unreachable();
}
