#include <fmt/format.h>

#include "transport/transport.hpp"

namespace sysboot::host {

Result<size_t> TapTransport::read(std::span<uint8_t> out, Millis timeout) {
    auto r = inner_.read(out, timeout);
    if (r && *r > 0) {
        stats_.rx += *r;
        log("<", out.first(*r));
    }
    return r;
}

Status TapTransport::write(std::span<const uint8_t> data) {
    log(">", data);
    auto s = inner_.write(data);
    if (s) {
        stats_.tx += data.size();
    }
    return s;
}

void TapTransport::discard_input() {
    inner_.discard_input();
}

Status TapTransport::set_parity(Parity parity) {
    if (logger_) {
        logger_(parity == Parity::Even ? "-- parity even (8E1)" : "-- parity none (8N1)");
    }
    return inner_.set_parity(parity);
}

Status TapTransport::set_baudrate(unsigned baud) {
    if (logger_) {
        logger_(fmt::format("-- {} baud", baud));
    }
    return inner_.set_baudrate(baud);
}

void TapTransport::log(const char* dir, std::span<const uint8_t> bytes) {
    if (!logger_ || bytes.empty()) {
        return;
    }
    constexpr std::size_t kPerLine = 32;
    for (std::size_t i = 0; i < bytes.size(); i += kPerLine) {
        std::string line = dir;
        for (std::size_t j = i; j < bytes.size() && j < i + kPerLine; ++j) {
            line += fmt::format(" {:02X}", bytes[j]);
        }
        logger_(line);
    }
}

Result<std::unique_ptr<Transport>> open_transport(const std::string& spec,
                                                  const SerialSettings& settings, Clock&) {
    if (spec.empty()) {
        return make_error(Phase::Usage, Cause::Invalid,
                          "no --port given (a serial device, tcp:HOST:PORT or unix:PATH)");
    }
    if (spec.rfind("tcp:", 0) == 0) {
        const std::string rest = spec.substr(4);
        const auto colon = rest.rfind(':');
        if (colon == std::string::npos || colon == 0 || colon + 1 == rest.size()) {
            return make_error(Phase::Usage, Cause::Invalid,
                              fmt::format("--port {}: expected tcp:HOST:PORT", spec));
        }
        std::string host = rest.substr(0, colon);
        if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
            host = host.substr(1, host.size() - 2);  // [::1]
        }
        return open_tcp(host, rest.substr(colon + 1));
    }
    if (spec.rfind("unix:", 0) == 0) {
        return open_unix(spec.substr(5));
    }
    if (spec.rfind("serial:", 0) == 0) {
        return open_serial(spec.substr(7), settings);
    }
    return open_serial(spec, settings);
}

}  // namespace sysboot::host
