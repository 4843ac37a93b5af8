// Context with --usb: reaching the ROM's DFU device (AN3156). Optionally send the enter
// command to the application's console first and wait, bounded, for the ROM to enumerate;
// then open exactly the device the SPEC names (never one of several), claim its DFU
// interface, select the "Internal Flash" alternate and learn the part from its layout.
#include <fmt/format.h>

#include <algorithm>
#include <thread>

#include "auth/enter.hpp"
#include "cli/context.hpp"
#include "cli/serial_ports.hpp"
#include "cli/usb_link.hpp"

namespace sysboot::host {

namespace {

using Steady = std::chrono::steady_clock;
constexpr Millis kPollInterval{250};

// AN2606 (STM32F7 bootloader sections, "USB DFU"): the ROM enables its USB DFU interface
// only when it can measure an external clock on HSE (it uses HSE for the 48 MHz USB clock),
// on the OTG FS pins PA11/PA12; RDP and the boot configuration decide whether the jump to
// the ROM happens at all.
std::string never_appeared_help(const std::string& spec_text, Millis waited) {
    return fmt::format(
        "the ROM's USB DFU device ({}) did not appear within {:.1f} s. The ROM starts USB DFU "
        "only when (AN2606, STM32F7 USB DFU bootloader) an external clock is on HSE that it "
        "can measure (a crystal or the ST-LINK's MCO; whole MHz between 4 and 26), and the "
        "cable is on the connector wired to USB OTG FS (PA11/PA12: the user USB connector, "
        "not the ST-LINK one; CN13 on the STM32F746G-DISCO). Also check that the application "
        "accepted the enter command, and that readout protection or the boot option bytes do "
        "not keep the ROM from running (docs/boards.md, \"the ROM's DFU device never shows "
        "up\"); raise --usb-wait if the board is slow to reset",
        spec_text.empty() ? "0483:df11" : spec_text, waited.count() / 1000.0);
}

std::string spec_text(const std::optional<std::string>& usb) {
    return usb && !usb->empty() ? *usb : std::string("0483:df11");
}

// The devices the SPEC names, enumerated in a fresh libusb context, so that a device that
// appeared since the last look is seen.
Result<std::vector<dfu::DeviceInfo>> matching_devices(const dfu::DeviceSpec& spec) {
    dfu::UsbSession usb;
    SYSBOOT_TRY(usb.init());
    SYSBOOT_TRY_ASSIGN(auto all, usb.list());
    std::vector<dfu::DeviceInfo> found;
    for (auto& d : all) {
        if (dfu::spec_matches(spec, d)) {
            found.push_back(std::move(d));
        }
    }
    return found;
}

Error several_devices(std::vector<dfu::DeviceInfo> found, const std::string& spec) {
    // In bus-path order, not libusb's enumeration order, so the list reads the same each time.
    std::sort(found.begin(), found.end(),
              [](const auto& a, const auto& b) { return a.bus_path < b.bus_path; });
    std::string list;
    for (const auto& d : found) {
        list += (list.empty() ? "" : "; ") + dfu::device_text(d);
    }
    // The command line does not say which device: a usage error (exit 1), before any DFU
    // request reaches either device.
    return make_error(Phase::Usage, Cause::Invalid,
                      fmt::format("{} DFU devices match {}: {}. Name one with --usb BUS-PATH or "
                                  "--usb SERIAL (`sysboot list` shows them); sysboot does not "
                                  "pick one",
                                  found.size(), spec, list));
}

}  // namespace

// The application's console: --enter-port, else --port, else the only serial port there is.
Status Context::send_enter_to_console() {
    const auto& e = o_.enter;
    std::string console = !e.port.empty() ? e.port : o_.port;
    if (console.empty()) {
        SYSBOOT_TRY_ASSIGN(console, only_port_for("the application's console"));
    }
    trace(fmt::format("sending enter command \"{}\" to {}", e.command_text, console));
    SYSBOOT_TRY_ASSIGN(const auto auth, auth::EnterAuth::from_option(e.key_file));
    auto port = env_.open_port(console, SerialSettings{e.baud, e.parity});
    if (!port) {
        Error err = port.error();
        err.phase = Phase::Enter;
        return err;
    }
    const std::vector<uint8_t> bytes(e.command.begin(), e.command.end());
    state_ = DeviceState::Talking;
    if (auto s = (*port)->write(bytes); !s) {
        Error err = s.error();
        err.phase = Phase::Enter;
        return err;
    }
    SYSBOOT_TRY(auth.answer(**port, env_.clock, [this](const auto& t) { trace(t); }));
    entered_ = true;
    return {};
}

Status Context::open_usb_device() {
    const dfu::DeviceSpec spec{o_.usb.value_or("")};
    const bool waiting = entered_;
    const auto start = Steady::now();
    const auto deadline = start + (waiting ? o_.usb_wait : Millis{0});
    std::vector<dfu::DeviceInfo> found;
    while (true) {
        SYSBOOT_TRY_ASSIGN(found, matching_devices(spec));
        if (!found.empty() || Steady::now() >= deadline) {
            break;
        }
        std::this_thread::sleep_for(
            std::min<Steady::duration>(kPollInterval, deadline - Steady::now()));
    }
    if (found.size() > 1) {
        return several_devices(found, spec_text(o_.usb));
    }
    if (found.empty()) {
        const auto waited = std::chrono::duration_cast<Millis>(Steady::now() - start);
        if (waiting) {
            return make_error(Phase::Open, Cause::Timeout, never_appeared_help(spec.text, waited));
        }
        return make_error(
            Phase::Open, Cause::Io,
            fmt::format("no DFU device {} attached (`sysboot list` shows what "
                        "is; add --enter to send the application its enter "
                        "command first)",
                        spec.text.empty() ? "0483:df11" : "matches '" + spec.text + "'"));
    }
    trace("DFU device " + dfu::device_text(found.front()));
    usb_ = std::make_unique<UsbLink>();
    SYSBOOT_TRY(usb_->session.init());
    // The bus path names exactly the device that was found.
    return usb_->session.open(dfu::DeviceSpec{found.front().bus_path});
}

Status Context::connect_usb(bool enter_first) {
    if (enter_first) {
        SYSBOOT_TRY(send_enter_to_console());
    }
    SYSBOOT_TRY(open_usb_device());
    state_ = std::max(state_, DeviceState::Talking);
    const auto& info = usb_->session.info();
    SYSBOOT_TRY_ASSIGN(usb_->flash, dfu::find_memory(info, "Internal Flash"));
    SYSBOOT_TRY_ASSIGN(usb_->part, dfu::part_from_layout(usb_->flash.layout, o_.pid));
    dfu::ClientLimits limits;
    limits.operation_deadline = o_.erase_timeout;
    limits.mass_erase_deadline = o_.mass_erase_timeout;
    usb_->client = std::make_unique<dfu::DfuseClient>(usb_->session.handle(), info.interface_number,
                                                      info.functional.transfer_size, limits);
    // A device left in dfuERROR or mid-transfer by an earlier client is cleared here.
    SYSBOOT_TRY(usb_->client->select_alternate(usb_->flash.alternate));
    usb_->target = std::make_unique<dfu::DfuseTarget>(*usb_->client, info, usb_->flash);
    target_ = usb_->target.get();
    // The layout the device reports is the truth; --flash-base does not move it.
    part_ = usb_->part->part;
    trace(fmt::format("part {} ({}), flash 0x{:08X}, {} KiB", part_->name, usb_->part->how,
                      part_->flash_base, part_->flash_size() / 1024));
    return {};
}

}  // namespace sysboot::host
