// CONTROL.nPRIV for the STM32G0 part (impl.hpp). DDI0419E §B1.4 "CONTROL": with the
// Unprivileged/Privileged Extension, which the STM32G0's Cortex-M0+ implements, CONTROL.nPRIV
// (bit 0) makes Thread mode unprivileged. Unicorn 2.0.1's Cortex-M0 ignores writes to it, so
// the model holds the bit: tests set it through Model::set_cpu, the SCS check reads it, and a
// `mrs rd, CONTROL` the CPU executes gets it ORed into rd before the next instruction runs.
// An unprivileged `msr CONTROL` is ignored by hardware, so only set_cpu changes the bit.
#include <cstring>

#include "impl.hpp"
#include "memory_map.hpp"

namespace f7model {

namespace {

constexpr std::uint32_t kNPriv = 1u << 0;
// MRS, encoding T1 (DDI0419E §A6.7 "MRS"): 0xF3EF then 1000 Rd:4 SYSm:8; SYSm 0x14 = CONTROL.
constexpr std::uint16_t kMrsFirst = 0xF3EF;
constexpr std::uint16_t kSysmControl = 0x14;

}  // namespace

std::uint32_t Model::Impl::control() const {
    const std::uint32_t c = engine.reg(UC_ARM_REG_CONTROL);
    return v6m() ? (c & ~kNPriv) | (v6m_npriv ? kNPriv : 0u) : c;
}

void Model::Impl::set_control(std::uint32_t v) {
    if (v6m()) {
        v6m_npriv = (v & kNPriv) != 0;
    }
    engine.set_reg(UC_ARM_REG_CONTROL, v);
}

void Model::Impl::v6m_before_instruction(std::uint32_t pc) {
    if (v6m_fix_reg >= 0) {  // the previous instruction was `mrs rd, CONTROL`
        const int r = UC_ARM_REG_R0 + v6m_fix_reg;
        engine.set_reg(r, engine.reg(r) | kNPriv);
        v6m_fix_reg = -1;
    }
    if (!v6m_npriv || ipsr() != 0) {
        return;  // privileged, or Handler mode (always privileged)
    }
    // The code runs from flash (either view) or SRAM.
    const std::vector<std::uint8_t>* mem = &flash;
    std::uint32_t base = pc >= detail::memory::kFlashAxi ? detail::memory::kFlashAxi : 0u;
    if (pc >= detail::memory::kSram) {
        mem = &sram;
        base = detail::memory::kSram;
    }
    const std::uint32_t off = pc - base;
    if (off > mem->size() || mem->size() - off < 4) {
        return;
    }
    std::uint16_t hw[2];
    std::memcpy(hw, mem->data() + off, sizeof hw);
    if (hw[0] == kMrsFirst && (hw[1] & 0xF000u) == 0x8000u && (hw[1] & 0xFFu) == kSysmControl) {
        v6m_fix_reg = (hw[1] >> 8) & 0xF;
    }
}

}  // namespace f7model
