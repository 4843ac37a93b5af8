// Stand-in for the STM32F7 ROM bootloader on qemu-an500.
//
// 1. Its reset handler records the CPU state it was handed (capture.hpp) before it touches
//    the stack, evaluates it against the reset state, and prints one machine-readable line:
//      ROM-ENTRY fail=0x... primask=... (every captured register)
// 2. Like the real ROM it never executes CPSIE and never writes VTOR or CONTROL: it enables
//    its UART RX interrupt in its own vector table and serves the bootloader protocol from
//    that interrupt. A hand-off that leaves interrupts masked, the core in Handler mode or
//    VTOR elsewhere therefore gets no answer (F1, F3).
// 3. The protocol (AN3155) runs in the RX interrupt; Go is carried out from Thread mode.
// 4. Its USB DFU device (AN3156) is reached through UART1, the board's "USB cable"
//    (usb_cable.cpp), served from UART1's RX interrupt in the same way.
#include <cstdint>

#include "capture.hpp"
#include "mps2.hpp"
#include "rom_protocol.hpp"
#include "sysboot/cm7/fpu.hpp"
#include "sysboot/cm7/mpu.hpp"
#include "sysboot/cm7/nvic.hpp"
#include "sysboot/cm7/scb.hpp"
#include "sysboot/cm7/systick.hpp"
#include "sysboot/mmio.hpp"
#include "uart.hpp"
#include "usb_cable.hpp"

// Written by rom_reset before the stack exists; NOLOAD so startup leaves it alone.
extern "C" {
[[gnu::section(".capture"), gnu::used]] rom::CoreCapture g_core;
}

extern "C" {
extern std::uint32_t __rom_stack_top[];
extern std::uint32_t __data_load[], __data_start[], __data_end[];
extern std::uint32_t __bss_start[], __bss_end[];
[[noreturn]] void rom_reset();
[[noreturn]] void rom_main();
void rom_default_handler();
void rom_uart_rx_handler();
void rom_usb_rx_handler();
}

namespace {
using Vector = void (*)();
constexpr unsigned kVectors = 16 + mps2::kIrqCount;

// Also NOLOAD: captured before .bss is zeroed.
[[gnu::section(".capture")]] rom::SystemCapture g_sys;
[[gnu::section(".capture")]] std::uint32_t g_priorities;

constexpr Vector make_table_entry(unsigned i) {
    if (i == 1) {
        return rom_reset;
    }
    if (i == 16 + mps2::uart0::kRxIrq) {
        return rom_uart_rx_handler;
    }
    if (i == 16 + mps2::uart1::kRxIrq) {
        return rom_usb_rx_handler;
    }
    return rom_default_handler;
}

struct Table {
    std::uint32_t* sp;
    Vector v[kVectors - 1];
};
constexpr Table make_table() {
    Table t{__rom_stack_top, {}};
    for (unsigned i = 1; i < kVectors; ++i) {
        t.v[i - 1] = make_table_entry(i);
    }
    return t;
}
}  // namespace

[[gnu::section(".isr_vector"), gnu::used]] const Table g_rom_vectors = make_table();
// Bootloader ID, last byte of the ROM (AN2606: e.g. 0x90 = version 9.0). 0xE1 = emulated.
[[gnu::section(".rom_id"), gnu::used]] const std::uint8_t g_rom_id = 0xE1;

// First instructions: registers only, no stack, no call (the C++ below uses the stack).
extern "C" [[gnu::naked, noreturn]] void rom_reset() {
    asm volatile(
        "ldr r0, =g_core\n\t"
        "mrs r1, primask\n\t"
        "str r1, [r0, #0]\n\t"
        "mrs r1, basepri\n\t"
        "str r1, [r0, #4]\n\t"
        "mrs r1, faultmask\n\t"
        "str r1, [r0, #8]\n\t"
        "mrs r1, control\n\t"
        "str r1, [r0, #12]\n\t"
        "mrs r1, ipsr\n\t"
        "str r1, [r0, #16]\n\t"
        "mrs r1, msp\n\t"
        "str r1, [r0, #20]\n\t"
        "mrs r1, psp\n\t"
        "str r1, [r0, #24]\n\t"
        "mrs r1, xpsr\n\t"
        "str r1, [r0, #28]\n\t"
        "b rom_main\n\t"
        ".ltorg\n\t");
}

