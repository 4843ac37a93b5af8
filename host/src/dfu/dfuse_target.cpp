#include "dfu/dfuse_target.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace sysboot::host::dfu {

DfuseTarget::DfuseTarget(DfuseClient& client, const DeviceInfo& info, const Memory& flash)
    : client_(client), flash_alternate_(flash.alternate), selected_(flash.alternate) {
    for (const Alternate& alt : info.alternates) {
        if (auto layout = parse_alternate(alt)) {
            memories_.push_back(Memory{alt.setting, *layout});
        }
    }
}

Error DfuseTarget::missing(Capability, Phase phase) const {
    return make_error(phase, Cause::Unsupported,
                      "crc: DfuSe (AN3156) has no checksum command: verify by readback (verify "
                      "--method readback, flash --verify readback)");
}

Status DfuseTarget::select_for(uint32_t address, uint32_t length, uint8_t bits, Phase phase) {
    for (const Memory& m : memories_) {
        if (m.layout.covers(address, length, bits)) {
            if (m.alternate != selected_) {
                SYSBOOT_TRY(client_.select_alternate(m.alternate));
                selected_ = m.alternate;
            }
            return {};
        }
    }
    // Not memory any alternate setting describes: the ROM would answer errTARGET (AN2662
    // Figure 58); say which memories there are instead.
    std::string names;
    for (const Memory& m : memories_) {
        const auto& seg = m.layout.segments();
        names += fmt::format("{}{} 0x{:08X}..0x{:08X}", names.empty() ? "" : ", ",
                             std::string_view(m.layout.name().data(), m.layout.name().size()),
                             seg.empty() ? 0 : seg.front().address,
                             seg.empty() ? 0 : seg.back().end() - 1);
    }
    return make_error(phase, Cause::Invalid,
                      fmt::format("0x{:08X}..0x{:08X} is in no memory the DFU device describes "
                                  "({})",
                                  address, uint64_t{address} + length - 1, names),
                      address);
}

Status DfuseTarget::select_flash() {
    if (selected_ != flash_alternate_) {
        SYSBOOT_TRY(client_.select_alternate(flash_alternate_));
        selected_ = flash_alternate_;
    }
    return {};
}

Status DfuseTarget::read(uint32_t address, std::span<uint8_t> out) {
    const auto length = static_cast<uint32_t>(out.size());
    SYSBOOT_TRY(select_for(address, length, dfuse::access::kReadable, Phase::Read));
    SYSBOOT_TRY_ASSIGN(const auto bytes, client_.upload(address, length));
    std::copy(bytes.begin(), bytes.end(), out.begin());
    return {};
}

Status DfuseTarget::write(uint32_t address, std::span<const uint8_t> data) {
    SYSBOOT_TRY(select_for(address, static_cast<uint32_t>(data.size()), dfuse::access::kWritable,
                           Phase::Write));
    return client_.download(address, data);
}

Status DfuseTarget::erase_sector(const Part& part, uint16_t sector) {
    SYSBOOT_TRY(select_flash());
    return client_.erase_sector(part.sector_address(sector));
}

Status DfuseTarget::mass_erase(const Part&) {
    SYSBOOT_TRY(select_flash());
    return client_.mass_erase();
}

Result<uint32_t> DfuseTarget::checksum(uint32_t, uint32_t) {
    return missing(Capability::Checksum, Phase::Checksum);
}

Status DfuseTarget::start(uint32_t address) {
    SYSBOOT_TRY(select_flash());
    return client_.leave(address);
}

}  // namespace sysboot::host::dfu
