#include "usb_rig.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <umockdev.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <utility>

#include "sysboot/dfuse/descriptors.hpp"
#include "sysboot/dfuse/layout.hpp"
#include "usb_rig_glib.hpp"

extern char** environ;

namespace sysboot::dfuse::rig {
namespace {

constexpr const char* kDeviceNode = "/dev/bus/usb/001/002";
constexpr const char* kDeviceSysPath = "/sys/devices/usb1/1-1";

std::string hex(std::span<const uint8_t> bytes) {
    std::string s;
    char two[3];
    for (uint8_t b : bytes) {
        std::snprintf(two, sizeof two, "%02x", b);
        s += two;
    }
    return s;
}

// Root hub (Linux Foundation 1d6b:0002) descriptors: libusb enumerates the whole bus.
constexpr uint8_t kRootHubDescriptors[] = {
    0x12, 0x01, 0x00, 0x02, 0x09, 0x00, 0x01, 0x40, 0x6b, 0x1d, 0x02, 0x00, 0x06, 0x06, 0x03,
    0x02, 0x01, 0x01, 0x09, 0x02, 0x19, 0x00, 0x01, 0x01, 0x00, 0xe0, 0x00, 0x09, 0x04, 0x00,
    0x00, 0x01, 0x09, 0x00, 0x00, 0x00, 0x07, 0x05, 0x81, 0x03, 0x04, 0x00, 0x0c};

bool has_name(const Layout& layout, const char* word) {
    const std::string name(layout.name().begin(), layout.name().end());
    return name.find(word) != std::string::npos;
}

}  // namespace

UsbRig::UsbRig(const RigOptions& options) : options_(options) {
    build_memories();
    engine_ = std::make_unique<Engine>(*options_.profile, memories_);
    engine_->set_poll_scale(options_.poll_scale_percent);
    device_ = std::make_unique<UsbDevice>(*engine_);
    glib_ = std::make_unique<Glib>(*this);
    char* root = umockdev_testbed_get_root_dir(glib_->testbed);
    root_dir_ = root;
    g_free(root);
    add_devices();
}

UsbRig::UsbRig(UsbBackend& backend) : backend_(&backend) {
    glib_ = std::make_unique<Glib>(*this);
    char* root = umockdev_testbed_get_root_dir(glib_->testbed);
    root_dir_ = root;
    g_free(root);
    add_hub();
}

UsbRig::~UsbRig() {
    closing_ = true;
    if (plug_thread_.joinable()) {
        plug_thread_.join();
    }
    if (unplug_thread_.joinable()) {
        unplug_thread_.join();
    }
}

void UsbRig::build_memories() {
    const Profile& profile = *options_.profile;
    const std::size_t n = profile.alternates.size();
    buffers_.resize(n);
    groups_.resize(n);
    for (std::size_t alt = 0; alt < n; ++alt) {
        Layout layout;
        if (!parse_layout(profile.alternates[alt], layout).ok() || layout.segment_count == 0) {
            throw std::runtime_error(std::string("bad layout string: ") + profile.alternates[alt]);
        }
        const uint32_t base = layout.segments()[0].address;
        buffers_[alt].assign(layout.total_size(), alt == 0 ? options_.flash_fill : 0xFF);
        const bool erasable = layout.covers(base, 0, access::kErasable);
        if (erasable || has_name(layout, "OTP")) {
            // OTP words program once and never erase (RM0410 §3.6): flash semantics without
            // erase, which the layout's 'e' type already refuses.
            for (const Segment& s : layout.segments()) {
                groups_[alt].push_back({static_cast<uint16_t>(s.sector_count), s.sector_size});
            }
            an3155::FlashConfig config{base, an3155::SectorMap{groups_[alt]}};
            flash_models_.push_back(std::make_unique<an3155::FlashModel>(config, buffers_[alt]));
            memories_.push_back(flash_models_.back().get());
        } else {
            regions_.push_back(std::make_unique<RegionMemory>(base, buffers_[alt]));
            memories_.push_back(regions_.back().get());
        }
        if (alt == 0) {
            flash_base_ = base;
        }
    }
}

DeviceRecord UsbRig::device_record() const {
    const Profile& p = *options_.profile;
    DeviceRecord record{std::vector<uint8_t>(kDeviceDescriptorLength + configuration_length(p)),
                        p.vendor_id,
                        p.product_id,
                        p.manufacturer,
                        p.product,
                        p.serial};
    device_descriptor(p, record.descriptors);
    configuration_descriptor(p, std::span(record.descriptors).subspan(kDeviceDescriptorLength));
    return record;
}

void UsbRig::add_devices() {
    add_hub();
    if (options_.plug_in_after.count() == 0) {
        plug_in();
    } else {
        schedule_plug_in();
    }
}

void UsbRig::add_hub() {
    std::ostringstream hub;
    hub << "P: /devices/usb1\nN: bus/usb/001/001\nE: SUBSYSTEM=usb\nE: DEVTYPE=usb_device\n"
        << "E: DRIVER=usb\nE: BUSNUM=001\nE: DEVNUM=001\nE: DEVNAME=/dev/bus/usb/001/001\n"
        << "A: busnum=1\\n\nA: devnum=1\\n\n"
        << "A: speed=480\\n\nA: bConfigurationValue=1\\n\n"
        << "H: descriptors=" << hex(kRootHubDescriptors) << "\n";
    GError* error = nullptr;
    if (!umockdev_testbed_add_from_string(glib_->testbed, hub.str().c_str(), &error)) {
        const std::string what = error ? error->message : "unknown umockdev error";
        g_clear_error(&error);
        throw std::runtime_error("umockdev: " + what);
    }
}

void UsbRig::add_device(const DeviceRecord& r, int port) {
    // Port 1 is device 2 on bus 1, port 2 device 3: the node libusb opens, and the sysfs
    // path whose name is the bus path ("1-2") it reports.
    const int devnum = port + 1;
    char ids[64];
    std::snprintf(ids, sizeof ids, "A: idVendor=%04x\\n\nA: idProduct=%04x\\n\n", r.vendor_id,
                  r.product_id);
    char node[32];
    std::snprintf(node, sizeof node, "bus/usb/001/%03d", devnum);
    std::ostringstream dev;
    dev << "P: /devices/usb1/1-" << port << "\nN: " << node << "\nE: SUBSYSTEM=usb\n"
        << "E: DEVTYPE=usb_device\nE: DRIVER=usb\nE: BUSNUM=001\nE: DEVNUM=" << (node + 12) << "\n"
        << "E: DEVNAME=/dev/" << node << "\n"
        << "A: busnum=1\\n\nA: devnum=" << devnum
        << "\\n\nA: speed=12\\n\nA: bConfigurationValue=1\\n\n"
        << ids << "A: manufacturer=" << r.manufacturer << "\\n\nA: product=" << r.product
        << "\\n\nA: serial=" << r.serial << "\\n\n"
        << "H: descriptors=" << hex(r.descriptors) << "\n";
    GError* error = nullptr;
    const std::string devnode = std::string("/dev/") + node;
    // The handler must be attached before the device appears (libusb may open it at once).
    if (!umockdev_testbed_attach_ioctl(glib_->testbed, devnode.c_str(), glib_->handler, &error) ||
        !umockdev_testbed_add_from_string(glib_->testbed, dev.str().c_str(), &error)) {
        const std::string what = error ? error->message : "unknown umockdev error";
        g_clear_error(&error);
        throw std::runtime_error("umockdev: " + what);
    }
}

void UsbRig::plug(const DeviceRecord& record) {
    // A device that comes back (reset after Read Unprotect, a new entry into the ROM) is
    // listed again at the same place, with a fresh ioctl handler attachment.
    if (unplug_thread_.joinable()) {
        unplug_thread_.join();
    }
    if (unplugged_) {
        umockdev_testbed_detach_ioctl(glib_->testbed, kDeviceNode, nullptr);
    }
    add_device(record);
    unplugged_ = false;
    plugged_in_ = true;
}

std::vector<std::string> UsbRig::client_environment() const {
    std::vector<std::string> env{"LD_PRELOAD=libumockdev-preload.so.0",
                                 "UMOCKDEV_DIR=" + root_dir_};
    // A sanitized client has ASan first in its link order; the preload comes before it.
    const char* asan = std::getenv("ASAN_OPTIONS");
    env.push_back(std::string("ASAN_OPTIONS=") + (asan ? std::string(asan) + ":" : "") +
                  "verify_asan_link_order=0:detect_leaks=0");
    return env;
}

ClientResult UsbRig::run_client(const std::vector<std::string>& argv,
                                std::chrono::seconds timeout) {
    ClientResult result;
    char path[] = "/tmp/dfu_rig_outXXXXXX";
    const int fd = mkstemp(path);
    if (fd < 0) {
        return result;
    }
    std::vector<std::string> env_strings;
    for (char** e = environ; *e != nullptr; ++e) {
        const std::string entry(*e);
        if (entry.rfind("LD_PRELOAD=", 0) != 0 && entry.rfind("UMOCKDEV_DIR=", 0) != 0 &&
            entry.rfind("ASAN_OPTIONS=", 0) != 0) {
            env_strings.push_back(entry);
        }
    }
    for (const auto& e : client_environment()) {
        env_strings.push_back(e);
    }
    std::vector<char*> envp;
    for (auto& e : env_strings) {
        envp.push_back(e.data());
    }
    envp.push_back(nullptr);
    std::vector<std::string> args = argv;
    std::vector<char*> argp;
    for (auto& a : args) {
        argp.push_back(a.data());
    }
    argp.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fd, STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, fd, STDERR_FILENO);
    const auto start = std::chrono::steady_clock::now();
    pid_t pid = -1;
    const int rc = posix_spawnp(&pid, argp[0], &actions, nullptr, argp.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (rc == 0) {
        client_pid_ = pid;
        int status = 0;
        while (waitpid(pid, &status, WNOHANG) == 0) {
            if (std::chrono::steady_clock::now() - start > timeout) {
                kill(pid, SIGKILL);
                waitpid(pid, &status, 0);
                status = -1;
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
        client_pid_ = -1;
        if (status != -1 && WIFEXITED(status)) {
            result.exit_code = WEXITSTATUS(status);
        }
    }
    result.wall = std::chrono::steady_clock::now() - start;
    close(fd);
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    result.output = text.str();
    std::remove(path);
    return result;
}

Reply UsbRig::control_locked(const Setup& setup, std::span<const uint8_t> data_out,
                             std::span<uint8_t> data_in) {
    ++traffic_.control_transfers;
    if ((setup.request_type & 0x60) == 0x20) {
        ++traffic_.class_requests[setup.request];
    }
    traffic_.bytes_to_device += 8 + data_out.size();
    if (backend_ != nullptr) {
        const Reply r = backend_->control(setup, data_out, data_in);
        traffic_.stalls += r.stall ? 1 : 0;
        count_reply(setup, data_out, r);
        return r;
    }
    Reply injected;
    if (inject_locked(setup, data_in, injected)) {
        if (injected.stall) {
            ++traffic_.stalls;
        } else {
            count_reply(setup, data_out, injected);
        }
        return injected;
    }
    const Reply r = device_->control(setup, data_out, data_in);
    count_reply(setup, data_out, r);
    const bool dnload = (setup.request_type & 0x60) == 0x20 &&
                        setup.request == static_cast<uint8_t>(Request::Dnload);
    if (dnload && dnloads_ == options_.vanish_after_dnload) {
        vanished_ = true;
    }
    if (dnload && dnloads_ == options_.interrupt_after_dnload && client_pid_ > 0) {
        kill(client_pid_, SIGINT);
    }
    if (r.stall) {
        ++traffic_.stalls;
    }
    return r;
}

bool UsbRig::inject_locked(const Setup& setup, std::span<uint8_t> data_in, Reply& reply) {
    if (second_serial_locked(setup, data_in, reply)) {
        return true;
    }
    const bool dfu = (setup.request_type & 0x60) == 0x20;
    if (dfu && setup.request == static_cast<uint8_t>(Request::Dnload)) {
        ++dnloads_;
        if (dnloads_ == options_.stall_dnload) {
            reply = Reply{.stall = true};
            return true;
        }
        if (dnloads_ == options_.hold_dnload) {
            hold_ = true;  // taken, never answered: the engine does not see it either
            reply = Reply{};
            return true;
        }
    }
    const bool busy = options_.busy_after_dnload != 0 && dnloads_ >= options_.busy_after_dnload;
    if (busy && dfu && setup.request == static_cast<uint8_t>(Request::GetStatus) &&
        data_in.size() >= kStatusLength) {
        // DFU 1.1 §6.1.2: bStatus, bwPollTimeout (3 bytes, little-endian), bState, iString.
        const uint32_t ms = options_.busy_poll_ms;
        const uint8_t status[kStatusLength] = {0,
                                               static_cast<uint8_t>(ms),
                                               static_cast<uint8_t>(ms >> 8),
                                               static_cast<uint8_t>(ms >> 16),
                                               static_cast<uint8_t>(State::DnBusy),
                                               0};
        std::copy(std::begin(status), std::end(status), data_in.begin());
        reply = Reply{.stall = false, .length = kStatusLength};
        return true;
    }
    return false;
}

bool UsbRig::take_hold_locked() {
    return std::exchange(hold_, false);
}

void UsbRig::begin_request_locked(const std::string& devnode, const Setup& setup) {
    // /dev/bus/usb/001/NNN is device NNN, at port NNN - 1 of bus 1 (add_device).
    const int devnum = std::atoi(devnode.substr(devnode.rfind('/') + 1).c_str());
    to_second_ = devnum == 3;
    if ((setup.request_type & 0x60) == 0x20) {
        ++traffic_.dfu_requests_by_path["1-" + std::to_string(devnum - 1)];
    }
}

bool UsbRig::second_serial_locked(const Setup& setup, std::span<uint8_t> data_in,
                                  Reply& reply) const {
    // GET_DESCRIPTOR (USB 2.0 §9.4.3) of the string the device descriptor names as
    // iSerialNumber (byte 16, §9.6.1): the second device's own serial, UTF-16LE (§9.6.7).
    const auto record = device_record();
    const bool serial_string = setup.request_type == 0x80 && setup.request == 6 &&
                               setup.value == (0x0300 | record.descriptors[16]);
    if (!to_second_ || !serial_string) {
        return false;
    }
    std::vector<uint8_t> d{0, 3};
    for (char c : options_.second_serial) {
        d.insert(d.end(), {static_cast<uint8_t>(c), 0});
    }
    d[0] = static_cast<uint8_t>(d.size());
    const std::size_t n = std::min({d.size(), data_in.size(), std::size_t{setup.length}});
    std::copy_n(d.begin(), n, data_in.begin());
    reply = Reply{.stall = false, .length = static_cast<uint16_t>(n)};
    return true;
}

void UsbRig::count_reply(const Setup& setup, std::span<const uint8_t> data_out,
                         const Reply& reply) {
    const bool in = (setup.request_type & 0x80) != 0;
    const std::size_t data = in ? (reply.stall ? 0 : reply.length) : data_out.size();
    traffic_.bytes_to_host += in ? data : 0;
    traffic_.data_lengths.push_back(static_cast<uint16_t>(data));
}

bool UsbRig::set_interface_locked(uint32_t interface, uint32_t alternate) {
    if (backend_ != nullptr) {
        return backend_->set_interface(interface, alternate);
    }
    return interface <= 0xFFFF && alternate <= 0xFFFF &&
           device_->set_interface(static_cast<uint16_t>(interface),
                                  static_cast<uint16_t>(alternate));
}

void UsbRig::reset_locked() {
    // A USB reset after Leave or Read Unprotect is the device coming back in DFU mode: the
    // rig then models a board that boots into the ROM again.
    if (backend_ != nullptr) {
        backend_->bus_reset();
        return;
    }
    engine_->reset();
}

bool UsbRig::gone_locked() const {
    if (backend_ != nullptr) {
        return backend_->gone();
    }
    return vanished_ || engine_->event() != Event::None;
}

void UsbRig::device_left_locked() {
    if (!options_.unplug_on_leave || unplug_thread_.joinable()) {
        return;
    }
    // Off the handler thread, and after the answer that ended DFU has reached the client.
    // No "remove" uevent: umockdev's sender resolves the device with libudev in this
    // process, which is not preloaded; clients that enumerate see the device gone.
    unplug_thread_ = std::thread([this] {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        umockdev_testbed_remove_device(glib_->testbed, kDeviceSysPath);
        unplugged_ = true;
    });
}

}  // namespace sysboot::dfuse::rig
