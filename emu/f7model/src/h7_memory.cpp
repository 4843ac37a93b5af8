// The STM32H7 memory map (memory_map.hpp): ITCM RAM at 0, flash at 0x08000000 (no alias: the
// core boots from BOOT_ADD0 = 0x08000000), DTCM, AXI SRAM, and system memory at 0x1FF00000 with
// the fake ROM's vector table at the part's rom_base (0x1FF09800), not at the start.
#include <cstring>

#include "impl.hpp"
#include "memory_map.hpp"

namespace f7model {

namespace mem = detail::memory;

void Model::Impl::map_memory_h7() {
    engine.map_ram(mem::kFlashAxi, flash, UC_PROT_READ | UC_PROT_EXEC);
    engine.map_ram(mem::kItcmRam, itcm, UC_PROT_ALL);
    engine.map_ram(mem::kSram, sram, UC_PROT_ALL);
    engine.map_ram(mem::kH7Axi, axi, UC_PROT_ALL);
    engine.map_ram(mem::kH7SysMem, sysmem, UC_PROT_READ | UC_PROT_EXEC);
}

// The ROM's vector table at rom_base (word 0 an MSP inside the ROM's DTCM block, word 1 the
// reset handler), `b .` at the reset handler, and the flash size register (RM0433 "Flash size").
// System memory below the vector table reads as zeros: a jump to 0x1FF00000 takes MSP 0 and
// a reset vector 0, which the hand-off's vector check refuses.
void Model::Impl::install_fake_rom_h7() {
    auto put32 = [&](std::uint32_t addr, std::uint32_t v) {
        std::memcpy(&sysmem[addr - mem::kH7SysMem], &v, 4);
    };
    constexpr std::uint32_t kTwoBranchesToSelf = 0xE7FEE7FEu;
    const std::uint32_t thumb = m.cfg_.faults.rom_reset_vector_even ? 0u : 1u;
    put32(m.rom_base(), m.rom_initial_sp());
    put32(m.rom_base() + 4, m.rom_reset_handler() | thumb);
    put32(m.rom_reset_handler(), kTwoBranchesToSelf);
    const auto kib = static_cast<std::uint16_t>(m.info_.flash_kib);
    std::memcpy(&sysmem[m.info_.flash_size_register - mem::kH7SysMem], &kib, 2);
}

}  // namespace f7model
