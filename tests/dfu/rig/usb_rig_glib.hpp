// The rig's umockdev objects: the testbed and the ioctl handler of the device node.
#pragma once

#include <umockdev.h>

#include <deque>
#include <map>
#include <string>
#include <vector>

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
    // Per device node: URBs that completed and wait for the client's REAPURB(NDELAY).
    std::map<std::string, std::deque<UMockdevIoctlData*>> reapable;
    // URBs the device took and never completes (RigOptions::hold_dnload), until the client
    // discards them.
    std::vector<UMockdevIoctlData*> held;
};

}  // namespace sysboot::dfuse::rig
