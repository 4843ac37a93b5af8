#include "dfu/dfuse_client.hpp"

#include <fmt/format.h>
#include <libusb.h>

#include <algorithm>
#include <array>
#include <thread>

#include "dfu/usb_device.hpp"

namespace sysboot::host::dfu {
namespace {

using dfuse::Request;
using dfuse::State;
using Clock = std::chrono::steady_clock;

// Each data run restarts at a fresh Set Address Pointer, so the 16-bit block number
// (DFU 1.1 §6.1.1 wValue) never wraps whatever the image size.
constexpr uint32_t kBlocksPerRun = 0x1000;
constexpr int kIdleTries = 4;

// What to do about a ROM that stopped mid-operation: it only leaves that state through a
// reset (AN2606: the ROM runs again after a reset with the boot pins / option bytes that
// selected it), and the flash content is then unknown, which --resume checks.
constexpr const char* kStuckAdvice =
    "reset the board into the ROM (reset with BOOT0 high, or unplug and re-plug it into DFU "
    "mode), then run the same command again (`flash` with --resume: it keeps what is already "
    "in place)";

std::array<uint8_t, 5> addressed(uint8_t op, uint32_t address) {
    return {op, static_cast<uint8_t>(address), static_cast<uint8_t>(address >> 8),
            static_cast<uint8_t>(address >> 16), static_cast<uint8_t>(address >> 24)};
}

}  // namespace

DfuseClient::DfuseClient(libusb_device_handle* handle, uint8_t interface_number,
                         uint16_t transfer_size, ClientLimits limits)
    : handle_(handle),
      interface_(interface_number),
      transfer_size_(transfer_size),
      limits_(limits) {}

int DfuseClient::control_out(Request request, uint16_t value, std::span<const uint8_t> data) {
    ++transfers_;
    // libusb takes a non-const buffer for both directions; an OUT transfer only reads it.
    return libusb_control_transfer(handle_, dfuse::kClassOut, static_cast<uint8_t>(request), value,
                                   interface_, const_cast<uint8_t*>(data.data()),
                                   static_cast<uint16_t>(data.size()), limits_.transfer_timeout_ms);
}

int DfuseClient::control_in(Request request, uint16_t value, std::span<uint8_t> data) {
    ++transfers_;
    return libusb_control_transfer(handle_, dfuse::kClassIn, static_cast<uint8_t>(request), value,
                                   interface_, data.data(), static_cast<uint16_t>(data.size()),
                                   limits_.transfer_timeout_ms);
}

Status DfuseClient::select_alternate(uint8_t alternate) {
    ++transfers_;
    if (const int rc = libusb_set_interface_alt_setting(handle_, interface_, alternate); rc != 0) {
        return usb_error(Phase::Open, rc,
                         "selecting alternate setting " + std::to_string(alternate));
    }
    return to_idle(Phase::Open);
}

Result<DeviceStatus> DfuseClient::get_status(Phase phase) {
    std::array<uint8_t, dfuse::kStatusLength> s{};
    const int n = control_in(Request::GetStatus, 0, s);
    if (n == LIBUSB_ERROR_TIMEOUT) {
        return hung(phase, "DFU_GETSTATUS", std::nullopt);
    }
    if (n < 0) {
        return usb_error(phase, n, "DFU_GETSTATUS");
    }
    if (n != static_cast<int>(s.size())) {
        return make_error(phase, Cause::BadResponse,
                          "DFU_GETSTATUS answered " + std::to_string(n) + " bytes, not 6");
    }
    return DeviceStatus{static_cast<dfuse::Status>(s[0]),
                        static_cast<uint32_t>(s[1] | s[2] << 8 | s[3] << 16),
                        static_cast<State>(s[4])};
}

Status DfuseClient::to_idle(Phase phase) {
    for (int i = 0; i < kIdleTries; ++i) {
        SYSBOOT_TRY_ASSIGN(const DeviceStatus s, get_status(phase));
        if (s.state == State::Idle) {
            return {};
        }
        // DFU 1.1 Appendix A: CLRSTATUS leaves dfuERROR, ABORT the other idle/sync states.
        const Request r = s.state == State::Error ? Request::ClrStatus : Request::Abort;
        if (const int rc = control_out(r, 0, {}); rc < 0) {
            return usb_error(phase, rc, r == Request::Abort ? "DFU_ABORT" : "DFU_CLRSTATUS");
        }
    }
    return make_error(phase, Cause::BadResponse, "the device does not return to dfuIDLE");
}

Error DfuseClient::device_error(Phase phase, dfuse::Status status, uint32_t address) {
    // Clear dfuERROR so the device accepts the next session; the error is already known.
    (void)control_out(Request::ClrStatus, 0, {});
    const std::string what = std::string("the device reports ") + status_name(status);
    switch (status) {
        case dfuse::Status::ErrVendor:
            // AN3156/AN2662 §4.4.1: reads, erases and writes fail with errVENDOR under
            // readout protection (RDP level 1).
            return make_error(phase, Cause::Refused, what + " (readout protection active)",
                              address);
        case dfuse::Status::ErrTarget:
        case dfuse::Status::ErrAddress:
            return make_error(phase, Cause::Nack, what + " (address outside the memory)", address);
        default:
            return make_error(phase, Cause::Nack, what, address);
    }
}

Error DfuseClient::hung(Phase phase, const std::string& what, std::optional<uint32_t> address) {
    // libusb gave up on a transfer the device had taken (its setup was acknowledged, the
    // data or status stage never completed): the ROM has stopped serving its control
    // endpoint. Nothing more can be done through it; say so rather than wait again.
    return make_error(
        phase, Cause::Timeout,
        fmt::format("{}: the device did not complete the request within {:.1f} s "
                    "(LIBUSB_ERROR_TIMEOUT): the ROM has stopped answering, and what it did with "
                    "the request is unknown: {}",
                    what, limits_.transfer_timeout_ms / 1000.0, kStuckAdvice),
        address);
}

Error DfuseClient::stalled(Phase phase, int code, const std::string& what, uint32_t address) {
    if (code == LIBUSB_ERROR_TIMEOUT) {
        return hung(phase, what, address);
    }
    if (code == LIBUSB_ERROR_PIPE) {
        // DFU 1.1 Appendix A: a stalled request moves the device to dfuERROR with a status
        // that says why (errVENDOR for a read under readout protection, AN2662 §4.4.1).
        if (auto s = get_status(phase); s && s->state == State::Error &&
                                        s->status != dfuse::Status::Ok &&
                                        s->status != dfuse::Status::ErrStalledPkt) {
            return device_error(phase, s->status, address);
        }
        (void)to_idle(phase);
    }
    return usb_error(phase, code, what, address);
}

Status DfuseClient::wait_done(Phase phase, uint32_t address, std::chrono::milliseconds deadline) {
    const auto end = Clock::now() + deadline;
    for (uint32_t polls = 1;; ++polls) {
        SYSBOOT_TRY_ASSIGN(const DeviceStatus s, get_status(phase));
        if (s.state == State::Error || s.status != dfuse::Status::Ok) {
            return device_error(phase, s.status, address);
        }
        if (s.state == State::DnloadIdle || s.state == State::Idle) {
            return {};
        }
        if (s.state != State::DnBusy && s.state != State::DnloadSync) {
            return make_error(phase, Cause::BadResponse,
                              "unexpected DFU state " + std::to_string(static_cast<int>(s.state)) +
                                  " after DNLOAD",
                              address);
        }
        const auto now = Clock::now();
        if (now >= end) {
            // However long the bwPollTimeout values, the wait ends here (DFU 1.1 §6.1.2 lets
            // the device ask for up to 0xFFFFFF ms per poll).
            return make_error(
                phase, Cause::Timeout,
                fmt::format("the device still reported {} {} ms after the request ({} "
                            "DFU_GETSTATUS polls, the last asking for {} ms more): it did not "
                            "finish. If the part is only slow, raise --erase-timeout-ms (it bounds "
                            "each DfuSe command and data block); otherwise {}",
                            s.state == State::DnBusy ? "dfuDNBUSY" : "dfuDNLOAD-SYNC",
                            deadline.count(), polls, s.poll_timeout_ms, kStuckAdvice),
                address);
        }
        // DFU 1.1 §6.1.2: no GETSTATUS before bwPollTimeout has passed; never past the end.
        const auto wait = std::chrono::milliseconds(s.poll_timeout_ms);
        std::this_thread::sleep_for(std::min<Clock::duration>(wait, end - now));
    }
}

Status DfuseClient::command(std::span<const uint8_t> bytes, Phase phase, uint32_t address,
                            std::chrono::milliseconds deadline) {
    if (const int rc = control_out(Request::Dnload, dfuse::kCommandBlock, bytes); rc < 0) {
        return stalled(phase, rc, "DfuSe command 0x" + std::to_string(bytes[0]), address);
    }
    return wait_done(phase, address, deadline);
}

Status DfuseClient::set_address(uint32_t address, Phase phase) {
    const auto cmd = addressed(dfuse::command::kSetAddressPointer, address);
    return command(cmd, phase, address, limits_.operation_deadline);
}

Status DfuseClient::erase_sector(uint32_t address) {
    const auto cmd = addressed(dfuse::command::kErase, address);
    return command(cmd, Phase::Erase, address, limits_.operation_deadline);
}

Status DfuseClient::mass_erase() {
    const std::array<uint8_t, 1> cmd{dfuse::command::kErase};
    return command(cmd, Phase::Erase, 0, limits_.mass_erase_deadline);
}

Status DfuseClient::download_run(uint32_t address, std::span<const uint8_t> data) {
    SYSBOOT_TRY(set_address(address, Phase::Write));
    uint16_t block = dfuse::kFirstDataBlock;
    for (std::size_t off = 0; off < data.size(); off += transfer_size_, ++block) {
        const auto chunk =
            data.subspan(off, std::min<std::size_t>(transfer_size_, data.size() - off));
        const uint32_t at = address + static_cast<uint32_t>(off);
        if (const int rc = control_out(Request::Dnload, block, chunk); rc < 0) {
            return stalled(Phase::Write, rc, "data block " + std::to_string(block), at);
        }
        SYSBOOT_TRY(wait_done(Phase::Write, at, limits_.operation_deadline));
    }
    return {};
}

Status DfuseClient::download(uint32_t address, std::span<const uint8_t> data,
                             const BlockProgress& progress) {
    const std::size_t run = std::size_t{kBlocksPerRun} * transfer_size_;
    for (std::size_t off = 0; off < data.size(); off += run) {
        const auto part = data.subspan(off, std::min(run, data.size() - off));
        SYSBOOT_TRY(download_run(address + static_cast<uint32_t>(off), part));
        if (progress) {
            progress(static_cast<uint32_t>(off + part.size()));
        }
    }
    return to_idle(Phase::Write);
}

Result<std::vector<uint8_t>> DfuseClient::upload(uint32_t address, uint32_t length,
                                                 const BlockProgress& progress) {
    std::vector<uint8_t> out(length);
    const uint32_t run = kBlocksPerRun * transfer_size_;
    for (uint32_t off = 0; off < length; off += run) {
        // Set Address Pointer leaves dfuDNLOAD-IDLE; UPLOAD starts from dfuIDLE (AN3156).
        SYSBOOT_TRY(set_address(address + off, Phase::Read));
        SYSBOOT_TRY(to_idle(Phase::Read));
        uint16_t block = dfuse::kFirstDataBlock;
        for (uint32_t pos = off; pos < std::min(length, off + run); pos += transfer_size_) {
            const uint32_t n = std::min<uint32_t>(transfer_size_, length - pos);
            const int got = control_in(Request::Upload, block++, std::span(out).subspan(pos, n));
            if (got < 0) {
                return stalled(Phase::Read, got, "upload", address + pos);
            }
            if (static_cast<uint32_t>(got) != n) {
                return make_error(Phase::Read, Cause::BadResponse,
                                  "upload block answered " + std::to_string(got) + " of " +
                                      std::to_string(n) + " bytes (memory ends?)",
                                  address + pos);
            }
            if (progress) {
                progress(pos + n);
            }
        }
        SYSBOOT_TRY(to_idle(Phase::Read));
    }
    return out;
}

Status DfuseClient::leave(uint32_t address) {
    SYSBOOT_TRY(set_address(address, Phase::Go));
    if (const int rc = control_out(Request::Dnload, dfuse::kCommandBlock, {}); rc < 0) {
        return stalled(Phase::Go, rc, "leave request", address);
    }
    // The GETSTATUS after the zero-length DNLOAD starts manifestation: the ROM answers
    // dfuMANIFEST and jumps, or is already gone before its answer arrives.
    auto s = get_status(Phase::Go);
    if (!s) {
        return s.error().cause == Cause::Disconnected || s.error().cause == Cause::Io ? Status{}
                                                                                      : s.status();
    }
    if (s->state == State::Error || s->status != dfuse::Status::Ok) {
        return device_error(Phase::Go, s->status, address);
    }
    if (s->state != State::Manifest && s->state != State::ManifestSync &&
        s->state != State::ManifestWaitReset) {
        return make_error(Phase::Go, Cause::BadResponse, "the device did not start to leave DFU",
                          address);
    }
    return {};
}

const char* status_name(dfuse::Status status) {
    static constexpr const char* kNames[] = {
        "OK",      "errTARGET", "errFILE",    "errWRITE",     "errERASE",    "errCHECK_ERASED",
        "errPROG", "errVERIFY", "errADDRESS", "errNOTDONE",   "errFIRMWARE", "errVENDOR",
        "errUSBR", "errPOR",    "errUNKNOWN", "errSTALLEDPKT"};
    const auto i = static_cast<std::size_t>(status);
    return i < std::size(kNames) ? kNames[i] : "unknown status";
}

}  // namespace sysboot::host::dfu
