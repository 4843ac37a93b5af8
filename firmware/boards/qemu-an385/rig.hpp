#pragma once
// QEMU mps2-an385 (ARM MPS2 FPGA image AN385: Cortex-M3) as the rig uses it. Sources: Arm
// DAI0385 "AN385" memory map (AN386 is the same FPGA image for the Cortex-M4), Arm DDI0479
// (CMSDK) §4.3 "APB UART", and QEMU 7.2 behaviour verified by probes: unlike AN500, the
// PSRAM is at 0x21000000 (0x60000000 is unmapped). Names as in every rig.hpp
// (docs/emulated-board.md).
#include <cstdint>

#include "cmsdk_uart.hpp"

namespace rig {

inline constexpr const char* kBoardName = "qemu-an385";
inline constexpr const char* kDeviceName = "qemu-an385 (stand-in ROM)";

inline constexpr std::uint32_t kBootStubBase = 0x00000000;    // SSRAM1: plays the boot ROM
inline constexpr std::uint32_t kFactoryImage = 0x00100000;    // SSRAM1: first image to install
inline constexpr std::uint32_t kStandInRomBase = 0x00300000;  // SSRAM1: plays system memory
inline constexpr std::uint32_t kStandInRomSize = 0x00010000;
inline constexpr std::uint32_t kFlashBase = 0x21000000;  // PSRAM: plays the STM32 flash
inline constexpr std::uint32_t kFlashSize = 0x00200000;  // 2 MiB, F76x single-bank layout
inline constexpr std::uint32_t kRamBase = 0x20000000;    // SSRAM2/3
inline constexpr std::uint32_t kRamSize = 0x00400000;
inline constexpr std::uint32_t kRomRamSize = 0x4000;  // the ROM's 16 KiB, as on STM32F7
// The ROM's option bytes survive a modelled system reset just past the flash (PSRAM), and
// QEMU may load the ROM's option words just past the ROM (emu/rom/an3155_protocol.cpp).
inline constexpr std::uint32_t kOptionStore = kFlashBase + kFlashSize;
inline constexpr std::uint32_t kRomConfigAddress = kStandInRomBase + kStandInRomSize;
inline constexpr std::uint32_t kResetCause = 0x203FFFF0;

// CMSDK APB UART0 at 0x40004000; RX interrupt = IRQ 0, TX = IRQ 1.
using uart0 = cmsdk::Uart<0x40004000, 0>;
inline constexpr unsigned kConsoleRxIrq = uart0::kRxIrq;

inline constexpr unsigned kIrqCount = 32;  // QEMU models ICTR = 0 (32 lines)

// The chip hook map_system_memory: only cores without VTOR need one.
inline constexpr void (*kMapSystemMemory)() = nullptr;

// Board set-up before the console is used (rig_board.cpp): nothing on this board.
inline void init_rig() {}

}  // namespace rig
