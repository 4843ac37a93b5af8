#pragma once
// Chip hooks that read the same registers at the same addresses on STM32F4 and STM32F7: the
// RCC at 0x40023800 and the flash interface at 0x40023C00 (RM0090 §2.3 / RM0390 §2.2.2 /
// RM0410 §2.2.2 memory maps), RCC_CSR at offset 0x74 with the reset flags in [31:24] (RM0090
// §7.3.21, RM0383 §6.3.20, RM0390 §6.3.21, RM0410 §5.3.21), FLASH_OPTCR at offset 0x14 with
// RDP in [15:8] and WDG_SW in bit 5 (RM0090 §3.9.10, RM0383 §3.8.6, RM0390 §3.8.6, RM0410
// §3.7.6). Used by firmware/chips/stm32f4 and firmware/chips/stm32f7.
#include <cstdint>

#include "sysboot/mmio.hpp"
#include "sysboot/sysboot.h"

namespace sysboot::stm32::f4f7 {

inline constexpr std::uint32_t RCC_CSR = 0x40023800 + 0x74;
inline constexpr std::uint32_t CSR_LSION = 1u << 0;
inline constexpr std::uint32_t CSR_LSIRDY = 1u << 1;
inline constexpr std::uint32_t CSR_RMVF = 1u << 24;
inline constexpr std::uint32_t CSR_BORRSTF = 1u << 25;
inline constexpr std::uint32_t CSR_PINRSTF = 1u << 26;  // PADRSTF in RM0090
inline constexpr std::uint32_t CSR_PORRSTF = 1u << 27;
inline constexpr std::uint32_t CSR_SFTRSTF = 1u << 28;
inline constexpr std::uint32_t CSR_IWDGRSTF = 1u << 29;  // WDGRSTF in RM0090
inline constexpr std::uint32_t CSR_WWDGRSTF = 1u << 30;
inline constexpr std::uint32_t CSR_LPWRRSTF = 1u << 31;

inline constexpr std::uint32_t FLASH_OPTCR = 0x40023C00 + 0x14;
inline constexpr std::uint32_t OPTCR_WDG_SW = 1u << 5;  // 0 = hardware watchdog (always on)
inline constexpr std::uint32_t OPTCR_RDP_SHIFT = 8;
inline constexpr std::uint32_t OPTCR_RDP_MASK = 0xFFu << 8;
// RDP byte values (RM0090 §3.7.3, RM0410 §3.7.3 "Read protection (RDP)").
inline constexpr std::uint32_t RDP_LEVEL0 = 0xAA;
inline constexpr std::uint32_t RDP_LEVEL2 = 0xCC;

// RDP byte of FLASH_OPTCR: 0xAA level 0, 0xCC level 2, anything else level 1.
inline int rdp_level() {
    const std::uint32_t rdp = (mmio::read32(FLASH_OPTCR) & OPTCR_RDP_MASK) >> OPTCR_RDP_SHIFT;
    if (rdp == RDP_LEVEL0) {
        return 0;
    }
    return rdp == RDP_LEVEL2 ? 2 : 1;
}

// The IWDG has no "running" bit. It runs when the hardware-watchdog option is selected
// (WDG_SW = 0), and once started by software it forces the LSI on (RM0090 §7.2.5, RM0410
// §5.2.5 "LSI clock": LSIRDY is set although LSION is 0). An app that turned the LSI on
// itself (LSION = 1) hides a software-started IWDG from this test: reported as not running.
inline bool watchdog_running() {
    if ((mmio::read32(FLASH_OPTCR) & OPTCR_WDG_SW) == 0) {
        return true;
    }
    const std::uint32_t csr = mmio::read32(RCC_CSR);
    return (csr & CSR_LSIRDY) != 0 && (csr & CSR_LSION) == 0;
}

// Reset cause from RCC_CSR. Any internal reset (software, watchdog, low-power) also drives
// NRST low (RM0090 §7.1.2, RM0410 §5.1.2 reset circuit), so the pin flag comes with SFTRSTF
// after SYSRESETREQ: only a pin reset *without* SFTRSTF is an external reset.
inline std::uint32_t reset_flags() {
    const std::uint32_t csr = mmio::read32(RCC_CSR);
    std::uint32_t flags = 0;
    if ((csr & CSR_SFTRSTF) != 0) {
        flags |= SYSBOOT_RESET_SOFTWARE;
    }
    constexpr std::uint32_t kOther =
        CSR_BORRSTF | CSR_PORRSTF | CSR_IWDGRSTF | CSR_WWDGRSTF | CSR_LPWRRSTF;
    if ((csr & kOther) != 0 || ((csr & CSR_PINRSTF) != 0 && (csr & CSR_SFTRSTF) == 0)) {
        flags |= SYSBOOT_RESET_OTHER;
    }
    return flags;
}

// RMVF clears every reset flag (write 1).
inline void clear_reset_flags() {
    mmio::set_bits32(RCC_CSR, CSR_RMVF);
}

}  // namespace sysboot::stm32::f4f7
