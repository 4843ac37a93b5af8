// Boot code of the micro:bit rig (Cortex-M0): the vector table at address 0 plays STM32F0's
// memory remap. A Cortex-M0 has no VTOR and always takes exceptions through the table at 0
// (DDI0419 §B1.5.3); on STM32F0 what appears at 0 is selected by SYSCFG_CFGR1.MEM_MODE: 00
// main flash, 01 system memory (RM0091 §9.1.1). The nRF51 has no such switch, so:
//  - every exception vector here points to one dispatcher that reads the emulated MEM_MODE
//    word (rig.hpp: kMemModeWord) and branches to the handler of the same exception in the
//    table of the selected memory (the application's at kFlashBase, the stand-in ROM's at
//    kStandInRomBase). The exception entry already stacked r0-r3, r12, LR, PC, xPSR and LR
//    holds EXC_RETURN, so the handler runs as if the core had fetched it itself;
//  - the reset vector sets MEM_MODE to main flash (its value after a reset with BOOT0 low),
//    records a reset cause and starts the application from its vector table. On the first
//    boot it installs the factory image into the flash through the NVMC first: QEMU's loader
//    restores what it loads at every system reset, so it must not load into the flash the
//    ROM programs (rig.hpp kFactoryImage).
// The ROM's interrupts therefore reach the ROM only if the hand-off remapped system memory
// (the board's map_system_memory hook writes the word), exactly as on an STM32F0. QEMU's
// Cortex-M0 model does implement a VTOR; nothing here uses it, and the stand-in ROM reports a
// hand-off that wrote it (emu/rom/capture_v6m.cpp).
#include <cstdint>

#include "rig.hpp"
#include "semihosting.hpp"
#include "sysboot/mmio.hpp"
#include "sysboot/sysboot.h"

extern "C" {
[[noreturn]] void remap_reset();
void remap_dispatch();
}

namespace {
using Vector = void (*)();
constexpr unsigned kVectors = 16 + rig::kIrqCount;
struct Table {
    std::uint32_t sp;
    Vector v[kVectors - 1];
};
constexpr Table make_table() {
    Table t{rig::kOptionStore, {}};  // the top of the application's RAM, not yet in use
    t.v[0] = remap_reset;
    for (unsigned i = 1; i < kVectors - 1; ++i) {
        t.v[i] = remap_dispatch;
    }
    return t;
}
}  // namespace

[[gnu::section(".isr_vector"), gnu::used]] const Table g_remap_vectors = make_table();

// Registers r0-r3 only (stacked by the exception entry); LR untouched; no stack use.
extern "C" [[gnu::naked]] void remap_dispatch() {
    asm volatile(
        ".syntax unified\n\t"  // GCC's Thumb-1 inline assembly defaults to divided syntax
        "ldr r0, =%c[mode]\n\t"
        "ldr r0, [r0]\n\t"
        "movs r1, #%c[mask]\n\t"
        "ands r0, r1\n\t"
        "ldr r1, =%c[flash]\n\t"
        "cmp r0, #%c[system]\n\t"
        "bne 1f\n\t"
        "ldr r1, =%c[rom]\n\t"
        "1:\n\t"
        "mrs r2, ipsr\n\t"
        "lsls r2, r2, #2\n\t"
        "ldr r1, [r1, r2]\n\t"
        "bx r1\n\t"
        ".ltorg\n\t"
        ".syntax divided\n\t" ::[mode] "i"(rig::kMemModeWord),
        [mask] "i"(rig::kMemModeMask), [flash] "i"(rig::kFlashBase),
        [system] "i"(rig::kMemModeSystem), [rom] "i"(rig::kStandInRomBase));
}

using sysboot::mmio::reg32;

extern "C" [[noreturn]] void remap_reset() {
    // RAM survives QEMU's system reset: the magic word tells the first boot from later ones.
    constexpr std::uint32_t kMagic = 0xB0075EEDu;
    const bool first = reg32(rig::kBootMagic) != kMagic;
    reg32(rig::kBootMagic) = kMagic;
    if (first) {
        rig::nrf51_nvmc::erase(rig::kFlashBase, rig::kFactoryImageSize);
        for (std::uint32_t i = 0; i < rig::kFactoryImageSize; i += 4) {
            rig::nrf51_nvmc::program_word(rig::kFlashBase + i, reg32(rig::kFactoryImage + i));
        }
    }
    reg32(rig::kResetCause) = first ? SYSBOOT_RESET_OTHER : SYSBOOT_RESET_SOFTWARE;
    reg32(rig::kMemModeWord) = rig::kMemModeFlash;
    const std::uint32_t sp = reg32(rig::kFlashBase);
    const std::uint32_t pc = reg32(rig::kFlashBase + 4);
    if ((pc & 1u) == 0 || pc == 0xFFFFFFFFu) {
        rig::semihosting_exit(0xBB);  // nothing bootable: end the run with a status
    }
    asm volatile(
        "msr msp, %0\n\t"
        "bx %1\n\t" ::"r"(sp),
        "r"(pc)
        : "memory");
    __builtin_unreachable();
}
