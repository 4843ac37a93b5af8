#include "g0_bus.hpp"

#include <string>

namespace f7model::detail::g0 {

namespace {

bool in(std::uint32_t addr, std::uint32_t base, std::uint32_t size) {
    return addr >= base && addr < base + size;
}

// DBG_IDCODE (RM0444 DBG chapter; CMSIS DBG_BASE 0x40015800): REV_ID [31:16], DEV_ID [11:0].
constexpr std::uint32_t DBG_IDCODE = 0x40015800, kRevId = 0x2000;
constexpr std::uint32_t kFlags = (1u << 26) | (1u << 27) | (1u << 28);

// Flash wait states in range 1 (RM0444 §3.3.4 Table "Number of wait states"): 0 WS up to 24
// MHz, 1 WS up to 48 MHz, 2 WS up to 64 MHz; 64 MHz is the HCLK and PCLK maximum; range 2
// allows 16 MHz at most (§4.1.4).
constexpr std::uint32_t kHzPerWaitState = 24'000'000, kMaxHz = 64'000'000, kRange2Hz = 16'000'000;

}  // namespace

Bus::Bus(Host& host)
    : host_(host),
      rcc_(host),
      flash_(host),
      pwr_(host, rcc_),
      gpio_(host, rcc_),
      usart1_(host, rcc_, kUsart1),
      usart2_(host, rcc_, kUsart2) {}

void Bus::system_reset(std::uint32_t csr_flags) {
    rcc_.reset(csr_flags & kFlags);
    reset_blocks();
}

void Bus::power_on_reset(std::uint32_t csr_flags) {
    rcc_.power_on_reset(csr_flags & kFlags);
    reset_blocks();
}

void Bus::reset_blocks() {
    other_.clear();
    flash_.reset();
    pwr_.reset();
    gpio_.reset();
    usart1_.reset();
    usart2_.reset();
}

Usart* Bus::usart_at(std::uint32_t addr) {
    return const_cast<Usart*>(static_cast<const Bus*>(this)->usart_at(addr));
}
const Usart* Bus::usart_at(std::uint32_t addr) const {
    return in(addr, kUsart1, kUsartSize)   ? &usart1_
           : in(addr, kUsart2, kUsartSize) ? &usart2_
                                           : nullptr;
}

void Bus::receive(std::uint32_t usart_base, std::uint8_t byte) {
    if (Usart* u = usart_at(usart_base); u != nullptr) {
        u->receive(byte);
    }
}

std::uint32_t Bus::peek(std::uint32_t w) const {
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
    if (w == DBG_IDCODE) {
        const std::uint16_t id = host_.config().faults.dev_id_override;
        return (kRevId << 16) | (id != 0 ? id : host_.part().dev_id);
    }
    return other_.get(w);
}

std::uint32_t Bus::load(std::uint32_t w) {
    Usart* u = usart_at(w);
    return u != nullptr ? u->read(w) : peek(w);
}

std::uint32_t Bus::store_word(std::uint32_t w, std::uint32_t v) {
    if (in(w, kRccBase, kRccSize)) {
        apply(rcc_.write(w, v));
        if (w == RCC_CR || w == RCC_CFGR) {
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
        return rcc_.sws();
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

void Bus::apply(const Pulses& p) {
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
    if (p.pwr) {
        pwr_.reset();
    }
}

void Bus::check_clocks() {
    const std::uint32_t h = rcc_.hclk();
    const std::uint32_t need = h == 0 ? 0 : (h - 1) / kHzPerWaitState;
    if (flash_.latency() < need) {
        host_.violation("flash latency " + std::to_string(flash_.latency()) +
                        " WS too low for HCLK " + std::to_string(h));
    }
    if (h > kMaxHz || rcc_.pclk() > kMaxHz || (pwr_.range2() && h > kRange2Hz)) {
        host_.violation("HCLK " + std::to_string(h) + " above the G0's maximum for its range");
    }
}

}  // namespace f7model::detail::g0
