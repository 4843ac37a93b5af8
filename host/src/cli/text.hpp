// Human and JSON renderings shared by several commands.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "an3155/client.hpp"
#include "device/part.hpp"
#include "image/image.hpp"

namespace sysboot::host {

[[nodiscard]] const char* command_name(an3155::Command c);
[[nodiscard]] std::string sector_list_text(const std::vector<uint16_t>& sectors);  // "0-3,5"
[[nodiscard]] std::string sector_map_text(const an3155::SectorMap& map);           // "4x32K, ..."
[[nodiscard]] std::string json_u16_array(const std::vector<uint16_t>& v);
[[nodiscard]] std::string image_json(const Image& image);
[[nodiscard]] std::string part_json(const Part& part, uint16_t pid);

}  // namespace sysboot::host
