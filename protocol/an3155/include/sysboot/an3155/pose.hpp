// Which STM32 part an emulated ROM poses as: its Get ID answer, its flash-size register and
// its bank mode decide the sector map, the option bytes, the write alignment and the erase
// command, through the same decoders the host uses (an3155::decode_layout for STM32F7,
// stm32::decode_layout from the part table for the other families). Shared by the stand-in
// ROM and the host's fake ROM.
//
// Freestanding: only <cstdint>, <cstddef>, <span>.
#pragma once

#include <cstdint>

#include "sysboot/an3155/flash_model.hpp"
#include "sysboot/an3155/layout.hpp"
#include "sysboot/an3155/target.hpp"
#include "sysboot/stm32/layout.hpp"
#include "sysboot/stm32/parts.hpp"

namespace sysboot::an3155 {

struct Pose {
    uint16_t pid;
    uint16_t flash_kib;
    bool dual_bank;  // nDBANK = 0 (F76x/F77x only); other families: from the part table
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

// Parts of other families (protocol/stm32 rows): their sectors, write alignment and erase
// command. Pose number kPoseCount + index.
inline constexpr Pose kFamilyPoses[] = {
    {0x421, 512, false},  // 8: STM32F446 512 KiB, 16/64/128 KiB sectors, 4-byte writes
    {0x450, 2048, true},  // 9: STM32H743 2 MiB, two banks of 128 KiB sectors, 32-byte writes
    {0x460, 128, false},  // 10: STM32G071 128 KiB, 2 KiB pages, 8-byte writes
    {0x415, 1024, true},  // 11: STM32L476 1 MiB, two banks of 2 KiB pages, 8-byte writes
    {0x410, 128, false},  // 12: STM32F103 medium density, 1 KiB pages, Erase (0x43) only
    {0x482, 2048, true},  // 13: STM32U575 2 MiB, two banks of 8 KiB pages, 16-byte writes
    {0x414, 512, false},  // 14: STM32F103 high density, 2 KiB pages, 64 KiB SRAM, Erase (0x43)
};
inline constexpr unsigned kFamilyPoseCount = sizeof(kFamilyPoses) / sizeof(kFamilyPoses[0]);

// Pose number n (the stand-in ROM's configuration word): F7 poses first, then the others.
[[nodiscard]] constexpr const Pose* pose_number(unsigned n) {
    if (n < kPoseCount) {
        return &kPoses[n];
    }
    return n - kPoseCount < kFamilyPoseCount ? &kFamilyPoses[n - kPoseCount] : nullptr;
}

// A part of another family, from its row in the part table.
constexpr bool apply_family_pose(const Pose& pose, Config& config, FlashConfig& flash) {
    const stm32::PartInfo* part = stm32::find_part(pose.pid);
    if (part == nullptr) {
        return false;
    }
    const auto mode = pose.dual_bank ? stm32::BankMode::Dual : stm32::BankMode::Single;
    const stm32::FlashLayout layout = stm32::decode_layout(*part, pose.flash_kib, mode);
    if (!layout.valid() || layout.dual_bank != pose.dual_bank) {
        return false;
    }
    config.pid = pose.pid;
    config.flash_kib = pose.flash_kib;
    config.flash_size_address = part->flash_size_address;
    config.legacy_erase = part->erase == stm32::EraseCommand::Erase;
    flash.sectors = layout.sectors;
    flash.write_align = layout.write_align;
    return true;
}

// Writes what `pose` decides into the engine and flash configurations (the flash base,
// which the emulated board decides, and everything else stay). False, and nothing changed, when the
// pose is no part the table or F7 code knows.
constexpr bool apply_pose(const Pose& pose, Config& config, FlashConfig& flash) {
    if (line_for_pid(pose.pid) == nullptr) {
        return apply_family_pose(pose, config, flash);
    }
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
    config.legacy_erase = false;  // every F7 ROM has Extended Erase (AN2606, protocol V3.1)
    flash.sectors = layout.sectors;
    flash.write_align = layout.write_align;
    return true;
}

}  // namespace sysboot::an3155
