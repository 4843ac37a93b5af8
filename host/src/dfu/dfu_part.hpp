// The part behind a ROM's DFU device. DfuSe reports no PID (AN3156: the descriptors carry
// 0483:DF11 for every line), so the flash layout comes from the "Internal Flash" alternate
// string, never from a table, and the line is named only when that layout is the sector map
// of exactly the known lines that share it (an F76x with 1 MiB has the F74x map: both are
// named). RAM, for the vector-table check, is then the smallest of those lines.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "device/part.hpp"
#include "sysboot/dfuse/layout.hpp"

namespace sysboot::host::dfu {

struct DfuPart {
    std::vector<an3155::SectorGroup> groups;  // storage behind part.sectors
    Part part;
    bool identified = false;  // a known line (or --pid) supplied name and RAM
    std::string how;          // where the name came from, for `info`
};

// `pid`: --pid, which names the line when the layout cannot. Fails when the layout is not
// contiguous sectors from one start address (not a flash array this tool can plan for).
[[nodiscard]] Result<std::unique_ptr<DfuPart>> part_from_layout(const dfuse::Layout& flash,
                                                                std::optional<uint16_t> pid);

}  // namespace sysboot::host::dfu
