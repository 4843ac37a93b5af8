// What the STM32L4 chip gives the L4/G4 board kit (sysboot/stm32/l4g4/board_kit.hpp).
#include "sysboot/stm32/l4g4/board_kit.hpp"
#include "sysboot/stm32l4/device.hpp"

namespace sysboot::stm32::l4g4::kit {

// FLASH_ACR.LATENCY is [2:0] on L4 (RM0351 "Flash access control register"); no boost mode.
const ChipPort kChip = {stm32l4::detect, stm32l4::flash_kib, stm32l4::rom_version, 0x7u, nullptr};

}  // namespace sysboot::stm32::l4g4::kit
