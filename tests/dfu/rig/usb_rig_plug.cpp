// Hot plug: the ROM's DFU device appears on the bus only after the application has jumped
// to the ROM (AN2606: the ROM enumerates after its start-up), so a client that sends the
// enter command must find a device that was not there when it started. The record is added
// to the running testbed; a client that enumerates in a new libusb context then sees it.
#include <stdexcept>
#include <thread>

#include "usb_rig.hpp"
#include "usb_rig_glib.hpp"

namespace sysboot::dfuse::rig {

void UsbRig::plug_in() {
    if (plugged_in_.exchange(true)) {
        return;
    }
    add_device(device_record());
    if (!options_.second_serial.empty()) {
        DeviceRecord twin = device_record();
        twin.serial = options_.second_serial;
        add_device(twin, 2);
    }
}

void UsbRig::schedule_plug_in() {
    if (options_.plug_in_after.count() < 0) {
        return;
    }
    plug_thread_ = std::thread([this] {
        const auto until = std::chrono::steady_clock::now() + options_.plug_in_after;
        while (!closing_ && std::chrono::steady_clock::now() < until) {
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        if (!closing_) {
            plug_in();
        }
    });
}

}  // namespace sysboot::dfuse::rig
