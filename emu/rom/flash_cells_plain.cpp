// The stand-in ROM's flash cells on the MPS2 rigs: their "STM32 flash" is PSRAM, which plain
// stores change, so the flash model needs no controller.
#include "rom_protocol.hpp"

namespace rom {

sysboot::an3155::FlashCells* board_flash_cells() {
    return nullptr;
}

}  // namespace rom
