// The memory map (memory_map.hpp): flash (F7: seen at its AXIM and ITCM addresses; F4: at
// 0x08000000 and its boot alias at 0), ITCM RAM (F7), SRAM, the fake system memory, and the
// register windows; plus the fake ROM's contents.
#include <cstring>
#include <stdexcept>

#include "impl.hpp"
#include "memory_map.hpp"

namespace f7model {

namespace mem = detail::memory;

Model::Impl::Impl(Model& model)
    : m(model),
      flash(model.info_.flash_kib * 1024u, 0xFF),
      itcm(model.info_.itcm_kib * 1024u, 0),
      sram(model.info_.sram_kib * 1024u, 0),
      sysmem(model.info_.family == Family::f7   ? mem::kSysMemSize
             : model.info_.family == Family::h7 ? mem::kH7SysMemSize
                                                : mem::kF4SysMemSize,
             0),
      axi(model.info_.family == Family::h7 ? mem::h7_axi_bytes(model.info_.part) : 0u, 0),
      engine(model.info_.family == Family::f7 || model.info_.family == Family::h7
                 ? UC_CPU_ARM_CORTEX_M7
             : model.info_.family == Family::g0 ? UC_CPU_ARM_CORTEX_M0
                                                : UC_CPU_ARM_CORTEX_M4),
      chip(detail::make_bus(*this)) {
    map_memory();
    install_fake_rom();
    add_hooks();
}

std::uint32_t Model::Impl::flash_boot_view() const {
    return m.info_.family == Family::f7   ? mem::kFlashItcm
           : m.info_.family == Family::h7 ? mem::kFlashAxi  // H7: no alias
                                          : mem::kF4FlashAlias;
}

void Model::Impl::map_memory() {
    if (m.info_.family == Family::h7) {
        map_memory_h7();
        return;
    }
    engine.map_ram(mem::kFlashAxi, flash, UC_PROT_READ | UC_PROT_EXEC);
    engine.map_ram(flash_boot_view(), flash, UC_PROT_READ | UC_PROT_EXEC);
    if (!itcm.empty()) {
        engine.map_ram(mem::kItcmRam, itcm, UC_PROT_ALL);
    }
    engine.map_ram(mem::kSram, sram, UC_PROT_ALL);
    engine.map_ram(m.rom_base(), sysmem, UC_PROT_READ | UC_PROT_EXEC);
}

// The ROM's vector table (word 0 an initial MSP inside the ROM's RAM, word 1 the reset
// handler, AN2606), `b .` at the reset handler, the bootloader ID byte and the flash size
// register (RM0410 §45.2, RM0390 "Flash size") the firmware reads.
void Model::Impl::install_fake_rom() {
    if (m.info_.family == Family::h7) {
        install_fake_rom_h7();
        return;
    }
    const std::uint32_t rom = m.rom_base();
    auto put32 = [&](std::uint32_t addr, std::uint32_t v) {
        std::memcpy(&sysmem[addr - rom], &v, 4);
    };
    constexpr std::uint32_t kTwoBranchesToSelf = 0xE7FEE7FEu;
    const std::uint32_t thumb = m.cfg_.faults.rom_reset_vector_even ? 0u : 1u;
    put32(rom, m.rom_initial_sp());
    put32(rom + 4, m.rom_reset_handler() | thumb);
    put32(m.rom_reset_handler(), kTwoBranchesToSelf);
    if (m.info_.bootloader_id_address != 0) {  // 0: not modelled (G0)
        sysmem[m.info_.bootloader_id_address - rom] = m.info_.bootloader_id;
    }
    const auto kib = static_cast<std::uint16_t>(m.info_.flash_kib);
    std::memcpy(&sysmem[m.info_.flash_size_register - rom], &kib, 2);
}

bool Model::Impl::write_bytes(std::uint32_t addr, const std::uint8_t* bytes, std::size_t size) {
    const struct {
        std::uint32_t base;
        std::vector<std::uint8_t>* mem;
    } areas[] = {{mem::kFlashAxi, &flash},
                 {flash_boot_view(), &flash},
                 {mem::kItcmRam, &itcm},
                 {mem::kSram, &sram},
                 {m.info_.family == Family::h7 ? mem::kH7SysMem : m.rom_base(), &sysmem},
                 {mem::kH7Axi, &axi}};
    for (const auto& a : areas) {
        if (a.mem->empty() || addr < a.base || addr - a.base > a.mem->size() ||
            size > a.mem->size() - (addr - a.base)) {
            continue;
        }
        const std::uint32_t off = addr - a.base;
        std::memcpy(a.mem->data() + off, bytes, size);
        for (const auto& alias : areas) {
            if (alias.mem == a.mem) {
                engine.forget_code(alias.base + off, alias.base + off + size);
            }
        }
        return true;
    }
    return false;
}

void Model::write_memory(std::uint32_t addr, const std::vector<std::uint8_t>& bytes) {
    if (!impl_->write_bytes(addr, bytes.data(), bytes.size())) {
        throw std::out_of_range("f7model: write_memory: no memory for the whole range");
    }
}

std::uint32_t Model::ram_word(std::uint32_t addr) const {
    const std::vector<std::uint8_t>& sram = impl_->sram;
    if (addr < mem::kSram || addr - mem::kSram > sram.size() - 4) {
        throw std::out_of_range("f7model: ram_word: address outside SRAM");
    }
    std::uint32_t v = 0;
    std::memcpy(&v, &sram[addr - mem::kSram], 4);
    return v;
}

}  // namespace f7model
