#include "cli/serial_ports.hpp"

#include <libserialport.h>

namespace sysboot::host {

std::vector<SerialPortInfo> serial_ports() {
    std::vector<SerialPortInfo> found;
    sp_port** ports = nullptr;
    if (sp_list_ports(&ports) != SP_OK) {
        return found;
    }
    for (int i = 0; ports[i] != nullptr; ++i) {
        const char* description = sp_get_port_description(ports[i]);
        found.push_back({sp_get_port_name(ports[i]), description ? description : ""});
    }
    sp_free_port_list(ports);
    return found;
}

}  // namespace sysboot::host
