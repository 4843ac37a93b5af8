// STM32G4 device table and detect(). The identity of each line comes from the project part
// table (protocol/stm32/include/sysboot/stm32/families/g4.hpp, whose header names the source
// of every column: AN2606 "Bootloader device-dependent parameters", CMSIS cmsis_device_g4),
// read at compile time: nothing is typed here again. What the part table does not hold (the
// ROM interfaces and the hooks) is added per row with its source.
#include "sysboot/stm32g4/device.hpp"

#include "sysboot/mmio.hpp"
#include "sysboot/stm32/device_lookup.hpp"
#include "sysboot/stm32/families/g4.hpp"
#include "sysboot/stm32/l4g4/regs.hpp"
#include "sysboot/stm32/l4g4/status.hpp"

namespace sysboot::stm32g4 {

namespace {

namespace table = sysboot::stm32;

constexpr sysboot_chip_hooks_t kHooks = {
    hooks::restore_clocks,
    hooks::reset_peripherals,
    hooks::rdp_level,
    hooks::watchdog_running,
    hooks::reset_flags,
    hooks::clear_reset_flags,
    nullptr,  // rom_usable: dual-bank (DBANK) boot is not checked (docs/boards.md, G4)
    nullptr,  // map_system_memory: the Cortex-M4 has VTOR
};

// ROM interfaces every G4 line has: USART1, USART2 and USART3 (ST's answer on its forum,
// citing the AN2606 STM32G4 configuration tables: only USART1/2/3 serve the bootloader) and
// USB DFU on PA11/PA12 (AN2606 STM32G4 bootloader). I2C, SPI and FDCAN are not claimed: their
// AN2606 rows were not read here.
constexpr std::uint32_t kInterfaces =
    SYSBOOT_IF_USART1 | SYSBOOT_IF_USART2 | SYSBOOT_IF_USART3 | SYSBOOT_IF_USB_DFU;

// A Device from a row of the part table. The ROM is entered through its vector table, which
// the hand-off reads from Device::system_memory.base: it must be where the table says.
constexpr Device device_from(const table::PartInfo& p) {
    return Device{p.name,
                  p.dev_id,
                  {p.system_memory.base, p.system_memory.size},
                  {p.rom_ram.base, p.rom_ram.size},
                  {p.sram.base, p.sram.size},
                  8,  // AAPCS stack alignment of the ROM's word 0
                  kInterfaces,
                  kHooks};
}

constexpr const table::PartInfo& kG431 = table::kG4Parts[0];
constexpr const table::PartInfo& kG47x = table::kG4Parts[1];
constexpr const table::PartInfo& kG491 = table::kG4Parts[2];
static_assert(kG431.dev_id == 0x468 && kG47x.dev_id == 0x469 && kG491.dev_id == 0x479,
              "families/g4.hpp rows moved: pick them again");

// Facts the hooks and detect() use once for every line: the table must agree across rows.
constexpr std::uint32_t kIdcode = kG47x.idcode_address;
constexpr table::FlagBit kSoftwareReset = kG47x.software_reset_flag;
constexpr std::uint32_t kFlashSize = kG47x.flash_size_address;
constexpr bool same_for_every_row() {
    for (const table::PartInfo& p : table::kG4Parts) {
        if (p.idcode_address != kIdcode ||
            p.software_reset_flag.address != kSoftwareReset.address ||
            p.software_reset_flag.bit != kSoftwareReset.bit || p.flash_size_address != kFlashSize ||
            p.rom_vectors != p.system_memory.base) {
            return false;
        }
    }
    return true;
}
static_assert(same_for_every_row(), "G4 rows differ where this chip support assumes one value");
// The reset-cause hooks read RCC_CSR through the table's address: it must be the RCC_CSR the
// other hooks use (RMVF, LSI bits; regs.hpp).
static_assert(kSoftwareReset.address == stm32::l4g4::rcc::CSR);

constexpr Device kDevices[] = {device_from(kG431), device_from(kG47x), device_from(kG491)};

}  // namespace

const Device* device_for(std::uint16_t dev_id) {
    return stm32::device_with_id(kDevices, dev_id);
}

std::uint16_t read_dev_id() {
    return static_cast<std::uint16_t>(mmio::read32(kIdcode) & 0xFFFu);
}

const Device* detect(Status& why) {
    return stm32::known_or_refused(device_for(read_dev_id()), why);
}

std::uint32_t flash_kib() {
    return device_for(read_dev_id()) == nullptr ? 0 : mmio::read16(kFlashSize);
}

namespace hooks {

std::uint32_t reset_flags() {
    return stm32::l4g4::reset_flags(kSoftwareReset.address, kSoftwareReset.mask());
}

void clear_reset_flags() {
    stm32::l4g4::clear_reset_flags(kSoftwareReset.address);
}

int rdp_level() {
    return stm32::l4g4::rdp_level();
}

bool watchdog_running() {
    return stm32::l4g4::watchdog_running();
}

}  // namespace hooks

}  // namespace sysboot::stm32g4
