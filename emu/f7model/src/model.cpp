// STM32F7 model on Unicorn 2 (see model.hpp). Register facts, each from the reference
// manuals (RM0385 F74x/75x, RM0410 F76x/77x, RM0431 F72x/73x) and the Armv7-M ARM (DDI0403E);
// the section is given next to each group.
#include "f7model/model.hpp"

#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <unicorn/unicorn.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstring>
#include <deque>
#include <stdexcept>
#include <unordered_map>

namespace f7model {

namespace {

// ---- parts ---------------------------------------------------------------------------------
// DEV_ID: §40.6.1 of each RM. Flash size register: RM0385/RM0410 §45.2 0x1FF0F442, RM0431
// §45.2 0x1FF07A22. SRAM: §2.2.2 memory maps. Caches: RM §1 / Cortex-M7 TRM (F74x 4+4 KiB,
// F76x 16+16 KiB, F72x 8+8 KiB). IRQ lines: §10.1.2 vector tables. Bootloader ID: AN2606.
// OPTCR as shipped: RDP 0xAA, nWRP all 1, IWDG_SW/WWDG_SW/nRST_* 1, BOR off, OPTLOCK 1;
// F76x also nDBOOT/nDBANK = 1 (RM0410 §3.7.6).
// CPUID (DDI0403E §B3.2.3; Cortex-M7 TRM §3.2): implementer 0x41, variant [23:20],
// architecture 0xF, part 0xC27, revision [3:0]. F74x/F75x carry r0p1, F76x/F77x and F72x/F73x
// r1p0 (ST's CMSIS device headers: __CM7_REV 0x0001 and 0x0100).
constexpr std::uint32_t kCpuidR0p1 = 0x410FC271u, kCpuidR1p0 = 0x411FC270u;
const PartInfo kParts[] = {
    {Part::f74x, "STM32F746", 0x449, 1024, 0x1FF0F442, 320, 16, 4, 4, 98, 0x90, 0xC0FFAAFDu,
     kCpuidR0p1},
    {Part::f76x, "STM32F767", 0x451, 2048, 0x1FF0F442, 512, 16, 16, 16, 110, 0x93, 0xFFFFAAFDu,
     kCpuidR1p0},
    {Part::f72x, "STM32F722", 0x452, 512, 0x1FF07A22, 256, 16, 8, 8, 104, 0x90, 0xC0FFAAFDu,
     kCpuidR1p0},
};

// ---- addresses -----------------------------------------------------------------------------
constexpr std::uint32_t kFlash = 0x08000000;        // AXIM (RM0410 §2.2.2)
constexpr std::uint32_t kFlashItcm = 0x00200000;    // ITCM view of the same flash
constexpr std::uint32_t kBootAddress = 0x00200000;  // BOOT_ADD0 factory 0x0080 (RM0410 §2.6)
constexpr std::uint32_t kSram = 0x20000000;
constexpr std::uint32_t kSysMemSize = 0x10000;  // 0x1FF00000.. incl. OTP and signature
constexpr std::uint32_t kPeriph = 0x40000000;
constexpr std::uint32_t kPeriphSize = 0x80000;  // APB1, APB2, AHB1 up to 0x4007FFFF
constexpr std::uint32_t kAhb2 = 0x50000000;     // USB OTG FS (not modelled: RAZ/WI)
constexpr std::uint32_t kAhb2Size = 0x70000;
constexpr std::uint32_t kPpb = 0xE0000000;
constexpr std::uint32_t kPpbSize = 0x100000;

// RCC (RM0410 §5.3; same offsets on RM0385/RM0431).
constexpr std::uint32_t RCC = 0x40023800;
constexpr std::uint32_t RCC_CR = RCC + 0x00, RCC_PLLCFGR = RCC + 0x04, RCC_CFGR = RCC + 0x08,
                        RCC_CIR = RCC + 0x0C, RCC_AHB1RSTR = RCC + 0x10, RCC_AHB2RSTR = RCC + 0x14,
                        RCC_AHB3RSTR = RCC + 0x18, RCC_APB1RSTR = RCC + 0x20,
                        RCC_APB2RSTR = RCC + 0x24, RCC_AHB1ENR = RCC + 0x30,
                        RCC_APB1ENR = RCC + 0x40, RCC_APB2ENR = RCC + 0x44, RCC_CSR = RCC + 0x74,
                        RCC_PLLI2SCFGR = RCC + 0x84, RCC_PLLSAICFGR = RCC + 0x88;
constexpr std::uint32_t kHsiCal = 0x5C;  // a factory trim value (read-only HSICAL[15:8])
// PWR (RM0410 §4.4), FLASH (§3.7).
constexpr std::uint32_t PWR_CR1 = 0x40007000, PWR_CSR1 = 0x40007004;
constexpr std::uint32_t FLASH_ACR = 0x40023C00, FLASH_OPTCR = 0x40023C14;
// GPIO A..K (RM0410 §6.4), USART1/3 (§34.8).
constexpr std::uint32_t GPIOA = 0x40020000;
constexpr std::uint32_t USART1 = 0x40011000, USART3 = 0x40004800;
// SCS (DDI0403E §B3.2-B3.5, Cortex-M7 TRM §4), DBGMCU (RM0410 §40.6.1).
constexpr std::uint32_t ICTR = 0xE000E004, SYST_CSR = 0xE000E010, SYST_RVR = 0xE000E014,
                        SYST_CVR = 0xE000E018, NVIC_ISER = 0xE000E100, NVIC_ICER = 0xE000E180,
                        NVIC_ISPR = 0xE000E200, NVIC_ICPR = 0xE000E280, NVIC_IABR = 0xE000E300,
                        NVIC_IPR = 0xE000E400, CPUID = 0xE000ED00, ICSR = 0xE000ED04,
                        VTOR = 0xE000ED08, AIRCR = 0xE000ED0C, CCR = 0xE000ED14, SHPR1 = 0xE000ED18,
                        CLIDR = 0xE000ED78, CTR = 0xE000ED7C, CCSIDR = 0xE000ED80,
                        CSSELR = 0xE000ED84, CPACR = 0xE000ED88, MPU_TYPE = 0xE000ED90,
                        MPU_CTRL = 0xE000ED94, MPU_RNR = 0xE000ED98, MPU_RBAR = 0xE000ED9C,
                        MPU_RASR = 0xE000EDA0, STIR = 0xE000EF00, FPCCR = 0xE000EF34,
                        DBGMCU_IDCODE = 0xE0042000;

constexpr std::uint32_t kHsiHz = 16'000'000;

std::uint32_t gpio_reset(unsigned port, std::uint32_t off) {
    // RM0410 §6.4.1-§6.4.4: GPIOA/GPIOB carry the debug pins at reset.
    if (port == 0) {
        return off == 0x00   ? 0xA8000000u
               : off == 0x08 ? 0x0C000000u
               : off == 0x0C ? 0x64000000u
                             : 0;
    }
    if (port == 1) {
        return off == 0x00   ? 0x00000280u
               : off == 0x08 ? 0x000000C0u
               : off == 0x0C ? 0x00000100u
                             : 0;
    }
    return 0;
}

}  // namespace

const PartInfo& part_info(Part p) {
    return kParts[static_cast<int>(p)];
}

struct Model::Impl {
    Model& m;
    uc_engine* uc = nullptr;
    std::vector<std::uint8_t> flash, itcm, sram, sysmem;
    std::unordered_map<std::uint32_t, std::uint32_t> regs;  // word address -> value
    std::array<std::uint8_t, 512> ipr{};
    std::array<std::uint32_t, 16> nvic_enable{}, nvic_pending{};
    std::array<std::uint32_t, 16> mpu_rbar{}, mpu_rasr{};
    bool systick_pending = false, pendsv_pending = false;
    std::unordered_map<std::uint32_t, std::deque<std::uint8_t>> rx;
    std::map<std::string, std::uint32_t> symbols;
    std::map<std::uint32_t, std::vector<std::function<void(Model&)>>> watches;
    std::vector<std::uint32_t> pending_watch;
    std::uint32_t skip_watch = 0xFFFFFFFFu;
    std::function<bool()> until;
    bool until_hit = false, reset_pending = false, rom_hit = false, faulted = false;
    std::uint64_t budget = 0;
    bool pll_was_ready = false;

