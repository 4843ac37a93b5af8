#pragma once
// What an STM32 chip's board kit gives the shared example-app glue (src/board_app.cpp, which
// implements app/board.hpp once for every STM32 board): the chip's detection and facts, the
// board's hardware set-up, and a polled console. Each chip kit (firmware/chips/<chip>/src/
// board_kit.cpp) defines these for the one board the image is built for.
#include <cstdint>

#include "sysboot/sysboot.hpp"

namespace sysboot::stm32::port {

const char* board_name();
// The chip's Device for the part we run on (no .data/.bss: runs first in Reset_Handler).
const Device* detect(Status& why);
std::uint32_t flash_kib();    // 0 when unknown
std::uint32_t rom_version();  // bootloader ID byte, 0 when unknown
// Clocks, caches, MPU, SysTick and console as a typical application sets them.
void init_hardware();
// The console alone again (after a refused hand-off reset its USART or changed the clock).
void console_init();
unsigned console_irq();
bool console_tx_ready();  // the data register can take a byte
void console_write(std::uint8_t byte);
bool console_tx_done();  // the last byte has left the wire
int console_read();      // -1 when nothing is waiting; clears an overrun
// Iterations a bounded console wait polls.
inline constexpr std::uint32_t kTxSpin = 100'000;  // > 1 byte time at 115200 Bd and 216 MHz

}  // namespace sysboot::stm32::port
