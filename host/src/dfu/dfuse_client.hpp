// A DfuSe client (AN3156, DFU 1.1 with ST's extension) over an opened libusb device: the
// class requests, ST's commands carried by DNLOAD block 0 and the addressed data blocks.
// Every wait is bounded: a libusb timeout per transfer, and a total deadline per operation
// however long the bwPollTimeout values the device asks for (DFU 1.1 §6.1.2).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <vector>

#include "core/error.hpp"
#include "sysboot/dfuse/dfu.hpp"

struct libusb_device_handle;

namespace sysboot::host::dfu {

// One DFU_GETSTATUS answer (DFU 1.1 §6.1.2).
struct DeviceStatus {
    dfuse::Status status = dfuse::Status::Ok;
    uint32_t poll_timeout_ms = 0;
    dfuse::State state = dfuse::State::Idle;
};

struct ClientLimits {
    unsigned transfer_timeout_ms = 5000;  // one control transfer
    // One command or data block, bwPollTimeout waits included. A mass erase of a 2 MiB F7
    // takes tens of seconds (RM0410 datasheet tables: up to 32 s), so its bound is larger.
    std::chrono::milliseconds operation_deadline{10000};
    std::chrono::milliseconds mass_erase_deadline{60000};
};

using BlockProgress = std::function<void(uint32_t bytes_done)>;

class DfuseClient {
  public:
    DfuseClient(libusb_device_handle* handle, uint8_t interface_number, uint16_t transfer_size,
                ClientLimits limits = {});

    // SET_INTERFACE to the alternate setting (one memory each, AN3156), then back to dfuIDLE.
    [[nodiscard]] Status select_alternate(uint8_t alternate);
    [[nodiscard]] Result<DeviceStatus> get_status(Phase phase);
    // dfuERROR -> CLRSTATUS, any other state -> ABORT, until dfuIDLE (a few tries).
    [[nodiscard]] Status to_idle(Phase phase);

    [[nodiscard]] Status set_address(uint32_t address, Phase phase);
    [[nodiscard]] Status erase_sector(uint32_t address);
    [[nodiscard]] Status mass_erase();
    // Data blocks n >= 2 at address + (n - 2) * wTransferSize; `data` need not be a multiple.
    [[nodiscard]] Status download(uint32_t address, std::span<const uint8_t> data,
                                  const BlockProgress& progress = {});
    [[nodiscard]] Result<std::vector<uint8_t>> upload(uint32_t address, uint32_t length,
                                                      const BlockProgress& progress = {});
    // Set Address Pointer, zero-length DNLOAD, GETSTATUS: the ROM jumps to `address` and
    // leaves the bus (AN3156 "Leave DFU mode").
    [[nodiscard]] Status leave(uint32_t address);

    [[nodiscard]] uint16_t transfer_size() const { return transfer_size_; }
    [[nodiscard]] uint32_t control_transfers() const { return transfers_; }

  private:
    int control_out(dfuse::Request request, uint16_t value, std::span<const uint8_t> data);
    int control_in(dfuse::Request request, uint16_t value, std::span<uint8_t> data);
    [[nodiscard]] Status command(std::span<const uint8_t> bytes, Phase phase, uint32_t address,
                                 std::chrono::milliseconds deadline);
    // After a DNLOAD: GETSTATUS (waiting bwPollTimeout between them) until dfuDNLOAD-IDLE.
    [[nodiscard]] Status wait_done(Phase phase, uint32_t address,
                                   std::chrono::milliseconds deadline);
    // A transfer the device took but never completed within the libusb timeout.
    [[nodiscard]] Error hung(Phase phase, const std::string& what, std::optional<uint32_t> address);
    // A stalled request: learn the reason with GETSTATUS and clear the error.
    [[nodiscard]] Error stalled(Phase phase, int code, const std::string& what, uint32_t address);
    [[nodiscard]] Error device_error(Phase phase, dfuse::Status status, uint32_t address);
    [[nodiscard]] Status download_run(uint32_t address, std::span<const uint8_t> data);

    libusb_device_handle* handle_;
    uint8_t interface_;
    uint16_t transfer_size_;
    ClientLimits limits_;
    uint32_t transfers_ = 0;
};

// The name and meaning of a DFU status (DFU 1.1 §6.1.2), e.g. "errVENDOR".
[[nodiscard]] const char* status_name(dfuse::Status status);

}  // namespace sysboot::host::dfu
