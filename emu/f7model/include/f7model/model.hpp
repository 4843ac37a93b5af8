#pragma once
// An STM32 model on the Unicorn engine (docs/stm32-model.md): an STM32F7 part on a Cortex-M7,
// an STM32F4 part on a Cortex-M4 or an STM32G0 part on Unicorn's Cortex-M0. Runs the real board
// images (the bytes a user flashes) from their reset vector on the part's memory map, with a
// register model of the RCC, PWR, FLASH interface, GPIO, USART, DBGMCU and the System Control
// Space, and a trace of every write to them (and of every store to SRAM), so tests can assert on
// what the CPU did and in which order.
//
// Addresses are written here again from the reference manuals (not taken from the firmware
// headers), so a wrong constant in the firmware shows up as a disagreement.
//
// Not modelled: exceptions and interrupts are never taken (SysTick and NVIC are registers
// only; a fault stops the run), cache contents (only the maintenance operations and the
// stores around them are traced), MPU enforcement, timing (ready bits follow enables at
// once, so bounded waits are exercised only through the injected faults), USB OTG, I2C, SPI,
// CAN, DMA (RAZ/WI; their RCC reset pulses are traced), the real ROM (a `b .` at its reset
// handler), option-byte programming, the IWDG, and low-power modes.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace f7model {

enum class Part { f74x, f76x, f72x, f446, f411, g071, h743, h723, g474, l476 };
// F7: Cortex-M7, system memory at 0x1FF00000, boot through ITCM, F7 USART (ISR/RDR/TDR).
// F4: Cortex-M4, system memory at 0x1FFF0000, flash aliased at 0, F4 USART (SR/DR).
// G0: Cortex-M0+ (Unicorn's Cortex-M0), system memory at 0x1FFF0000, flash aliased at 0, its
// own RCC/FLASH/PWR/GPIO layout (g0_*.cpp), USART in the F7 layout.
// H7: Cortex-M7, DTCM + AXI SRAM, system memory 0x1FF00000 with the ROM's vector table at
// 0x1FF09800, boot from flash at 0x08000000, RCC/PWR/GPIO on D3 (emu/f7model/src/h7_*.cpp).
// G4, L4: Cortex-M4, system memory at 0x1FFF0000, flash aliased at 0, RCC at 0x40021000,
// GPIO at 0x48000000, USART with ISR/RDR/TDR and LPUART1 (src/l4g4_*).
enum class Family { f7, f4, g0, h7, g4, l4 };

struct PartInfo {
    Part part;
    Family family;
    const char* name;
    std::uint16_t dev_id;                 // DBG chapter "MCU device ID code" of the RM
    std::uint32_t flash_kib;              // the board's part: F746NG 1024, F767ZI 2048, ...
    std::uint32_t flash_size_register;    // RM "Flash size" (device electronic signature)
    std::uint32_t sram_kib;               // SRAM from 0x20000000
    std::uint32_t itcm_kib;               // ITCM RAM at 0 (F7), 0 on F4
    std::uint32_t dcache_kib;             // L1 D-cache: 4-way, 32-byte lines (0: none)
    std::uint32_t icache_kib;             // L1 I-cache: 2-way, 32-byte lines (0: none)
    std::uint32_t irq_lines;              // NVIC lines in the vector table
    std::uint8_t bootloader_id;           // AN2606 bootloader version byte
    std::uint32_t bootloader_id_address;  // AN2606 Table 3
    std::uint32_t optcr_reset;     // FLASH_OPTCR as shipped (H7: OPTSR_CUR; L4/G4: FLASH_OPTR)
    std::uint32_t cpuid;           // SCB CPUID: the part's core and revision
    std::uint32_t rom_base;        // the ROM's vector table (AN2606; H7: 0x1FF09800)
    std::uint32_t rom_initial_sp;  // the fake ROM's word 0, inside the ROM's RAM
    std::uint32_t pwr_cr_reset;    // PWR_CR(1) reset value (VOS)
    std::uint32_t ahb1enr_reset;   // RCC_AHB1ENR reset value
    std::uint32_t no_over_drive_max_hz;  // HCLK above this needs over-drive
    std::uint32_t apb1_max_hz, apb2_max_hz;
};
const PartInfo& part_info(Part p);

// Faults the tests inject.
struct Faults {
    std::uint16_t dev_id_override = 0;      // 0: the part's DEV_ID
    std::uint8_t rdp = 0xAA;                // RDP option byte (0xAA level 0, 0xCC level 2)
    bool dual_bank_boot = false;            // F76x: nDBANK = nDBOOT = 0
    bool pll_never_locks = false;           // PLLRDY never rises
    bool pll_never_stops = false;           // PLLRDY never falls once up
    bool sws_stuck_on_pll = false;          // once on the PLL, SWS never follows SW again
    bool rom_reset_vector_even = false;     // fake ROM word 1 without the Thumb bit
    bool sysresetreq_as_pin_reset = false;  // next SYSRESETREQ reports as an external reset
};

