// STM32G0 device table and detect(). The line facts are the rows of the project's family
// table (protocol/stm32/include/sysboot/stm32/families/g0.hpp, sources in docs/families.md):
// each Device below is built from its row at compile time, and the static_asserts check that
// the registers this chip support reads (DBG_IDCODE, RCC_CSR.SFTRSTF, the flash size
// register) are the ones the table names. What the table does not hold, the ROM's
// interfaces and the hooks, is added here.
#include "sysboot/stm32g0/device.hpp"

#include <cstddef>

#include "sysboot/mmio.hpp"
#include "sysboot/stm32/device_lookup.hpp"
#include "sysboot/stm32/families/g0.hpp"
#include "sysboot/stm32g0/regs.hpp"

namespace sysboot::stm32g0 {

namespace {

namespace table = sysboot::stm32;

consteval std::size_t row_index(std::uint16_t dev_id) {
    for (std::size_t i = 0; i < std::size(table::kG0Parts); ++i) {
        if (table::kG0Parts[i].dev_id == dev_id) {
            return i;
        }
    }
    return std::size(table::kG0Parts);
}

template <std::uint16_t DevId>
consteval const table::PartInfo& row() {
    constexpr std::size_t i = row_index(DevId);
    static_assert(i < std::size(table::kG0Parts), "DEV_ID missing from the G0 family table");
    return table::kG0Parts[i];
}

// Every G0 line has its IDCODE, reset flag and flash size register where the hooks read them
// (CMSIS cmsis_device_g0: DBG_BASE, RCC->CSR SFTRSTF, FLASHSIZE_BASE).
consteval bool registers_agree() {
    for (const table::PartInfo& p : table::kG0Parts) {
        if (p.idcode_address != 0x40015800u || p.software_reset_flag.address != rcc::CSR ||
            p.software_reset_flag.mask() != rcc::CSR_SFTRSTF ||
            p.flash_size_address != table::kG0Parts[0].flash_size_address ||
            p.rom_vectors != p.system_memory.base) {
            return false;
        }
    }
    return true;
}
static_assert(registers_agree(), "G0 table rows disagree with the registers this chip reads");
constexpr std::uint32_t kIdcode = table::kG0Parts[0].idcode_address;
constexpr std::uint32_t kIdcodeDevIdMask = 0xFFFu;

constexpr sysboot_range_t range(table::Range r) {
    return sysboot_range_t{r.base, r.size};
}

// G0B0/B1/C1 and their USB and FDCAN reset; the other lines share one set (hooks.cpp).
constexpr sysboot_chip_hooks_t hooks_for(sysboot_status_t (*reset)()) {
    return sysboot_chip_hooks_t{
        hooks::restore_clocks,
        reset,
        hooks::rdp_level,
        hooks::watchdog_running,
        hooks::reset_flags,
        hooks::clear_reset_flags,
        nullptr,  // rom_usable: no line-specific refusal (dual-bank G0B1 boots from bank 1)
        // map_system_memory: not needed, so the `remap` step is not in an M0+ build. The G0's
        // Cortex-M0+ has VTOR (CMSIS __VTOR_PRESENT 1 in every stm32g0xxxx.h) and the `vtor`
        // step points it at system memory, which is where exceptions are fetched from
        // (DDI0419E §B3.2 "VTOR"). SYSCFG_CFGR1.MEM_MODE (RM0444 §9.1.1) only chooses what address
        // 0 aliases; RM0444 §2.5 and AN2606 use it to describe the boot modes, neither asks
        // for it before a jump from the application. Left at its reset value (main flash).
        nullptr,
    };
}

// ROM interfaces (AN2606 STM32G0 bootloader sections): every line serves USART1 and USART2,
// I2C and SPI; the G0B0/B1/C1 ROM adds USB DFU (crystal-less, on HSI48) and FDCAN. AN2606's
// tables could not be read where this was written; ST community threads confirm USART2 on the
// NUCLEO-G071RB's VCP and USART1 PA9/PA10 and I2C1 PB6/PB7 on the G031 (docs/boards.md).
constexpr std::uint32_t kIfG0x =
    SYSBOOT_IF_USART1 | SYSBOOT_IF_USART2 | SYSBOOT_IF_I2C | SYSBOOT_IF_SPI;
constexpr std::uint32_t kIfG0b = kIfG0x | SYSBOOT_IF_USB_DFU | SYSBOOT_IF_CAN;

// The ROM's word 0 is a stack pointer: 8-byte aligned (AAPCS), as on every STM32.
constexpr std::uint32_t kStackAlignment = 8;

template <std::uint16_t DevId>
consteval Device device(std::uint32_t interfaces, sysboot_status_t (*reset)()) {
    const table::PartInfo& p = row<DevId>();
    return Device{p.name,           p.dev_id,        range(p.system_memory),
                  range(p.rom_ram), range(p.sram),   kStackAlignment,
                  interfaces,       hooks_for(reset)};
}

constexpr Device kDevices[] = {
    device<0x466>(kIfG0x, hooks::reset_peripherals_g0x),
    device<0x460>(kIfG0x, hooks::reset_peripherals_g0x),
    device<0x467>(kIfG0b, hooks::reset_peripherals_g0b),
    device<0x456>(kIfG0x, hooks::reset_peripherals_g0x),
};

const table::PartInfo* info_for(std::uint16_t dev_id) {
    for (const table::PartInfo& p : table::kG0Parts) {
        if (p.dev_id == dev_id) {
            return &p;
        }
    }
    return nullptr;
}

}  // namespace

const Device* device_for(std::uint16_t dev_id) {
    return stm32::device_with_id(kDevices, dev_id);
}

std::uint16_t read_dev_id() {
    return static_cast<std::uint16_t>(mmio::read32(kIdcode) & kIdcodeDevIdMask);
}

const Device* detect(Status& why) {
    return stm32::known_or_refused(device_for(read_dev_id()), why);
}

std::uint32_t flash_kib(std::uint16_t dev_id) {
    const table::PartInfo* p = info_for(dev_id);
    return p == nullptr ? 0 : mmio::read16(p->flash_size_address);
}

}  // namespace sysboot::stm32g0
