#pragma once
// System Control Block registers used by the hand-off.
// Source: Arm DDI0403E (Armv7-M ARM) §B3.2, "System Control Space", Table B3-4.
#include <cstdint>

namespace sysboot::cm7::scb {

// Interrupt Controller Type Register, §B3.4 (NVIC lines = 32 * (INTLINESNUM + 1)).
inline constexpr std::uint32_t ICTR = 0xE000E004;
inline constexpr std::uint32_t ICTR_INTLINESNUM_MASK = 0xFu;

inline constexpr std::uint32_t CPUID = 0xE000ED00;  // §B3.2

// Interrupt Control and State Register, §B3.2. The *CLR bits are write-1-to-clear
// requests: write them alone (a read-modify-write would also write the read-only
// VECTACTIVE/VECTPENDING fields back, which is harmless but meaningless).
inline constexpr std::uint32_t ICSR = 0xE000ED04;
inline constexpr std::uint32_t ICSR_VECTACTIVE_MASK = 0x1FFu;
inline constexpr std::uint32_t ICSR_RETTOBASE = 1u << 11;
inline constexpr std::uint32_t ICSR_PENDSTCLR = 1u << 25;
inline constexpr std::uint32_t ICSR_PENDSTSET = 1u << 26;
inline constexpr std::uint32_t ICSR_PENDSVCLR = 1u << 27;
inline constexpr std::uint32_t ICSR_PENDSVSET = 1u << 28;

// Vector Table Offset Register, §B3.2: bits [6:0] are reserved (128-byte minimum
// alignment; more for larger tables).
inline constexpr std::uint32_t VTOR = 0xE000ED08;
inline constexpr std::uint32_t VTOR_RESERVED_MASK = 0x7Fu;

// Application Interrupt and Reset Control Register, §B3.2: writes need VECTKEY in [31:16].
inline constexpr std::uint32_t AIRCR = 0xE000ED0C;
inline constexpr std::uint32_t AIRCR_VECTKEY = 0x05FAu << 16;
inline constexpr std::uint32_t AIRCR_SYSRESETREQ = 1u << 2;
inline constexpr std::uint32_t AIRCR_PRIGROUP_MASK = 0x7u << 8;

inline constexpr std::uint32_t SCR = 0xE000ED10;  // §B3.2

// Configuration and Control Register, §B3.2; DC/IC/BP are the Cortex-M7 cache and
// branch-predictor enables (Cortex-M7 TRM DDI0489, "Cache control").
inline constexpr std::uint32_t CCR = 0xE000ED14;
inline constexpr std::uint32_t CCR_STKALIGN = 1u << 9;
inline constexpr std::uint32_t CCR_DC = 1u << 16;
inline constexpr std::uint32_t CCR_IC = 1u << 17;
inline constexpr std::uint32_t CCR_BP = 1u << 18;

// System Handler Priority Registers 1-3, §B3.2-12.
inline constexpr std::uint32_t SHPR1 = 0xE000ED18;
inline constexpr std::uint32_t SHPR2 = 0xE000ED1C;
inline constexpr std::uint32_t SHPR3 = 0xE000ED20;

// System Handler Control and State Register, §B3.2: the *ACT bits say which system
// exceptions are active (needed to know whether an exception return reaches Thread mode).
inline constexpr std::uint32_t SHCSR = 0xE000ED24;
inline constexpr std::uint32_t SHCSR_ACTIVE_MASK =
    (1u << 0) | (1u << 1) | (1u << 3) | (1u << 7) | (1u << 8) | (1u << 10) | (1u << 11);

// Coprocessor Access Control Register, §B3.2: CP10/CP11 = bits [23:20] (FPU).
inline constexpr std::uint32_t CPACR = 0xE000ED88;
inline constexpr std::uint32_t CPACR_CP10_CP11_FULL = 0xFu << 20;

}  // namespace sysboot::cm7::scb
