// What `--key FILE` adds to the CLI's enter step, in one object so the command-line code only
// makes two calls: from_option() before the enter command is sent (a bad or exposed key file
// stops the run before any byte reaches the device), answer() right after the enter command
// was written to the application's console.
#pragma once

#include <optional>
#include <string>

#include "auth/challenge.hpp"
#include "auth/key.hpp"

namespace sysboot::host::auth {

// How long to wait for each console line of the exchange (challenge, verdict).
inline constexpr Millis kLineTimeout{2000};

class EnterAuth {
  public:
    // An empty `key_file` (no --key) gives an EnterAuth that does nothing.
    [[nodiscard]] static Result<EnterAuth> from_option(const std::string& key_file);
    [[nodiscard]] bool enabled() const { return key_.has_value(); }
    [[nodiscard]] Status answer(Transport& console, Clock& clock, const Trace& trace) const;

  private:
    std::optional<Key> key_;
};

}  // namespace sysboot::host::auth
