#include "scs.hpp"

#include "memory_map.hpp"

namespace f7model::detail::scs {

namespace {

bool in(std::uint32_t addr, std::uint32_t base, std::uint32_t size) {
    return addr >= base && addr < base + size;
}
std::uint32_t word_index(std::uint32_t addr, std::uint32_t base) {
    return (addr - base) / 4;
}

// Cortex-M7 cache identification (TRM §4.1.2-§4.1.3): L1 I and D caches (CLIDR Ctype1 = 3,
// LoC = LoUU = 1), CTR with 8-word lines everywhere.
constexpr std::uint32_t kClidr = 0x09000003u, kCtr = 0x8303C003u;
// CCSIDR (DDI0403E §B4.8.3): WT, WB, RA, WA [31:28]; NumSets-1 [27:13]; Associativity-1
// [12:3]; LineSize [2:0] = log2(words per line) - 2.
constexpr std::uint32_t kCcsidrPolicies = 0xFu << 28, kLineBytes = 32, kLineSizeField = 1;
constexpr std::uint32_t kDcacheWays = 4, kIcacheWays = 2;

// Armv6-M CCR.UNALIGN_TRP (DDI0419E §B3.2 "CCR").
constexpr std::uint32_t kCcrUnalignTrp = 1u << 3;

}  // namespace

// STM32F7/F4 implement 4 priority bits (PM0253 §4.3.7, PM0214 §4.3.7), the STM32G0 2 (CMSIS
// __NVIC_PRIO_BITS 2): the low bits of each byte are RAZ/WI.
std::uint8_t Scs::priority_bits() const {
    return host_.part().family == Family::g0 ? 0xC0 : kPriorityBits;
}

void Scs::reset() {
    regs_.clear();
    ipr_.fill(0);
    enabled_.fill(0);
    pending_.fill(0);
    mpu_rbar_.fill(0);
    mpu_rasr_.fill(0);
    systick_pending_ = pendsv_pending_ = false;
    // CLKSOURCE reads 1 (processor clock) on STM32F7 (PM0253 §4.5.1).
    regs_.set(SYST_CSR, SYST_CSR_CLKSOURCE);
    const bool m7 = host_.part().family == Family::f7 || host_.part().family == Family::h7;
    const bool v6m = host_.part().family == Family::g0;
    // CCR reset: Cortex-M7 TRM §3.3 (BP, STKALIGN); Cortex-M4 TRM §4.1 / PM0214 §4.4.7
    // (STKALIGN only: no branch predictor, no caches); Armv6-M: STKALIGN and UNALIGN_TRP read
    // as one (DDI0419E §B3.2 "CCR").
    regs_.set(CCR, m7    ? (CCR_BP | CCR_STKALIGN)
                   : v6m ? (CCR_STKALIGN | kCcrUnalignTrp)
                         : CCR_STKALIGN);
    if (!v6m) {  // no FPU on the Cortex-M0+: CPACR and FPCCR are reserved, read as zero
        regs_.set(FPCCR, FPCCR_ASPEN | FPCCR_LSPEN);  // §B3.2.23
    }
    // VTOR resets to the boot address on F7 (RM0410 §2.6), to 0 on the Cortex-M4 (PM0214
    // §4.4.4), where flash is aliased.
    // H7: the boot address BOOT_ADD0 (0x08000000 as shipped, RM0433 "Boot configuration") is VTOR's
    // reset value.
    const Family fam = host_.part().family;
    regs_.set(VTOR, fam == Family::f7   ? memory::kBootAddress
                    : fam == Family::h7 ? 0x08000000u
                                        : 0u);
}

std::uint32_t Scs::ccsidr() const {
    const bool icache = (regs_.get(CSSELR) & CSSELR_IND) != 0;
    const std::uint32_t kib = icache ? host_.part().icache_kib : host_.part().dcache_kib;
    if (kib == 0) {
        return 0;  // no such cache (Cortex-M4): the identification space reads as zero
    }
    const std::uint32_t ways = icache ? kIcacheWays : kDcacheWays;
    const std::uint32_t sets = kib * 1024u / (ways * kLineBytes);
    return kCcsidrPolicies | ((sets - 1u) << 13) | ((ways - 1u) << 3) | kLineSizeField;
}

std::uint32_t Scs::peek_nvic(std::uint32_t w) const {
    if (in(w, NVIC_ISER, kNvicBankBytes)) {
        return enabled_[word_index(w, NVIC_ISER)];
    }
    if (in(w, NVIC_ICER, kNvicBankBytes)) {
        return enabled_[word_index(w, NVIC_ICER)];
    }
    if (in(w, NVIC_ISPR, kNvicBankBytes)) {
        return pending_[word_index(w, NVIC_ISPR)];
    }
    if (in(w, NVIC_ICPR, kNvicBankBytes)) {
        return pending_[word_index(w, NVIC_ICPR)];
    }
    if (in(w, NVIC_IABR, kNvicBankBytes)) {
        return 0;  // nothing is ever active
    }
    const std::uint32_t i = w - NVIC_IPR;
    return ipr_[i] | (ipr_[i + 1] << 8) | (ipr_[i + 2] << 16) |
           (static_cast<std::uint32_t>(ipr_[i + 3]) << 24);
}

std::uint32_t Scs::peek(std::uint32_t addr) const {
    const std::uint32_t w = addr & ~3u;
    if (in(w, NVIC_ISER, NVIC_IPR + kIprBytes - NVIC_ISER)) {
        return peek_nvic(w);
    }
    const std::uint32_t mpu_region = regs_.get(MPU_RNR) & MPU_RBAR_REGION;
    switch (w) {
        case ICTR:  // INTLINESNUM: groups of 32 lines, minus one
            return (host_.part().irq_lines + 31u) / 32u - 1u;
        case CPUID:
            return host_.part().cpuid;
        case ICSR:
            return (host_.ipsr() & ICSR_VECTACTIVE) | (systick_pending_ ? ICSR_PENDSTSET : 0u) |
                   (pendsv_pending_ ? ICSR_PENDSVSET : 0u);
        case AIRCR:
            return AIRCR_VECTKEYSTAT | (regs_.get(AIRCR) & AIRCR_PRIGROUP);
        case CLIDR:
            return host_.part().dcache_kib != 0 ? kClidr : 0u;
        case CTR:
            return host_.part().dcache_kib != 0 ? kCtr : 0u;
        case CCSIDR:
            return ccsidr();
        case MPU_TYPE:
            return kMpuRegions << 8;  // DREGION
        case MPU_RBAR:
            return mpu_rbar_[mpu_region] | mpu_region;
        case MPU_RASR:
            return mpu_rasr_[mpu_region];
        default:
            return regs_.get(w);
    }
}

bool Scs::write_nvic(std::uint32_t w, std::uint32_t v) {
    if (in(w, NVIC_ISER, kNvicBankBytes)) {
        enabled_[word_index(w, NVIC_ISER)] |= v;
    } else if (in(w, NVIC_ICER, kNvicBankBytes)) {
        enabled_[word_index(w, NVIC_ICER)] &= ~v;
    } else if (in(w, NVIC_ISPR, kNvicBankBytes)) {
        pending_[word_index(w, NVIC_ISPR)] |= v;
    } else if (in(w, NVIC_ICPR, kNvicBankBytes)) {
        pending_[word_index(w, NVIC_ICPR)] &= ~v;
    } else if (w == STIR) {
        const std::uint32_t line = v & STIR_INTID;
        pending_[line / 32] |= 1u << (line % 32);
    } else {
        return false;
    }
    return true;
}

void Scs::write_mpu_rbar(std::uint32_t v) {
    std::uint32_t n = regs_.get(MPU_RNR) & MPU_RBAR_REGION;
    if ((v & MPU_RBAR_VALID) != 0) {  // §B3.5.9: VALID selects the region in REGION
        n = v & MPU_RBAR_REGION;
        regs_.set(MPU_RNR, n);
    }
    mpu_rbar_[n] = v & MPU_RBAR_ADDR;
}

void Scs::write_aircr(std::uint32_t v) {
    if ((v >> 16) != AIRCR_VECTKEY) {
        host_.violation("AIRCR write without VECTKEY (ignored)");
        return;
    }
    regs_.set(AIRCR, v & AIRCR_PRIGROUP);
    if ((v & AIRCR_SYSRESETREQ) != 0) {
        host_.request_system_reset();
    }
}

void Scs::write_scb(std::uint32_t w, std::uint32_t v) {
    switch (w) {
        case ICSR:
            systick_pending_ =
                (systick_pending_ || (v & ICSR_PENDSTSET) != 0) && (v & ICSR_PENDSTCLR) == 0;
            pendsv_pending_ =
                (pendsv_pending_ || (v & ICSR_PENDSVSET) != 0) && (v & ICSR_PENDSVCLR) == 0;
            return;
        case VTOR:
            regs_.set(w, v & VTOR_TBLOFF);
            return;
        case AIRCR:
            write_aircr(v);
            return;
        case SYST_CVR:
            regs_.set(w, 0);  // any write clears the current value
            return;
        case SYST_RVR:
            regs_.set(w, v & SYST_RVR_RELOAD);
            return;
        case SYST_CSR:
            regs_.set(w, v & (SYST_CSR_ENABLE | SYST_CSR_TICKINT | SYST_CSR_CLKSOURCE));
            return;
        case MPU_RBAR:
            write_mpu_rbar(v);
            return;
        case MPU_RASR:
            mpu_rasr_[regs_.get(MPU_RNR) & MPU_RBAR_REGION] = v;
            return;
        default:
            break;
    }
    if (host_.part().family == Family::g0 && (w == CPACR || w == FPCCR)) {
        return;  // reserved on Armv6-M without an FPU: writes ignored
    }
    if (w >= SHPR1 && w <= SHPR3) {
        const std::uint32_t mask = priority_bits() * 0x01010101u;
        regs_.set(w, v & mask);
        return;
    }
    regs_.set(w, v);
}

void Scs::write(std::uint32_t addr, std::uint32_t v, unsigned size) {
    const bool v6m = host_.part().family == Family::g0;
    if (v6m && size != 4 && (in(addr, NVIC_IPR, kIprBytes) || in(addr, SHPR1, 12))) {
        // Armv6-M: NVIC_IPRn and SHPRn are word-accessible only (DDI0419E §B3.4 "NVIC_IPRn", §B3.2
        // "SHPR2, SHPR3").
        host_.violation("sub-word access to a priority register on Armv6-M (UNPREDICTABLE)");
    }
    if (in(addr, NVIC_IPR, kIprBytes)) {  // byte-addressable priorities
        for (unsigned i = 0; i < size && addr - NVIC_IPR + i < kIprBytes; ++i) {
            ipr_[addr - NVIC_IPR + i] = static_cast<std::uint8_t>((v >> (8 * i)) & priority_bits());
        }
        return;
    }
    const std::uint32_t w = addr & ~3u;
    if (size != 4) {
        const unsigned shift = 8 * (addr & 3u);
        const std::uint32_t mask = (size == 1 ? 0xFFu : 0xFFFFu) << shift;
        v = (peek(w) & ~mask) | ((v << shift) & mask);
    }
    if (!write_nvic(w, v)) {
        write_scb(w, v);
    }
}

}  // namespace f7model::detail::scs
