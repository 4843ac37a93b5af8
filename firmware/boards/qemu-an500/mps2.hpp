#pragma once
// QEMU mps2-an500 (ARM MPS2 FPGA image AN500: Cortex-M7) facts we rely on. Sources: ARM
// DAI0500 "AN500" memory map, ARM DDI0479 (CMSDK) §4.3 "APB UART", and QEMU 7.2 behaviour
// verified by probes (the emu tests boot from exactly these addresses).
#include <cstdint>

namespace mps2 {

// Memory the emulated board offers and how sysboot uses it.
inline constexpr std::uint32_t kBootStubBase = 0x00000000;    // SSRAM1: plays the boot ROM
inline constexpr std::uint32_t kFactoryImage = 0x00100000;    // SSRAM1: first image to install
inline constexpr std::uint32_t kStandInRomBase = 0x00300000;  // SSRAM1: plays system memory
inline constexpr std::uint32_t kStandInRomSize = 0x00010000;
inline constexpr std::uint32_t kFlashBase = 0x60000000;  // PSRAM: plays the F7 flash
inline constexpr std::uint32_t kFlashSize = 0x00200000;  // 2 MiB, F76x single-bank layout
inline constexpr std::uint32_t kRamBase = 0x20000000;    // SSRAM2/3
inline constexpr std::uint32_t kRamSize = 0x00400000;
inline constexpr std::uint32_t kRomRamSize = 0x4000;  // like F7: ROM uses 16 KiB (AN2606)
// A word the boot stub writes at every reset, standing in for a reset-cause register.
inline constexpr std::uint32_t kResetCause = 0x203FFFF0;

// CMSDK APB UART0 (DDI0479 §4.3), 0x40004000; RX interrupt = IRQ 0, TX = IRQ 1.
namespace uart0 {
inline constexpr std::uint32_t BASE = 0x40004000;
inline constexpr std::uint32_t DATA = BASE + 0x00;
inline constexpr std::uint32_t STATE = BASE + 0x04;      // bit0 TX full, bit1 RX full
inline constexpr std::uint32_t CTRL = BASE + 0x08;       // bit0 TXEN, bit1 RXEN, bit3 RXINTEN
inline constexpr std::uint32_t INTSTATUS = BASE + 0x0C;  // write 1 to clear (INTCLEAR)
inline constexpr std::uint32_t BAUDDIV = BASE + 0x10;    // >= 16
inline constexpr std::uint32_t STATE_TXFULL = 1u << 0;
inline constexpr std::uint32_t STATE_RXFULL = 1u << 1;
inline constexpr std::uint32_t CTRL_TXEN = 1u << 0;
inline constexpr std::uint32_t CTRL_RXEN = 1u << 1;
inline constexpr std::uint32_t CTRL_RXINTEN = 1u << 3;
inline constexpr std::uint32_t INT_RX = 1u << 1;
inline constexpr unsigned kRxIrq = 0;
inline constexpr unsigned kTxIrq = 1;
}  // namespace uart0

// CMSDK APB UART1 at 0x40005000: RX interrupt = IRQ 2, TX = IRQ 3 (QEMU hw/arm/mps2.c wires
// the AN385/AN386/AN500 UARTs 0..2 to IRQs 0/1, 2/3, 4/5; the second `-serial` is UART1).
// The stand-in ROM uses it as the USB cable of the board (docs/dfu.md); same registers and
// bits as UART0.
namespace uart1 {
inline constexpr std::uint32_t BASE = 0x40005000;
inline constexpr std::uint32_t DATA = BASE + 0x00;
inline constexpr std::uint32_t STATE = BASE + 0x04;
inline constexpr std::uint32_t CTRL = BASE + 0x08;
inline constexpr std::uint32_t INTSTATUS = BASE + 0x0C;
inline constexpr std::uint32_t BAUDDIV = BASE + 0x10;
inline constexpr unsigned kRxIrq = 2;
inline constexpr unsigned kTxIrq = 3;
}  // namespace uart1

inline constexpr unsigned kIrqCount = 32;  // QEMU models ICTR = 0 (32 lines)

}  // namespace mps2
