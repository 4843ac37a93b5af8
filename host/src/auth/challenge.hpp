// The console side of authorized entry on the host: find the application's challenge line,
// answer it with HMAC-SHA256(key, nonce || uid || purpose) and read the verdict. The line
// formats are the example console's (firmware/app/auth_gate.hpp, docs/security.md).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "auth/key.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "transport/transport.hpp"

namespace sysboot::host::auth {

struct Challenge {
    std::vector<uint8_t> nonce;
    std::vector<uint8_t> uid;
    std::string purpose;
};

// "auth-challenge nonce=<hex> uid=<hex> purpose=<text>" (leading text allowed, e.g. an echo),
// or nullopt when the line is not a well-formed challenge.
[[nodiscard]] std::optional<Challenge> parse_challenge(const std::string& line);

// The line the host sends: "auth-response <64 hex>\r\n".
[[nodiscard]] std::string response_line(const Key& key, const Challenge& challenge);

using Trace = std::function<void(const std::string&)>;

// After the enter command was written to `console`: waits (at most `timeout` for each line)
// for the challenge, answers it, and returns once the application says "auth: ok". An
// application that enters without asking ("bootloader: entering ...") is accepted as is.
// Refusals are Phase::Enter errors: Cause::Refused (exit 7) for an application that refuses,
// Cause::Timeout (exit 4) when no challenge or verdict comes.
[[nodiscard]] Status answer_challenge(Transport& console, const Key& key, Clock& clock,
                                      Millis timeout, const Trace& trace);

}  // namespace sysboot::host::auth
