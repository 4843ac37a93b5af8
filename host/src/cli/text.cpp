#include "cli/text.hpp"

#include <fmt/format.h>

#include "ui/json.hpp"

namespace sysboot::host {

using an3155::Command;

const char* command_name(Command c) {
    switch (c) {
        case Command::Get:
            return "Get";
        case Command::GetVersion:
            return "Get Version";
        case Command::GetId:
            return "Get ID";
        case Command::ReadMemory:
            return "Read Memory";
        case Command::Go:
            return "Go";
        case Command::WriteMemory:
            return "Write Memory";
        case Command::Erase:
            return "Erase";
        case Command::ExtendedErase:
            return "Extended Erase";
        case Command::WriteProtect:
            return "Write Protect";
        case Command::WriteUnprotect:
            return "Write Unprotect";
        case Command::ReadoutProtect:
            return "Readout Protect";
        case Command::ReadoutUnprotect:
            return "Readout Unprotect";
        case Command::GetChecksum:
            return "Get Checksum";
    }
    return "?";
}

std::string sector_list_text(const std::vector<uint16_t>& sectors) {
    if (sectors.empty()) {
        return "none";
    }
    std::string out;
    for (std::size_t i = 0; i < sectors.size(); ++i) {
        std::size_t j = i;
        while (j + 1 < sectors.size() && sectors[j + 1] == sectors[j] + 1) {
            ++j;
        }
        if (!out.empty()) {
            out += ',';
        }
        out += j > i ? fmt::format("{}-{}", sectors[i], sectors[j]) : fmt::format("{}", sectors[i]);
        i = j;
    }
    return out;
}

std::string sector_map_text(const an3155::SectorMap& map) {
    // Runs of equal sizes, over the sectors the part really has (a smaller part's map is
    // its line's map cut at its size; a dual-bank map repeats per bank).
    std::vector<std::pair<uint32_t, uint32_t>> runs;  // (count, size)
    map.for_each([&runs](uint16_t, uint32_t, uint32_t size) {
        if (!runs.empty() && runs.back().second == size) {
            ++runs.back().first;
        } else {
            runs.emplace_back(1, size);
        }
        return false;
    });
    std::string out;
    for (const auto& [count, size] : runs) {
        out += fmt::format("{}{}x{}K", out.empty() ? "" : ", ", count, size / 1024);
    }
    return out;
}

std::string json_u16_array(const std::vector<uint16_t>& v) {
    std::vector<std::string> items;
    for (auto x : v) {
        items.push_back(std::to_string(x));
    }
    return json_array(items);
}

std::string image_json(const Image& image) {
    std::vector<std::string> segs;
    for (const auto& s : image.segments) {
        JsonObject seg;
        seg.add("address", fmt::format("0x{:08X}", s.address)).add("size", uint64_t{s.data.size()});
        segs.push_back(seg.str());
    }
    JsonObject obj;
    obj.add("file", image.name)
        .add("format", to_string(image.format))
        .add("bytes", uint64_t{image.total_bytes()})
        .add_raw("segments", json_array(segs));
    return obj.str();
}

std::string part_json(const Part& part, uint16_t pid) {
    JsonObject p;
    p.add("name", part.name);
    // 0: not known (USB DFU reports no PID, AN3156).
    if (pid == 0) {
        p.add_raw("pid", "null");
    } else {
        p.add("pid", fmt::format("0x{:03X}", pid));
    }
    p.add("flash_base", fmt::format("0x{:08X}", part.flash_base))
        .add("flash_size", uint64_t{part.flash_size()});
    return p.str();
}

}  // namespace sysboot::host
