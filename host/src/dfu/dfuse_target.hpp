// The DfuSe client (AN3156) as an ops Target: reads are UPLOADs from whichever alternate
// setting's memory holds the range, writes are DNLOAD blocks of wTransferSize into the
// "Internal Flash" alternate, erases are the 0x41 command per sector, start is a leave.
// There is no checksum command in DfuSe, so verification is by readback.
#pragma once

#include <vector>

#include "dfu/dfuse_client.hpp"
#include "dfu/program.hpp"
#include "dfu/usb_device.hpp"
#include "ops/target.hpp"

namespace sysboot::host::dfu {

class DfuseTarget final : public Target {
  public:
    // `flash` is the memory found by find_memory(info, "Internal Flash"), already selected.
    DfuseTarget(DfuseClient& client, const DeviceInfo& info, const Memory& flash);

    [[nodiscard]] bool has(Capability c) const override { return c != Capability::Checksum; }
    [[nodiscard]] Error missing(Capability c, Phase phase) const override;
    // A read is cut into pieces this size only for progress and Ctrl-C; the client itself
    // moves wTransferSize per UPLOAD.
    [[nodiscard]] uint32_t max_read() const override { return 16u * client_.transfer_size(); }
    [[nodiscard]] uint32_t max_write() const override { return client_.transfer_size(); }
    [[nodiscard]] bool recovers_writes() const override { return false; }

    [[nodiscard]] Status read(uint32_t address, std::span<uint8_t> out) override;
    [[nodiscard]] Status write(uint32_t address, std::span<const uint8_t> data) override;
    [[nodiscard]] Status erase_sector(const Part& part, uint16_t sector) override;
    [[nodiscard]] Status mass_erase(const Part& part) override;
    [[nodiscard]] Result<uint32_t> checksum(uint32_t address, uint32_t length) override;
    [[nodiscard]] Status resync() override { return client_.to_idle(Phase::Sync); }
    [[nodiscard]] Status start(uint32_t address) override;

  private:
    // Selects the alternate whose memory holds [address, address + length) with `bits`.
    Status select_for(uint32_t address, uint32_t length, uint8_t bits, Phase phase);
    Status select_flash();

    DfuseClient& client_;
    std::vector<Memory> memories_;  // every alternate whose string parses
    uint8_t flash_alternate_;
    uint8_t selected_;
};

}  // namespace sysboot::host::dfu
