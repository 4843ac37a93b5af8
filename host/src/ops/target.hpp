// What the ops layer (plan, flash, verify, read, vector check) needs from a ROM bootloader,
// whatever carries it: AN3155 over a USART (an3155/an3155_target.hpp) or AN3156 DfuSe over
// USB (dfu/dfuse_target.hpp). The ops decide what to erase, write and compare; a Target only
// moves bytes and says which of its operations the ROM offers.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "core/error.hpp"
#include "device/part.hpp"

namespace sysboot::host {

enum class Capability { Read, Write, Erase, Checksum };

class Target {
  public:
    virtual ~Target() = default;

    [[nodiscard]] virtual bool has(Capability c) const = 0;
    // The error for a missing capability, in the protocol's words (which command is absent).
    [[nodiscard]] virtual Error missing(Capability c, Phase phase) const = 0;
    // Largest span one read() / write() takes; the ops cut ranges into pieces of this size.
    [[nodiscard]] virtual uint32_t max_read() const = 0;
    [[nodiscard]] virtual uint32_t max_write() const = 0;
    // True when a failed write can leave the block programmed with only its answer lost
    // (AN3155: a lost ACK), so the ops read it back and retry. A DfuSe DNLOAD is executed
    // and reported through GETSTATUS (AN3156), so a failure there is final.
    [[nodiscard]] virtual bool recovers_writes() const = 0;

    [[nodiscard]] virtual Status read(uint32_t address, std::span<uint8_t> out) = 0;
    // `address` and the length are multiples of the part's write alignment.
    [[nodiscard]] virtual Status write(uint32_t address, std::span<const uint8_t> data) = 0;
    [[nodiscard]] virtual Status erase_sector(const Part& part, uint16_t sector) = 0;
    [[nodiscard]] virtual Status mass_erase(const Part& part) = 0;
    // CRC-32 of [address, address + length) (AN3155 Get Checksum); only with Checksum.
    [[nodiscard]] virtual Result<uint32_t> checksum(uint32_t address, uint32_t length) = 0;
    // Back to a state where the next command is understood, after a failed exchange.
    [[nodiscard]] virtual Status resync() = 0;
    // Start the code whose vector table is at `address` (AN3155 Go; DfuSe leave).
    [[nodiscard]] virtual Status start(uint32_t address) = 0;
};

}  // namespace sysboot::host
