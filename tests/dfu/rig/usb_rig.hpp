// The umockdev rig: presents the DfuSe engine as a USB device (0483:df11) to the REAL libusb
// of another process, with no kernel module and no root (docs/dfu.md "The umockdev rig").
//
// umockdev fakes sysfs and /dev/bus/usb/001/002 for any process started with
// LD_PRELOAD=libumockdev-preload.so.0 and UMOCKDEV_DIR set (client_environment()); the
// ioctls libusb issues on the device node arrive at this rig's handler, which answers the
// usbdevfs requests and runs every control URB through sysboot::dfuse::UsbDevice.
#pragma once

#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "sysboot/an3155/flash_model.hpp"
#include "sysboot/dfuse/engine.hpp"
#include "sysboot/dfuse/profile.hpp"
#include "sysboot/dfuse/region_memory.hpp"
#include "sysboot/dfuse/usb_device.hpp"

namespace sysboot::dfuse::rig {

struct RigOptions {
    const Profile* profile = &kF76x;
    uint32_t poll_scale_percent = 0;  // 0: bwPollTimeout 0, the rig runs as fast as it can
    uint8_t flash_fill = 0xFF;        // initial flash content (erased)
    // After Leave / a reset the ROM drops off the bus: remove the device from the testbed so
    // a client that enumerates sees it gone (in-flight requests fail with ENODEV).
    bool unplug_on_leave = true;
    // Fault injection for host clients: the n-th DFU_DNLOAD (counting from 1, commands and
    // data blocks alike) stalls without reaching the engine; after the n-th DFU_DNLOAD the
    // device vanishes as if unplugged (URBs fail with ENODEV). 0 = never.
    uint32_t stall_dnload = 0;
    uint32_t vanish_after_dnload = 0;
    // A device that hangs: the n-th DFU_DNLOAD is taken but its URB never completes (no
    // handshake, as a ROM stuck in its USB interrupt); only the client's own timeout ends it
    // (usbfs DISCARDURB). From the n-th DFU_DNLOAD on, DFU_GETSTATUS answers dfuDNBUSY with
    // `busy_poll_ms` forever, without reaching the engine. 0 = never.
    uint32_t hold_dnload = 0;
    uint32_t busy_after_dnload = 0;
    uint32_t busy_poll_ms = 100;
    // Ctrl-C: SIGINT to the client started by run_client() right after the n-th DFU_DNLOAD.
    uint32_t interrupt_after_dnload = 0;
    // Non-empty: a second ROM DFU device (same profile, this serial) at bus path 1-2. It
    // answers through the same engine; Traffic::dfu_requests_by_path says which device a
    // client talked DFU to.
    std::string second_serial{};
    // Hot plug, for clients that wait for the ROM to enumerate (`sysboot --usb --enter`):
    // the device appears this long after the rig starts; negative = only when plug_in() is
    // called; 0 = present from the start (usb_rig_plug.cpp).
    std::chrono::milliseconds plug_in_after{0};
};

// What went over the control pipe.
struct Traffic {
    uint32_t control_transfers = 0;
    uint32_t stalls = 0;
    std::map<uint8_t, uint32_t> class_requests;  // bRequest -> count, DFU class only
    uint64_t bytes_to_device = 0;                // setup packets + OUT data stages
    uint64_t bytes_to_host = 0;                  // IN data stages
    std::vector<uint16_t> data_lengths;  // data stage of each transfer, in order (bench model)
    std::map<std::string, uint32_t> dfu_requests_by_path;  // bus path ("1-1") -> class requests
};

// What umockdev needs to list a device: the descriptors read at enumeration (device, then
// the whole configuration) and its three strings.
struct DeviceRecord {
    std::vector<uint8_t> descriptors;
    uint16_t vendor_id = 0;
    uint16_t product_id = 0;
    std::string manufacturer;
    std::string product;
    std::string serial;
};

// A device that is not the in-process engine (usb_relay.hpp: the emulated board's ROM). The
// rig's ioctl handler sends it what it would send the engine, with the rig's lock held.
class UsbBackend {
  public:
    virtual Reply control(const Setup& setup, std::span<const uint8_t> data_out,
                          std::span<uint8_t> data_in) = 0;
    virtual bool set_interface(uint32_t interface, uint32_t alternate) = 0;
    virtual void bus_reset() = 0;
    // True while the device is off the bus (before it attaches, after it detaches).
    [[nodiscard]] virtual bool gone() const = 0;

  protected:
    ~UsbBackend() = default;
};

struct ClientResult {
    int exit_code = -1;  // -1: killed (timeout) or did not start
    std::string output;  // stdout and stderr, interleaved
    std::chrono::duration<double> wall{};
};

class UsbRig {
  public:
    explicit UsbRig(const RigOptions& options = {});
    // Relay mode: every request goes to `backend`; no device is listed until plug(). The
    // in-process engine and memories do not exist (engine(), flash() must not be used).
    explicit UsbRig(UsbBackend& backend);
    ~UsbRig();
    UsbRig(const UsbRig&) = delete;
    UsbRig& operator=(const UsbRig&) = delete;

