// The stand-in ROM's flash cells on qemu-microbit: the "STM32 flash" there is the nRF51's own
// NOR flash, which takes only 32-bit stores with the NVMC in write mode (a store clears bits)
// and is erased a 1 KiB page at a time (rig.hpp nrf51_nvmc).
#include <cstdint>
#include <span>

#include "rig.hpp"
#include "rom_protocol.hpp"

namespace rom {
namespace {

namespace nvmc = rig::nrf51_nvmc;

class Nrf51Cells final : public sysboot::an3155::FlashCells {
  public:
    void program(std::uint8_t* at, std::span<const std::uint8_t> data) override {
        const auto start = reinterpret_cast<std::uintptr_t>(at);
        for (std::uintptr_t word = start & ~std::uintptr_t{3}; word < start + data.size();
             word += 4) {
            std::uint32_t value = 0xFFFFFFFFu;  // 1 bits leave the cell as it is
            for (unsigned b = 0; b < 4; ++b) {
                const std::uintptr_t a = word + b;
                if (a >= start && a < start + data.size()) {
                    value &= ~(0xFFu << (8 * b)) | (std::uint32_t{data[a - start]} << (8 * b));
                }
            }
            nvmc::program_word(static_cast<std::uint32_t>(word), value);
        }
    }

    // Whole pages: every sector map the ROM poses with starts on a page boundary of the
    // board's flash and has sizes in whole KiB.
    void erase(std::uint8_t* at, std::uint32_t length) override {
        nvmc::erase(static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(at)), length);
    }
};

}  // namespace

sysboot::an3155::FlashCells* board_flash_cells() {
    static Nrf51Cells cells;
    return &cells;
}

}  // namespace rom
