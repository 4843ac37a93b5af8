#pragma once
// The Cortex-M7 System Control Space: NVIC, SCB (identification, ICSR, VTOR, AIRCR, CCR,
// priorities), SysTick, MPU, cache identification and maintenance, FPU control (DDI0403E
// §B3.2-§B3.5, §B4.8; Cortex-M7 TRM §3-§4). Registers only: no exception is ever taken, the
// MPU does not check accesses and cache maintenance is traced, not performed.
#include <array>
#include <cstdint>

#include "host.hpp"

namespace f7model::detail::scs {

inline constexpr std::uint32_t kBase = 0xE000E000, kSize = 0x1000;
inline constexpr std::uint32_t ICTR = 0xE000E004;  // §B3.4.1
// SysTick (§B3.3).
inline constexpr std::uint32_t SYST_CSR = 0xE000E010, SYST_RVR = 0xE000E014, SYST_CVR = 0xE000E018;
inline constexpr std::uint32_t SYST_CSR_ENABLE = 1u << 0, SYST_CSR_TICKINT = 1u << 1,
                               SYST_CSR_CLKSOURCE = 1u << 2, SYST_RVR_RELOAD = 0xFFFFFFu;
// NVIC (§B3.4): 16 words per bank cover 512 interrupt lines.
inline constexpr std::uint32_t NVIC_ISER = 0xE000E100, NVIC_ICER = 0xE000E180,
                               NVIC_ISPR = 0xE000E200, NVIC_ICPR = 0xE000E280,
                               NVIC_IABR = 0xE000E300, NVIC_IPR = 0xE000E400;
inline constexpr std::uint32_t kNvicBankBytes = 64, kIprBytes = 512;
// SCB (§B3.2).
inline constexpr std::uint32_t CPUID = 0xE000ED00, ICSR = 0xE000ED04, VTOR = 0xE000ED08,
                               AIRCR = 0xE000ED0C, CCR = 0xE000ED14, SHPR1 = 0xE000ED18,
                               SHPR3 = 0xE000ED20, CPACR = 0xE000ED88, STIR = 0xE000EF00,
                               FPCCR = 0xE000EF34;
inline constexpr std::uint32_t ICSR_VECTACTIVE = 0x1FFu, ICSR_PENDSTCLR = 1u << 25,
                               ICSR_PENDSTSET = 1u << 26, ICSR_PENDSVCLR = 1u << 27,
                               ICSR_PENDSVSET = 1u << 28;
inline constexpr std::uint32_t VTOR_TBLOFF = 0xFFFFFF80u;
inline constexpr std::uint32_t AIRCR_VECTKEY = 0x05FAu, AIRCR_VECTKEYSTAT = 0xFA05u << 16,
                               AIRCR_PRIGROUP = 7u << 8, AIRCR_SYSRESETREQ = 1u << 2;
inline constexpr std::uint32_t CCR_STKALIGN = 1u << 9, CCR_DC = 1u << 16, CCR_IC = 1u << 17,
                               CCR_BP = 1u << 18;
inline constexpr std::uint32_t FPCCR_LSPEN = 1u << 30, FPCCR_ASPEN = 1u << 31;
inline constexpr std::uint32_t STIR_INTID = 0x1FFu;
// STM32F7 implements 4 priority bits: the low nibble of each byte is RAZ/WI (PM0253 §4.3.7).
inline constexpr std::uint8_t kPriorityBits = 0xF0;
// Cache identification (§B4.8) and MPU (§B3.5).
inline constexpr std::uint32_t CLIDR = 0xE000ED78, CTR = 0xE000ED7C, CCSIDR = 0xE000ED80,
                               CSSELR = 0xE000ED84;
inline constexpr std::uint32_t CSSELR_IND = 1u << 0;  // 1: instruction cache
inline constexpr std::uint32_t MPU_TYPE = 0xE000ED90, MPU_CTRL = 0xE000ED94, MPU_RNR = 0xE000ED98,
                               MPU_RBAR = 0xE000ED9C, MPU_RASR = 0xE000EDA0;
inline constexpr std::uint32_t MPU_RBAR_REGION = 0xFu, MPU_RBAR_VALID = 1u << 4,
                               MPU_RBAR_ADDR = ~0x1Fu;
inline constexpr std::uint32_t kMpuRegions = 8;  // Cortex-M7 on STM32F7 (PM0253 §4.6)

class Scs {
  public:
    explicit Scs(Host& host) : host_(host) {}
    void reset();
    std::uint32_t peek(std::uint32_t addr) const;
    // A CPU store: `size` bytes of `v` at `addr` (only the priority bytes are sub-word).
    void write(std::uint32_t addr, std::uint32_t v, unsigned size);
    void set_fpccr(std::uint32_t v) { regs_.set(FPCCR, v); }

  private:
    std::uint8_t priority_bits() const;
    std::uint32_t peek_nvic(std::uint32_t addr) const;
    std::uint32_t ccsidr() const;
    bool write_nvic(std::uint32_t addr, std::uint32_t v);
    void write_scb(std::uint32_t addr, std::uint32_t v);
    void write_mpu_rbar(std::uint32_t v);
    void write_aircr(std::uint32_t v);

    Host& host_;
    WordStore regs_;  // the registers without their own state below
    std::array<std::uint8_t, kIprBytes> ipr_{};
    std::array<std::uint32_t, kNvicBankBytes / 4> enabled_{}, pending_{};
    std::array<std::uint32_t, 16> mpu_rbar_{}, mpu_rasr_{};
    bool systick_pending_ = false, pendsv_pending_ = false;
};

}  // namespace f7model::detail::scs