struct Config {
    Part part = Part::f76x;
    std::uint32_t hse_hz = 8'000'000;
    Faults faults;
};

// One access the model saw. Writes to modelled peripherals and the SCS, and stores to SRAM.
struct Event {
    enum Kind : std::uint8_t { reg_write, ram_write, reset, rom_entry };
    Kind kind;
    std::uint32_t addr;
    std::uint32_t value;
    std::uint8_t size;
    bool primask;
    std::uint64_t instr;  // instructions executed before it
    std::uint32_t aux;    // FLASH_ACR writes: RCC_CFGR.SWS at the time; TDR: 1 = baud ok
};

// CPU and system state captured at the first instruction of the ROM's reset handler.
struct RomEntry {
    bool reached = false;
    std::uint32_t primask = 0, faultmask = 0, basepri = 0, control = 0, ipsr = 0;
    std::uint32_t msp = 0, psp = 0, sp = 0;
    std::uint64_t instr = 0;
    std::size_t trace_index = 0;
};

enum class Stop { rom_reached, until, budget, fault };

class Model {
  public:
    explicit Model(const Config& cfg);
    ~Model();
    Model(const Model&) = delete;
    Model& operator=(const Model&) = delete;

    // Loads the PT_LOAD segments of an ELF image into flash and reads its symbols.
    void load_elf(const std::string& path);
    std::uint32_t symbol(const std::string& name) const;  // 0 when absent

    // Power-on reset: every register to its reset value, RCC_CSR = POR|PIN|BOR, core from the
    // boot vectors (F7: BOOT_ADD0 default 0x0080 -> 0x00200000, flash through ITCM, RM0410
    // §2.6; F4: BOOT0 = 0, flash aliased at 0, RM0090 §2.4).
    void power_on();
    // Bytes the host sends to a USART (its receive queue).
    void type(std::uint32_t usart_base, const std::string& text);

    // Runs until the ROM's reset handler, `until` returns true (checked after each console
    // byte), a fault, or `budget` instructions.
    Stop run(std::uint64_t budget, std::function<bool()> until = {});
    std::string fault_message() const { return fault_; }

    // Calls `fn` each time execution reaches `addr` (before the instruction runs).
    void at(std::uint32_t addr, std::function<void(Model&)> fn);

    // Console bytes the USARTs sent (all USARTs, in order) and how many were sent at a baud
    // rate more than 3 % off 115200 (the host would have seen garbage).
    const std::string& console() const { return console_; }
    std::size_t garbled() const { return garbled_; }

    const std::vector<Event>& trace() const { return trace_; }
    const std::vector<std::string>& violations() const { return violations_; }
    const RomEntry& rom_entry() const { return rom_; }
    std::uint64_t instructions() const { return instr_; }
    std::uint32_t resets() const { return resets_; }

    // Copies `bytes` into the model's memory at `addr` (flash or its ITCM view, ITCM RAM,
    // SRAM, system memory) as a debugger would: nothing is traced. Lets a test run a few
    // instructions of its own on the model's CPU (set_cpu(UC_ARM_REG_PC, addr), then run()).
    void write_memory(std::uint32_t addr, const std::vector<std::uint8_t>& bytes);

    // Register state (peripherals, SCS) as the CPU would read it now, without the read's side
    // effect: peeking a USART's RDR shows the byte the CPU would get and leaves it queued.
    std::uint32_t peek(std::uint32_t addr) const;
    std::uint32_t ram_word(std::uint32_t addr) const;
    // CPU registers (UC_ARM_REG_*).
    std::uint32_t cpu(int uc_reg) const;
    void set_cpu(int uc_reg, std::uint32_t value);
    // Model-side FPCCR (the SCS copy the firmware sees), for fault injection.
    void set_fpccr(std::uint32_t v);

    const PartInfo& part() const { return info_; }
    const Config& config() const { return cfg_; }
    std::uint32_t rom_base() const { return info_.rom_base; }
    std::uint32_t rom_reset_handler() const { return info_.rom_base + kRomResetOffset; }
    std::uint32_t rom_initial_sp() const { return info_.rom_initial_sp; }

    // Fake ROM layout: the reset handler's offset in system memory.
    static constexpr std::uint32_t kRomResetOffset = 0x400;

    struct Impl;

  private:
    friend struct Impl;
    Config cfg_;
    const PartInfo& info_;
    std::unique_ptr<Impl> impl_;
    std::string console_;
    std::size_t garbled_ = 0;
    std::vector<Event> trace_;
    std::vector<std::string> violations_;
    RomEntry rom_;
    std::uint64_t instr_ = 0;
    std::uint32_t resets_ = 0;
    std::string fault_;
};

}  // namespace f7model
