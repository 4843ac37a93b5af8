// app/board.hpp for STM32F7 boards, driven by the board's BoardConfig.
#include "sysboot/stm32f7/board_kit.hpp"

#include "app/board.hpp"
#include "sysboot/cm7/cache.hpp"
#include "sysboot/cm7/core.hpp"
#include "sysboot/cm7/mpu.hpp"
#include "sysboot/cm7/nvic.hpp"
#include "sysboot/cm7/reset.hpp"
#include "sysboot/cm7/scb.hpp"
#include "sysboot/cm7/systick.hpp"
#include "sysboot/mmio.hpp"
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
    for (std::uint32_t i = 0; i < kWaitIterations; ++i) {
        if ((mmio::read32(reg) & mask) == want) {
            return true;
        }
    }
    return false;
}

constexpr std::uint32_t kHsiHz = 16'000'000;  // RM0410 §5.2.2

// AHB prescaler (RM0410 §5.3.3 HPRE): 0xxx = /1, 1000 = /2 ... 1111 = /512 (no /32).
std::uint32_t ahb_divider(std::uint32_t hpre) {
    if ((hpre & 0x8u) == 0) {
        return 1;
    }
    constexpr std::uint32_t kDiv[] = {2, 4, 8, 16, 64, 128, 256, 512};
    return kDiv[hpre & 0x7u];
}
std::uint32_t apb_divider(std::uint32_t ppre) {
    return (ppre & 0x4u) == 0 ? 1u : (2u << (ppre & 0x3u));
}

}  // namespace

Clocks current_clocks(std::uint32_t hse_hz) {
    const std::uint32_t cfgr = mmio::read32(rcc::CFGR);
    std::uint32_t sysclk = kHsiHz;
    switch (cfgr & rcc::CFGR_SWS_MASK) {
        case rcc::CFGR_SWS_HSE:
            sysclk = hse_hz;
            break;
        case rcc::CFGR_SWS_PLL: {
            const std::uint32_t pll = mmio::read32(rcc::PLLCFGR);
            const std::uint32_t in = (pll & rcc::PLLCFGR_PLLSRC_HSE) != 0 ? hse_hz : kHsiHz;
            const std::uint32_t m = pll & 0x3Fu;
            const std::uint32_t n = (pll >> rcc::PLLCFGR_PLLN_SHIFT) & 0x1FFu;
            const std::uint32_t p = 2u * (((pll >> rcc::PLLCFGR_PLLP_SHIFT) & 0x3u) + 1u);
            sysclk =
                m == 0 ? 0 : static_cast<std::uint32_t>(static_cast<std::uint64_t>(in) / m * n / p);
            break;
        }
        default:
            break;
    }
    Clocks c{};
    c.sysclk = sysclk;
    c.hclk = sysclk / ahb_divider((cfgr >> rcc::CFGR_HPRE_SHIFT) & 0xFu);
    c.pclk1 = c.hclk / apb_divider((cfgr >> rcc::CFGR_PPRE1_SHIFT) & 0x7u);
    c.pclk2 = c.hclk / apb_divider((cfgr >> rcc::CFGR_PPRE2_SHIFT) & 0x7u);
    return c;
}

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

// A typical application's MPU layout (DDI0403E §B3.5.9 RASR; memory types per the Cortex-M7
// TRM): flash read-only normal write-through, SRAM full access normal write-back XN,
// peripherals shared device XN; background map for privileged code (PRIVDEFENA).
void mpu_enable() {
    struct Region {
        std::uint32_t base;
        std::uint32_t rasr;
    };
    constexpr std::uint32_t kXN = 1u << 28;
    constexpr std::uint32_t kApRo = 0x6u << 24;
    constexpr std::uint32_t kApRw = 0x3u << 24;
    constexpr std::uint32_t kNormalWT = 1u << 17;                                // TEX0 C1 B0
    constexpr std::uint32_t kNormalWBWA = (1u << 19) | (1u << 17) | (1u << 16);  // TEX1 C1 B1
    constexpr std::uint32_t kDevice = 1u << 16;                                  // TEX0 C0 B1
    auto size = [](unsigned log2) { return (log2 - 1u) << 1; };
    const Region regions[] = {
        {flash::MAIN_BASE, kApRo | kNormalWT | size(21) | cm7::mpu::RASR_ENABLE},
        {0x20000000, kXN | kApRw | kNormalWBWA | size(19) | cm7::mpu::RASR_ENABLE},
        {0x40000000, kXN | kApRw | kDevice | size(29) | cm7::mpu::RASR_ENABLE},
    };
    dsb();
    mmio::write32(cm7::mpu::CTRL, 0);
    for (std::uint32_t i = 0; i < sizeof regions / sizeof regions[0]; ++i) {
        mmio::write32(cm7::mpu::RNR, i);
        mmio::write32(cm7::mpu::RBAR, regions[i].base);
        mmio::write32(cm7::mpu::RASR, regions[i].rasr);
    }
    mmio::write32(cm7::mpu::CTRL, cm7::mpu::CTRL_ENABLE | cm7::mpu::CTRL_PRIVDEFENA);
    dsb();
    isb();
}