    explicit Impl(Model& model) : m(model) {}

    // ---- CPU helpers ---------------------------------------------------------------------
    std::uint32_t reg(int r) const {
        std::uint32_t v = 0;
        uc_reg_read(uc, r, &v);
        return v;
    }
    void set_reg(int r, std::uint32_t v) { uc_reg_write(uc, r, &v); }
    bool primask() const { return (reg(UC_ARM_REG_PRIMASK) & 1u) != 0; }

    void violation(const std::string& what) {
        m.violations_.push_back(what + " (at instruction " + std::to_string(m.instr_) + ")");
    }
    void record(Event::Kind k, std::uint32_t addr, std::uint32_t value, unsigned size,
                std::uint32_t aux = 0) {
        m.trace_.push_back(
            Event{k, addr, value, static_cast<std::uint8_t>(size), primask(), m.instr_, aux});
    }

    // ---- clock state ---------------------------------------------------------------------
    std::uint32_t r(std::uint32_t a) {
        auto it = regs.find(a);
        return it == regs.end() ? 0 : it->second;
    }
    std::uint32_t sws() { return (r(RCC_CFGR) >> 2) & 3u; }
    std::uint32_t pll_hz() {
        const std::uint32_t p = r(RCC_PLLCFGR);
        const std::uint64_t in = (p & (1u << 22)) != 0 ? m.cfg_.hse_hz : kHsiHz;
        const std::uint32_t pm = p & 0x3Fu, pn = (p >> 6) & 0x1FFu,
                            pp = 2u * (((p >> 16) & 3u) + 1u);
        return pm == 0 ? 0 : static_cast<std::uint32_t>(in / pm * pn / pp);
    }
    std::uint32_t sysclk() {
        switch (sws()) {
            case 1:
                return m.cfg_.hse_hz;
            case 2:
                return pll_hz();
            default:
                return kHsiHz;
        }
    }
    std::uint32_t hclk() {
        const std::uint32_t hpre = (r(RCC_CFGR) >> 4) & 0xFu;
        static constexpr std::uint32_t kDiv[] = {2, 4, 8, 16, 64, 128, 256, 512};
        return (hpre & 8u) == 0 ? sysclk() : sysclk() / kDiv[hpre & 7u];
    }
    std::uint32_t pclk(unsigned shift) {
        const std::uint32_t ppre = (r(RCC_CFGR) >> shift) & 7u;
        return (ppre & 4u) == 0 ? hclk() : hclk() / (2u << (ppre & 3u));
    }
    // RM0410 §3.3.2 Table 7 (2.7-3.6 V), §4.1.4 (over-drive above 180 MHz), §5.2 (APB limits).
    void check_clocks() {
        const std::uint32_t h = hclk();
        const std::uint32_t need = h == 0 ? 0 : (h - 1) / 30'000'000u;
        if ((r(FLASH_ACR) & 0xFu) < need) {
            violation("flash latency " + std::to_string(r(FLASH_ACR) & 0xFu) +
                      " WS too low for HCLK " + std::to_string(h));
        }
        if (h > 180'000'000u && (r(PWR_CSR1) & (1u << 17)) == 0) {
            violation("HCLK " + std::to_string(h) + " without over-drive");
        }
        if (pclk(10) > 54'000'000u || pclk(13) > 108'000'000u) {
            violation("APB clock above its maximum");
        }
    }
    void update_sws() {
        const std::uint32_t cfgr = r(RCC_CFGR);
        const std::uint32_t sw = cfgr & 3u;
        const std::uint32_t cr = r(RCC_CR);
        const bool ready = sw == 0   ? (cr & 2u) != 0
                           : sw == 1 ? (cr & (1u << 17)) != 0
                                     : (cr & (1u << 25)) != 0;
        if (m.cfg_.faults.sws_stuck_on_pll && sws() == 2) {
            return;
        }
        if (ready && sw != 3) {
            regs[RCC_CFGR] = (cfgr & ~0xCu) | (sw << 2);
        }
    }

