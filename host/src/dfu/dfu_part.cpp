#include "dfu/dfu_part.hpp"

#include <fmt/format.h>

namespace sysboot::host::dfu {
namespace {

std::vector<uint32_t> sector_sizes(const an3155::SectorMap& map) {
    std::vector<uint32_t> sizes;
    map.for_each([&sizes](uint16_t, uint32_t, uint32_t size) {
        sizes.push_back(size);
        return false;
    });
    return sizes;
}

// The known lines whose sector map, cut to the layout's size, is the layout's.
std::vector<const Part*> lines_with(const std::vector<uint32_t>& sizes, uint32_t total) {
    std::vector<const Part*> found;
    for (const Part& p : known_parts()) {
        an3155::SectorMap cut = p.sectors;
        cut.limit = total;
        if (total <= p.flash_size() && sector_sizes(cut) == sizes) {
            found.push_back(&p);
        }
    }
    return found;
}

}  // namespace

Result<std::unique_ptr<DfuPart>> part_from_layout(const dfuse::Layout& flash,
                                                  std::optional<uint16_t> pid) {
    auto out = std::make_unique<DfuPart>();
    const auto segments = flash.segments();
    if (segments.empty() || flash.total_size() > UINT32_MAX) {
        return make_error(Phase::Open, Cause::BadResponse, "the flash layout string is empty");
    }
    uint64_t next = segments.front().address;
    std::vector<uint32_t> sizes;
    for (const dfuse::Segment& s : segments) {
        if (s.address != next || s.sector_count > 0xFFFF) {
            return make_error(Phase::Open, Cause::Unsupported,
                              fmt::format("the flash layout has a gap at 0x{:08X}: not one flash "
                                          "array this tool plans for",
                                          s.address));
        }
        out->groups.push_back(
            an3155::SectorGroup{static_cast<uint16_t>(s.sector_count), s.sector_size});
        sizes.insert(sizes.end(), s.sector_count, s.sector_size);
        next = s.end();
    }
    const auto total = static_cast<uint32_t>(flash.total_size());
    Part& part = out->part;
    part.pid = 0;
    part.flash_base = segments.front().address;
    part.ram_size = 0;
    part.write_align = 8;  // AN2606 "Programming constraints": every STM32F7 line
    std::vector<const Part*> lines;
    if (pid) {
        for (const Part& k : known_parts()) {
            if (k.pid == *pid) {
                lines.push_back(&k);
            }
        }
        out->how = "from --pid";
    } else {
        lines = lines_with(sizes, total);
        out->how = "told by the flash layout string; DFU reports no PID";
    }
    for (const Part* line : lines) {
        part.name += (part.name.empty() ? "" : " or ") + line->name;
        if (part.ram_size == 0 || line->ram_size < part.ram_size) {
            part.ram_base = line->ram_base;
            part.ram_size = line->ram_size;
        }
    }
    out->identified = !lines.empty();
    if (lines.empty()) {
        part.name = "an unidentified part";
        out->how = "its flash layout matches no STM32F7 line this tool knows";
    }
    part.sectors = an3155::SectorMap{out->groups};
    return out;
}

}  // namespace sysboot::host::dfu
