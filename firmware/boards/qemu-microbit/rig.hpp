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

inline constexpr std::uint32_t kBootStubBase = 0x00000000;  // dispatcher + reset (32 KiB)
inline constexpr std::uint32_t kFlashBase = 0x00008000;     // plays the STM32F0 main flash
inline constexpr std::uint32_t kFlashSize = 0x00024000;     // 144 KiB
// QEMU's loader writes its images again at every system reset, so it must not load the
// application where the ROM programs a new one: it loads the factory image here and the
// boot code installs it at kFlashBase on the first boot only (remap_boot.cpp).
inline constexpr std::uint32_t kFactoryImage = 0x0002C000;
inline constexpr std::uint32_t kFactoryImageSize = 0x00004000;  // up to the stand-in ROM
inline constexpr std::uint32_t kStandInRomBase = 0x00030000;    // plays system memory
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
// The ROM's configuration words (emu/rom/an3155_protocol.cpp): in the reserved RAM too, since
// the stand-in ROM fills the flash up to its end; QEMU's loader writes them at every reset.
inline constexpr std::uint32_t kRomConfigAddress = 0x20003FC8;

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

// nRF51 NVMC (nRF51 Series RM v3.0 §6 "NVMC"; QEMU hw/nvram/nrf51_nvm.c models it): the
// flash above is NOR behind this controller. Plain stores to it are ignored; with CONFIG =
// WEN a 32-bit store clears bits, with CONFIG = EEN a write of an address to ERASEPAGE erases
// that 1 KiB page to 0xFF. The stand-in ROM programs the flash through it
// (emu/rom/flash_cells_nrf51.cpp).
namespace nrf51_nvmc {
inline constexpr std::uint32_t BASE = 0x4001E000;
inline constexpr std::uint32_t READY = BASE + 0x400;      // bit 0: 1 = ready
inline constexpr std::uint32_t CONFIG = BASE + 0x504;     // 0 read-only, 1 WEN, 2 EEN
inline constexpr std::uint32_t ERASEPAGE = BASE + 0x508;  // address of the page to erase
inline constexpr std::uint32_t CONFIG_REN = 0, CONFIG_WEN = 1, CONFIG_EEN = 2;
inline constexpr std::uint32_t kPageSize = 1024;  // nRF51 code page (RM §6, FICR CODEPAGESIZE)
// Ready again after a word write (~40 us) or a page erase (~20 ms) on silicon (nRF51
// product specification); QEMU is always ready. Bounded all the same.
inline constexpr std::uint32_t kReadyPolls = 1'000'000;

inline void wait_ready() {
    for (std::uint32_t i = 0; i < kReadyPolls && (sysboot::mmio::reg32(READY) & 1u) == 0; ++i) {
    }
}
// Erases the 1 KiB pages of [address, address + length) to 0xFF.
inline void erase(std::uint32_t address, std::uint32_t length) {
    sysboot::mmio::reg32(CONFIG) = CONFIG_EEN;
    for (std::uint32_t page = address & ~(kPageSize - 1); page < address + length;
         page += kPageSize) {
        sysboot::mmio::reg32(ERASEPAGE) = page;
        wait_ready();
    }
    sysboot::mmio::reg32(CONFIG) = CONFIG_REN;
}
// One 32-bit store with the NVMC in write mode: clears the bits that are 0 in `value`.
inline void program_word(std::uint32_t address, std::uint32_t value) {
    sysboot::mmio::reg32(CONFIG) = CONFIG_WEN;
    sysboot::mmio::reg32(address) = value;
    wait_ready();
    sysboot::mmio::reg32(CONFIG) = CONFIG_REN;
}
}  // namespace nrf51_nvmc

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
