// Host-side AN3155 frames for the engine tests: a command pair, an address with its XOR
// (AN3155 "Read Memory command" et al.), and a helper to join frames.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <vector>

#include "sysboot/an3155/protocol.hpp"

namespace sysboot::test {

using Bytes = std::vector<uint8_t>;

inline Bytes addr(uint32_t a) {
    Bytes b{static_cast<uint8_t>(a >> 24), static_cast<uint8_t>(a >> 16),
            static_cast<uint8_t>(a >> 8), static_cast<uint8_t>(a)};
    b.push_back(static_cast<uint8_t>(b[0] ^ b[1] ^ b[2] ^ b[3]));
    return b;
}

inline Bytes cmd(an3155::Command c) {
    return {an3155::code(c), static_cast<uint8_t>(an3155::code(c) ^ 0xFF)};
}

inline Bytes cat(std::initializer_list<Bytes> parts) {
    Bytes out;
    for (const auto& p : parts) {
        out.insert(out.end(), p.begin(), p.end());
    }
    return out;
}

}  // namespace sysboot::test
