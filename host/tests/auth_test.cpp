// Host side of authorized entry (host/src/auth): the key file (format, permissions, never
// printed), the response line, and the exchange with the application's console over a
// scripted transport. The device side is tested in tests/unit/auth_test.cpp and on the
// emulator in tests/emu/auth_test.cpp.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include <deque>
#include <filesystem>

#include "auth/challenge.hpp"
#include "auth/enter.hpp"
#include "auth/key.hpp"
#include "sysboot/sha256.hpp"
#include "test_util.hpp"

namespace sysboot {
namespace {

using host::auth::Challenge;
using host::auth::load_key;

const std::string kKeyHex = "00112233445566778899aabbccddeeff0123456789abcdeffedcba9876543210";

struct KeyFile {
    explicit KeyFile(const std::string& text, mode_t mode = 0600) : file("key.hex", text) {
        ::chmod(file.path().c_str(), mode);
    }
    test::TempFile file;
    const std::string& path() const { return file.path(); }
};

TEST(KeyFile, PrivateHexFileLoads) {
    KeyFile f(kKeyHex + "\n");
    auto k = load_key(f.path());
    ASSERT_TRUE(k) << k.error().message();
    EXPECT_EQ(k->bytes().size(), 32u);
    EXPECT_EQ(k->bytes()[1], 0x11);
    EXPECT_EQ(k->describe(), "32-byte key from " + f.path());
}

TEST(KeyFile, GroupOrWorldAccessIsRefusedWithoutShowingTheKey) {
    for (mode_t mode : {0640, 0604, 0620, 0602, 0644, 0660, 0666}) {
        KeyFile f(kKeyHex, mode);
        auto k = load_key(f.path());
        ASSERT_FALSE(k) << std::oct << mode;
        EXPECT_EQ(k.error().exit_code(), host::ExitCode::Usage);
        const std::string msg = k.error().message();
        EXPECT_NE(msg.find("chmod 600"), std::string::npos) << msg;
        EXPECT_NE(msg.find("group or others"), std::string::npos) << msg;
        EXPECT_EQ(msg.find(kKeyHex.substr(0, 8)), std::string::npos) << msg;
    }
}

TEST(KeyFile, OwnerOnlyModesAreAccepted) {
    for (mode_t mode : {0400, 0600, 0700}) {
        KeyFile f(kKeyHex, mode);
        EXPECT_TRUE(load_key(f.path())) << std::oct << mode;
    }
}

TEST(KeyFile, BadContentIsRefusedWithoutEchoingIt) {
    for (const std::string& text :
         std::vector<std::string>{std::string("00112233"),                // 4 bytes: too short
                                  kKeyHex + "0",                          // odd digit count
                                  "secret-password-not-hex-at-all-xxxx",  // not hex
                                  kKeyHex + kKeyHex + "00",               // 65 bytes
                                  std::string()}) {
        KeyFile f(text);
        auto k = load_key(f.path());
        ASSERT_FALSE(k) << text;
        EXPECT_EQ(k.error().exit_code(), host::ExitCode::Usage);
        EXPECT_EQ(k.error().message().find("secret"), std::string::npos);
        EXPECT_EQ(k.error().message().find("00112233"), std::string::npos);
    }
}

TEST(KeyFile, MissingDirectoryAndSymlinkAreRefused) {
    EXPECT_FALSE(load_key((test::temp_dir() / "no-such-key").string()));
    EXPECT_FALSE(load_key(test::temp_dir().string()));
    KeyFile f(kKeyHex);
    const auto link = test::temp_dir() / "key-link";
    std::filesystem::remove(link);
    std::filesystem::create_symlink(f.path(), link);
    EXPECT_FALSE(load_key(link.string())) << "a link could point anywhere later";
    std::filesystem::remove(link);
}

TEST(Challenge, ParsesTheConsoleLineIncludingAnEchoInFront) {
    auto c = host::auth::parse_challenge(
        "> auth-challenge nonce=000102030405060708090a0b0c0d0e0f uid=aabbcc purpose=bootloader "
        "reset");
    ASSERT_TRUE(c);
    EXPECT_EQ(c->nonce.size(), 16u);
    EXPECT_EQ(c->nonce[15], 0x0f);
    EXPECT_EQ(c->uid, (std::vector<uint8_t>{0xaa, 0xbb, 0xcc}));
    EXPECT_EQ(c->purpose, "bootloader reset");
}

TEST(Challenge, MalformedLinesAreNotChallenges) {
    const std::string n = "nonce=000102030405060708090a0b0c0d0e0f";
    for (const std::string& line : std::vector<std::string>{
             "auth-challenge " + n + " uid=aabb",                                    // no purpose
             "auth-challenge nonce=0001 uid=aabb purpose=x",                         // short nonce
             "auth-challenge " + n + "zz uid=aabb purpose=x",                        // not hex
             "auth-challenge " + n + " purpose=x",                                   // no uid
             "auth-challenge " + n + " uid=" + std::string(34, 'a') + " purpose=x",  // uid > 16
             "auth-challenge " + n + " uid=aa purpose=" + std::string(33, 'p'),
             "challenge " + n + " uid=aabb purpose=x"}) {
        EXPECT_FALSE(host::auth::parse_challenge(line)) << line;
    }
}

host::auth::Key test_key(const std::string& hex = kKeyHex) {
    KeyFile f(hex);
    auto k = load_key(f.path());
    EXPECT_TRUE(k);
    return std::move(*k);
}

TEST(Challenge, ResponseIsHmacOfNonceUidPurpose) {
    const auto key = test_key();
    Challenge c{std::vector<uint8_t>(16, 7), {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, "bootloader"};
    std::vector<uint8_t> msg = c.nonce;
    msg.insert(msg.end(), c.uid.begin(), c.uid.end());
    msg.insert(msg.end(), c.purpose.begin(), c.purpose.end());
    uint8_t mac[32];
    crypto::hmac_sha256(key.bytes().data(), key.bytes().size(), msg.data(), msg.size(), mac);
    std::string hex;
    for (auto b : mac) {
        hex += fmt::format("{:02x}", b);
    }
    EXPECT_EQ(host::auth::response_line(key, c), "auth-response " + hex + "\r\n");
    c.uid[0] ^= 1;
    EXPECT_NE(host::auth::response_line(key, c), "auth-response " + hex + "\r\n");
}

// A console that sends `script[0]` at once and `script[i]` after the i-th write.
class ScriptedConsole final : public host::Transport {
  public:
    explicit ScriptedConsole(std::vector<std::string> script) : script_(std::move(script)) {
        release();
    }
    host::Result<std::size_t> read(std::span<uint8_t> out, host::Millis) override {
        if (ready_.empty()) {
            return std::size_t{0};
        }
        std::size_t n = 0;
        while (n < out.size() && !ready_.empty()) {
            out[n++] = static_cast<uint8_t>(ready_.front());
            ready_.pop_front();
        }
        return n;
    }
    host::Status write(std::span<const uint8_t> data) override {
        written += std::string(data.begin(), data.end());
        release();
        return {};
    }
    void discard_input() override { ready_.clear(); }
    host::Status set_parity(host::Parity) override { return {}; }
    host::Status set_baudrate(unsigned) override { return {}; }
    std::string name() const override { return "scripted"; }
    std::string written;

  private:
    void release() {
        if (next_ < script_.size()) {
            ready_.insert(ready_.end(), script_[next_].begin(), script_[next_].end());
            ++next_;
        }
    }
    std::vector<std::string> script_;
    std::size_t next_ = 0;
    std::deque<char> ready_;
};

const std::string kChallengeLine =
    "> bootloader\r\nauth-challenge nonce=0f0e0d0c0b0a09080706050403020100 "
    "uid=51454d5500014e3530300001 purpose=bootloader\r\n> ";

host::Status exchange(ScriptedConsole& console, std::vector<std::string>* log = nullptr) {
    host::FakeClock clock;
    const auto key = test_key();
    return host::auth::answer_challenge(console, key, clock, host::Millis{100},
                                        [log](const std::string& t) {
                                            if (log != nullptr) {
                                                log->push_back(t);
                                            }
                                        });
}

TEST(Exchange, AnswersTheChallengeAndWaitsForOk) {
    ScriptedConsole console({kChallengeLine, "auth-response ...\r\nauth: ok\r\n"});
    std::vector<std::string> log;
    ASSERT_TRUE(exchange(console, &log));
    const std::string line = kChallengeLine.substr(0, kChallengeLine.rfind("\r\n"));
    const auto c = host::auth::parse_challenge(line);
    ASSERT_TRUE(c);
    EXPECT_EQ(c->purpose, "bootloader");
    EXPECT_EQ(console.written, host::auth::response_line(test_key(), *c));
    for (const auto& line : log) {
        EXPECT_EQ(line.find(kKeyHex.substr(0, 8)), std::string::npos) << line;
    }
}

TEST(Exchange, RefusedResponseIsExit7) {
    ScriptedConsole console({kChallengeLine, "auth: refused: bad_response\r\n"});
    const auto s = exchange(console);
    ASSERT_FALSE(s);
    EXPECT_EQ(s.error().exit_code(), host::ExitCode::Refused);
    EXPECT_NE(s.error().message().find("bad_response"), std::string::npos);
}

TEST(Exchange, NoChallengeIsExit4AndNothingIsSent) {
    ScriptedConsole console({"> bootloader\r\nunknown command: bootloader\r\n"});
    const auto s = exchange(console);
    ASSERT_FALSE(s);
    EXPECT_EQ(s.error().exit_code(), host::ExitCode::NoSync);
    EXPECT_EQ(console.written, "");
}

TEST(Exchange, ApplicationRefusingToEnterIsExit7) {
    ScriptedConsole console({"bootloader: refused: rdp_level0\r\n"});
    const auto s = exchange(console);
    ASSERT_FALSE(s);
    EXPECT_EQ(s.error().exit_code(), host::ExitCode::Refused);
    EXPECT_NE(s.error().message().find("rdp_level0"), std::string::npos);
}

TEST(Exchange, ApplicationWithoutAuthenticationEntersAsBefore) {
    ScriptedConsole console({"> bootloader\r\nbootloader: entering ROM bootloader\r\n"});
    EXPECT_TRUE(exchange(console));
    EXPECT_EQ(console.written, "");
}

TEST(Exchange, NoVerdictIsExit4) {
    ScriptedConsole console({kChallengeLine});
    const auto s = exchange(console);
    ASSERT_FALSE(s);
    EXPECT_EQ(s.error().exit_code(), host::ExitCode::NoSync);
}

// Through the CLI: an exposed key file stops the run before the application gets a byte.
TEST(CliKey, ExposedKeyFileStopsBeforeTheEnterCommand) {
    host::FakeRomOptions o;
    o.start_in_app = true;
    host::FakeClock clock;
    host::FakeRom rom(std::move(o), clock);
    KeyFile f(kKeyHex, 0644);
    auto r = test::run_cli(rom, clock, {"--port", "fake", "--verbose", "--key", f.path(), "enter"});
    EXPECT_EQ(r.code, 1) << r.err;
    EXPECT_NE(r.err.find("chmod 600"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find(kKeyHex.substr(0, 8)), std::string::npos) << r.err;
    EXPECT_EQ(rom.app_input(), "") << "nothing reached the application";
}

}  // namespace
}  // namespace sysboot
