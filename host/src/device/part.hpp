// Parts the host knows by the PID that Get ID returns (AN2606 "STM32F72xxx/73xxx",
// "STM32F74xxx/75xxx", "STM32F76xxx/77xxx" bootloader sections), with their flash layout.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sysboot/an3155/sector_map.hpp"

namespace sysboot::host {

struct Part {
    uint16_t pid = 0;
    std::string name;
    uint32_t flash_base = 0x08000000;  // RM0410 §2.2.2 (flash on AXIM)
    an3155::SectorMap sectors;

    [[nodiscard]] uint32_t flash_size() const { return sectors.total_size(); }
    [[nodiscard]] uint64_t flash_end() const { return uint64_t{flash_base} + flash_size(); }
    [[nodiscard]] bool contains(uint32_t address, uint64_t length) const {
        return address >= flash_base && uint64_t{address} + length <= flash_end();
    }
    [[nodiscard]] uint32_t sector_address(uint16_t k) const {
        return flash_base + sectors.offset_of(k);
    }
    // Sectors that [address, address+length) touches (empty when outside flash).
    [[nodiscard]] std::vector<uint16_t> sectors_touched(uint32_t address, uint64_t length) const;
};

[[nodiscard]] std::optional<Part> find_part(uint16_t pid);
[[nodiscard]] const std::vector<Part>& known_parts();

}  // namespace sysboot::host
