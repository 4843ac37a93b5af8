// libFuzzer target: the example console's input side (firmware/app/console.cpp line reader
// and parser) in front of its challenge-response gate (firmware/app/auth_gate.cpp), built for
// the host with a fake board. Byte 0x01 in the input (a control byte the console ignores)
// makes the harness type the correct answer to the latest challenge, so the accepting path is
// reached too; byte 0x02 types the last answer it typed again (a replay). Oracle: a command runs
// only when the line before it was that correct answer to a challenge nothing else has touched
// since (the rules in auth_gate.hpp), and the parser never returns a response it did not read as
// whole hex bytes.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>

#include "app/auth_board.hpp"
#include "auth_gate.hpp"
#include "board.hpp"
#include "console.hpp"

namespace {

std::string g_out;  // what the console printed
sysboot_nonce_counter_t g_counter;
sysboot_counter_nonce_t g_nonce = {&g_counter, nullptr, 0, nullptr, 0, nullptr};
const std::uint8_t kUid[12] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
const std::uint8_t kKey[32] = {0x42, 1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11, 12, 13, 14, 15,
                               16,   17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31};

int from_hex(char c) {
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

struct Pending {
    bool open = false;
    std::uint8_t nonce[SYSBOOT_AUTH_CHALLENGE_SIZE] = {};
    std::string purpose;
    app::console::Kind command = app::console::Kind::empty;
};

// The latest challenge line printed since `from`, if any.
bool read_challenge(std::size_t from, Pending& p) {
    const auto at = g_out.find("auth-challenge nonce=", from);
    if (at == std::string::npos) {
        return false;
    }
    const char* h = g_out.c_str() + at + 21;
    for (std::size_t i = 0; i < SYSBOOT_AUTH_CHALLENGE_SIZE; ++i) {
        p.nonce[i] = static_cast<std::uint8_t>(from_hex(h[2 * i]) << 4 | from_hex(h[2 * i + 1]));
    }
    const auto purpose = g_out.find(" purpose=", at);
    const auto end = g_out.find('\r', purpose);
    p.purpose = g_out.substr(purpose + 9, end - purpose - 9);
    p.open = true;
    return true;
}

std::string correct_answer(const Pending& p) {
    std::uint8_t mac[SYSBOOT_AUTH_RESPONSE_SIZE];
    sysboot_auth_response(kKey, sizeof kKey, p.nonce, kUid, sizeof kUid, p.purpose.data(),
                          p.purpose.size(), mac);
    std::string line = "auth-response ";
    for (auto b : mac) {
        line += "0123456789abcdef"[b >> 4];
        line += "0123456789abcdef"[b & 15];
    }
    return line + "\r";
}

void check_parse(const app::console::Command& c, const char* line) {
    if (std::strlen(line) > app::console::kMaxLine || c.response_size > sizeof c.response) {
        std::abort();
    }
    if (c.kind == app::console::Kind::auth_response && c.response_size != 0 &&
        std::strlen(line) != 14 + 2 * c.response_size) {
        std::abort();  // a response must be read from the whole argument
    }
}

}  // namespace

namespace board {
void console_put(std::uint8_t byte) {
    if (g_out.size() < (1u << 20)) {
        g_out += static_cast<char>(byte);
    }
}
AuthSource auth_source() {
    g_nonce.uid = kUid;
    g_nonce.uid_size = sizeof kUid;
    return {kUid, sizeof kUid, sysboot_counter_nonce, &g_nonce};
}
}  // namespace board

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using app::console::Kind;
    g_out.clear();
    app::AuthGate gate(kKey, sizeof kKey);
    app::console::LineReader reader;
    Pending pending;
    bool typed_answer = false;  // the line being read is the harness's correct answer
    std::string last_answer;
    std::string input(reinterpret_cast<const char*>(data), size);
    for (std::size_t i = 0; i < input.size(); ++i) {
        if (input[i] == '\x01' && pending.open && input.size() < 100000) {
            last_answer = correct_answer(pending);
            input.insert(i + 1, last_answer);
            typed_answer = true;
            continue;
        }
        if (input[i] == '\x02' && input.size() < 100000) {
            input.insert(i + 1, last_answer);  // typed_answer stays as it was: a replay
            continue;
        }
        const auto ev = reader.feed(static_cast<unsigned char>(input[i]));
        if (ev == app::console::LineReader::Event::overflow) {
            gate.cancel();
            pending.open = false;
            typed_answer = false;
        }
        if (ev != app::console::LineReader::Event::line) {
            continue;
        }
        const auto cmd = app::console::parse(reader.line());
        check_parse(cmd, reader.line());
        const std::size_t mark = g_out.size();
        const bool expect_accept = pending.open && typed_answer &&
                                   std::string(reader.line()) + "\r" == correct_answer(pending);
        const Kind expected_command = pending.command;
        pending.open = false;
        typed_answer = false;
        if (cmd.kind == Kind::auth_response) {
            const Kind granted = gate.respond(cmd);
            const bool said_ok = g_out.find("auth: ok", mark) != std::string::npos;
            if ((granted != Kind::empty) != expect_accept || said_ok != expect_accept ||
                (expect_accept && granted != expected_command)) {
                std::abort();  // entry granted without the right answer, or refused with it
            }
        } else if (cmd.kind == Kind::bootloader || cmd.kind == Kind::bootloader_reset) {
            gate.challenge(cmd.kind, reader.line());
            if (read_challenge(mark, pending)) {
                pending.command = cmd.kind;
            }
        } else {
            gate.cancel();
        }
    }
    return 0;
}
