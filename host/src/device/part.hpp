// Parts the host knows by the PID that Get ID returns: every row of the STM32 part table
// (protocol/stm32, docs/families.md), with the flash layout of the line's largest part until
// the device says more (cli/layout.cpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sysboot/an3155/sector_map.hpp"
#include "sysboot/stm32/part.hpp"

namespace sysboot::host {

struct Part {
    uint16_t pid = 0;
    std::string name;
    uint32_t flash_base = 0x08000000;  // every table row: 0x08000000
    an3155::SectorMap sectors;
    // SRAM from 0x20000000 (the table's `sram`): where an application's initial stack
    // pointer must point.
    uint32_t ram_base = 0x20000000;
    uint32_t ram_size = 0;
    // AN2606 "Programming constraints": a Write Memory start address must be a multiple of
    // this, or the write fails and so does every later one (STM32F7: 8 bytes).
    uint32_t write_align = 8;
    const stm32::PartInfo* info = nullptr;  // the table row (never null for known parts)

    [[nodiscard]] uint32_t flash_size() const { return sectors.total_size(); }
    [[nodiscard]] uint64_t flash_end() const { return uint64_t{flash_base} + flash_size(); }
    [[nodiscard]] bool contains(uint32_t address, uint64_t length) const {
        return address >= flash_base && uint64_t{address} + length <= flash_end();
    }
    [[nodiscard]] bool in_ram(uint32_t address) const {
        return address >= ram_base && uint64_t{address} <= uint64_t{ram_base} + ram_size;
    }
    [[nodiscard]] uint32_t sector_address(uint16_t k) const {
        return flash_base + sectors.offset_of(k);
    }
    // Sectors that [address, address+length) touches (empty when outside flash).
    [[nodiscard]] std::vector<uint16_t> sectors_touched(uint32_t address, uint64_t length) const;
};

[[nodiscard]] std::optional<Part> find_part(uint16_t pid);
[[nodiscard]] const std::vector<Part>& known_parts();
// "C0: 0x443 0x453 0x493; F0: ..." for messages (every known part, by family).
[[nodiscard]] std::string known_pid_list();

}  // namespace sysboot::host