    // ---- resets --------------------------------------------------------------------------
    void reset_gpio(unsigned port) {
        for (std::uint32_t off = 0; off <= 0x24; off += 4) {
            regs[GPIOA + 0x400u * port + off] = gpio_reset(port, off);
        }
    }
    void reset_usart(std::uint32_t base) {
        for (std::uint32_t off = 0; off <= 0x28; off += 4) {
            regs.erase(base + off);
        }
    }
    void reset_pwr() {
        regs[PWR_CR1] = 0x0000C000u;  // RM0410 §4.4.1
        regs[PWR_CSR1] = 1u << 14;    // VOSRDY
    }
    // System reset (SYSRESETREQ, pin, power-on): everything but SRAM and the reset flags.
    void reset_registers(std::uint32_t csr_flags) {
        const std::uint32_t old_csr = r(RCC_CSR);
        regs.clear();
        ipr.fill(0);
        nvic_enable.fill(0);
        nvic_pending.fill(0);
        mpu_rbar.fill(0);
        mpu_rasr.fill(0);
        systick_pending = pendsv_pending = false;
        pll_was_ready = false;
        regs[RCC_CR] = 0x83u | (kHsiCal << 8);                // RM0410 §5.3.1
        regs[RCC_PLLCFGR] = 0x24003010u;                      // §5.3.2
        regs[RCC_AHB1ENR] = 0x00100000u;                      // §5.3.10
        regs[RCC_PLLI2SCFGR] = 0x24003000u;                   // §5.3.23
        regs[RCC_PLLSAICFGR] = 0x24003000u;                   // §5.3.24
        regs[RCC_CSR] = (old_csr & 0xFE000000u) | csr_flags;  // §5.3.21: flags survive
        reset_pwr();
        for (unsigned p = 0; p < 11; ++p) {
            reset_gpio(p);
        }
        regs[SYST_CSR] = 0x4u;      // CLKSOURCE reads 1 (processor clock) on STM32F7 (PM0253 §4.5)
        regs[CCR] = 0x00040200u;    // Cortex-M7 TRM: BP and STKALIGN set at reset
        regs[FPCCR] = 0xC0000000u;  // DDI0403E §B3.2.23: ASPEN | LSPEN
        regs[VTOR] = kBootAddress;  // VTOR resets to the boot address (INITVTOR)
    }

    // ---- register model ------------------------------------------------------------------
    bool clock_on(std::uint32_t enr, std::uint32_t bit) { return (r(enr) & bit) != 0; }
    std::uint32_t optcr() {
        std::uint32_t v = m.info_.optcr_reset;
        v = (v & ~0xFF00u) | (static_cast<std::uint32_t>(m.cfg_.faults.rdp) << 8);
        if (m.cfg_.faults.dual_bank_boot) {
            v &= ~((1u << 28) | (1u << 29));
        }
        return v;
    }
    std::uint32_t ccsidr() {
        // DDI0403E §B4.8.3: WT|WB|RA|WA, sets-1 [27:13], ways-1 [12:3], log2(words)-2 [2:0].
        const bool icache = (r(CSSELR) & 1u) != 0;
        const std::uint32_t kib = icache ? m.info_.icache_kib : m.info_.dcache_kib;
        const std::uint32_t ways = icache ? 2 : 4;
        const std::uint32_t sets = kib * 1024u / (ways * 32u);
        return 0xF0000000u | ((sets - 1u) << 13) | ((ways - 1u) << 3) | 1u;
    }

