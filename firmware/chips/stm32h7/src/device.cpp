// STM32H7 device table and detect(). The Device rows are built at compile time from the
// family table (sysboot/stm32/families/h7.hpp), so the DEV_IDs, the ROM vector table at
// 0x1FF09800 (not the start of system memory, 0x1FF00000), the ROM's RAM and the SRAM exist in
// one place only. What the family table does not hold is here with its source.
#include "sysboot/stm32h7/device.hpp"

#include "sysboot/mmio.hpp"
#include "sysboot/stm32/families/h7.hpp"

namespace sysboot::stm32h7 {

namespace {

namespace fam = sysboot::stm32;

constexpr const fam::PartInfo& part(std::uint16_t dev_id) {
    for (const fam::PartInfo& p : fam::kH7Parts) {
        if (p.dev_id == dev_id) {
            return p;
        }
    }
    return fam::kH7Parts[0];  // not reached for the ids below (checked by static_assert)
}
constexpr const fam::PartInfo& kH74x = part(0x450);
constexpr const fam::PartInfo& kH72x = part(0x483);
static_assert(kH74x.dev_id == 0x450 && kH72x.dev_id == 0x483, "H7 rows missing from the table");
static_assert(kH74x.idcode_address == kH72x.idcode_address, "one IDCODE address for both lines");
static_assert(kH74x.software_reset_flag.address == kH72x.software_reset_flag.address &&
                  kH74x.software_reset_flag.bit == kH72x.software_reset_flag.bit,
              "one RCC_RSR.SFTRSTF for both lines");

constexpr sysboot_range_t range(const fam::Range& r) {
    return sysboot_range_t{r.base, r.size};
}

// The hand-off loads word 0 and word 1 of Device::system_memory.base and requires word 1 to
// lie inside the range (docs/handoff.md, validate_vectors): on H7 that is the ROM's vector
// table up to the end of system memory, and VTOR gets the same address.
constexpr sysboot_range_t rom_from_vectors(const fam::PartInfo& p) {
    return sysboot_range_t{p.rom_vectors,
                           static_cast<std::uint32_t>(p.system_memory.end() - p.rom_vectors)};
}
static_assert(kH74x.system_memory.contains(kH74x.rom_vectors, 8) &&
                  kH72x.system_memory.contains(kH72x.rom_vectors, 8),
              "ROM vector table outside system memory");

// Interfaces: AN2606 "STM32H74xxx/75xxx" and "STM32H72xxx/73xxx" bootloader sections: USART1
// (PA9/PA10), USART2 (PA2/PA3), USART3 (PB10/PB11), I2C1-3, SPI1-4, FDCAN1, USB DFU on the
// OTG whose pins are PA11/PA12.
constexpr std::uint32_t kInterfaces = SYSBOOT_IF_USART1 | SYSBOOT_IF_USART2 | SYSBOOT_IF_USART3 |
                                      SYSBOOT_IF_USB_DFU | SYSBOOT_IF_I2C | SYSBOOT_IF_SPI |
                                      SYSBOOT_IF_CAN;

constexpr sysboot_chip_hooks_t hooks_for(sysboot_status_t (*clocks)(),
                                         sysboot_status_t (*reset)()) {
    return sysboot_chip_hooks_t{
        clocks,
        reset,
        hooks::rdp_level,
        hooks::watchdog_running,
        hooks::reset_flags,
        hooks::clear_reset_flags,
        nullptr,  // rom_usable: no boot option the hand-off must refuse (BOOT_ADD is not read)
        nullptr,  // map_system_memory: the Cortex-M7 has VTOR
    };
}

struct Row {
    Device device;
    ChipInfo info;
};

constexpr Row row(const fam::PartInfo& p, Line line, sysboot_status_t (*clocks)(),
                  sysboot_status_t (*reset)()) {
    return Row{{p.name, p.dev_id, rom_from_vectors(p), range(p.rom_ram), range(p.sram), 8,
                kInterfaces, hooks_for(clocks, reset)},
               {line, p.flash_size_address, range(p.rom_ram_extra)}};
}

constexpr Row kRows[] = {
    row(kH74x, Line::h74x, hooks::restore_clocks_h74x, hooks::reset_peripherals_h74x),
    row(kH72x, Line::h72x, hooks::restore_clocks_h72x, hooks::reset_peripherals_h72x),
};

const Row* row_for(std::uint16_t dev_id) {
    for (const Row& r : kRows) {
        if (r.device.dev_id == dev_id) {
            return &r;
        }
    }
    return nullptr;
}

}  // namespace

std::uint32_t idcode_address() {
    return kH74x.idcode_address;
}

const Device* device_for(std::uint16_t dev_id) {
    const Row* r = row_for(dev_id);
    return r == nullptr ? nullptr : &r->device;
}

const ChipInfo* chip_info_for(std::uint16_t dev_id) {
    const Row* r = row_for(dev_id);
    return r == nullptr ? nullptr : &r->info;
}

std::uint16_t read_dev_id() {
    return static_cast<std::uint16_t>(mmio::read32(idcode_address()) & kIdcodeDevIdMask);
}

const Device* detect(Status& why) {
    const Device* d = device_for(read_dev_id());
    why = d != nullptr ? Status::ok : Status::unknown_device;
    return d;
}

std::uint32_t flash_kib(const ChipInfo& info) {
    return mmio::read16(info.flash_size_register);
}

// Exposed for the reset-flag hooks (hooks.cpp): the flag's register from the family table.
std::uint32_t software_reset_flag_register() {
    return kH74x.software_reset_flag.address;
}
std::uint32_t software_reset_flag_mask() {
    return kH74x.software_reset_flag.mask();
}

}  // namespace sysboot::stm32h7
