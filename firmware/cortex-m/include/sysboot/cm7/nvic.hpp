#pragma once
// Nested Vectored Interrupt Controller. Source: Arm DDI0403E §B3.4.
// Up to 16 words of 32 lines each; ICTR says how many exist (§B3.4).
#include <cstdint>

namespace sysboot::cm7::nvic {

inline constexpr std::uint32_t ISER0 = 0xE000E100;  // set-enable, §B3.4
inline constexpr std::uint32_t ICER0 = 0xE000E180;  // clear-enable, §B3.4
inline constexpr std::uint32_t ISPR0 = 0xE000E200;  // set-pending, §B3.4
inline constexpr std::uint32_t ICPR0 = 0xE000E280;  // clear-pending, §B3.4
inline constexpr std::uint32_t IABR0 = 0xE000E300;  // active bit (read-only), §B3.4
inline constexpr std::uint32_t IPR0 = 0xE000E400;   // priority bytes, §B3.4
inline constexpr unsigned kMaxWords = 16;           // 496 lines architectural maximum

constexpr std::uint32_t word(std::uint32_t base, unsigned n) {
    return base + 4u * n;
}

}  // namespace sysboot::cm7::nvic
