// Context: reaching the ROM. Open the port, optionally send the application's enter command,
// sync (AN3155 §2), Get, and identify the part.
#include <fmt/format.h>

#include "an3155/an3155_target.hpp"
#include "auth/enter.hpp"
#include "cli/context.hpp"

namespace sysboot::host {

namespace {

Error in_phase(Error e, Phase phase) {
    if (e.phase != Phase::Usage) {
        e.phase = phase;
    }
    return e;
}

}  // namespace

std::vector<SerialPortInfo> Context::serial_ports_found() const {
    return env_.list_ports ? env_.list_ports() : serial_ports();
}

Result<std::string> Context::only_port_for(const std::string& role) {
    SYSBOOT_TRY_ASSIGN(const SerialPortInfo port, only_serial_port(serial_ports_found(), role));
    note(fmt::format("--port not given: using {}{}, the only serial port", port.name,
                     port.description.empty() ? "" : " (" + port.description + ")"));
    return port.name;
}

Status Context::open_port(bool enter_first) {
    // --enter with neither --port nor --enter-port: one cable carries the application's
    // console and, once it has jumped, the ROM's USART (the usual single-adapter setup).
    std::string spec = o_.port;
    if (spec.empty() && enter_first && o_.enter.port.empty()) {
        SYSBOOT_TRY_ASSIGN(spec, only_port_for("the application's console and the ROM's port"));
    }
    // AN3155 §1: the ROM's USART frame is 8 data bits, even parity, 1 stop bit.
    SerialSettings settings{o_.baud, Parity::Even};
    auto t = env_.open_port(spec, settings);
    if (!t) {
        return in_phase(t.error(), Phase::Open);
    }
    port_ = std::move(*t);
    TapTransport::Logger logger;
    if (o_.verbose) {
        logger = [this](const std::string& line) {
            env_.err << fmt::format("[{:9.3f}] {}\n", seconds(), line);
        };
    }
    tap_ = std::make_unique<TapTransport>(*port_, std::move(logger));
    an3155::Timeouts t_out;
    t_out.read = o_.timeout;
    t_out.write = o_.write_timeout;
    t_out.erase_sector = o_.erase_timeout;
    t_out.mass_erase = o_.mass_erase_timeout;
    t_out.sync_attempts = o_.sync_attempts;
    client_ = std::make_unique<an3155::Client>(*tap_, env_.clock, t_out);
    client_->set_unstick(unstick_);
    trace("opened " + port_->name());
    return {};
}

// The application's console is often not wired to the ROM: on the Nucleo-144 boards the
// ST-LINK VCP is USART3 on PD8/PD9, the ROM listens on PB10/PB11 (docs/boards.md). Then the
// command goes to --enter-port and the ROM is reached on --port.
Status Context::send_enter_elsewhere(const auth::EnterAuth& auth) {
    const auto& e = o_.enter;
    auto console = env_.open_port(e.port, SerialSettings{e.baud, e.parity});
    if (!console) {
        return in_phase(console.error(), Phase::Enter);
    }
    trace("opened " + (*console)->name() + " for the enter command");
    const std::vector<uint8_t> bytes(e.command.begin(), e.command.end());
    state_ = DeviceState::Talking;
    if (auto s = (*console)->write(bytes); !s) {
        return in_phase(s.error(), Phase::Enter);
    }
    SYSBOOT_TRY(auth.answer(**console, env_.clock, [this](const auto& t) { trace(t); }));
    entered_ = true;
    env_.clock.sleep_for(e.delay);
    tap_->discard_input();
    return {};
}

// Ask the running application to jump to the ROM (its console command) at the console's
// framing, then switch the line to the ROM's. The application's echo is discarded.
Status Context::send_enter() {
    const auto& e = o_.enter;
    trace(fmt::format("sending enter command \"{}\"", e.command_text));
    // A key file that cannot be used stops the run before any byte is sent.
    SYSBOOT_TRY_ASSIGN(const auto auth, auth::EnterAuth::from_option(e.key_file));
    if (!e.port.empty()) {
        return send_enter_elsewhere(auth);
    }
    SYSBOOT_TRY(tap_->set_baudrate(e.baud));
    SYSBOOT_TRY(tap_->set_parity(e.parity));
    const std::vector<uint8_t> bytes(e.command.begin(), e.command.end());
    state_ = DeviceState::Talking;
    if (auto s = tap_->write(bytes); !s) {
        return in_phase(s.error(), Phase::Enter);
    }
    SYSBOOT_TRY(auth.answer(*tap_, env_.clock, [this](const auto& t) { trace(t); }));
    entered_ = true;
    env_.clock.sleep_for(e.delay);
    SYSBOOT_TRY(tap_->set_baudrate(o_.baud));
    SYSBOOT_TRY(tap_->set_parity(Parity::Even));
    tap_->discard_input();
    return {};
}

Status Context::connect(bool enter_first, bool need_part) {
    if (over_usb()) {
        return connect_usb(enter_first);
    }
    SYSBOOT_TRY(open_port(enter_first));
    if (enter_first) {
        SYSBOOT_TRY(send_enter());
        client_->set_text_expected(true);
    }
    state_ = std::max(state_, DeviceState::Talking);
    auto sync = client_->sync();
    if (!sync) {
        Error e = sync.error();
        if (enter_first) {
            e.detail += "; did the application accept the enter command?";
        }
        return e;
    }
    trace(*sync == an3155::SyncResult::Fresh ? "ROM synchronised (ACK)"
                                             : "ROM was already synchronised (NACK to 0x7F)");
    SYSBOOT_TRY_ASSIGN(info_, client_->get());
    an3155_target_ = std::make_unique<An3155Target>(*client_, info_);
    target_ = an3155_target_.get();
    if (!need_part) {
        return {};
    }
    return identify();
}

Status Context::identify() {
    if (o_.pid) {
        pid_ = *o_.pid;
    } else {
        SYSBOOT_TRY_ASSIGN(pid_, client_->get_id());
    }
    part_ = find_part(pid_);
    if (!part_) {
        return make_error(
            Phase::GetId, Cause::Unsupported,
            fmt::format("unknown part PID 0x{:03X} (known: {}); use --pid to name one", pid_,
                        known_pid_list()));
    }
    SYSBOOT_TRY(learn_layout());
    if (o_.flash_base) {
        part_->flash_base = *o_.flash_base;
    }
    trace(fmt::format("part {} (PID 0x{:03X}), flash 0x{:08X}, {} KiB", part_->name, pid_,
                      part_->flash_base, part_->flash_size() / 1024));
    return {};
}

}  // namespace sysboot::host
