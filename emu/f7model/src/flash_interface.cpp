#include "flash_interface.hpp"

namespace f7model::detail::flash {

std::uint32_t FlashInterface::optcr() const {
    std::uint32_t v = host_.part().optcr_reset;
    v = (v & ~OPTCR_RDP) |
        (static_cast<std::uint32_t>(host_.config().faults.rdp) << OPTCR_RDP_SHIFT);
    if (host_.config().faults.dual_bank_boot) {
        v &= ~(OPTCR_NDBOOT | OPTCR_NDBANK);
    }
    return v;
}

std::uint32_t FlashInterface::peek(std::uint32_t addr) const {
    return addr == OPTCR ? optcr() : regs_.get(addr);
}

void FlashInterface::write(std::uint32_t addr, std::uint32_t v) {
    if (addr != ACR) {
        regs_.set(addr, v);
        return;
    }
    if ((v & ACR_ARTRST) != 0 && (v & ACR_ARTEN) != 0) {
        host_.violation("ART/instruction cache reset while enabled (RM0410 §3.3.3, RM0390 §3.5)");
    }
    std::uint32_t bits = ACR_LATENCY | ACR_PRFTEN | ACR_ARTEN | ACR_ARTRST;
    if (host_.part().family == Family::f4) {
        if ((v & ACR_F4_DCRST) != 0 && (v & ACR_F4_DCEN) != 0) {
            host_.violation("data cache reset while enabled (RM0390 §3.5)");
        }
        bits |= ACR_F4_DCEN | ACR_F4_DCRST;
    }
    regs_.set(ACR, v & bits);
}

}  // namespace f7model::detail::flash
