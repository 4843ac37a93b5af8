#pragma once
// The stand-in ROM's bootloader protocols: AN3155 on the console UART (an3155_protocol.cpp)
// and, on a rig with a USB cable, the DFU device (usb_cable.cpp, dfu_device.cpp). Both are
// fed from RX interrupts and share the board's flash model; a jump they ask for runs in
// Thread mode.
#include <cstdint>

#include "sysboot/an3155/flash_model.hpp"

namespace rom {
using PutByte = void (*)(std::uint8_t);
void protocol_init(PutByte put);
void protocol_byte(std::uint8_t b);  // from the RX interrupt
// The F7 flash model over the board's PSRAM (the memory AN3155 and DFU both program).
sysboot::an3155::FlashModel& board_flash();
// How the board's flash is programmed and erased (flash_cells_<kind>.cpp); nullptr: plain
// stores.
sysboot::an3155::FlashCells* board_flash_cells();
// Flag bits of the configuration word QEMU may load (an3155_protocol.cpp), 0 without it.
std::uint32_t config_flags();
inline constexpr std::uint32_t kFlagDfuAtBoardAddress = 1u << 2;

// go.cpp: AN3155 Go and DFU Leave ask from their interrupt; Thread mode carries it out.
void request_go(std::uint32_t address);
bool protocol_take_go(std::uint32_t& address);
[[noreturn]] void protocol_go(std::uint32_t address);
}  // namespace rom
