// sysboot-bench-dfu: figure 6 in its own process (figures.hpp measure_dfu says why); prints
// the figures as text for sysboot-bench (dfu_link.cpp). Progress on stderr.
//   sysboot-bench-dfu [--no-emulator]
#include <cstdio>
#include <cstring>

#include "figures.hpp"

int main(int argc, char** argv) {
    const bool board = !(argc > 1 && std::strcmp(argv[1], "--no-emulator") == 0);
    const bench::DfuFigures d = bench::measure_dfu_here(board);
    std::printf("%s", bench::dfu_serialize(d).c_str());
    return d.ran ? 0 : 1;
}