    std::uint32_t read(std::uint32_t a) {
        const std::uint32_t w = a & ~3u;
        if (w >= NVIC_ISER && w < NVIC_ISER + 64) {
            return nvic_enable[(w - NVIC_ISER) / 4];
        }
        if (w >= NVIC_ICER && w < NVIC_ICER + 64) {
            return nvic_enable[(w - NVIC_ICER) / 4];
        }
        if (w >= NVIC_ISPR && w < NVIC_ISPR + 64) {
            return nvic_pending[(w - NVIC_ISPR) / 4];
        }
        if (w >= NVIC_ICPR && w < NVIC_ICPR + 64) {
            return nvic_pending[(w - NVIC_ICPR) / 4];
        }
        if (w >= NVIC_IABR && w < NVIC_IABR + 64) {
            return 0;
        }
        if (w >= NVIC_IPR && w < NVIC_IPR + 512) {
            const std::uint32_t i = w - NVIC_IPR;
            return ipr[i] | (ipr[i + 1] << 8) | (ipr[i + 2] << 16) |
                   (static_cast<std::uint32_t>(ipr[i + 3]) << 24);
        }
        if (w >= GPIOA && w < GPIOA + 0x400u * 11 && (w & 0x3FFu) == 0x10) {
            return r(w + 4);  // IDR mirrors ODR (no pins driven from outside)
        }
        for (std::uint32_t base : {USART1, USART3}) {
            if (w == base + 0x1C) {  // ISR: TXE, TC always; RXNE when a byte waits
                const std::uint32_t cr1 = r(base);
                const bool rxne = (cr1 & 5u) == 5u && !rx[base].empty();
                return 0xC0u | (rxne ? 0x20u : 0u) | ((cr1 & 1u) ? (1u << 21) | (1u << 22) : 0u);
            }
            if (w == base + 0x24) {
                auto& q = rx[base];
                if ((r(base) & 5u) != 5u || q.empty()) {
                    return 0;
                }
                const std::uint8_t b = q.front();
                q.pop_front();
                return b;
            }
        }
        switch (w) {
            case FLASH_OPTCR:
                return optcr();
            case ICTR:
                return (m.info_.irq_lines + 31u) / 32u - 1u;
            case CPUID:
                return m.info_.cpuid;
            case ICSR: {
                const std::uint32_t ipsr = reg(UC_ARM_REG_IPSR) & 0x1FFu;
                return ipsr | (systick_pending ? 1u << 26 : 0u) | (pendsv_pending ? 1u << 28 : 0u);
            }
            case AIRCR:
                return 0xFA050000u | (r(AIRCR) & 0x700u);
            case CLIDR:
                return 0x09000003u;  // L1 I+D (DDI0403E §B4.8.1)
            case CTR:
                return 0x8303C003u;  // 32-byte lines (Cortex-M7 TRM)
            case CCSIDR:
                return ccsidr();
            case MPU_TYPE:
                return 8u << 8;  // 8 regions (PM0253 §4.6)
            case MPU_RBAR: {
                const std::uint32_t n = r(MPU_RNR) & 15u;
                return mpu_rbar[n] | n;
            }
            case MPU_RASR:
                return mpu_rasr[r(MPU_RNR) & 15u];
            case DBGMCU_IDCODE: {
                const std::uint16_t id = m.cfg_.faults.dev_id_override != 0
                                             ? m.cfg_.faults.dev_id_override
                                             : m.info_.dev_id;
                return (0x1001u << 16) | id;
            }
            default:
                return r(w);
        }
    }

    void write_rcc(std::uint32_t a, std::uint32_t v) {
        const std::uint32_t old = r(a);
        if (a == RCC_CR) {
            std::uint32_t nv = (v & 0x151D00F9u) | (kHsiCal << 8);  // writable bits + HSICAL
            if ((old & (1u << 16)) != 0 && ((old ^ nv) & (1u << 18)) != 0) {
                violation("HSEBYP changed while HSE on (RM0410 §5.3.1: write only with HSE off)");
                nv = (nv & ~(1u << 18)) | (old & (1u << 18));
            }
            if (sws() == 2 && (nv & (1u << 24)) == 0) {
                violation("PLLON cleared while the PLL is the system clock (ignored by hardware)");
                nv |= 1u << 24;
            }
            if (sws() == 0 && (nv & 1u) == 0) {
                nv |= 1u;  // HSION cannot be cleared while HSI is the system clock
            }
            // Ready bits follow the enables (start-up time not modelled).
            nv |= (nv & 1u) << 1;
            nv |= (nv & (1u << 16)) << 1;
            bool pll_ready = (nv & (1u << 24)) != 0 && !m.cfg_.faults.pll_never_locks;
            if (m.cfg_.faults.pll_never_stops && pll_was_ready) {
                pll_ready = true;
            }
            pll_was_ready = pll_was_ready || pll_ready;
            nv |= pll_ready ? 1u << 25 : 0u;
            nv |= (nv & (1u << 26)) << 1;
            nv |= (nv & (1u << 28)) << 1;
            regs[a] = nv;
            update_sws();
            check_clocks();
            return;
        }
        if (a == RCC_CFGR) {
            regs[a] = (v & ~0xCu) | (old & 0xCu);
            update_sws();
            check_clocks();
            return;
        }
        if (a == RCC_CIR) {
            regs[a] = v & 0x7F00u;  // clear bits are write-only
            return;
        }
        if (a == RCC_CSR) {
            std::uint32_t nv = (old & 0xFE000000u) | (v & 0x1u);
            if ((v & (1u << 24)) != 0) {
                nv &= ~0xFE000000u;  // RMVF clears every reset flag
            }
            nv |= (nv & 1u) << 1;
            regs[a] = nv;
            return;
        }
        regs[a] = v;
        const std::uint32_t rising = v & ~old;
        if (a == RCC_AHB1RSTR) {
            for (unsigned p = 0; p < 11; ++p) {
                if ((rising & (1u << p)) != 0) {
                    reset_gpio(p);
                }
            }
        } else if (a == RCC_APB1RSTR) {
            if ((rising & (1u << 18)) != 0) {
                reset_usart(USART3);
            }
            if ((rising & (1u << 28)) != 0) {
                reset_pwr();
            }
        } else if (a == RCC_APB2RSTR && (rising & (1u << 4)) != 0) {
            reset_usart(USART1);
        }
    }

