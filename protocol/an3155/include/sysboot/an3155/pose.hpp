// Which STM32F7 an emulated ROM poses as: its Get ID answer, its flash-size register and its
// bank mode decide the sector map, the option bytes and the write alignment, through the
// same decode_layout() the host uses. Shared by the stand-in ROM and the host's fake ROM.
//
// Freestanding: only <cstdint>, <cstddef>, <span>.
#pragma once

#include <cstdint>

#include "sysboot/an3155/flash_model.hpp"
#include "sysboot/an3155/layout.hpp"
#include "sysboot/an3155/target.hpp"

namespace sysboot::an3155 {

struct Pose {
    uint16_t pid;
    uint16_t flash_kib;
    bool dual_bank;  // nDBANK = 0 (F76x/F77x only)
};

// Parts that share a DEV_ID with less flash (RM0385/RM0410/RM0431 §1 and the datasheets'
// ordering information). Index = the pose number the stand-in ROM's configuration word takes.
inline constexpr Pose kPoses[] = {
    {0x451, 2048, false},  // 0: STM32F76x/77x 2 MiB, single bank (the rig's default)
    {0x451, 1024, false},  // 1: STM32F76x 1 MiB, single bank
    {0x451, 2048, true},   // 2: STM32F76x/77x 2 MiB, dual bank
    {0x449, 512, false},   // 3: STM32F74x 512 KiB
    {0x452, 256, false},   // 4: STM32F72x 256 KiB
    {0x452, 64, false},    // 5: STM32F730 64 KiB
    {0x449, 64, false},    // 6: STM32F750 64 KiB
    {0x451, 1024, true},   // 7: STM32F76x 1 MiB, dual bank
};
inline constexpr unsigned kPoseCount = sizeof(kPoses) / sizeof(kPoses[0]);

// Writes what `pose` decides into the engine and flash configurations (the flash base and
// everything else stay). False, and nothing changed, when the pose is no F7 part.
constexpr bool apply_pose(const Pose& pose, Config& config, FlashConfig& flash) {
    OptionBytes options = config.options;
    options.set_dual_bank(pose.dual_bank);
    const Layout layout = decode_layout(pose.pid, pose.flash_kib, options);
    const LineInfo* line = line_for_pid(pose.pid);
    if (!layout.valid() || line == nullptr) {
        return false;
    }
    config.pid = pose.pid;
    config.flash_kib = pose.flash_kib;
    config.flash_size_address = line->flash_size_address;
    config.options = options;
    flash.sectors = layout.sectors;
    flash.write_align = layout.write_align;
    return true;
}

}  // namespace sysboot::an3155
