// Authorized entry on the emulated board (qemu-an500, stand-in ROM): the authenticated
// example app (app-auth-qemu-an500, keyed with tests/auth/test-key.hex) enters the ROM only
// for a correct answer to its latest challenge. Every refusal is checked on what the
// emulated CPU did: the stand-in ROM prints "ROM-ENTRY" the moment it runs, and the app is
// still there afterwards to end the run with the status it is asked for.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "qemu_runner.hpp"
#include "sysboot/auth.h"

#ifndef SYSBOOT_TEST_KEY_FILE
#error "SYSBOOT_TEST_KEY_FILE must name the test key"
#endif

namespace sysboot::emu {
namespace {

using Bytes = std::vector<std::uint8_t>;

Bytes from_hex(const std::string& hex) {
    Bytes out;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
        out.push_back(static_cast<std::uint8_t>(std::stoul(hex.substr(i, 2), nullptr, 16)));
    }
    return out;
}
std::string to_hex(const Bytes& b) {
    std::string out;
    for (auto x : b) {
        out += "0123456789abcdef"[x >> 4];
        out += "0123456789abcdef"[x & 15];
    }
    return out;
}

Bytes test_key() {
    std::ifstream f(SYSBOOT_TEST_KEY_FILE);
    std::string hex;
    f >> hex;
    return from_hex(hex);
}

struct Challenge {
    Bytes nonce;
    Bytes uid;
    std::string purpose;
};

// Waits for the next challenge line and parses it.
std::optional<Challenge> read_challenge(Qemu& q) {
    if (!q.wait_for("auth-challenge ") || !q.wait_for("\r\n")) {
        return std::nullopt;
    }
    const std::string& out = q.output();
    const std::size_t at = out.rfind("auth-challenge ");
    std::istringstream line(out.substr(at, out.find("\r\n", at) - at));
    std::string word;
    Challenge c;
    line >> word;
    while (line >> word) {
        if (word.rfind("nonce=", 0) == 0) {
            c.nonce = from_hex(word.substr(6));
        } else if (word.rfind("uid=", 0) == 0) {
            c.uid = from_hex(word.substr(4));
        } else if (word.rfind("purpose=", 0) == 0) {
            c.purpose = word.substr(8);
            std::string more;
            while (line >> more) {
                c.purpose += " " + more;
            }
        }
    }
    if (c.nonce.size() != SYSBOOT_AUTH_CHALLENGE_SIZE) {
        return std::nullopt;
    }
    return c;
}

// HMAC-SHA256(key, nonce || uid || purpose): what the host tool sends.
std::string response(const Challenge& c, const Bytes& uid, const std::string& purpose) {
    const Bytes key = test_key();
    Bytes mac(SYSBOOT_AUTH_RESPONSE_SIZE);
    sysboot_auth_response(key.data(), key.size(), c.nonce.data(), uid.data(), uid.size(),
                          purpose.data(), purpose.size(), mac.data());
    return to_hex(mac);
}
std::string response(const Challenge& c) {
    return response(c, c.uid, c.purpose);
}

class AuthEntry : public ::testing::Test {
  protected:
    void SetUp() override {
        ASSERT_TRUE(q.connect()) << q.command_line() << q.log();
        ASSERT_TRUE(q.wait_for("sysboot-app v1 board=qemu-an500")) << q.output() << q.log();
        ASSERT_TRUE(q.wait_for("> "));
    }
    Challenge ask(const std::string& command = "bootloader") {
        q.write(command + "\r");
        auto c = read_challenge(q);
        EXPECT_TRUE(c.has_value()) << q.output();
        EXPECT_TRUE(q.wait_for("> ")) << q.output();
        return c.value_or(Challenge{});
    }
    void answer(const std::string& hex) { q.write("auth-response " + hex + "\r"); }
    // The refusal is printed, the app keeps running, and the ROM never ran.
    void expect_refused(const std::string& why) {
        EXPECT_TRUE(q.wait_for("auth: refused: " + why)) << q.output();
        EXPECT_TRUE(q.wait_for("> ")) << q.output();
    }
    void expect_rom_never_entered() {
        q.write("exit 7\r");
        EXPECT_EQ(q.wait_exit(10s), 7) << "the application must still be running\n" << q.output();
        EXPECT_EQ(q.output().find("ROM-ENTRY"), std::string::npos) << q.output();
        EXPECT_EQ(q.output().find("auth: ok"), std::string::npos) << q.output();
    }
    void expect_rom_entered() {
        EXPECT_TRUE(q.wait_for("auth: ok")) << q.output();
        ASSERT_TRUE(q.wait_for("ROM-ENTRY fail=0x00000000 ")) << q.output();
        ASSERT_TRUE(q.wait_for("\r\n"));
        q.write(std::string(1, '\x7F'));
        EXPECT_TRUE(q.wait_for(std::string(1, '\x79'), 2s)) << "ROM answers the sync";
    }