    void write_scs(std::uint32_t w, std::uint32_t v) {
        auto idx = [](std::uint32_t a, std::uint32_t base) { return (a - base) / 4; };
        if (w >= NVIC_ISER && w < NVIC_ISER + 64) {
            nvic_enable[idx(w, NVIC_ISER)] |= v;
        } else if (w >= NVIC_ICER && w < NVIC_ICER + 64) {
            nvic_enable[idx(w, NVIC_ICER)] &= ~v;
        } else if (w >= NVIC_ISPR && w < NVIC_ISPR + 64) {
            nvic_pending[idx(w, NVIC_ISPR)] |= v;
        } else if (w >= NVIC_ICPR && w < NVIC_ICPR + 64) {
            nvic_pending[idx(w, NVIC_ICPR)] &= ~v;
        } else if (w == ICSR) {
            systick_pending = (systick_pending || (v & (1u << 26))) && !(v & (1u << 25));
            pendsv_pending = (pendsv_pending || (v & (1u << 28))) && !(v & (1u << 27));
        } else if (w == VTOR) {
            regs[w] = v & 0xFFFFFF80u;
        } else if (w == AIRCR) {
            if ((v >> 16) != 0x05FAu) {
                violation("AIRCR write without VECTKEY (ignored)");
                return;
            }
            regs[w] = v & 0x700u;
            if ((v & 4u) != 0) {
                reset_pending = true;
                uc_emu_stop(uc);
            }
        } else if (w == SYST_CVR) {
            regs[w] = 0;
        } else if (w == SYST_RVR) {
            regs[w] = v & 0xFFFFFFu;
        } else if (w == SYST_CSR) {
            regs[w] = (v & 7u);
        } else if (w == MPU_RBAR) {
            std::uint32_t n = r(MPU_RNR) & 15u;
            if ((v & 0x10u) != 0) {
                n = v & 15u;
                regs[MPU_RNR] = n;
            }
            mpu_rbar[n] = v & ~0x1Fu;
        } else if (w == MPU_RASR) {
            mpu_rasr[r(MPU_RNR) & 15u] = v;
        } else if (w == STIR) {
            nvic_pending[(v & 0x1FFu) / 32] |= 1u << (v % 32);
        } else if (w == SHPR1 || w == SHPR1 + 4 || w == SHPR1 + 8) {
            regs[w] = v & 0xF0F0F0F0u;  // STM32F7: 4 priority bits (PM0253 §4.3.7)
        } else {
            regs[w] = v;
        }
    }

    void write(std::uint32_t a, std::uint32_t v, unsigned size) {
        const std::uint32_t w = a & ~3u;
        // Sub-word stores: only the NVIC priority bytes and the USART data registers use them.
        if (w >= NVIC_IPR && w < NVIC_IPR + 512) {
            for (unsigned i = 0; i < size; ++i) {
                ipr[a - NVIC_IPR + i] = static_cast<std::uint8_t>((v >> (8 * i)) & 0xF0u);
            }
            return;
        }
        if (size != 4) {
            const unsigned sh = 8 * (a & 3u);
            const std::uint32_t mask = (size == 1 ? 0xFFu : 0xFFFFu) << sh;
            v = (read(w) & ~mask) | ((v << sh) & mask);
        }
        if (w >= 0xE000E000u && w < 0xE000F000u) {
            write_scs(w, v);
            return;
        }
        if (w >= RCC && w < RCC + 0x400) {
            write_rcc(w, v);
            return;
        }
        if (w == PWR_CR1 || w == PWR_CSR1) {
            if (!clock_on(RCC_APB1ENR, 1u << 28)) {
                violation("PWR write with its clock off (ignored)");
                return;
            }
            if (w == PWR_CR1) {
                const std::uint32_t old = r(w);
                if (((old ^ v) & (1u << 17)) != 0 && sws() == 2) {
                    violation("ODSWEN changed with the PLL as system clock (RM0410 §4.1.4)");
                }
                regs[w] = v & 0x000FFFFFu;
                std::uint32_t csr = 1u << 14;
                csr |= (v & (1u << 16)) ? 1u << 16 : 0u;
                csr |= ((v & (1u << 17)) && (v & (1u << 16))) ? 1u << 17 : 0u;
                regs[PWR_CSR1] = csr;
                check_clocks();
            }
            return;
        }
        if (w == FLASH_ACR) {
            if ((v & (1u << 11)) != 0 && (v & (1u << 9)) != 0) {
                violation("ART reset while ART enabled (RM0410 §3.3.3)");
            }
            regs[w] = v & 0xB0Fu;
            m.trace_.back().aux = sws();
            check_clocks();
            return;
        }
        if (w >= GPIOA && w < GPIOA + 0x400u * 11) {
            const unsigned port = (w - GPIOA) / 0x400u;
            if (!clock_on(RCC_AHB1ENR, 1u << port)) {
                violation("GPIO" + std::string(1, static_cast<char>('A' + port)) +
                          " write with its clock off");
                return;
            }
            if ((w & 0x3FFu) == 0x18) {  // BSRR
                regs[w - 4] = (r(w - 4) | (v & 0xFFFFu)) & ~(v >> 16);
                return;
            }
            regs[w] = v;
            return;
        }
        for (std::uint32_t base : {USART1, USART3}) {
            if (w >= base && w < base + 0x400) {
                const bool on = base == USART1 ? clock_on(RCC_APB2ENR, 1u << 4)
                                               : clock_on(RCC_APB1ENR, 1u << 18);
                if (!on) {
                    violation("USART write with its clock off");
                    return;
                }
                if (w == base + 0x28) {
                    tx(base, static_cast<std::uint8_t>(v));
                } else if (w != base + 0x20) {
                    regs[w] = v;
                }
                return;
            }
        }
        regs[w] = v;
    }

