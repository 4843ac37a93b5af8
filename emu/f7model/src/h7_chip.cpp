#include "h7_chip.hpp"

#include <string>

namespace f7model::detail::h7 {

namespace {

bool in(std::uint32_t addr, std::uint32_t base, std::uint32_t size) {
    return addr >= base && addr < base + size;
}

// F7 RCC_CSR reset causes the model core passes (rcc.hpp), and the RCC_RSR flags the same
// cause sets on H7 (RM0433 "Reset source identification": a power-on reset also sets
// the pin, BOR, CPU and domain flags; SYSRESETREQ sets SFTRSTF with PINRSTF and CPURSTF).
constexpr std::uint32_t kF7Bor = 1u << 25, kF7Pin = 1u << 26, kF7Por = 1u << 27, kF7Sft = 1u << 28;

// Voltage-scale limits: CPU (sys_d1cpre_ck), AXI/AHB and APB maxima per VOS (index = scale
// 0..3). H74x/75x revision V: DS12110 "General operating conditions" / RM0433 "Voltage scaling";
// H72x/73x: DS13313 / RM0468 "Voltage scaling".
struct Limits {
    std::uint32_t cpu, axi, apb;
};
constexpr Limits kH743[4] = {{480'000'000, 240'000'000, 120'000'000},
                             {400'000'000, 200'000'000, 100'000'000},
                             {300'000'000, 150'000'000, 75'000'000},
                             {200'000'000, 100'000'000, 50'000'000}};
constexpr Limits kH723[4] = {{550'000'000, 275'000'000, 137'500'000},
                             {400'000'000, 200'000'000, 100'000'000},
                             {300'000'000, 150'000'000, 75'000'000},
                             {170'000'000, 85'000'000, 42'500'000}};
// AXI clock one flash wait state covers, per VOS (RM0433 "Read latency", table "FLASH recommended
// number of wait states and programming delay": 0 WS up to 70/70/55/45 MHz; the model requires one
// more wait state per step of that size, which is at least what the table asks).
constexpr std::uint32_t kHzPerWaitState[4] = {70'000'000, 70'000'000, 55'000'000, 45'000'000};

// GPIO reset values (RM0433 "GPIO registers"): every pin analog (MODER 11) except the debug
// pins on ports A and B.
std::uint32_t gpio_reset(unsigned port, std::uint32_t off) {
    if (off == 0x00) {
        return port == 0 ? 0xABFFFFFFu : port == 1 ? 0xFFFFFEBFu : 0xFFFFFFFFu;
    }
    if (off == 0x08) {
        return port == 0 ? 0x0C000000u : port == 1 ? 0x000000C0u : 0u;
    }
    if (off == 0x0C) {
        return port == 0 ? 0x64000000u : port == 1 ? 0x00000100u : 0u;
    }
    return 0;
}

constexpr std::uint32_t kUsartSize = 0x400, CR1 = 0x00, BRR = 0x0C, ISR = 0x1C, ICR = 0x20,
                        RDR = 0x24, TDR = 0x28;
constexpr std::uint32_t CR1_UE = 1u << 0, CR1_RE = 1u << 2, CR1_TE = 1u << 3;
constexpr std::uint32_t ISR_RXNE = 1u << 5, ISR_TC = 1u << 6, ISR_TXE = 1u << 7,
                        ISR_TEACK = 1u << 21, ISR_REACK = 1u << 22;

}  // namespace

Chip::Chip(Host& host)
    : host_(host),
      scs_(host),
      rcc_(host),
      usarts_{{USART1, {}, {}}, {USART2, {}, {}}, {USART3, {}, {}}} {}

std::uint32_t Chip::rsr_flags(std::uint32_t f7) {
    std::uint32_t r = 0;
    r |= (f7 & kF7Bor) != 0 ? h7rcc::RSR_BORRSTF : 0u;
    r |= (f7 & kF7Por) != 0
             ? h7rcc::RSR_PORRSTF | h7rcc::RSR_D1RSTF | h7rcc::RSR_D2RSTF | h7rcc::RSR_CPURSTF
             : 0u;
    r |= (f7 & kF7Pin) != 0 ? h7rcc::RSR_PINRSTF | h7rcc::RSR_CPURSTF : 0u;
    r |= (f7 & kF7Sft) != 0 ? h7rcc::RSR_SFTRSTF : 0u;
    return r;
}

void Chip::system_reset(std::uint32_t f7_csr_flags) {
    rcc_.reset(rsr_flags(f7_csr_flags));
    reset_blocks();
}

void Chip::power_on_reset(std::uint32_t f7_csr_flags) {
    rcc_.power_on_reset(rsr_flags(f7_csr_flags));
    cr3_written_ = false;  // the supply configuration is write-once per power-on
    reset_blocks();
}

void Chip::reset_blocks() {
    other_.clear();
    scs_.reset();
    pwr_.clear();
    pwr_.set(PWR_CSR1, CSR1_ACTVOSRDY);
    pwr_.set(PWR_CR3, 0x00000006u);                            // LDOEN | SCUEN ("PWR registers")
    pwr_.set(PWR_D3CR, (1u << D3CR_VOS_SHIFT) | D3CR_VOSRDY);  // scale 3 ("PWR registers")
    flash_.clear();
    flash_.set(FLASH_ACR, host_.part().part == Part::h743 ? 0x37u : 0x13u);  // "FLASH registers"
    gpio_.clear();
    for (unsigned p = 0; p < h7rcc::kGpioPorts; ++p) {
        reset_port(p);
    }
    for (Usart& u : usarts_) {
        u.regs.clear();
    }
}

void Chip::reset_port(unsigned port) {
    for (std::uint32_t off = 0; off <= 0x24; off += 4) {
        gpio_.set(GPIOA + kPortSize * port + off, gpio_reset(port, off));
    }
}

Chip::Usart* Chip::usart_at(std::uint32_t addr) {
    return const_cast<Usart*>(static_cast<const Chip*>(this)->usart_at(addr));
}
const Chip::Usart* Chip::usart_at(std::uint32_t addr) const {
    for (const Usart& u : usarts_) {
        if (in(addr, u.base, kUsartSize)) {
            return &u;
        }
    }
    return nullptr;
}

void Chip::receive(std::uint32_t usart_base, std::uint8_t byte) {
    if (Usart* u = usart_at(usart_base); u != nullptr) {
        u->rx.push_back(byte);
    }
}

bool Chip::usart_clock_on(const Usart& u) const {
    return u.base == USART1   ? rcc_.enabled(h7rcc::APB2ENR, h7rcc::APB2_USART1)
           : u.base == USART2 ? rcc_.enabled(h7rcc::APB1LENR, h7rcc::APB1L_USART2)
                              : rcc_.enabled(h7rcc::APB1LENR, h7rcc::APB1L_USART3);
}

std::uint32_t Chip::usart_peek(const Usart& u, std::uint32_t addr) const {
    const std::uint32_t cr1 = u.regs.get(u.base + CR1);
    const bool rx_on = (cr1 & (CR1_UE | CR1_RE)) == (CR1_UE | CR1_RE);
    if (addr - u.base == ISR) {
        return ISR_TXE | ISR_TC | (rx_on && !u.rx.empty() ? ISR_RXNE : 0u) |
               ((cr1 & CR1_UE) != 0 ? ISR_TEACK | ISR_REACK : 0u);
    }
    if (addr - u.base == RDR) {
        return rx_on && !u.rx.empty() ? u.rx.front() : 0u;
    }
    return u.regs.get(addr);
}

// A byte written to TDR leaves at once; its baud rate comes from the kernel clock: the D2 APB2
// clock for USART1, D2 APB1 for USART2/3, while D2CCIP2R selects the bus clock (USART16SEL
// [5:3], USART234578SEL [2:0] = 0, their reset value; any other source counts as garbled).
std::uint32_t Chip::usart_write(Usart& u, std::uint32_t addr, std::uint32_t v) {
    if (!usart_clock_on(u)) {
        host_.violation("USART write with its clock off");
        return 0;
    }
    const std::uint32_t off = addr - u.base;
    if (off == ISR || off == ICR) {
        return 0;
    }
    if (off != TDR) {
        u.regs.set(addr, v);
        return 0;
    }
    if ((u.regs.get(u.base + CR1) & (CR1_UE | CR1_TE)) != (CR1_UE | CR1_TE)) {
        host_.violation("USART data register written while UE/TE off: byte lost");
        return 0;
    }
    const std::uint32_t sel = rcc_.peek(h7rcc::D2CCIP2R) & (u.base == USART1 ? 0x38u : 0x7u);
    const std::uint32_t clk = sel != 0 ? 0u : rcc_.pclk(u.base == USART1 ? 2 : 1);
    const std::uint32_t brr = u.regs.get(u.base + BRR);
    const double baud = brr == 0 ? 0.0 : static_cast<double>(clk) / brr;
    const bool ok = baud > 115200.0 * 0.97 && baud < 115200.0 * 1.03;
    host_.console_byte(static_cast<std::uint8_t>(v), ok);
    return ok ? 1u : 0u;
}

std::uint32_t Chip::peek(std::uint32_t addr) const {
    const std::uint32_t w = addr & ~3u;
    if (in(w, scs::kBase, scs::kSize)) {
        return scs_.peek(w);
    }
    if (in(w, h7rcc::kBase, h7rcc::kSize)) {
        return rcc_.peek(w);
    }
    if (in(w, PWR, 0x400)) {
        return pwr_.get(w);
    }
    if (in(w, FLASH, 0x400)) {
        if (w == FLASH_OPTSR_CUR) {
            const std::uint32_t rdp = host_.config().faults.rdp;
            return (host_.part().optcr_reset & ~0xFF00u) | (rdp << 8);
        }
        return flash_.get(w);
    }
    if (in(w, GPIOA, kPortSize * h7rcc::kGpioPorts)) {
        if ((w % kPortSize) == 0x10) {  // IDR reads what ODR drives
            return gpio_.get(w + 4);
        }
        return gpio_.get(w);
    }
    if (const Usart* u = usart_at(w); u != nullptr) {
        return usart_peek(*u, w);
    }
    if (w == DBGMCU_IDCODE) {
        const std::uint16_t id = host_.config().faults.dev_id_override;
        const std::uint32_t rev = host_.part().part == Part::h743 ? 0x2003u : 0x1001u;
        return (rev << 16) | (id != 0 ? id : host_.part().dev_id);
    }
    return other_.get(w);
}

std::uint32_t Chip::load(std::uint32_t addr, unsigned size) {
    const std::uint32_t w = addr & ~3u;
    const std::uint32_t v = peek(w);
    if (Usart* u = usart_at(w); u != nullptr && w - u->base == RDR) {
        const std::uint32_t cr1 = u->regs.get(u->base + CR1);
        if ((cr1 & (CR1_UE | CR1_RE)) == (CR1_UE | CR1_RE) && !u->rx.empty()) {
            u->rx.pop_front();  // the CPU's read takes the byte
        }
    }
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
    if (in(w, h7rcc::kBase, h7rcc::kSize)) {
        apply(rcc_.write(w, v));
        check_clocks();
        return 0;
    }
    if (in(w, FLASH, 0x400)) {
        if (w == FLASH_ACR) {
            flash_.set(w, v & 0x3Fu);
            check_clocks();
            return rcc_.sws();
        }
        if (w != FLASH_OPTSR_CUR) {
            flash_.set(w, v);
        }
        return 0;
    }
    if (in(w, PWR, 0x400)) {
        write_pwr(w, v);
        return 0;
    }
    if (w == SYSCFG_PWRCR) {
        if (!rcc_.enabled(h7rcc::APB4ENR, h7rcc::APB4_SYSCFG)) {
            host_.violation("SYSCFG write with its clock off");
            return 0;
        }
        if ((v & 1u) != 0 && vos_scale() != 1) {
            host_.violation(
                "ODEN set outside VOS1 (RM0433 'Voltage scaling': VOS0 only from VOS1)");
        }
        other_.set(w, v & 1u);
        check_clocks();
        return 0;
    }
    if (in(w, GPIOA, kPortSize * h7rcc::kGpioPorts)) {
        write_gpio(w, v);
        return 0;
    }
    if (Usart* u = usart_at(w); u != nullptr) {
        return usart_write(*u, w, v);
    }
    other_.set(w, v);
    return 0;
}

// CR3 (supply source) takes one write per power-on (RM0433 "Power supply configuration": "the
// supply configuration is locked until the next power cycle"); D3CR.VOS changes are ready at once
// (VOSRDY).
void Chip::write_pwr(std::uint32_t w, std::uint32_t v) {
    if (w == PWR_CR3) {
        if (cr3_written_ && (v & 7u) != (pwr_.get(w) & 7u)) {
            host_.violation("PWR_CR3 supply configuration changed after its first write");
            return;
        }
        cr3_written_ = true;
        pwr_.set(w, v & ~4u);  // SCUEN reads 0 once the configuration is locked
        return;
    }
    if (w == PWR_D3CR) {
        pwr_.set(w, (v & (3u << D3CR_VOS_SHIFT)) | D3CR_VOSRDY);
        check_clocks();
        return;
    }
    if (w != PWR_CSR1) {
        pwr_.set(w, v);
    }
}

void Chip::write_gpio(std::uint32_t w, std::uint32_t v) {
    const unsigned port = (w - GPIOA) / kPortSize;
    if (!rcc_.enabled(h7rcc::AHB4ENR, 1u << port)) {
        host_.violation("GPIO" + std::string(1, static_cast<char>('A' + port)) +
                        " write with its clock off");
        return;
    }
    if ((w % kPortSize) == 0x18) {  // BSRR
        const std::uint32_t odr = w - 0x18 + 0x14;
        gpio_.set(odr, (gpio_.get(odr) | (v & 0xFFFFu)) & ~(v >> 16));
        return;
    }
    gpio_.set(w, v);
}

void Chip::apply(const h7rcc::Pulses& p) {
    for (unsigned port = 0; port < h7rcc::kGpioPorts; ++port) {
        if ((p.gpio_ports & (1u << port)) != 0) {
            reset_port(port);
        }
    }
    const bool reset[3] = {p.usart1, p.usart2, p.usart3};
    for (unsigned i = 0; i < 3; ++i) {
        if (reset[i]) {
            usarts_[i].regs.clear();
        }
    }
}

unsigned Chip::vos_scale() const {
    const std::uint32_t vos = (pwr_.get(PWR_D3CR) >> D3CR_VOS_SHIFT) & 3u;
    if (vos == 3 && host_.part().part == Part::h743 && (other_.get(SYSCFG_PWRCR) & 1u) != 0) {
        return 0;  // VOS1 + ODEN = VOS0 on H74x/75x
    }
    constexpr unsigned kScale[4] = {0, 3, 2, 1};  // VOS field 00 (H72x VOS0), 01, 10, 11
    return kScale[vos];
}

void Chip::check_clocks() {
    const unsigned s = vos_scale();
    const Limits& l = (host_.part().part == Part::h743 ? kH743 : kH723)[s];
    const std::uint32_t cpu = rcc_.cpu_hz(), axi = rcc_.hclk();
    const std::string at = " at VOS" + std::to_string(s);
    if (cpu > l.cpu) {
        host_.violation("CPU clock " + std::to_string(cpu) + " above its maximum" + at);
    }
    if (axi > l.axi) {
        host_.violation("AXI clock " + std::to_string(axi) + " above its maximum" + at);
    }
    // The reset state itself (HSI 64 MHz, every prescaler /1, VOS3) runs the APBs above the
    // VOS3 figure, so below VOS1 the APBs are held to the VOS1 maximum only.
    const std::uint32_t apb_max =
        s <= 1 ? l.apb : (host_.part().part == Part::h743 ? kH743 : kH723)[1].apb;
    for (unsigned d = 1; d <= 4; ++d) {
        if (rcc_.pclk(d) > apb_max) {
            host_.violation("APB" + std::to_string(d) + " clock above its maximum" + at);
        }
    }
    const std::uint32_t need = axi == 0 ? 0 : (axi - 1) / kHzPerWaitState[s];
    const std::uint32_t latency = flash_.get(FLASH_ACR) & 0xFu;
    if (latency < need) {
        host_.violation("flash latency " + std::to_string(latency) + " WS too low for AXI " +
                        std::to_string(axi) + at);
    }
}

}  // namespace f7model::detail::h7
