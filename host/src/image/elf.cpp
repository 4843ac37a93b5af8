// ELF input through libelf: the PT_LOAD program headers, at their physical (load) addresses.
// p_paddr is where the bytes live in flash (.data's initial values sit after .text even
// though the code sees them in RAM at p_vaddr). Only p_filesz bytes are programmed: the rest
// of p_memsz (.bss) is zeroed by the startup code, not stored in flash.
#include <gelf.h>
#include <libelf.h>

#include <fmt/format.h>
#include <memory>
#include <vector>

#include "image/image.hpp"

namespace sysboot::host {

namespace {

struct ElfCloser {
    void operator()(Elf* e) const { elf_end(e); }
};

std::string elf_message() {
    const char* m = elf_errmsg(-1);
    return m != nullptr ? m : "unknown libelf error";
}

}  // namespace

Result<Image> parse_elf(std::span<const uint8_t> bytes, const std::string& name) {
    if (elf_version(EV_CURRENT) == EV_NONE) {
        return make_error(Phase::Image, Cause::Io, "libelf: " + elf_message());
    }
    // elf_memory() wants a mutable buffer (it may convert in place): give it a copy.
    std::vector<char> copy(bytes.begin(), bytes.end());
    std::unique_ptr<Elf, ElfCloser> elf(elf_memory(copy.data(), copy.size()));
    if (!elf || elf_kind(elf.get()) != ELF_K_ELF) {
        return make_error(Phase::Image, Cause::Invalid, name + ": not an ELF file");
    }
    GElf_Ehdr ehdr;
    if (gelf_getehdr(elf.get(), &ehdr) == nullptr) {
        return make_error(Phase::Image, Cause::Invalid,
                          fmt::format("{}: bad ELF header: {}", name, elf_message()));
    }
    std::size_t count = 0;
    if (elf_getphdrnum(elf.get(), &count) != 0) {
        return make_error(Phase::Image, Cause::Invalid,
                          fmt::format("{}: bad program headers: {}", name, elf_message()));
    }
    Image image;
    image.name = name;
    image.format = ImageFormat::Elf;
    image.entry = static_cast<uint32_t>(ehdr.e_entry);
    for (std::size_t i = 0; i < count; ++i) {
        GElf_Phdr ph;
        if (gelf_getphdr(elf.get(), static_cast<int>(i), &ph) == nullptr) {
            return make_error(Phase::Image, Cause::Invalid,
                              fmt::format("{}: program header {}: {}", name, i, elf_message()));
        }
        if (ph.p_type != PT_LOAD || ph.p_filesz == 0) {
            continue;  // not loaded, or .bss-only
        }
        if (ph.p_offset > bytes.size() || ph.p_filesz > bytes.size() - ph.p_offset) {
            return make_error(Phase::Image, Cause::Invalid,
                              fmt::format("{}: segment {} lies outside the file", name, i));
        }
        if (ph.p_paddr > 0xFFFFFFFFu || ph.p_paddr + ph.p_filesz > (uint64_t{1} << 32)) {
            return make_error(Phase::Image, Cause::Invalid,
                              fmt::format("{}: segment {} at 0x{:X} is beyond 32-bit memory", name,
                                          i, ph.p_paddr));
        }
        const auto* first = bytes.data() + ph.p_offset;
        image.segments.push_back(Segment{static_cast<uint32_t>(ph.p_paddr),
                                         std::vector<uint8_t>(first, first + ph.p_filesz)});
    }
    if (auto s = normalize(image); !s) {
        return s.error();
    }
    return image;
}

}  // namespace sysboot::host
