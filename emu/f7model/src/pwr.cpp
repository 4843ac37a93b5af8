#include "pwr.hpp"

namespace f7model::detail::pwr {

void Pwr::reset() {
    regs_.clear();
    regs_.set(CR1, host_.part().pwr_cr_reset);  // §4.4.1 (F4: PWR_CR, RM0390/RM0383 §5.4.1)
    regs_.set(CSR1, CSR1_VOSRDY);               // §4.4.2
}

bool Pwr::write(std::uint32_t addr, std::uint32_t v) {
    if (addr != CR1 && addr != CSR1) {
        regs_.set(addr, v);
        return false;
    }
    if (!rcc_.enabled(rcc::APB1ENR, rcc::APB1_PWR)) {
        host_.violation("PWR write with its clock off (ignored)");
        return false;
    }
    if (addr == CSR1) {
        return false;  // the modelled CSR1 bits are read-only status
    }
    if (((regs_.get(CR1) ^ v) & CR1_ODSWEN) != 0 && rcc_.sws() == rcc::kSwPll) {
        host_.violation("ODSWEN changed with the PLL as system clock (RM0410 §4.4.1)");
    }
    regs_.set(CR1, v & CR1_WRITABLE);
    std::uint32_t csr = CSR1_VOSRDY;
    csr |= (v & CR1_ODEN) != 0 ? CSR1_ODRDY : 0u;
    csr |= (v & CR1_ODSWEN) != 0 && (v & CR1_ODEN) != 0 ? CSR1_ODSWRDY : 0u;
    regs_.set(CSR1, csr);
    return true;
}

}  // namespace f7model::detail::pwr
