// An emulated board (QEMU mps2-an385/-an386/-an500/-an505, microbit) as a sysboot Device:
// one implementation of app/board.hpp over the board's rig.hpp (its memory map and console),
// so every core class runs the same board code (docs/emulated-board.md).
#include "app/board.hpp"

#include "console.hpp"
#include "rig.hpp"
#include "semihosting.hpp"
#include "sysboot/cm7/core.hpp"
#include "sysboot/cm7/reset.hpp"
#include "sysboot/mmio.hpp"

namespace {

volatile std::uint32_t& reset_cause() {
    return sysboot::mmio::reg32(rig::kResetCause);
}
std::uint32_t read_reset_flags() {
    return reset_cause();
}
void clear_reset_flags() {
    reset_cause() = 0;
}

// No clock tree or peripheral resets to model on the emulated boards; the stand-in ROM does
// not check them (the STM32F7 model does). RDP and IWDG do not exist here.
constexpr sysboot::Device kDevice = {
    rig::kDeviceName,
    0,
    {rig::kStandInRomBase, rig::kStandInRomSize},
    {rig::kRamBase, rig::kRomRamSize},
    {rig::kRamBase, rig::kRamSize},
    8,
    SYSBOOT_IF_EMULATED_UART,
    {nullptr, nullptr, nullptr, nullptr, read_reset_flags, clear_reset_flags, nullptr,
     rig::kMapSystemMemory},
};

}  // namespace

extern "C" void board_early() {
    sysboot::handle_request_early(kDevice);
}

extern "C" [[noreturn]] void board_fault(std::uint32_t exception) {
    // A fault must end the emulated run with a recognisable status, never hang it.
    rig::semihosting_exit(0xF0u | (exception & 0xFu));
}

namespace board {

const char* name() {
    return rig::kBoardName;
}
void init() {
    rig::init_rig();
    rig::console::init();
}
void console_put(std::uint8_t byte) {
    rig::console::put(byte);
}
int console_get() {
    return rig::console::get();
}
void console_flush() {}  // QEMU's CMSDK UART sends each byte at once
const sysboot::Device* device(sysboot::Status& why) {
    why = sysboot::Status::ok;
    return &kDevice;
}
std::uint32_t flash_kib() {
    return rig::kFlashSize / 1024;
}
std::uint32_t rom_version() {
    return sysboot::mmio::read8(rig::kStandInRomBase + rig::kStandInRomSize - 1);
}

[[noreturn]] void reset() {
    sysboot::cm7::Core core;
    sysboot::cm7::system_reset(core);
    rig::semihosting_exit(0xEE);  // no reset came: end the run with a status the tests see
}
[[noreturn]] void exit(int code) {
    rig::semihosting_exit(static_cast<std::uint32_t>(code));
}

}  // namespace board
