// What the STM32G4 chip gives the L4/G4 board kit (sysboot/stm32/l4g4/board_kit.hpp).
#include "sysboot/stm32/l4g4/board_kit.hpp"
#include "sysboot/stm32g4/device.hpp"

namespace sysboot::stm32::l4g4::kit {

namespace {
// The G4 bootloader ID address is not in the sources read for this project: reported as 0.
std::uint32_t no_rom_version() {
    return 0;
}
}  // namespace

// FLASH_ACR.LATENCY is [3:0] on G4 (RM0440 "FLASH access control register").
const ChipPort kChip = {stm32g4::detect, stm32g4::flash_kib, no_rom_version, 0xFu,
                        stm32g4::enter_boost};

}  // namespace sysboot::stm32::l4g4::kit