    Qemu q{an500("app-auth-qemu-an500")};
};

TEST_F(AuthEntry, ChallengeNamesNonceUidAndPurpose) {
    const Challenge c = ask();
    EXPECT_EQ(c.uid.size(), 12u);
    EXPECT_EQ(c.purpose, "bootloader");
    q.write("exit 3\r");
    EXPECT_EQ(q.wait_exit(10s), 3);
}

TEST_F(AuthEntry, CorrectResponseEntersTheRom) {
    const Challenge c = ask();
    answer(response(c));
    expect_rom_entered();
}

TEST_F(AuthEntry, CorrectResponseEntersThroughTheResetPath) {
    const Challenge c = ask("bootloader reset");
    EXPECT_EQ(c.purpose, "bootloader reset");
    answer(response(c));
    expect_rom_entered();
}

TEST_F(AuthEntry, WrongResponseIsRefused) {
    const Challenge c = ask();
    std::string hex = response(c);
    hex[63] = hex[63] == '0' ? '1' : '0';
    answer(hex);
    expect_refused("bad_response");
    expect_rom_never_entered();
}

TEST_F(AuthEntry, ResponseForAnotherDevicesUidIsRefused) {
    const Challenge c = ask();
    Bytes other = c.uid;
    other.back() ^= 0x01;
    answer(response(c, other, c.purpose));
    expect_refused("bad_response");
    expect_rom_never_entered();
}

TEST_F(AuthEntry, ResponseForAnotherPurposeIsRefused) {
    const Challenge c = ask("bootloader reset");
    answer(response(c, c.uid, "bootloader"));
    expect_refused("bad_response");
    expect_rom_never_entered();
}

TEST_F(AuthEntry, ResponseWithoutChallengeIsRefused) {
    Challenge none;
    none.nonce.assign(SYSBOOT_AUTH_CHALLENGE_SIZE, 0);
    none.uid = Bytes(12, 0);
    answer(response(none));
    expect_refused("no_challenge");
    expect_rom_never_entered();
}

TEST_F(AuthEntry, OneAttemptPerChallenge) {
    // A wrong first answer uses the challenge up: the right one afterwards is refused.
    const Challenge c = ask();
    const std::string right = response(c);
    answer(std::string(64, '0'));
    expect_refused("bad_response");
    answer(right);
    expect_refused("no_challenge");
    expect_rom_never_entered();
}

TEST_F(AuthEntry, TruncatedResponsesAreRefused) {
    for (std::size_t digits : {63u, 62u, 2u, 0u}) {
        const Challenge c = ask();
        answer(response(c).substr(0, digits));
        expect_refused("bad_response");
        answer(response(c));  // the challenge is gone with the malformed answer
        expect_refused("no_challenge");
    }
    expect_rom_never_entered();
}

TEST_F(AuthEntry, OversizedInputIsRefusedWhole) {
    // 33 bytes of hex still fit the console line; the extra byte makes it no MAC.
    Challenge c = ask();
    answer(response(c) + "00");
    expect_refused("bad_response");
    // A line over the console's limit is dropped whole, even if it starts with the right
    // answer, and the pending challenge with it.
    c = ask();
    answer(response(c) + std::string(40, 'A'));
    EXPECT_TRUE(q.wait_for("error: line longer than 95 characters, ignored")) << q.output();
    answer(response(c));
    expect_refused("no_challenge");
    expect_rom_never_entered();
}

TEST_F(AuthEntry, OtherInputDropsThePendingChallenge) {
    const Challenge c = ask();
    q.write("info\r");
    ASSERT_TRUE(q.wait_for("last hand-off")) << q.output();
    answer(response(c));
    expect_refused("no_challenge");
    expect_rom_never_entered();
}

TEST_F(AuthEntry, ChallengeIsNotReusedAfterAReset) {
    const Challenge before = ask();
    q.write("reset\r");
    ASSERT_TRUE(q.wait_for("resetting")) << q.output();
    ASSERT_TRUE(q.wait_for("sysboot-app v1 board=qemu-an500")) << q.output();
    ASSERT_TRUE(q.wait_for("> "));
    const Challenge after = ask();
    EXPECT_NE(to_hex(after.nonce), to_hex(before.nonce))
        << "the nonce counter must survive the reset";
    answer(response(before));
    expect_refused("bad_response");
    expect_rom_never_entered();
}

// AN3155 Go (0x21 0xDE, address, XOR checksum): the stand-in ROM starts the app again.
void rom_go_to_app(Qemu& q) {
    q.write(std::string("\x21\xDE", 2));
    ASSERT_TRUE(q.wait_for(std::string(1, '\x79'), 2s)) << "Go accepted";
    q.write(std::string("\x60\x00\x00\x00\x60", 5));
    ASSERT_TRUE(q.wait_for(std::string(1, '\x79'), 2s)) << "address accepted";
}

TEST_F(AuthEntry, ResponseThatOpenedTheRomIsRefusedWhenReplayed) {
    const Challenge c = ask();
    const std::string recorded = response(c);
    answer(recorded);
    expect_rom_entered();
    rom_go_to_app(q);
    ASSERT_TRUE(q.wait_for("last hand-off: returned-from-rom")) << q.output();
    ASSERT_TRUE(q.wait_for("> "));
    // The eavesdropper's copy, answered to the next challenge and with none pending.
    const Challenge next = ask();
    EXPECT_NE(to_hex(next.nonce), to_hex(c.nonce));
    answer(recorded);
    expect_refused("bad_response");
    answer(recorded);
    expect_refused("no_challenge");
    EXPECT_EQ(q.output().find("ROM-ENTRY"), q.output().rfind("ROM-ENTRY"))
        << "exactly the one authorized ROM entry\n"
        << q.output();
    q.write("exit 7\r");
    EXPECT_EQ(q.wait_exit(10s), 7) << q.output();
}

// The protection policy (Options::allow_rdp_level0 = false in app-rdp1-qemu-an500): the
// emulated board reports no RDP level, which counts as level 0, so entry is refused on
// both paths and `info` shows the verdict check() reports.
TEST(RdpPolicy, LevelZeroRefusesEntryAndCheckReportsIt) {
    Qemu q(an500("app-rdp1-qemu-an500"));
    ASSERT_TRUE(q.connect());
    ASSERT_TRUE(q.wait_for("> ")) << q.output();
    q.write("info\r");
    EXPECT_TRUE(q.wait_for("preflight: verdict=rdp_level0")) << q.output();
    for (const char* cmd : {"bootloader", "bootloader reset"}) {
        q.write(std::string(cmd) + "\r");
        EXPECT_TRUE(q.wait_for("bootloader: refused: rdp_level0")) << q.output();
        EXPECT_TRUE(q.wait_for("> "));
    }
    q.write("exit 5\r");
    EXPECT_EQ(q.wait_exit(10s), 5) << q.output();
    EXPECT_EQ(q.output().find("ROM-ENTRY"), std::string::npos) << q.output();
}

// The default demo build stays unauthenticated and knows no auth command.
TEST(DefaultBuild, HasNoAuthentication) {
    Qemu q(an500("app-qemu-an500"));
    ASSERT_TRUE(q.connect());
    ASSERT_TRUE(q.wait_for("> ")) << q.output();
    q.write("auth-response 00\r");
    EXPECT_TRUE(q.wait_for("unknown command: auth-response 00")) << q.output();
    q.write("bootloader\r");
    EXPECT_TRUE(q.wait_for("ROM-ENTRY fail=0x00000000 ")) << q.output();
    EXPECT_EQ(q.output().find("auth-challenge"), std::string::npos);
}

}  // namespace
}  // namespace sysboot::emu
