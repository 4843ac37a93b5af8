// The STM32G0 board kit: clock, flash, MPU, SysTick and console from the board's BoardConfig,
// and the port the shared app glue (firmware/chips/common/src/board_app.cpp) uses.
#include "sysboot/stm32g0/board_kit.hpp"
#include "sysboot/stm32/isr_usart.hpp"

#include "sysboot/cm7/mpu.hpp"
#include "sysboot/cm7/scb.hpp"
#include "sysboot/cm7/systick.hpp"
#include "sysboot/mmio.hpp"
#include "sysboot/stm32/board_port.hpp"
#include "sysboot/stm32/bounded.hpp"
#include "sysboot/stm32g0/regs.hpp"

namespace sysboot::stm32g0::kit {

namespace {

bool wait_for(std::uint32_t reg, std::uint32_t mask, std::uint32_t want) {
    return stm32::wait_for(reg, mask, want, kWaitIterations);
}

// GPIO ports sit on the IOPORT bus at 0x50000000, 0x400 apart (RM0444 §2.2 memory map;
// CMSIS GPIOA_BASE). Registers as on every STM32 (RM0444 §7.4): MODER 2 bits per pin (10 =
// alternate function), OSPEEDR, PUPDR (01 = pull-up), AFRL/AFRH 4 bits per pin.
constexpr std::uint32_t kGpioA = 0x50000000, kPortStride = 0x400;
constexpr std::uint32_t MODER = 0x00, OSPEEDR = 0x08, PUPDR = 0x0C, AFRL = 0x20;

void field(std::uint32_t reg, unsigned shift, std::uint32_t width_mask, std::uint32_t v) {
    mmio::write32(reg, (mmio::read32(reg) & ~(width_mask << shift)) | (v << shift));
}

void pin_af(const Pin& p, bool pull_up) {
    const std::uint32_t base = kGpioA + kPortStride * p.port;
    field(base + MODER, 2u * p.pin, 3u, 2u);
    field(base + OSPEEDR, 2u * p.pin, 3u, 2u);
    field(base + PUPDR, 2u * p.pin, 3u, pull_up ? 1u : 0u);
    field(base + AFRL + 4u * (p.pin / 8u), 4u * (p.pin % 8u), 0xFu, p.af);
}

// AHB prescaler HPRE (RM0444 §5.4.3): 0xxx = /1, 1000..1111 = /2, 4, 8, 16, 64, 128, 256, 512;
// APB prescaler PPRE: 0xx = /1, 100..111 = /2, 4, 8, 16.
std::uint32_t ahb_divider(std::uint32_t hpre) {
    constexpr std::uint32_t kDiv[] = {2, 4, 8, 16, 64, 128, 256, 512};
    return (hpre & 0x8u) == 0 ? 1u : kDiv[hpre & 0x7u];
}

std::uint32_t pll_r_hz() {
    const std::uint32_t pll = mmio::read32(rcc::PLLCFGR);
    const std::uint32_t m = ((pll >> rcc::PLLCFGR_PLLM_SHIFT) & 0x7u) + 1u;
    const std::uint32_t n = (pll >> rcc::PLLCFGR_PLLN_SHIFT) & 0x7Fu;
    const std::uint32_t r = ((pll >> rcc::PLLCFGR_PLLR_SHIFT) & 0x7u) + 1u;
    return rcc::kHsi16Hz / m * n / r;  // the kit only runs the PLL from HSI16
}

// A typical application's MPU layout on the Cortex-M0+ (DDI0419E §B3.5; 8 regions, TEX = 000
// attributes only per the Cortex-M0+ Devices Generic User Guide "MPU_RASR", so normal memory
// is C/B-coded): flash read-only normal, SRAM
// full access normal XN, peripherals device XN; background map for privileged code.
void mpu_enable(unsigned flash_log2, unsigned sram_log2) {
    constexpr std::uint32_t kXN = 1u << 28, kApRo = 0x6u << 24, kApRw = 0x3u << 24;
    constexpr std::uint32_t kNormalWT = 1u << 17, kNormalWB = (1u << 17) | (1u << 16);
    constexpr std::uint32_t kDevice = 1u << 16;
    auto size = [](unsigned log2) { return (log2 - 1u) << 1; };
    const std::uint32_t bases[] = {0x08000000, 0x20000000, 0x40000000};
    const std::uint32_t rasr[] = {kApRo | kNormalWT | size(flash_log2),
                                  kXN | kApRw | kNormalWB | size(sram_log2),
                                  kXN | kApRw | kDevice | size(29)};
    asm volatile("dsb" ::: "memory");
    mmio::write32(cm7::mpu::CTRL, 0);
    for (std::uint32_t i = 0; i < 3; ++i) {
        mmio::write32(cm7::mpu::RNR, i);
        mmio::write32(cm7::mpu::RBAR, bases[i]);
        mmio::write32(cm7::mpu::RASR, rasr[i] | cm7::mpu::RASR_ENABLE);
    }
    mmio::write32(cm7::mpu::CTRL, cm7::mpu::CTRL_ENABLE | cm7::mpu::CTRL_PRIVDEFENA);
    asm volatile("dsb" ::: "memory");
    asm volatile("isb" ::: "memory");
}

// 1 kHz tick with its interrupt at the lowest priority (DDI0419E §B3.3; SHPR3 [31:30] on a
// part with 2 priority bits, CMSIS __NVIC_PRIO_BITS 2). SHPR3 is word-accessible only.
void systick_enable(std::uint32_t hclk) {
    mmio::write32(cm7::systick::RVR, hclk / 1000u - 1u);
    mmio::write32(cm7::systick::CVR, 0);
    mmio::set_bits32(cm7::scb::SHPR3, (0xC0u << 24));
    mmio::write32(cm7::systick::CSR, cm7::systick::CSR_CLKSOURCE | cm7::systick::CSR_TICKINT |
                                         cm7::systick::CSR_ENABLE);
}

}  // namespace

Clocks current_clocks() {
    const std::uint32_t cfgr = mmio::read32(rcc::CFGR);
    const std::uint32_t sws = (cfgr & rcc::CFGR_SWS_MASK) >> rcc::CFGR_SWS_SHIFT;
    const std::uint32_t hsidiv = (mmio::read32(rcc::CR) & rcc::CR_HSIDIV_MASK) >> 11;
    Clocks c{};
    c.sysclk = sws == rcc::CFGR_SW_PLLR ? pll_r_hz() : rcc::kHsi16Hz >> hsidiv;
    c.hclk = c.sysclk / ahb_divider((cfgr >> rcc::CFGR_HPRE_SHIFT) & 0xFu);
    const std::uint32_t ppre = (cfgr >> rcc::CFGR_PPRE_SHIFT) & 0x7u;
    c.pclk = (ppre & 0x4u) == 0 ? c.hclk : c.hclk / (2u << (ppre & 0x3u));
    return c;
}

// RM0444 §5.2.4 and §3.3.4 order: PLL configured while off, on, locked; flash wait states
// (and prefetch) *before* the faster clock, read back; then the switch, waited for on SWS.
bool clock_init(const BoardConfig& b) {
    mmio::write32(rcc::PLLCFGR, rcc::PLLCFGR_SRC_HSI16 |
                                    ((b.pllm - 1u) << rcc::PLLCFGR_PLLM_SHIFT) |
                                    (b.plln << rcc::PLLCFGR_PLLN_SHIFT) | rcc::PLLCFGR_PLLREN |
                                    ((b.pllr - 1u) << rcc::PLLCFGR_PLLR_SHIFT));
    mmio::set_bits32(rcc::CR, rcc::CR_PLLON);
    if (!wait_for(rcc::CR, rcc::CR_PLLRDY, rcc::CR_PLLRDY)) {
        return false;
    }
    mmio::write32(flash::ACR, (mmio::read32(flash::ACR) & ~flash::ACR_LATENCY_MASK) |
                                  b.flash_latency | flash::ACR_PRFTEN | flash::ACR_ICEN);
    if (!wait_for(flash::ACR, flash::ACR_LATENCY_MASK, b.flash_latency)) {
        return false;
    }
    mmio::write32(rcc::CFGR, rcc::CFGR_SW_PLLR);
    return wait_for(rcc::CFGR, rcc::CFGR_SWS_MASK, rcc::CFGR_SW_PLLR << rcc::CFGR_SWS_SHIFT);
}

// 8N1, oversampling by 16: BRR = USART kernel clock (PCLK, CCIPR at reset) / baud (RM0444
// §33.5.7), from the clock we really run at, so the console also works after a clock
// fallback or a refused hand-off.
void console_init(const BoardConfig& b) {
    mmio::set_bits32(rcc::IOPENR, (1u << b.tx.port) | (1u << b.rx.port));
    const std::uint32_t enr = b.usart_on_apb2 ? rcc::APBENR2 : rcc::APBENR1;
    mmio::set_bits32(enr, b.usart_enable_bit);
    (void)mmio::read32(enr);
    pin_af(b.tx, false);
    pin_af(b.rx, true);
    const std::uint32_t pclk = current_clocks().pclk;
    mmio::write32(b.usart_base + usart::CR1, 0);
    mmio::write32(b.usart_base + usart::BRR, (pclk + b.baud / 2u) / b.baud);
    mmio::write32(b.usart_base + usart::CR1, usart::CR1_TE | usart::CR1_RE | usart::CR1_UE);
}

}  // namespace sysboot::stm32g0::kit

// ---- the shared app glue's port (sysboot/stm32/board_port.hpp) -----------------------

namespace sysboot::stm32::port {

using stm32g0::kit::kBoard;
namespace usart = stm32g0::kit::usart;

const char* board_name() {
    return kBoard.name;
}

const Device* detect(Status& why) {
    return stm32g0::detect(why);
}

std::uint32_t flash_kib() {
    return stm32g0::flash_kib(stm32g0::read_dev_id());
}

// The G0 bootloader ID byte's address is not in the family table (AN2606 Table 3 was not
// readable where the table was sourced): reported as unknown.
std::uint32_t rom_version() {
    return 0;
}

void init_hardware() {
    namespace kit = stm32g0::kit;
    (void)kit::clock_init(kBoard);  // on failure: HSISYS, and the console follows it
    kit::mpu_enable(kBoard.flash_log2, kBoard.sram_log2);
    kit::systick_enable(kit::current_clocks().hclk);
    kit::console_init(kBoard);
}

void console_init() {
    stm32g0::kit::console_init(kBoard);
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
