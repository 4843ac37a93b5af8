// The STM32L4/STM32G4 board kit (sysboot/stm32/l4g4/board_kit.hpp): clocks, flash caches,
// MPU, SysTick and console from the board's BoardConfig, and the port the shared app glue
// (board_app.cpp) uses. No L1 caches on the Cortex-M4: the flash caches are the chip's.
#include "sysboot/stm32/isr_usart.hpp"
#include "sysboot/stm32/l4g4/board_kit.hpp"

#include "sysboot/mmio.hpp"
#include "sysboot/stm32/board_port.hpp"
#include "sysboot/stm32/bounded.hpp"
#include "sysboot/stm32/l4g4/regs.hpp"

namespace sysboot::stm32::l4g4::kit {

namespace {

bool wait_for(std::uint32_t reg, std::uint32_t mask, std::uint32_t want) {
    return stm32::wait_for(reg, mask, want, kWaitIterations);
}

constexpr std::uint32_t kHsi16Hz = 16'000'000;
// MSI ranges 0..11 (RM0351 "MSI clock"): 100 kHz ... 48 MHz.
constexpr std::uint32_t kMsiHz[] = {100'000,    200'000,    400'000,    800'000,
                                    1'000'000,  2'000'000,  4'000'000,  8'000'000,
                                    16'000'000, 24'000'000, 32'000'000, 48'000'000};
constexpr std::uint32_t kCrMsiRgsel = 1u << 3;  // L4 RCC_CR: range from CR, not CSR

// MSI frequency: RCC_CR.MSIRANGE [7:4] once MSIRGSEL is set, else RCC_CSR.MSISRANGE [11:8]
// (the range after reset: 6, 4 MHz). Reads 0 on G4, which has no MSI (SWS never says MSI).
std::uint32_t msi_hz() {
    const std::uint32_t cr = mmio::read32(rcc::CR);
    const std::uint32_t range =
        (cr & kCrMsiRgsel) != 0 ? (cr >> 4) & 0xFu : (mmio::read32(rcc::CSR) >> 8) & 0xFu;
    return range < 12 ? kMsiHz[range] : 0;
}

std::uint32_t source_hz(std::uint32_t code, std::uint32_t hse_hz) {
    return code == rcc::SRC_HSI16 ? kHsi16Hz : code == rcc::SRC_HSE ? hse_hz : msi_hz();
}

std::uint32_t pll_hz(std::uint32_t hse_hz) {
    const std::uint32_t pll = mmio::read32(rcc::PLLCFGR);
    const std::uint32_t src = pll & rcc::PLLCFGR_PLLSRC_MASK;
    const std::uint32_t in = src == rcc::PLLCFGR_PLLSRC_HSI16 ? kHsi16Hz
                             : src == rcc::PLLCFGR_PLLSRC_HSE ? hse_hz
                             : src == rcc::PLLCFGR_PLLSRC_MSI ? msi_hz()
                                                              : 0;
    const std::uint32_t m = ((pll >> rcc::PLLCFGR_PLLM_SHIFT) & 0xFu) + 1u;
    const std::uint32_t n = (pll & rcc::PLLCFGR_PLLN_MASK) >> rcc::PLLCFGR_PLLN_SHIFT;
    const std::uint32_t r = 2u * (((pll >> rcc::PLLCFGR_PLLR_SHIFT) & 0x3u) + 1u);
    return static_cast<std::uint32_t>(static_cast<std::uint64_t>(in) / m * n / r);
}

// RM0440 "Range 1 boost mode": HCLK divided by 2 while the faster clock is switched in, then,
// after at least 1 us, back to /1. ~200 iterations of a few cycles are > 1 us at 170 MHz.
void boost_settle() {
    for (std::uint32_t i = 0; i < 200; ++i) {
        asm volatile("nop");
    }
}

}  // namespace

Clocks current_clocks(std::uint32_t hse_hz) {
    const std::uint32_t cfgr = mmio::read32(rcc::CFGR);
    const std::uint32_t sws = (cfgr & rcc::CFGR_SWS_MASK) >> rcc::CFGR_SWS_SHIFT;
    const std::uint32_t sysclk = sws == rcc::SRC_PLL ? pll_hz(hse_hz) : source_hz(sws, hse_hz);
    Clocks c{};
    c.sysclk = sysclk;
    c.hclk = sysclk / stm32::kit::detail::ahb_divider((cfgr >> rcc::CFGR_HPRE_SHIFT) & 0xFu);
    c.pclk1 = c.hclk / stm32::kit::detail::apb_divider((cfgr >> rcc::CFGR_PPRE1_SHIFT) & 0x7u);
    c.pclk2 = c.hclk / stm32::kit::detail::apb_divider((cfgr >> rcc::CFGR_PPRE2_SHIFT) & 0x7u);
    return c;
}

// RM0351/RM0440 "Dynamic voltage scaling management" and "Increasing the CPU frequency":
// voltage range 1 first, then the PLL from its source, wait states *before* the faster
// clock, the switch, SWS checked. On G4 above 150 MHz, boost mode with HCLK / 2 around it.
bool clock_init(const BoardConfig& b) {
    mmio::set_bits32(rcc::APB1ENR1, rcc::APB1R1_PWR);
    (void)mmio::read32(rcc::APB1ENR1);  // RM: a read delays the first access after enable
    mmio::write32(pwr::CR1, (mmio::read32(pwr::CR1) & ~pwr::CR1_VOS_MASK) | pwr::CR1_VOS_RANGE1);
    if (!wait_for(pwr::SR2, pwr::SR2_VOSF, 0)) {
        return false;
    }
    const bool hse = b.pll_source == rcc::PLLCFGR_PLLSRC_HSE;
    if (hse && b.hse_bypass) {
        mmio::set_bits32(rcc::CR, rcc::CR_HSEBYP);
    }
    const std::uint32_t on = hse ? rcc::CR_HSEON : rcc::CR_HSION;
    const std::uint32_t rdy = hse ? rcc::CR_HSERDY : rcc::CR_HSIRDY;
    mmio::set_bits32(rcc::CR, on);
    if (!wait_for(rcc::CR, rdy, rdy)) {
        return false;
    }
    mmio::write32(rcc::PLLCFGR, b.pll_source | ((b.pllm - 1u) << rcc::PLLCFGR_PLLM_SHIFT) |
                                    (b.plln << rcc::PLLCFGR_PLLN_SHIFT) | rcc::PLLCFGR_PLLREN |
                                    (((b.pllr / 2u) - 1u) << rcc::PLLCFGR_PLLR_SHIFT));
    mmio::set_bits32(rcc::CR, rcc::CR_PLLON);
    if (!wait_for(rcc::CR, rcc::CR_PLLRDY, rcc::CR_PLLRDY)) {
        return false;
    }
    const bool boost = b.boost && kChip.enter_boost != nullptr;
    const std::uint32_t prescalers =
        (b.ppre1 << rcc::CFGR_PPRE1_SHIFT) | (b.ppre2 << rcc::CFGR_PPRE2_SHIFT);
    const std::uint32_t cfgr = mmio::read32(rcc::CFGR) & rcc::CFGR_SW_MASK;
    if (boost) {
        mmio::write32(rcc::CFGR, cfgr | (rcc::CFGR_HPRE_DIV2 << rcc::CFGR_HPRE_SHIFT));
        if (!kChip.enter_boost()) {
            return false;
        }
    }
    const std::uint32_t acr = mmio::read32(flash::ACR) & ~kChip.latency_mask;
    mmio::write32(flash::ACR,
                  acr | b.flash_latency | flash::ACR_PRFTEN | flash::ACR_ICEN | flash::ACR_DCEN);
    if (!wait_for(flash::ACR, kChip.latency_mask, b.flash_latency)) {
        return false;
    }
    const std::uint32_t hpre = (boost ? rcc::CFGR_HPRE_DIV2 : rcc::CFGR_HPRE_DIV1)
                               << rcc::CFGR_HPRE_SHIFT;
    mmio::write32(rcc::CFGR, prescalers | hpre | rcc::SRC_PLL);
    if (!wait_for(rcc::CFGR, rcc::CFGR_SWS_MASK, rcc::SRC_PLL << rcc::CFGR_SWS_SHIFT)) {
        return false;
    }
    if (boost) {
        boost_settle();
        mmio::write32(rcc::CFGR, prescalers | rcc::SRC_PLL);
    }
    return true;
}

// One pin in alternate function `af`, high speed, push-pull, optional pull-up.
void pin_af(const Pin& p, bool pull_up) {
    const std::uint32_t base = gpio::port_base(p.port);
    const std::uint32_t two = 2u * p.pin;
    mmio::write32(base + gpio::MODER,
                  (mmio::read32(base + gpio::MODER) & ~(3u << two)) | (gpio::MODE_AF << two));
    mmio::write32(base + gpio::OSPEEDR,
                  (mmio::read32(base + gpio::OSPEEDR) & ~(3u << two)) | (gpio::SPEED_HIGH << two));
    mmio::write32(base + gpio::PUPDR, (mmio::read32(base + gpio::PUPDR) & ~(3u << two)) |
                                          ((pull_up ? gpio::PULL_UP : 0u) << two));
    const std::uint32_t afr = base + (p.pin < 8 ? gpio::AFRL : gpio::AFRH);
    const std::uint32_t four = 4u * (p.pin % 8u);
    mmio::write32(afr, (mmio::read32(afr) & ~(0xFu << four)) | (std::uint32_t{p.af} << four));
}

// 8N1, oversampling by 16, from the clock we really run at (so the console also works after a
// clock fallback or a refused hand-off): USART BRR = f / baud, LPUART BRR = 256 x f / baud
// ("USART baud rate generation", "LPUART baud rate generation").
void console_init(const BoardConfig& b) {
    mmio::set_bits32(rcc::AHB2ENR, (rcc::AHB2_GPIOA << b.tx.port) | (rcc::AHB2_GPIOA << b.rx.port));
    mmio::set_bits32(b.usart_enr, b.usart_enable_bit);
    (void)mmio::read32(b.usart_enr);
    pin_af(b.tx, false);
    pin_af(b.rx, true);
    const Clocks c = current_clocks(b.hse_hz);
    const std::uint64_t f = b.usart_on_apb2 ? c.pclk2 : c.pclk1;
    const std::uint64_t num = b.lpuart ? f * 256u : f;
    mmio::write32(b.usart_base + usart::CR1, 0);
    mmio::write32(b.usart_base + usart::BRR,
                  static_cast<std::uint32_t>((num + b.baud / 2u) / b.baud));
    mmio::write32(b.usart_base + usart::CR1, usart::CR1_TE | usart::CR1_RE | usart::CR1_UE);
}

}  // namespace sysboot::stm32::l4g4::kit

