// The public face of the STM32F7 model (model.hpp): power-on, ELF loading and the run loop.
// The registers live in chip.hpp and its blocks, the Unicorn side in engine.hpp and hooks.cpp.
#include <cstdio>
#include <cstring>

#include "elf_image.hpp"
#include "impl.hpp"
#include "memory_map.hpp"
#include "rcc.hpp"

namespace f7model {

namespace mem = detail::memory;

Model::Model(const Config& cfg)
    : cfg_(cfg), info_(part_info(cfg.part)), impl_(std::make_unique<Impl>(*this)) {}

Model::~Model() = default;

void Model::load_elf(const std::string& path) {
    Impl& I = *impl_;
    detail::ElfImage image = detail::read_elf(path);
    for (const detail::Segment& s : image.segments) {
        if (s.load_address < mem::kFlashAxi || s.load_address - mem::kFlashAxi > I.flash.size() ||
            s.bytes.size() > I.flash.size() - (s.load_address - mem::kFlashAxi)) {
            throw std::runtime_error("f7model: segment outside flash in " + path);
        }
    }
    for (const detail::Segment& s : image.segments) {
        I.write_bytes(s.load_address, s.bytes.data(), s.bytes.size());
    }
    for (auto& [name, value] : image.symbols) {
        I.symbols[name] = value;
    }
}

std::uint32_t Model::symbol(const std::string& name) const {
    auto it = impl_->symbols.find(name);
    return it == impl_->symbols.end() ? 0 : it->second;
}

// DDI0403E §B1.5.5 TakeReset: Thread mode, privileged, MSP, PRIMASK = 0, SP_main and PC from
// the vector table at the boot address (the start of flash in both families' boot views).
void Model::Impl::core_reset() {
    set_control(0);
    v6m_fix_reg = -1;
    engine.set_reg(UC_ARM_REG_PRIMASK, 0);
    engine.set_reg(UC_ARM_REG_FAULTMASK, 0);
    engine.set_reg(UC_ARM_REG_BASEPRI, 0);
    engine.set_reg(UC_ARM_REG_IPSR, 0);
    const std::uint32_t off = 0;  // both boot views start at flash offset 0
    std::uint32_t sp = 0, pc = 0;
    std::memcpy(&sp, &flash[off], 4);
    std::memcpy(&pc, &flash[off + 4], 4);
    engine.set_reg(UC_ARM_REG_MSP, sp);
    engine.set_reg(UC_ARM_REG_SP, sp);
    engine.set_reg(UC_ARM_REG_PSP, 0);
    engine.set_reg(UC_ARM_REG_LR, 0xFFFFFFFFu);
    engine.set_reg(UC_ARM_REG_PC, pc & ~1u);
}

void Model::power_on() {
    Impl& I = *impl_;
    std::fill(I.sram.begin(), I.sram.end(), 0xA5);  // power-on garbage, not zeros
    // RM0410 §5.3.21: after power-on, PORRSTF, PINRSTF and BORRSTF are set, nothing else.
    I.chip->power_on_reset(detail::rcc::CSR_PORRSTF | detail::rcc::CSR_PINRSTF |
                           detail::rcc::CSR_BORRSTF);
    I.core_reset();
    trace_.push_back(Event{Event::reset, 0, 0, 0, false, instr_, 0});
}

// SYSRESETREQ (DDI0403E §B1.5.16): a system reset that sets SFTRSTF and PINRSTF (the reset
// pin is driven too, RM0410 §5.1.2), unless a test makes it look like an external reset.
void Model::Impl::take_system_reset() {
    reset_pending = false;
    ++m.resets_;
    const std::uint32_t flags = m.cfg_.faults.sysresetreq_as_pin_reset
                                    ? detail::rcc::CSR_PINRSTF
                                    : detail::rcc::CSR_PINRSTF | detail::rcc::CSR_SFTRSTF;
    m.cfg_.faults.sysresetreq_as_pin_reset = false;
    chip->system_reset(flags);
    core_reset();
    skip_watch = kNoWatch;
    m.trace_.push_back(Event{Event::reset, 0, flags, 0, false, m.instr_, 0});
}

void Model::Impl::run_watches() {
    auto pcs = std::move(pending_watch);
    pending_watch.clear();
    for (std::uint32_t pc : pcs) {
        for (auto& fn : watches[pc]) {
            fn(m);
        }
    }
}

void Model::type(std::uint32_t usart_base, const std::string& text) {
    for (char c : text) {
        impl_->chip->receive(usart_base, static_cast<std::uint8_t>(c));
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
            I.take_system_reset();
            continue;
        }
        if (!I.pending_watch.empty()) {
            I.run_watches();
        }
        const std::uint32_t pc = I.engine.reg(UC_ARM_REG_PC);
        const uc_err err = I.engine.start(pc);
        if (!I.engine.hook_error().empty() && !I.faulted) {
            I.faulted = true;
            fault_ = I.engine.hook_error();
        } else if (err != UC_ERR_OK && !I.faulted) {
            I.faulted = true;
            char buf[128];
            std::snprintf(buf, sizeof buf, "uc_emu_start: %s at pc 0x%08X", uc_strerror(err),
                          I.engine.reg(UC_ARM_REG_PC));
            fault_ = buf;
        }
    }
}

std::uint32_t Model::peek(std::uint32_t addr) const {
    return impl_->chip->peek(addr);
}

std::uint32_t Model::cpu(int uc_reg) const {
    return uc_reg == UC_ARM_REG_CONTROL ? impl_->control() : impl_->engine.reg(uc_reg);
}
void Model::set_cpu(int uc_reg, std::uint32_t value) {
    if (uc_reg == UC_ARM_REG_CONTROL) {
        impl_->set_control(value);
        return;
    }
    impl_->engine.set_reg(uc_reg, value);
}
void Model::set_fpccr(std::uint32_t v) {
    impl_->chip->set_fpccr(v);
}

}  // namespace f7model
