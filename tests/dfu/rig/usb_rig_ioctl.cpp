// The usbdevfs side of the rig: answers the ioctls Linux libusb issues on the device node
// (linux/usbdevice_fs.h) on umockdev's handler thread. Control URBs complete at submit
// time, except one the rig holds to model a hung device: that one completes only when the
// client discards it (libusb does after its own timeout). REAPURB hands URBs back in order. Client
// memory is reached only through umockdev_ioctl_data_resolve, so the client may be another process.
#include <errno.h>
#include <linux/usbdevice_fs.h>
#include <sys/ioctl.h>  // must come before usbdevice_fs.h

#include <algorithm>
#include <cstring>
#include <string>

#include "usb_rig.hpp"
#include "usb_rig_glib.hpp"

namespace sysboot::dfuse::rig {
namespace {

constexpr int kSetupLength = 8;

UMockdevIoctlData* resolve(UMockdevIoctlData* data, gsize offset, gsize length) {
    return umockdev_ioctl_data_resolve(data, offset, length, nullptr);
}

void complete(UMockdevIoctlClient* client, long result, int error) {
    umockdev_ioctl_client_complete(client, result, error);
}

// USBDEVFS_SUBMITURB of a control URB: the 8-byte setup packet, then wLength data bytes.
void submit_urb(UsbRig::Glib& g, UMockdevIoctlClient* client, UMockdevIoctlData* arg) {
    UMockdevIoctlData* urb_data = resolve(arg, 0, sizeof(usbdevfs_urb));
    if (urb_data == nullptr) {
        complete(client, -1, EFAULT);
        return;
    }
    auto* urb = reinterpret_cast<usbdevfs_urb*>(urb_data->data);
    if (urb->type != USBDEVFS_URB_TYPE_CONTROL || (urb->endpoint & 0x7F) != 0 ||
        urb->buffer_length < kSetupLength) {
        umockdev_ioctl_data_unref(urb_data);
        complete(client, -1, EINVAL);  // the ROM's DFU device has only endpoint 0
        return;
    }
    UMockdevIoctlData* buffer =
        resolve(urb_data, G_STRUCT_OFFSET(usbdevfs_urb, buffer), urb->buffer_length);
    if (buffer == nullptr) {
        umockdev_ioctl_data_unref(urb_data);
        complete(client, -1, EFAULT);
        return;
    }
    uint8_t* bytes = buffer->data;
    const Setup setup{bytes[0], bytes[1], static_cast<uint16_t>(bytes[2] | bytes[3] << 8),
                      static_cast<uint16_t>(bytes[4] | bytes[5] << 8),
                      static_cast<uint16_t>(bytes[6] | bytes[7] << 8)};
    const std::size_t room = static_cast<std::size_t>(urb->buffer_length) - kSetupLength;
    const std::size_t length = setup.length < room ? setup.length : room;
    std::span<uint8_t> data(bytes + kSetupLength, length);
    bool gone = false;
    bool hold = false;
    Reply reply;
    const std::string node = umockdev_ioctl_client_get_devnode(client);
    {
        auto lock = g.rig.lock();
        gone = g.rig.gone_locked();
        if (!gone) {
            const bool in = (setup.request_type & 0x80) != 0;
            g.rig.begin_request_locked(node, setup);
            reply = g.rig.control_locked(setup, in ? std::span<const uint8_t>{} : data,
                                         in ? data : std::span<uint8_t>{});
            hold = g.rig.take_hold_locked();
            if (g.rig.gone_locked()) {
                g.rig.device_left_locked();
            }
        }
    }
    if (gone) {
        // After Leave the ROM has dropped off the bus: usbfs answers ENODEV.
        complete(client, -1, ENODEV);
        umockdev_ioctl_data_unref(buffer);
        umockdev_ioctl_data_unref(urb_data);
        return;
    }
    if (hold) {
        g.held.push_back(urb_data);  // submitted, never completed: nothing to reap
        complete(client, 0, 0);
        umockdev_ioctl_data_unref(buffer);
        return;
    }
    urb->status = reply.stall ? -EPIPE : 0;
    urb->actual_length = reply.stall                        ? 0
                         : (setup.request_type & 0x80) != 0 ? reply.length
                                                            : static_cast<int>(length);
    g.reapable[node].push_back(urb_data);  // keeps the reference until it is reaped
    complete(client, 0, 0);
    umockdev_ioctl_data_unref(buffer);
}

// USBDEVFS_DISCARDURB: the argument is the URB's address in the client. A held URB then
// completes as the kernel completes an unlinked one (status -ENOENT, no data), for the client
// to reap; any other URB has already completed (EINVAL, as usbfs answers).
void discard_urb(UsbRig::Glib& g, UMockdevIoctlClient* client, UMockdevIoctlData* arg) {
    // The ioctl argument holds the pointer itself (the client's URB address), which
    // resolve() at SUBMITURB recorded as the URB data's client_addr.
    gulong address = 0;
    if (arg != nullptr && arg->data_len >= static_cast<gint>(sizeof address)) {
        std::memcpy(&address, arg->data, sizeof address);
    }
    const auto it = std::find_if(g.held.begin(), g.held.end(), [address](UMockdevIoctlData* d) {
        return d->client_addr == address;
    });
    if (it == g.held.end()) {
        complete(client, -1, EINVAL);
        return;
    }
    UMockdevIoctlData* urb_data = *it;
    g.held.erase(it);
    // Its SUBMITURB has long completed and written the URB back, so the change must be marked
    // for writing again (update), which the reap then does.
    int status = -ENOENT;
    int actual = 0;
    umockdev_ioctl_data_update(urb_data, G_STRUCT_OFFSET(usbdevfs_urb, status),
                               reinterpret_cast<guint8*>(&status), sizeof status);
    umockdev_ioctl_data_update(urb_data, G_STRUCT_OFFSET(usbdevfs_urb, actual_length),
                               reinterpret_cast<guint8*>(&actual), sizeof actual);
    g.reapable[umockdev_ioctl_client_get_devnode(client)].push_back(urb_data);
    complete(client, 0, 0);
}

void reap_urb(UsbRig::Glib& g, UMockdevIoctlClient* client, UMockdevIoctlData* arg) {
    auto& queue = g.reapable[umockdev_ioctl_client_get_devnode(client)];
    if (queue.empty()) {
        complete(client, -1, EAGAIN);
        return;
    }
    UMockdevIoctlData* urb_data = queue.front();
    queue.pop_front();
    UMockdevIoctlData* slot = resolve(arg, 0, sizeof(void*));
    if (slot != nullptr) {
        umockdev_ioctl_data_set_ptr(slot, 0, urb_data);
    }
    complete(client, slot != nullptr ? 0 : -1, slot != nullptr ? 0 : EFAULT);
    if (slot != nullptr) {
        umockdev_ioctl_data_unref(slot);
    }
    umockdev_ioctl_data_unref(urb_data);
}

void set_interface(UsbRig::Glib& g, UMockdevIoctlClient* client, UMockdevIoctlData* arg) {
    UMockdevIoctlData* d = resolve(arg, 0, sizeof(usbdevfs_setinterface));
    bool ok = false;
    if (d != nullptr) {
        const auto* s = reinterpret_cast<const usbdevfs_setinterface*>(d->data);
        auto lock = g.rig.lock();
        ok = g.rig.set_interface_locked(s->interface, s->altsetting);
    }
    complete(client, ok ? 0 : -1, ok ? 0 : EINVAL);
    if (d != nullptr) {
        umockdev_ioctl_data_unref(d);
    }
}

gboolean on_ioctl(UMockdevIoctlBase*, UMockdevIoctlClient* client, gpointer user) {
    auto& g = *static_cast<UsbRig::Glib*>(user);
    UMockdevIoctlData* arg = umockdev_ioctl_client_get_arg(client);
    switch (umockdev_ioctl_client_get_request(client)) {
        case USBDEVFS_SUBMITURB:
            submit_urb(g, client, arg);
            return TRUE;
        case USBDEVFS_REAPURB:
        case USBDEVFS_REAPURBNDELAY:
            reap_urb(g, client, arg);
            return TRUE;
        case USBDEVFS_SETINTERFACE:
            set_interface(g, client, arg);
            return TRUE;
        case USBDEVFS_GET_CAPABILITIES: {
            UMockdevIoctlData* d = resolve(arg, 0, sizeof(guint32));
            if (d != nullptr) {
                const guint32 caps = USBDEVFS_CAP_NO_PACKET_SIZE_LIM | USBDEVFS_CAP_ZERO_PACKET |
                                     USBDEVFS_CAP_REAP_AFTER_DISCONNECT;
                std::memcpy(d->data, &caps, sizeof caps);
            }
            complete(client, d != nullptr ? 0 : -1, d != nullptr ? 0 : EFAULT);
            if (d != nullptr) {
                umockdev_ioctl_data_unref(d);
            }
            return TRUE;
        }
        case USBDEVFS_RESET: {
            auto lock = g.rig.lock();
            if (g.rig.gone_locked()) {
                complete(client, -1, ENODEV);
                return TRUE;
            }
            g.rig.reset_locked();
            complete(client, 0, 0);
            return TRUE;
        }
        case USBDEVFS_DISCARDURB:
            discard_urb(g, client, arg);
            return TRUE;
        case USBDEVFS_CLAIMINTERFACE:
        case USBDEVFS_RELEASEINTERFACE:
        case USBDEVFS_SETCONFIGURATION:
        case USBDEVFS_CLEAR_HALT:
        case USBDEVFS_RESETEP:
        case USBDEVFS_DISCONNECT_CLAIM:
            complete(client, 0, 0);
            return TRUE;
        case USBDEVFS_GETDRIVER:
        case USBDEVFS_IOCTL:
            complete(client, -1, ENODATA);  // no kernel driver is bound
            return TRUE;
        default:
            complete(client, -1, ENOTTY);
            return TRUE;
    }
}

}  // namespace

UsbRig::Glib::Glib(UsbRig& owner) : rig(owner) {
    testbed = umockdev_testbed_new();
    handler = umockdev_ioctl_base_new();
    g_signal_connect(handler, "handle-ioctl", G_CALLBACK(on_ioctl), this);
}

UsbRig::Glib::~Glib() {
    for (auto& [node, queue] : reapable) {
        for (UMockdevIoctlData* d : queue) {
            umockdev_ioctl_data_unref(d);
        }
    }
    for (UMockdevIoctlData* d : held) {
        umockdev_ioctl_data_unref(d);
    }
    g_clear_object(&handler);
    g_clear_object(&testbed);
}

}  // namespace sysboot::dfuse::rig
