// The STM32F7 board kit: clocks, caches, MPU, SysTick and console from the board's
// BoardConfig, and the port the shared app glue (firmware/chips/common/src/board_app.cpp) uses.
#include "sysboot/stm32f7/board_kit.hpp"
#include "sysboot/stm32/isr_usart.hpp"

#include "sysboot/cm7/cache.hpp"
#include "sysboot/cm7/scb.hpp"
#include "sysboot/mmio.hpp"
#include "sysboot/stm32/board_port.hpp"
#include "sysboot/stm32/bounded.hpp"
#include "sysboot/stm32f7/flash.hpp"
#include "sysboot/stm32f7/gpio.hpp"
#include "sysboot/stm32f7/pwr.hpp"
#include "sysboot/stm32f7/rcc.hpp"
#include "sysboot/stm32f7/usart.hpp"

namespace sysboot::stm32f7::kit {

namespace {

void dsb() {
    asm volatile("dsb 0xF" ::: "memory");
}
void isb() {
    asm volatile("isb 0xF" ::: "memory");
}

bool wait_for(std::uint32_t reg, std::uint32_t mask, std::uint32_t want) {
    return stm32::wait_for(reg, mask, want, kWaitIterations);
}

}  // namespace

// RM0410 §5.2 and §4.1.4 order: PWR clock, HSE, PLL, over-drive (ODEN then ODSWEN), flash
// wait states *before* the faster clock, prescalers, switch, wait for SWS.
bool clock_init(const BoardConfig& b) {
    mmio::set_bits32(rcc::APB1ENR, rcc::APB1ENR_PWREN);
    (void)mmio::read32(rcc::APB1ENR);
    mmio::write32(pwr::CR1, (mmio::read32(pwr::CR1) & ~pwr::CR1_VOS_MASK) | pwr::CR1_VOS_SCALE1);

    if (b.hse_bypass) {
        mmio::set_bits32(rcc::CR, rcc::CR_HSEBYP);
    }
    mmio::set_bits32(rcc::CR, rcc::CR_HSEON);
    if (!wait_for(rcc::CR, rcc::CR_HSERDY, rcc::CR_HSERDY)) {
        return false;
    }
    // PLLR keeps its reset value (/2, bit 29) on the parts that have it.
    mmio::write32(rcc::PLLCFGR,
                  (b.pllm << rcc::PLLCFGR_PLLM_SHIFT) | (b.plln << rcc::PLLCFGR_PLLN_SHIFT) |
                      (((b.pllp / 2u) - 1u) << rcc::PLLCFGR_PLLP_SHIFT) | rcc::PLLCFGR_PLLSRC_HSE |
                      (b.pllq << rcc::PLLCFGR_PLLQ_SHIFT) | (1u << 29));
    mmio::set_bits32(rcc::CR, rcc::CR_PLLON);
    if (!wait_for(rcc::CR, rcc::CR_PLLRDY, rcc::CR_PLLRDY)) {
        return false;
    }
    if (b.overdrive) {
        mmio::set_bits32(pwr::CR1, pwr::CR1_ODEN);
        if (!wait_for(pwr::CSR1, pwr::CSR1_ODRDY, pwr::CSR1_ODRDY)) {
            return false;
        }
        mmio::set_bits32(pwr::CR1, pwr::CR1_ODSWEN);
        if (!wait_for(pwr::CSR1, pwr::CSR1_ODSWRDY, pwr::CSR1_ODSWRDY)) {
            return false;
        }
    }
    const std::uint32_t sysclk = b.hse_hz / b.pllm * b.plln / b.pllp;
    const std::uint32_t latency = flash::latency_for(sysclk);
    mmio::write32(flash::ACR, latency | flash::ACR_PRFTEN | flash::ACR_ARTEN);
    if (!wait_for(flash::ACR, flash::ACR_LATENCY_MASK, latency)) {
        return false;
    }
    // APB1 <= 54 MHz, APB2 <= 108 MHz (RM0410 §5.2): /4 and /2 at 216 MHz.
    mmio::write32(rcc::CFGR, (rcc::CFGR_PPRE_DIV4 << rcc::CFGR_PPRE1_SHIFT) |
                                 (rcc::CFGR_PPRE_DIV2 << rcc::CFGR_PPRE2_SHIFT) | rcc::CFGR_SW_HSI);
    mmio::set_bits32(rcc::CFGR, rcc::CFGR_SW_PLL);
    return wait_for(rcc::CFGR, rcc::CFGR_SWS_MASK, rcc::CFGR_SWS_PLL);
}

// Cortex-M7 TRM "Initializing and enabling the L1 cache" (the sequence CMSIS uses): invalidate
// then enable; the D-cache is invalidated by set/way from the CCSIDR geometry.
void caches_enable() {
    dsb();
    isb();
    mmio::write32(cm7::cache::ICIALLU, 0);
    dsb();
    isb();
    mmio::set_bits32(cm7::scb::CCR, cm7::scb::CCR_IC);
    dsb();
    isb();

    mmio::write32(cm7::cache::CSSELR, 0);
    dsb();
    const cm7::cache::Geometry g = cm7::cache::decode_ccsidr(mmio::read32(cm7::cache::CCSIDR));
    for (std::uint32_t set = 0; set < g.sets; ++set) {
        for (std::uint32_t way = 0; way < g.ways; ++way) {
            mmio::write32(cm7::cache::DCISW, cm7::cache::set_way_operand(g, set, way));
        }
    }
    dsb();
    mmio::set_bits32(cm7::scb::CCR, cm7::scb::CCR_DC);
    dsb();
    isb();
}

// 8N1, oversampling by 16: BRR = PCLK / baud (RM0410 §34.5.7), from the clock we really run
// at, so the console also works after a clock fallback or a refused hand-off.
void console_init(const BoardConfig& b) {
    mmio::set_bits32(rcc::AHB1ENR, (1u << b.tx.port) | (1u << b.rx.port));
    const std::uint32_t enr = b.usart_on_apb2 ? rcc::APB2ENR : rcc::APB1ENR;
    mmio::set_bits32(enr, b.usart_enable_bit);
    (void)mmio::read32(enr);
    stm32::kit::pin_af(b.tx.port, b.tx.pin, b.tx.af, false);
    stm32::kit::pin_af(b.rx.port, b.rx.pin, b.rx.af, true);
    const Clocks c = current_clocks(b.hse_hz);
    const std::uint32_t pclk = b.usart_on_apb2 ? c.pclk2 : c.pclk1;
    mmio::write32(b.usart_base + usart::CR1, 0);
    mmio::write32(b.usart_base + usart::BRR, (pclk + b.baud / 2u) / b.baud);
    mmio::write32(b.usart_base + usart::CR1, usart::CR1_TE | usart::CR1_RE | usart::CR1_UE);
}

}  // namespace sysboot::stm32f7::kit

// ---- the shared app glue's port (sysboot/stm32/board_port.hpp) -----------------------

namespace sysboot::stm32::port {

using stm32f7::kit::kBoard;
namespace usart = stm32f7::usart;

const char* board_name() {
    return kBoard.name;
}

const Device* detect(Status& why) {
    return stm32f7::detect(why);
}

std::uint32_t flash_kib() {
    const auto* info = stm32f7::chip_info_for(stm32f7::read_dev_id());
    return info == nullptr ? 0 : stm32f7::flash_kib(*info);
}

std::uint32_t rom_version() {
    Status why{};
    return stm32f7::detect(why) == nullptr ? 0 : stm32f7::rom_version();
}

void init_hardware() {
    namespace kit = stm32f7::kit;
    (void)kit::clock_init(kBoard);  // on failure: HSI, and the console follows it
    kit::caches_enable();
    stm32::kit::mpu_enable(21, 19);  // 2 MiB flash, 512 KiB SRAM: the largest F7 (F767)
    stm32::kit::systick_enable(kit::current_clocks(kBoard.hse_hz).hclk);
    kit::console_init(kBoard);
}

void console_init() {
    stm32f7::kit::console_init(kBoard);
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
