// The serial ports libserialport enumerates: `sysboot list` prints them, and `--usb --enter`
// uses the only one as the application's console when --port is not given.
#pragma once

#include <string>
#include <vector>

namespace sysboot::host {

struct SerialPortInfo {
    std::string name;
    std::string description;
};

[[nodiscard]] std::vector<SerialPortInfo> serial_ports();

}  // namespace sysboot::host
