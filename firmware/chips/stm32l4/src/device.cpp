// STM32L4 device table and detect(). The identity of each line comes from the project part
// table (protocol/stm32/include/sysboot/stm32/families/l4.hpp, whose header names the source
// of every column: AN2606 "Bootloader device-dependent parameters", CMSIS cmsis_device_l4),
// read at compile time: nothing is typed here again. What the part table does not hold (the
// ROM interfaces, the bootloader ID address, the hooks) is added per row with its source.
#include "sysboot/stm32l4/device.hpp"

#include "sysboot/mmio.hpp"
#include "sysboot/stm32/device_lookup.hpp"
#include "sysboot/stm32/families/l4.hpp"
#include "sysboot/stm32/l4g4/regs.hpp"
#include "sysboot/stm32/l4g4/status.hpp"

namespace sysboot::stm32l4 {

namespace {

namespace table = sysboot::stm32;

constexpr sysboot_chip_hooks_t hooks_for(sysboot_status_t (*clocks)()) {
    return sysboot_chip_hooks_t{
        clocks,
        hooks::reset_peripherals,
        hooks::rdp_level,
        hooks::watchdog_running,
        hooks::reset_flags,
        hooks::clear_reset_flags,
        nullptr,  // rom_usable: BFB2 (dual-bank boot) is not checked (docs/boards.md, L4)
        nullptr,  // map_system_memory: the Cortex-M4 has VTOR
    };
}

// ROM interfaces of L47x/L48x and L496/L4A6: USART1 (PA9/PA10), USART2 (PA2/PA3), USART3
// (PC10/PC11), I2C1-3, SPI1/2, CAN1 and USB DFU (AN2606 STM32L47xxx/48xxx and STM32L496xx/
// 4A6xx configuration tables; not re-read for this project: docs/boards.md says what to
// check on a board).
constexpr std::uint32_t kInterfaces = SYSBOOT_IF_USART1 | SYSBOOT_IF_USART2 | SYSBOOT_IF_USART3 |
                                      SYSBOOT_IF_USB_DFU | SYSBOOT_IF_I2C | SYSBOOT_IF_SPI |
                                      SYSBOOT_IF_CAN;

// A Device from a row of the part table. The ROM is entered through its vector table, which
// the hand-off reads from Device::system_memory.base: it must be where the table says.
constexpr Device device_from(const table::PartInfo& p, sysboot_status_t (*clocks)()) {
    return Device{p.name,
                  p.dev_id,
                  {p.system_memory.base, p.system_memory.size},
                  {p.rom_ram.base, p.rom_ram.size},
                  {p.sram.base, p.sram.size},
                  8,  // AAPCS stack alignment of the ROM's word 0
                  kInterfaces,
                  hooks_for(clocks)};
}

constexpr const table::PartInfo& kL47x = table::kL4Parts[3];
constexpr const table::PartInfo& kL496 = table::kL4Parts[4];
static_assert(kL47x.dev_id == 0x415 && kL496.dev_id == 0x461,
              "families/l4.hpp rows moved: pick them again");

// Facts the hooks and detect() use once for both lines: the rows must agree.
constexpr std::uint32_t kIdcode = kL47x.idcode_address;
constexpr table::FlagBit kSoftwareReset = kL47x.software_reset_flag;
constexpr std::uint32_t kFlashSize = kL47x.flash_size_address;
constexpr bool agree(const table::PartInfo& p) {
    return p.idcode_address == kIdcode && p.software_reset_flag.address == kSoftwareReset.address &&
           p.software_reset_flag.bit == kSoftwareReset.bit && p.flash_size_address == kFlashSize &&
           p.rom_vectors == p.system_memory.base;
}
static_assert(agree(kL47x) && agree(kL496), "L4 rows differ where this chip assumes one value");
static_assert(kSoftwareReset.address == stm32::l4g4::rcc::CSR);

// Bootloader ID byte of the L47x ROM at 0x1FFF6FFE (UM1879, 32L476GDISCOVERY user manual,
// "Bootloader limitations": V9.0 reads 0x90). Not sourced for L496: reported as 0.
constexpr std::uint32_t kBootloaderIdL47x = 0x1FFF6FFE;

constexpr Device kDevices[] = {device_from(kL47x, hooks::restore_clocks_l47x),
                               device_from(kL496, hooks::restore_clocks_l496)};

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

std::uint32_t rom_version() {
    return read_dev_id() == kL47x.dev_id ? mmio::read8(kBootloaderIdL47x) : 0;
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

}  // namespace sysboot::stm32l4
