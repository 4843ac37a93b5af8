// qemu-an500 board: the emulated Cortex-M7 (QEMU mps2-an500) as a sysboot Device.
#include "app/board.hpp"

#include "mps2.hpp"
#include "semihosting.hpp"
#include "sysboot/cm7/core.hpp"
#include "sysboot/cm7/reset.hpp"
#include "sysboot/mmio.hpp"
#include "uart.hpp"

namespace {

volatile std::uint32_t& reset_cause() {
    return sysboot::mmio::reg32(mps2::kResetCause);
}
std::uint32_t read_reset_flags() {
    return reset_cause();
}
void clear_reset_flags() {
    reset_cause() = 0;
}

// No clock tree or peripheral resets to model on AN500; the stand-in ROM does not check
// them (the STM32F7 model does). RDP and IWDG do not exist here.
constexpr sysboot::Device kDevice = {
    "qemu-an500 (stand-in ROM)",
    0,
    {mps2::kStandInRomBase, mps2::kStandInRomSize},
    {mps2::kRamBase, mps2::kRomRamSize},
    {mps2::kRamBase, mps2::kRamSize},
    8,
    SYSBOOT_IF_EMULATED_UART,
    {nullptr, nullptr, nullptr, nullptr, read_reset_flags, clear_reset_flags, nullptr, nullptr},
};

}  // namespace

extern "C" void board_early() {
    sysboot::handle_request_early(kDevice);
}

extern "C" [[noreturn]] void board_fault(std::uint32_t exception) {
    // A fault must end the emulated run with a recognisable status, never hang it.
    mps2::semihosting_exit(0xF0u | (exception & 0xFu));
}

namespace board {

const char* name() {
    return "qemu-an500";
}
void init() {
    mps2::console::init();
}
void console_put(std::uint8_t byte) {
    mps2::console::put(byte);
}
int console_get() {
    return mps2::console::get();
}
void console_flush() {}  // QEMU's CMSDK UART sends each byte at once
const sysboot::Device* device(sysboot::Status& why) {
    why = sysboot::Status::ok;
    return &kDevice;
}
std::uint32_t flash_kib() {
    return mps2::kFlashSize / 1024;
}
std::uint32_t rom_version() {
    return sysboot::mmio::read8(mps2::kStandInRomBase + mps2::kStandInRomSize - 1);
}

[[noreturn]] void reset() {
    sysboot::cm7::Core core;
    sysboot::cm7::system_reset(core);
    mps2::semihosting_exit(0xEE);  // no reset came: end the run with a status the tests see
}
[[noreturn]] void exit(int code) {
    mps2::semihosting_exit(static_cast<std::uint32_t>(code));
}

}  // namespace board
