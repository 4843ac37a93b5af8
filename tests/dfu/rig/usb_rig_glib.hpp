// The rig's umockdev objects: the testbed and the ioctl handler of the device node.
#pragma once

#include <umockdev.h>

#include <deque>

namespace sysboot::dfuse::rig {

class UsbRig;

struct UsbRig::Glib {
    explicit Glib(UsbRig& rig);
    ~Glib();
    Glib(const Glib&) = delete;
    Glib& operator=(const Glib&) = delete;

    UsbRig& rig;
    UMockdevTestbed* testbed = nullptr;
    UMockdevIoctlBase* handler = nullptr;
    // URBs that completed at submit time and wait for the client's REAPURB(NDELAY).
    std::deque<UMockdevIoctlData*> reapable;
};

}  // namespace sysboot::dfuse::rig
