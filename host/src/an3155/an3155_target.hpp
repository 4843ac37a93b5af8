// The AN3155 USART client as an ops Target: Read Memory (0x11), Write Memory (0x31), Extended
// Erase (0x44), Get Checksum (0xA1) and Go (0x21), each offered only when Get listed it.
#pragma once

#include "an3155/client.hpp"
#include "ops/target.hpp"

namespace sysboot::host {

class An3155Target final : public Target {
  public:
    An3155Target(an3155::Client& client, const an3155::BootloaderInfo& info)
        : client_(client), info_(info) {}

    [[nodiscard]] bool has(Capability c) const override;
    [[nodiscard]] Error missing(Capability c, Phase phase) const override;
    // AN3155 §3.4 and §3.6: at most 256 bytes per Read Memory and per Write Memory.
    [[nodiscard]] uint32_t max_read() const override { return 256; }
    [[nodiscard]] uint32_t max_write() const override { return 256; }
    [[nodiscard]] bool recovers_writes() const override { return true; }

    [[nodiscard]] Status read(uint32_t address, std::span<uint8_t> out) override;
    [[nodiscard]] Status write(uint32_t address, std::span<const uint8_t> data) override;
    [[nodiscard]] Status erase_sector(const Part& part, uint16_t sector) override;
    [[nodiscard]] Status mass_erase(const Part& part) override;
    [[nodiscard]] Result<uint32_t> checksum(uint32_t address, uint32_t length) override;
    [[nodiscard]] Status resync() override { return client_.resync(); }
    [[nodiscard]] Status start(uint32_t address) override { return client_.go(address); }

  private:
    an3155::Client& client_;
    const an3155::BootloaderInfo& info_;
};

}  // namespace sysboot::host
