#pragma once
// The benchmark's figures (README "Benchmarks"), each with its reference measured or derived
// in the same run. bench/sysboot_bench.cpp runs them and prints one table; report.cpp writes the
// JSON.
#include <cstdint>
#include <string>
#include <vector>

namespace bench {

// ------------------------------------------------------------------ figure 1: code size
// text+rodata (bytes) of the size probes (bench/probes/probe.cpp), per board.
struct SymbolSize {
    std::string name;  // demangled
    std::uint64_t bytes;
};

struct SizeRow {
    std::string board;
    bool ok = false;
    std::string error;
    std::uint64_t probe[7] = {};  // text+rodata of probe-<n>-<board>.elf
    // Path bytes: probe n - probe 1 (n = 2..4); all three paths: 6 - 1; recipe: probe 5 -
    // probe 0; the Device and its chip hooks: 1 - 0.
    std::int64_t chip_hooks() const { return diff(1, 0); }
    std::int64_t direct() const { return diff(2, 1); }
    std::int64_t reset() const { return diff(3, 1); }
    std::int64_t early() const { return diff(4, 1); }
    std::int64_t all_paths() const { return diff(6, 1); }
    std::int64_t recipe() const { return diff(5, 0); }
    std::int64_t direct_with_hooks() const { return diff(2, 0); }
    std::int64_t all_with_hooks() const { return diff(6, 0); }
    // Symbols (FUNC/OBJECT in text+rodata) the direct-path probe adds over probe 1.
    std::vector<SymbolSize> direct_symbols;