namespace {

using sysboot::mmio::reg32;
volatile std::uint32_t& reg(std::uint32_t a) {
    return reg32(a);
}

void capture_system() {
    using namespace sysboot::cm7;
    g_sys.vtor = reg(scb::VTOR);
    g_sys.nvic_words = (reg(scb::ICTR) & scb::ICTR_INTLINESNUM_MASK) + 1u;
    for (std::uint32_t i = 0; i < g_sys.nvic_words && i < 8; ++i) {
        g_sys.iser[i] = reg(nvic::word(nvic::ISER0, i));
        g_sys.ispr[i] = reg(nvic::word(nvic::ISPR0, i));
        g_sys.iabr[i] = reg(nvic::word(nvic::IABR0, i));
    }
    g_sys.systick_csr = reg(systick::CSR);
    g_sys.icsr = reg(scb::ICSR);
    g_sys.shcsr = reg(scb::SHCSR);
    g_sys.mpu_ctrl = reg(mpu::CTRL);
    g_sys.ccr = reg(scb::CCR);
    g_sys.fpccr = reg(fpu::FPCCR);
    g_sys.cpacr = reg(scb::CPACR);
    std::uint32_t prio = reg(scb::SHPR1) | reg(scb::SHPR2) | reg(scb::SHPR3);
    for (std::uint32_t i = 0; i < g_sys.nvic_words * 8; ++i) {
        prio |= reg(nvic::word(nvic::IPR0, i));
    }
    g_priorities = prio;
}

// The board's bounded polled transmit; the ROM keeps its own UART set-up (rom_main).
void put(std::uint8_t b) {
    mps2::console::put(b);
}
void put_str(const char* s) {
    while (*s != '\0') {
        put(static_cast<std::uint8_t>(*s++));
    }
}
void put_hex(std::uint32_t v) {
    put('0');
    put('x');
    for (int i = 7; i >= 0; --i) {
        put(static_cast<std::uint8_t>("0123456789abcdef"[(v >> (4 * i)) & 0xFu]));
    }
}
void field(const char* name, std::uint32_t v) {
    put(' ');
    put_str(name);
    put('=');
    put_hex(v);
}

void report(std::uint32_t fail) {
    put_str("ROM-ENTRY");
    field("fail", fail);
    field("primask", g_core.primask);
    field("basepri", g_core.basepri);
    field("faultmask", g_core.faultmask);
    field("control", g_core.control);
    field("ipsr", g_core.ipsr);
    field("msp", g_core.msp);
    field("psp", g_core.psp);
    field("vtor", g_sys.vtor);
    field("iser0", g_sys.iser[0]);
    field("ispr0", g_sys.ispr[0]);
    field("iabr0", g_sys.iabr[0]);
    field("systick_csr", g_sys.systick_csr);
    field("icsr", g_sys.icsr);
    field("shcsr", g_sys.shcsr);
    field("mpu_ctrl", g_sys.mpu_ctrl);
    field("ccr", g_sys.ccr);
    field("fpccr", g_sys.fpccr);
    field("cpacr", g_sys.cpacr);
    field("priorities", g_priorities);
    put_str("\r\n");
}

}  // namespace

extern "C" [[noreturn]] void rom_main() {
    capture_system();
    for (std::uint32_t *src = __data_load, *dst = __data_start; dst < __data_end;) {
        *dst++ = *src++;
    }
    for (std::uint32_t* dst = __bss_start; dst < __bss_end;) {
        *dst++ = 0;
    }
    // The UART as the ROM configures it, then the report.
    reg(mps2::uart0::BAUDDIV) = 16;
    reg(mps2::uart0::CTRL) = mps2::uart0::CTRL_TXEN | mps2::uart0::CTRL_RXEN;
    const std::uint32_t fail =
        rom::evaluate(g_core, g_sys, mps2::kStandInRomBase,
                      reinterpret_cast<std::uint32_t>(__rom_stack_top), g_priorities);
    report(fail);
    rom::protocol_init(put);
    // RX interrupt on (DDI0479 §4.3 CTRL.RXINTEN; NVIC line 0). No CPSIE: like the real ROM,
    // this relies on the hand-off having left PRIMASK clear.
    reg(mps2::uart0::CTRL) =
        mps2::uart0::CTRL_TXEN | mps2::uart0::CTRL_RXEN | mps2::uart0::CTRL_RXINTEN;
    reg(sysboot::cm7::nvic::ISER0) = 1u << mps2::uart0::kRxIrq;
    // A byte that arrived before RXINTEN raises no interrupt on the CMSDK UART (QEMU sets
    // INTSTATUS.RX only on reception with RXINTEN set) and blocks further reception: pend
    // the line so the handler drains it. Still served from the interrupt, so still F1-proof.
    if ((reg(mps2::uart0::STATE) & mps2::uart0::STATE_RXFULL) != 0) {
        reg(sysboot::cm7::nvic::ISPR0) = 1u << mps2::uart0::kRxIrq;
    } else {
        // Empty: a read of DATA makes QEMU's model ask its chardev for input again (after a
        // reset RX was disabled when it last asked; otherwise the first byte waits ~1 s).
        const std::uint32_t discard = reg(mps2::uart0::DATA);
        (void)discard;
    }
    rom::cable_init();
    for (;;) {
        std::uint32_t go = 0;
        if (rom::protocol_take_go(go)) {
            rom::protocol_go(go);
        }
        asm volatile("wfi");
    }
}

extern "C" void rom_uart_rx_handler() {
    // Clear the RX interrupt before draining DATA (qemu-an500 facts: the other order can
    // lose the interrupt for a byte that arrives in between).
    reg(mps2::uart0::INTSTATUS) = mps2::uart0::INT_RX;
    while ((reg(mps2::uart0::STATE) & mps2::uart0::STATE_RXFULL) != 0) {
        rom::protocol_byte(static_cast<std::uint8_t>(reg(mps2::uart0::DATA) & 0xFFu));
    }
}

extern "C" void rom_usb_rx_handler() {
    rom::cable_rx_interrupt();
}

extern "C" void rom_default_handler() {
    std::uint32_t ipsr;
    asm volatile("mrs %0, ipsr" : "=r"(ipsr));
    put_str("ROM-FAULT exception=");
    put_hex(ipsr & 0x1FFu);
    put_str("\r\n");
    for (;;) {
        asm volatile("wfi");
    }
}
