// The Secure world of nonsecure-qemu-an505: it opens to the Non-secure world exactly what the
// Non-secure caller needs (its code and RAM, UART0), then calls it with BLXNS. Everything here
// stays in Secure memory (worlds.ld places this file's code at 0x10000000): the functions have
// internal linkage so no inline copy is shared with the Non-secure code, and no loop may
// become a library call (built with -fno-tree-loop-distribute-patterns).
#include <cstdint>

namespace {

using Reg = volatile std::uint32_t;
Reg& reg(std::uint32_t address) {
    return *reinterpret_cast<Reg*>(address);
}

// DDI0553B "SAU_CTRL": ENABLE = 0 with ALLNS = 1 leaves the security of every address to
// the IDAU, which on the IoT Kit is address bit 28 (Arm ECM0601256 "IoT Kit memory map").
constexpr std::uint32_t SAU_CTRL = 0xE000EDD0;
constexpr std::uint32_t SAU_CTRL_ALLNS = 1u << 1;
// DDI0553B "SFSR": why a Non-secure access to Secure memory faulted (AUVIOL, bit 3). With
// SecureFault disabled (its reset state) that fault escalates to the Secure HardFault.
constexpr std::uint32_t SFSR = 0xE000EDE4;
// DDI0553B "NSACR", "CPACR": the Non-secure world may use the FPU (the library is built with
// -mfloat-abi=hard). CPACR is banked: CPACR_NS is at the Non-secure alias of the SCS.
constexpr std::uint32_t NSACR = 0xE000ED8C;
constexpr std::uint32_t NSACR_CP10_CP11 = 3u << 10;
constexpr std::uint32_t CPACR_S = 0xE000ED88;
constexpr std::uint32_t CPACR_NS = 0xE002ED88;
constexpr std::uint32_t CPACR_CP10_CP11_FULL = 0xFu << 20;
constexpr std::uint32_t VTOR_NS = 0xE002ED08;

// IoT Kit Secure Access Configuration block (Arm ECM0601256; QEMU hw/misc/iotkit-secctl.c):
// APBNSPPCEXP1 bit n makes port n of APB expansion PPC 1 Non-secure; UART0 is its port 5
// (QEMU hw/arm/mps2-tz.c, 0x40200000).
constexpr std::uint32_t APBNSPPCEXP1 = 0x50080084;
constexpr std::uint32_t kUart0Port = 1u << 5;
// UART0 seen from here after it became Non-secure: its Non-secure alias (a Secure access to
// a Non-secure PPC port is blocked). Only the fault report uses it.
constexpr std::uint32_t UART0_NS_DATA = 0x40200000;
constexpr std::uint32_t UART0_NS_STATE = 0x40200004;
constexpr std::uint32_t UART0_NS_CTRL = 0x40200008;

// The SSRAM memory protection controllers (Arm ECM0601256 "MPC"; QEMU hw/misc/tz-mpc.c):
// a LUT bit per block, 1 = Non-secure. BLK_CFG holds log2(block size) - 5. BLK_IDX selects
// the LUT word; with CTRL.AUTOINC (set at reset) every word access to BLK_LUT advances it.
constexpr std::uint32_t MPC_SSRAM1 = 0x58007000;
constexpr std::uint32_t MPC_SSRAM3 = 0x58009000;
constexpr std::uint32_t MPC_BLK_CFG = 0x14;
constexpr std::uint32_t MPC_BLK_IDX = 0x18;
constexpr std::uint32_t MPC_BLK_LUT = 0x1C;

// The Non-secure world (worlds.ld): its vector table opens its code.
constexpr std::uint32_t kNsCode = 0x00200000;  // SSRAM1 offset 2 MiB
constexpr std::uint32_t kNsCodeSize = 0x00100000;
constexpr std::uint32_t kNsRamOffset = 0;  // SSRAM3 offset 0 (0x28200000)
constexpr std::uint32_t kNsRamSize = 0x00010000;

// Marks [offset, offset + size) of the MPC's memory Non-secure, one block at a time.
void mpc_open(std::uint32_t mpc, std::uint32_t offset, std::uint32_t size) {
    const std::uint32_t block_shift = (reg(mpc + MPC_BLK_CFG) & 0xFu) + 5u;
    const std::uint32_t first = offset >> block_shift;
    const std::uint32_t end = (offset + size + (1u << block_shift) - 1u) >> block_shift;
    for (std::uint32_t block = first; block < end; ++block) {
        reg(mpc + MPC_BLK_IDX) = block >> 5;
        const std::uint32_t lut = reg(mpc + MPC_BLK_LUT);
        reg(mpc + MPC_BLK_IDX) = block >> 5;
        reg(mpc + MPC_BLK_LUT) = lut | (1u << (block & 31u));
    }
}

void put(char c) {
    reg(UART0_NS_CTRL) = reg(UART0_NS_CTRL) | 1u;  // TXEN: the fault may precede the NS init
    for (unsigned i = 0; i < 100000 && (reg(UART0_NS_STATE) & 1u) != 0; ++i) {
    }
    reg(UART0_NS_DATA) = static_cast<std::uint8_t>(c);
}
void put_str(const char* s) {
    for (; *s != '\0'; ++s) {
        put(*s);
    }
}
void put_hex(std::uint32_t v) {
    for (int shift = 28; shift >= 0; shift -= 4) {
        put("0123456789abcdef"[(v >> shift) & 0xFu]);
    }
}

// Arm "Semihosting for AArch32 and AArch64" SYS_EXIT_EXTENDED, as the rig's semihosting.hpp.
[[noreturn]] void exit_run(std::uint32_t code) {
    std::uint32_t block[2] = {0x20026u, code};
    for (;;) {
        register std::uint32_t r0 asm("r0") = 0x20;
        register std::uint32_t* r1 asm("r1") = block;
        asm volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
    }
}

void open_nonsecure_world() {
    reg(SAU_CTRL) = SAU_CTRL_ALLNS;
    mpc_open(MPC_SSRAM1, kNsCode, kNsCodeSize);
    mpc_open(MPC_SSRAM3, kNsRamOffset, kNsRamSize);
    reg(APBNSPPCEXP1) = reg(APBNSPPCEXP1) | kUart0Port;
    reg(NSACR) = reg(NSACR) | NSACR_CP10_CP11;
    reg(CPACR_S) = reg(CPACR_S) | CPACR_CP10_CP11_FULL;
    reg(CPACR_NS) = reg(CPACR_NS) | CPACR_CP10_CP11_FULL;
    reg(VTOR_NS) = kNsCode;
    asm volatile("dsb\n\tisb" ::: "memory");
}

}  // namespace

