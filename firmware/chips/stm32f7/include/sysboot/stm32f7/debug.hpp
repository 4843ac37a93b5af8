#pragma once
// Identification and watchdog registers. Sources: RM0410 §40.6.1 "MCU device ID code"
// (DBGMCU_IDCODE; RM0385 §40.6.1, RM0431 §40.6.1), RM0410 §28.4 "IWDG registers", RM0410
// §45.2 / RM0431 §45.2 "Flash size" (device electronic signature).
#include <cstdint>

namespace sysboot::stm32f7::dbgmcu {
inline constexpr std::uint32_t IDCODE = 0xE0042000;
inline constexpr std::uint32_t IDCODE_DEV_ID_MASK = 0xFFFu;  // [11:0]; REV_ID in [31:16]
}  // namespace sysboot::stm32f7::dbgmcu

namespace sysboot::stm32f7::iwdg {
inline constexpr std::uint32_t BASE = 0x40003000;  // APB1
inline constexpr std::uint32_t KR = BASE + 0x00;   // write-only keys
inline constexpr std::uint32_t PR = BASE + 0x04;   // reset 0
inline constexpr std::uint32_t RLR = BASE + 0x08;  // reset 0xFFF
}  // namespace sysboot::stm32f7::iwdg
