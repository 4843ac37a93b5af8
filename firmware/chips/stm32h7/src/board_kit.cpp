// The STM32H7 board kit: supply, clocks, MPU, SysTick and console from the board's
// BoardConfig, and the port the shared app glue (firmware/chips/common/src/board_app.cpp)
// uses. The RCC and GPIO sit elsewhere than on F4/F7 (regs.hpp, usart.hpp), so the clock
// readback and the pin set-up are this kit's own; the MPU layout and SysTick are the common
// ones (the SCS is the Cortex-M7's).
#include "sysboot/stm32h7/board_kit.hpp"
#include "sysboot/stm32/isr_usart.hpp"

#include "sysboot/cm7/cache.hpp"
#include "sysboot/cm7/scb.hpp"
#include "sysboot/mmio.hpp"
#include "sysboot/stm32/board_port.hpp"
#include "sysboot/stm32/bounded.hpp"
#include "sysboot/stm32/gpio.hpp"
#include "sysboot/stm32h7/regs.hpp"
#include "sysboot/stm32h7/usart.hpp"

namespace sysboot::stm32h7::kit {

namespace {

bool wait_for(std::uint32_t reg, std::uint32_t mask, std::uint32_t want) {
    return stm32::wait_for(reg, mask, want, kWaitIterations);
}

constexpr std::uint32_t kHsiHz = 64'000'000;  // RM0433 "HSI oscillator"
constexpr std::uint32_t kCsiHz = 4'000'000;

// HPRE/D1CPRE: 0xxx = /1, 1000 = /2 ... 1111 = /512 (no /32); DxPPREx: 0xx = /1, 100 = /2...
std::uint32_t ahb_divider(std::uint32_t code) {
    constexpr std::uint32_t kDiv[] = {2, 4, 8, 16, 64, 128, 256, 512};
    return (code & 0x8u) == 0 ? 1u : kDiv[code & 0x7u];
}
std::uint32_t apb_divider(std::uint32_t code) {
    return (code & 0x4u) == 0 ? 1u : (2u << (code & 0x3u));
}

std::uint32_t pll1_p_hz(std::uint32_t hse_hz) {
    const std::uint32_t sel = mmio::read32(rcc::PLLCKSELR);
    const std::uint32_t src = sel & 3u;
    const std::uint32_t in = src == 0   ? kHsiHz >> ((mmio::read32(rcc::CR) >> 3) & 3u)
                             : src == 1 ? kCsiHz
                             : src == 2 ? hse_hz
                                        : 0u;
    const std::uint32_t m = (sel >> rcc::PLLCKSELR_DIVM1_SHIFT) & 0x3Fu;
    const std::uint32_t divr = mmio::read32(rcc::PLL1DIVR);
    const std::uint32_t n = (divr & 0x1FFu) + 1u;
    const std::uint32_t p = ((divr >> rcc::PLLDIVR_P_SHIFT) & 0x7Fu) + 1u;
    return m == 0 ? 0u : static_cast<std::uint32_t>(std::uint64_t{in} / m * n / p);
}

// One pin in alternate function `af`, very high speed, push-pull, optional pull-up (the GPIO
// registers of the F4/F7 at the H7 port addresses).
void pin_af(const Pin& p, bool pull_up) {
    namespace g = stm32::gpio;
    const std::uint32_t base = gpio::port_base(p.port);
    const std::uint32_t two = 2u * p.pin;
    mmio::modify32(base + g::MODER, 3u << two, g::MODE_AF << two);
    mmio::modify32(base + g::OSPEEDR, 3u << two, g::SPEED_HIGH << two);
    mmio::modify32(base + g::PUPDR, 3u << two, (pull_up ? g::PULL_UP : 0u) << two);
    const std::uint32_t afr = base + (p.pin < 8 ? g::AFRL : g::AFRH);
    const std::uint32_t four = 4u * (p.pin % 8u);
    mmio::modify32(afr, 0xFu << four, std::uint32_t{p.af} << four);
}

void barriers() {
    asm volatile("dsb 0xF" ::: "memory");
    asm volatile("isb 0xF" ::: "memory");
}

// L1 caches on, as a typical H7 application has them (Cortex-M7 TRM "Initializing and enabling
// the L1 cache"): invalidate then enable; the D-cache invalidated by set/way from CCSIDR. AXI
// SRAM (the app's RAM, and the ROM's second block) is cached from here on.
}  // namespace

void caches_enable() {
    barriers();
    mmio::write32(cm7::cache::ICIALLU, 0);
    barriers();
    mmio::set_bits32(cm7::scb::CCR, cm7::scb::CCR_IC);
    barriers();
    mmio::write32(cm7::cache::CSSELR, 0);
    barriers();
    const cm7::cache::Geometry g = cm7::cache::decode_ccsidr(mmio::read32(cm7::cache::CCSIDR));
    for (std::uint32_t set = 0; set < g.sets; ++set) {
        for (std::uint32_t way = 0; way < g.ways; ++way) {
            mmio::write32(cm7::cache::DCISW, cm7::cache::set_way_operand(g, set, way));
        }
    }
    barriers();
    mmio::set_bits32(cm7::scb::CCR, cm7::scb::CCR_DC);
    barriers();
}

namespace {

// RM0433 "Power supply configuration" and "Voltage scaling": the supply source is
// written once (LDO here, as UM2407 wires the NUCLEO-H743ZI2), ACTVOSRDY confirms it; then the
// scale for the target frequency, VOSRDY.
bool power_init(const BoardConfig& b) {
    mmio::write32(pwr::CR3, pwr::CR3_LDOEN);
    if (!wait_for(pwr::CSR1, pwr::CSR1_ACTVOSRDY, pwr::CSR1_ACTVOSRDY)) {
        return false;
    }
    mmio::modify32(pwr::D3CR, pwr::D3CR_VOS_MASK, b.vos);
    return wait_for(pwr::D3CR, pwr::D3CR_VOSRDY, pwr::D3CR_VOSRDY);
}

}  // namespace

stm32::kit::Clocks current_clocks(std::uint32_t hse_hz) {
    const std::uint32_t sws = (mmio::read32(rcc::CFGR) & rcc::CFGR_SWS_MASK) >> 3;
    const std::uint32_t sys = sws == 0   ? kHsiHz >> ((mmio::read32(rcc::CR) >> 3) & 3u)
                              : sws == 1 ? kCsiHz
                              : sws == 2 ? hse_hz
                                         : pll1_p_hz(hse_hz);
    const std::uint32_t d1 = mmio::read32(rcc::D1CFGR);
    const std::uint32_t d2 = mmio::read32(rcc::D2CFGR);
    stm32::kit::Clocks c{};
    c.sysclk = sys / ahb_divider((d1 >> 8) & 0xFu);  // the CPU clock (D1CPRE)
    c.hclk = c.sysclk / ahb_divider(d1 & 0xFu);
    c.pclk1 = c.hclk / apb_divider((d2 >> 4) & 0x7u);
    c.pclk2 = c.hclk / apb_divider((d2 >> 8) & 0x7u);
    return c;
}

// RM0433 "RCC clocks" order: supply and VOS, HSE, PLL1 (source and DIVM, input range, dividers,
// then on), flash latency *before* the faster clock ("Read latency"), prescalers, switch, wait for
// SWS.
bool clock_init(const BoardConfig& b) {
    if (!power_init(b)) {
        return false;
    }
    if (b.hse_bypass) {
        mmio::set_bits32(rcc::CR, rcc::CR_HSEBYP);
    }
    mmio::set_bits32(rcc::CR, rcc::CR_HSEON);
    if (!wait_for(rcc::CR, rcc::CR_HSERDY, rcc::CR_HSERDY)) {
        return false;
    }
    mmio::modify32(rcc::PLLCKSELR, 0x3F3u,
                   rcc::PLLCKSELR_SRC_HSE | (b.divm << rcc::PLLCKSELR_DIVM1_SHIFT));
    mmio::modify32(rcc::PLLCFGR, 0xFu, b.pll1rge << rcc::PLLCFGR_PLL1RGE_SHIFT);
    mmio::write32(rcc::PLL1DIVR, (b.n - 1u) | ((b.p - 1u) << rcc::PLLDIVR_P_SHIFT) |
                                     ((b.q - 1u) << rcc::PLLDIVR_Q_SHIFT) |
                                     (1u << rcc::PLLDIVR_R_SHIFT));
    mmio::set_bits32(rcc::CR, rcc::CR_PLL1ON);
    if (!wait_for(rcc::CR, rcc::CR_PLL1RDY, rcc::CR_PLL1RDY)) {
        return false;
    }
    mmio::modify32(flash::ACR, flash::ACR_MASK, b.flash_acr);
    if (!wait_for(flash::ACR, flash::ACR_MASK, b.flash_acr)) {
        return false;
    }
    mmio::write32(rcc::D1CFGR, b.hpre | (b.ppre << 4));
    mmio::write32(rcc::D2CFGR, (b.ppre << 4) | (b.ppre << 8));
    mmio::write32(rcc::D3CFGR, b.ppre << 4);
    mmio::modify32(rcc::CFGR, rcc::CFGR_SW_MASK, rcc::CFGR_SW_PLL1);
    return wait_for(rcc::CFGR, rcc::CFGR_SWS_MASK, rcc::CFGR_SWS_PLL1);
}

// 8N1, oversampling by 16, no FIFO: BRR = kernel clock / baud (RM0433 USART "baud rate
// generation"); the kernel clock is the bus clock (D2CCIP2R USARTxSEL = 0 at reset), taken
// from the clock we really run at, so the console also works after a clock fallback.
void console_init(const BoardConfig& b) {
    mmio::set_bits32(rcc::AHB4ENR, rcc::gpio_bit(b.tx.port) | rcc::gpio_bit(b.rx.port));
    const std::uint32_t enr = b.usart_on_apb2 ? rcc::APB2ENR : rcc::APB1LENR;
    mmio::set_bits32(enr, b.usart_enable_bit);
    (void)mmio::read32(enr);  // the enable reaches the bus before the first access
    pin_af(b.tx, false);
    pin_af(b.rx, true);
    const stm32::kit::Clocks c = current_clocks(b.hse_hz);
    const std::uint32_t pclk = b.usart_on_apb2 ? c.pclk2 : c.pclk1;
    mmio::write32(b.usart_base + usart::CR1, 0);
    mmio::write32(b.usart_base + usart::BRR, (pclk + b.baud / 2u) / b.baud);
    mmio::write32(b.usart_base + usart::CR1, usart::CR1_TE | usart::CR1_RE | usart::CR1_UE);
}

}  // namespace sysboot::stm32h7::kit

// ---- the shared app glue's port (sysboot/stm32/board_port.hpp) -----------------------

namespace sysboot::stm32::port {

using stm32h7::kit::kBoard;
namespace usart = stm32h7::usart;

const char* board_name() {
    return kBoard.name;
}

const Device* detect(Status& why) {
    return stm32h7::detect(why);
}

std::uint32_t flash_kib() {
    const auto* info = stm32h7::chip_info_for(stm32h7::read_dev_id());
    return info == nullptr ? 0 : stm32h7::flash_kib(*info);
}

// The H7 ROMs' version byte address is not in the family table (AN2606 Table 3 gives one
// per line; not sourced here yet): reported as unknown.
std::uint32_t rom_version() {
    return 0;
}

void init_hardware() {
    namespace kit = stm32h7::kit;
    (void)kit::clock_init(kBoard);  // on failure: HSI, and the console follows it
    kit::caches_enable();
    stm32::kit::mpu_enable(kBoard.flash_log2, kBoard.dtcm_log2);
    stm32::kit::systick_enable(kit::current_clocks(kBoard.hse_hz).sysclk);
    kit::console_init(kBoard);
}

void console_init() {
    stm32h7::kit::console_init(kBoard);
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
