#include "cli/context.hpp"

#include <fmt/format.h>

#include "an3155/an3155_target.hpp"
#include "cli/usb_link.hpp"
#include "ui/progress.hpp"

namespace sysboot::host {

std::string hex32(uint32_t value) {
    return fmt::format("0x{:08X}", value);
}

Context::Context(CliEnvironment& env, const GlobalOptions& options, std::string command)
    : env_(env), o_(options), command_(std::move(command)), start_(env.clock.now()) {
    if (env_.err_is_tty && !o_.quiet && !o_.json) {
        progress_ = std::make_unique<BarProgress>(env_.err, env_.clock);
    } else {
        progress_ = std::make_unique<NullProgress>();
    }
}

Context::~Context() = default;

void Context::note(const std::string& text) {
    if (!o_.quiet) {
        env_.err << text << '\n';
    }
}

void Context::trace(const std::string& text) {
    if (o_.verbose) {
        env_.err << "sysboot: " << text << '\n';
    }
}

double Context::seconds() const {
    return std::chrono::duration<double>(env_.clock.now() - start_).count();
}

std::string Context::port_name() const {
    if (usb_) {
        return "usb:" + usb_->session.info().bus_path;
    }
    return port_ ? port_->name() : o_.port;
}

std::string Context::traffic_text() const {
    if (usb_ && usb_->client) {
        return fmt::format("{} control transfers", usb_->client->control_transfers());
    }
    if (tap_) {
        return fmt::format("{} sent, {} received",
                           human_bytes(static_cast<double>(tap_->stats().tx)),
                           human_bytes(static_cast<double>(tap_->stats().rx)));
    }
    return "nothing sent";
}

// What the user must know about the device when a command stops early.
std::string Context::state_note() const {
    switch (state_) {
        case DeviceState::Untouched:
            return "nothing was sent to the device";
        case DeviceState::Talking:
            if (entered_) {
                return over_usb() ? "nothing on the device was changed, but the application has "
                                    "left for the ROM bootloader: start it again with `sysboot "
                                    "--usb go` or reset the board"
                                  : "nothing on the device was changed, but the application has "
                                    "left for the ROM bootloader: start it again with `sysboot "
                                    "go` (same port) or reset the board";
            }
            return "nothing on the device was changed";
        case DeviceState::Changed:
            break;
    }
    return {};
}

int Context::fail(const Error& e) {
    const auto code = static_cast<int>(e.exit_code());
    std::string message = e.message();
    // A usage error normally comes before anything is sent; one found later (several DFU
    // devices after --enter) still says what happened to the device.
    const bool before_device =
        e.cause == Cause::Invalid && e.phase == Phase::Usage && state_ == DeviceState::Untouched;
    const std::string state = before_device ? std::string() : state_note();
    if (!state.empty()) {
        message += " (" + state + ")";
    }
    env_.err << "sysboot: error: " << message << '\n';
    if (o_.json) {
        JsonObject err;
        err.add("phase", to_string(e.phase)).add("cause", to_string(e.cause));
        if (e.address) {
            err.add("address", hex32(*e.address));
        }
        err.add("message", e.message());
        err.add("device", state_ == DeviceState::Untouched ? "untouched"
                          : state_ == DeviceState::Talking ? (entered_ ? "in-rom" : "unchanged")
                                                           : "changed");
        JsonObject top;
        top.add("ok", false).add("command", command_).add("exit_code", code);
        top.add_raw("error", err.str());
        print_json(top);
    }
    return code;
}

int Context::succeed(JsonObject& result) {
    JsonObject top;
    top.add("ok", true).add("command", command_).append(result);
    print_json(top);
    return 0;
}

// Every JSON result ends with the bytes on the wire and the time the command took.
void Context::print_json(JsonObject& top) {
    if (tap_) {
        JsonObject wire;
        wire.add("tx", tap_->stats().tx).add("rx", tap_->stats().rx);
        top.add_raw("wire", wire.str());
    }
    if (usb_ && usb_->client) {
        JsonObject usb;
        usb.add("control_transfers", uint64_t{usb_->client->control_transfers()});
        top.add_raw("usb", usb.str());
    }
    top.add("seconds", seconds());
    env_.out << top.str() << '\n';
}

Session Context::session() {
    return Session{*target_, *part_, *progress_, env_.stop};
}

}  // namespace sysboot::host
