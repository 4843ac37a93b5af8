// STM32F4 device table and detect(). This file is the one place the F4 line facts live, each
// row with its sources, so it can later be generated from a table of every STM32 family.
//   AN2606 = "STM32 microcontroller system memory boot mode", Table 3 "Embedded bootloaders"
//            (interfaces, bootloader ID and its address) and the per-line "configuration in
//            system memory boot mode" tables (ROM RAM, system memory, pins).
//   RM     = RM0090 (F405/407/415/417), RM0368 (F401), RM0383 (F411), RM0390 (F446):
//            memory map (SRAM), DBG chapter (DEV_ID), "Device electronic signature" (flash
//            size register).
//   stm32flash dev_table.c rows for 0x413/0x423/0x433/0x431/0x421 agree on system memory
//   0x1FFF0000-0x1FFF77FF and on user RAM starting at 0x20003000 (the ROM keeps below it).
#include "sysboot/stm32f4/device.hpp"

#include "sysboot/mmio.hpp"

namespace sysboot::stm32f4 {

namespace {

// System memory 0x1FFF0000-0x1FFF77FF (RM0090 §2.3 Table 1 / RM0390 §2.2.2 memory map;
// AN2606: the bootloader firmware starts at 0x1FFF0000 on every F4 line).
constexpr sysboot_range_t kSystemMemory = {0x1FFF0000, 0x7800};
// RAM the ROM uses: 12 KiB from 0x20000000 (AN2606 Tables 77, 79, 83, 93 for F401xB/C,
// F401xD/E, F411, F446; F40x bootloader V9.x: 12 KiB, V3.1: 8 KiB, so 12 KiB covers both).
constexpr sysboot_range_t kRomRam = {0x20000000, 0x3000};
// Flash size register, 16-bit KiB (RM0090 §39.2, RM0368/RM0383/RM0390 "Flash size" in the
// "Device electronic signature" chapter): 0x1FFF7A22 on every F4 line.
constexpr std::uint32_t kFlashSize = 0x1FFF7A22;
// Bootloader ID byte (AN2606 Table 3): 0x1FFF77DE on F40xxx/41xxx, 0x1FFF76DE on F401, F411
// and F446.
constexpr std::uint32_t kBootloaderIdF40x = 0x1FFF77DE;
constexpr std::uint32_t kBootloaderIdOthers = 0x1FFF76DE;
// First F40x bootloader with I2C and SPI: V9.0, ID 0x90 (AN2606 Table 76); V3.1 (ID 0x31)
// serves USART1/3, CAN2 and DFU only.
constexpr std::uint8_t kF40xFirstI2cSpiBootloaderId = 0x90;

constexpr sysboot_chip_hooks_t hooks_for(sysboot_status_t (*clocks)(),
                                         sysboot_status_t (*reset)()) {
    return sysboot_chip_hooks_t{
        clocks,
        reset,
        hooks::rdp_level,
        hooks::watchdog_running,
        hooks::reset_flags,
        hooks::clear_reset_flags,
        nullptr,  // rom_usable: single-bank lines (F42x/43x dual-bank boot is not supported)
        nullptr,  // map_system_memory: the Cortex-M4 has VTOR
    };
}

// Interfaces (AN2606 Table 3): F401 and F411 USART1/USART2 (USART2 on PD5/PD6), DFU,
// I2C1-3, SPI1-3; F40x USART1/USART3, CAN2, DFU (+ I2C1-3, SPI1/2 from V9.x); F446
// USART1/USART3, CAN2, DFU, I2C1-3, SPI1/2/4.
constexpr std::uint32_t kIfF401F411 =
    SYSBOOT_IF_USART1 | SYSBOOT_IF_USART2 | SYSBOOT_IF_USB_DFU | SYSBOOT_IF_I2C | SYSBOOT_IF_SPI;
constexpr std::uint32_t kIfF40xV3 =
    SYSBOOT_IF_USART1 | SYSBOOT_IF_USART3 | SYSBOOT_IF_CAN | SYSBOOT_IF_USB_DFU;
constexpr std::uint32_t kIfF446 = kIfF40xV3 | SYSBOOT_IF_I2C | SYSBOOT_IF_SPI;

struct Row {
    Device device;
    ChipInfo info;
};

// SRAM from 0x20000000 (where the ROM's initial SP may point): F401xB/C 64 KiB, F401xD/E
// 96 KiB (RM0368 §2.3), F40x 112 + 16 KiB (RM0090 §2.3; the CCM RAM at 0x10000000 is not
// counted), F411 128 KiB (RM0383 §2.3), F446 128 KiB (RM0390 §2.2.2).
constexpr Row kRows[] = {
    {{"STM32F401xB/C",
      0x423,
      kSystemMemory,
      kRomRam,
      {0x20000000, 64 * 1024},
      8,
      kIfF401F411,
      hooks_for(hooks::restore_clocks_f401, hooks::reset_peripherals_f401_f411)},
     {Line::f401bc, kFlashSize, kBootloaderIdOthers}},
    {{"STM32F401xD/E",
      0x433,
      kSystemMemory,
      kRomRam,
      {0x20000000, 96 * 1024},
      8,
      kIfF401F411,
      hooks_for(hooks::restore_clocks_f401, hooks::reset_peripherals_f401_f411)},
     {Line::f401de, kFlashSize, kBootloaderIdOthers}},
    {{"STM32F405/407/415/417",
      0x413,
      kSystemMemory,
      kRomRam,
      {0x20000000, 128 * 1024},
      8,
      kIfF40xV3 | SYSBOOT_IF_I2C | SYSBOOT_IF_SPI,
      hooks_for(hooks::restore_clocks_f40x, hooks::reset_peripherals_f40x)},
     {Line::f40x, kFlashSize, kBootloaderIdF40x}},
    {{"STM32F411",
      0x431,
      kSystemMemory,
      kRomRam,
      {0x20000000, 128 * 1024},
      8,
      kIfF401F411,
      hooks_for(hooks::restore_clocks_f411, hooks::reset_peripherals_f401_f411)},
     {Line::f411, kFlashSize, kBootloaderIdOthers}},
    {{"STM32F446",
      0x421,
      kSystemMemory,
      kRomRam,
      {0x20000000, 128 * 1024},
      8,
      kIfF446,
      hooks_for(hooks::restore_clocks_f446, hooks::reset_peripherals_f446)},
     {Line::f446, kFlashSize, kBootloaderIdOthers}},
};

// F40x with bootloader V3.1: as its row without I2C and SPI.
constexpr Device kF40xBootloaderV3 = {
    "STM32F405/407/415/417 (bootloader V3.1)",
    0x413,
    kSystemMemory,
    kRomRam,
    {0x20000000, 128 * 1024},
    8,
    kIfF40xV3,
    hooks_for(hooks::restore_clocks_f40x, hooks::reset_peripherals_f40x)};

const Row* row_for(std::uint16_t dev_id) {
    for (const Row& r : kRows) {
        if (r.device.dev_id == dev_id) {
            return &r;
        }
    }
    return nullptr;
}

}  // namespace

const Device* device_for(std::uint16_t dev_id) {
    const Row* r = row_for(dev_id);
    return r == nullptr ? nullptr : &r->device;
}

const ChipInfo* chip_info_for(std::uint16_t dev_id) {
    const Row* r = row_for(dev_id);
    return r == nullptr ? nullptr : &r->info;
}

std::uint16_t read_dev_id() {
    return static_cast<std::uint16_t>(mmio::read32(kIdcode) & kIdcodeDevIdMask);
}

const Device* detect(Status& why) {
    const Row* r = row_for(read_dev_id());
    why = r != nullptr ? Status::ok : Status::unknown_device;
    if (r == nullptr) {
        return nullptr;
    }
    // The ID byte is only read on a part we know, where system memory holds it.
    if (r->info.line == Line::f40x && rom_version(r->info) < kF40xFirstI2cSpiBootloaderId) {
        return &kF40xBootloaderV3;
    }
    return &r->device;
}

std::uint32_t flash_kib(const ChipInfo& info) {
    return mmio::read16(info.flash_size_register);
}

std::uint32_t rom_version(const ChipInfo& info) {
    return mmio::read8(info.bootloader_id_address);
}

}  // namespace sysboot::stm32f4
