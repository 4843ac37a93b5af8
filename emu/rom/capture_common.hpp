#pragma once
// Register reads every core class shares (NVIC, SysTick, ICSR, SHCSR, CCR): the SCS layout
// of these is the same on Armv6-M (DDI0419 §B3), Armv7-M (DDI0403E §B3) and Armv8-M
// (DDI0553 §B3, Secure view).
#include <cstdint>

#include "capture.hpp"
#include "sysboot/cm7/mpu.hpp"
#include "sysboot/cm7/nvic.hpp"
#include "sysboot/cm7/scb.hpp"
#include "sysboot/cm7/systick.hpp"
#include "sysboot/mmio.hpp"

namespace rom {

inline std::uint32_t read(std::uint32_t addr) {
    return sysboot::mmio::reg32(addr);
}

// NVIC words 0..words-1 (at most 8 are kept), SysTick, ICSR, SHCSR, CCR, MPU_CTRL.
inline void capture_common(SystemCapture& sys, std::uint32_t words) {
    using namespace sysboot::cm7;
    sys.nvic_words = words;
    for (std::uint32_t i = 0; i < words && i < 8; ++i) {
        sys.iser[i] = read(nvic::word(nvic::ISER0, i));
        sys.ispr[i] = read(nvic::word(nvic::ISPR0, i));
        sys.iabr[i] = words > 0 ? read(nvic::word(nvic::IABR0, i)) : 0;
    }
    sys.systick_csr = read(systick::CSR);
    sys.icsr = read(scb::ICSR);
    sys.shcsr = read(scb::SHCSR);
    sys.ccr = read(scb::CCR);
    sys.mpu_ctrl = read(mpu::CTRL);
}

// Every interrupt priority byte of `words` NVIC words, ORed.
inline std::uint32_t nvic_priorities(std::uint32_t words) {
    using namespace sysboot::cm7;
    std::uint32_t prio = 0;
    for (std::uint32_t i = 0; i < words * 8; ++i) {
        prio |= read(nvic::word(nvic::IPR0, i));
    }
    return prio;
}

}  // namespace rom
