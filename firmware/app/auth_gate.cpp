#include "auth_gate.hpp"

#include "auth_board.hpp"
#include "out.hpp"

namespace app {

namespace {

void put_hex_bytes(const std::uint8_t* p, std::size_t n) {
    char pair[3] = {0, 0, 0};
    for (std::size_t i = 0; i < n; ++i) {
        pair[0] = "0123456789abcdef"[p[i] >> 4];
        pair[1] = "0123456789abcdef"[p[i] & 0xFu];
        put(pair);
    }
}

}  // namespace

AuthGate::AuthGate(const std::uint8_t* key, std::size_t key_size) {
    const board::AuthSource src = board::auth_source();
    config_.key = key;
    config_.key_size = key_size;
    config_.uid = src.uid;
    config_.uid_size = src.uid_size;
    config_.nonce = src.nonce;
    config_.nonce_ctx = src.nonce_ctx;
    sysboot_auth_init(&session_);
}

void AuthGate::challenge(console::Kind command, const char* purpose) {
    std::uint8_t nonce[SYSBOOT_AUTH_CHALLENGE_SIZE];
    const sysboot_auth_status_t s = sysboot_auth_issue(&session_, &config_, purpose, nonce);
    if (s != SYSBOOT_AUTH_OK) {
        command_ = console::Kind::empty;
        put("auth: refused: ");
        put_line(sysboot_auth_status_name(s));
        return;
    }
    command_ = command;
    put("auth-challenge nonce=");
    put_hex_bytes(nonce, sizeof nonce);
    put(" uid=");
    put_hex_bytes(config_.uid, config_.uid_size);
    put(" purpose=");
    put_line(purpose);
}

console::Kind AuthGate::respond(const console::Command& response) {
    const console::Kind command = command_;
    command_ = console::Kind::empty;
    // A malformed answer (size 0) still uses the challenge up: one attempt per challenge.
    const sysboot_auth_status_t s =
        sysboot_auth_verify(&session_, &config_, response.response, response.response_size);
    if (s != SYSBOOT_AUTH_OK) {
        put("auth: refused: ");
        put_line(sysboot_auth_status_name(s));
        return console::Kind::empty;
    }
    put_line("auth: ok");
    return command;
}

void AuthGate::cancel() {
    command_ = console::Kind::empty;
    sysboot_auth_cancel(&session_);
}

}  // namespace app
