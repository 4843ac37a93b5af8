#pragma once
// Chip hooks that read the same registers on STM32L4 and STM32G4 (sysboot/stm32/l4g4/
// regs.hpp): RDP and the hardware-watchdog option from FLASH_OPTR, the reset cause from
// RCC_CSR. The address and bit of the software-reset flag come from the family's row of the
// project part table (protocol/stm32 families/l4.hpp, g4.hpp), which each chip passes in.
#include <cstdint>

#include "sysboot/mmio.hpp"
#include "sysboot/stm32/l4g4/regs.hpp"
#include "sysboot/sysboot.h"

namespace sysboot::stm32::l4g4 {

// RDP byte of FLASH_OPTR: 0xAA level 0, 0xCC level 2, anything else level 1 (RM0351/RM0440
// "Read protection (RDP)").
inline int rdp_level() {
    const std::uint32_t rdp = mmio::read32(flash::OPTR) & flash::OPTR_RDP_MASK;
    if (rdp == flash::RDP_LEVEL0) {
        return 0;
    }
    return rdp == flash::RDP_LEVEL2 ? 2 : 1;
}

// The IWDG has no "running" bit. It runs from reset when IWDG_SW = 0 (hardware watchdog);
// started by software it forces the LSI on (RM0351/RM0440 "LSI clock": LSIRDY set although
// LSION is 0). An app that turned the LSI on itself hides a software-started IWDG here.
inline bool watchdog_running() {
    if ((mmio::read32(flash::OPTR) & flash::OPTR_IWDG_SW) == 0) {
        return true;
    }
    const std::uint32_t csr = mmio::read32(rcc::CSR);
    return (csr & rcc::CSR_LSIRDY) != 0 && (csr & rcc::CSR_LSION) == 0;
}

// Reset cause from RCC_CSR at `csr`, whose software-reset flag is `software_flag`. Any
// internal reset also drives NRST low (RM0351/RM0440 "System reset"), so PINRSTF comes with
// SFTRSTF after SYSRESETREQ: only a pin reset without SFTRSTF is an external reset.
inline std::uint32_t reset_flags(std::uint32_t csr_address, std::uint32_t software_flag) {
    const std::uint32_t csr = mmio::read32(csr_address);
    std::uint32_t flags = 0;
    if ((csr & software_flag) != 0) {
        flags |= SYSBOOT_RESET_SOFTWARE;
    }
    constexpr std::uint32_t kOther = rcc::CSR_OBLRSTF | rcc::CSR_BORRSTF | rcc::CSR_IWDGRSTF |
                                     rcc::CSR_WWDGRSTF | rcc::CSR_LPWRRSTF;
    if ((csr & kOther) != 0 || ((csr & rcc::CSR_PINRSTF) != 0 && (csr & software_flag) == 0)) {
        flags |= SYSBOOT_RESET_OTHER;
    }
    return flags;
}

// RMVF (write 1) clears every reset flag of RCC_CSR at `csr_address`.
inline void clear_reset_flags(std::uint32_t csr_address) {
    mmio::set_bits32(csr_address, rcc::CSR_RMVF);
}

}  // namespace sysboot::stm32::l4g4
