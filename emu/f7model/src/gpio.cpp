#include "gpio.hpp"

#include <string>

namespace f7model::detail::gpio {

namespace {

// Reset values (§6.4.1 MODER, §6.4.3 OSPEEDR, §6.4.4 PUPDR): ports A and B carry the debug
// pins (JTAG/SWD) at reset; every other register and port resets to 0.
std::uint32_t reset_value(unsigned port, std::uint32_t offset) {
    if (port == 0) {
        return offset == MODER     ? 0xA8000000u
               : offset == OSPEEDR ? 0x0C000000u
               : offset == PUPDR   ? 0x64000000u
                                   : 0;
    }
    if (port == 1) {
        return offset == MODER     ? 0x00000280u
               : offset == OSPEEDR ? 0x000000C0u
               : offset == PUPDR   ? 0x00000100u
                                   : 0;
    }
    return 0;
}

}  // namespace

void Gpio::reset_port(unsigned port) {
    for (std::uint32_t off = MODER; off <= AFRH; off += 4) {
        regs_.set(kBase + kPortSize * port + off, reset_value(port, off));
    }
}

void Gpio::reset() {
    regs_.clear();
    for (unsigned p = 0; p < rcc::kGpioPorts; ++p) {
        reset_port(p);
    }
}

std::uint32_t Gpio::peek(std::uint32_t addr) const {
    if ((addr % kPortSize) == IDR) {
        return regs_.get(addr - IDR + ODR);
    }
    return regs_.get(addr);
}

void Gpio::write(std::uint32_t addr, std::uint32_t v) {
    const unsigned port = (addr - kBase) / kPortSize;
    if (!rcc_.enabled(rcc::AHB1ENR, 1u << port)) {
        host_.violation("GPIO" + std::string(1, static_cast<char>('A' + port)) +
                        " write with its clock off");
        return;
    }
    if ((addr % kPortSize) == BSRR) {
        // §6.4.7: BS [15:0] set ODR bits, BR [31:16] reset them.
        const std::uint32_t odr = addr - BSRR + ODR;
        regs_.set(odr, (regs_.get(odr) | (v & 0xFFFFu)) & ~(v >> 16));
        return;
    }
    regs_.set(addr, v);
}

}  // namespace f7model::detail::gpio
