#pragma once
// C++ names for the authorized-entry API (auth.h): same types, same functions.
#include <cstddef>
#include <cstdint>

#include "sysboot/auth.h"

namespace sysboot::auth {

using Config = sysboot_auth_config_t;
using Session = sysboot_auth_session_t;
using CounterNonce = sysboot_counter_nonce_t;

enum class [[nodiscard]] Status : std::uint8_t{
    ok = SYSBOOT_AUTH_OK,
    no_challenge = SYSBOOT_AUTH_NO_CHALLENGE,
    bad_response = SYSBOOT_AUTH_BAD_RESPONSE,
    no_key = SYSBOOT_AUTH_NO_KEY,
    nonce_failed = SYSBOOT_AUTH_NONCE_FAILED,
    bad_argument = SYSBOOT_AUTH_BAD_ARGUMENT,
};

inline constexpr std::size_t kChallengeSize = SYSBOOT_AUTH_CHALLENGE_SIZE;
inline constexpr std::size_t kResponseSize = SYSBOOT_AUTH_RESPONSE_SIZE;

inline Status issue(Session& s, const Config& c, const char* purpose,
                    std::uint8_t (&challenge)[kChallengeSize]) {
    return static_cast<Status>(sysboot_auth_issue(&s, &c, purpose, challenge));
}
inline Status verify(Session& s, const Config& c, const std::uint8_t* response, std::size_t size) {
    return static_cast<Status>(sysboot_auth_verify(&s, &c, response, size));
}
inline const char* to_string(Status s) {
    return sysboot_auth_status_name(static_cast<sysboot_auth_status_t>(s));
}

}  // namespace sysboot::auth
