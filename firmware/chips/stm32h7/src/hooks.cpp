// STM32H7 chip hooks for the hand-off: the peripherals the ROM uses back to reset, and what the
// hand-off reads about the chip (RDP level, watchdog, reset cause). The clock tree is
// clocks.cpp. Every wait is bounded by kWaitIterations (docs/handoff.md, F6).
#include "sysboot/mmio.hpp"
#include "sysboot/stm32/bounded.hpp"
#include "sysboot/stm32h7/device.hpp"
#include "sysboot/stm32h7/regs.hpp"

namespace sysboot::stm32h7::hooks {

namespace {

bool wait_for(std::uint32_t reg, std::uint32_t mask, std::uint32_t want) {
    return stm32::wait_for(reg, mask, want, kWaitIterations);
}
bool pulse(std::uint32_t reg, std::uint32_t bits) {
    return stm32::pulse(reg, bits, kWaitIterations);
}

// What the line's ROM uses or listens on, per reset register (RM0433/RM0468 "RCC
// register description", bit positions as in ST's CMSIS headers). A bit for a peripheral the
// line lacks is reserved and reads 0, so the sets differ per line (the pulse checks read-back).
struct ResetSet {
    std::uint32_t ahb1;
    std::uint32_t ahb3;
    std::uint32_t ahb4;
    std::uint32_t apb1l;
    std::uint32_t apb1h;
    std::uint32_t apb2;
    std::uint32_t usb;  // in AHB1RSTR, held long enough for the host to see a disconnect
};
constexpr std::uint32_t gpio_ports(unsigned count) {
    return (1u << count) - 1u;
}
// Every GPIO port: the ROM's pins (AN2606 H7 sections: USART1 PA9/PA10, USART2 PA2/PA3,
// USART3 PB10/PB11, I2C on ports A/B/C/F, SPI on ports A/B/C/E/I, FDCAN1 PH13/PH14, USB
// PA11/PA12) span most ports, and the application's own pins (the NUCLEO-144 console on
// PD8/PD9) must stop driving anything the ROM listens to. DMA1/2, MDMA and BDMA: an
// application's transfer still running would write into the ROM's RAM. USART1-3, I2C1-3,
// SPI1-4 and FDCAN: the ROM's interfaces.
constexpr std::uint32_t kDma = rcc::AHB1_DMA1 | rcc::AHB1_DMA2;
constexpr std::uint32_t kApb1l = rcc::APB1L_USART2 | rcc::APB1L_USART3 | rcc::APB1L_I2C1 |
                                 rcc::APB1L_I2C2 | rcc::APB1L_I2C3 | rcc::APB1L_SPI2 |
                                 rcc::APB1L_SPI3;
constexpr std::uint32_t kApb2 = rcc::APB2_USART1 | rcc::APB2_SPI1 | rcc::APB2_SPI4;
// H74x/75x: ports A-K (RM0433; CMSIS stm32h743xx.h GPIOA..GPIOK), OTG on PA11/PA12 is
// USB2 OTG FS; USB1 OTG HS is reset too (an application may use it, the ROM sees it idle).
constexpr ResetSet kResetH74x{kDma,
                              rcc::AHB3_MDMA,
                              gpio_ports(11) | rcc::AHB4_BDMA,
                              kApb1l,
                              rcc::APB1H_FDCAN,
                              kApb2,
                              rcc::AHB1_USB1OTGHS | rcc::AHB1_USB2OTGFS};
// H72x/73x: no port I (RM0468; CMSIS stm32h723xx.h has no GPIOIRST), ports A-H, J, K; one
// OTG, USB1 OTG HS, with its full-speed pins on PA11/PA12.
constexpr ResetSet kResetH72x{kDma,
                              rcc::AHB3_MDMA,
                              gpio_ports(8) | rcc::gpio_bit(9) | rcc::gpio_bit(10) | rcc::AHB4_BDMA,
                              kApb1l,
                              rcc::APB1H_FDCAN,
                              kApb2,
                              rcc::AHB1_USB1OTGHS};

// USB 2.0 §7.1.7.3: a disconnect is seen after 2.5 us of SE0; ~2.5 ms at 400 MHz here.
constexpr std::uint32_t kUsbDisconnectSpins = 1'000'000;

bool pulse_usb(std::uint32_t bits) {
    const bool was_on = (mmio::read32(rcc::AHB1ENR) & bits) != 0;
    mmio::set_bits32(rcc::AHB1RSTR, bits);
    bool ok = wait_for(rcc::AHB1RSTR, bits, bits);
    if (ok && was_on) {
        for (std::uint32_t i = 0; i < kUsbDisconnectSpins; ++i) {
            asm volatile("nop");
        }
    }
    mmio::clear_bits32(rcc::AHB1RSTR, bits);
    return wait_for(rcc::AHB1RSTR, bits, 0) && ok;
}

sysboot_status_t reset_set(const ResetSet& s) {
    const bool ok = pulse(rcc::AHB1RSTR, s.ahb1) && pulse(rcc::AHB3RSTR, s.ahb3) &&
                    pulse(rcc::AHB4RSTR, s.ahb4) && pulse(rcc::APB1LRSTR, s.apb1l) &&
                    pulse(rcc::APB1HRSTR, s.apb1h) && pulse(rcc::APB2RSTR, s.apb2) &&
                    pulse_usb(s.usb);
    return ok ? SYSBOOT_OK : SYSBOOT_ERR_PERIPHERAL_TIMEOUT;
}

}  // namespace

sysboot_status_t reset_peripherals_h74x() {
    return reset_set(kResetH74x);
}
sysboot_status_t reset_peripherals_h72x() {
    return reset_set(kResetH72x);
}

// RDP byte of FLASH_OPTSR_CUR (RM0433 "FLASH registers"): 0xAA level 0, 0xCC level 2, anything
// else 1.
int rdp_level() {
    const std::uint32_t rdp =
        (mmio::read32(flash::OPTSR_CUR) & flash::OPTSR_RDP_MASK) >> flash::OPTSR_RDP_SHIFT;
    if (rdp == flash::RDP_LEVEL0) {
        return 0;
    }
    return rdp == flash::RDP_LEVEL2 ? 2 : 1;
}

// IWDG1 runs when the hardware-watchdog option is selected (IWDG1_SW = 0), and once started
// by software it keeps the LSI on without LSION (RM0433 "LSI clock": LSIRDY set while
// LSION is 0). An application that turned the LSI on itself hides a software-started IWDG.
bool watchdog_running() {
    if ((mmio::read32(flash::OPTSR_CUR) & flash::OPTSR_IWDG1_SW) == 0) {
        return true;
    }
    const std::uint32_t csr = mmio::read32(rcc::CSR);
    return (csr & rcc::CSR_LSIRDY) != 0 && (csr & rcc::CSR_LSION) == 0;
}

// Reset cause from RCC_RSR (RM0433 "Reset source identification"): SYSRESETREQ sets
// SFTRSTF together with PINRSTF (an internal reset drives NRST), so only a pin reset without
// SFTRSTF is an external reset.
std::uint32_t reset_flags() {
    const std::uint32_t rsr = mmio::read32(software_reset_flag_register());
    const bool software = (rsr & software_reset_flag_mask()) != 0;
    std::uint32_t flags = software ? std::uint32_t{SYSBOOT_RESET_SOFTWARE} : 0u;
    constexpr std::uint32_t kOther = rcc::RSR_BORRSTF | rcc::RSR_PORRSTF | rcc::RSR_IWDG1RSTF |
                                     rcc::RSR_WWDG1RSTF | rcc::RSR_LPWRRSTF;
    if ((rsr & kOther) != 0 || ((rsr & rcc::RSR_PINRSTF) != 0 && !software)) {
        flags |= SYSBOOT_RESET_OTHER;
    }
    return flags;
}

// RMVF (write 1) clears every flag of RCC_RSR.
void clear_reset_flags() {
    mmio::set_bits32(software_reset_flag_register(), rcc::RSR_RMVF);
}

}  // namespace sysboot::stm32h7::hooks
