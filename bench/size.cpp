// Figure 1 (code size): text+rodata of the size probes, read from the linked ELF with libelf.
// text+rodata = every allocated, read-only section with contents (.isr_vector, .text — which
// holds .rodata too, see firmware/startup/cortex-m-app.ld — and .ARM.exidx). The probes differ
// only in what Reset_Handler references, so the differences are the bytes each path pulls in.
#include <cxxabi.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <memory>

#include "figures.hpp"

#ifndef SYSBOOT_IMAGE_DIR
#error "SYSBOOT_IMAGE_DIR must name the directory with the firmware images"
#endif

namespace bench {
namespace {

struct ElfSize {
    bool ok = false;
    std::string error;
    std::uint64_t text_rodata = 0;
    std::map<std::string, std::uint64_t> symbols;  // FUNC/OBJECT in text+rodata, by name
};

std::string demangle(const char* name) {
    int status = 0;
    std::unique_ptr<char, void (*)(void*)> d(abi::__cxa_demangle(name, nullptr, nullptr, &status),
                                             std::free);
    return status == 0 && d ? std::string(d.get()) : std::string(name);
}

bool read_only_alloc(const GElf_Shdr& sh) {
    return (sh.sh_flags & SHF_ALLOC) != 0 && (sh.sh_flags & SHF_WRITE) == 0 &&
           sh.sh_type != SHT_NOBITS;
}

ElfSize read_elf(const std::string& path) {
    ElfSize r;
    if (elf_version(EV_CURRENT) == EV_NONE) {
        r.error = "libelf: version mismatch";
        return r;
    }
    const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        r.error = "cannot open " + path;
        return r;
    }
    Elf* elf = elf_begin(fd, ELF_C_READ, nullptr);
    if (elf == nullptr || elf_kind(elf) != ELF_K_ELF) {
        r.error = path + ": not an ELF file";
        if (elf != nullptr) {
            elf_end(elf);
        }
        close(fd);
        return r;
    }
    std::map<std::size_t, bool> text_section;  // section index -> counts as text+rodata
    Elf_Scn* symtab = nullptr;
    GElf_Shdr symtab_hdr{};
    for (Elf_Scn* scn = elf_nextscn(elf, nullptr); scn != nullptr; scn = elf_nextscn(elf, scn)) {
        GElf_Shdr sh{};
        if (gelf_getshdr(scn, &sh) == nullptr) {
            continue;
        }
        const bool counted = read_only_alloc(sh);
        text_section[elf_ndxscn(scn)] = counted;
        if (counted) {
            r.text_rodata += sh.sh_size;
        }
        if (sh.sh_type == SHT_SYMTAB) {
            symtab = scn;
            symtab_hdr = sh;
        }
    }
    if (symtab != nullptr && symtab_hdr.sh_entsize != 0) {
        Elf_Data* data = elf_getdata(symtab, nullptr);
        const std::size_t n = symtab_hdr.sh_size / symtab_hdr.sh_entsize;
        for (std::size_t i = 0; data != nullptr && i < n; ++i) {
            GElf_Sym s{};
            if (gelf_getsym(data, static_cast<int>(i), &s) == nullptr || s.st_size == 0) {
                continue;
            }
            const int type = GELF_ST_TYPE(s.st_info);
            if ((type != STT_FUNC && type != STT_OBJECT) || !text_section[s.st_shndx]) {
                continue;
            }
            const char* name = elf_strptr(elf, symtab_hdr.sh_link, s.st_name);
            if (name != nullptr) {
                r.symbols[name] = s.st_size;
            }
        }
    }
    elf_end(elf);
    close(fd);
    r.ok = true;
    return r;
}

}  // namespace

std::vector<SizeRow> measure_sizes(const std::vector<std::string>& boards) {
    std::vector<SizeRow> rows;
    for (const auto& board : boards) {
        SizeRow row;
        row.board = board;
        row.ok = true;
        ElfSize probes[7];
        for (int n = 0; n < 7; ++n) {
            const std::string path = std::string(SYSBOOT_IMAGE_DIR) + "/probe-" +
                                     std::to_string(n) + "-" + board + ".elf";
            probes[n] = read_elf(path);
            if (!probes[n].ok) {
                row.ok = false;
                row.error = probes[n].error;
                break;
            }
            row.probe[n] = probes[n].text_rodata;
        }
        if (row.ok) {
            for (const auto& [name, bytes] : probes[2].symbols) {
                if (probes[1].symbols.count(name) == 0) {
                    row.direct_symbols.push_back({demangle(name.c_str()), bytes});
                }
            }
            std::sort(row.direct_symbols.begin(), row.direct_symbols.end(),
                      [](const SymbolSize& a, const SymbolSize& b) { return a.bytes > b.bytes; });
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

}  // namespace bench
