#include "sysboot/an3155/flash_model.hpp"

#include <cstring>

namespace sysboot::an3155 {

FlashModel::FlashModel(const FlashConfig& config, std::span<uint8_t> flash, std::span<uint8_t> ram,
                       uint32_t ram_base, FlashCells* cells)
    : config_(config),
      flash_(flash),
      flash_size_(flash.size() < config.sectors.total_size() ? static_cast<uint32_t>(flash.size())
                                                             : config.sectors.total_size()),
      ram_(ram),
      ram_base_(ram_base),
      cells_(cells) {}

void FlashModel::fill_erased(uint32_t offset, uint32_t length) {
    if (cells_ != nullptr) {
        cells_->erase(flash_.data() + offset, length);
    } else {
        std::memset(flash_.data() + offset, 0xFF, length);
    }
}

bool FlashModel::in_flash(uint32_t address, uint32_t length) const {
    return range_inside(address, length, config_.base, flash_size_);
}

bool FlashModel::in_ram(uint32_t address, uint32_t length) const {
    return !ram_.empty() &&
           range_inside(address, length, ram_base_, static_cast<uint32_t>(ram_.size()));
}

bool FlashModel::readable(uint32_t address, uint32_t length) const {
    return in_flash(address, length) || in_ram(address, length);
}

bool FlashModel::writable(uint32_t address, uint32_t length) const {
    return readable(address, length);
}

bool FlashModel::can_jump(uint32_t address) const {
    // The Go address is a vector table: word 0 (MSP) and word 1 (reset vector) must exist.
    return readable(address, 8);
}

bool FlashModel::read(uint32_t address, std::span<uint8_t> out) {
    const auto length = static_cast<uint32_t>(out.size());
    if (in_flash(address, length)) {
        std::memcpy(out.data(), flash_.data() + (address - config_.base), out.size());
        return true;
    }
    if (in_ram(address, length)) {
        std::memcpy(out.data(), ram_.data() + (address - ram_base_), out.size());
        return true;
    }
    return false;
}

bool FlashModel::write(uint32_t address, std::span<const uint8_t> data) {
    const auto length = static_cast<uint32_t>(data.size());
    if (in_ram(address, length)) {
        std::memcpy(ram_.data() + (address - ram_base_), data.data(), data.size());
        return true;
    }
    if (!in_flash(address, length)) {
        return false;
    }
    const uint32_t offset = address - config_.base;
    // AN2606 "Programming constraints" (STM32F7): an unaligned start address fails the
    // write and every program operation after it, until a reset.
    if (config_.write_align != 0 && (offset % config_.write_align) != 0) {
        program_failed_ = true;
    }
    if (program_failed_ || touches_protected(offset, length)) {
        return false;
    }
    // F7 flash programs 32-bit words (PSIZE x32, RM0410 §3.3.7); a word that is not erased
    // cannot be programmed again. Check every word the write touches before changing any.
    const uint32_t first = offset & ~3u;
    const uint32_t last = (offset + length + 3u) & ~3u;
    for (uint32_t i = first; i < last && i < flash_size_; ++i) {
        if (flash_[i] != 0xFF) {
            return false;
        }
    }
    if (cells_ != nullptr) {
        cells_->program(flash_.data() + offset, data);
    } else {
        std::memcpy(flash_.data() + offset, data.data(), data.size());
    }
    return true;
}

bool FlashModel::touches_protected(uint32_t offset, uint32_t length) const {
    if (protected_ == 0 || length == 0) {
        return false;
    }
    const int first = config_.sectors.index_of(offset);
    const int last = config_.sectors.index_of(offset + length - 1);
    for (int k = first; k >= 0 && k <= last; ++k) {
        if (is_protected(static_cast<uint16_t>(k))) {
            return true;
        }
    }
    return false;
}

bool FlashModel::erase_bank(uint8_t bank) {
    // AN3155 §3.8: 0xFFFE / 0xFFFD erase bank 1 / bank 2, only on a dual-bank part.
    if (config_.sectors.bank2_offset == 0 || (bank != 1 && bank != 2)) {
        return false;
    }
    bool ok = true;
    config_.sectors.for_each([&](uint16_t k, uint32_t, uint32_t) {
        if (config_.sectors.bank_of(k) == bank && is_protected(k)) {
            ok = false;
        }
        return false;
    });
    config_.sectors.for_each([&](uint16_t k, uint32_t, uint32_t) {
        if (ok && config_.sectors.bank_of(k) == bank) {
            (void)erase_sector(k);
        }
        return false;
    });
    return ok;
}

bool FlashModel::erase_sector(uint16_t sector) {
    if (!config_.sectors.contains(sector) || is_protected(sector)) {
        return false;
    }
    const uint32_t offset = config_.sectors.offset_of(sector);
    const uint32_t size = config_.sectors.size_of(sector);
    if (offset >= flash_size_) {
        return false;
    }
    const uint32_t n = flash_size_ - offset < size ? flash_size_ - offset : size;
    fill_erased(offset, n);
    if (sector < kTracked) {
        ++erase_counts_[sector];
    }
    return true;
}

bool FlashModel::erase_all() {
    if (protected_ != 0) {
        return false;  // a mass erase fails when any sector is write protected
    }
    fill_erased(0, flash_size_);
    config_.sectors.for_each([this](uint16_t k, uint32_t, uint32_t) {
        if (k < kTracked) {
            ++erase_counts_[k];
        }
        return false;
    });
    return true;
}

}  // namespace sysboot::an3155
