// The target engine's protection commands and its system-area reads. Section numbers refer
// to AN3155; each command's order of ACKs follows that command's figure.
//
// What is modelled: the option bytes (RDP byte, nWRP bits, nDBANK) live in the engine's
// Config and survive the system reset each protection command ends with; the reset itself
// puts the engine back into "waiting for 0x7F" (AN3155 §2), makes the memory forget latched
// program failures and calls Config::on_reset so a host (the stand-in ROM) can persist the
// options or restart. The flash obeys the new write protection after that reset, as the
// option bytes are loaded at reset on STM32F7 (RM0410 §3.4 "Option bytes").
#include "sysboot/an3155/target.hpp"

namespace sysboot::an3155 {

namespace {
// An RDP byte that is neither 0xAA (level 0) nor 0xCC (level 2) means level 1 (RM0410 §3.7.3).
constexpr uint8_t kRdpLevel1 = 0x55;
}  // namespace

void Target::set_config(const Config& config) {
    config_ = config;
    if (config_.rdp_level1 && !config_.options.readout_protected()) {
        config_.options.set_rdp(kRdpLevel1);
    }
    config_.rdp_level1 = config_.options.readout_protected();
    apply_options();
}

void Target::apply_options() {
    memory_.set_write_protected(config_.options.write_protected());
}

void Target::system_reset() {
    ++counters_.system_resets;
    config_.rdp_level1 = config_.options.readout_protected();
    reset();
    if (config_.on_reset != nullptr) {
        config_.on_reset(config_.reset_context, config_.options);
    }
}

void Target::serve_protection(Command c) {
    switch (c) {
        case Command::WriteProtect:
            // AN3155 §3.9: ACK, then N-1, N sector codes and their XOR.
            ack();
            state_ = State::ProtectCount;
            return;
        case Command::WriteUnprotect:
            // AN3155 §3.10: ACK, every sector unprotected, second ACK, system reset.
            ack();
            config_.options.set_write_protected(0);
            ack();
            system_reset();
            return;
        case Command::ReadoutProtect:
            // AN3155 §3.11: ACK, RDP level 1 set, second ACK, system reset.
            ack();
            config_.options.set_rdp(kRdpLevel1);
            ack();
            system_reset();
            return;
        case Command::ReadoutUnprotect:
            // AN3155 §3.12: ACK, mass erase of the flash, second ACK, system reset with RDP
            // back at level 0. Leaving level 1 erases the flash whatever the write
            // protection says (RM0410 §3.7.3 "Read protection").
            ack();
            memory_.set_write_protected(0);
            (void)memory_.erase_all();
            ++counters_.mass_erases;
            config_.options.set_rdp(kRdpLevel0);
            ack();
            system_reset();
            return;
        default:
            nack();
            to_command();
            return;
    }
}

void Target::on_protect_byte(uint8_t byte) {
    if (state_ == State::ProtectCount) {
        checksum_ = byte;
        expected_ = static_cast<uint32_t>(byte) + 2;  // N codes, then the checksum
        collected_ = 0;
        erase_invalid_ = false;
        address_ = 0;  // the sectors requested, as a bit mask
        state_ = State::ProtectList;
        return;
    }
    if (++collected_ < expected_) {
        checksum_ = static_cast<uint8_t>(checksum_ ^ byte);
        // nWRP has one bit per sector of the single-bank map (FLASH_OPTCR nWRP[11:0]).
        if (byte >= 12 || !memory_.has_sector(byte)) {
            erase_invalid_ = true;
        } else {
            address_ |= 1u << byte;
        }
        return;
    }
    to_command();
    if (byte != checksum_ || erase_invalid_) {
        nack();
        return;
    }
    config_.options.set_write_protected(
        static_cast<uint16_t>(config_.options.write_protected() | address_));
    ack();
    system_reset();
}

bool Target::system_read(uint32_t address, std::span<uint8_t> out) const {
    const auto length = static_cast<uint32_t>(out.size());
    if (range_inside(address, length, kOptionBytesAddress, kOptionBytesLength)) {
        return config_.options.read(address - kOptionBytesAddress, out);
    }
    if (range_inside(address, length, config_.flash_size_address, 2)) {
        // RM0410 §45.2 "Flash size": 16 bits, KiB, stored little endian like all memory.
        const uint8_t bytes[2] = {static_cast<uint8_t>(config_.flash_kib),
                                  static_cast<uint8_t>(config_.flash_kib >> 8)};
        for (uint32_t i = 0; i < length; ++i) {
            out[i] = bytes[address - config_.flash_size_address + i];
        }
        return true;
    }
    return false;
}

bool Target::readable(uint32_t address, uint32_t length) const {
    uint8_t probe[kOptionBytesLength];
    if (length <= sizeof probe && system_read(address, std::span<uint8_t>(probe, length))) {
        return true;
    }
    return memory_.readable(address, length);
}

bool Target::read(uint32_t address, std::span<uint8_t> out) {
    return system_read(address, out) || memory_.read(address, out);
}

}  // namespace sysboot::an3155