    // "NAME=value" entries a client needs besides the inherited environment.
    [[nodiscard]] std::vector<std::string> client_environment() const;
    // Runs argv[0] (searched in PATH) with the client environment and waits for it.
    ClientResult run_client(const std::vector<std::string>& argv,
                            std::chrono::seconds timeout = std::chrono::seconds(60));

    // The device state, for checks between clients. Lock with lock() while a client runs.
    [[nodiscard]] std::unique_lock<std::mutex> lock() { return std::unique_lock(mutex_); }
    // Bytes behind alternate setting `alt` (0 = internal flash), from its first address.
    [[nodiscard]] std::vector<uint8_t>& memory_bytes(std::size_t alt) { return buffers_.at(alt); }
    [[nodiscard]] std::vector<uint8_t>& flash() { return buffers_.at(0); }
    [[nodiscard]] Engine& engine() { return *engine_; }
    [[nodiscard]] const Traffic& traffic() const { return traffic_; }
    [[nodiscard]] uint32_t flash_base() const { return flash_base_; }
    [[nodiscard]] const std::string& root_dir() const { return root_dir_; }

    // Called by the ioctl handler (usb_rig_ioctl.cpp) with the lock held.
    Reply control_locked(const Setup& setup, std::span<const uint8_t> data_out,
                         std::span<uint8_t> data_in);
    // True (once) when the request control_locked() just took must never complete
    // (RigOptions::hold_dnload).
    [[nodiscard]] bool take_hold_locked();
    // Before control_locked(): which device node the request arrived on (counted in
    // Traffic::dfu_requests_by_path; the second device answers its own serial).
    void begin_request_locked(const std::string& devnode, const Setup& setup);
    bool set_interface_locked(uint32_t interface, uint32_t alternate);
    void reset_locked();
    [[nodiscard]] bool gone_locked() const;
    // Called once when the engine reports Leave or a reset.
    void device_left_locked();
    // True once the device has been removed from the testbed.
    [[nodiscard]] bool unplugged() const { return unplugged_; }
    // Adds the in-process engine's device to the testbed now (RigOptions::plug_in_after);
    // once only (usb_rig_plug.cpp).
    void plug_in();
    // Relay mode: list the device an enumeration found (again after it left);
    // device_left_locked() removes it when the backend reports it gone. Call without the
    // lock held.
    void plug(const DeviceRecord& record);
    // True once a device has been listed (plug_in() or plug()).
    [[nodiscard]] bool plugged_in() const { return plugged_in_; }

    struct Glib;  // umockdev/GLib objects (usb_rig.cpp)

  private:
    void build_memories();
    void count_reply(const Setup& setup, std::span<const uint8_t> data_out, const Reply& reply);
    void add_devices();
    [[nodiscard]] DeviceRecord device_record() const;  // the engine's device
    void schedule_plug_in();
    void add_hub();
    // Attaches the ioctl handler, then lists the device at bus 1, port `port` (1-port).
    void add_device(const DeviceRecord& record, int port = 1);
    // The rig's fault injection for DFU_DNLOAD and DFU_GETSTATUS (RigOptions).
    bool inject_locked(const Setup& setup, std::span<uint8_t> data_in, Reply& reply);
    bool second_serial_locked(const Setup& setup, std::span<uint8_t> data_in, Reply& reply) const;

    RigOptions options_;
    uint32_t flash_base_ = 0x08000000;
    // One buffer per alternate setting; erasable or OTP memories get F7 flash semantics
    // (FlashModel over the sectors their layout string lists), the others plain bytes.
    std::vector<std::vector<uint8_t>> buffers_;
    std::vector<std::vector<an3155::SectorGroup>> groups_;
    std::vector<std::unique_ptr<an3155::FlashModel>> flash_models_;
    std::vector<std::unique_ptr<RegionMemory>> regions_;
    std::vector<an3155::Memory*> memories_;
    std::unique_ptr<Engine> engine_;
    std::unique_ptr<UsbDevice> device_;
    Traffic traffic_;
    std::mutex mutex_;
    std::string root_dir_;
    std::unique_ptr<Glib> glib_;
    std::thread unplug_thread_;
    std::atomic<bool> unplugged_{false};
    std::thread plug_thread_;
    std::atomic<bool> plugged_in_{false};
    std::atomic<bool> closing_{false};
    UsbBackend* backend_ = nullptr;
    uint32_t dnloads_ = 0;
    bool vanished_ = false;
    bool hold_ = false;
    bool to_second_ = false;  // the request in progress is the second device's
    std::atomic<pid_t> client_pid_{-1};
};

}  // namespace sysboot::dfuse::rig