  private:
    std::int64_t diff(int a, int b) const {
        return static_cast<std::int64_t>(probe[a]) - static_cast<std::int64_t>(probe[b]);
    }
};

// The footprint and instruction targets (docs/footprint.md), stated for the STM32F7 probes:
// the single-part chip layer (SYSBOOT_STM32F7_PART), -Os, no LTO. The table prints them next to
// what was measured; they are not a pass/fail criterion of the ctest run.
struct FootprintTargets {
    std::int64_t direct_with_hooks = 1500;   // direct path + Device and chip hooks (probe 2 - 0)
    std::int64_t all_with_hooks = 1800;      // all three paths + Device and hooks (probe 6 - 0)
    std::int64_t reset = 350;                // reset-path request (probe 3 - 1)
    std::int64_t early = 300;                // early handler (probe 4 - 1)
    std::uint64_t f767_instructions = 1500;  // enter -> ROM, direct path, F767 cache geometry
    std::uint64_t f746_instructions = 700;   // the same on the F746
};
inline constexpr FootprintTargets kTargets{};

// ------------------------------------------- figure 1 (stack) and 2: the STM32F7 model
struct PathRun {
    bool ok = false;
    std::vector<std::string> failures;    // check_rom_entry() and the bench's own checks
    std::uint64_t instructions = 0;       // sysboot::enter -> first instruction of the ROM
    std::uint64_t from_command = 0;       // the `bootloader` command handler -> the ROM
    std::uint64_t setway_loop = 0;        // instructions from the first to the last set/way op
    std::uint32_t setway_ops = 0;         // distinct DCCISW/DCISW operations in the trace
    std::uint32_t reg_writes = 0;         // every other register write in the trace
    std::uint32_t required_writes = 0;    // of those: first write or value change per register
    std::uint32_t noinit_stores = 0;      // stores to the no-init block (request, breadcrumb)
    std::uint32_t core_instructions = 0;  // required instructions the trace cannot show
    std::uint64_t floor() const {
        return std::uint64_t{setway_ops} + required_writes + noinit_stores + core_instructions;
    }
    std::uint32_t stack_bytes = 0;  // direct path: SP at enter - lowest stack store
};

struct ModelRow {
    std::string board;
    std::string part;
    std::uint32_t dcache_kib = 0;
    PathRun direct;
    PathRun reset;
};

// ------------------------------------------------------ figures 3-5: the update on QEMU
struct WireRun {
    std::string name;     // "sysboot --verify crc", ...
    std::string command;  // what was run (paths shortened)
    bool ok = false;
    std::string error;
    std::uint64_t tx = 0;               // bytes host -> target (runner counters)
    std::uint64_t rx = 0;               // bytes target -> host
    double seconds = 0;                 // wall time on the emulator
    std::uint64_t blocks_written = 0;   // 256-byte Write Memory blocks
    std::vector<std::uint16_t> erased;  // sectors erased (for the time model)
    std::string verify;                 // how the tool verified (from its JSON)
    double model_seconds = 0;           // modelled time at 115200 baud on an F7
    double model_wire = 0, model_program = 0, model_erase = 0;  // its parts
};

struct UpdateFigures {
    bool ran = false;
    std::string skipped;         // why figures 3-5 did not run
    std::uint64_t payload = 0;   // image bytes
    std::uint64_t blank = 0;     // bytes in the all-0xFF hole
    std::uint64_t floor_tx = 0;  // AN3155 write-only floor for this image (host -> target)
    std::uint64_t floor_rx = 0;  // ... (target -> host: the ACKs)
    WireRun crc, readback, stm32flash, pre_erase;
    WireRun floor;            // not run: the floor's bytes and blocks through the same time model
    WireRun full;             // figure 5: flash --enter on a running v1 until the v2 banner
    std::string full_banner;  // what was seen
};

// ------------------------------------------------------ figure 6: the update over USB DFU
// One run of a DfuSe client against the ROM's DFU device (bench/dfu.cpp).
struct UsbRun {
    std::string name;
    std::string command;
    bool ok = false;
    std::string error;
    std::uint32_t transfers = 0;  // control transfers
    std::uint32_t dnload = 0, upload = 0, get_status = 0;
    std::uint64_t to_device = 0;  // setup packets + OUT data
    std::uint64_t to_host = 0;    // IN data
    std::uint64_t bytes_written = 0;
    std::uint32_t sectors_erased = 0;
    std::uint32_t blocks_written = 0;         // DNLOAD data blocks that reached the flash
    std::uint32_t blank_blocks = 0;           // of those, blocks of only 0xFF
    double seconds = 0;                       // wall time of the run (rig or emulated board)
    std::vector<std::uint16_t> data_lengths;  // each transfer's data stage (model input)
    double model_bus = 0, model_program = 0, model_erase = 0, model_seconds = 0;
};

struct DfuFigures {
    bool ran = false;
    std::string skipped;
    UsbRun sysboot, sysboot_noverify, dfu_util, board, floor;
};

// Full-speed USB time model (bench/dfu.cpp for the sources).
struct UsbTimeModel {
    double bit_rate = 12e6;               // full speed, USB 2.0 §7.1.11
    double frame_s = 1e-3;                // full-speed frame, USB 2.0 §8.4.3.1 (SOF every 1 ms)
    double transfer_overhead_bytes = 45;  // control transfer framing, derived in bench/dfu.cpp
    double packet_overhead_bytes = 13;    // each further 64-byte data packet (token+data+handshake)
    double max_packet = 64;               // full-speed EP0 wMaxPacketSize, USB 2.0 §5.5.3
};
inline constexpr UsbTimeModel kUsbTimeModel{};

// ------------------------------------------------- figure 7: per core class (bench/cores.cpp)
struct CoreRow {
    std::string board;  // the QEMU rig of that core
    std::string core;   // "Cortex-M0", ...
    bool ok = false;
    std::string error;
    std::int64_t direct_bytes = 0, recipe_bytes = 0;  // from figure 1's probes
    std::uint64_t direct_instructions = 0;            // sysboot::enter -> the ROM
    std::uint64_t recipe_instructions = 0;            // the recipe, until it leaves the image
};

struct Results {
    std::vector<SizeRow> sizes;
    std::vector<CoreRow> cores;
    std::vector<ModelRow> model;
    UpdateFigures update;
    DfuFigures dfu;
    double total_seconds = 0;
};

// Figure producers.
std::vector<SizeRow> measure_sizes(const std::vector<std::string>& boards);
std::vector<ModelRow> measure_model();
std::vector<CoreRow> measure_cores(const std::vector<SizeRow>& sizes);
// The model's trace from sysboot::enter to the ROM (instruction offset, kind, address, value),
// to check by eye what the floor counts.
std::string dump_trace(const std::string& board, bool reset_path);
UpdateFigures measure_update(bool with_full);
// The image figures 3-4 and 6 write: 256 KiB of random bytes with a 64 KiB 0xFF hole.
std::string write_update_image(const std::string& dir);
// Runs sysboot-bench-dfu (its own process: the STM32F7 model's Unicorn carries its own GLib
// symbols, which break umockdev's GLib in one process) and reads its figures back.
DfuFigures measure_dfu(bool with_board);
DfuFigures measure_dfu_here(bool with_board);  // what sysboot-bench-dfu runs
std::string dfu_serialize(const DfuFigures& d);
DfuFigures dfu_parse(const std::string& text);
std::string dfu_table(const Results& r);
std::string dfu_json(const DfuFigures& d);
void dfu_sanity(const DfuFigures& d, std::vector<std::string>& problems);

// Output.
std::string table(const Results& r);
std::string json(const Results& r);
// Sanity checks the ctest runs (never on wall time): empty when every figure was produced
// and no measured figure is below its floor.
std::vector<std::string> sanity(const Results& r);

// Time model constants (see update.cpp for their sources).
struct TimeModel {
    double baud = 115200;
    double bits_per_byte = 11;      // 8E1: start + 8 + parity + stop
    double word_program_s = 16e-6;  // tprog, 32-bit word, x32 parallelism, typical
    double erase_32k_s = 0.250;     // tERASE32KB, x32, typical
    double erase_128k_s = 0.550;    // tERASE128KB, x32, typical
    double erase_256k_s = 1.0;      // tERASE256KB, x32, typical
};
inline constexpr TimeModel kTimeModel{};

}  // namespace bench
