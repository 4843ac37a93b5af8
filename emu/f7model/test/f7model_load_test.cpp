// Loading images and setting up the engine: what reaches the CPU, what is refused, and that
// every error path releases what it opened (file descriptors here; libelf handles through the
// leak sanitizer the host tests run under).
#include <dirent.h>
#include <elf.h>
#include <gtest/gtest.h>
#include <unicorn/unicorn.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

#include "engine.hpp"
#include "f7model/model.hpp"

namespace f7model {
namespace {

constexpr std::uint32_t kCode = 0x20010000;

// A minimal ARM ELF32 executable with one PT_LOAD segment of `bytes` at `load_address`.
std::string write_elf(const std::string& name, std::uint32_t load_address,
                      const std::vector<std::uint8_t>& bytes) {
    Elf32_Ehdr eh{};
    std::memcpy(eh.e_ident, ELFMAG, SELFMAG);
    eh.e_ident[EI_CLASS] = ELFCLASS32;
    eh.e_ident[EI_DATA] = ELFDATA2LSB;
    eh.e_ident[EI_VERSION] = EV_CURRENT;
    eh.e_type = ET_EXEC;
    eh.e_machine = EM_ARM;
    eh.e_version = EV_CURRENT;
    eh.e_phoff = sizeof(Elf32_Ehdr);
    eh.e_ehsize = sizeof(Elf32_Ehdr);
    eh.e_phentsize = sizeof(Elf32_Phdr);
    eh.e_phnum = 1;
    Elf32_Phdr ph{};
    ph.p_type = PT_LOAD;
    ph.p_offset = sizeof(Elf32_Ehdr) + sizeof(Elf32_Phdr);
    ph.p_vaddr = ph.p_paddr = load_address;
    ph.p_filesz = ph.p_memsz = static_cast<Elf32_Word>(bytes.size());
    ph.p_flags = PF_R;
    ph.p_align = 4;
    const std::string path = ::testing::TempDir() + name;
    std::FILE* f = std::fopen(path.c_str(), "wb");
    EXPECT_NE(f, nullptr);
    std::fwrite(&eh, sizeof eh, 1, f);
    std::fwrite(&ph, sizeof ph, 1, f);
    std::fwrite(bytes.data(), 1, bytes.size(), f);
    std::fclose(f);
    return path;
}

std::size_t open_descriptors() {
    std::size_t n = 0;
    DIR* d = ::opendir("/proc/self/fd");
    while (d != nullptr && ::readdir(d) != nullptr) {
        ++n;
    }
    if (d != nullptr) {
        ::closedir(d);
    }
    return n;
}

// What the CPU reads at `addr`.
std::uint32_t cpu_load(Model& m, std::uint32_t addr) {
    m.write_memory(kCode, {0x08, 0x68, 0xFE, 0xE7});  // ldr r0, [r1] ; b .
    m.set_cpu(UC_ARM_REG_R1, addr);
    m.set_cpu(UC_ARM_REG_PC, kCode);
    EXPECT_EQ(m.run(4), Stop::budget) << m.fault_message();
    return m.cpu(UC_ARM_REG_R0);
}

std::string load_error(Model& m, const std::string& path) {
    try {
        m.load_elf(path);
    } catch (const std::runtime_error& e) {
        return e.what();
    }
    return "";
}

TEST(F7ModelLoad, SegmentReachesFlashAtBothAddresses) {
    Model m(Config{});
    m.load_elf(write_elf("f7model-ok.elf", 0x08000100, {0xDE, 0xAD, 0xBE, 0xEF}));
    EXPECT_EQ(cpu_load(m, 0x08000100), 0xEFBEADDEu);  // AXIM
    EXPECT_EQ(cpu_load(m, 0x00200100), 0xEFBEADDEu);  // ITCM view (RM0410 §2.2.2)
}

TEST(F7ModelLoad, BadImagesAreRefusedAndReleaseTheirFile) {
    Model m(Config{});
    const std::string outside = write_elf("f7model-sram.elf", 0x20000000, {1, 2, 3, 4});
    const std::string past_end = write_elf("f7model-end.elf", 0x081FFFFE, {1, 2, 3, 4});
    const std::string text = ::testing::TempDir() + "f7model-text.elf";
    std::FILE* f = std::fopen(text.c_str(), "w");
    ASSERT_NE(f, nullptr);
    std::fputs("not an ELF file at all\n", f);
    std::fclose(f);

    const std::size_t before = open_descriptors();
    EXPECT_NE(load_error(m, outside).find("segment outside flash"), std::string::npos);
    EXPECT_NE(load_error(m, past_end).find("segment outside flash"), std::string::npos);
    EXPECT_NE(load_error(m, text).find("not an ELF file"), std::string::npos);
    EXPECT_NE(load_error(m, text + ".missing").find("cannot open"), std::string::npos);
    EXPECT_EQ(open_descriptors(), before) << "a failed load left a file descriptor open";
    EXPECT_EQ(cpu_load(m, 0x081FFFFC), 0xFFFFFFFFu) << "a refused image changed flash";
}

// A Unicorn call that fails throws, naming the call and Unicorn's reason.
TEST(F7ModelEngine, FailedUnicornCallIsNamed) {
    detail::Engine engine(UC_CPU_ARM_CORTEX_M7);
    std::vector<std::uint8_t> page(0x1000);
    try {
        engine.map_ram(0x1001, page, UC_PROT_ALL);  // not page aligned
        FAIL() << "mapping an unaligned address succeeded";
    } catch (const std::runtime_error& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("uc_mem_map_ptr(0x00001001)"), std::string::npos) << what;
        EXPECT_NE(what.find("UC_ERR_ARG"), std::string::npos) << what;
    }
}

}  // namespace
}  // namespace f7model
