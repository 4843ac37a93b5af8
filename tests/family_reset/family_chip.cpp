#include "family_chip.hpp"

#include <unicorn/unicorn.h>

#include <array>
#include <cstring>
#include <stdexcept>

namespace family_reset {

namespace {

using sysboot::stm32::Core;
using sysboot::stm32::PartInfo;

constexpr std::uint32_t kPage = 0x1000;
constexpr std::uint32_t kScs = 0xE000E000;
constexpr std::uint32_t kVtor = 0xE000ED08;   // DDI0403E §B3.2.5
constexpr std::uint32_t kAircr = 0xE000ED0C;  // DDI0403E §B3.2.6
constexpr std::uint32_t kAircrVectKey = 0x05FAu << 16;
constexpr std::uint32_t kAircrSysResetReq = 1u << 2;
constexpr std::uint32_t kF0Syscfg = 0x40010000;  // RM0091 SYSCFG, CFGR1 at offset 0
constexpr std::uint64_t kBudget = 5'000'000;     // instructions per boot

std::uint32_t page_down(std::uint32_t a) {
    return a & ~(kPage - 1);
}
std::uint64_t page_up(std::uint64_t a) {
    return (a + kPage - 1) & ~std::uint64_t{kPage - 1};
}

// Unicorn 2.0 has no Cortex-M0+ model: the M0+ parts run on its Cortex-M0 (both Armv6-M; the
// M0+'s VTOR is an SCS word here, which the harness reads back).
uc_cpu_arm model_of(Core c) {
    switch (c) {
        case Core::M0:
        case Core::M0Plus:
            return UC_CPU_ARM_CORTEX_M0;
        case Core::M3:
            return UC_CPU_ARM_CORTEX_M3;
        case Core::M4:
            return UC_CPU_ARM_CORTEX_M4;
        case Core::M7:
            return UC_CPU_ARM_CORTEX_M7;
        case Core::M33:
            return UC_CPU_ARM_CORTEX_M33;
    }
    return UC_CPU_ARM_CORTEX_M0;
}

struct Region {
    std::uint32_t base;
    std::vector<std::uint8_t> bytes;
    bool contains(std::uint32_t a, std::uint32_t n) const {
        return a >= base && std::uint64_t{a} + n <= base + bytes.size();
    }
};

std::uint32_t symbol(const f7model::detail::ElfImage& img, const char* name) {
    const auto it = img.symbols.find(name);
    if (it == img.symbols.end()) {
        throw std::runtime_error(std::string("probe image without ") + name);
    }
    return it->second & ~1u;
}

}  // namespace

struct Chip::Impl {
    const PartInfo& row;
    ResetRegister reg;
    std::vector<Region> regions;                 // flash, SRAM, ROM RAM 2, ROM, IDCODE, SCS, SYSCFG
    std::array<std::uint32_t, kPage / 4> rcc{};  // the page holding the reset-cause register
    std::uint32_t flash_sp = 0, flash_pc = 0;
    std::uint32_t probe_done = 0, probe_main = 0, probe_fault = 0, rom_entry = 0;

    // One boot's state, seen by the hooks.
    bool reset_requested = false;
    std::uint32_t stopped_at = 0;
    bool unmapped = false;
    std::uint64_t unmapped_address = 0;

    Region& region(std::uint32_t base, std::uint64_t end) {
        const std::uint32_t first = page_down(base);
        const std::uint64_t last = page_up(end);
        for (Region& r : regions) {
            if (r.base < last && first < r.base + r.bytes.size()) {
                throw std::runtime_error("emulated memory regions share a page");
            }
        }
        regions.push_back({first, std::vector<std::uint8_t>(last - first, 0)});
        return regions.back();
    }
    Region* find(std::uint32_t a, std::uint32_t n) {
        for (Region& r : regions) {
            if (r.contains(a, n)) {
                return &r;
            }
        }
        return nullptr;
    }
    void put32(std::uint32_t a, std::uint32_t v) {
        Region* r = find(a, 4);
        if (r == nullptr) {
            throw std::runtime_error("write outside the emulated memory");
        }
        std::memcpy(r->bytes.data() + (a - r->base), &v, 4);
    }
    std::uint32_t get32(std::uint32_t a) {
        Region* r = find(a, 4);
        std::uint32_t v = 0;
        if (r != nullptr) {
            std::memcpy(&v, r->bytes.data() + (a - r->base), 4);
        }
        return v;
    }

