#pragma once
// Scenarios on the STM32 model (F7 and F4 parts) and the checks the design asks for. Checks return
// a list of failures (empty = pass) so the same code serves the board tests (expect none) and the
// mutation test (expect at least one for every image with a hand-off step removed).
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "f7model/model.hpp"

namespace f7model::scenario {

struct Board {
    const char* name;  // firmware/boards/<name>
    Part part;
    std::uint32_t hse_hz;
    std::uint32_t console_usart;  // USART base the board's console uses
    unsigned console_irq;         // its NVIC line (RM vector tables)
    std::uint32_t noinit;         // the sysboot no-init block (the board's app.ld)
};
const std::vector<Board>& boards();
const Board& board(const std::string& name);  // one of boards(); throws when unknown

// How the application calls `bootloader`, injected when execution reaches sysboot::enter.
enum class Context {
    thread,        // main(), privileged, MSP: the plain case -> direct path
    rtos_thread,   // privileged thread on PSP with a live FP context (CONTROL = SPSEL|FPCA,
                   // FPCCR.LSPACT) -> direct path
    handler,       // from an interrupt handler (IPSR = the console's IRQ) -> reset path
    unprivileged,  // unprivileged thread without an escalation hook -> refused
};

struct Session {
    std::unique_ptr<Model> model;
    const Board* board = nullptr;
    Stop stop = Stop::budget;
    bool enter_seen = false;
    std::uint64_t enter_instr = 0;  // instructions before sysboot::enter
    std::size_t enter_trace = 0;    // trace index at sysboot::enter
};

// Boots `image` (an ELF in the image directory), types "bootloader" (and "help" after it when
// `then_help`), runs until the ROM is reached, the help text after a refusal appears, or the
// budget is spent.
Session bootloader(const Board& b, const std::string& image, const Faults& faults, Context ctx,
                   bool then_help = false);

std::string image_path(const std::string& image);

// The ROM was reached with the CPU and the chip as the design requires. `reset_path`: the
// request went through SYSRESETREQ and handle_request_early instead of the direct teardown.
std::vector<std::string> check_rom_entry(const Session& r, bool reset_path);
// The application refused with `status` printed and still answers `help` afterwards.
std::vector<std::string> check_refused(const Session& r, const std::string& status);

// All scenarios the mutation test runs on one image, with the failures of each.
struct Outcome {
    std::string scenario;
    bool booted = false;           // the application printed on its console
    bool reached_handoff = false;  // execution reached sysboot::enter
    std::vector<std::string> failures;
};
std::vector<Outcome> run_all(const Board& b, const std::string& image);

std::string describe(const Session& r);

// "0x%08X", and a failure line when got != want (shared by the checks).
std::string hex(std::uint32_t v);
void expect_eq(std::vector<std::string>& f, const char* what, std::uint32_t got,
               std::uint32_t want);

}  // namespace f7model::scenario
