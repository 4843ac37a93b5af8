// The serial ports libserialport enumerates: `sysboot list` prints them, and `--enter`
// without --port uses the only one as the application's console (and, without --usb, as the
// ROM's port: the usual single-cable setup).
#pragma once

#include <string>
#include <vector>

#include "core/error.hpp"

namespace sysboot::host {

struct SerialPortInfo {
    std::string name;
    std::string description;
};

[[nodiscard]] std::vector<SerialPortInfo> serial_ports();

// The one port of `ports`, or a usage error that lists them all and asks for --port
// (`role`: what the port would be used for, e.g. "the application's console").
[[nodiscard]] Result<SerialPortInfo> only_serial_port(const std::vector<SerialPortInfo>& ports,
                                                      const std::string& role);

}  // namespace sysboot::host
