#include "dfu/program.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace sysboot::host::dfu {

Result<dfuse::Layout> parse_alternate(const Alternate& alternate) {
    dfuse::Layout layout;
    const auto r =
        dfuse::parse_layout(std::span(alternate.name.data(), alternate.name.size()), layout);
    if (!r.ok()) {
        return make_error(Phase::Open, Cause::BadResponse,
                          fmt::format("alternate {} layout string \"{}\" does not parse at "
                                      "offset {}",
                                      alternate.setting, alternate.name, r.position));
    }
    return layout;
}

Result<Memory> find_memory(const DeviceInfo& info, std::string_view name) {
    for (const Alternate& alt : info.alternates) {
        auto layout = parse_alternate(alt);
        if (layout && std::string_view(layout->name().data(), layout->name().size()) == name) {
            return Memory{alt.setting, *layout};
        }
    }
    return make_error(Phase::Open, Cause::Unsupported,
                      fmt::format("no alternate setting describes \"{}\"", name));
}

Status check_range(const dfuse::Layout& layout, uint32_t address, uint32_t length, uint8_t bits) {
    if (length == 0 || uint64_t{address} + length > (uint64_t{1} << 32) ||
        !layout.covers(address, length, bits)) {
        const char* what = bits & dfuse::access::kWritable ? "writable" : "readable";
        return make_error(Phase::Plan, Cause::Invalid,
                          fmt::format("0x{:08X}..0x{:08X} is not inside the {} part of \"{}\"",
                                      address, uint64_t{address} + length, what,
                                      std::string_view(layout.name().data(), layout.name().size())),
                          address);
    }
    return {};
}

Status erase_range(DfuseClient& client, const dfuse::Layout& layout, uint32_t address,
                   uint32_t length) {
    const uint64_t end = uint64_t{address} + length;
    for (uint64_t at = address; at < end;) {
        dfuse::Sector sector;
        if (!layout.find_sector(static_cast<uint32_t>(at), sector) ||
            (sector.access & dfuse::access::kErasable) == 0) {
            return make_error(Phase::Plan, Cause::Invalid, "no erasable sector holds the address",
                              static_cast<uint32_t>(at));
        }
        SYSBOOT_TRY(client.erase_sector(sector.address));
        at = uint64_t{sector.address} + sector.size;
    }
    return {};
}

std::vector<BlockRun> non_blank_runs(std::span<const uint8_t> data, uint32_t block_size) {
    std::vector<BlockRun> runs;
    for (std::size_t off = 0; off < data.size(); off += block_size) {
        const std::size_t n = std::min<std::size_t>(block_size, data.size() - off);
        const auto block = data.subspan(off, n);
        if (std::all_of(block.begin(), block.end(), [](uint8_t b) { return b == 0xFF; })) {
            continue;
        }
        if (!runs.empty() && runs.back().offset + runs.back().length == off) {
            runs.back().length += n;
        } else {
            runs.push_back(BlockRun{off, n});
        }
    }
    return runs;
}

Status program(DfuseClient& client, const dfuse::Layout& layout, uint32_t address,
               std::span<const uint8_t> data, const BlockProgress& progress,
               ProgramReport* report) {
    const auto length = static_cast<uint32_t>(data.size());
    if (data.size() > UINT32_MAX) {
        return make_error(Phase::Plan, Cause::Invalid, "image larger than 4 GiB");
    }
    SYSBOOT_TRY(check_range(layout, address, length, dfuse::access::kWritable));
    SYSBOOT_TRY(erase_range(client, layout, address, length));
    // Every sector under [address, address + length) is now erased, and an erased STM32F7
    // sector reads 0xFF (RM0410/RM0385 chapter 3, embedded flash: the erase sets every bit
    // to 1), so a wTransferSize block of nothing but 0xFF is already in place; the readback
    // verify still compares it. DfuSe data blocks are placed relative to the last Set Address
    // Pointer (AN3156 "Download"), so each run after a hole starts with one of its own:
    // download() sends it.
    const uint32_t block = client.transfer_size();
    const auto runs = non_blank_runs(data, block);
    std::size_t blocks = 0;
    for (const BlockRun& run : runs) {
        const auto at = address + static_cast<uint32_t>(run.offset);
        SYSBOOT_TRY(client.download(at, data.subspan(run.offset, run.length)));
        blocks += (run.length + block - 1) / block;
        if (progress) {
            progress(static_cast<uint32_t>(run.offset + run.length));
        }
    }
    if (report != nullptr) {
        report->blocks_written = blocks;
        report->blocks_blank = (data.size() + block - 1) / block - blocks;
    }
    if (progress) {
        progress(length);
    }
    return {};
}

}  // namespace sysboot::host::dfu