    void tx(std::uint32_t base, std::uint8_t byte) {
        const std::uint32_t cr1 = r(base);
        if ((cr1 & 9u) != 9u) {
            violation("USART TDR written while UE/TE off: byte lost");
            return;
        }
        const std::uint32_t brr = r(base + 0x0C);
        const std::uint32_t clk = base == USART1 ? pclk(13) : pclk(10);
        const double baud = brr == 0 ? 0.0 : static_cast<double>(clk) / brr;
        const bool ok = baud > 115200.0 * 0.97 && baud < 115200.0 * 1.03;
        m.trace_.back().aux = ok ? 1u : 0u;
        if (!ok) {
            ++m.garbled_;
        }
        m.console_.push_back(static_cast<char>(byte));
        if (until && until()) {
            until_hit = true;
            uc_emu_stop(uc);
        }
    }

    // ---- Unicorn callbacks ---------------------------------------------------------------
    bool unprivileged_thread() const {
        return (reg(UC_ARM_REG_CONTROL) & 1u) != 0 && (reg(UC_ARM_REG_IPSR) & 0x1FFu) == 0;
    }
    static std::uint64_t mmio_read(uc_engine*, std::uint64_t off, unsigned size, void* user);
    static void mmio_write(uc_engine*, std::uint64_t off, unsigned size, std::uint64_t v,
                           void* user);
    struct Region {
        Impl* impl;
        std::uint32_t base;
    };
    std::vector<std::unique_ptr<Region>> regions;

    std::uint64_t on_read(std::uint32_t a, unsigned size) {
        if (a >= 0xE000E000u && a < 0xE000F000u && unprivileged_thread()) {
            violation("unprivileged read of the SCS: BusFault on silicon");
            faulted = true;
            m.fault_ = "unprivileged SCS access";
            uc_emu_stop(uc);
            return 0;
        }
        const std::uint32_t v = read(a & ~3u);
        const unsigned sh = 8 * (a & 3u);
        return size == 4 ? v : (v >> sh) & (size == 1 ? 0xFFu : 0xFFFFu);
    }
    void on_write(std::uint32_t a, unsigned size, std::uint32_t v) {
        if (a >= 0xE000E000u && a < 0xE000F000u && unprivileged_thread()) {
            violation("unprivileged write to the SCS: BusFault on silicon");
            faulted = true;
            m.fault_ = "unprivileged SCS access";
            uc_emu_stop(uc);
            return;
        }
        record(Event::reg_write, a, v, size);
        write(a, v, size);
    }

    static void on_code(uc_engine* uc, std::uint64_t address, std::uint32_t, void* user) {
        auto* self = static_cast<Impl*>(user);
        Model& m = self->m;
        const auto pc = static_cast<std::uint32_t>(address);
        if (self->skip_watch != 0xFFFFFFFFu) {
            const bool same = self->skip_watch == pc;
            self->skip_watch = 0xFFFFFFFFu;
            if (same) {
                ++m.instr_;
                return;
            }
        }
        if (pc == m.rom_reset_handler()) {
            RomEntry& e = m.rom_;
            e.reached = true;
            e.primask = self->reg(UC_ARM_REG_PRIMASK);
            e.faultmask = self->reg(UC_ARM_REG_FAULTMASK);
            e.basepri = self->reg(UC_ARM_REG_BASEPRI);
            e.control = self->reg(UC_ARM_REG_CONTROL);
            e.ipsr = self->reg(UC_ARM_REG_IPSR) & 0x1FFu;
            e.msp = self->reg(UC_ARM_REG_MSP);
            e.psp = self->reg(UC_ARM_REG_PSP);
            e.sp = self->reg(UC_ARM_REG_SP);
            e.instr = m.instr_;
            e.trace_index = m.trace_.size();
            self->record(Event::rom_entry, pc, 0, 0);
            self->rom_hit = true;
            uc_emu_stop(uc);
            return;
        }
        if (self->watches.count(pc) != 0) {
            self->pending_watch.push_back(pc);
            self->skip_watch = pc;
            uc_emu_stop(uc);
            return;
        }
        ++m.instr_;
        if (m.instr_ >= self->budget) {
            uc_emu_stop(uc);
        }
    }
    static void on_ram_write(uc_engine*, uc_mem_type, std::uint64_t addr, int size,
                             std::int64_t value, void* user) {
        auto* self = static_cast<Impl*>(user);
        self->record(Event::ram_write, static_cast<std::uint32_t>(addr),
                     static_cast<std::uint32_t>(value), static_cast<unsigned>(size));
    }
    static void on_intr(uc_engine* uc, std::uint32_t intno, void* user) {
        auto* self = static_cast<Impl*>(user);
        self->faulted = true;
        char buf[96];
        std::snprintf(buf, sizeof buf, "CPU exception %u at pc 0x%08X", intno,
                      self->reg(UC_ARM_REG_PC));
        self->m.fault_ = buf;
        uc_emu_stop(uc);
    }
    static bool on_invalid(uc_engine* uc, uc_mem_type type, std::uint64_t addr, int, std::int64_t,
                           void* user) {
        auto* self = static_cast<Impl*>(user);
        self->faulted = true;
        char buf[96];
        std::snprintf(buf, sizeof buf, "invalid memory access type %d at 0x%08X",
                      static_cast<int>(type), static_cast<std::uint32_t>(addr));
        self->m.fault_ = buf;
        uc_emu_stop(uc);
        return false;
    }

