// Figure 7: the hand-off per core class. For each QEMU rig (one per core the STM32 families
// use: docs/emulated-board.md), the size probes of figure 1 give the bytes, and the same probe
// images run on Unicorn's CPU model of that core count the instructions: the direct path from
// the first instruction of sysboot::enter to the ROM's reset handler (probe 2), and the
// common recipe from its first instruction until it branches out of the image (probe 5).
//
// The run is the core alone: the probe's flash and RAM, two ROM words, and the System Control
// Space as plain memory holding the identification values the hand-off reads (ICTR, MPU_TYPE,
// CCSIDR, ID_PFR1) as QEMU's models of these cores report them; any other access maps a
// zero page. No exception is taken, so a path that faults shows as an error, not a count.
// The Cortex-M7 row uses the STM32F767's 16 KiB D-cache geometry, like figure 2.
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <unicorn/unicorn.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <functional>
#include <map>
#include <set>

#include "figures.hpp"

#ifndef SYSBOOT_IMAGE_DIR
#error "SYSBOOT_IMAGE_DIR must name the directory with the firmware images"
#endif

namespace bench {
namespace {

// The rigs (firmware/boards/<board>/rig.hpp): where the stand-in ROM and the RAM are.
struct Rig {
    const char* board;
    const char* core;
    uc_cpu_arm model;
    std::uint32_t rom_base;
    std::uint32_t ram_base;
};
constexpr Rig kRigs[] = {
    {"qemu-microbit", "Cortex-M0", UC_CPU_ARM_CORTEX_M0, 0x00030000, 0x20000000},
    {"qemu-an385", "Cortex-M3", UC_CPU_ARM_CORTEX_M3, 0x00300000, 0x20000000},
    {"qemu-an386", "Cortex-M4", UC_CPU_ARM_CORTEX_M4, 0x00300000, 0x20000000},
    {"qemu-an500", "Cortex-M7", UC_CPU_ARM_CORTEX_M7, 0x00300000, 0x20000000},
    {"qemu-an505", "Cortex-M33", UC_CPU_ARM_CORTEX_M33, 0x10300000, 0x38000000},
};

// The probe calls sysboot::enter(dev) (the default options as constants, sysboot.hpp).
constexpr const char* kEnterSymbol = "_ZN7sysboot5enterERK14sysboot_device";
constexpr std::uint64_t kBudget = 2'000'000;
constexpr std::uint32_t kPage = 0x1000;

struct Image {
    bool ok = false;
    std::string error;
    struct Segment {
        std::uint32_t addr;
        std::vector<std::uint8_t> bytes;  // memsz bytes, the file part first
    };
    std::vector<Segment> segments;
    std::map<std::string, std::uint32_t> symbols;
    std::uint32_t text_begin = 0, text_end = 0;  // executable PT_LOAD range
};

Image load_elf(const std::string& path) {
    Image img;
    if (elf_version(EV_CURRENT) == EV_NONE) {
        img.error = "libelf: version mismatch";
        return img;
    }
    const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        img.error = "cannot open " + path;
        return img;
    }
    Elf* elf = elf_begin(fd, ELF_C_READ, nullptr);
    std::size_t phnum = 0;
    if (elf == nullptr || elf_kind(elf) != ELF_K_ELF || elf_getphdrnum(elf, &phnum) != 0) {
        img.error = path + ": not an ELF file";
    } else {
        img.ok = true;
        std::size_t file_size = 0;
        const char* file = elf_rawfile(elf, &file_size);
        for (std::size_t i = 0; i < phnum; ++i) {
            GElf_Phdr ph{};
            if (gelf_getphdr(elf, static_cast<int>(i), &ph) == nullptr || ph.p_type != PT_LOAD ||
                ph.p_memsz == 0) {
                continue;
            }
            Image::Segment seg{static_cast<std::uint32_t>(ph.p_paddr),
                               std::vector<std::uint8_t>(ph.p_memsz, 0)};
            if (ph.p_offset + ph.p_filesz <= file_size) {
                std::copy(file + ph.p_offset, file + ph.p_offset + ph.p_filesz, seg.bytes.begin());
            }
            if ((ph.p_flags & PF_X) != 0) {
                img.text_begin = seg.addr;
                img.text_end = seg.addr + static_cast<std::uint32_t>(ph.p_memsz);
            }
            img.segments.push_back(std::move(seg));
        }
        for (Elf_Scn* scn = elf_nextscn(elf, nullptr); scn != nullptr;
             scn = elf_nextscn(elf, scn)) {
            GElf_Shdr sh{};
            if (gelf_getshdr(scn, &sh) == nullptr || sh.sh_type != SHT_SYMTAB ||
                sh.sh_entsize == 0) {
                continue;
            }
            Elf_Data* data = elf_getdata(scn, nullptr);
            for (std::size_t k = 0; data != nullptr && k < sh.sh_size / sh.sh_entsize; ++k) {
                GElf_Sym s{};
                if (gelf_getsym(data, static_cast<int>(k), &s) != nullptr) {
                    if (const char* n = elf_strptr(elf, sh.sh_link, s.st_name); n != nullptr) {
                        img.symbols[n] = static_cast<std::uint32_t>(s.st_value & ~1ull);
                    }
                }
            }
        }
    }
    if (elf != nullptr) {
        elf_end(elf);
    }
    close(fd);
    return img;
}

// One Unicorn CPU with memory mapped page by page on first use.
class Core {
  public:
    explicit Core(uc_cpu_arm model) {
        ok_ = uc_open(UC_ARCH_ARM, UC_MODE_THUMB, &uc_) == UC_ERR_OK &&
              uc_ctl_set_cpu_model(uc_, model) == UC_ERR_OK;
        if (ok_) {
            uc_hook h = 0;
            uc_hook_add(uc_, &h, UC_HOOK_MEM_UNMAPPED, reinterpret_cast<void*>(&Core::on_unmapped),
                        this, 1, 0);
            uc_hook_add(uc_, &h, UC_HOOK_CODE, reinterpret_cast<void*>(&Core::on_code), this, 1, 0);
        }
    }
    ~Core() {
        if (uc_ != nullptr) {
            uc_close(uc_);
        }
    }
    Core(const Core&) = delete;
    Core& operator=(const Core&) = delete;

