#pragma once
// The memory maps the model lays out: STM32F7 (RM0410 §2.2.2 Figure 2; RM0385 §2.2.2; RM0431
// §2.2.2) and STM32F4 (RM0390 §2.2.2, RM0383 §2.3), and the fake system memory (AN2606: the
// ROM bootloader at 0x1FF00000 on F7, 0x1FFF0000 on F4).
#include <cstdint>

#include <utility>
#include <vector>

#include "f7model/model.hpp"

namespace f7model::detail::memory {

inline constexpr std::uint32_t kItcmRam = 0x00000000;    // ITCM RAM
inline constexpr std::uint32_t kFlashItcm = 0x00200000;  // flash through the ITCM interface
inline constexpr std::uint32_t kFlashAxi = 0x08000000;   // flash through AXIM
// BOOT_ADD0 as shipped is 0x0080: boot from 0x00200000, flash on ITCM (RM0410 §2.6).
inline constexpr std::uint32_t kBootAddress = 0x00200000;
inline constexpr std::uint32_t kSram = 0x20000000;     // DTCM, then SRAM1, SRAM2
inline constexpr std::uint32_t kSysMemSize = 0x10000;  // F7: 0x1FF00000.. incl. OTP and signature
// F4: system memory 0x1FFF0000-0x1FFF77FF, OTP to 0x1FFF7A0F, unique ID and flash size up to
// 0x1FFF7A23 (RM0390 §2.2.2 Table 1, §3.3 "Embedded flash memory"); one 32 KiB window.
inline constexpr std::uint32_t kF4SysMemSize = 0x8000;
// F4 boot from flash (BOOT0 = 0): the main flash is aliased at 0 (RM0390 §2.4, RM0383 §2.4).
inline constexpr std::uint32_t kF4FlashAlias = 0x00000000;
inline constexpr std::uint32_t kPeriph = 0x40000000;
inline constexpr std::uint32_t kPeriphSize = 0x80000;  // APB1, APB2, AHB1 up to 0x4007FFFF
inline constexpr std::uint32_t kAhb2 = 0x50000000;     // USB OTG FS (not modelled: RAZ/WI)
inline constexpr std::uint32_t kAhb2Size = 0x70000;
// STM32H7 (RM0433 and RM0468 "Memory map"): ITCM RAM 64 KiB at 0, flash at
// 0x08000000 only (BOOT_ADD0 as shipped = 0x0800: boot from 0x08000000), DTCM 128 KiB at
// 0x20000000, AXI SRAM at 0x24000000 (512 KiB on H74x/75x; 320 KiB on H72x/73x with the
// shared TCM/AXI RAM at its default split), system memory 0x1FF00000-0x1FF1FFFF (the ROM,
// its vector table at 0x1FF09800, and the flash size register at 0x1FF1E880).
inline constexpr std::uint32_t kH7Axi = 0x24000000, kH7SysMem = 0x1FF00000, kH7SysMemSize = 0x20000,
                               kH7FlashSize = 0x1FF1E880;
inline constexpr std::uint32_t h7_axi_bytes(Part p) {
    return p == Part::h743 ? 512u * 1024u : 320u * 1024u;
}
// STM32L4/G4 GPIO ports on AHB2 (RM0351/RM0440 memory map; CMSIS GPIOA_BASE).
inline constexpr std::uint32_t kL4G4Gpio = 0x48000000, kL4G4GpioSize = 0x10000;
inline constexpr std::uint32_t kPpb = 0xE0000000;  // private peripheral bus (DDI0403E §B3.1)
inline constexpr std::uint32_t kPpbSize = 0x100000;
// H7 register windows (RM0433 "Memory map"): D2 APB1/APB2/AHB1 incl. both USB OTGs (0x40000000-
// 0x400BFFFF), D2 AHB2 (0x48000000), D1 APB3 (0x50000000), D1 AHB3 with the flash interface
// (0x52000000), D3 APB4 with SYSCFG (0x58000000), D3 AHB4 with GPIO, RCC, PWR (0x58020000),
// DBGMCU (0x5C001000), and the PPB.
inline const std::vector<std::pair<std::uint32_t, std::uint32_t>> kH7Windows = {
    {0x40000000, 0xC0000}, {0x48000000, 0x30000}, {0x50000000, 0x4000}, {0x52000000, 0x10000},
    {0x58000000, 0x7000},  {0x58020000, 0x8000},  {0x5C000000, 0x2000}, {kPpb, kPpbSize}};

}  // namespace f7model::detail::memory
