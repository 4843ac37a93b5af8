#pragma once
// QEMU microbit (BBC micro:bit: nRF51822, a Cortex-M0, Armv6-M) as the rig for the cores
// without VTOR. Memory (nRF51 Series Reference Manual v3.0 §5 "Memory", checked by probes on
// QEMU 7.2): 256 KiB flash at 0x00000000 (written only through the NVMC, so QEMU's loader
// places every image where it runs), 16 KiB RAM at 0x20000000, UART at 0x40002000 on IRQ 2
// (nRF51 RM §29; the IRQ number is the peripheral ID, bits [16:12] of its base).
//
// STM32F0 system-memory remap, played here (docs/emulated-board.md): the Cortex-M0 always
// fetches its vector table from address 0 (DDI0419 §B1.5.3: no VTOR), and on STM32F0
// SYSCFG_CFGR1.MEM_MODE selects what appears at 0: 00 main flash, 01 system memory, 11 SRAM
// (RM0091 §9.1.1). The nRF51 has no such switch, so the rig keeps a MEM_MODE word in RAM
// and the vector table at 0 is a dispatcher (emu/bootstub/remap_boot.cpp) that forwards
// every exception through the table of the memory that word selects.
#include <cstdint>

#include "sysboot/mmio.hpp"

namespace rig {

inline constexpr const char* kBoardName = "qemu-microbit";
inline constexpr const char* kDeviceName = "qemu-microbit (stand-in ROM, remap)";

inline constexpr std::uint32_t kBootStubBase = 0x00000000;    // dispatcher + reset (32 KiB)
inline constexpr std::uint32_t kFlashBase = 0x00008000;       // plays the STM32F0 main flash
inline constexpr std::uint32_t kFlashSize = 0x00028000;       // 160 KiB
inline constexpr std::uint32_t kFactoryImage = kFlashBase;    // QEMU loads it in place
inline constexpr std::uint32_t kStandInRomBase = 0x00030000;  // plays system memory
inline constexpr std::uint32_t kStandInRomSize = 0x00010000;
inline constexpr std::uint32_t kRamBase = 0x20000000;
inline constexpr std::uint32_t kRamSize = 0x00004000;
inline constexpr std::uint32_t kRomRamSize = 0x1000;  // the stand-in ROM's 4 KiB
// The last 64 bytes of RAM stand for registers the nRF51 lacks; app.ld keeps them free.
inline constexpr std::uint32_t kOptionStore = 0x20003FC0;  // 8 bytes: the ROM's option bytes
inline constexpr std::uint32_t kResetCause = 0x20003FF0;
inline constexpr std::uint32_t kBootMagic = 0x20003FF4;    // set once: later resets are software
inline constexpr std::uint32_t kMemModeWord = 0x20003FF8;  // emulated SYSCFG_CFGR1
inline constexpr std::uint32_t kMemModeMask = 0x3u;        // MEM_MODE [1:0]
inline constexpr std::uint32_t kMemModeFlash = 0x0u;
inline constexpr std::uint32_t kMemModeSystem = 0x1u;
inline constexpr std::uint32_t kRomConfigAddress = 0;  // no option words for this ROM

inline constexpr unsigned kConsoleRxIrq = 2;  // UART0
inline constexpr unsigned kIrqCount = 32;

// nRF51 UART (nRF51 RM v3.0 §29.9 "Registers").
namespace nrf51_uart {
inline constexpr std::uint32_t BASE = 0x40002000;
inline constexpr std::uint32_t STARTRX = BASE + 0x000;
inline constexpr std::uint32_t STOPRX = BASE + 0x004;
inline constexpr std::uint32_t STARTTX = BASE + 0x008;
inline constexpr std::uint32_t STOPTX = BASE + 0x00C;
inline constexpr std::uint32_t RXDRDY = BASE + 0x108;  // event
inline constexpr std::uint32_t TXDRDY = BASE + 0x11C;  // event
inline constexpr std::uint32_t INTENSET = BASE + 0x304;
inline constexpr std::uint32_t INTENCLR = BASE + 0x308;
inline constexpr std::uint32_t ENABLE = BASE + 0x500;  // 4 = enabled
inline constexpr std::uint32_t RXD = BASE + 0x518;
inline constexpr std::uint32_t TXD = BASE + 0x51C;
inline constexpr std::uint32_t ENABLE_ON = 4;
inline constexpr std::uint32_t INT_RXDRDY = 1u << 2;
}  // namespace nrf51_uart

// The chip hook map_system_memory (sysboot.h): what an STM32F0 port does with
// SYSCFG_CFGR1.MEM_MODE = 01, done to the rig's MEM_MODE word.
inline void map_system_memory() {
    volatile std::uint32_t& mode = sysboot::mmio::reg32(kMemModeWord);
    mode = (mode & ~kMemModeMask) | kMemModeSystem;
}
inline constexpr void (*kMapSystemMemory)() = map_system_memory;

// Board set-up before the console is used (rig_board.cpp): nothing on this board.
inline void init_rig() {}

}  // namespace rig
