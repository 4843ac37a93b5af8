// What `flash`, `verify`, `erase` and `read` do with a ROM reached through a Target (AN3155
// USART or AN3156 USB DFU, ops/target.hpp): plan the blocks and
// sectors an image needs, erase only those sectors, write 256-byte blocks (skipping blank
// ones), verify by CRC or readback, and resume a broken transfer.
#pragma once

#include <array>
#include <atomic>
#include <bitset>
#include <cstdint>
#include <functional>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "device/part.hpp"
#include "image/image.hpp"
#include "ops/progress.hpp"
#include "ops/target.hpp"

namespace sysboot::host {

enum class VerifyMode { Auto, Crc, Readback, None };
[[nodiscard]] const char* to_string(VerifyMode mode);

inline constexpr uint32_t kBlockSize = 256;  // AN3155 Write Memory maximum

// One 256-byte-aligned block of the image; bytes the image does not define are 0xFF.
struct Block {
    uint32_t address = 0;
    std::array<uint8_t, kBlockSize> bytes{};
    std::bitset<kBlockSize> defined;
    uint32_t first = 0;  // write range [first, last) inside the block, part.write_align-aligned
    uint32_t last = 0;

    [[nodiscard]] std::span<const uint8_t> payload() const {
        return std::span<const uint8_t>(bytes.data() + first, last - first);
    }
    [[nodiscard]] uint32_t payload_address() const { return address + first; }
    // Nothing to program after an erase: every byte of the write range is 0xFF.
    [[nodiscard]] bool blank() const;
};

struct FlashPlan {
    std::map<uint32_t, Block> blocks;  // by block address
    std::vector<uint16_t> sectors;     // every sector the image touches
    std::size_t image_bytes = 0;

    // Expected content once flashed: image bytes, 0xFF elsewhere (touched sectors are erased).
    [[nodiscard]] std::vector<uint8_t> expected(uint32_t address, uint32_t length) const;
    [[nodiscard]] bool defined(uint32_t address) const;
};

// Refuses (Phase::Plan, exit 2) an image that leaves the part's flash; no device access.
// Every write starts and ends on the part's write alignment (AN2606 "Programming
// constraints": 8 bytes on STM32F7), padded with 0xFF inside the block.
[[nodiscard]] Result<FlashPlan> make_plan(const Image& image, const Part& part);

struct Session {
    Target& target;
    const Part& part;
    Progress& progress;
    const std::atomic<bool>* stop = nullptr;  // set: stop after the current block
};

struct FlashOptions {
    VerifyMode verify = VerifyMode::Auto;
    bool resume = false;
    int retries = 3;  // per block, after a NACK / timeout / garbage (Target::recovers_writes)
    // Called once, right before the first command that changes the device.
    std::function<void()> before_change;
};

struct FlashReport {
    std::vector<uint16_t> erased;
    std::vector<uint16_t> kept;  // --resume: sectors not erased again
    uint64_t bytes_written = 0;
    std::size_t blocks_written = 0;
    std::size_t blocks_blank = 0;    // all 0xFF: not sent
    std::size_t blocks_present = 0;  // --resume: already in flash
    std::size_t recoveries = 0;      // blocks that needed a retry
    VerifyMode verified_with = VerifyMode::None;
    uint64_t bytes_verified = 0;
};

struct VerifyReport {
    VerifyMode mode = VerifyMode::None;
    uint64_t bytes = 0;
};

[[nodiscard]] VerifyMode resolve_verify(VerifyMode requested, const Target& target);

[[nodiscard]] Result<FlashReport> flash(Session& session, const FlashPlan& plan,
                                        const FlashOptions& options);
// `after_erase`: bytes between image data inside a word are known to be 0xFF (after
// flash); otherwise only the image's own bytes are compared.
[[nodiscard]] Result<VerifyReport> verify(Session& session, const FlashPlan& plan, VerifyMode mode,
                                          bool after_erase);
[[nodiscard]] Status erase_sectors(Session& session, std::span<const uint16_t> sectors);
// Before anything is changed: the ROM must accept a read at `address`, or the address is
// not memory on this device (a wrong --flash-base, another part). A ROM that cannot read
// cannot be asked, and passes.
[[nodiscard]] Status probe_flash(Target& target, const Part& part, uint32_t address);
[[nodiscard]] Status read_range(Target& target, Progress& progress, uint32_t address,
                                std::span<uint8_t> out);
// Read Memory has no checksum (AN3155 "Read Memory command"): where a readback decides
// something (recovery, a verify mismatch), read until two reads agree.
[[nodiscard]] Status read_stable(Target& target, uint32_t address, std::span<uint8_t> out);
[[nodiscard]] bool all_ff(std::span<const uint8_t> bytes);
// The error for a stop request (Ctrl-C) seen between two steps of `what`.
[[nodiscard]] bool stop_requested(const Session& session);
[[nodiscard]] Error interrupted(const std::string& what, std::optional<uint32_t> address);

}  // namespace sysboot::host
