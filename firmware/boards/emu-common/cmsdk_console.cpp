// The console on the CMSDK UART0 of the MPS2 boards (cmsdk_uart.hpp; the base comes from
// the board's rig.hpp).
#include "console.hpp"
#include "rig.hpp"
#include "sysboot/mmio.hpp"

namespace rig::console {
namespace {
using sysboot::mmio::reg32;
constexpr std::uint32_t kTxSpin = 100000;
}  // namespace

void init() {
    reg32(uart0::BAUDDIV) = 16;  // DDI0479: minimum divider; QEMU ignores the rate
    reg32(uart0::CTRL) = uart0::CTRL_TXEN | uart0::CTRL_RXEN;
    // Reading DATA (empty: harmless) makes QEMU's model ask its chardev for input again; its
    // first poll happened while RX was still disabled, and without this read the first byte
    // the host sends waits for QEMU's next periodic re-poll, about one second later.
    const std::uint32_t discard = reg32(uart0::DATA);
    (void)discard;
}

void put(std::uint8_t byte) {
    for (std::uint32_t i = 0; i < kTxSpin; ++i) {
        if ((reg32(uart0::STATE) & uart0::STATE_TXFULL) == 0) {
            reg32(uart0::DATA) = byte;
            return;
        }
    }
}

int get() {
    if ((reg32(uart0::STATE) & uart0::STATE_RXFULL) == 0) {
        return -1;
    }
    return static_cast<int>(reg32(uart0::DATA) & 0xFFu);
}

}  // namespace rig::console
