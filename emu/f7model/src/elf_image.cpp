#include "elf_image.hpp"

#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <stdexcept>

namespace f7model::detail {

namespace {

// Owns a file descriptor.
class FileDescriptor {
  public:
    explicit FileDescriptor(int fd) : fd_(fd) {}
    ~FileDescriptor() {
        if (fd_ >= 0) {
            ::close(fd_);
        }
    }
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    int get() const { return fd_; }

  private:
    int fd_;
};

struct ElfEnd {
    void operator()(Elf* e) const { elf_end(e); }
};
using ElfHandle = std::unique_ptr<Elf, ElfEnd>;

[[noreturn]] void fail(const std::string& path, const std::string& what) {
    const char* why = elf_errmsg(-1);
    throw std::runtime_error("f7model: " + path + ": " + what +
                             (why != nullptr ? std::string(" (") + why + ")" : std::string()));
}

void read_segments(Elf* e, const std::string& path, ElfImage& out) {
    std::size_t count = 0;
    if (elf_getphdrnum(e, &count) != 0) {
        fail(path, "elf_getphdrnum");
    }
    for (std::size_t i = 0; i < count; ++i) {
        GElf_Phdr ph;
        if (gelf_getphdr(e, static_cast<int>(i), &ph) == nullptr) {
            fail(path, "gelf_getphdr " + std::to_string(i));
        }
        if (ph.p_type != PT_LOAD || ph.p_filesz == 0) {
            continue;
        }
        Elf_Data* d =
            elf_getdata_rawchunk(e, static_cast<int64_t>(ph.p_offset), ph.p_filesz, ELF_T_BYTE);
        if (d == nullptr || d->d_buf == nullptr || d->d_size < ph.p_filesz) {
            fail(path, "elf_getdata_rawchunk of segment " + std::to_string(i));
        }
        const auto* p = static_cast<const std::uint8_t*>(d->d_buf);
        out.segments.push_back(
            Segment{static_cast<std::uint32_t>(ph.p_paddr), {p, p + ph.p_filesz}});
    }
}

void read_symbols(Elf* e, const std::string& path, ElfImage& out) {
    Elf_Scn* scn = nullptr;
    while ((scn = elf_nextscn(e, scn)) != nullptr) {
        GElf_Shdr sh;
        if (gelf_getshdr(scn, &sh) == nullptr) {
            fail(path, "gelf_getshdr");
        }
        if (sh.sh_type != SHT_SYMTAB || sh.sh_entsize == 0) {
            continue;
        }
        Elf_Data* d = elf_getdata(scn, nullptr);
        if (d == nullptr) {
            fail(path, "elf_getdata of the symbol table");
        }
        const std::size_t count = sh.sh_size / sh.sh_entsize;
        for (std::size_t k = 0; k < count; ++k) {
            GElf_Sym sym;
            if (gelf_getsym(d, static_cast<int>(k), &sym) == nullptr) {
                fail(path, "gelf_getsym " + std::to_string(k));
            }
            const char* name = elf_strptr(e, sh.sh_link, sym.st_name);
            if (name != nullptr && *name != '\0') {
                out.symbols[name] = static_cast<std::uint32_t>(sym.st_value);
            }
        }
    }
}

}  // namespace

ElfImage read_elf(const std::string& path) {
    if (elf_version(EV_CURRENT) == EV_NONE) {
        fail(path, "elf_version");
    }
    const FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0) {
        throw std::runtime_error("f7model: cannot open " + path + ": " + std::strerror(errno));
    }
    const ElfHandle e(elf_begin(fd.get(), ELF_C_READ, nullptr));
    if (e == nullptr || elf_kind(e.get()) != ELF_K_ELF) {
        fail(path, "not an ELF file");
    }
    ElfImage out;
    read_segments(e.get(), path, out);
    read_symbols(e.get(), path, out);
    return out;
}

}  // namespace f7model::detail