    bool ok() const { return ok_; }
    bool write(std::uint32_t addr, const void* bytes, std::size_t n) {
        return map(addr, static_cast<std::uint32_t>(n)) && uc_mem_write(uc_, addr, bytes, n) == 0;
    }
    bool write32(std::uint32_t addr, std::uint32_t v) { return write(addr, &v, 4); }

    // Runs from `pc` with `sp`; counts instructions from the first one at `count_from`
    // until `stop(pc)` says so. Returns the count, or an error in `error`.
    template <class Stop>
    std::uint64_t run(std::uint32_t pc, std::uint32_t sp, std::uint32_t count_from, Stop stop,
                      std::string& error) {
        stop_ = [&](std::uint32_t at) { return stop(at); };
        count_from_ = count_from;
        counting_ = false;
        count_ = 0;
        stopped_ = false;
        uc_reg_write(uc_, UC_ARM_REG_SP, &sp);
        const uc_err err = uc_emu_start(uc_, pc | 1u, 0xFFFFFFFFu, 0, kBudget);
        if (!stopped_) {
            error = err != UC_ERR_OK ? std::string("Unicorn: ") + uc_strerror(err)
                                     : "did not reach its end within the budget";
        }
        return count_;
    }

  private:
    bool map(std::uint32_t addr, std::uint32_t n) {
        for (std::uint32_t p = addr & ~(kPage - 1); p < addr + n; p += kPage) {
            if (mapped_.insert(p).second && uc_mem_map(uc_, p, kPage, UC_PROT_ALL) != UC_ERR_OK) {
                return false;
            }
        }
        return true;
    }
    static bool on_unmapped(uc_engine*, uc_mem_type, std::uint64_t addr, int size, std::int64_t,
                            void* self) {
        return static_cast<Core*>(self)->map(static_cast<std::uint32_t>(addr),
                                             static_cast<std::uint32_t>(size));
    }
    static void on_code(uc_engine* uc, std::uint64_t addr, std::uint32_t, void* self_) {
        auto* self = static_cast<Core*>(self_);
        const auto pc = static_cast<std::uint32_t>(addr);
        if (!self->counting_ && pc == self->count_from_) {
            self->counting_ = true;
        }
        if (self->counting_ && self->stop_(pc)) {
            self->stopped_ = true;
            uc_emu_stop(uc);
            return;
        }
        self->count_ += self->counting_ ? 1 : 0;
    }

