// app/auth_board.hpp for STM32F7 boards: the chip's 96-bit unique ID and its RNG.
#include "app/auth_board.hpp"
#include "sysboot/stm32f7/rng.hpp"

namespace board {

AuthSource auth_source() {
    const auto* info = sysboot::stm32f7::chip_info_for(sysboot::stm32f7::read_dev_id());
    const sysboot::stm32f7::Line line = info != nullptr ? info->line : sysboot::stm32f7::Line::f76x;
    const auto* uid = reinterpret_cast<const std::uint8_t*>(
        static_cast<std::uintptr_t>(sysboot::stm32f7::rng::uid_address(line)));
    return {uid, sysboot::stm32f7::rng::kUidSize, sysboot_stm32f7_rng_nonce, nullptr};
}

}  // namespace board
