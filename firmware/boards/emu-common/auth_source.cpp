// Authorized-entry sources of the emulated boards. They have neither an RNG nor a unique
// ID register, so they use sysboot's fallback nonce (a counter in no-init RAM hashed with
// the UID; guarantees in firmware/sysboot/include/sysboot/auth.h) and a fixed stand-in UID in
// the STM32 96-bit layout (RM0410 "Unique device ID register (96 bits)"): X/Y wafer
// coordinates, wafer number, lot number.
#include "app/auth_board.hpp"

namespace {

constexpr std::uint8_t kStandInUid[12] = {0x51, 0x45, 0x4D, 0x55, 0x00, 0x01,
                                          0x41, 0x4E, 0x35, 0x30, 0x30, 0x01};

sysboot_counter_nonce_t g_nonce = {nullptr, kStandInUid, sizeof kStandInUid, nullptr, 0, nullptr};

}  // namespace

namespace board {

AuthSource auth_source() {
    g_nonce.counter = sysboot_noinit_nonce_counter();
    g_nonce.persist = sysboot_noinit_persist;
    return {kStandInUid, sizeof kStandInUid, sysboot_counter_nonce, &g_nonce};
}

}  // namespace board
