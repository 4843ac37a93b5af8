// A DfuSe engine over the F76x profile with a real F7 flash model, and helpers that issue
// the class requests the way a host does (tests/dfu/*_test.cpp).
#pragma once

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <vector>

#include "sysboot/an3155/flash_model.hpp"
#include "sysboot/dfuse/engine.hpp"
#include "sysboot/dfuse/region_memory.hpp"

namespace sysboot::dfuse::test {

struct StatusAnswer {
    bool stalled = false;
    Status status = Status::Ok;
    uint32_t poll_ms = 0;
    State state = State::AppIdle;
};

class EngineFixture : public ::testing::Test {
  protected:
    static constexpr uint32_t kFlashBase = 0x08000000;
    static constexpr uint32_t kFlashSize = 2 * 1024 * 1024;
    static constexpr uint32_t kOptionBase = 0x1FFF0000;
    static constexpr uint32_t kOtpBase = 0x1FF0F000;

    EngineFixture();

    Reply dnload(uint16_t block, const std::vector<uint8_t>& data);
    Reply upload(uint16_t block, uint16_t length, std::vector<uint8_t>& out);
    Reply out_request(Request request);  // CLRSTATUS, ABORT, DETACH (no data)
    StatusAnswer get_status();
    State get_state();
    // DNLOAD block 0 + the two GETSTATUS that run it; returns the second answer.
    StatusAnswer command(const std::vector<uint8_t>& bytes);
    StatusAnswer set_address(uint32_t address);
    StatusAnswer erase(uint32_t address);
    StatusAnswer write_block(uint16_t block, const std::vector<uint8_t>& data);
    static std::vector<uint8_t> with_address(uint8_t code, uint32_t address);
    static std::vector<uint8_t> pattern(std::size_t n, uint8_t seed);

    std::vector<uint8_t> flash_;
    std::array<uint8_t, 48> option_bytes_{};
    std::vector<uint8_t> otp_;
    an3155::FlashModel flash_model_;
    RegionMemory option_memory_;
    an3155::FlashModel otp_model_;
    std::array<an3155::Memory*, 3> memories_;
    Engine engine_;
};

}  // namespace sysboot::dfuse::test
