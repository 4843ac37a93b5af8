#pragma once
// STM32F7 true random number generator and unique device ID, for authorized entry
// (sysboot/auth.h). Register layout: RM0385/RM0410/RM0431 "True random number generator
// (RNG)": CR at +0x00 (RNGEN bit 2, IE bit 3), SR at +0x04 (DRDY bit 0, CECS bit 1, SECS bit 2,
// CEIS bit 5, SEIS bit 6), DR at +0x08; base 0x50060800 on AHB2 (memory-map tables), clock
// enable RCC_AHB2ENR (+0x34) bit 6 RNGEN. The RNG runs from the 48 MHz domain (PLLQ): the
// application's clock setup must provide it, otherwise no data ever becomes ready and
// rng_nonce() fails (after a bounded wait) instead of returning anything.
// Unique ID: 96 bits at 0x1FF0F420 on F74x/F75x/F76x/F77x, 0x1FF07A10 on F72x/F73x
// ("Unique device ID register (96 bits)" in each RM).
#include <cstddef>
#include <cstdint>

#include "sysboot/stm32f7/device.hpp"

namespace sysboot::stm32f7::rng {

inline constexpr std::uint32_t BASE = 0x50060800;
inline constexpr std::uint32_t CR = BASE + 0x00;
inline constexpr std::uint32_t SR = BASE + 0x04;
inline constexpr std::uint32_t DR = BASE + 0x08;
inline constexpr std::uint32_t CR_RNGEN = 1u << 2;
inline constexpr std::uint32_t SR_DRDY = 1u << 0;
inline constexpr std::uint32_t SR_CECS = 1u << 1;
inline constexpr std::uint32_t SR_SECS = 1u << 2;
inline constexpr std::uint32_t RCC_AHB2ENR = 0x40023800 + 0x34;
inline constexpr std::uint32_t RCC_AHB2ENR_RNGEN = 1u << 6;
// Polls of SR per 32-bit word before giving up (a word takes 40 RNG clock periods).
inline constexpr std::uint32_t kWaitIterations = 100000;

inline constexpr std::uint32_t kUidF74xF76x = 0x1FF0F420;
inline constexpr std::uint32_t kUidF72x = 0x1FF07A10;
inline constexpr std::size_t kUidSize = 12;

constexpr std::uint32_t uid_address(Line line) {
    return line == Line::f72x ? kUidF72x : kUidF74xF76x;
}

}  // namespace sysboot::stm32f7::rng

extern "C" {
// A sysboot_nonce_fn (ctx unused): fills `out` from the RNG, false on a clock or seed error,
// on a timeout, or when the continuous test fails (two equal consecutive words, the check
// FIPS PUB 140-2 asks of such a generator). Switches the RNG off again.
bool sysboot_stm32f7_rng_nonce(uint8_t* out, size_t size, void* ctx);
}
