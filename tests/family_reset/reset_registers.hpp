#pragma once
// The reset-cause register of each STM32 family as the emulated chip models it, written down
// here from ST's CMSIS device headers (repositories STMicroelectronics/cmsis_device_<family>:
// RCC_BASE or RCC_BASE_NS, the offset of CSR/CSR2/RSR in RCC_TypeDef, RCC_<reg>_SFTRSTF_Pos and
// RCC_<reg>_RMVF_Pos) and not taken from the part table or the chip layer, so that a wrong
// flag bit in a table row, or a wrong RMVF in the layer, makes the emulated reset path fail.
#include <cstdint>

#include "sysboot/stm32/part.hpp"

namespace family_reset {

struct ResetRegister {
    std::uint32_t address;  // RCC base + register offset
    std::uint8_t software;  // SFTRSTF: set by SYSRESETREQ, read-only
    std::uint8_t remove;    // RMVF: writing 1 clears every reset flag
};

constexpr ResetRegister reset_register(sysboot::stm32::Family f) {
    using F = sysboot::stm32::Family;
    switch (f) {
        case F::C0:
            return {0x40021000 + 0x60, 28, 23};  // RCC_CSR2
        case F::F0:
        case F::F1:
        case F::F3:
            return {0x40021000 + 0x24, 28, 24};  // RCC_CSR
        case F::F2:
        case F::F4:
        case F::F7:
            return {0x40023800 + 0x74, 28, 24};  // RCC_CSR
        case F::G0:
            return {0x40021000 + 0x60, 28, 23};  // RCC_CSR
        case F::G4:
        case F::L4:
        case F::L5:
            return {0x40021000 + 0x94, 28, 23};  // RCC_CSR (L5: Non-secure alias)
        case F::H5:
            return {0x44020C00 + 0xF4, 28, 23};  // RCC_RSR (Non-secure alias)
        case F::H7:
            return {0x58024400 + 0xD0, 24, 16};  // RCC_RSR (H74x/75x, H72x/73x)
        case F::L0:
            return {0x40021000 + 0x50, 28, 23};  // RCC_CSR
        case F::L1:
            return {0x40023800 + 0x34, 28, 24};  // RCC_CSR
        case F::U5:
            return {0x46020C00 + 0xF4, 28, 23};  // RCC_CSR (Non-secure alias)
        case F::WB:
        case F::WL:
            return {0x58000000 + 0x94, 28, 23};  // RCC_CSR
    }
    return {0, 0, 0};
}

}  // namespace family_reset
