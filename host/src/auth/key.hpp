// The authorized-entry key on the host (`--key FILE`): hex text, 16 to 64 bytes, in a file
// only its owner may read or write. The bytes never leave this object except into the HMAC:
// nothing prints them, and the memory is wiped when the key goes away (docs/security.md).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace sysboot::host::auth {

class Key {
  public:
    Key(Key&& other) noexcept;
    Key& operator=(Key&& other) noexcept;
    Key(const Key&) = delete;
    Key& operator=(const Key&) = delete;
    ~Key();

    // For HMAC only.
    [[nodiscard]] const std::vector<uint8_t>& bytes() const { return bytes_; }
    // Safe to print: where the key came from and its size, never its content.
    [[nodiscard]] std::string describe() const;

  private:
    friend Result<Key> load_key(const std::string& path);
    Key(std::vector<uint8_t> bytes, std::string origin);
    void wipe();

    std::vector<uint8_t> bytes_;
    std::string origin_;
};

// Refuses (Phase::Usage, exit code 1) a missing or non-regular file, a file that group or
// others may read or write, and content that is not 16-64 bytes of hex text.
[[nodiscard]] Result<Key> load_key(const std::string& path);

// Parses the key text (whitespace allowed between digits); exposed for tests.
[[nodiscard]] Result<std::vector<uint8_t>> parse_key_text(const std::string& text);

}  // namespace sysboot::host::auth
