#pragma once
// QEMU mps2-an505 (ARM MPS2 FPGA image AN505: Cortex-M33 with the Security Extension, the
// IoT Kit subsystem) as the rig uses it. The core resets in Secure state with VTOR_S =
// 0x10000000. Everything the rig uses is reached through the Secure aliases (address bit 28
// set: the IoT Kit IDAU, Arm ECM0601256 "IoT Kit" memory map; AN505 = Arm DAI0505), which
// is where an STM32 with TrustZone runs its system memory (AN2606). Checked by probes on
// QEMU 7.2: SSRAM1 0x10000000 (4 MiB), SSRAM2/3 0x38000000 (4 MiB), PSRAM 0x80000000
// (16 MiB), CMSDK UART0 at 0x50200000 with RX on expansion IRQ 0 = NVIC line 32, ICTR = 2.
#include <cstdint>

#include "cmsdk_uart.hpp"
#include "sysboot/mmio.hpp"

namespace rig {

inline constexpr const char* kBoardName = "qemu-an505";
inline constexpr const char* kDeviceName = "qemu-an505 (stand-in ROM)";

inline constexpr std::uint32_t kBootStubBase = 0x10000000;    // SSRAM1 (S): plays the boot ROM
inline constexpr std::uint32_t kFactoryImage = 0x10100000;    // SSRAM1: first image to install
inline constexpr std::uint32_t kStandInRomBase = 0x10300000;  // SSRAM1: plays system memory
inline constexpr std::uint32_t kStandInRomSize = 0x00010000;
inline constexpr std::uint32_t kFlashBase = 0x80000000;  // PSRAM: plays the STM32 flash
inline constexpr std::uint32_t kFlashSize = 0x00200000;
inline constexpr std::uint32_t kRamBase = 0x38000000;  // SSRAM2/3 (S)
inline constexpr std::uint32_t kRamSize = 0x00400000;
inline constexpr std::uint32_t kRomRamSize = 0x4000;
// The ROM's option bytes survive a modelled system reset just past the flash (PSRAM), and
// QEMU may load the ROM's option words just past the ROM (emu/rom/an3155_protocol.cpp).
inline constexpr std::uint32_t kOptionStore = kFlashBase + kFlashSize;
inline constexpr std::uint32_t kRomConfigAddress = kStandInRomBase + kStandInRomSize;
// A word the boot stub writes at every reset, standing in for a reset-cause register.
inline constexpr std::uint32_t kResetCause = 0x383FFFF0;

// CMSDK APB UART0, Secure alias of 0x40200000; QEMU wires UART n RX to expansion IRQ 2n,
// which the IoT Kit presents as NVIC line 32 + 2n.
using uart0 = cmsdk::Uart<0x50200000, 32>;
inline constexpr unsigned kConsoleRxIrq = uart0::kRxIrq;

inline constexpr unsigned kIrqCount = 96;  // ICTR = 2: 96 lines (92 wired)

// The chip hook map_system_memory: only cores without VTOR need one.
inline constexpr void (*kMapSystemMemory)() = nullptr;

// Board set-up before the console is used (rig_board.cpp). The IoT Kit's peripheral
// protection controllers admit only privileged Secure accesses after reset; an unprivileged
// write to the UART is dropped without a fault (Arm ECM0601256 "Secure Privilege Control
// Block", APBSPPPCEXP1; UART0 is port 5 of APB expansion PPC 1). The unprivileged-thread
// scenario prints from Thread mode with CONTROL.nPRIV = 1, so open that one port.
inline constexpr std::uint32_t kSecurePrivilegeControl = 0x50080000;
inline constexpr std::uint32_t APBSPPPCEXP1 = kSecurePrivilegeControl + 0xC4;
inline void init_rig() {
    sysboot::mmio::reg32(APBSPPPCEXP1) = sysboot::mmio::reg32(APBSPPPCEXP1) | (1u << 5);
}

}  // namespace rig