    void core_reset() {
        // DDI0403E §B1.5.5 TakeReset: Thread mode, privileged, MSP, PRIMASK=0, SP_main and PC
        // from the vector table at the boot address.
        set_reg(UC_ARM_REG_CONTROL, 0);
        set_reg(UC_ARM_REG_PRIMASK, 0);
        set_reg(UC_ARM_REG_FAULTMASK, 0);
        set_reg(UC_ARM_REG_BASEPRI, 0);
        set_reg(UC_ARM_REG_IPSR, 0);
        const std::uint32_t off = kBootAddress - kFlashItcm;
        std::uint32_t sp = 0, pc = 0;
        std::memcpy(&sp, &flash[off], 4);
        std::memcpy(&pc, &flash[off + 4], 4);
        set_reg(UC_ARM_REG_MSP, sp);
        set_reg(UC_ARM_REG_SP, sp);
        set_reg(UC_ARM_REG_PSP, 0);
        set_reg(UC_ARM_REG_LR, 0xFFFFFFFFu);
        set_reg(UC_ARM_REG_PC, pc & ~1u);
    }
};

std::uint64_t Model::Impl::mmio_read(uc_engine*, std::uint64_t off, unsigned size, void* user) {
    auto* rg = static_cast<Region*>(user);
    return rg->impl->on_read(rg->base + static_cast<std::uint32_t>(off), size);
}
void Model::Impl::mmio_write(uc_engine*, std::uint64_t off, unsigned size, std::uint64_t v,
                             void* user) {
    auto* rg = static_cast<Region*>(user);
    rg->impl->on_write(rg->base + static_cast<std::uint32_t>(off), size,
                       static_cast<std::uint32_t>(v));
}

Model::Model(const Config& cfg)
    : cfg_(cfg), info_(part_info(cfg.part)), impl_(std::make_unique<Impl>(*this)) {
    Impl& I = *impl_;
    if (uc_open(UC_ARCH_ARM, UC_MODE_THUMB, &I.uc) != UC_ERR_OK) {
        throw std::runtime_error("uc_open failed");
    }
    if (uc_ctl_set_cpu_model(I.uc, UC_CPU_ARM_CORTEX_M7) != UC_ERR_OK) {
        throw std::runtime_error("uc_ctl_set_cpu_model failed");
    }
    I.flash.assign(info_.flash_kib * 1024u, 0xFF);
    I.itcm.assign(info_.itcm_kib * 1024u, 0);
    I.sram.assign(info_.sram_kib * 1024u, 0);
    I.sysmem.assign(kSysMemSize, 0);
    auto map = [&](std::uint32_t addr, std::vector<std::uint8_t>& mem, std::uint32_t prot) {
        if (uc_mem_map_ptr(I.uc, addr, mem.size(), prot, mem.data()) != UC_ERR_OK) {
            throw std::runtime_error("uc_mem_map_ptr failed");
        }
    };
    map(kFlash, I.flash, UC_PROT_READ | UC_PROT_EXEC);
    map(kFlashItcm, I.flash, UC_PROT_READ | UC_PROT_EXEC);
    map(0, I.itcm, UC_PROT_ALL);
    map(kSram, I.sram, UC_PROT_ALL);
    map(kRomBase, I.sysmem, UC_PROT_READ | UC_PROT_EXEC);
    for (auto [base, size] : {std::pair{kPeriph, kPeriphSize}, std::pair{kAhb2, kAhb2Size},
                              std::pair{kPpb, kPpbSize}}) {
        I.regions.push_back(std::make_unique<Impl::Region>(Impl::Region{&I, base}));
        uc_mmio_map(I.uc, base, size, Impl::mmio_read, I.regions.back().get(), Impl::mmio_write,
                    I.regions.back().get());
    }
    // Fake ROM: vector table (word 0 initial MSP inside the ROM's RAM, word 1 the reset
    // handler), `b .` at the reset handler, the bootloader ID, the flash size register.
    auto put32 = [&](std::uint32_t addr, std::uint32_t v) {
        std::memcpy(&I.sysmem[addr - kRomBase], &v, 4);
    };
    put32(kRomBase, kRomInitialSp);
    put32(kRomBase + 4,
          (kRomBase + kRomResetOffset) | (cfg.faults.rom_reset_vector_even ? 0u : 1u));
    put32(kRomBase + kRomResetOffset, 0xE7FEE7FEu);
    I.sysmem[0x1FF0EDBEu - kRomBase] = info_.bootloader_id;
    const std::uint16_t kib = static_cast<std::uint16_t>(info_.flash_kib);
    std::memcpy(&I.sysmem[info_.flash_size_register - kRomBase], &kib, 2);

    uc_hook h;
    uc_hook_add(I.uc, &h, UC_HOOK_CODE, reinterpret_cast<void*>(Impl::on_code), &I, 1, 0);
    uc_hook_add(I.uc, &h, UC_HOOK_MEM_WRITE, reinterpret_cast<void*>(Impl::on_ram_write), &I, kSram,
                kSram + I.sram.size() - 1);
    uc_hook_add(I.uc, &h, UC_HOOK_INTR, reinterpret_cast<void*>(Impl::on_intr), &I, 1, 0);
    uc_hook_add(I.uc, &h, UC_HOOK_MEM_INVALID, reinterpret_cast<void*>(Impl::on_invalid), &I, 1, 0);
}

Model::~Model() {
    if (impl_->uc != nullptr) {
        uc_close(impl_->uc);
    }
}

void Model::load_elf(const std::string& path) {
    Impl& I = *impl_;
    elf_version(EV_CURRENT);
    const int fd = ::open(path.c_str(), O_RDONLY);
    if (fd < 0) {
        throw std::runtime_error("cannot open " + path);
    }
    Elf* e = elf_begin(fd, ELF_C_READ, nullptr);
    std::size_t n = 0;
    if (e == nullptr || elf_getphdrnum(e, &n) != 0) {
        ::close(fd);
        throw std::runtime_error("not an ELF file: " + path);
    }
    Elf_Data* whole = elf_getdata_rawchunk(e, 0, 0, ELF_T_BYTE);
    (void)whole;
    for (std::size_t i = 0; i < n; ++i) {
        GElf_Phdr ph;
        gelf_getphdr(e, static_cast<int>(i), &ph);
        if (ph.p_type != PT_LOAD || ph.p_filesz == 0) {
            continue;
        }
        if (ph.p_paddr < kFlash || ph.p_paddr + ph.p_filesz > kFlash + I.flash.size()) {
            ::close(fd);
            throw std::runtime_error("segment outside flash in " + path);
        }
        Elf_Data* d =
            elf_getdata_rawchunk(e, static_cast<int64_t>(ph.p_offset), ph.p_filesz, ELF_T_BYTE);
        std::memcpy(&I.flash[ph.p_paddr - kFlash], d->d_buf, ph.p_filesz);
    }
    Elf_Scn* scn = nullptr;
    while ((scn = elf_nextscn(e, scn)) != nullptr) {
        GElf_Shdr sh;
        gelf_getshdr(scn, &sh);
        if (sh.sh_type != SHT_SYMTAB) {
            continue;
        }
        Elf_Data* d = elf_getdata(scn, nullptr);
        const std::size_t count = sh.sh_size / sh.sh_entsize;
        for (std::size_t k = 0; k < count; ++k) {
            GElf_Sym sym;
            gelf_getsym(d, static_cast<int>(k), &sym);
            const char* name = elf_strptr(e, sh.sh_link, sym.st_name);
            if (name != nullptr && *name != '\0') {
                I.symbols[name] = static_cast<std::uint32_t>(sym.st_value);
            }
        }
    }
    elf_end(e);
    ::close(fd);
}

std::uint32_t Model::symbol(const std::string& name) const {
    auto it = impl_->symbols.find(name);
    return it == impl_->symbols.end() ? 0 : it->second;
}

void Model::power_on() {
    Impl& I = *impl_;
    std::fill(I.sram.begin(), I.sram.end(), 0xA5);  // power-on garbage, not zeros
    // RM0410 §5.3.21: after power-on, PORRSTF, PINRSTF and BORRSTF are set.
    I.regs.clear();
    I.reset_registers((1u << 25) | (1u << 26) | (1u << 27));
    I.core_reset();
    trace_.push_back(Event{Event::reset, 0, 0, 0, false, instr_, 0});
}

void Model::type(std::uint32_t usart_base, const std::string& text) {
    for (char c : text) {
        impl_->rx[usart_base].push_back(static_cast<std::uint8_t>(c));
    }
}

void Model::at(std::uint32_t addr, std::function<void(Model&)> fn) {
    impl_->watches[addr & ~1u].push_back(std::move(fn));
}

Stop Model::run(std::uint64_t budget, std::function<bool()> until) {
    Impl& I = *impl_;
    I.budget = instr_ + budget;
    I.until = std::move(until);
    I.until_hit = false;
    for (;;) {
        if (I.rom_hit) {
            return Stop::rom_reached;
        }
        if (I.faulted) {
            return Stop::fault;
        }
        if (I.until_hit) {
            return Stop::until;
        }
        if (instr_ >= I.budget) {
            return Stop::budget;
        }
        if (I.reset_pending) {
            I.reset_pending = false;
            ++resets_;
            const std::uint32_t flags =
                cfg_.faults.sysresetreq_as_pin_reset ? (1u << 26) : (1u << 26) | (1u << 28);
            cfg_.faults.sysresetreq_as_pin_reset = false;
            I.reset_registers(flags);
            I.core_reset();
            I.skip_watch = 0xFFFFFFFFu;
            trace_.push_back(Event{Event::reset, 0, flags, 0, false, instr_, 0});
            continue;
        }
        if (!I.pending_watch.empty()) {
            auto pcs = std::move(I.pending_watch);
            I.pending_watch.clear();
            for (std::uint32_t pc : pcs) {
                for (auto& fn : I.watches[pc]) {
                    fn(*this);
                }
            }
        }
        const std::uint32_t pc = I.reg(UC_ARM_REG_PC);
        const uc_err err = uc_emu_start(I.uc, pc | 1u, 0xFFFFFFFEu, 0, 0);
        if (err != UC_ERR_OK && !I.faulted) {
            I.faulted = true;
            char buf[128];
            std::snprintf(buf, sizeof buf, "%s at pc 0x%08X", uc_strerror(err),
                          I.reg(UC_ARM_REG_PC));
            fault_ = buf;
        }
    }
}

void Model::write_memory(std::uint32_t addr, const std::vector<std::uint8_t>& bytes) {
    Impl& I = *impl_;
    const struct {
        std::uint32_t base;
        std::vector<std::uint8_t>* mem;
    } areas[] = {{kFlash, &I.flash},
                 {kFlashItcm, &I.flash},
                 {0, &I.itcm},
                 {kSram, &I.sram},
                 {kRomBase, &I.sysmem}};
    for (const auto& a : areas) {
        if (addr >= a.base && addr - a.base + bytes.size() <= a.mem->size()) {
            std::memcpy(a.mem->data() + (addr - a.base), bytes.data(), bytes.size());
            return;
        }
    }
    throw std::out_of_range("write_memory: no memory at the address");
}

std::uint32_t Model::peek(std::uint32_t addr) {
    return impl_->read(addr);
}

std::uint32_t Model::ram_word(std::uint32_t addr) const {
    std::uint32_t v = 0;
    std::memcpy(&v, &impl_->sram.at(addr - kSram), 4);
    return v;
}

std::uint32_t Model::cpu(int uc_reg) const {
    return impl_->reg(uc_reg);
}
void Model::set_cpu(int uc_reg, std::uint32_t value) {
    impl_->set_reg(uc_reg, value);
}
void Model::set_fpccr(std::uint32_t v) {
    impl_->regs[FPCCR] = v;
}

}  // namespace f7model