// 1 kHz tick with its interrupt, lowest priority (DDI0403E §B3.3; SHPR3 [31:24]).
void systick_enable(std::uint32_t hclk) {
    mmio::write32(cm7::systick::RVR, hclk / 1000u - 1u);
    mmio::write32(cm7::systick::CVR, 0);
    mmio::set_bits32(cm7::scb::SHPR3, (0xF0u << 24));
    mmio::write32(cm7::systick::CSR, cm7::systick::CSR_CLKSOURCE | cm7::systick::CSR_TICKINT |
                                         cm7::systick::CSR_ENABLE);
}

namespace {
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
    mmio::write32(
        afr, (mmio::read32(afr) & ~(0xFu << four)) | (static_cast<std::uint32_t>(p.af) << four));
}
}  // namespace

// 8N1, oversampling by 16: BRR = PCLK / baud (RM0410 §34.5.7), from the clock we really run
// at, so the console also works after a clock fallback or a refused hand-off.
void console_init(const BoardConfig& b) {
    mmio::set_bits32(rcc::AHB1ENR, (1u << b.tx.port) | (1u << b.rx.port));
    const std::uint32_t enr = b.usart_on_apb2 ? rcc::APB2ENR : rcc::APB1ENR;
    mmio::set_bits32(enr, b.usart_enable_bit);
    (void)mmio::read32(enr);
    pin_af(b.tx, false);
    pin_af(b.rx, true);
    const Clocks c = current_clocks(b.hse_hz);
    const std::uint32_t pclk = b.usart_on_apb2 ? c.pclk2 : c.pclk1;
    mmio::write32(b.usart_base + usart::CR1, 0);
    mmio::write32(b.usart_base + usart::BRR, (pclk + b.baud / 2u) / b.baud);
    mmio::write32(b.usart_base + usart::CR1, usart::CR1_TE | usart::CR1_RE | usart::CR1_UE);
}

}  // namespace sysboot::stm32f7::kit

// ---- app/board.hpp --------------------------------------------------------------------

namespace {

using sysboot::stm32f7::kit::kBoard;

constexpr std::uint32_t kTxSpin = 100'000;  // > 1 byte time at 115200 Bd and 216 MHz

volatile std::uint32_t g_ticks;  // SysTick count (ms), as any application keeps one

// The Device the app uses: the chip's, with the clock and peripheral hooks wrapped so that a
// refused hand-off brings the console back (those hooks reset the console USART and may
// leave the clock changed) and the app can print why.
sysboot::Device g_device;
const sysboot::Device* g_chip;

void console_recover() {
    sysboot::stm32f7::kit::console_init(kBoard);
}

sysboot_status_t wrapped_restore_clocks() {
    const sysboot_status_t s = g_chip->hooks.restore_clocks();
    if (s != SYSBOOT_OK) {
        console_recover();
    }
    return s;
}

sysboot_status_t wrapped_reset_peripherals() {
    const sysboot_status_t s = g_chip->hooks.reset_peripherals();
    if (s != SYSBOOT_OK) {
        console_recover();
    }
    return s;
}

}  // namespace

extern "C" void SysTick_Handler() {
    g_ticks = g_ticks + 1;
}

// First words of Reset_Handler: no .data/.bss, no clocks, no FPU yet (startup.cpp).
extern "C" void board_early() {
    sysboot::Status why{};
    const sysboot::Device* dev = sysboot::stm32f7::detect(why);
    if (dev != nullptr) {
        sysboot::handle_request_early(*dev);
    }
}

