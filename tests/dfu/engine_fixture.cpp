#include "engine_fixture.hpp"

namespace sysboot::dfuse::test {
namespace {
// The OTP area as a one-sector flash: words program once, never erase (RM0410 §3.6).
constexpr an3155::SectorGroup kOtpGroups[] = {{1, 1056}};
}  // namespace

EngineFixture::EngineFixture()
    : flash_(kFlashSize, 0xFF),
      otp_(1056, 0xFF),
      flash_model_(an3155::FlashConfig{}, flash_),
      option_memory_(kOptionBase, option_bytes_),
      otp_model_(an3155::FlashConfig{kOtpBase, an3155::SectorMap{kOtpGroups}}, otp_),
      memories_{&flash_model_, &option_memory_, &otp_model_},
      engine_(kF76x, memories_) {}

Reply EngineFixture::dnload(uint16_t block, const std::vector<uint8_t>& data) {
    const dfuse::Setup setup{kClassOut, static_cast<uint8_t>(Request::Dnload), block, 0,
                             static_cast<uint16_t>(data.size())};
    return engine_.control(setup, data, {});
}

Reply EngineFixture::upload(uint16_t block, uint16_t length, std::vector<uint8_t>& out) {
    out.assign(length, 0);
    const dfuse::Setup setup{kClassIn, static_cast<uint8_t>(Request::Upload), block, 0, length};
    const Reply r = engine_.control(setup, {}, out);
    out.resize(r.stall ? 0 : r.length);
    return r;
}

Reply EngineFixture::out_request(Request request) {
    return engine_.control(dfuse::Setup{kClassOut, static_cast<uint8_t>(request), 0, 0, 0}, {}, {});
}

StatusAnswer EngineFixture::get_status() {
    std::array<uint8_t, kStatusLength> raw{};
    const dfuse::Setup setup{kClassIn, static_cast<uint8_t>(Request::GetStatus), 0, 0,
                             kStatusLength};
    const Reply r = engine_.control(setup, {}, raw);
    if (r.stall) {
        return {true};
    }
    EXPECT_EQ(r.length, kStatusLength);
    EXPECT_EQ(raw[5], 0) << "iString";
    return {false, static_cast<Status>(raw[0]),
            static_cast<uint32_t>(raw[1] | raw[2] << 8 | raw[3] << 16), static_cast<State>(raw[4])};
}

State EngineFixture::get_state() {
    std::array<uint8_t, 1> raw{0xEE};
    const dfuse::Setup setup{kClassIn, static_cast<uint8_t>(Request::GetState), 0, 0, 1};
    const Reply r = engine_.control(setup, {}, raw);
    EXPECT_FALSE(r.stall);
    return static_cast<State>(raw[0]);
}

StatusAnswer EngineFixture::command(const std::vector<uint8_t>& bytes) {
    EXPECT_FALSE(dnload(0, bytes).stall);
    const StatusAnswer busy = get_status();
    EXPECT_EQ(busy.state, State::DnBusy);
    return get_status();
}

std::vector<uint8_t> EngineFixture::with_address(uint8_t code, uint32_t address) {
    return {code, static_cast<uint8_t>(address), static_cast<uint8_t>(address >> 8),
            static_cast<uint8_t>(address >> 16), static_cast<uint8_t>(address >> 24)};
}

StatusAnswer EngineFixture::set_address(uint32_t address) {
    return command(with_address(command::kSetAddressPointer, address));
}

StatusAnswer EngineFixture::erase(uint32_t address) {
    return command(with_address(command::kErase, address));
}

StatusAnswer EngineFixture::write_block(uint16_t block, const std::vector<uint8_t>& data) {
    EXPECT_FALSE(dnload(block, data).stall);
    const StatusAnswer busy = get_status();
    EXPECT_EQ(busy.state, State::DnBusy);
    return get_status();
}

std::vector<uint8_t> EngineFixture::pattern(std::size_t n, uint8_t seed) {
    std::vector<uint8_t> v(n);
    for (std::size_t i = 0; i < n; ++i) {
        v[i] = static_cast<uint8_t>(seed + i * 7 + (i >> 8));
    }
    return v;
}

}  // namespace sysboot::dfuse::test
