#pragma once
// Board-kit pieces that are the same on STM32F4 and STM32F7 boards: the clock tree as RCC
// reports it (RCC_CFGR and RCC_PLLCFGR have one layout at 0x40023808/0x40023804 on both:
// RM0090 §7.3.2-§7.3.3, RM0390 §6.3.2-§6.3.3, RM0410 §5.3.2-§5.3.3), a pin in alternate
// function (GPIO block: sysboot/stm32/gpio.hpp), an application-like MPU layout and SysTick.
#include <cstdint>

#include "sysboot/cm7/mpu.hpp"
#include "sysboot/cm7/scb.hpp"
#include "sysboot/cm7/systick.hpp"
#include "sysboot/mmio.hpp"
#include "sysboot/stm32/gpio.hpp"

namespace sysboot::stm32::kit {

struct Clocks {
    std::uint32_t sysclk;
    std::uint32_t hclk;
    std::uint32_t pclk1;
    std::uint32_t pclk2;
};

namespace detail {
inline constexpr std::uint32_t RCC_PLLCFGR = 0x40023804;
inline constexpr std::uint32_t RCC_CFGR = 0x40023808;
inline constexpr std::uint32_t kHsiHz = 16'000'000;  // RM0090 §7.2.2, RM0410 §5.2.2

// AHB prescaler (HPRE): 0xxx = /1, 1000 = /2 ... 1111 = /512 (no /32).
inline std::uint32_t ahb_divider(std::uint32_t hpre) {
    if ((hpre & 0x8u) == 0) {
        return 1;
    }
    constexpr std::uint32_t kDiv[] = {2, 4, 8, 16, 64, 128, 256, 512};
    return kDiv[hpre & 0x7u];
}
inline std::uint32_t apb_divider(std::uint32_t ppre) {
    return (ppre & 0x4u) == 0 ? 1u : (2u << (ppre & 0x3u));
}
}  // namespace detail

// Clocks as the RCC registers say they are now: SWS (CFGR [3:2]), PLLCFGR (PLLM [5:0], PLLN
// [14:6], PLLP [17:16], PLLSRC bit 22), HPRE [7:4], PPRE1 [12:10], PPRE2 [15:13].
inline Clocks current_clocks(std::uint32_t hse_hz) {
    const std::uint32_t cfgr = mmio::read32(detail::RCC_CFGR);
    std::uint32_t sysclk = detail::kHsiHz;
    const std::uint32_t sws = (cfgr >> 2) & 0x3u;
    if (sws == 1) {
        sysclk = hse_hz;
    } else if (sws == 2) {
        const std::uint32_t pll = mmio::read32(detail::RCC_PLLCFGR);
        const std::uint32_t in = (pll & (1u << 22)) != 0 ? hse_hz : detail::kHsiHz;
        const std::uint32_t m = pll & 0x3Fu;
        const std::uint32_t n = (pll >> 6) & 0x1FFu;
        const std::uint32_t p = 2u * (((pll >> 16) & 0x3u) + 1u);
        sysclk =
            m == 0 ? 0 : static_cast<std::uint32_t>(static_cast<std::uint64_t>(in) / m * n / p);
    }
    Clocks c{};
    c.sysclk = sysclk;
    c.hclk = sysclk / detail::ahb_divider((cfgr >> 4) & 0xFu);
    c.pclk1 = c.hclk / detail::apb_divider((cfgr >> 10) & 0x7u);
    c.pclk2 = c.hclk / detail::apb_divider((cfgr >> 13) & 0x7u);
    return c;
}

// One pin in alternate function `af`, high speed, push-pull, optional pull-up.
inline void pin_af(unsigned port, unsigned pin, unsigned af, bool pull_up) {
    const std::uint32_t base = gpio::port_base(port);
    const std::uint32_t two = 2u * pin;
    mmio::write32(base + gpio::MODER,
                  (mmio::read32(base + gpio::MODER) & ~(3u << two)) | (gpio::MODE_AF << two));
    mmio::write32(base + gpio::OSPEEDR,
                  (mmio::read32(base + gpio::OSPEEDR) & ~(3u << two)) | (gpio::SPEED_HIGH << two));
    mmio::write32(base + gpio::PUPDR, (mmio::read32(base + gpio::PUPDR) & ~(3u << two)) |
                                          ((pull_up ? gpio::PULL_UP : 0u) << two));
    const std::uint32_t afr = base + (pin < 8 ? gpio::AFRL : gpio::AFRH);
    const std::uint32_t four = 4u * (pin % 8u);
    mmio::write32(afr, (mmio::read32(afr) & ~(0xFu << four)) | (af << four));
}

// A typical application's MPU layout (DDI0403E §B3.5.9 RASR): flash (2^flash_log2 bytes at
// 0x08000000) read-only normal write-through, SRAM (2^sram_log2 at 0x20000000) full access
// normal write-back XN, peripherals shared device XN; background map for privileged code.
inline void mpu_enable(unsigned flash_log2, unsigned sram_log2) {
    constexpr std::uint32_t kXN = 1u << 28;
    constexpr std::uint32_t kApRo = 0x6u << 24;
    constexpr std::uint32_t kApRw = 0x3u << 24;
    constexpr std::uint32_t kNormalWT = 1u << 17;                                // TEX0 C1 B0
    constexpr std::uint32_t kNormalWBWA = (1u << 19) | (1u << 17) | (1u << 16);  // TEX1 C1 B1
    constexpr std::uint32_t kDevice = 1u << 16;                                  // TEX0 C0 B1
    auto size = [](unsigned log2) { return (log2 - 1u) << 1; };
    const std::uint32_t bases[] = {0x08000000, 0x20000000, 0x40000000};
    const std::uint32_t rasr[] = {kApRo | kNormalWT | size(flash_log2),
                                  kXN | kApRw | kNormalWBWA | size(sram_log2),
                                  kXN | kApRw | kDevice | size(29)};
    asm volatile("dsb 0xF" ::: "memory");
    mmio::write32(cm7::mpu::CTRL, 0);
    for (std::uint32_t i = 0; i < 3; ++i) {
        mmio::write32(cm7::mpu::RNR, i);
        mmio::write32(cm7::mpu::RBAR, bases[i]);
        mmio::write32(cm7::mpu::RASR, rasr[i] | cm7::mpu::RASR_ENABLE);
    }
    mmio::write32(cm7::mpu::CTRL, cm7::mpu::CTRL_ENABLE | cm7::mpu::CTRL_PRIVDEFENA);
    asm volatile("dsb 0xF" ::: "memory");
    asm volatile("isb 0xF" ::: "memory");
}

// 1 kHz tick with its interrupt, lowest priority (DDI0403E §B3.3; SHPR3 [31:24]).
inline void systick_enable(std::uint32_t hclk) {
    mmio::write32(cm7::systick::RVR, hclk / 1000u - 1u);
    mmio::write32(cm7::systick::CVR, 0);
    mmio::set_bits32(cm7::scb::SHPR3, (0xF0u << 24));
    mmio::write32(cm7::systick::CSR, cm7::systick::CSR_CLKSOURCE | cm7::systick::CSR_TICKINT |
                                         cm7::systick::CSR_ENABLE);
}

}  // namespace sysboot::stm32::kit
