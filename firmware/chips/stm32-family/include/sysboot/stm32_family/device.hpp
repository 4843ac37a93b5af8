#pragma once
// A minimal chip layer for any STM32 family of the part table (protocol/stm32), fixed at build
// time (sysboot_stm32_family_chip() in chip.cmake): enough for the reset path,
// sysboot_request_on_reset() and sysboot_handle_request_early() (docs/handoff.md), and nothing
// else. Its Device carries the ROM, its RAM and the SRAM of the row whose DEV_ID the part
// reports, and the reset-flag hooks; the clock and peripheral hooks are absent, so the direct
// path would leave the clock tree and the ROM's peripherals as the application set them: use
// it with prefer_reset_path, where the ROM starts from a reset (docs/families.md "Reset path
// per family").
#include <cstdint>

#include "sysboot/sysboot.hpp"

namespace sysboot::stm32_family {

// DBGMCU_IDCODE (DBG_IDCODE on M0/M0+ parts): DEV_ID in [11:0], at the family's address from
// the table (the "IDCODE" source of each families/<family>.hpp).
inline constexpr std::uint32_t kIdcodeDevIdMask = 0xFFFu;

// DEV_ID read from the family's IDCODE register (one 32-bit read).
std::uint16_t read_dev_id();

// The Device of a DEV_ID this build serves, or nullptr: a row of another family, a row the
// build did not select, or a row the reset path cannot serve (a value of it unsourced).
const Device* device_for(std::uint16_t dev_id);

// The Device of the part we run on, or nullptr with why = unknown_device: never a guess.
// Uses no .data/.bss (the table is const), so it may run first in Reset_Handler.
const Device* detect(Status& why);

}  // namespace sysboot::stm32_family
