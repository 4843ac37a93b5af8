#pragma once
// What the authenticated console needs from a board (firmware/app/auth_gate.cpp): the chip's
// unique ID and where fresh challenges come from. Each board implements it once
// (firmware/boards/qemu-an500/auth_source.cpp; firmware/chips/stm32f7/src/auth_kit.cpp).
#include <cstddef>
#include <cstdint>

#include "sysboot/auth.h"

namespace board {

struct AuthSource {
    const std::uint8_t* uid;
    std::size_t uid_size;
    sysboot_nonce_fn nonce;
    void* nonce_ctx;
};

AuthSource auth_source();

}  // namespace board
