// Launcher: runs one command against an emulated ST ROM DFU device and reports what the
// device saw. For manual cross-checks and scripts, e.g.
//   dfu_rig --profile f76x --flash-out after.bin -- dfu-util -a 0 -s 0x08000000:leave -D app.bin
// Exit status: the command's; the rig's own failures exit 125.
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include "usb_rig.hpp"

namespace {

using sysboot::dfuse::rig::RigOptions;
using sysboot::dfuse::rig::UsbRig;

int usage() {
    std::cerr << "usage: dfu_rig [--profile f72x|f74x|f76x] [--poll-scale PERCENT]\n"
                 "               [--flash-in FILE] [--flash-out FILE] [--quiet]\n"
                 "               [--stall-dnload N] [--hold-dnload N] [--busy-after-dnload N]\n"
                 "               [--busy-poll-ms MS] [--second-serial S] -- COMMAND...\n";
    return 125;
}

const char* kEventNames[] = {"none", "leave", "reset-after-unprotect", "reset-after-option-bytes"};

}  // namespace

int main(int argc, char** argv) {
    RigOptions options;
    std::string flash_in;
    std::string flash_out;
    bool quiet = false;
    int i = 1;
    for (; i < argc && std::strcmp(argv[i], "--") != 0; ++i) {
        const std::string arg = argv[i];
        const bool has_value = i + 1 < argc;
        if (arg == "--profile" && has_value) {
            options.profile = nullptr;
            for (const auto* p : sysboot::dfuse::kProfiles) {
                if (std::strcmp(p->name, argv[i + 1]) == 0) {
                    options.profile = p;
                }
            }
            if (options.profile == nullptr) {
                return usage();
            }
            ++i;
        } else if (arg == "--poll-scale" && has_value) {
            options.poll_scale_percent = static_cast<uint32_t>(std::stoul(argv[++i]));
        } else if (arg == "--flash-in" && has_value) {
            flash_in = argv[++i];
        } else if (arg == "--flash-out" && has_value) {
            flash_out = argv[++i];
        } else if (arg == "--stall-dnload" && has_value) {
            options.stall_dnload = static_cast<uint32_t>(std::stoul(argv[++i]));
        } else if (arg == "--hold-dnload" && has_value) {
            options.hold_dnload = static_cast<uint32_t>(std::stoul(argv[++i]));
        } else if (arg == "--busy-after-dnload" && has_value) {
            options.busy_after_dnload = static_cast<uint32_t>(std::stoul(argv[++i]));
        } else if (arg == "--busy-poll-ms" && has_value) {
            options.busy_poll_ms = static_cast<uint32_t>(std::stoul(argv[++i]));
        } else if (arg == "--second-serial" && has_value) {
            options.second_serial = argv[++i];
        } else if (arg == "--quiet") {
            quiet = true;
        } else {
            return usage();
        }
    }
    if (i + 1 >= argc) {
        return usage();
    }
    UsbRig rig(options);
    if (!flash_in.empty()) {
        std::ifstream in(flash_in, std::ios::binary);
        const std::vector<uint8_t> bytes{std::istreambuf_iterator<char>(in), {}};
        auto& flash = rig.flash();
        std::copy_n(bytes.begin(), std::min(bytes.size(), flash.size()), flash.begin());
    }
    const std::vector<std::string> command(argv + i + 1, argv + argc);
    const auto result = rig.run_client(command);
    std::cout << result.output;
    auto lock = rig.lock();
    if (!flash_out.empty()) {
        std::ofstream out(flash_out, std::ios::binary);
        out.write(reinterpret_cast<const char*>(rig.flash().data()),
                  static_cast<std::streamsize>(rig.flash().size()));
    }
    if (!quiet) {
        const auto& t = rig.traffic();
        const auto& e = rig.engine();
        std::fprintf(stderr,
                     "dfu_rig: %s: %.3f s, %u control transfers (%u stalled), %u blocks "
                     "written, %u read, event %s at 0x%08x, state %u status %u\n",
                     options.profile->name, result.wall.count(), t.control_transfers, t.stalls,
                     e.counters().dnload_blocks, e.counters().upload_blocks,
                     kEventNames[static_cast<int>(e.event())], e.leave_address(),
                     static_cast<unsigned>(e.state()), static_cast<unsigned>(e.status()));
    }
    return result.exit_code < 0 ? 125 : result.exit_code;
}
