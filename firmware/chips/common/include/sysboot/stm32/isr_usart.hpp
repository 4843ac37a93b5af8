#pragma once
// The example console's polled I/O on the USART generation with ISR/ICR/RDR/TDR, which
// STM32F7, H7, G0, G4 and L4 share: ISR at 0x1C, ICR 0x20, RDR 0x24, TDR 0x28; ISR bits ORE 3,
// RXNE (RXFNE with the FIFO) 5, TC 6, TXE (TXFNF) 7; ICR.ORECF 3 (RM0410 §34.8, RM0433,
// RM0444, RM0440 and RM0351 "USART registers"). The F4's USART (SR/DR) is another layout.
#include <cstdint>

#include "sysboot/mmio.hpp"

namespace sysboot::stm32::isr_usart {

inline constexpr std::uint32_t ISR = 0x1C, ICR = 0x20, RDR = 0x24, TDR = 0x28;
inline constexpr std::uint32_t ISR_ORE = 1u << 3, ISR_RXNE = 1u << 5, ISR_TC = 1u << 6,
                               ISR_TXE = 1u << 7, ICR_ORECF = 1u << 3;

inline bool tx_ready(std::uint32_t base) {
    return (mmio::read32(base + ISR) & ISR_TXE) != 0;
}

inline void write(std::uint32_t base, std::uint8_t byte) {
    mmio::write32(base + TDR, byte);
}

inline bool tx_done(std::uint32_t base) {
    return (mmio::read32(base + ISR) & ISR_TC) != 0;
}

// The received byte, or -1. An overrun (ORE) stops reception until ORECF is written.
inline int read(std::uint32_t base) {
    const std::uint32_t isr = mmio::read32(base + ISR);
    if ((isr & ISR_ORE) != 0) {
        mmio::write32(base + ICR, ICR_ORECF);
    }
    if ((isr & ISR_RXNE) == 0) {
        return -1;
    }
    return static_cast<int>(mmio::read32(base + RDR) & 0xFFu);
}

}  // namespace sysboot::stm32::isr_usart
