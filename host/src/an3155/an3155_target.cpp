#include "an3155/an3155_target.hpp"

namespace sysboot::host {

using an3155::Command;

bool An3155Target::has(Capability c) const {
    switch (c) {
        case Capability::Read:
            return info_.has(Command::ReadMemory);
        case Capability::Write:
            return info_.has(Command::WriteMemory);
        case Capability::Erase:
            // AN3155 §3.7/§3.8: a ROM lists either Extended Erase (0x44) or Erase (0x43).
            return info_.has(Command::ExtendedErase) || info_.has(Command::Erase);
        case Capability::Checksum:
            return info_.has(Command::GetChecksum);
    }
    return false;
}

Error An3155Target::missing(Capability c, Phase phase) const {
    switch (c) {
        case Capability::Read:
            return make_error(phase, Cause::Unsupported,
                              "the ROM does not list Read Memory (0x11)");
        case Capability::Write:
            return make_error(phase, Cause::Unsupported,
                              "the ROM does not list Write Memory (0x31)");
        case Capability::Erase:
            return make_error(phase, Cause::Unsupported,
                              "the ROM lists neither Extended Erase (0x44) nor Erase (0x43)");
        case Capability::Checksum:
            break;
    }
    return make_error(phase, Cause::Unsupported,
                      "crc: the ROM does not list Get Checksum (0xA1, protocol V3.3 only; "
                      "STM32F7 ROMs are V3.1): verify by readback (verify --method readback, "
                      "flash --verify readback)");
}

Status An3155Target::read(uint32_t address, std::span<uint8_t> out) {
    return client_.read_memory(address, out);
}

Status An3155Target::write(uint32_t address, std::span<const uint8_t> data) {
    return client_.write_memory(address, data);
}

Status An3155Target::erase_sector(const Part&, uint16_t sector) {
    const uint16_t one[] = {sector};
    // The flavour the ROM lists in Get (AN3155 §3.7 Erase, §3.8 Extended Erase).
    return info_.has(Command::ExtendedErase) ? client_.extended_erase(one) : client_.erase(one);
}

Status An3155Target::mass_erase(const Part&) {
    if (!info_.has(Command::ExtendedErase)) {
        // The global form of Erase (0x43, N = 0xFF) is not implemented here: erase the
        // sectors instead (the plan names them).
        return make_error(Phase::Erase, Cause::Unsupported,
                          "a mass erase needs Extended Erase (0x44); this ROM lists only Erase "
                          "(0x43): erase by sectors (erase --sectors)");
    }
    return client_.mass_erase();
}

Result<uint32_t> An3155Target::checksum(uint32_t address, uint32_t length) {
    return client_.get_checksum(address, length);
}

}  // namespace sysboot::host
