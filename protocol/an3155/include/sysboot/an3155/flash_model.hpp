// STM32F7 flash semantics over a caller-provided byte buffer, as an an3155::Memory.
//
// - erased = 0xFF; erase per sector (sector map) or all at once;
// - programming refuses any 32-bit word that is not fully erased (the whole write is refused
//   before anything changes, so the ROM can NACK cleanly);
// - a flash write whose start address is not `write_align`-aligned fails, and every flash
//   write after it fails too until the next system reset (AN2606 "Programming constraints",
//   STM32F7: "all following program operations fail");
// - write-protected sectors refuse programming and erasing;
// - reads and writes outside flash are refused unless they fall in the optional RAM region.
// Freestanding: no heap, the caller owns the buffers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "sysboot/an3155/sector_map.hpp"
#include "sysboot/an3155/target.hpp"

namespace sysboot::an3155 {

struct FlashConfig {
    uint32_t base = 0x08000000;  // RM0410 §2.2.2: flash on AXIM at 0x0800 0000
    SectorMap sectors = kF76xSingleBank;
    uint32_t write_align = kF7WriteAlign;  // Write Memory start alignment in flash (layout.hpp)
};

// How the model changes the flash array: plain stores by default. An emulated board whose
// "flash" is a real NOR array behind a controller (the nRF51 NVMC on qemu-microbit, which
// ignores plain stores) passes its own; reads stay plain loads.
class FlashCells {
  public:
    // `at` is erased (0xFF) where `data` goes.
    virtual void program(uint8_t* at, std::span<const uint8_t> data) = 0;
    virtual void erase(uint8_t* at, uint32_t length) = 0;

  protected:
    ~FlashCells() = default;
};

class FlashModel final : public Memory {
  public:
    // `flash` must hold at least config.sectors.total_size() bytes. `ram` (optional) is
    // plain read/write memory at `ram_base` (Write Memory to RAM, Go to RAM). `cells`
    // (optional) programs and erases the flash instead of plain stores.
    FlashModel(const FlashConfig& config, std::span<uint8_t> flash, std::span<uint8_t> ram = {},
               uint32_t ram_base = 0, FlashCells* cells = nullptr);

    [[nodiscard]] bool readable(uint32_t address, uint32_t length) const override;
    [[nodiscard]] bool writable(uint32_t address, uint32_t length) const override;
    [[nodiscard]] bool can_jump(uint32_t address) const override;
    [[nodiscard]] bool read(uint32_t address, std::span<uint8_t> out) override;
    [[nodiscard]] bool write(uint32_t address, std::span<const uint8_t> data) override;
    [[nodiscard]] uint16_t sector_count() const override { return config_.sectors.count(); }
    [[nodiscard]] bool has_sector(uint16_t sector) const override {
        return config_.sectors.contains(sector);
    }
    [[nodiscard]] bool erase_sector(uint16_t sector) override;
    [[nodiscard]] bool erase_bank(uint8_t bank) override;
    [[nodiscard]] bool erase_all() override;
    void set_write_protected(uint32_t sectors) override { protected_ = sectors; }
    void system_reset() override { program_failed_ = false; }
    // True after an unaligned flash write, until system_reset().
    [[nodiscard]] bool program_failed() const { return program_failed_; }

    [[nodiscard]] const FlashConfig& config() const { return config_; }
    [[nodiscard]] uint32_t flash_size() const { return flash_size_; }
    [[nodiscard]] std::span<uint8_t> flash() const { return flash_.first(flash_size_); }
    // Erase counts per sector (first 32 sectors), for tests that check what was erased.
    [[nodiscard]] uint32_t erase_count(uint16_t sector) const {
        return sector < kTracked ? erase_counts_[sector] : 0;
    }

  private:
    static constexpr uint16_t kTracked = 32;
    [[nodiscard]] bool in_flash(uint32_t address, uint32_t length) const;
    [[nodiscard]] bool in_ram(uint32_t address, uint32_t length) const;
    [[nodiscard]] bool is_protected(uint16_t sector) const {
        return sector < 32 && (protected_ & (1u << sector)) != 0;
    }
    [[nodiscard]] bool touches_protected(uint32_t offset, uint32_t length) const;
    void fill_erased(uint32_t offset, uint32_t length);

    FlashConfig config_;
    std::span<uint8_t> flash_;
    uint32_t flash_size_;
    std::span<uint8_t> ram_;
    uint32_t ram_base_;
    FlashCells* cells_;
    uint32_t erase_counts_[kTracked] = {};
    uint32_t protected_ = 0;
    bool program_failed_ = false;
};

}  // namespace sysboot::an3155
