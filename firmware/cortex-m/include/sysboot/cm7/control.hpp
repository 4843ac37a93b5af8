#pragma once
// The CONTROL special register (DDI0403E §B1.4.4), read and written with MRS/MSR only.
#include <cstdint>

namespace sysboot::cm7::control {

// Thread mode is unprivileged (Handler mode is always privileged).
inline constexpr std::uint32_t nPRIV = 1u << 0;
// Thread mode uses the process stack (PSP); Handler mode always uses MSP.
inline constexpr std::uint32_t SPSEL = 1u << 1;
// A floating-point context is active: the next exception stacks FP state (§B1.5.7).
inline constexpr std::uint32_t FPCA = 1u << 2;

}  // namespace sysboot::cm7::control
