// What a DfuSe flash update needs beyond single requests: the memory layout of the chosen
// alternate (UM0424 §4.3.2 strings, parsed by protocol/dfuse), range checks before anything
// changes, and erasing exactly the sectors an image touches.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/error.hpp"
#include "dfu/dfuse_client.hpp"
#include "dfu/usb_device.hpp"
#include "sysboot/dfuse/layout.hpp"

namespace sysboot::host::dfu {

struct Memory {
    uint8_t alternate = 0;
    dfuse::Layout layout;
};

// The alternate whose layout name is `name` ("Internal Flash" on ST ROMs, AN3156).
[[nodiscard]] Result<Memory> find_memory(const DeviceInfo& info, std::string_view name);
// Parses one alternate string; an unparsable string is the device's fault (BadResponse).
[[nodiscard]] Result<dfuse::Layout> parse_alternate(const Alternate& alternate);

// Checks that [address, address + length) lies in `bits` sectors of the layout (Phase::Plan).
[[nodiscard]] Status check_range(const dfuse::Layout& layout, uint32_t address, uint32_t length,
                                 uint8_t bits);
// Erases every sector [address, address + length) touches, each once.
[[nodiscard]] Status erase_range(DfuseClient& client, const dfuse::Layout& layout, uint32_t address,
                                 uint32_t length);
// A stretch of `data` made of consecutive blocks that are not all 0xFF.
struct BlockRun {
    std::size_t offset = 0;
    std::size_t length = 0;
};
// The runs of `data` left once every `block_size` block (counted from data[0]; the last may be
// shorter) of only 0xFF is taken out.
[[nodiscard]] std::vector<BlockRun> non_blank_runs(std::span<const uint8_t> data,
                                                   uint32_t block_size);

struct ProgramReport {
    std::size_t blocks_written = 0;  // wTransferSize DNLOAD data blocks sent
    std::size_t blocks_blank = 0;    // all 0xFF after the erase: not sent
};

// Range check, erase, download: nothing is erased unless the whole range is writable. Blocks
// of only 0xFF are not sent: the erase left them so.
[[nodiscard]] Status program(DfuseClient& client, const dfuse::Layout& layout, uint32_t address,
                             std::span<const uint8_t> data, const BlockProgress& progress = {},
                             ProgramReport* report = nullptr);

}  // namespace sysboot::host::dfu
