// Erase (0x43), the one-byte-page erase of ROMs that do not have Extended Erase (AN3155
// §3.7; e.g. the STM32F10xxx ROM, USART protocol V2.2, AN2606 "Bootloader versions"):
//   host: 0x43 0xBC                        ROM: ACK
//   host: 0xFF 0x00 (global erase)         ROM: ACK when erased
//   host: N-1, N page numbers, XOR of all  ROM: ACK when erased
// The page list shares the Extended Erase bitmap and its end (finish_erase_list).
#include "sysboot/an3155/target.hpp"

namespace sysboot::an3155 {

void Target::mark_for_erase(uint16_t sector) {
    if (sector >= kMaxEraseSectors || !memory_.has_sector(sector)) {
        erase_invalid_ = true;
    } else {
        erase_bitmap_[sector / 8] |= static_cast<uint8_t>(1u << (sector % 8));
    }
}

void Target::on_legacy_erase_byte(uint8_t byte) {
    if (state_ == State::LegacyEraseCount) {
        checksum_ = byte;
        expected_ = byte == 0xFF ? 1 : static_cast<uint32_t>(byte) + 2;  // pages + checksum
        collected_ = 0;
        erase_invalid_ = false;
        for (auto& b : erase_bitmap_) {
            b = 0;
        }
        state_ = State::LegacyEraseList;
        return;
    }
    const bool last = ++collected_ == expected_;
    if (!last) {
        checksum_ = static_cast<uint8_t>(checksum_ ^ byte);
        mark_for_erase(byte);
        return;
    }
    if (checksum_ == 0xFF && expected_ == 1) {
        // Global erase: 0xFF is followed by its complement 0x00.
        to_command();
        if (byte == 0x00 && memory_.erase_all()) {
            ++counters_.mass_erases;
            ack();
        } else {
            nack();
        }
        return;
    }
    if (byte != checksum_ || erase_invalid_) {
        nack();
        to_command();
        return;
    }
    finish_erase_list();
}

}  // namespace sysboot::an3155
