// Options every command shares, typed. They are parsed and validated once (parse.hpp
// validators); a command never re-parses text.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "transport/transport.hpp"

namespace sysboot::host {

struct EnterOptions {
    std::string command = "bootloader\r\n";  // after unescape()
    std::string command_text = "bootloader\\r\\n";
    Millis delay{200};
    std::string port;        // the application's console when it is not the ROM's port
    unsigned baud = 115200;  // every example console runs at 115200 (docs/boards.md)
    Parity parity = Parity::None;
    std::string key_file;  // --key: answer the application's challenge (docs/security.md)
};

struct GlobalOptions {
    std::string port;
    // 57600: stm32flash's default, and margin for the ROM's auto-baud detection (AN2606
    // "USART connection timing") on adapters whose clock is off; the F7 ROM detects up to
    // 115200, which halves the update time (host/README.md).
    unsigned baud = 57600;
    Millis timeout{500};
    Millis write_timeout{1000};
    Millis erase_timeout{5000};
    Millis mass_erase_timeout{35000};
    int sync_attempts = 5;
    int retries = 3;
    bool json = false;
    bool quiet = false;
    bool verbose = false;
    std::optional<uint32_t> flash_base;
    std::optional<uint32_t> flash_size;
    std::optional<uint16_t> pid;
    EnterOptions enter;
    // --usb [SPEC]: talk DfuSe (AN3156) to the ROM's USB DFU device instead of AN3155 over
    // --port. "" = the one 0483:df11 attached; else a dfu::DeviceSpec (VVVV:PPPP, bus path,
    // serial number).
    std::optional<std::string> usb;
    // After the enter command (--enter with --usb): how long to wait for the DFU device.
    Millis usb_wait{10000};
};

void add_global_options(CLI::App& app, GlobalOptions& options);

// `--enter` of a command that can start by sending the enter command.
void add_enter_flag(CLI::App& sub, bool& enter);

}  // namespace sysboot::host
