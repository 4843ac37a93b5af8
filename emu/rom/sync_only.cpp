// Minimal protocol: answers the AN3155 sync byte 0x7F with ACK 0x79 (AN3155 §2, "USART
// bootloader code sequence"). Replaced by the full AN3155 target when it is linked in.
#include "rom_protocol.hpp"

namespace rom {
namespace {
PutByte g_put = nullptr;
}

void protocol_init(PutByte put) {
    g_put = put;
}

void protocol_byte(std::uint8_t b) {
    if (b == 0x7F && g_put != nullptr) {
        g_put(0x79);
    }
}

bool protocol_take_go(std::uint32_t&) {
    return false;
}

[[noreturn]] void protocol_go(std::uint32_t) {
    for (;;) {
    }
}

}  // namespace rom
