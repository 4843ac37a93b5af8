#pragma once
// One STM32 part line on Unicorn's model of its core, just enough for the reset path
// (docs/handoff.md): the probe image in flash, the row's SRAM (and the STM32H7's second ROM
// RAM region), a stand-in ROM whose two vector words sit at the row's rom_vectors, the IDCODE
// register returning a chosen DEV_ID, the reset-cause register (reset_registers.hpp), the
// System Control Space as memory, and SYSRESETREQ: an AIRCR write with VECTKEY and
// SYSRESETREQ sets the software-reset flag and starts the core again from the image's reset
// vector with a fresh CPU, the RAM kept. On STM32F0 SYSCFG is memory too (the remap).
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "elf_image.hpp"
#include "reset_registers.hpp"
#include "sysboot/stm32/part.hpp"

namespace family_reset {

// Where a run ended.
enum class Stop { rom, done, main, fault, error };

struct Outcome {
    Stop stop = Stop::error;
    std::uint32_t status = 0;  // probe_done's argument
    std::uint32_t msp = 0;     // at the ROM's reset handler
    std::uint32_t control = 0;
    std::uint32_t vtor = 0;
    std::uint32_t mem_mode = 0;       // SYSCFG_CFGR1[1:0] (STM32F0)
    int resets = 0;                   // SYSRESETREQ writes the core made
    bool flag_clear_at_reset = true;  // SFTRSTF was 0 at every SYSRESETREQ (RMVF worked)
    std::string error;
};

class Chip {
  public:
    // `row` gives the memory map; the IDCODE register answers `dev_id`.
    Chip(const sysboot::stm32::PartInfo& row, const f7model::detail::ElfImage& image,
         std::uint16_t dev_id);
    ~Chip();
    Chip(const Chip&) = delete;
    Chip& operator=(const Chip&) = delete;

    void set_reset_register(std::uint32_t value);
    void write_ram(std::uint32_t address, const void* bytes, std::size_t n);
    std::uint32_t read_ram32(std::uint32_t address) const;

    std::uint32_t rom_msp() const { return rom_msp_; }
    std::uint32_t rom_entry() const { return rom_entry_; }

    // Power-on, then up to `max_boots` boots (each SYSRESETREQ starts one more). With
    // `stop_at_main`, a boot that reaches probe_main (Reset_Handler's early part returned)
    // ends the run.
    Outcome run(int max_boots, bool stop_at_main);

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    std::uint32_t rom_msp_ = 0;
    std::uint32_t rom_entry_ = 0;
};

}  // namespace family_reset
