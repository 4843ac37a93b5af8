// sysboot-board, as a user drives it by hand (docs/emulated-board.md): it prints a port, and
// the host tool run against that port talks to the application, then to the stand-in ROM.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <string>

#include "tool_runner.hpp"

#ifndef SYSBOOT_BOARD
#error "SYSBOOT_BOARD must name sysboot-board"
#endif

namespace {

struct Board {
    pid_t pid = -1;
    FILE* out = nullptr;
    std::string printed;

    Board() {
        int fds[2];
        if (pipe(fds) != 0) {
            return;
        }
        pid = fork();
        if (pid == 0) {
            dup2(fds[1], STDOUT_FILENO);
            close(fds[0]);
            execl(SYSBOOT_BOARD, SYSBOOT_BOARD, "--minutes", "3", static_cast<char*>(nullptr));
            _exit(127);
        }
        close(fds[1]);
        out = fdopen(fds[0], "r");
    }
    // The value of the first line that starts with `key`.
    std::string line_after(const std::string& key) {
        char buf[1024];
        while (out != nullptr && std::fgets(buf, sizeof buf, out) != nullptr) {
            printed += buf;
            std::string line(buf);
            if (line.rfind(key, 0) == 0) {
                line = line.substr(key.size());
                while (!line.empty() && (line.back() == '\n' || line.back() == ' ')) {
                    line.pop_back();
                }
                return line;
            }
        }
        return {};
    }
    ~Board() {
        if (pid > 0) {
            kill(pid, SIGINT);
            int st = 0;
            waitpid(pid, &st, 0);
        }
        if (out != nullptr) {
            std::fclose(out);
        }
    }
};

std::string run(const std::string& args, int& code) {
    const auto t = sysboot::emu::run_tool(args, 60);
    code = t.exit_code;
    return t.out;
}

TEST(Board, PrintsAPortThatTheToolCanUse) {
    Board board;
    const std::string port = board.line_after("port: ");
    ASSERT_EQ(port.rfind("unix:/", 0), 0u) << board.printed;
    int code = -1;
    // Forgetting --enter: the application's console answers the sync byte in text.
    const std::string forgot = run("--port " + port + " --flash-base 0x60000000 info", code);
    EXPECT_EQ(code, 4) << forgot;
    EXPECT_NE(forgot.find("the application answered"), std::string::npos) << forgot;
    EXPECT_NE(forgot.find("add --enter"), std::string::npos) << forgot;
    const std::string info = run("--port " + port + " --flash-base 0x60000000 info --enter", code);
    EXPECT_EQ(code, 0) << info;
    EXPECT_NE(info.find("STM32F76xxx/77xxx (PID 0x451)"), std::string::npos) << info;
    EXPECT_NE(info.find("bootloader   v3.1"), std::string::npos) << info;
    // The ROM stays up for the next command, as on a board.
    const std::string read = run("--port " + port + " read 0x60000000 8 -o /dev/null", code);
    EXPECT_EQ(code, 0) << read;
}

}  // namespace