extern "C" {
extern std::uint32_t __s_stack_top[];
[[noreturn]] void secure_reset();
[[noreturn]] void secure_fault();
}

namespace {
using Vector = void (*)();
struct SecureVectors {
    std::uint32_t* initial_sp;
    Vector exceptions[15];
};
}  // namespace

[[gnu::section(".s_vectors"), gnu::used]] const SecureVectors g_secure_vectors = {
    __s_stack_top,
    {secure_reset, secure_fault, secure_fault, secure_fault, secure_fault, secure_fault,
     secure_fault, secure_fault, secure_fault, secure_fault, secure_fault, secure_fault,
     secure_fault, secure_fault, secure_fault},
};

// A Non-secure access to Secure memory lands here (the Secure HardFault, exception 3): report
// it with its SFSR and end the run.
extern "C" [[noreturn]] void secure_fault() {
    std::uint32_t ipsr;
    asm volatile("mrs %0, ipsr" : "=r"(ipsr));
    put_str("\r\nSECURE-FAULT exception=");
    put_hex(ipsr & 0x1FFu);
    put_str(" sfsr=");
    put_hex(reg(SFSR));
    put_str("\r\n");
    exit_run(0xF0u | (ipsr & 0xFu));
}

// DDI0553B "BLXNS": a branch with bit 0 clear enters Non-secure state; the return address is
// kept on the Secure stack and LR becomes FNC_RETURN. MSP_NS comes from word 0 of the
// Non-secure vector table, the entry from word 1, as a Non-secure reset would take them.
extern "C" [[noreturn]] void secure_reset() {
    open_nonsecure_world();
    const std::uint32_t ns_sp = reg(kNsCode);
    const std::uint32_t ns_entry = reg(kNsCode + 4) & ~1u;
    asm volatile(
        "msr msp_ns, %0\n\t"
        "blxns %1"
        :
        : "r"(ns_sp), "r"(ns_entry)
        : "r0", "r1", "r2", "r3", "r12", "lr", "memory", "cc");
    // The Non-secure world ends the run itself; coming back means it returned.
    put_str("\r\nSECURE: the Non-secure world returned\r\n");
    exit_run(0x5E);
}
