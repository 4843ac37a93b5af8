// Boot stub for qemu-an500: plays the part of the STM32F7's boot hardware, which QEMU lacks.
// On STM32F7 the core fetches its vector table from the boot address (BOOT_ADD0 option,
// RM0385 §2.5 "Boot configuration"), which is the flash; here the flash is PSRAM at
// 0x60000000 and the core always starts at 0x00000000, so this stub:
//  1. records a reset cause (like RCC_CSR): power-on when the flash is still blank,
//     software reset otherwise;
//  2. on the very first boot only, installs the factory image (QEMU loads it at
//     0x00100000) into the flash and fills the rest of the flash with 0xFF (erased);
//  3. sets VTOR, MSP from the flash's vector table and branches to its reset vector,
//     leaving every other register as reset left it.
// It uses no stack and no RAM other than the reset-cause word.
#include <cstdint>

#include "mps2.hpp"
#include "semihosting.hpp"
#include "sysboot/cm7/scb.hpp"
#include "sysboot/mmio.hpp"
#include "sysboot/sysboot.h"

extern "C" [[noreturn]] void bootstub_reset();

namespace {
using Vector = void (*)();
}

[[gnu::section(".isr_vector"), gnu::used]] const Vector g_bootstub_vectors[2] = {
    reinterpret_cast<Vector>(0x203FFF00u),  // below the reset-cause word; the app sets its own
    bootstub_reset,
};

using sysboot::mmio::reg32;

extern "C" [[noreturn]] void bootstub_reset() {
    const bool blank = reg32(mps2::kFlashBase) == 0 && reg32(mps2::kFlashBase + 4) == 0;
    reg32(mps2::kResetCause) = blank ? SYSBOOT_RESET_OTHER : SYSBOOT_RESET_SOFTWARE;
    if (blank) {
        // Word 7 of the image's vector table holds its size (firmware/startup/startup.cpp).
        std::uint32_t size = reg32(mps2::kFactoryImage + 7 * 4);
        if (size == 0 || size > mps2::kFlashSize / 2) {
            size = mps2::kFlashSize / 2;
        }
        size = (size + 3u) & ~3u;
        for (std::uint32_t off = 0; off < mps2::kFlashSize; off += 4) {
            reg32(mps2::kFlashBase + off) =
                off < size ? reg32(mps2::kFactoryImage + off) : 0xFFFFFFFFu;
        }
    }
    const std::uint32_t sp = reg32(mps2::kFlashBase);
    const std::uint32_t pc = reg32(mps2::kFlashBase + 4);
    if ((pc & 1u) == 0 || pc == 0xFFFFFFFFu) {
        // Nothing bootable in the flash (e.g. erased and not rewritten): stop the run with
        // a status instead of executing garbage.
        mps2::semihosting_exit(0xBB);
    }
    reg32(sysboot::cm7::scb::VTOR) = mps2::kFlashBase;
    asm volatile(
        "dsb 0xF\n\t"
        "isb 0xF\n\t"
        "msr msp, %0\n\t"
        "bx %1\n\t" ::"r"(sp),
        "r"(pc)
        : "memory");
    __builtin_unreachable();
}
