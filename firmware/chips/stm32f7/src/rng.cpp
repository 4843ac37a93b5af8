// STM32F7 RNG as a nonce source (sysboot/stm32f7/rng.hpp). Every wait is bounded.
#include "sysboot/stm32f7/rng.hpp"

namespace {

using namespace sysboot::stm32f7::rng;

volatile std::uint32_t& reg(std::uint32_t addr) {
    return *reinterpret_cast<volatile std::uint32_t*>(addr);
}

// The next word, or false on an error flag or when none comes in time.
bool next_word(std::uint32_t& word) {
    for (std::uint32_t i = 0; i < kWaitIterations; ++i) {
        const std::uint32_t sr = reg(SR);
        if ((sr & (SR_CECS | SR_SECS)) != 0) {
            return false;  // clock too slow or seed error: the output cannot be trusted
        }
        if ((sr & SR_DRDY) != 0) {
            word = reg(DR);
            return true;
        }
    }
    return false;
}

bool fill(std::uint8_t* out, std::size_t size) {
    std::uint32_t previous = 0;
    if (!next_word(previous)) {  // first word: only kept to compare with the next one
        return false;
    }
    for (std::size_t at = 0; at < size; at += 4) {
        std::uint32_t word = 0;
        if (!next_word(word) || word == previous) {
            return false;
        }
        previous = word;
        for (std::size_t b = 0; b < 4 && at + b < size; ++b) {
            out[at + b] = static_cast<std::uint8_t>(word >> (8 * b));
        }
    }
    return true;
}

}  // namespace

extern "C" bool sysboot_stm32f7_rng_nonce(uint8_t* out, size_t size, void* ctx) {
    (void)ctx;
    if (out == nullptr) {
        return false;
    }
    reg(RCC_AHB2ENR) = reg(RCC_AHB2ENR) | RCC_AHB2ENR_RNGEN;
    const std::uint32_t enabled = reg(RCC_AHB2ENR);  // read back: clock on before RNG use
    (void)enabled;
    reg(CR) = CR_RNGEN;
    const bool ok = fill(out, size);
    reg(CR) = 0;
    if (!ok) {
        for (std::size_t i = 0; i < size; ++i) {
            out[i] = 0;
        }
    }
    return ok;
}
