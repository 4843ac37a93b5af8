#pragma once
// What the reset path needs from a row of the STM32 part table (protocol/stm32,
// docs/families.md), shared by the chip layer (src/device.cpp) and the linker-fragment
// generator (tools/family_ld.cpp) so both agree on which rows a build serves.
// Freestanding: only <cstdint> and the table.
#include <cstdint>

#include "sysboot/stm32/parts.hpp"

namespace sysboot::stm32_family {

// A row the reset path can serve: every value it uses is sourced (never guessed), the ROM's
// two vector words lie in system memory, and some SRAM is left outside the ROM's RAM for the
// no-init block. A row with a kUnknown field (e.g. the H7A3/B3 ROM vectors) is refused.
[[nodiscard]] constexpr bool enterable(const stm32::PartInfo& p) {
    return p.rom_vectors != stm32::kUnknown && p.system_memory.contains(p.rom_vectors, 8) &&
           p.rom_ram.known() && p.sram.known() && p.software_reset_flag.known() &&
           p.rom_ram.base == p.sram.base && p.rom_ram.end() < p.sram.end();
}

// The ROM as the hand-off sees it: from its vector table to the end of system memory. Word 0
// is its initial MSP, word 1 its reset handler, which lies after the table (on STM32H7 the
// table is not at the start of system memory, docs/families.md).
[[nodiscard]] constexpr stm32::Range rom_of(const stm32::PartInfo& p) {
    return {p.rom_vectors, static_cast<std::uint32_t>(p.system_memory.end() - p.rom_vectors)};
}

// RMVF, the bit that clears every reset flag, in the register that holds the software-reset
// flag (the same register on every family). CMSIS device headers of STMicroelectronics,
// repositories cmsis_device_<family>, RCC_CSR_RMVF_Pos (RCC_CSR2 on C0, RCC_RSR on H5/H7):
//   bit 24: F0, F1, F2, F3, F4, F7, L1 (RCC_CSR)
//   bit 23: G0, G4, L0, L4, L5, U5, WB, WL (RCC_CSR), C0 (RCC_CSR2), H5 (RCC_RSR)
//   bit 16: H7 (RCC_RSR; bits 17-30 are its flags)
[[nodiscard]] constexpr std::uint8_t remove_flags_bit(stm32::Family f) {
    using F = stm32::Family;
    switch (f) {
        case F::F0:
        case F::F1:
        case F::F2:
        case F::F3:
        case F::F4:
        case F::F7:
        case F::L1:
            return 24;
        case F::H7:
            return 16;
        default:
            return 23;
    }
}

}  // namespace sysboot::stm32_family
