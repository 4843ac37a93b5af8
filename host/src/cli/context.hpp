// What every command shares once its options are parsed: the output streams and --json
// shape, the connection to the ROM (AN3155: open, enter, sync, Get, identify the part;
// --usb: find the DfuSe device, read its layout), the ops Target over either, progress, and
// an honest account of what has happened to the device so far, so that no error message
// claims "nothing was sent" when the application is already in the ROM.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "an3155/client.hpp"
#include "cli/cli.hpp"
#include "cli/options.hpp"
#include "device/part.hpp"
#include "ops/flash.hpp"
#include "ops/target.hpp"
#include "ui/json.hpp"

namespace sysboot::host {

namespace auth {
class EnterAuth;
}
struct UsbLink;  // cli/usb_link.hpp

// How far a command got with the device, for the truth of the final message.
enum class DeviceState {
    Untouched,  // no byte sent yet
    Talking,    // the ROM was reached (or the enter command sent), nothing changed
    Changed,    // an erase, write, Go or protection command was sent
};

class Context {
  public:
    Context(CliEnvironment& env, const GlobalOptions& options, std::string command);
    ~Context();
    Context(const Context&) = delete;
    Context& operator=(const Context&) = delete;

    // Output -------------------------------------------------------------------------
    [[nodiscard]] const GlobalOptions& options() const { return o_; }
    [[nodiscard]] std::ostream& out() { return env_.out; }
    [[nodiscard]] bool human() const { return !o_.json && !o_.quiet; }
    void note(const std::string& text);   // a line on stderr unless --quiet
    void trace(const std::string& text);  // a line on stderr with --verbose
    // Prints the error (and JSON with --json), with the device state; returns the exit code.
    int fail(const Error& error);
    // Adds ok, command, wire counts and seconds, prints the object; returns 0.
    int succeed(JsonObject& result);
    [[nodiscard]] double seconds() const;
    [[nodiscard]] Progress& progress() { return *progress_; }
    [[nodiscard]] const std::atomic<bool>* stop_flag() const { return env_.stop; }

    // The device --------------------------------------------------------------------
    // Open the port, (send the enter command,) sync and Get; with `need_part` also identify.
    // With --usb: (send the enter command to the console and wait for the ROM's DFU device,)
    // open the device and learn the part from its "Internal Flash" layout.
    [[nodiscard]] Status connect(bool enter_first, bool need_part);
    [[nodiscard]] bool over_usb() const { return o_.usb.has_value(); }
    // The ROM through whichever protocol connect() reached it; the ops use only this.
    [[nodiscard]] Target& target() { return *target_; }
    // AN3155 only (not --usb): the client and what Get said.
    [[nodiscard]] an3155::Client& client() { return *client_; }
    [[nodiscard]] const an3155::BootloaderInfo& rom() const { return info_; }
    // --usb only: the device, its descriptors and the part its layout describes.
    [[nodiscard]] const UsbLink& usb() const { return *usb_; }
    [[nodiscard]] const Part& part() const { return *part_; }
    [[nodiscard]] uint16_t pid() const { return pid_; }
    // "6.6 KiB sent, 6.4 KiB received" (USART) or "812 control transfers" (--usb).
    [[nodiscard]] std::string traffic_text() const;
    [[nodiscard]] std::string port_name() const;
    [[nodiscard]] Session session();
    void mark_changed() { state_ = DeviceState::Changed; }
    // Let sync complete a frame a broken transfer left open (an3155::Client::set_unstick);
    // only `flash --resume` expects that, so filler never goes into an application console.
    void allow_unstick() { unstick_ = true; }
    [[nodiscard]] DeviceState state() const { return state_; }
    // The serial ports there are (CliEnvironment::list_ports, else libserialport's).
    [[nodiscard]] std::vector<SerialPortInfo> serial_ports_found() const;

  private:
    Status open_port(bool enter_first);
    // --enter without --port: the only serial port there is, said on stderr; `role` names
    // what it is used as.
    Result<std::string> only_port_for(const std::string& role);
    Status send_enter();
    // --usb (connect_usb.cpp).
    Status connect_usb(bool enter_first);
    Status send_enter_to_console();
    Status open_usb_device();
    Status send_enter_elsewhere(const auth::EnterAuth& auth);
    Status identify();
    Status learn_layout();
    std::string state_note() const;
    void print_json(JsonObject& top);

    CliEnvironment& env_;
    const GlobalOptions& o_;
    std::string command_;
    Clock::time_point start_;
    std::unique_ptr<Progress> progress_;
    std::unique_ptr<Transport> port_;
    std::unique_ptr<TapTransport> tap_;
    std::unique_ptr<an3155::Client> client_;
    std::unique_ptr<UsbLink> usb_;
    std::unique_ptr<Target> an3155_target_;
    Target* target_ = nullptr;
    an3155::BootloaderInfo info_;
    std::optional<Part> part_;
    uint16_t pid_ = 0;
    DeviceState state_ = DeviceState::Untouched;
    bool entered_ = false;  // we sent the enter command: the application left
    bool unstick_ = false;
};

[[nodiscard]] std::string hex32(uint32_t value);

// The part's real flash layout (size register, nDBANK), or --flash-size where the device
// cannot tell; an error rather than a guess. `how` (optional) says where it came from.
[[nodiscard]] Result<Part> detect_layout(an3155::Client& client, const an3155::BootloaderInfo& info,
                                         Part part, std::optional<uint32_t> flash_size,
                                         std::string* how);

}  // namespace sysboot::host
