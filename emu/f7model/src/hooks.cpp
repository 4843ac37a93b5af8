// Unicorn callbacks: MMIO windows onto the chip's registers, the instruction counter and
// watch points, the SRAM store trace, and faults. None of them may throw (they run under the
// engine's C frames): a failure is recorded as a fault and the run stopped.
#include <cstdio>

#include "impl.hpp"
#include "memory_map.hpp"
#include "scs.hpp"

namespace f7model {

namespace {

using Impl = Model::Impl;

// DDI0403E §B1.4.4: CONTROL.nPRIV; §B1.4.2: IPSR exception number (0 = Thread mode).
constexpr std::uint32_t kControlNPriv = 1u << 0, kIpsrException = 0x1FFu;

std::uint64_t mmio_read(uc_engine*, std::uint64_t off, unsigned size, void* user) {
    auto* rg = static_cast<Impl::Region*>(user);
    return rg->impl->on_read(rg->base + static_cast<std::uint32_t>(off), size);
}

void mmio_write(uc_engine*, std::uint64_t off, unsigned size, std::uint64_t v, void* user) {
    auto* rg = static_cast<Impl::Region*>(user);
    rg->impl->on_write(rg->base + static_cast<std::uint32_t>(off), size,
                       static_cast<std::uint32_t>(v));
}

void on_code(uc_engine*, std::uint64_t address, std::uint32_t, void* user) {
    static_cast<Impl*>(user)->on_instruction(static_cast<std::uint32_t>(address));
}

void on_ram_write(uc_engine*, uc_mem_type, std::uint64_t addr, int size, std::int64_t value,
                  void* user) {
    static_cast<Impl*>(user)->record(Event::ram_write, static_cast<std::uint32_t>(addr),
                                     static_cast<std::uint32_t>(value),
                                     static_cast<unsigned>(size));
}

void on_intr(uc_engine*, std::uint32_t intno, void* user) {
    auto* self = static_cast<Impl*>(user);
    char buf[96];
    std::snprintf(buf, sizeof buf, "CPU exception %u at pc 0x%08X", intno,
                  self->engine.reg(UC_ARM_REG_PC));
    self->fault(buf);
}

bool on_invalid(uc_engine*, uc_mem_type type, std::uint64_t addr, int, std::int64_t, void* user) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "invalid memory access type %d at 0x%08X",
                  static_cast<int>(type), static_cast<std::uint32_t>(addr));
    static_cast<Impl*>(user)->fault(buf);
    return false;
}

}  // namespace

void Model::Impl::add_hooks() {
    engine.add_hook(UC_HOOK_CODE, reinterpret_cast<void*>(on_code), this, 1, 0);
    engine.add_hook(UC_HOOK_MEM_WRITE, reinterpret_cast<void*>(on_ram_write), this,
                    detail::memory::kSram, detail::memory::kSram + sram.size() - 1);
    engine.add_hook(UC_HOOK_INTR, reinterpret_cast<void*>(on_intr), this, 1, 0);
    engine.add_hook(UC_HOOK_MEM_INVALID, reinterpret_cast<void*>(on_invalid), this, 1, 0);
    if (!axi.empty()) {
        engine.add_hook(UC_HOOK_MEM_WRITE, reinterpret_cast<void*>(on_ram_write), this,
                        detail::memory::kH7Axi, detail::memory::kH7Axi + axi.size() - 1);
    }
    const std::vector<std::pair<std::uint32_t, std::uint32_t>> windows =
        m.info_.family == Family::h7 ? detail::memory::kH7Windows
                                     : std::vector<std::pair<std::uint32_t, std::uint32_t>>{
                                           {detail::memory::kPeriph, detail::memory::kPeriphSize},
                                           {detail::memory::kAhb2, detail::memory::kAhb2Size},
                                           {detail::memory::kPpb, detail::memory::kPpbSize}};
    for (auto [base, size] : windows) {
        regions.push_back(std::make_unique<Region>(Region{this, base}));
        engine.map_mmio(base, size, mmio_read, mmio_write, regions.back().get());
    }
    // STM32L4/G4: GPIO ports on AHB2 from 0x48000000 (CMSIS GPIOA_BASE).
    if (m.info_.family == Family::l4 || m.info_.family == Family::g4) {
        regions.push_back(std::make_unique<Region>(Region{this, detail::memory::kL4G4Gpio}));
        engine.map_mmio(detail::memory::kL4G4Gpio, detail::memory::kL4G4GpioSize, mmio_read,
                        mmio_write, regions.back().get());
    }
}

