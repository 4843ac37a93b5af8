#pragma once
// Challenge-response in front of the console commands that enter the ROM (docs/security.md).
//   device: "auth-challenge nonce=<32 hex> uid=<hex> purpose=<command>"
//   host:   "auth-response <64 hex>" = HMAC-SHA256(key, nonce || uid || purpose)
// Only a correct answer to the latest challenge runs the command; a challenge is dropped at
// the first answer, at any other input, and by a reset.
#include <cstddef>
#include <cstdint>

#include "console.hpp"
#include "sysboot/auth.h"

namespace app {

class AuthGate {
  public:
    AuthGate(const std::uint8_t* key, std::size_t key_size);
    // Issues and prints a challenge for `command` (its console text is the purpose).
    void challenge(console::Kind command, const char* purpose);
    // The command a response authorizes, or Kind::empty when refused (the reason printed).
    console::Kind respond(const console::Command& response);
    void cancel();
    bool pending() const { return session_.pending; }

  private:
    sysboot_auth_session_t session_{};
    sysboot_auth_config_t config_{};
    console::Kind command_ = console::Kind::empty;
};

}  // namespace app
