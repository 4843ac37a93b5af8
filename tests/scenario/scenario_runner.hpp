#pragma once
// Runs one scenario of emu/scenarios on an emulated board (one per Cortex-M core class,
// docs/emulated-board.md) and reports what the CPU actually did:
// whether the stand-in ROM ran and what it found (its failure mask), whether it answered the
// AN3155 sync from its interrupt handler, or how the application refused and survived.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sysboot::scenario {

struct Outcome {
    bool booted = false;           // the image printed "SCENARIO READY"
    bool handoff_reached = false;  // ... and "SCENARIO HANDOFF": it called the hand-off
    bool rom_entered = false;
    std::uint32_t fail_mask = 0;  // emu/rom/capture.hpp Fail bits
    bool acked = false;           // 0x7F answered with 0x79
    bool refused = false;
    std::string refusal;  // status name
    bool alive = false;   // answered "ping" after refusing
    bool isr_during_handoff = false;
    std::optional<int> exit_code;  // QEMU ended (fault handlers end the run)
    std::string transcript;
};

enum class Expect {
    rom_clean,     // ROM entered, found reset state, answered the sync
    refused_alive  // refused with `status`, application still answers
};

struct Scenario {
    std::string name;  // console name in emu/scenarios/scenario.cpp
    std::string rom;   // "" = the normal stand-in ROM; else a corrupted copy (see rom_variant)
    Expect expect;
    std::string status;  // for refused_alive
    bool direct;         // false: sysboot takes the reset path here
    std::string cores;   // the core classes it applies to ("m0 m3 m4 m7 m33"), or "all"
};

// Every scenario of the README table "Scenarios" with what sysboot must do in it.
const std::vector<Scenario>& all_scenarios();
// Those that apply to the core of `board` (a scenario needs the FPU, MPU, stack limits or
// unprivileged Thread mode only where the core has them).
std::vector<Scenario> scenarios_for(const std::string& board);

// The board the suites run on: $SYSBOOT_RIG (ctest sets it per core), else qemu-an500.
std::string rig_board();

// A copy of the board's stand-in ROM with its vector table corrupted: "erased",
// "even_reset", "stack_outside". Returns the image name (as image_path() expects).
std::string rom_variant(const std::string& board, const std::string& kind);
std::string rom_variant(const std::string& kind);  // on qemu-an500

Outcome run(const std::string& board, const std::string& image, const Scenario& s,
            const std::string& impl);

// True when the outcome is what the scenario expects; `why` says what differs.
bool meets(const Scenario& s, const Outcome& o, std::string& why);

std::string describe_failures(std::uint32_t fail_mask);

}  // namespace sysboot::scenario
