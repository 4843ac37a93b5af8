#pragma once
// sysboot-board --usb (board.cpp): the ROM's DFU device on the board's USB cable, listed for
// libusb programs through the umockdev rig (tests/dfu/rig usb_relay.hpp).
#include <memory>
#include <string>
#include <vector>

#include "qemu_runner.hpp"

namespace sysboot::emu {

struct UsbMode {
    bool enter = false;                // enter the ROM first (sysboot enter on the console)
    std::vector<std::string> command;  // run this with the device's environment, then stop
    int minutes = 60;
};

class BoardUsbSession {
  public:
    // Starts watching the cable; prints the environment a libusb program needs.
    BoardUsbSession(Qemu& q, const UsbMode& mode);
    ~BoardUsbSession();
    // --enter, then the command if there is one: its exit status, or -1 when the board
    // should keep running until Ctrl-C.
    int run();

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace sysboot::emu
