#pragma once
// Protection policy: whether the application lets anyone into the ROM while read-out
// protection is at level 0. At level 0 the ROM's Read Memory command returns the whole flash
// to whoever is on its interface (AN3155 "Read Memory command"; AN2606 "RDP"); at level 1
// the ROM refuses reads and a regression to level 0 mass-erases the flash (RM0410, embedded
// flash chapter, "Read protection (RDP)"). A product can therefore require level >= 1 before it
// hands control to the ROM. See docs/security.md.
#include "sysboot/sysboot.hpp"

namespace sysboot::detail {

// Opt: Options, or DefaultOptions (sysboot.hpp) to decide at compile time.
template <class Opt>
Status rdp_policy(const Device& dev, const Opt& opt) {
    if (opt.allow_rdp_level0) {
        return Status::ok;
    }
    // An unknown level (no hook, or the hook cannot tell) cannot prove the flash protected.
    const int level = dev.hooks.rdp_level != nullptr ? dev.hooks.rdp_level() : -1;
    return level >= 1 ? Status::ok : Status::rdp_level0;
}

}  // namespace sysboot::detail
