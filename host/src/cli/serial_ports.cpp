#include "cli/serial_ports.hpp"

#include <fmt/format.h>
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

Result<SerialPortInfo> only_serial_port(const std::vector<SerialPortInfo>& ports,
                                        const std::string& role) {
    if (ports.size() == 1) {
        return ports.front();
    }
    std::string names;
    for (const auto& p : ports) {
        names += fmt::format("{}{}{}", names.empty() ? "" : ", ", p.name,
                             p.description.empty() ? "" : " (" + p.description + ")");
    }
    return make_error(Phase::Usage, Cause::Invalid,
                      fmt::format("--enter without --port: {} serial ports found{}{}, so sysboot "
                                  "cannot tell which is {}; give it with --port (`sysboot list` "
                                  "shows the ports)",
                                  ports.size(), names.empty() ? "" : ": ", names, role));
}

}  // namespace sysboot::host
