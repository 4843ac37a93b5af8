// Runs the sysboot host tool (SYSBOOT_TOOL) as a user would, under a timeout, and returns its
// exit code and its output (stdout and stderr together).
#pragma once

#include <sys/wait.h>

#include <cstdio>
#include <string>

#ifndef SYSBOOT_TOOL
#error "SYSBOOT_TOOL must name the sysboot host tool"
#endif

namespace sysboot::emu {

struct Tool {
    int exit_code;
    std::string out;  // stdout + stderr
};

// Any shell command (stm32flash, dfu-util, ...), stderr folded into the output.
inline Tool run_shell(const std::string& command) {
    const std::string cmd = command + " 2>&1";
    Tool t{-1, ""};
    FILE* p = popen(cmd.c_str(), "r");
    char buf[512];
    while (p != nullptr && std::fgets(buf, sizeof buf, p) != nullptr) {
        t.out += buf;
    }
    const int st = p != nullptr ? pclose(p) : -1;
    t.exit_code = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    return t;
}

inline Tool run_tool(const std::string& args, int timeout_s = 120) {
    return run_shell("timeout " + std::to_string(timeout_s) + " " + SYSBOOT_TOOL + " " + args);
}

}  // namespace sysboot::emu
