// Plain byte memory at a fixed address as an an3155::Memory: what the DfuSe option-bytes
// alternate reads and writes (the ROM rewrites option bytes through FLASH_OPTCR, RM0410
// §3.4, so a write replaces the bytes rather than programming erased words). No erase.
#pragma once

#include <cstdint>
#include <span>

#include "sysboot/an3155/flash_model.hpp"
#include "sysboot/an3155/target.hpp"

namespace sysboot::dfuse {

class RegionMemory final : public an3155::Memory {
  public:
    RegionMemory(uint32_t base, std::span<uint8_t> bytes) : base_(base), bytes_(bytes) {}

    [[nodiscard]] bool readable(uint32_t address, uint32_t length) const override {
        return an3155::range_inside(address, length, base_, static_cast<uint32_t>(bytes_.size()));
    }
    [[nodiscard]] bool writable(uint32_t address, uint32_t length) const override {
        return readable(address, length);
    }
    [[nodiscard]] bool can_jump(uint32_t) const override { return false; }
    [[nodiscard]] bool read(uint32_t address, std::span<uint8_t> out) override;
    [[nodiscard]] bool write(uint32_t address, std::span<const uint8_t> data) override;
    [[nodiscard]] uint16_t sector_count() const override { return 0; }
    [[nodiscard]] bool has_sector(uint16_t) const override { return false; }
    [[nodiscard]] bool erase_sector(uint16_t) override { return false; }
    [[nodiscard]] bool erase_bank(uint8_t) override { return false; }
    [[nodiscard]] bool erase_all() override { return false; }
    // Option bytes have no sectors to protect and keep their content over a reset.
    void set_write_protected(uint32_t) override {}
    void system_reset() override {}

  private:
    uint32_t base_;
    std::span<uint8_t> bytes_;
};

}  // namespace sysboot::dfuse
