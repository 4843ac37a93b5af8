// sysboot-bench: runs the benchmark figures 1-7 (README "Benchmarks") with their references and
// prints one table (stdout); the same figures as JSON go to --json PATH. Progress on stderr.
//
//   sysboot-bench [--json PATH] [--no-emulator]
//   sysboot-bench --trace BOARD | --trace-reset BOARD   (the model trace the floor counts)
//
// Exit status: 0 when every figure was produced and no measured figure is below its floor;
// 1 otherwise (the reasons on stderr). Wall times are printed, never checked.
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>

#include "figures.hpp"

namespace {

void progress(const char* what) {
    std::fprintf(stderr, "sysboot-bench: %s\n", what);
    std::fflush(stderr);
}

int usage() {
    std::fprintf(stderr,
                 "usage: sysboot-bench [--json PATH] [--no-emulator]\n"
                 "       sysboot-bench --trace BOARD | --trace-reset BOARD\n");
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    std::string json_path;
    bool emulator = true;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--json") == 0 && i + 1 < argc) {
            json_path = argv[++i];
        } else if ((std::strcmp(argv[i], "--trace") == 0 ||
                    std::strcmp(argv[i], "--trace-reset") == 0) &&
                   i + 1 < argc) {
            const bool reset = std::strcmp(argv[i], "--trace-reset") == 0;
            std::printf("%s", bench::dump_trace(argv[i + 1], reset).c_str());
            return 0;
        } else if (std::strcmp(argv[i], "--no-emulator") == 0) {
            emulator = false;
        } else {
            return usage();
        }
    }
    const auto t0 = std::chrono::steady_clock::now();
    bench::Results r;
    progress("figure 1: size probes (ELF)");
    r.sizes =
        bench::measure_sizes({"qemu-an500", "nucleo-f767zi", "stm32f746g-disco", "nucleo-f722ze",
                              "qemu-microbit", "qemu-an385", "qemu-an386", "qemu-an505"});
    progress("figures 1-2: stack and instructions on the STM32F7 model");
    r.model = bench::measure_model();
    progress("figure 7: the hand-off per core class (Unicorn CPU models)");
    r.cores = bench::measure_cores(r.sizes);
    if (emulator) {
        progress("figures 3-5: updates on QEMU (sysboot, stm32flash)");
        r.update = bench::measure_update(true);
    } else {
        r.update.skipped = "--no-emulator";
    }
    progress("figure 6: updates over USB DFU (sysboot's client, dfu-util; the board over QEMU)");
    r.dfu = bench::measure_dfu(emulator);
    r.total_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

    std::printf("%s", bench::table(r).c_str());
    std::printf("\n(bench ran in %.1f s)\n", r.total_seconds);
    std::fflush(stdout);
    if (!json_path.empty()) {
        std::ofstream out(json_path, std::ios::trunc);
        out << bench::json(r);
        if (!out) {
            std::fprintf(stderr, "sysboot-bench: cannot write %s\n", json_path.c_str());
            return 1;
        }
        std::fprintf(stderr, "sysboot-bench: wrote %s\n", json_path.c_str());
    }
    const auto problems = bench::sanity(r);
    for (const auto& p : problems) {
        std::fprintf(stderr, "sysboot-bench: FAIL %s\n", p.c_str());
    }
    return problems.empty() ? 0 : 1;
}
