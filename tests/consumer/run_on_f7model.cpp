// run_on_f7model [--f446] <app.elf>: boots a consumer's STM32F767 (or, with --f446, STM32F446)
// image on the STM32 model and checks
// that its call of sysboot_enter() reached the ROM's reset handler with the CPU and the chip
// in the state the hand-off promises (the same checks as the board images, docs/stm32-model.md).
#include <cstdio>
#include <memory>
#include <string>

#include "scenarios.hpp"

int main(int argc, char** argv) {
    using namespace f7model;
    const bool f446 = argc == 3 && std::string(argv[1]) == "--f446";
    if (argc != 2 && !f446) {
        std::fprintf(stderr, "usage: run_on_f7model [--f446] <app.elf>\n");
        return 2;
    }
    const char* elf = argv[argc - 1];
    scenario::Session s;
    Config config;  // STM32F76x, 8 MHz HSE
    if (f446) {
        config.part = Part::f446;
    }
    s.model = std::make_unique<Model>(config);
    Model& m = *s.model;
    m.load_elf(elf);
    const std::uint32_t enter = m.symbol("sysboot_enter");
    if (enter == 0) {
        std::fprintf(stderr, "FAIL: %s has no sysboot_enter\n", elf);
        return 1;
    }
    m.at(enter & ~1u, [&s](Model& mm) {
        s.enter_seen = true;
        s.enter_instr = mm.instructions();
        s.enter_trace = mm.trace().size();
    });
    m.power_on();
    s.stop = m.run(50'000'000);
    const auto failures = scenario::check_rom_entry(s, false);
    for (const auto& f : failures) {
        std::fprintf(stderr, "FAIL: %s\n", f.c_str());
    }
    if (!failures.empty()) {
        return 1;
    }
    std::printf("ROM reached after %llu instructions (sysboot_enter at %llu), MSP 0x%08x\n",
                static_cast<unsigned long long>(m.rom_entry().instr),
                static_cast<unsigned long long>(s.enter_instr), m.rom_entry().msp);
    return 0;
}
