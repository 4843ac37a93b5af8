#pragma once
// Memory Protection Unit. Source: Arm DDI0403E §B3.5.
#include <cstdint>

namespace sysboot::cm7::mpu {

inline constexpr std::uint32_t TYPE = 0xE000ED90;  // §B3.5 MPU_TYPE, DREGION = [15:8]
inline constexpr std::uint32_t CTRL = 0xE000ED94;  // §B3.5 MPU_CTRL
inline constexpr std::uint32_t RNR = 0xE000ED98;   // §B3.5 region number
inline constexpr std::uint32_t RBAR = 0xE000ED9C;  // §B3.5 region base address
inline constexpr std::uint32_t RASR = 0xE000EDA0;  // §B3.5 region attribute and size
inline constexpr std::uint32_t CTRL_ENABLE = 1u << 0;
inline constexpr std::uint32_t CTRL_HFNMIENA = 1u << 1;
inline constexpr std::uint32_t CTRL_PRIVDEFENA = 1u << 2;
inline constexpr std::uint32_t RASR_ENABLE = 1u << 0;

}  // namespace sysboot::cm7::mpu
