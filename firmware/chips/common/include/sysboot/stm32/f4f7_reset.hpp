#pragma once
// The peripheral reset walk of the hand-off (step reset_peripherals), shared by the STM32F4
// and STM32F7 chip hooks: both have the RCC at 0x40023800 with the reset registers at the same
// offsets, AHB1RSTR 0x10, AHB2RSTR 0x14, APB1RSTR 0x20, APB2RSTR 0x24, and USB OTG FS at bit 7
// of AHB2RSTR and AHB2ENR (0x34) (RM0090 §7.3.5-§7.3.13, RM0383 §6.3.5-§6.3.12, RM0390
// §6.3.5-§6.3.13, RM0410 §5.3.5-§5.3.11). A chip describes only which bits it resets.
#include <cstdint>

#include "sysboot/mmio.hpp"
#include "sysboot/stm32/bounded.hpp"
#include "sysboot/sysboot.h"

namespace sysboot::stm32::f4f7 {

inline constexpr std::uint32_t RCC_BASE = 0x40023800;
inline constexpr std::uint32_t RCC_AHB2ENR = RCC_BASE + 0x34;
inline constexpr std::uint32_t RCC_AHB2_OTGFS = 1u << 7;

// The reset registers in the order the walk pulses them (offsets from RCC_BASE).
inline constexpr std::uint8_t kResetRegisterOffsets[4] = {0x10, 0x14, 0x20, 0x24};
inline constexpr std::uint32_t kAhb2Index = 1;

// What one chip line resets: the bits to pulse in AHB1RSTR, AHB2RSTR, APB1RSTR, APB2RSTR.
struct ResetWalk {
    std::uint32_t bits[4];
};

// Holds each register's bits in reset, checks they read back set, releases them and checks
// they read back clear (the reset registers read back what was written); stops at the first
// register that does not. USB OTG FS stays in reset for `usb_hold_spins` iterations when the
// application had it clocked: in reset the D+ pull-up is off, and the host must see the
// application's device leave (USB 2.0 §7.1.7.3: a disconnect is seen after 2.5 us of SE0)
// before the ROM's DFU device appears.
template <std::uint32_t kIterations>
[[gnu::noinline]] sysboot_status_t reset_walk(const ResetWalk& w, std::uint32_t usb_hold_spins) {
    const bool usb_was_on = (mmio::read32(RCC_AHB2ENR) & RCC_AHB2_OTGFS) != 0;
    for (std::uint32_t i = 0; i < 4; ++i) {
        const std::uint32_t reg = RCC_BASE + kResetRegisterOffsets[i];
        const std::uint32_t bits = w.bits[i];
        mmio::set_bits32(reg, bits);
        const bool held = wait_bounded<kIterations>(reg, bits, bits);
        if (held && i == kAhb2Index && usb_was_on) {
            for (std::uint32_t n = 0; n < usb_hold_spins; ++n) {
                asm volatile("nop");
            }
        }
        mmio::clear_bits32(reg, bits);
        if (!held || !wait_bounded<kIterations>(reg, bits, 0)) {
            return SYSBOOT_ERR_PERIPHERAL_TIMEOUT;
        }
    }
    return SYSBOOT_OK;
}

}  // namespace sysboot::stm32::f4f7