    // The reset-cause register: flags read-only, RMVF clears them (reset_registers.hpp).
    std::uint32_t& reset_cause() { return rcc[(reg.address & (kPage - 1)) / 4]; }
    static std::uint64_t rcc_read(uc_engine*, std::uint64_t off, unsigned, void* self) {
        return static_cast<Impl*>(self)->rcc[(off & (kPage - 1)) / 4];
    }
    static void rcc_write(uc_engine*, std::uint64_t off, unsigned, std::uint64_t value,
                          void* self_) {
        auto* self = static_cast<Impl*>(self_);
        const auto v = static_cast<std::uint32_t>(value);
        std::uint32_t& word = self->rcc[(off & (kPage - 1)) / 4];
        if ((off & ~3u) != (self->reg.address & (kPage - 1))) {
            word = v;
            return;
        }
        const std::uint32_t flag = 1u << self->reg.software;
        const std::uint32_t remove = 1u << self->reg.remove;
        word = (v & ~(flag | remove)) | (word & flag);
        if ((v & remove) != 0) {
            word &= ~flag;
        }
    }

    static void on_aircr(uc_engine* uc, uc_mem_type, std::uint64_t, int, std::int64_t value,
                         void* self) {
        const auto v = static_cast<std::uint32_t>(value);
        if ((v & 0xFFFF0000u) == kAircrVectKey && (v & kAircrSysResetReq) != 0) {
            static_cast<Impl*>(self)->reset_requested = true;
            uc_emu_stop(uc);
        }
    }
    static void on_stop(uc_engine* uc, std::uint64_t address, std::uint32_t, void* self) {
        static_cast<Impl*>(self)->stopped_at = static_cast<std::uint32_t>(address);
        uc_emu_stop(uc);
    }
    static bool on_unmapped(uc_engine*, uc_mem_type, std::uint64_t address, int, std::int64_t,
                            void* self_) {
        auto* self = static_cast<Impl*>(self_);
        self->unmapped = true;
        self->unmapped_address = address;
        return false;
    }

    // The SCS at reset, with the identification values the hand-off reads (as
    // bench/cores.cpp: MPU regions, the STM32F7's D-cache geometry on the M7, ID_PFR1 with
    // the Security Extension on the M33); VTOR 0.
    void reset_scs() {
        Region* scs = find(kScs, kPage);
        std::fill(scs->bytes.begin(), scs->bytes.end(), 0);
        const Core c = row.core;
        if (c != Core::M0 && c != Core::M0Plus) {
            put32(0xE000ED90, (c == Core::M7 || c == Core::M33 ? 16u : 8u) << 8);  // MPU_TYPE
        }
        if (c == Core::M7) {
            put32(0xE000ED80, (127u << 13) | (3u << 3) | 1u);  // CCSIDR
        }
        if (c == Core::M33) {
            put32(0xE000ED44, 0x00000210);  // ID_PFR1
        }
    }

