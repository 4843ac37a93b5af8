// AN3155 target engine. Section numbers refer to AN3155 ("USART protocol used in the STM32
// bootloader"); each command's order of ACKs follows that command's figure in §3.
#include "sysboot/an3155/target.hpp"

namespace sysboot::an3155 {

namespace {

// Commands the engine serves, in the order a protocol V3.1 ROM lists them in Get (AN3155
// §3.1; every STM32F7 USART ROM is V3.1, AN2606 "Bootloader versions"). Get Checksum, a V3.3
// command (AN3155 §3.13), is appended only when Config::get_checksum is set.
// With Config::legacy_erase, Erase (0x43) takes Extended Erase's place.
constexpr uint8_t kServed[] = {code(Command::Get),
                               code(Command::GetVersion),
                               code(Command::GetId),
                               code(Command::ReadMemory),
                               code(Command::Go),
                               code(Command::WriteMemory),
                               code(Command::ExtendedErase),
                               code(Command::WriteProtect),
                               code(Command::WriteUnprotect),
                               code(Command::ReadoutProtect),
                               code(Command::ReadoutUnprotect)};

}  // namespace

Target::Target(const Config& config, Memory& memory, Sink& sink)
    : config_(config), memory_(memory), sink_(sink) {
    set_config(config);
}

void Target::reset() {
    state_ = State::NotSynced;
    command_ = 0;
    expected_ = 0;
    collected_ = 0;
    // A reset clears what the flash interface latched and loads the option bytes again.
    memory_.system_reset();
    apply_options();
}

std::size_t Target::supported(std::span<uint8_t> out) const {
    std::size_t n = 0;
    for (uint8_t c : kServed) {
        if (n < out.size()) {
            out[n] = c == code(Command::ExtendedErase) && config_.legacy_erase
                         ? code(Command::Erase)
                         : c;
        }
        ++n;
    }
    if (config_.get_checksum) {
        if (n < out.size()) {
            out[n] = code(Command::GetChecksum);
        }
        ++n;
    }
    return n;
}

bool Target::is_supported(uint8_t command) const {
    // AN3155 §3.7/§3.8: Erase and Extended Erase are exclusive.
    if (command == code(Command::Erase) || command == code(Command::ExtendedErase)) {
        return config_.legacy_erase == (command == code(Command::Erase));
    }
    for (uint8_t c : kServed) {
        if (c == command) {
            return true;
        }
    }
    return config_.get_checksum && command == code(Command::GetChecksum);
}

// AN3155 §3: with readout protection active the ROM refuses every command that touches
// memory; Get, Get Version, Get ID, Readout Protect and Readout Unprotect stay available.
bool Target::is_memory_command(uint8_t command) {
    return command == code(Command::ReadMemory) || command == code(Command::Go) ||
           command == code(Command::WriteMemory) || command == code(Command::ExtendedErase) ||
           command == code(Command::Erase) || command == code(Command::GetChecksum) ||
           command == code(Command::WriteProtect) || command == code(Command::WriteUnprotect);
}

uint32_t Target::frame_remaining() const {
    switch (state_) {
        case State::Complement:
        case State::WriteChecksum:
        case State::EraseSpecialChecksum:
        case State::EraseChecksum:
            return 1;
        case State::Address:
        case State::ReadCount:
        case State::WriteData:
        case State::EraseCount:
        case State::EraseList:
        case State::ChecksumLength:
        case State::ProtectList:
            return expected_ - collected_;
        case State::WriteCount:
        case State::ProtectCount:
        case State::LegacyEraseCount:
            return 1;
        case State::LegacyEraseList:
            return expected_ - collected_;
        case State::NotSynced:
        case State::Command:
        case State::Started:
            return 0;
    }
    return 0;
}

void Target::emit(uint8_t byte) {
    ++counters_.bytes_out;
    sink_.put(byte);
}

void Target::ack() {
    ++counters_.acks;
    emit(kAck);
}

void Target::nack() {
    ++counters_.nacks;
    emit(kNack);
}

void Target::to_command() {
    state_ = State::Command;
    expected_ = 0;
    collected_ = 0;
}

void Target::on_byte(uint8_t byte) {
    ++counters_.bytes_in;
    switch (state_) {
        case State::NotSynced:
            // AN3155 §2: the ROM waits for 0x7F (it measures the baud rate on it), then
            // answers ACK. Anything else before that is noise.
            if (byte == kSync) {
                ack();
                to_command();
            }
            return;

        case State::Command:
            if (byte == kSync) {
                // Already synchronised: a second 0x7F is not a valid command pair. The real
                // ROM takes it as a command byte and NACKs the pair; this engine answers at
                // once so a host that re-syncs gets its answer without a timeout.
                nack();
                return;
            }
            command_ = byte;
            state_ = State::Complement;
            return;

        case State::Complement:
            // AN3155 §3: every command byte is followed by its complement (XOR = 0xFF).
            if (byte != static_cast<uint8_t>(command_ ^ 0xFF)) {
                nack();
                to_command();
                return;
            }
            ++counters_.commands;
            dispatch();
            return;

        case State::Address:
            buffer_[collected_++] = byte;
            if (collected_ == expected_) {
                on_address_complete();
            }
            return;

        case State::ReadCount:
            buffer_[collected_++] = byte;
            if (collected_ == expected_) {
                finish_read_count();
            }
            return;

        case State::WriteCount:
            // AN3155 §3.6: N-1 (one byte), then N bytes, then XOR of N-1 and the data.
            expected_ = static_cast<uint32_t>(byte) + 1;
            collected_ = 0;
            checksum_ = byte;
            state_ = State::WriteData;
            return;

        case State::WriteData:
            buffer_[collected_++] = byte;
            checksum_ = static_cast<uint8_t>(checksum_ ^ byte);
            if (collected_ == expected_) {
                state_ = State::WriteChecksum;
            }
            return;

        case State::WriteChecksum:
            if (byte != checksum_) {
                nack();
                to_command();
                return;
            }
            finish_write();
            return;

        case State::EraseCount:
            buffer_[collected_++] = byte;
            if (collected_ == expected_) {
                const uint16_t n = static_cast<uint16_t>((buffer_[0] << 8) | buffer_[1]);
                checksum_ = static_cast<uint8_t>(buffer_[0] ^ buffer_[1]);
                if ((n & kSpecialEraseMask) == kSpecialEraseMask) {
                    state_ = State::EraseSpecialChecksum;
                    address_ = n;  // remember the special code
                } else {
                    // AN3155 §3.8: N+1 sector numbers follow, 2 bytes each, MSB first.
                    expected_ = (static_cast<uint32_t>(n) + 1) * 2;
                    collected_ = 0;
                    erase_invalid_ = false;
                    for (auto& b : erase_bitmap_) {
                        b = 0;
                    }
                    state_ = State::EraseList;
                }
            }
            return;

        case State::EraseSpecialChecksum: {
            const auto special = static_cast<uint16_t>(address_);
            to_command();
            if (byte != checksum_) {
                nack();
                return;
            }
            // 0xFFFF: mass erase. 0xFFFE / 0xFFFD: bank 1 / bank 2 erase, which a
            // single-bank part refuses; other 0xFFFx codes are reserved (AN3155 §3.8).
            bool ok = false;
            if (special == kMassErase) {
                ok = memory_.erase_all();
            } else if (special == kBank1Erase || special == kBank2Erase) {
                ok = memory_.erase_bank(special == kBank1Erase ? 1 : 2);
            }
            if (ok) {
                ++counters_.mass_erases;
                ack();
            } else {
                nack();
            }
            return;
        }

        case State::EraseList:
            checksum_ = static_cast<uint8_t>(checksum_ ^ byte);
            if ((collected_ & 1u) == 0) {
                buffer_[0] = byte;  // MSB of the sector number
            } else {
                mark_for_erase(static_cast<uint16_t>((buffer_[0] << 8) | byte));
            }
            if (++collected_ == expected_) {
                state_ = State::EraseChecksum;
            }
            return;

        case State::EraseChecksum:
            if (byte != checksum_ || erase_invalid_) {
                nack();
                to_command();
                return;
            }
            finish_erase_list();
            return;

        case State::ChecksumLength:
            buffer_[collected_++] = byte;
            if (collected_ == expected_) {
                finish_checksum_length();
            }
            return;

        case State::ProtectCount:
        case State::ProtectList:
            on_protect_byte(byte);
            return;

        case State::LegacyEraseCount:
        case State::LegacyEraseList:
            on_legacy_erase_byte(byte);
            return;

        case State::Started:
            // Go was ACKed: the application runs; the ROM no longer listens.
            return;
    }
}

void Target::dispatch() {
    const uint8_t c = command_;
    if (!is_supported(c) || (config_.options.readout_protected() && is_memory_command(c))) {
        nack();
        to_command();
        return;
    }
    switch (static_cast<Command>(c)) {
        case Command::Get: {
            // AN3155 §3.1: ACK, N (= number of command codes), version, codes, ACK.
            uint8_t list[16];
            const auto n = supported(list);
            ack();
            emit(static_cast<uint8_t>(n));
            emit(config_.version);
            for (std::size_t i = 0; i < n; ++i) {
                emit(list[i]);
            }
            ack();
            to_command();
            return;
        }
        case Command::GetVersion:
            // AN3155 §3.2: ACK, version, 2 option bytes (0 for compatibility), ACK.
            ack();
            emit(config_.version);
            emit(0x00);
            emit(0x00);
            ack();
            to_command();
            return;
        case Command::GetId:
            // AN3155 §3.3: ACK, N = 1 (bytes - 1), PID MSB, PID LSB, ACK.
            ack();
            emit(0x01);
            emit(static_cast<uint8_t>(config_.pid >> 8));
            emit(static_cast<uint8_t>(config_.pid));
            ack();
            to_command();
            return;
        case Command::ReadMemory:
        case Command::Go:
        case Command::WriteMemory:
        case Command::GetChecksum:
            ack();
            state_ = State::Address;
            expected_ = 5;
            collected_ = 0;
            return;
        case Command::ExtendedErase:
            ack();
            state_ = State::EraseCount;
            expected_ = 2;
            collected_ = 0;
            return;
        case Command::Erase:
            ack();
            state_ = State::LegacyEraseCount;
            return;
        case Command::WriteProtect:
        case Command::WriteUnprotect:
        case Command::ReadoutProtect:
        case Command::ReadoutUnprotect:
            serve_protection(static_cast<Command>(c));
            return;
        default:
            nack();
            to_command();
            return;
    }
}

void Target::on_address_complete() {
    // AN3155 §3.4: 4 address bytes, MSB first, then their XOR.
    if (xor_of(std::span<const uint8_t>(buffer_, 4)) != buffer_[4]) {
        nack();
        to_command();
        return;
    }
    address_ = get_be32(std::span<const uint8_t, 4>(buffer_, 4));
    collected_ = 0;
    switch (static_cast<Command>(command_)) {
        case Command::ReadMemory:
            if (!readable(address_, 1)) {
                break;
            }
            ack();
            state_ = State::ReadCount;
            expected_ = 2;
            return;
        case Command::WriteMemory:
            // Word-aligned only (F7 flash programs 32-bit words).
            if ((address_ % kWriteAlign) != 0 || !memory_.writable(address_, kWriteAlign)) {
                break;
            }
            ack();
            state_ = State::WriteCount;
            return;
        case Command::GetChecksum:
            if ((address_ % 4) != 0 || !memory_.readable(address_, 4)) {
                break;
            }
            ack();
            state_ = State::ChecksumLength;
            expected_ = 5;
            return;
        case Command::Go:
            // AN3155 §3.5: ACK only for a valid target, then jump.
            if (!memory_.can_jump(address_)) {
                break;
            }
            ack();
            state_ = State::Started;
            if (config_.go != nullptr) {
                config_.go(config_.go_context, address_);
            }
            return;
        default:
            break;
    }
    nack();
    to_command();
}

}  // namespace sysboot::an3155