extern "C" [[noreturn]] void board_fault(std::uint32_t exception) {
    (void)exception;
    board::reset();
}

namespace board {

const char* name() {
    return kBoard.name;
}

void init() {
    namespace kit = sysboot::stm32f7::kit;
    (void)kit::clock_init(kBoard);  // on failure: HSI, and the console follows it
    kit::caches_enable();
    kit::mpu_enable();
    kit::systick_enable(kit::current_clocks(kBoard.hse_hz).hclk);
    kit::console_init(kBoard);
    // The console's NVIC line enabled with a priority, as an interrupt-driven driver would
    // have it (RXNEIE/TXEIE stay 0, so it never fires in this polled example).
    namespace nvic = sysboot::cm7::nvic;
    sysboot::mmio::write8(nvic::IPR0 + kBoard.usart_irq, 0x50);
    sysboot::mmio::write32(nvic::word(nvic::ISER0, kBoard.usart_irq / 32),
                           1u << (kBoard.usart_irq % 32));
}

void console_put(std::uint8_t byte) {
    using namespace sysboot::stm32f7;
    for (std::uint32_t i = 0; i < kTxSpin; ++i) {
        if ((sysboot::mmio::read32(kBoard.usart_base + usart::ISR) & usart::ISR_TXE) != 0) {
            sysboot::mmio::write32(kBoard.usart_base + usart::TDR, byte);
            return;
        }
    }
}

int console_get() {
    using namespace sysboot::stm32f7;
    const std::uint32_t isr = sysboot::mmio::read32(kBoard.usart_base + usart::ISR);
    if ((isr & usart::ISR_ORE) != 0) {
        // An overrun blocks RXNE until cleared.
        sysboot::mmio::write32(kBoard.usart_base + usart::ICR, usart::ICR_ORECF);
    }
    if ((isr & usart::ISR_RXNE) == 0) {
        return -1;
    }
    return static_cast<int>(sysboot::mmio::read32(kBoard.usart_base + usart::RDR) & 0xFFu);
}

void console_flush() {
    using namespace sysboot::stm32f7;
    for (std::uint32_t i = 0; i < kTxSpin; ++i) {
        if ((sysboot::mmio::read32(kBoard.usart_base + usart::ISR) & usart::ISR_TC) != 0) {
            return;
        }
    }
}

const sysboot::Device* device(sysboot::Status& why) {
    if (g_chip == nullptr) {
        g_chip = sysboot::stm32f7::detect(why);
        if (g_chip == nullptr) {
            return nullptr;
        }
        g_device = *g_chip;
        g_device.hooks.restore_clocks = wrapped_restore_clocks;
        g_device.hooks.reset_peripherals = wrapped_reset_peripherals;
    }
    why = sysboot::Status::ok;
    return &g_device;
}

std::uint32_t flash_kib() {
    const auto* info = sysboot::stm32f7::chip_info_for(sysboot::stm32f7::read_dev_id());
    return info == nullptr ? 0 : sysboot::stm32f7::flash_kib(*info);
}

std::uint32_t rom_version() {
    sysboot::Status why{};
    return sysboot::stm32f7::detect(why) == nullptr ? 0 : sysboot::stm32f7::rom_version();
}

[[noreturn]] void reset() {
    sysboot::cm7::Core core;
    sysboot::cm7::system_reset(core);
    // No reset came (a debugger may hold the core in reset): nothing is left to run, and a
    // running IWDG still resets the part.
    for (;;) {
        asm volatile("nop");
    }
}

// No semihosting host on silicon: say so on the console, then reset.
[[noreturn]] void exit(int code) {
    static constexpr char kMsg[] = "exit ";
    for (const char* p = kMsg; *p != '\0'; ++p) {
        console_put(static_cast<std::uint8_t>(*p));
    }
    console_put(static_cast<std::uint8_t>('0' + (code / 100) % 10));
    console_put(static_cast<std::uint8_t>('0' + (code / 10) % 10));
    console_put(static_cast<std::uint8_t>('0' + code % 10));
    console_put('\r');
    console_put('\n');
    console_flush();
    reset();
}

}  // namespace board
