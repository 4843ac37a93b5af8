// The example application v1 running on an emulated board with the console relay attached,
// ready for the host tool; and waiting for v2 to come up after the ROM's Go. Shared by the
// end-to-end tests.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include "qemu_runner.hpp"

namespace sysboot::emu {

inline std::unique_ptr<Qemu> start_app(QemuConfig cfg) {
    auto q = std::make_unique<Qemu>(std::move(cfg));
    EXPECT_TRUE(q->connect());
    EXPECT_TRUE(q->wait_for("sysboot-app v1")) << q->output();
    EXPECT_TRUE(q->wait_for("> "));
    q->relay_start();
    return q;
}

// Polls the board's output while the relay owns the console (wait_for would read it).
inline bool output_shows(const Qemu& q, const std::string& needle,
                         std::chrono::milliseconds timeout) {
    const auto end = std::chrono::steady_clock::now() + timeout;
    while (q.output().find(needle) == std::string::npos) {
        if (std::chrono::steady_clock::now() >= end) {
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return true;
}

}  // namespace sysboot::emu
