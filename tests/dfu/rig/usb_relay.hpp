// The rig's relay backend: the DFU device of the emulated board's stand-in ROM, reached over
// its "USB cable" (the second UART of qemu-an500, a QEMU chardev socket; frames in
// protocol/dfuse cable.hpp, docs/dfu.md "The USB cable of the emulated board").
//
// CableRelay forwards each control transfer the rig's ioctl handler receives as one frame
// and waits for the board's answer. BoardUsb puts it behind a UsbRig: when the ROM sends
// Attach it enumerates the device over the cable (descriptors and strings, as a host would)
// and lists it in the testbed; on Detach it removes it. A libusb client that polls therefore
// sees the device appear once the application has entered the ROM, and vanish on Leave.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "sysboot/dfuse/cable.hpp"
#include "usb_rig.hpp"

namespace sysboot::dfuse::rig {

// Counted on the cable, both ways.
struct CableTraffic {
    uint32_t requests = 0;  // Control and BusReset frames sent
    uint32_t timeouts = 0;  // requests the board did not answer in time
    uint64_t bytes_to_board = 0;
    uint64_t bytes_from_board = 0;
    uint32_t attaches = 0;
    uint32_t detaches = 0;
};

class CableRelay final : public UsbBackend {
  public:
    using EventHandler = void (*)(void* context, cable::Type type);
    // Uses its own duplicate of `fd` (a connected stream to the board's cable).
    CableRelay(int fd, std::chrono::milliseconds reply_timeout);
    ~CableRelay();
    CableRelay(const CableRelay&) = delete;
    CableRelay& operator=(const CableRelay&) = delete;

    // Attach/Detach frames are reported here, on the reader thread (set before they matter).
    void on_event(EventHandler handler, void* context);

    Reply control(const Setup& setup, std::span<const uint8_t> data_out,
                  std::span<uint8_t> data_in) override;
    // SET_INTERFACE is the standard request on the wire (USB 2.0 §9.4.10).
    bool set_interface(uint32_t interface, uint32_t alternate) override;
    void bus_reset() override;
    [[nodiscard]] bool gone() const override { return !attached_; }

    [[nodiscard]] CableTraffic traffic() const;

  private:
    // Sends one frame and waits for the Reply with its sequence: payload after the status
    // byte, or nothing (timeout, board gone).
    bool request(cable::Type type, std::span<const uint8_t> payload, std::vector<uint8_t>& reply);
    void read_loop();

    int fd_ = -1;
    int stop_pipe_[2] = {-1, -1};
    std::chrono::milliseconds timeout_;
    std::thread reader_;
    mutable std::mutex mutex_;
    std::condition_variable replied_;
    uint8_t sequence_ = 0;
    bool have_reply_ = false;
    uint8_t reply_sequence_ = 0;
    std::vector<uint8_t> reply_;
    std::atomic<bool> attached_{false};
    EventHandler handler_ = nullptr;
    void* context_ = nullptr;
    CableTraffic traffic_;
};

// The board's USB device for libusb clients: a CableRelay behind a UsbRig, enumerated on
// Attach, unlisted on Detach.
class BoardUsb {
  public:
    explicit BoardUsb(int cable_fd,
                      std::chrono::milliseconds reply_timeout = std::chrono::seconds(5));
    ~BoardUsb();
    BoardUsb(const BoardUsb&) = delete;
    BoardUsb& operator=(const BoardUsb&) = delete;

    [[nodiscard]] UsbRig& rig() { return *rig_; }
    [[nodiscard]] CableRelay& relay() { return *relay_; }
    // True once the device has attached and its enumeration listed it (an n-th time).
    bool wait_listed(std::chrono::milliseconds timeout, uint32_t times = 1);
    // True once the device has detached and was removed from the testbed.
    bool wait_unlisted(std::chrono::milliseconds timeout);
    [[nodiscard]] uint32_t times_listed() const { return listed_; }
    [[nodiscard]] std::string last_error() const;

  private:
    static void on_cable_event(void* self, cable::Type type);
    void work();
    bool enumerate(DeviceRecord& record);

    std::unique_ptr<CableRelay> relay_;
    std::unique_ptr<UsbRig> rig_;
    std::thread worker_;
    mutable std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<cable::Type> events_;
    bool stop_ = false;
    std::atomic<uint32_t> listed_{0};
    std::string error_;
};

}  // namespace sysboot::dfuse::rig
