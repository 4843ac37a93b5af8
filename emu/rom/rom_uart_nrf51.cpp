// The stand-in ROM's UART on the micro:bit rig: the nRF51 UART (nRF51 RM v3.0 §29; its
// interrupt is a level from EVENTS_RXDRDY while INTEN.RXDRDY is set).
#include "rig.hpp"
#include "rom_uart.hpp"
#include "sysboot/cm7/nvic.hpp"
#include "sysboot/mmio.hpp"

namespace rom::uart {
namespace {
using sysboot::mmio::reg32;
namespace u = rig::nrf51_uart;
constexpr std::uint32_t kIrqBit = 1u << rig::kConsoleRxIrq;
}  // namespace

void init() {
    reg32(u::ENABLE) = u::ENABLE_ON;
    reg32(u::STARTTX) = 1;
    reg32(u::STARTRX) = 1;
}

void enable_rx_irq() {
    // A byte already waiting keeps EVENTS_RXDRDY set, so the line rises as soon as the
    // interrupt is enabled: nothing to pend by hand.
    reg32(u::INTENSET) = u::INT_RXDRDY;
    reg32(sysboot::cm7::nvic::ISER0) = kIrqBit;
}

void on_rx_irq(void (*byte)(std::uint8_t)) {
    while (reg32(u::RXDRDY) != 0) {
        reg32(u::RXDRDY) = 0;  // before RXD: a read with more waiting raises it again
        byte(static_cast<std::uint8_t>(reg32(u::RXD) & 0xFFu));
    }
}

void shutdown() {
    reg32(u::INTENCLR) = 0xFFFFFFFFu;
    reg32(sysboot::cm7::nvic::ICER0) = kIrqBit;
    reg32(sysboot::cm7::nvic::ICPR0) = kIrqBit;
    reg32(u::STOPRX) = 1;
    reg32(u::STOPTX) = 1;
    reg32(u::ENABLE) = 0;
}

}  // namespace rom::uart