    void boot(Outcome& out, bool stop_at_main);
};

Chip::Chip(const PartInfo& row, const f7model::detail::ElfImage& image, std::uint16_t dev_id)
    : impl_(new Impl{row, reset_register(row.family), {}, {}, 0, 0, 0, 0, 0, 0}) {
    Impl& m = *impl_;
    std::uint64_t flash_end = row.flash_base;
    for (const auto& seg : image.segments) {
        flash_end = std::max<std::uint64_t>(flash_end, seg.load_address + seg.bytes.size());
    }
    Region& flash = m.region(row.flash_base, flash_end);
    for (const auto& seg : image.segments) {
        if (!flash.contains(seg.load_address, static_cast<std::uint32_t>(seg.bytes.size()))) {
            throw std::runtime_error("probe segment outside flash");
        }
        std::memcpy(flash.bytes.data() + (seg.load_address - flash.base), seg.bytes.data(),
                    seg.bytes.size());
    }
    m.region(row.sram.base, row.sram.end());
    if (row.rom_ram_extra.known()) {
        m.region(row.rom_ram_extra.base, row.rom_ram_extra.end());
    }
    // The stand-in ROM: word 0 an MSP inside the ROM's RAM, word 1 a reset handler after the
    // table (a branch to itself, never executed: the run stops on it).
    m.region(row.rom_vectors, row.system_memory.end());
    rom_msp_ = static_cast<std::uint32_t>(row.rom_ram.end() - 0x100);
    rom_entry_ = row.rom_vectors + 0x100;
    m.put32(row.rom_vectors, rom_msp_);
    m.put32(row.rom_vectors + 4, rom_entry_ | 1u);
    m.put32(rom_entry_, 0xE7FEE7FEu);
    m.region(row.idcode_address, std::uint64_t{row.idcode_address} + 4);
    m.put32(row.idcode_address, (0x1000u << 16) | dev_id);  // REV_ID 0x1000, DEV_ID
    m.region(kScs, kScs + kPage);
    if (row.core == Core::M0) {
        m.region(kF0Syscfg, kF0Syscfg + 4);
    }
    // The RCC page is MMIO (Impl::rcc): it must not overlap a memory region.
    if (m.find(page_down(m.reg.address), 1) != nullptr) {
        throw std::runtime_error("the reset-cause register shares a page with memory");
    }
    m.flash_sp = m.get32(row.flash_base);
    m.flash_pc = m.get32(row.flash_base + 4);
    m.probe_done = symbol(image, "probe_done");
    m.probe_main = symbol(image, "probe_main");
    m.probe_fault = symbol(image, "probe_fault");
    m.rom_entry = rom_entry_;
}

Chip::~Chip() = default;

void Chip::set_reset_register(std::uint32_t value) {
    impl_->reset_cause() = value;
}

void Chip::write_ram(std::uint32_t address, const void* bytes, std::size_t n) {
    Region* r = impl_->find(address, static_cast<std::uint32_t>(n));
    if (r == nullptr) {
        throw std::runtime_error("write_ram outside the emulated memory");
    }
    std::memcpy(r->bytes.data() + (address - r->base), bytes, n);
}

std::uint32_t Chip::read_ram32(std::uint32_t address) const {
    return impl_->get32(address);
}

void Chip::Impl::boot(Outcome& out, bool stop_at_main) {
    uc_engine* uc = nullptr;
    if (uc_open(UC_ARCH_ARM, UC_MODE_THUMB, &uc) != UC_ERR_OK ||
        uc_ctl_set_cpu_model(uc, model_of(row.core)) != UC_ERR_OK) {
        out.error = "Unicorn cannot open this core";
        return;
    }
    reset_scs();
    bool ok = true;
    for (Region& r : regions) {
        ok = ok &&
             uc_mem_map_ptr(uc, r.base, r.bytes.size(), UC_PROT_ALL, r.bytes.data()) == UC_ERR_OK;
    }
    ok = ok && uc_mmio_map(uc, page_down(reg.address), kPage, &Impl::rcc_read, this,
                           &Impl::rcc_write, this) == UC_ERR_OK;
    uc_hook h = 0;
    ok = ok && uc_hook_add(uc, &h, UC_HOOK_MEM_WRITE, reinterpret_cast<void*>(&Impl::on_aircr),
                           this, kAircr, kAircr + 3) == UC_ERR_OK;
    ok = ok && uc_hook_add(uc, &h, UC_HOOK_MEM_UNMAPPED,
                           reinterpret_cast<void*>(&Impl::on_unmapped), this, 1, 0) == UC_ERR_OK;
    for (const std::uint32_t at : {rom_entry, probe_done, probe_fault, probe_main}) {
        if (at != probe_main || stop_at_main) {
            ok = ok && uc_hook_add(uc, &h, UC_HOOK_CODE, reinterpret_cast<void*>(&Impl::on_stop),
                                   this, at, at) == UC_ERR_OK;
        }
    }
    reset_requested = false;
    stopped_at = 0;
    unmapped = false;
    std::uint32_t sp = flash_sp;
    ok = ok && uc_reg_write(uc, UC_ARM_REG_SP, &sp) == UC_ERR_OK;
    const uc_err err = ok ? uc_emu_start(uc, flash_pc | 1u, 0xFFFFFFFFu, 0, kBudget) : UC_ERR_ARG;
    if (reset_requested) {
        out.resets += 1;
        const std::uint32_t flag = 1u << reg.software;
        out.flag_clear_at_reset = out.flag_clear_at_reset && (reset_cause() & flag) == 0;
        reset_cause() |= flag;  // what SYSRESETREQ records
    } else if (stopped_at != 0) {
        out.stop = stopped_at == rom_entry    ? Stop::rom
                   : stopped_at == probe_done ? Stop::done
                   : stopped_at == probe_main ? Stop::main
                                              : Stop::fault;
        uc_reg_read(uc, UC_ARM_REG_R0, &out.status);
        uc_reg_read(uc, UC_ARM_REG_MSP, &out.msp);
        uc_reg_read(uc, UC_ARM_REG_CONTROL, &out.control);
        out.vtor = get32(kVtor);
        out.mem_mode = row.core == Core::M0 ? (get32(kF0Syscfg) & 0x3u) : 0u;
    } else if (unmapped) {
        char buf[80];
        std::snprintf(buf, sizeof buf, "access to unmapped address 0x%08llX",
                      static_cast<unsigned long long>(unmapped_address));
        out.error = buf;
    } else {
        out.error = err != UC_ERR_OK ? std::string("Unicorn: ") + uc_strerror(err)
                                     : "no stop within the instruction budget";
    }
    uc_close(uc);
}

Outcome Chip::run(int max_boots, bool stop_at_main) {
    Outcome out;
    for (int boot = 0; boot < max_boots; ++boot) {
        const int resets = out.resets;
        impl_->boot(out, stop_at_main);
        if (out.resets == resets) {
            return out;  // stopped, or an error
        }
    }
    out.stop = Stop::error;
    out.error = "still resetting after " + std::to_string(max_boots) + " boots";
    return out;
}

}  // namespace family_reset
