// The byte pipe under the AN3155 client. The client does not know which backend it talks to:
// a serial port (libserialport), a TCP or UNIX socket (the emulator), or the in-process fake.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>

#include "core/clock.hpp"
#include "core/error.hpp"

namespace sysboot::host {

enum class Parity { None, Even };

class Transport {
  public:
    virtual ~Transport() = default;

    // Wait at most `timeout` for input; return 1..out.size() bytes, or 0 on timeout.
    // A closed peer is an Error with Cause::Disconnected.
    [[nodiscard]] virtual Result<std::size_t> read(std::span<uint8_t> out, Millis timeout) = 0;
    // Write all bytes (blocking until handed to the OS / the fake).
    [[nodiscard]] virtual Status write(std::span<const uint8_t> data) = 0;
    // Drop everything received but not yet read.
    virtual void discard_input() = 0;
    // 8E1 for the ROM (AN3155 §2), usually 8N1 for an application console.
    [[nodiscard]] virtual Status set_parity(Parity parity) = 0;
    [[nodiscard]] virtual Status set_baudrate(unsigned baud) = 0;
    [[nodiscard]] virtual std::string name() const = 0;
};

// Bytes seen on the wire, counted by the CLI's wrapper transport.
struct WireStats {
    uint64_t tx = 0;
    uint64_t rx = 0;
};

// Passes everything through, counts bytes and optionally logs the wire ("--verbose").
class TapTransport final : public Transport {
  public:
    using Logger = std::function<void(const std::string& line)>;
    TapTransport(Transport& inner, Logger logger) : inner_(inner), logger_(std::move(logger)) {}

    Result<std::size_t> read(std::span<uint8_t> out, Millis timeout) override;
    Status write(std::span<const uint8_t> data) override;
    void discard_input() override;
    Status set_parity(Parity parity) override;
    Status set_baudrate(unsigned baud) override;
    std::string name() const override { return inner_.name(); }

    [[nodiscard]] const WireStats& stats() const { return stats_; }

  private:
    void log(const char* dir, std::span<const uint8_t> bytes);

    Transport& inner_;
    Logger logger_;
    WireStats stats_;
};

struct SerialSettings {
    unsigned baud = 57600;  // stm32flash's default
    Parity parity = Parity::Even;
};

// Opens "--port": "tcp:HOST:PORT", "unix:/path", or a serial device ("/dev/ttyUSB0",
// "serial:/dev/ttyUSB0").
[[nodiscard]] Result<std::unique_ptr<Transport>> open_transport(const std::string& spec,
                                                                const SerialSettings& settings,
                                                                Clock& clock);

[[nodiscard]] Result<std::unique_ptr<Transport>> open_serial(const std::string& device,
                                                             const SerialSettings& settings);
[[nodiscard]] Result<std::unique_ptr<Transport>> open_tcp(const std::string& host,
                                                          const std::string& port);
[[nodiscard]] Result<std::unique_ptr<Transport>> open_unix(const std::string& path);

}  // namespace sysboot::host
