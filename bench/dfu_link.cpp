// Figure 6 crosses a process boundary (figures.hpp measure_dfu): sysboot-bench-dfu prints
// its DfuFigures as text lines, sysboot-bench reads them back.
//   run SLOT ok transfers dnload upload get_status to_device to_host bytes_written
//       sectors_erased blocks_written blank_blocks seconds model_bus model_program model_erase
//   name SLOT text | command SLOT text | error SLOT text | skipped text | ran 0|1
#include <cstdio>
#include <cstdlib>
#include <sstream>

#include "figures.hpp"

namespace bench {
namespace {

UsbRun* slot(DfuFigures& d, const std::string& name) {
    return name == "sysboot"            ? &d.sysboot
           : name == "sysboot_noverify" ? &d.sysboot_noverify
           : name == "dfu_util"         ? &d.dfu_util
           : name == "board"            ? &d.board
           : name == "floor"            ? &d.floor
                                        : nullptr;
}

std::string one_line(std::string s) {
    for (char& c : s) {
        c = c == '\n' || c == '\r' ? ' ' : c;
    }
    return s;
}

}  // namespace

std::string dfu_serialize(const DfuFigures& d) {
    std::ostringstream o;
    o.precision(9);
    o << "ran " << (d.ran ? 1 : 0) << "\nskipped " << one_line(d.skipped) << "\n";
    const std::pair<const char*, const UsbRun*> runs[] = {{"sysboot", &d.sysboot},
                                                          {"sysboot_noverify", &d.sysboot_noverify},
                                                          {"dfu_util", &d.dfu_util},
                                                          {"board", &d.board},
                                                          {"floor", &d.floor}};
    for (const auto& [name, r] : runs) {
        o << "run " << name << ' ' << r->ok << ' ' << r->transfers << ' ' << r->dnload << ' '
          << r->upload << ' ' << r->get_status << ' ' << r->to_device << ' ' << r->to_host << ' '
          << r->bytes_written << ' ' << r->sectors_erased << ' ' << r->blocks_written << ' '
          << r->blank_blocks << ' ' << r->seconds << ' ' << r->model_bus << ' ' << r->model_program
          << ' ' << r->model_erase << "\n";
        o << "name " << name << ' ' << one_line(r->name) << "\ncommand " << name << ' '
          << one_line(r->command) << "\nerror " << name << ' ' << one_line(r->error) << "\n";
    }
    return o.str();
}

DfuFigures dfu_parse(const std::string& text) {
    DfuFigures d;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream l(line);
        std::string key;
        l >> key;
        if (key == "ran") {
            l >> d.ran;
            continue;
        }
        std::string rest;
        if (key == "skipped") {
            std::getline(l >> std::ws, d.skipped);
            continue;
        }
        std::string which;
        l >> which;
        UsbRun* r = slot(d, which);
        if (r == nullptr) {
            continue;
        }
        if (key == "run") {
            l >> r->ok >> r->transfers >> r->dnload >> r->upload >> r->get_status >> r->to_device >>
                r->to_host >> r->bytes_written >> r->sectors_erased >> r->blocks_written >>
                r->blank_blocks >> r->seconds >> r->model_bus >> r->model_program >> r->model_erase;
            r->model_seconds = r->model_bus + r->model_program + r->model_erase;
        } else if (key == "name" || key == "command" || key == "error") {
            std::getline(l >> std::ws, rest);
            (key == "name" ? r->name : key == "command" ? r->command : r->error) = rest;
        }
    }
    return d;
}

DfuFigures measure_dfu(bool with_board) {
#ifdef SYSBOOT_BENCH_DFU
    const std::string cmd = std::string(SYSBOOT_BENCH_DFU) + (with_board ? "" : " --no-emulator");
    std::string text;
    FILE* p = popen(cmd.c_str(), "r");
    char buf[1024];
    while (p != nullptr && std::fgets(buf, sizeof buf, p) != nullptr) {
        text += buf;
    }
    const int st = p != nullptr ? pclose(p) : -1;
    DfuFigures d = dfu_parse(text);
    if (!d.ran && d.skipped.empty()) {
        d.skipped = "sysboot-bench-dfu failed (status " + std::to_string(st) + ")";
    }
    return d;
#else
    (void)with_board;
    DfuFigures d;
    d.skipped = "built without umockdev, libusb-1.0 or dfu-util";
    return d;
#endif
}

}  // namespace bench
