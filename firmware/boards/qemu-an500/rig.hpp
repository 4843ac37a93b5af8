#pragma once
// QEMU mps2-an500 (ARM MPS2 FPGA image AN500: Cortex-M7) facts we rely on. Sources: ARM
// DAI0500 "AN500" memory map, ARM DDI0479 (CMSDK) §4.3 "APB UART", and QEMU 7.2 behaviour
// verified by probes (the emu tests boot from exactly these addresses). Every emulated board
// has a rig.hpp with these names (docs/emulated-board.md).
#include <cstdint>

#include "cmsdk_uart.hpp"

namespace rig {

inline constexpr const char* kBoardName = "qemu-an500";
inline constexpr const char* kDeviceName = "qemu-an500 (stand-in ROM)";

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
// The ROM's option bytes survive a modelled system reset just past the flash (PSRAM), and
// QEMU may load the ROM's option words just past the ROM (emu/rom/an3155_protocol.cpp).
inline constexpr std::uint32_t kOptionStore = kFlashBase + kFlashSize;
inline constexpr std::uint32_t kRomConfigAddress = kStandInRomBase + kStandInRomSize;
// A word the boot stub writes at every reset, standing in for a reset-cause register.
inline constexpr std::uint32_t kResetCause = 0x203FFFF0;

// CMSDK APB UART0 at 0x40004000; RX interrupt = IRQ 0, TX = IRQ 1.
using uart0 = cmsdk::Uart<0x40004000, 0>;
inline constexpr unsigned kConsoleRxIrq = uart0::kRxIrq;

// The board's "USB cable" (docs/dfu.md): CMSDK APB UART1 at 0x40005000, RX = IRQ 2, TX =
// IRQ 3 (QEMU hw/arm/mps2.c wires the AN385/AN386/AN500 UARTs 0..2 to IRQs 0/1, 2/3, 4/5; the
// second `-serial` is UART1). Only this rig has one: its stand-in ROM alone carries the DFU
// device (emu/rom/CMakeLists.txt builds usb_cable.cpp for the boards that define it).
using usb_cable = cmsdk::Uart<0x40005000, 2>;

inline constexpr unsigned kIrqCount = 32;  // QEMU models ICTR = 0 (32 lines)

// The chip hook map_system_memory: only cores without VTOR need one.
inline constexpr void (*kMapSystemMemory)() = nullptr;

// Board set-up before the console is used (rig_board.cpp): nothing on this board.
inline void init_rig() {}

}  // namespace rig
