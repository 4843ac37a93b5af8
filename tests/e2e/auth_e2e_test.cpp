// The host tool against the authenticated example app on the emulator (ctest label e2e):
// `sysboot --key FILE flash --enter` answers the app's challenge and updates it; a wrong key,
// no key or an exposed key file leaves the app running and the ROM never entered.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <cstdio>
#include <fstream>

#include "qemu_runner.hpp"
#include "tool_runner.hpp"

#ifndef SYSBOOT_TOOL
#error "SYSBOOT_TOOL must name the sysboot host tool"
#endif
#ifndef SYSBOOT_TEST_KEY_FILE
#error "SYSBOOT_TEST_KEY_FILE must name the test key"
#endif

namespace sysboot::emu {
namespace {

std::string key_hex() {
    std::ifstream f(SYSBOOT_TEST_KEY_FILE);
    std::string hex;
    f >> hex;
    return hex;
}

// A copy of a key in a file of the given mode (the checked-in file is world-readable).
std::string key_file(const std::string& name, const std::string& hex, mode_t mode = 0600) {
    const std::string path = ::testing::TempDir() + name;
    std::remove(path.c_str());
    std::ofstream(path) << hex << "\n";
    ::chmod(path.c_str(), mode);
    return path;
}

class AuthE2E : public ::testing::Test {
  protected:
    void SetUp() override {
        ASSERT_TRUE(q.connect());
        ASSERT_TRUE(q.wait_for("sysboot-app v1")) << q.output();
        ASSERT_TRUE(q.wait_for("> "));
        q.relay_start();
    }
    std::string port() const {
        return "--port unix:" + q.relay_socket() + " --flash-base 0x60000000";
    }
    std::string flash_v2(const std::string& key_args) {
        return port() + " " + key_args + " flash --enter " +
               image_path("app-auth-v2-qemu-an500", ".elf");
    }
    // The tool failed; the app still runs (it ends the run when asked) and the ROM never ran.
    void expect_app_still_running() {
        q.relay_stop();
        q.write("\rexit 9\r");
        EXPECT_EQ(q.wait_exit(10s), 9) << q.output();
        EXPECT_EQ(q.output().find("ROM-ENTRY"), std::string::npos) << q.output();
    }
    Qemu q{an500("app-auth-qemu-an500")};
};

TEST_F(AuthE2E, RightKeyUpdatesTheAppAndIsNeverPrinted) {
    const std::string key = key_file("right.key", key_hex());
    const Tool t = run_tool(flash_v2("--verbose --key " + key));
    EXPECT_EQ(t.exit_code, 0) << t.out;
    EXPECT_NE(t.out.find("the application accepted the response"), std::string::npos) << t.out;
    const std::string hex = key_hex();
    for (std::size_t at = 0; at + 8 <= hex.size(); at += 8) {
        EXPECT_EQ(t.out.find(hex.substr(at, 8)), std::string::npos) << "key bytes in the log";
    }
    const auto end = std::chrono::steady_clock::now() + 10s;
    while (q.output().find("sysboot-app v2") == std::string::npos &&
           std::chrono::steady_clock::now() < end) {
        std::this_thread::sleep_for(20ms);
    }
    q.relay_stop();
    EXPECT_TRUE(q.wait_for("sysboot-app v2 board=qemu-an500", 0ms)) << q.output();
    EXPECT_EQ(q.output().find("ROM-ENTRY fail=0x00000000"), q.output().rfind("ROM-ENTRY"));
}

TEST_F(AuthE2E, WrongKeyIsRefusedWithExit7) {
    std::string wrong = key_hex();
    wrong[0] = wrong[0] == 'f' ? 'e' : 'f';
    const Tool t = run_tool(flash_v2("--key " + key_file("wrong.key", wrong)));
    EXPECT_EQ(t.exit_code, 7) << t.out;
    EXPECT_NE(t.out.find("refused the response: bad_response"), std::string::npos) << t.out;
    expect_app_still_running();
}

TEST_F(AuthE2E, NoKeyNeverReachesTheRom) {
    const Tool t = run_tool(flash_v2(""));
    EXPECT_EQ(t.exit_code, 4) << t.out;
    expect_app_still_running();
}

TEST_F(AuthE2E, ExposedKeyFileIsRefusedBeforeTheAppHearsAnything) {
    const std::size_t mark = q.bytes_to_target();
    const Tool t = run_tool(flash_v2("--key " + key_file("exposed.key", key_hex(), 0644)));
    EXPECT_EQ(t.exit_code, 1) << t.out;
    EXPECT_NE(t.out.find("chmod 600"), std::string::npos) << t.out;
    EXPECT_EQ(q.bytes_to_target(), mark) << "no byte was sent to the application";
    expect_app_still_running();
}

}  // namespace
}  // namespace sysboot::emu
