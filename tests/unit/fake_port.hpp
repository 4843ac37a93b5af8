#pragma once
// A recording fake of the hand-off port: registers are a map with scripted read values,
// every write and core operation is appended to a log, launch() throws instead of jumping.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "sysboot/core/caps.hpp"

namespace sysboot::test {

struct Launched {
    std::uint32_t msp;
    std::uint32_t pc;
};

struct Op {
    enum Kind {
        write,
        irq_disable,
        irq_enable,
        dsb,
        isb,
        dcache_clean,
        dcache_inval,
        clean_range,
        launch,
        clear_stack_limits
    };
    Kind kind;
    std::uint32_t addr = 0;
    std::uint32_t value = 0;
};

// A port for the core `C` describes (default: the Cortex-M7 of the F7 boards).
template <const core::Caps& C>
struct BasicFakePort {
    static constexpr core::Caps caps = C;
    std::map<std::uint32_t, std::uint32_t> regs{{0xE000ED90, 8u << 8}};  // MPU_TYPE: 8 regions
    bool nonsecure_v = false;
    std::vector<Op> ops;
    std::uint32_t primask_v = 0, faultmask_v = 0, basepri_v = 0, control_v = 0, ipsr_v = 0;
    std::uint64_t relax_count = 0;

    std::uint32_t read(std::uint32_t a) {
        auto it = regs.find(a);
        return it == regs.end() ? 0u : it->second;
    }
    void write(std::uint32_t a, std::uint32_t v) {
        regs[a] = v;
        ops.push_back({Op::write, a, v});
    }
    std::uint32_t primask() { return primask_v; }
    std::uint32_t faultmask() { return faultmask_v; }
    std::uint32_t basepri() { return basepri_v; }
    std::uint32_t control() { return control_v; }
    std::uint32_t ipsr() { return ipsr_v; }
    void irq_disable() {
        primask_v = 1;
        ops.push_back({Op::irq_disable});
    }
    void irq_enable() {
        primask_v = 0;
        ops.push_back({Op::irq_enable});
    }
    void dsb() { ops.push_back({Op::dsb}); }
    void isb() { ops.push_back({Op::isb}); }
    void relax() { ++relax_count; }
    bool nonsecure() { return nonsecure_v; }
    void clear_stack_limits() { ops.push_back({Op::clear_stack_limits}); }
    // The target does these in one asm block that also clears CCR.DC (cortex_m_port.hpp).
    void dcache_off_clean_invalidate() {
        regs[0xE000ED14] &= ~(1u << 16);
        ops.push_back({Op::dcache_clean});
    }
    void dcache_off_invalidate() {
        regs[0xE000ED14] &= ~(1u << 16);
        ops.push_back({Op::dcache_inval});
    }
    void clean_dcache_range(std::uint32_t a, std::uint32_t n) {
        ops.push_back({Op::clean_range, a, n});
    }
    [[noreturn]] void launch(std::uint32_t msp, std::uint32_t pc) {
        ops.push_back({Op::launch, msp, pc});
        throw Launched{msp, pc};
    }

    // Index of the first op matching, or -1.
    int find(Op::Kind k, std::uint32_t addr = 0, bool match_addr = false) const {
        for (std::size_t i = 0; i < ops.size(); ++i) {
            if (ops[i].kind == k && (!match_addr || ops[i].addr == addr)) {
                return static_cast<int>(i);
            }
        }
        return -1;
    }
    int find_write(std::uint32_t addr) const { return find(Op::write, addr, true); }
    int last_write(std::uint32_t addr) const {
        for (int i = static_cast<int>(ops.size()) - 1; i >= 0; --i) {
            if (ops[static_cast<std::size_t>(i)].kind == Op::write &&
                ops[static_cast<std::size_t>(i)].addr == addr) {
                return i;
            }
        }
        return -1;
    }
    std::size_t writes() const {
        std::size_t n = 0;
        for (const auto& o : ops) {
            n += o.kind == Op::write ? 1 : 0;
        }
        return n;
    }
};

using FakePort = BasicFakePort<core::kCortexM7>;

}  // namespace sysboot::test
