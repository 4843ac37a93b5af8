// app/board.hpp for every STM32 board, over the chip kit's port (sysboot/stm32/board_port.hpp).
#include "app/board.hpp"

#include "sysboot/cm7/core.hpp"
#include "sysboot/cm7/nvic.hpp"
#include "sysboot/cm7/reset.hpp"
#include "sysboot/mmio.hpp"
#include "sysboot/stm32/board_port.hpp"

namespace {

namespace port = sysboot::stm32::port;

volatile std::uint32_t g_ticks;  // SysTick count (ms), as any application keeps one

// The Device the app uses: the chip's, with the clock and peripheral hooks wrapped so that a
// refused hand-off brings the console back (those hooks reset the console USART and may
// leave the clock changed) and the app can print why.
sysboot::Device g_device;
const sysboot::Device* g_chip;

sysboot_status_t wrapped_restore_clocks() {
    const sysboot_status_t s = g_chip->hooks.restore_clocks();
    if (s != SYSBOOT_OK) {
        port::console_init();
    }
    return s;
}

sysboot_status_t wrapped_reset_peripherals() {
    const sysboot_status_t s = g_chip->hooks.reset_peripherals();
    if (s != SYSBOOT_OK) {
        port::console_init();
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
    const sysboot::Device* dev = port::detect(why);
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
    return port::board_name();
}

void init() {
    port::init_hardware();
    // The console's NVIC line enabled with a priority, as an interrupt-driven driver would
    // have it (RXNEIE/TXEIE stay 0, so it never fires in this polled example).
    namespace nvic = sysboot::cm7::nvic;
    const unsigned irq = port::console_irq();
    // One read-modify-write of the priority word: Armv6-M (STM32G0) allows word accesses to
    // NVIC_IPR only (DDI0419E §B3.4), Armv7-M any size.
    const std::uint32_t ipr = nvic::IPR0 + 4u * (irq / 4u);
    const unsigned shift = 8u * (irq % 4u);
    sysboot::mmio::write32(ipr,
                           (sysboot::mmio::read32(ipr) & ~(0xFFu << shift)) | (0x50u << shift));
    sysboot::mmio::write32(nvic::word(nvic::ISER0, irq / 32), 1u << (irq % 32));
}

void console_put(std::uint8_t byte) {
    for (std::uint32_t i = 0; i < port::kTxSpin; ++i) {
        if (port::console_tx_ready()) {
            port::console_write(byte);
            return;
        }
    }
}

int console_get() {
    return port::console_read();
}

void console_flush() {
    for (std::uint32_t i = 0; i < port::kTxSpin; ++i) {
        if (port::console_tx_done()) {
            return;
        }
    }
}

const sysboot::Device* device(sysboot::Status& why) {
    if (g_chip == nullptr) {
        g_chip = port::detect(why);
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
    return port::flash_kib();
}

std::uint32_t rom_version() {
    return port::rom_version();
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
