// What `--usb` holds open for one command: the libusb session with the ROM's DFU device,
// the DfuSe client on its interface, the part its "Internal Flash" layout describes, and the
// ops Target over them.
#pragma once

#include <memory>

#include "dfu/dfu_part.hpp"
#include "dfu/dfuse_client.hpp"
#include "dfu/dfuse_target.hpp"
#include "dfu/program.hpp"
#include "dfu/usb_device.hpp"

namespace sysboot::host {

struct UsbLink {
    dfu::UsbSession session;
    dfu::Memory flash;
    std::unique_ptr<dfu::DfuPart> part;
    std::unique_ptr<dfu::DfuseClient> client;
    std::unique_ptr<dfu::DfuseTarget> target;
};

}  // namespace sysboot::host
