// STM32F7 device table (AN2606 per-line bootloader sections; RM memory maps) and detect().
#include "sysboot/stm32f7/device.hpp"

#include "sysboot/mmio.hpp"
#include "sysboot/stm32f7/debug.hpp"

// SYSBOOT_STM32F7_PART_DEV_ID (CMake option SYSBOOT_STM32F7_PART, docs/footprint.md): a build
// for one part carries only that line's row, so detect() and the hooks it references are those
// of one line. 0 or undefined: every line, detect() picks the row by DEV_ID.
#ifndef SYSBOOT_STM32F7_PART_DEV_ID
#define SYSBOOT_STM32F7_PART_DEV_ID 0
#endif
#define SYSBOOT_STM32F7_HAS(dev_id) \
    (SYSBOOT_STM32F7_PART_DEV_ID == 0 || SYSBOOT_STM32F7_PART_DEV_ID == (dev_id))
#if !SYSBOOT_STM32F7_HAS(0x449) && !SYSBOOT_STM32F7_HAS(0x451) && !SYSBOOT_STM32F7_HAS(0x452)
#error "SYSBOOT_STM32F7_PART_DEV_ID: not an STM32F7 DEV_ID (0x449, 0x451 or 0x452)"
#endif

namespace sysboot::stm32f7 {

namespace {

// Flash organisation, RM0385 §3.3.1 Table 3, RM0410 §3.3.1 Tables 3/4, RM0431 §3.3.1 Table 4.
constexpr SectorGroup kF74xSectors[] = {{4, 32}, {1, 128}, {3, 256}};         // 1 MiB
constexpr SectorGroup kF76xSingleBank[] = {{4, 32}, {1, 128}, {7, 256}};      // 2 MiB
constexpr SectorGroup kF76xDualBankOneBank[] = {{4, 16}, {1, 64}, {7, 128}};  // 1 MiB
constexpr SectorGroup kF72xSectors[] = {{4, 16}, {1, 64}, {3, 128}};          // 512 KiB

// Flash size register: RM0385/RM0410 §45.2 at 0x1FF0F442, RM0431 §45.2 at 0x1FF07A22.
// In the order of kDevices (same rows).
constexpr ChipInfo kChips[] = {
#if SYSBOOT_STM32F7_HAS(0x449)
    {Line::f74x, 0x1FF0F442, 320, {kF74xSectors, 3}, {nullptr, 0}},
#endif
#if SYSBOOT_STM32F7_HAS(0x451)
    {Line::f76x, 0x1FF0F442, 512, {kF76xSingleBank, 3}, {kF76xDualBankOneBank, 3}},
#endif
#if SYSBOOT_STM32F7_HAS(0x452)
    {Line::f72x, 0x1FF07A22, 256, {kF72xSectors, 3}, {nullptr, 0}},
#endif
};

// Interfaces per AN2606 (STM32F7 bootloader configuration tables): USART1 PA9/PA10, USART3
// PB10/PB11 and PC10/PC11, USB OTG FS DFU PA11/PA12 and I2C1/2/3 on every line; CAN2
// (PB5/PB13) on F74x/F75x and F76x/F77x, CAN1 (PD0/PD1) on F72x/F73x; SPI1/2/4 on F76x and
// F72x, and on F74x/F75x only from bootloader V9.x (V7.x has no SPI).
constexpr std::uint32_t kCommonInterfaces =
    SYSBOOT_IF_USART1 | SYSBOOT_IF_USART3 | SYSBOOT_IF_USB_DFU | SYSBOOT_IF_I2C | SYSBOOT_IF_CAN;
// Bootloader ID of the first F74x/F75x bootloader with SPI (AN2606 "Bootloader ID" table:
// the ID byte is the version, 0x70 = V7.0, 0x90 = V9.0).
constexpr std::uint8_t kF74xFirstSpiBootloaderId = 0x90;

// All SRAM from 0x20000000 (DTCM + SRAM1 + SRAM2, RM §2.2.2 memory map): where the ROM's
// initial stack pointer may point.
constexpr sysboot_chip_hooks_t hooks_for(sysboot_status_t (*reset)(), bool dual_bank) {
    return sysboot_chip_hooks_t{
        hooks::restore_clocks,
        reset,
        hooks::rdp_level,
        hooks::watchdog_running,
        hooks::reset_flags,
        hooks::clear_reset_flags,
        dual_bank ? hooks::rom_usable_f76x : nullptr,
        nullptr,  // map_system_memory: the Cortex-M7 has VTOR
    };
}

constexpr Device kDevices[] = {
#if SYSBOOT_STM32F7_HAS(0x449)
    {"STM32F74x/75x",
     kDevIdF74x,
     {kSystemMemoryBase, kSystemMemorySize},
     {kRomRamBase, kRomRamSize},
     {0x20000000, 320 * 1024},
     8,
     kCommonInterfaces | SYSBOOT_IF_SPI,
     hooks_for(hooks::reset_peripherals_f74x, false)},
#endif
#if SYSBOOT_STM32F7_HAS(0x451)
    {"STM32F76x/77x",
     kDevIdF76x,
     {kSystemMemoryBase, kSystemMemorySize},
     {kRomRamBase, kRomRamSize},
     {0x20000000, 512 * 1024},
     8,
     kCommonInterfaces | SYSBOOT_IF_SPI,
     hooks_for(hooks::reset_peripherals_f76x, true)},
#endif
#if SYSBOOT_STM32F7_HAS(0x452)
    {"STM32F72x/73x",
     kDevIdF72x,
     {kSystemMemoryBase, kSystemMemorySize},
     {kRomRamBase, kRomRamSize},
     {0x20000000, 256 * 1024},
     8,
     kCommonInterfaces | SYSBOOT_IF_SPI,
     hooks_for(hooks::reset_peripherals_f72x, false)},
#endif
};
static_assert(sizeof(kDevices) / sizeof(kDevices[0]) == sizeof(kChips) / sizeof(kChips[0]));

#if SYSBOOT_STM32F7_HAS(0x449)

// F74x/F75x with a bootloader older than V9.x: as kDevices[0] without SPI.
constexpr Device kF74xBootloaderV7 = {"STM32F74x/75x (bootloader V7.x)",
                                      kDevIdF74x,
                                      {kSystemMemoryBase, kSystemMemorySize},
                                      {kRomRamBase, kRomRamSize},
                                      {0x20000000, 320 * 1024},
                                      8,
                                      kCommonInterfaces,
                                      hooks_for(hooks::reset_peripherals_f74x, false)};
#endif

int index_for(std::uint16_t dev_id) {
    for (int i = 0; i < static_cast<int>(sizeof(kDevices) / sizeof(kDevices[0])); ++i) {
        if (kDevices[i].dev_id == dev_id) {
            return i;
        }
    }
    return -1;
}

}  // namespace

const Device* device_for(std::uint16_t dev_id) {
    const int i = index_for(dev_id);
    return i < 0 ? nullptr : &kDevices[i];
}

const Device* device_for(std::uint16_t dev_id, std::uint8_t bootloader_id) {
#if SYSBOOT_STM32F7_HAS(0x449)
    if (dev_id == kDevIdF74x && bootloader_id < kF74xFirstSpiBootloaderId) {
        return &kF74xBootloaderV7;
    }
#else
    (void)bootloader_id;  // only the F74x/F75x interfaces depend on the bootloader version
#endif
    return device_for(dev_id);
}

const ChipInfo* chip_info_for(std::uint16_t dev_id) {
    const int i = index_for(dev_id);
    return i < 0 ? nullptr : &kChips[i];
}

std::uint16_t read_dev_id() {
    return static_cast<std::uint16_t>(mmio::read32(dbgmcu::IDCODE) & dbgmcu::IDCODE_DEV_ID_MASK);
}

const Device* detect(Status& why) {
    const std::uint16_t dev_id = read_dev_id();
#if SYSBOOT_STM32F7_HAS(0x449)
    // The ID byte is only read on a part we know, where system memory holds it.
    const Device* dev = device_for(dev_id) == nullptr
                            ? nullptr
                            : device_for(dev_id, static_cast<std::uint8_t>(rom_version()));
#else
    const Device* dev = device_for(dev_id);  // no other line's interfaces depend on the ID byte
#endif
    why = dev != nullptr ? Status::ok : Status::unknown_device;
    return dev;
}

std::uint32_t flash_kib(const ChipInfo& info) {
    return mmio::read16(info.flash_size_register);
}

std::uint32_t rom_version() {
    return mmio::read8(kBootloaderIdAddress);
}

}  // namespace sysboot::stm32f7
