// The console on the nRF51 UART of the micro:bit rig (nRF51 RM v3.0 §29: tasks start the
// transmitter and receiver, events report each byte; registers in the board's rig.hpp).
#include "console.hpp"
#include "rig.hpp"
#include "sysboot/mmio.hpp"

namespace rig::console {
namespace {
using sysboot::mmio::reg32;
namespace u = nrf51_uart;
constexpr std::uint32_t kTxSpin = 100000;
}  // namespace

void init() {
    reg32(u::ENABLE) = u::ENABLE_ON;
    reg32(u::STARTTX) = 1;
    reg32(u::STARTRX) = 1;
}

void put(std::uint8_t byte) {
    reg32(u::TXDRDY) = 0;
    reg32(u::TXD) = byte;
    for (std::uint32_t i = 0; i < kTxSpin && reg32(u::TXDRDY) == 0; ++i) {
    }
}

int get() {
    if (reg32(u::RXDRDY) == 0) {
        return -1;
    }
    // Clear the event before reading RXD: reading it with more bytes waiting raises the
    // event again, and that must not be lost.
    reg32(u::RXDRDY) = 0;
    return static_cast<int>(reg32(u::RXD) & 0xFFu);
}

}  // namespace rig::console
