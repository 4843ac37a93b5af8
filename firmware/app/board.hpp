#pragma once
// What the example application needs from a board. Each board implements this once
// (firmware/boards/<board>/board.cpp); the application is the same everywhere.
#include <cstddef>
#include <cstdint>

#include "sysboot/sysboot.hpp"

namespace board {

const char* name();
void init();  // clocks, caches, MPU and console as a typical application would set them
void console_put(std::uint8_t byte);
int console_get();  // -1 when nothing is waiting; never blocks
// Wait (bounded) until the last byte has left the wire: before a reset or a hand-off.
void console_flush();
// The Device for this board: detected from the chip, or nullptr with the reason.
const sysboot::Device* device(sysboot::Status& why);
// Chip facts for `info` (flash KiB, ROM bootloader version byte); 0 when unknown.
std::uint32_t flash_kib();
std::uint32_t rom_version();
[[noreturn]] void reset();
// Ends an emulated run with a status (semihosting on QEMU); on silicon: reset.
[[noreturn]] void exit(int code);

}  // namespace board
