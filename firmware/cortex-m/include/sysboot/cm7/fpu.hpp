#pragma once
// Floating-point extension context control. Source: Arm DDI0403E §B3.2 and
// §B1.5 (lazy context preservation).
#include <cstdint>

namespace sysboot::cm7::fpu {

// FPCCR, §B3.2: LSPACT=1 means a lazy FP frame was reserved on a stack and the FP
// registers still have to be written there at FPCAR. ASPEN/LSPEN enable automatic and
// lazy preservation (reset value: both set).
inline constexpr std::uint32_t FPCCR = 0xE000EF34;
inline constexpr std::uint32_t FPCAR = 0xE000EF38;  // §B3.2
inline constexpr std::uint32_t FPCCR_LSPACT = 1u << 0;
inline constexpr std::uint32_t FPCCR_LSPEN = 1u << 30;
inline constexpr std::uint32_t FPCCR_ASPEN = 1u << 31;

}  // namespace sysboot::cm7::fpu
