#pragma once
// Model::Impl: the Unicorn engine, the memories mapped into it, the chip's registers, and the
// callbacks that connect them (hooks.cpp), the memory map (memory.cpp) and the run loop
// (model.cpp).
#include <unicorn/unicorn.h>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "bus.hpp"
#include "engine.hpp"
#include "f7model/model.hpp"
#include "host.hpp"

namespace f7model {

struct Model::Impl final : detail::Host {
    static constexpr std::uint32_t kNoWatch = 0xFFFFFFFFu;

    // An MMIO window: Unicorn passes offsets, the chip wants addresses.
    struct Region {
        Impl* impl;
        std::uint32_t base;
    };

    Model& m;
    // Declared before the engine so they outlive it: Unicorn points into them.
    std::vector<std::uint8_t> flash, itcm, sram, sysmem;
    std::vector<std::uint8_t> axi;  // H7 AXI SRAM (empty on F4/F7)
    std::vector<std::unique_ptr<Region>> regions;
    detail::Engine engine;
    std::unique_ptr<detail::Bus> chip;  // the part family's registers (bus.hpp)

    std::map<std::string, std::uint32_t> symbols;
    std::map<std::uint32_t, std::vector<std::function<void(Model&)>>> watches;
    std::vector<std::uint32_t> pending_watch;
    std::uint32_t skip_watch = kNoWatch;
    std::function<bool()> until;
    bool until_hit = false, reset_pending = false, rom_hit = false, faulted = false;
    std::uint64_t budget = 0;

    explicit Impl(Model& model);

    // detail::Host
    void violation(const std::string& what) override;
    std::uint32_t ipsr() const override;
    void request_system_reset() override;
    void console_byte(std::uint8_t byte, bool baud_ok) override;
    const Config& config() const override { return m.cfg_; }
    const PartInfo& part() const override { return m.info_; }

    // memory.cpp
    void map_memory();
    // Where flash is seen at the boot address: ITCM (F7) or the alias at 0 (F4).
    std::uint32_t flash_boot_view() const;
    void install_fake_rom();
    // Copies `bytes` to `addr` (inside one memory) and drops the code translated from every
    // address that memory is seen at. False when no memory holds the whole range.
    bool write_bytes(std::uint32_t addr, const std::uint8_t* bytes, std::size_t size);

    // h7_memory.cpp: the STM32H7 memory map and fake ROM.
    void map_memory_h7();
    void install_fake_rom_h7();

    // hooks.cpp
    void add_hooks();
    void record(Event::Kind k, std::uint32_t addr, std::uint32_t value, unsigned size);
    void fault(const std::string& why);
    bool unprivileged_thread() const;
    std::uint64_t on_read(std::uint32_t addr, unsigned size);
    void on_write(std::uint32_t addr, unsigned size, std::uint32_t v);
    void on_instruction(std::uint32_t pc);
    void capture_rom_entry(std::uint32_t pc);

    // v6m_control.cpp: CONTROL.nPRIV on the G0 part. Unicorn's Cortex-M0 (the only Armv6-M
    // model) has no Unprivileged/Privileged Extension, the Cortex-M0+ of the STM32G0 does:
    // the model keeps the bit and shows it to the CPU's `mrs rd, CONTROL`.
    bool v6m_npriv = false;
    int v6m_fix_reg = -1;  // register an `mrs CONTROL` just wrote, fixed up before the next
    bool v6m() const { return m.info_.family == Family::g0; }
    std::uint32_t control() const;
    void set_control(std::uint32_t v);
    void v6m_before_instruction(std::uint32_t pc);

    // model.cpp
    void core_reset();
    void take_system_reset();
    void run_watches();
};

}  // namespace f7model