// ---- the shared app glue's port (sysboot/stm32/board_port.hpp) -----------------------

namespace sysboot::stm32::port {

using l4g4::kit::kBoard;
using l4g4::kit::kChip;
namespace usart = l4g4::usart;

const char* board_name() {
    return kBoard.name;
}

const Device* detect(Status& why) {
    return kChip.detect(why);
}

std::uint32_t flash_kib() {
    return kChip.flash_kib();
}

std::uint32_t rom_version() {
    return kChip.rom_version();
}

void init_hardware() {
    namespace kit = l4g4::kit;
    (void)kit::clock_init(kBoard);  // on failure: the reset clock, and the console follows it
    stm32::kit::mpu_enable(kBoard.flash_log2, kBoard.sram_log2);
    stm32::kit::systick_enable(kit::current_clocks(kBoard.hse_hz).hclk);
    kit::console_init(kBoard);
}

void console_init() {
    l4g4::kit::console_init(kBoard);
}

unsigned console_irq() {
    return kBoard.usart_irq;
}

bool console_tx_ready() {
    return isr_usart::tx_ready(kBoard.usart_base);
}

void console_write(std::uint8_t byte) {
    isr_usart::write(kBoard.usart_base, byte);
}

bool console_tx_done() {
    return isr_usart::tx_done(kBoard.usart_base);
}

int console_read() {
    return isr_usart::read(kBoard.usart_base);
}

}  // namespace sysboot::stm32::port