    uc_engine* uc_ = nullptr;
    bool ok_ = false;
    std::set<std::uint32_t> mapped_;
    std::function<bool(std::uint32_t)> stop_;
    std::uint32_t count_from_ = 0;
    bool counting_ = false;
    bool stopped_ = false;
    std::uint64_t count_ = 0;
};

// The identification registers the hand-off reads, with QEMU's values for these cores (the
// mps2 boards have 32 interrupt lines: ICTR 0; 8 MPU regions on M3/M4, 16 on M7/M33).
void seed_scs(Core& core, const Rig& rig) {
    std::vector<std::uint8_t> zero(kPage, 0);
    core.write(0xE000E000, zero.data(), zero.size());
    const bool m0 = rig.model == UC_CPU_ARM_CORTEX_M0;
    const bool big_mpu = rig.model == UC_CPU_ARM_CORTEX_M7 || rig.model == UC_CPU_ARM_CORTEX_M33;
    if (!m0) {
        core.write32(0xE000ED90, (big_mpu ? 16u : 8u) << 8);  // MPU_TYPE.DREGION
    }
    if (rig.model == UC_CPU_ARM_CORTEX_M7) {
        core.write32(0xE000ED80, (127u << 13) | (3u << 3) | 1u);  // CCSIDR: F767 L1 D-cache
    }
    if (rig.model == UC_CPU_ARM_CORTEX_M33) {
        core.write32(0xE000ED44, 0x00000210);  // ID_PFR1: Security Extension implemented
    }
}

struct Run {
    std::uint64_t instructions = 0;
    std::string error;
};

Run run_probe(const Rig& rig, int probe) {
    Run r;
    const Image img = load_elf(std::string(SYSBOOT_IMAGE_DIR) + "/probe-" + std::to_string(probe) +
                               "-" + rig.board + ".elf");
    if (!img.ok) {
        r.error = img.error;
        return r;
    }
    Core core(rig.model);
    if (!core.ok()) {
        r.error = std::string("Unicorn has no ") + rig.core + " model";
        return r;
    }
    for (const auto& seg : img.segments) {
        core.write(seg.addr, seg.bytes.data(), seg.bytes.size());
    }
    seed_scs(core, rig);
    // The ROM's first two words: an initial MSP in RAM and a Thumb reset handler inside it.
    const std::uint32_t rom_entry = rig.rom_base + 0x100;
    core.write32(rig.rom_base, rig.ram_base + 0x1000);
    core.write32(rig.rom_base + 4, rom_entry | 1u);
    // The recipe probe jumps through the table at address 0 (bench/probes/probe.cpp passes
    // its base as 0): the same two words there, so both runs end at the ROM's entry.
    core.write32(0, rig.ram_base + 0x1000);
    core.write32(4, rom_entry | 1u);
    const auto vectors = img.symbols.find("_ZL15g_probe_vectors");
    const auto reset = img.symbols.find("Reset_Handler");
    if (vectors == img.symbols.end() || reset == img.symbols.end()) {
        r.error = "probe image without g_probe_vectors/Reset_Handler";
        return r;
    }
    std::uint32_t sp = 0;
    for (const auto& seg : img.segments) {
        if (vectors->second >= seg.addr && vectors->second + 4 <= seg.addr + seg.bytes.size()) {
            std::memcpy(&sp, seg.bytes.data() + (vectors->second - seg.addr), 4);
        }
    }
    std::uint32_t from = reset->second;
    if (probe == 2) {
        const auto enter = img.symbols.find(kEnterSymbol);
        if (enter == img.symbols.end()) {
            r.error = "no sysboot::enter in the probe";
            return r;
        }
        from = enter->second;
        r.instructions = core.run(
            reset->second, sp, from, [&](std::uint32_t pc) { return pc == rom_entry; }, r.error);
    } else {
        r.instructions = core.run(
            reset->second, sp, from,
            [&](std::uint32_t pc) {
                return pc == rom_entry || pc < img.text_begin || pc >= img.text_end;
            },
            r.error);
    }
    return r;
}

}  // namespace

std::vector<CoreRow> measure_cores(const std::vector<SizeRow>& sizes) {
    std::vector<CoreRow> rows;
    for (const Rig& rig : kRigs) {
        CoreRow row;
        row.board = rig.board;
        row.core = rig.core;
        for (const SizeRow& s : sizes) {
            if (s.board == rig.board && s.ok) {
                row.direct_bytes = s.direct();
                row.recipe_bytes = s.recipe();
            }
        }
        const Run direct = run_probe(rig, 2);
        const Run recipe = run_probe(rig, 5);
        row.direct_instructions = direct.instructions;
        row.recipe_instructions = recipe.instructions;
        row.error = !direct.error.empty()   ? "direct path: " + direct.error
                    : !recipe.error.empty() ? "recipe: " + recipe.error
                                            : std::string();
        row.ok = row.error.empty() && row.direct_bytes > 0;
        if (row.error.empty() && row.direct_bytes <= 0) {
            row.error = "no size probes for " + row.board;
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

}  // namespace bench
