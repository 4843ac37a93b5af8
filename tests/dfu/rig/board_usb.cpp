// BoardUsb (usb_relay.hpp): enumerates the board's DFU device over the cable when it
// attaches, as a host's USB stack would (USB 2.0 §9.1.2: device descriptor, configuration,
// strings, SET_CONFIGURATION), and lists or unlists it in the rig's testbed.
#include <algorithm>

#include "sysboot/dfuse/descriptors.hpp"
#include "usb_relay.hpp"

namespace sysboot::dfuse::rig {
namespace {

constexpr uint8_t kGetDescriptor = 6;     // USB 2.0 §9.4 Table 9-4
constexpr uint8_t kSetConfiguration = 9;  // USB 2.0 §9.4 Table 9-4

std::vector<uint8_t> get_descriptor(CableRelay& relay, uint8_t type, uint8_t index,
                                    uint16_t language, uint16_t length) {
    std::vector<uint8_t> out(length);
    const Setup setup{0x80, kGetDescriptor, static_cast<uint16_t>(type << 8 | index), language,
                      length};
    const Reply r = relay.control(setup, {}, out);
    out.resize(r.stall ? 0 : r.length);
    return out;
}

// String descriptors carry UTF-16LE (USB 2.0 §9.6.7); the ROM's strings are ASCII.
std::string ascii_string(CableRelay& relay, uint8_t index) {
    if (index == 0) {
        return {};
    }
    const auto d = get_descriptor(relay, kStringDescriptor, index, kLangIdEnglishUs, 255);
    std::string s;
    for (std::size_t i = 2; i + 1 < d.size() && i < d[0]; i += 2) {
        s.push_back(static_cast<char>(d[i]));
    }
    return s;
}

}  // namespace

BoardUsb::BoardUsb(int cable_fd, std::chrono::milliseconds reply_timeout)
    : relay_(std::make_unique<CableRelay>(cable_fd, reply_timeout)),
      rig_(std::make_unique<UsbRig>(*relay_)) {
    worker_ = std::thread([this] { work(); });
    relay_->on_event(on_cable_event, this);
}

BoardUsb::~BoardUsb() {
    relay_->on_event(nullptr, nullptr);
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    changed_.notify_all();
    worker_.join();
}

void BoardUsb::on_cable_event(void* self, cable::Type type) {
    auto* me = static_cast<BoardUsb*>(self);
    {
        std::lock_guard lock(me->mutex_);
        me->events_.push_back(type);
    }
    me->changed_.notify_all();
}

bool BoardUsb::enumerate(DeviceRecord& record) {
    const auto device = get_descriptor(*relay_, kDeviceDescriptor, 0, 0, kDeviceDescriptorLength);
    const auto head = get_descriptor(*relay_, kConfigurationDescriptor, 0, 0, 9);
    if (device.size() != kDeviceDescriptorLength || head.size() != 9) {
        return false;
    }
    const uint16_t total = static_cast<uint16_t>(head[2] | head[3] << 8);
    const auto config = get_descriptor(*relay_, kConfigurationDescriptor, 0, 0, total);
    if (config.size() != total) {
        return false;
    }
    record.descriptors = device;
    record.descriptors.insert(record.descriptors.end(), config.begin(), config.end());
    record.vendor_id = static_cast<uint16_t>(device[8] | device[9] << 8);
    record.product_id = static_cast<uint16_t>(device[10] | device[11] << 8);
    record.manufacturer = ascii_string(*relay_, device[14]);
    record.product = ascii_string(*relay_, device[15]);
    record.serial = ascii_string(*relay_, device[16]);
    const Setup set_config{0x00, kSetConfiguration, config[5], 0, 0};
    return !relay_->control(set_config, {}, {}).stall;
}

void BoardUsb::work() {
    std::unique_lock lock(mutex_);
    for (;;) {
        changed_.wait(lock, [this] { return stop_ || !events_.empty(); });
        if (stop_) {
            return;
        }
        const cable::Type type = events_.front();
        events_.pop_front();
        lock.unlock();
        if (type == cable::Type::Attach) {
            DeviceRecord record;
            if (enumerate(record)) {
                rig_->plug(record);
                ++listed_;
            } else {
                std::lock_guard l(mutex_);
                error_ = "the device attached but did not answer its enumeration";
            }
        } else if (type == cable::Type::Detach) {
            auto rig_lock = rig_->lock();
            rig_->device_left_locked();
        }
        lock.lock();
        changed_.notify_all();
    }
}

bool BoardUsb::wait_listed(std::chrono::milliseconds timeout, uint32_t times) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] { return listed_ >= times; });
}

bool BoardUsb::wait_unlisted(std::chrono::milliseconds timeout) {
    const auto end = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < end) {
        if (rig_->unplugged() && relay_->gone()) {
            return true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
}

std::string BoardUsb::last_error() const {
    std::lock_guard lock(mutex_);
    return error_;
}

}  // namespace sysboot::dfuse::rig
