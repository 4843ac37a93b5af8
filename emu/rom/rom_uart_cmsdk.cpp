// The stand-in ROM's UART on the MPS2 rigs: CMSDK APB UART0 (DDI0479 §4.3; base and IRQ
// from the board's rig.hpp).
#include "rig.hpp"
#include "rom_uart.hpp"
#include "sysboot/cm7/nvic.hpp"
#include "sysboot/mmio.hpp"

namespace rom::uart {
namespace {
using sysboot::mmio::reg32;
using U = rig::uart0;
static_assert(U::kRxIrq == rig::kConsoleRxIrq);
constexpr std::uint32_t kIrqBit = 1u << (U::kRxIrq % 32);
constexpr std::uint32_t word(std::uint32_t base) {
    return sysboot::cm7::nvic::word(base, U::kRxIrq / 32);
}
}  // namespace

void init() {
    reg32(U::BAUDDIV) = 16;
    reg32(U::CTRL) = U::CTRL_TXEN | U::CTRL_RXEN;
}

void enable_rx_irq() {
    // RX interrupt on (DDI0479 §4.3 CTRL.RXINTEN) and its NVIC line.
    reg32(U::CTRL) = U::CTRL_TXEN | U::CTRL_RXEN | U::CTRL_RXINTEN;
    reg32(word(sysboot::cm7::nvic::ISER0)) = kIrqBit;
    // A byte that arrived before RXINTEN raises no interrupt on the CMSDK UART (QEMU sets
    // INTSTATUS.RX only on reception with RXINTEN set) and blocks further reception: pend
    // the line so the handler drains it. Still served from the interrupt, so still F1-proof.
    if ((reg32(U::STATE) & U::STATE_RXFULL) != 0) {
        reg32(word(sysboot::cm7::nvic::ISPR0)) = kIrqBit;
    } else {
        // Empty: a read of DATA makes QEMU's model ask its chardev for input again (after a
        // reset RX was disabled when it last asked; otherwise the first byte waits ~1 s).
        const std::uint32_t discard = reg32(U::DATA);
        (void)discard;
    }
}

void on_rx_irq(void (*byte)(std::uint8_t)) {
    // Clear the RX interrupt before draining DATA (the other order can lose the interrupt
    // for a byte that arrives in between: docs/emulated-board.md).
    reg32(U::INTSTATUS) = U::INT_RX;
    while ((reg32(U::STATE) & U::STATE_RXFULL) != 0) {
        byte(static_cast<std::uint8_t>(reg32(U::DATA) & 0xFFu));
    }
}

void shutdown() {
    reg32(word(sysboot::cm7::nvic::ICER0)) = kIrqBit;
    reg32(word(sysboot::cm7::nvic::ICPR0)) = kIrqBit;
    reg32(U::CTRL) = 0;
}

}  // namespace rom::uart
