#include "l4g4_chip.hpp"

#include <string>

namespace f7model::detail::l4g4 {

namespace {

bool in(std::uint32_t addr, std::uint32_t base, std::uint32_t size) {
    return addr >= base && addr < base + size;
}

// DBGMCU_IDCODE at 0xE0042000 (CMSIS DBGMCU_BASE): REV_ID [31:16], DEV_ID [11:0].
constexpr std::uint32_t DBGMCU_IDCODE = 0xE0042000, kRevId = 0x1001;

// Reset flags arrive in the F7/F4 RCC_CSR positions (model.cpp): PINRSTF 26 and SFTRSTF 28 are
// the same bits here; F "PORRSTF" (27) is BORRSTF here, which a power-on sets (RM0351/RM0440:
// a POR is a brown-out reset); F "BORRSTF" (25) is OBLRSTF here and is dropped.
std::uint32_t csr_flags_here(std::uint32_t f_flags) {
    return f_flags & (CSR_PINRSTF | CSR_BORRSTF | CSR_SFTRSTF);
}

// Flash wait states and frequency limits in voltage range 1: L4 one WS per 16 MHz up to 80 MHz
// (RM0351 "Read access latency"); G4 one per 30 MHz up to 150 MHz in normal mode, one per
// 34 MHz up to 170 MHz in boost mode (RM0440 "Read access latency").
struct Range1 {
    std::uint32_t hz_per_ws, max_hz;
};
constexpr Range1 kL4{16'000'000, 80'000'000}, kG4Normal{30'000'000, 150'000'000},
    kG4Boost{34'000'000, 170'000'000};

}  // namespace

Chip::Chip(Host& host)
    : host_(host),
      scs_(host),
      rcc_(host),
      flash_(host),
      pwr_(host, rcc_),
      gpio_(host, rcc_),
      usart1_(host, rcc_, kUsart1),
      usart2_(host, rcc_, kUsart2),
      usart3_(host, rcc_, kUsart3),
      lpuart1_(host, rcc_, kLpuart1) {}

void Chip::system_reset(std::uint32_t csr_flags) {
    rcc_.reset(csr_flags_here(csr_flags));
    reset_blocks();
}

void Chip::power_on_reset(std::uint32_t csr_flags) {
    rcc_.power_on_reset(csr_flags_here(csr_flags));
    reset_blocks();
}

void Chip::reset_blocks() {
    other_.clear();
    scs_.reset();
    flash_.reset();
    pwr_.reset();
    gpio_.reset();
    usart1_.reset();
    usart2_.reset();
    usart3_.reset();
    lpuart1_.reset();
}

Usart* Chip::usart_at(std::uint32_t addr) {
    return const_cast<Usart*>(static_cast<const Chip*>(this)->usart_at(addr));
}
const Usart* Chip::usart_at(std::uint32_t addr) const {
    return in(addr, kUsart1, kUsartSize)    ? &usart1_
           : in(addr, kUsart2, kUsartSize)  ? &usart2_
           : in(addr, kUsart3, kUsartSize)  ? &usart3_
           : in(addr, kLpuart1, kUsartSize) ? &lpuart1_
                                            : nullptr;
}

void Chip::receive(std::uint32_t usart_base, std::uint8_t byte) {
    if (Usart* u = usart_at(usart_base); u != nullptr) {
        u->receive(byte);
    }
}

std::uint32_t Chip::peek(std::uint32_t addr) const {
    const std::uint32_t w = addr & ~3u;
    if (in(w, scs::kBase, scs::kSize)) {
        return scs_.peek(w);
    }
    if (in(w, kRccBase, kRccSize)) {
        return rcc_.peek(w);
    }
    if (in(w, kFlashBase, kFlashSize)) {
        return flash_.peek(w);
    }
    if (in(w, kPwrBase, kPwrSize)) {
        return pwr_.peek(w);
    }
    if (in(w, kGpioBase, kGpioSize)) {
        return gpio_.peek(w);
    }
    if (const Usart* u = usart_at(w); u != nullptr) {
        return u->peek(w);
    }
    if (w == DBGMCU_IDCODE) {
        const std::uint16_t override_id = host_.config().faults.dev_id_override;
        return (kRevId << 16) | (override_id != 0 ? override_id : host_.part().dev_id);
    }
    return other_.get(w);
}

std::uint32_t Chip::load(std::uint32_t addr, unsigned size) {
    const std::uint32_t w = addr & ~3u;
    Usart* u = usart_at(w);
    const std::uint32_t v = u != nullptr ? u->read(w) : peek(w);
    const unsigned shift = 8 * (addr & 3u);
    return size == 4 ? v : (v >> shift) & (size == 1 ? 0xFFu : 0xFFFFu);
}

std::uint32_t Chip::store(std::uint32_t addr, std::uint32_t v, unsigned size) {
    if (in(addr, scs::kBase, scs::kSize)) {
        scs_.write(addr, v, size);
        return 0;
    }
    const std::uint32_t w = addr & ~3u;
    if (size != 4) {
        const unsigned shift = 8 * (addr & 3u);
        const std::uint32_t mask = (size == 1 ? 0xFFu : 0xFFFFu) << shift;
        v = (peek(w) & ~mask) | ((v << shift) & mask);
    }
    return store_word(w, v);
}

std::uint32_t Chip::store_word(std::uint32_t w, std::uint32_t v) {
    if (in(w, kRccBase, kRccSize)) {
        apply(rcc_.write(w, v));
        if (w == CR || w == CFGR) {
            check_clocks();
        }
        return 0;
    }
    if (in(w, kFlashBase, kFlashSize)) {
        flash_.write(w, v);
        if (w != FLASH_ACR) {
            return 0;
        }
        check_clocks();
        return rcc_.sws() == rcc_.reset_source() ? 0u : 1u + rcc_.sws();
    }
    if (in(w, kPwrBase, kPwrSize)) {
        pwr_.write(w, v);
        check_clocks();
        return 0;
    }
    if (in(w, kGpioBase, kGpioSize)) {
        gpio_.write(w, v);
        return 0;
    }
    if (Usart* u = usart_at(w); u != nullptr) {
        return u->write(w, v);
    }
    other_.set(w, v);
    return 0;
}

void Chip::apply(const Pulses& p) {
    for (unsigned port = 0; port < kGpioPorts; ++port) {
        if ((p.gpio_ports & (1u << port)) != 0) {
            gpio_.reset_port(port);
        }
    }
    if (p.usart1) {
        usart1_.reset();
    }
    if (p.usart2) {
        usart2_.reset();
    }
    if (p.usart3) {
        usart3_.reset();
    }
    if (p.lpuart1) {
        lpuart1_.reset();
    }
    if (p.pwr) {
        pwr_.reset();
    }
}

void Chip::check_clocks() {
    const Range1 r = host_.part().family == Family::l4 ? kL4 : pwr_.boost() ? kG4Boost : kG4Normal;
    const std::uint32_t h = rcc_.hclk();
    const std::uint32_t need = h == 0 ? 0 : (h - 1) / r.hz_per_ws;
    if (flash_.latency() < need) {
        host_.violation("flash latency " + std::to_string(flash_.latency()) +
                        " WS too low for HCLK " + std::to_string(h));
    }
    if (rcc_.sysclk() > r.max_hz) {
        host_.violation("SYSCLK " + std::to_string(rcc_.sysclk()) + " above the range maximum " +
                        std::to_string(r.max_hz));
    }
    const PartInfo& part = host_.part();
    if (rcc_.pclk1() > part.apb1_max_hz || rcc_.pclk2() > part.apb2_max_hz) {
        host_.violation("APB clock above its maximum");
    }
}

}  // namespace f7model::detail::l4g4
