// The STM32F4 board kit: clocks, flash accelerator, MPU, SysTick and console from the
// board's BoardConfig, and the port the shared app glue (firmware/chips/common/src/
// board_app.cpp) uses. No L1 caches on the Cortex-M4: the flash ART caches are the chip's.
#include "sysboot/stm32f4/board_kit.hpp"

#include "sysboot/mmio.hpp"
#include "sysboot/stm32/board_port.hpp"
#include "sysboot/stm32/bounded.hpp"
#include "sysboot/stm32/gpio.hpp"
#include "sysboot/stm32f4/flash_pwr.hpp"
#include "sysboot/stm32f4/rcc.hpp"
#include "sysboot/stm32f4/usart.hpp"

namespace sysboot::stm32f4::kit {

namespace {
bool wait_for(std::uint32_t reg, std::uint32_t mask, std::uint32_t want) {
    return stm32::wait_for(reg, mask, want, kWaitIterations);
}
}  // namespace

// RM0090 §7.2 / RM0390 §6.2 and §5.1.4 order: PWR clock and voltage scale 1, HSE, PLL,
// over-drive (ODEN then ODSWEN), flash wait states *before* the faster clock (RM0090
// §3.5.1), prescalers, switch, wait for SWS.
bool clock_init(const BoardConfig& b) {
    mmio::set_bits32(rcc::APB1ENR, rcc::APB1ENR_PWREN);
    (void)mmio::read32(rcc::APB1ENR);
    mmio::write32(pwr::CR, (mmio::read32(pwr::CR) & ~pwr::CR_VOS_MASK) | pwr::CR_VOS_SCALE1);

    if (b.hse_bypass) {
        mmio::set_bits32(rcc::CR, rcc::CR_HSEBYP);
    }
    mmio::set_bits32(rcc::CR, rcc::CR_HSEON);
    if (!wait_for(rcc::CR, rcc::CR_HSERDY, rcc::CR_HSERDY)) {
        return false;
    }
    mmio::write32(rcc::PLLCFGR,
                  (b.pllm << rcc::PLLCFGR_PLLM_SHIFT) | (b.plln << rcc::PLLCFGR_PLLN_SHIFT) |
                      (((b.pllp / 2u) - 1u) << rcc::PLLCFGR_PLLP_SHIFT) | rcc::PLLCFGR_PLLSRC_HSE |
                      (b.pllq << rcc::PLLCFGR_PLLQ_SHIFT) | rcc::PLLCFGR_BIT29);
    mmio::set_bits32(rcc::CR, rcc::CR_PLLON);
    if (!wait_for(rcc::CR, rcc::CR_PLLRDY, rcc::CR_PLLRDY)) {
        return false;
    }
    if (b.overdrive) {
        mmio::set_bits32(pwr::CR, pwr::CR_ODEN);
        if (!wait_for(pwr::CSR, pwr::CSR_ODRDY, pwr::CSR_ODRDY)) {
            return false;
        }
        mmio::set_bits32(pwr::CR, pwr::CR_ODSWEN);
        if (!wait_for(pwr::CSR, pwr::CSR_ODSWRDY, pwr::CSR_ODSWRDY)) {
            return false;
        }
    }
    mmio::write32(flash::ACR,
                  b.flash_latency | flash::ACR_PRFTEN | flash::ACR_ICEN | flash::ACR_DCEN);
    if (!wait_for(flash::ACR, flash::ACR_LATENCY_MASK, b.flash_latency)) {
        return false;
    }
    mmio::write32(rcc::CFGR, (b.ppre1 << rcc::CFGR_PPRE1_SHIFT) |
                                 (b.ppre2 << rcc::CFGR_PPRE2_SHIFT) | rcc::CFGR_SW_HSI);
    mmio::set_bits32(rcc::CFGR, rcc::CFGR_SW_PLL);
    return wait_for(rcc::CFGR, rcc::CFGR_SWS_MASK, rcc::CFGR_SWS_PLL);
}

// 8N1, oversampling by 16: BRR = PCLK / baud in 12.4 fixed point (RM0090 §30.3.4), from the
// clock we really run at, so the console also works after a clock fallback or a refused
// hand-off.
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

}  // namespace sysboot::stm32f4::kit

// ---- the shared app glue's port (sysboot/stm32/board_port.hpp) -----------------------

namespace sysboot::stm32::port {

using stm32f4::kit::kBoard;
namespace usart = stm32f4::usart;

const char* board_name() {
    return kBoard.name;
}

const Device* detect(Status& why) {
    return stm32f4::detect(why);
}

std::uint32_t flash_kib() {
    const auto* info = stm32f4::chip_info_for(stm32f4::read_dev_id());
    return info == nullptr ? 0 : stm32f4::flash_kib(*info);
}

std::uint32_t rom_version() {
    const auto* info = stm32f4::chip_info_for(stm32f4::read_dev_id());
    return info == nullptr ? 0 : stm32f4::rom_version(*info);
}

void init_hardware() {
    namespace kit = stm32f4::kit;
    (void)kit::clock_init(kBoard);  // on failure: HSI, and the console follows it
    stm32::kit::mpu_enable(kBoard.flash_log2, kBoard.sram_log2);
    stm32::kit::systick_enable(kit::current_clocks(kBoard.hse_hz).hclk);
    kit::console_init(kBoard);
}

void console_init() {
    stm32f4::kit::console_init(kBoard);
}

unsigned console_irq() {
    return kBoard.usart_irq;
}

bool console_tx_ready() {
    return (mmio::read32(kBoard.usart_base + usart::SR) & usart::SR_TXE) != 0;
}

void console_write(std::uint8_t byte) {
    mmio::write32(kBoard.usart_base + usart::DR, byte);
}

bool console_tx_done() {
    return (mmio::read32(kBoard.usart_base + usart::SR) & usart::SR_TC) != 0;
}

// An overrun (ORE) is cleared by reading SR then DR (RM0090 §30.6.1), which the read of a
// waiting byte does; with ORE and no RXNE the DR read only clears it.
int console_read() {
    const std::uint32_t sr = mmio::read32(kBoard.usart_base + usart::SR);
    if ((sr & usart::SR_RXNE) == 0) {
        if ((sr & usart::SR_ORE) != 0) {
            (void)mmio::read32(kBoard.usart_base + usart::DR);
        }
        return -1;
    }
    return static_cast<int>(mmio::read32(kBoard.usart_base + usart::DR) & 0xFFu);
}

}  // namespace sysboot::stm32::port
