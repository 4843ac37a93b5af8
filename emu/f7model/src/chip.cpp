#include "chip.hpp"

#include <string>

namespace f7model::detail {

namespace {

bool in(std::uint32_t addr, std::uint32_t base, std::uint32_t size) {
    return addr >= base && addr < base + size;
}

// DBGMCU_IDCODE (RM0410 §40.6.1, RM0390 "MCU device ID code"): REV_ID [31:16], DEV_ID [11:0],
// at 0xE0042000 on F7 and F4.
constexpr std::uint32_t DBGMCU_IDCODE = 0xE0042000;
constexpr std::uint32_t kRevId = 0x1001;

// Clock limits, 2.7-3.6 V: one flash wait state per 30 MHz of HCLK (RM0410 §3.3.2 Table 7,
// RM0390 §3.4.1 Table 5; the F411 table (RM0383 §3.4.1) allows more per wait state, so the
// model is stricter there). Over-drive and APB maxima come from the part (parts.cpp).
constexpr std::uint32_t kHzPerWaitState = 30'000'000;

}  // namespace

Chip::Chip(Host& host)
    : host_(host),
      scs_(host),
      rcc_(host),
      flash_(host),
      pwr_(host, rcc_),
      gpio_(host, rcc_),
      usart1_(host, rcc_, usart::kUsart1),
      usart2_(host, rcc_, usart::kUsart2),
      usart3_(host, rcc_, usart::kUsart3),
      g0_(host.part().family == Family::g0 ? std::make_unique<g0::Bus>(host) : nullptr),
      h7_(host.part().family == Family::h7 ? std::make_unique<h7::Chip>(host) : nullptr) {}

void Chip::system_reset(std::uint32_t csr_flags) {
    if (h7_) {
        return h7_->system_reset(csr_flags);
    }
    if (g0_) {
        g0_->system_reset(csr_flags);
    }
    rcc_.reset(csr_flags);
    reset_blocks();
}

void Chip::power_on_reset(std::uint32_t csr_flags) {
    if (h7_) {
        return h7_->power_on_reset(csr_flags);
    }
    if (g0_) {
        g0_->power_on_reset(csr_flags);
    }
    rcc_.power_on_reset(csr_flags);
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
}

usart::Usart* Chip::usart_at(std::uint32_t addr) {
    return const_cast<usart::Usart*>(static_cast<const Chip*>(this)->usart_at(addr));
}
const usart::Usart* Chip::usart_at(std::uint32_t addr) const {
    return in(addr, usart::kUsart1, usart::kSize)   ? &usart1_
           : in(addr, usart::kUsart2, usart::kSize) ? &usart2_
           : in(addr, usart::kUsart3, usart::kSize) ? &usart3_
                                                    : nullptr;
}

void Chip::receive(std::uint32_t usart_base, std::uint8_t byte) {
    if (h7_) {
        return h7_->receive(usart_base, byte);
    }
    if (g0_) {
        g0_->receive(usart_base, byte);
        return;
    }
    if (usart::Usart* u = usart_at(usart_base); u != nullptr) {
        u->receive(byte);
    }
}

std::uint32_t Chip::peek(std::uint32_t addr) const {
    if (h7_) {
        return h7_->peek(addr);
    }
    const std::uint32_t w = addr & ~3u;
    if (in(w, scs::kBase, scs::kSize)) {
        return scs_.peek(w);
    }
    if (g0_) {
        return g0_->peek(w);
    }
    if (in(w, rcc::kBase, rcc::kSize)) {
        return rcc_.peek(w);
    }
    if (in(w, flash::kBase, flash::kSize)) {
        return flash_.peek(w);
    }
    if (in(w, pwr::kBase, pwr::kSize)) {
        return pwr_.peek(w);
    }
    if (in(w, gpio::kBase, gpio::kSize)) {
        return gpio_.peek(w);
    }
    if (const usart::Usart* u = usart_at(w); u != nullptr) {
        return u->peek(w);
    }
    if (w == DBGMCU_IDCODE) {
        const std::uint16_t override_id = host_.config().faults.dev_id_override;
        return (kRevId << 16) | (override_id != 0 ? override_id : host_.part().dev_id);
    }
    return other_.get(w);
}

std::uint32_t Chip::load(std::uint32_t addr, unsigned size) {
    if (h7_) {
        return h7_->load(addr, size);
    }
    const std::uint32_t w = addr & ~3u;
    usart::Usart* u = g0_ ? nullptr : usart_at(w);
    const std::uint32_t v = g0_ && !in(w, scs::kBase, scs::kSize) ? g0_->load(w)
                            : u != nullptr                        ? u->read(w)
                                                                  : peek(w);
    const unsigned shift = 8 * (addr & 3u);
    return size == 4 ? v : (v >> shift) & (size == 1 ? 0xFFu : 0xFFFFu);
}

std::uint32_t Chip::store(std::uint32_t addr, std::uint32_t v, unsigned size) {
    if (h7_) {
        return h7_->store(addr, v, size);
    }
    if (in(addr, scs::kBase, scs::kSize)) {
        scs_.write(addr, v, size);  // sub-word priority stores are the SCS's own
        return 0;
    }
    const std::uint32_t w = addr & ~3u;
    if (size != 4) {  // merge into the word as it reads now
        const unsigned shift = 8 * (addr & 3u);
        const std::uint32_t mask = (size == 1 ? 0xFFu : 0xFFFFu) << shift;
        v = (peek(w) & ~mask) | ((v << shift) & mask);
    }
    return store_word(w, v);
}

std::uint32_t Chip::store_word(std::uint32_t w, std::uint32_t v) {
    if (g0_) {
        return g0_->store_word(w, v);
    }
    if (in(w, rcc::kBase, rcc::kSize)) {
        apply(rcc_.write(w, v));
        if (w == rcc::CR || w == rcc::CFGR) {
            check_clocks();
        }
        return 0;
    }
    if (in(w, flash::kBase, flash::kSize)) {
        flash_.write(w, v);
        if (w != flash::ACR) {
            return 0;
        }
        check_clocks();
        return rcc_.sws();
    }
    if (in(w, pwr::kBase, pwr::kSize)) {
        if (pwr_.write(w, v)) {
            check_clocks();
        }
        return 0;
    }
    if (in(w, gpio::kBase, gpio::kSize)) {
        gpio_.write(w, v);
        return 0;
    }
    if (usart::Usart* u = usart_at(w); u != nullptr) {
        return u->write(w, v);
    }
    other_.set(w, v);
    return 0;
}

void Chip::apply(const rcc::Pulses& p) {
    for (unsigned port = 0; port < rcc::kGpioPorts; ++port) {
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
    if (p.pwr) {
        pwr_.reset();
    }
}

void Chip::check_clocks() {
    const std::uint32_t h = rcc_.hclk();
    const std::uint32_t need = h == 0 ? 0 : (h - 1) / kHzPerWaitState;
    if (flash_.latency() < need) {
        host_.violation("flash latency " + std::to_string(flash_.latency()) +
                        " WS too low for HCLK " + std::to_string(h));
    }
    const PartInfo& part = host_.part();
    if (h > part.no_over_drive_max_hz && !pwr_.over_drive()) {
        host_.violation("HCLK " + std::to_string(h) + " without over-drive");
    }
    if (rcc_.pclk1() > part.apb1_max_hz || rcc_.pclk2() > part.apb2_max_hz) {
        host_.violation("APB clock above its maximum");
    }
}

}  // namespace f7model::detail