void Model::Impl::record(Event::Kind k, std::uint32_t addr, std::uint32_t value, unsigned size) {
    const bool masked = (engine.reg(UC_ARM_REG_PRIMASK) & 1u) != 0;
    m.trace_.push_back(Event{k, addr, value, static_cast<std::uint8_t>(size), masked, m.instr_, 0});
}

void Model::Impl::fault(const std::string& why) {
    faulted = true;
    m.fault_ = why;
    engine.stop();
}

bool Model::Impl::unprivileged_thread() const {
    return (control() & kControlNPriv) != 0 && ipsr() == 0;
}

// The SCS is privileged-only: an unprivileged access is a BusFault (DDI0403E §B3.1). The model
// takes no exceptions, so it stops there.
std::uint64_t Model::Impl::on_read(std::uint32_t a, unsigned size) {
    if (a >= detail::scs::kBase && a < detail::scs::kBase + detail::scs::kSize &&
        unprivileged_thread()) {
        violation("unprivileged read of the SCS: BusFault on silicon");
        fault("unprivileged SCS access");
        return 0;
    }
    return chip->load(a, size);
}

void Model::Impl::on_write(std::uint32_t a, unsigned size, std::uint32_t v) {
    if (a >= detail::scs::kBase && a < detail::scs::kBase + detail::scs::kSize &&
        unprivileged_thread()) {
        violation("unprivileged write to the SCS: BusFault on silicon");
        fault("unprivileged SCS access");
        return;
    }
    record(Event::reg_write, a, v, size);
    const std::size_t event = m.trace_.size() - 1;
    const std::uint32_t aux = chip->store(a, v, size);
    m.trace_[event].aux = aux;
}

void Model::Impl::capture_rom_entry(std::uint32_t pc) {
    RomEntry& e = m.rom_;
    e.reached = true;
    e.primask = engine.reg(UC_ARM_REG_PRIMASK);
    e.faultmask = engine.reg(UC_ARM_REG_FAULTMASK);
    e.basepri = engine.reg(UC_ARM_REG_BASEPRI);
    e.control = control();
    e.ipsr = ipsr();
    e.msp = engine.reg(UC_ARM_REG_MSP);
    e.psp = engine.reg(UC_ARM_REG_PSP);
    e.sp = engine.reg(UC_ARM_REG_SP);
    e.instr = m.instr_;
    e.trace_index = m.trace_.size();
    record(Event::rom_entry, pc, 0, 0);
    rom_hit = true;
    engine.stop();
}

// Before each instruction: the ROM entry, watch points (the run loop calls them outside the
// engine, then resumes at the same pc without stopping again), and the budget.
void Model::Impl::on_instruction(std::uint32_t pc) {
    if (skip_watch != kNoWatch) {
        const bool same = skip_watch == pc;
        skip_watch = kNoWatch;
        if (same) {
            ++m.instr_;
            return;
        }
    }
    if (pc == m.rom_reset_handler()) {
        capture_rom_entry(pc);
        return;
    }
    if (v6m()) {
        v6m_before_instruction(pc);
    }
    if (watches.count(pc) != 0) {
        pending_watch.push_back(pc);
        skip_watch = pc;
        engine.stop();
        return;
    }
    ++m.instr_;
    if (m.instr_ >= budget) {
        engine.stop();
    }
}

void Model::Impl::violation(const std::string& what) {
    m.violations_.push_back(what + " (at instruction " + std::to_string(m.instr_) + ")");
}

std::uint32_t Model::Impl::ipsr() const {
    return engine.reg(UC_ARM_REG_IPSR) & kIpsrException;
}

void Model::Impl::request_system_reset() {
    reset_pending = true;
    engine.stop();
}

void Model::Impl::console_byte(std::uint8_t byte, bool baud_ok) {
    if (!baud_ok) {
        ++m.garbled_;
    }
    m.console_.push_back(static_cast<char>(byte));
    if (until && until()) {
        until_hit = true;
        engine.stop();
    }
}

}  // namespace f7model
