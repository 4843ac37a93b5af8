#include "ops/flash.hpp"

#include <fmt/format.h>
#include <algorithm>

#include "sysboot/an3155/layout.hpp"

namespace sysboot::host {

using an3155::Command;
using an3155::Crc32;

const char* to_string(VerifyMode mode) {
    switch (mode) {
        case VerifyMode::Auto:
            return "auto";
        case VerifyMode::Crc:
            return "crc";
        case VerifyMode::Readback:
            return "readback";
        case VerifyMode::None:
            return "none";
    }
    return "?";
}

bool Block::blank() const {
    for (uint32_t i = first; i < last; ++i) {
        if (bytes[i] != 0xFF) {
            return false;
        }
    }
    return true;
}

std::vector<uint8_t> FlashPlan::expected(uint32_t address, uint32_t length) const {
    std::vector<uint8_t> out(length, 0xFF);
    const uint64_t end = uint64_t{address} + length;
    for (auto it = blocks.lower_bound(address & ~(kBlockSize - 1));
         it != blocks.end() && it->first < end; ++it) {
        const Block& b = it->second;
        for (uint32_t i = 0; i < kBlockSize; ++i) {
            const uint64_t a = uint64_t{b.address} + i;
            if (a >= address && a < end) {
                out[a - address] = b.bytes[i];
            }
        }
    }
    return out;
}

bool FlashPlan::defined(uint32_t address) const {
    const auto it = blocks.find(address & ~(kBlockSize - 1));
    return it != blocks.end() && it->second.defined.test(address - it->first);
}

Result<FlashPlan> make_plan(const Image& image, const Part& part) {
    FlashPlan plan;
    for (const auto& seg : image.segments) {
        if (!part.contains(seg.address, seg.data.size())) {
            return make_error(
                Phase::Plan, Cause::Invalid,
                fmt::format("{}: data at 0x{:08X}..0x{:08X} is outside the flash of {} "
                            "(0x{:08X}..0x{:08X}); nothing was sent to the device",
                            image.name, seg.address, seg.end() - 1, part.name, part.flash_base,
                            part.flash_end() - 1),
                seg.address);
        }
        for (std::size_t i = 0; i < seg.data.size(); ++i) {
            const auto a = static_cast<uint32_t>(seg.address + i);
            const uint32_t base = a & ~(kBlockSize - 1);
            auto [it, inserted] = plan.blocks.try_emplace(base);
            if (inserted) {
                it->second.address = base;
                it->second.bytes.fill(0xFF);
            }
            it->second.bytes[a - base] = seg.data[i];
            it->second.defined.set(a - base);
        }
        plan.image_bytes += seg.data.size();
        for (uint16_t s : part.sectors_touched(seg.address, seg.data.size())) {
            if (std::find(plan.sectors.begin(), plan.sectors.end(), s) == plan.sectors.end()) {
                plan.sectors.push_back(s);
            }
        }
    }
    std::sort(plan.sectors.begin(), plan.sectors.end());
    for (auto& [addr, b] : plan.blocks) {
        uint32_t lo = kBlockSize;
        uint32_t hi = 0;
        for (uint32_t i = 0; i < kBlockSize; ++i) {
            if (b.defined.test(i)) {
                lo = std::min(lo, i);
                hi = i + 1;
            }
        }
        // Write Memory wants a multiple of 4 bytes (AN3155 §3.6) from an 8-aligned address on
        // STM32F7 (AN2606 "Programming constraints").
        b.first = lo & ~(an3155::kF7WriteAlign - 1);
        b.last = (hi + 3u) & ~3u;
    }
    if (plan.blocks.empty()) {
        return make_error(Phase::Plan, Cause::Invalid, image.name + ": no data to program");
    }
    return plan;
}

VerifyMode resolve_verify(VerifyMode requested, const an3155::BootloaderInfo& info) {
    if (requested == VerifyMode::Auto) {
        return info.has(Command::GetChecksum) ? VerifyMode::Crc : VerifyMode::Readback;
    }
    return requested;
}

Status read_range(an3155::Client& client, Progress& progress, uint32_t address,
                  std::span<uint8_t> out) {
    std::size_t done = 0;
    while (done < out.size()) {
        const std::size_t n = std::min<std::size_t>(kBlockSize, out.size() - done);
        if (auto s =
                client.read_memory(static_cast<uint32_t>(address + done), out.subspan(done, n));
            !s) {
            return s;
        }
        done += n;
        progress.advance(n);
    }
    return {};
}

Status erase_sectors(Session& session, std::span<const uint16_t> sectors) {
    if (!session.info.has(Command::ExtendedErase)) {
        return make_error(Phase::Erase, Cause::Unsupported,
                          session.info.has(Command::Erase)
                              ? "this ROM only has the legacy Erase (0x43), which F7 parts do "
                                "not use"
                              : "the ROM does not list Extended Erase (0x44)");
    }
    uint64_t total = 0;
    for (uint16_t s : sectors) {
        total += session.part.sectors.size_of(s);
    }
    session.progress.begin("erase", total);
    // One sector per command: progress per sector, and each gets its own time budget.
    for (uint16_t s : sectors) {
        const uint16_t one[] = {s};
        if (auto st = session.client.extended_erase(one); !st) {
            session.progress.end();
            Error e = st.error();
            e.address = session.part.sector_address(s);
            e.detail = fmt::format("sector {}: {}", s, e.detail);
            return e;
        }
        session.progress.advance(session.part.sectors.size_of(s));
    }
    session.progress.end();
    return {};
}

namespace {

// Read Memory has no checksum (AN3155 §3.4): line noise in the data goes unnoticed. Where a
// readback decides something (recovery, a verify mismatch), read until two reads agree.
Status read_stable(an3155::Client& client, uint32_t address, std::span<uint8_t> out) {
    std::vector<uint8_t> previous(out.size());
    if (auto s = client.read_memory(address, previous); !s) {
        return s;
    }
    for (int i = 0; i < 3; ++i) {
        if (auto s = client.read_memory(address, out); !s) {
            return s;
        }
        if (std::equal(out.begin(), out.end(), previous.begin())) {
            return {};
        }
        std::copy(out.begin(), out.end(), previous.begin());
    }
    return make_error(Phase::Read, Cause::BadResponse,
                      "readback differs on every try: a noisy line?", address);
}

bool all_ff(std::span<const uint8_t> bytes) {
    return std::all_of(bytes.begin(), bytes.end(), [](uint8_t b) { return b == 0xFF; });
}

uint32_t crc_of_ff(uint32_t length) {
    Crc32 crc;
    const std::array<uint8_t, 256> ff = [] {
        std::array<uint8_t, 256> a{};
        a.fill(0xFF);
        return a;
    }();
    for (uint32_t done = 0; done < length; done += 256) {
        crc.update(std::span<const uint8_t>(ff.data(), std::min<uint32_t>(256, length - done)));
    }
    return crc.value();
}

// --resume: how much of a sector is already right. Returns the number of leading 256-byte
// blocks that match the plan when everything after them is still erased (the sector can be
// finished without erasing it), the block count when the whole sector matches, or -1 when
// the sector has to be erased again.
Result<int> resume_point(Session& session, const FlashPlan& plan, uint16_t sector) {
    const uint32_t start = session.part.sector_address(sector);
    const uint32_t size = session.part.sectors.size_of(sector);
    const int nblocks = static_cast<int>(size / kBlockSize);
    const auto expected = plan.expected(start, size);
    auto& client = session.client;

    if (session.info.has(Command::GetChecksum)) {
        auto crc = [&](uint32_t off, uint32_t len) {
            return client.get_checksum(start + off, len);
        };
        auto want = [&](uint32_t off, uint32_t len) {
            return Crc32::of(std::span<const uint8_t>(expected).subspan(off, len));
        };
        auto whole = crc(0, size);
        if (!whole) {
            return whole.error();
        }
        if (*whole == want(0, size)) {
            return nblocks;
        }
        // Blocks are written in address order, so the matching part is a prefix.
        int lo = 0;
        int hi = nblocks;
        while (hi - lo > 1) {
            const int mid = (lo + hi) / 2;
            auto r = crc(0, static_cast<uint32_t>(mid) * kBlockSize);
            if (!r) {
                return r.error();
            }
            if (*r == want(0, static_cast<uint32_t>(mid) * kBlockSize)) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        const uint32_t rest_off = static_cast<uint32_t>(lo) * kBlockSize;
        auto rest = crc(rest_off, size - rest_off);
        if (!rest) {
            return rest.error();
        }
        return *rest == crc_of_ff(size - rest_off) ? lo : -1;
    }

    std::array<uint8_t, kBlockSize> buf{};
    int k = nblocks;
    for (int b = 0; b < nblocks; ++b) {
        const uint32_t off = static_cast<uint32_t>(b) * kBlockSize;
        if (auto s = client.read_memory(start + off, buf); !s) {
            return s.error();
        }
        session.progress.advance(kBlockSize);
        if (k == nblocks) {
            if (std::equal(buf.begin(), buf.end(), expected.begin() + off)) {
                continue;
            }
            k = b;
        }
        if (!all_ff(buf)) {
            return -1;
        }
    }
    return k;
}

// Writes one block; after a NACK, a timeout or garbage it re-synchronises, reads the block
// back and either accepts it (the ROM had programmed it, only its ACK was lost), writes it
// again (still erased), or gives up.
Status write_block(Session& session, const Block& block, int retries, std::size_t& recoveries) {
    auto& client = session.client;
    Status last;
    for (int attempt = 0; attempt <= retries; ++attempt) {
        last = client.write_memory(block.payload_address(), block.payload());
        if (last) {
            return last;
        }
        const Cause c = last.error().cause;
        if (c != Cause::Nack && c != Cause::Timeout && c != Cause::BadResponse) {
            return last;
        }
        if (auto s = client.resync(); !s) {
            return last;
        }
        std::vector<uint8_t> now(block.payload().size());
        if (auto s = read_stable(client, block.payload_address(), now); !s) {
            return last;
        }
        ++recoveries;
        if (std::equal(now.begin(), now.end(), block.payload().begin())) {
            return {};
        }
        if (!all_ff(now)) {
            Error e = last.error();
            e.detail += "; the block is now partly programmed: run again with --resume";
            return e;
        }
    }
    Error e = last.error();
    e.detail += fmt::format(" (after {} retries)", retries);
    return e;
}

struct VerifySpan {
    uint32_t address;
    uint32_t length;
    bool crc;
};

Status locate_difference(Session& session, const FlashPlan& plan, uint32_t address, uint32_t length,
                         bool after_erase, const char* how) {
    const auto expected = plan.expected(address, length);
    if (session.info.has(Command::ReadMemory)) {
        std::vector<uint8_t> got(length);
        for (uint32_t off = 0; off < length; off += kBlockSize) {
            const uint32_t n = std::min(kBlockSize, length - off);
            if (auto s = read_stable(session.client, address + off,
                                     std::span<uint8_t>(got.data() + off, n));
                !s) {
                return s;
            }
        }
        std::size_t count = 0;
        std::optional<uint32_t> first;
        for (uint32_t i = 0; i < length; ++i) {
            const uint32_t a = address + i;
            if ((after_erase || plan.defined(a)) && got[i] != expected[i]) {
                ++count;
                if (!first) {
                    first = i;
                }
            }
        }
        if (first) {
            return make_error(
                Phase::Verify, Cause::Mismatch,
                fmt::format("expected 0x{:02X}, read 0x{:02X}; {} byte{} differ "
                            "in 0x{:08X}..0x{:08X} ({})",
                            expected[*first], got[*first], count, count == 1 ? "" : "s", address,
                            address + length - 1, how),
                address + *first);
        }
    }
    return make_error(
        Phase::Verify, Cause::Mismatch,
        fmt::format("CRC differs for 0x{:08X}..0x{:08X} ({})", address, address + length - 1, how),
        address);
}

std::vector<VerifySpan> verify_spans(const FlashPlan& plan, VerifyMode mode, bool after_erase) {
    std::vector<VerifySpan> spans;
    auto add = [&spans](uint32_t address, uint32_t length, bool crc) {
        if (!spans.empty() && spans.back().crc == crc &&
            uint64_t{spans.back().address} + spans.back().length == address) {
            spans.back().length += length;
        } else {
            spans.push_back({address, length, crc});
        }
    };
    for (const auto& [addr, b] : plan.blocks) {
        if (mode == VerifyMode::Readback || after_erase) {
            add(b.payload_address(), b.last - b.first, mode == VerifyMode::Crc);
            continue;
        }
        // CRC without a fresh erase: a word that mixes image bytes with bytes the image
        // does not define is compared by readback, byte by byte.
        for (uint32_t w = b.first; w < b.last; w += 4) {
            bool full = true;
            for (uint32_t i = 0; i < 4; ++i) {
                full = full && b.defined.test(w + i);
            }
            add(addr + w, 4, full);
        }
    }
    return spans;
}

}  // namespace

Result<VerifyReport> verify(Session& session, const FlashPlan& plan, VerifyMode mode,
                            bool after_erase) {
    VerifyReport report;
    report.mode = resolve_verify(mode, session.info);
    if (report.mode == VerifyMode::None) {
        return report;
    }
    if (report.mode == VerifyMode::Crc && !session.info.has(Command::GetChecksum)) {
        return make_error(Phase::Verify, Cause::Unsupported,
                          "--verify crc: the ROM does not list Get Checksum (0xA1); use "
                          "--verify readback");
    }
    if (!session.info.has(Command::ReadMemory)) {
        if (report.mode == VerifyMode::Readback || !after_erase) {
            return make_error(Phase::Verify, Cause::Unsupported,
                              "the ROM does not list Read Memory (0x11)");
        }
    }
    const auto spans = verify_spans(plan, report.mode, after_erase);
    uint64_t total = 0;
    for (const auto& s : spans) {
        total += s.length;
    }
    session.progress.begin("verify", total);
    constexpr uint32_t kCrcChunk = 32 * 1024;
    for (const auto& span : spans) {
        if (span.crc) {
            for (uint32_t off = 0; off < span.length; off += kCrcChunk) {
                const uint32_t a = span.address + off;
                const uint32_t n = std::min(kCrcChunk, span.length - off);
                const uint32_t want = Crc32::of(plan.expected(a, n));
                auto got = session.client.get_checksum(a, n);
                if (got && *got != want) {
                    got = session.client.get_checksum(a, n);  // once more: a noisy answer?
                }
                if (!got) {
                    session.progress.end();
                    Error e = got.error();
                    e.phase = Phase::Verify;
                    return e;
                }
                if (*got != want) {
                    session.progress.end();
                    return locate_difference(session, plan, a, n, true, "Get Checksum").error();
                }
                session.progress.advance(n);
                report.bytes += n;
            }
            continue;
        }
        std::array<uint8_t, kBlockSize> buf{};
        for (uint32_t off = 0; off < span.length; off += kBlockSize) {
            const uint32_t a = span.address + off;
            const uint32_t n = std::min(kBlockSize, span.length - off);
            auto out = std::span<uint8_t>(buf.data(), n);
            if (auto s = session.client.read_memory(a, out); !s) {
                session.progress.end();
                Error e = s.error();
                e.phase = Phase::Verify;
                return e;
            }
            const auto want = plan.expected(a, n);
            auto differs = [&] {
                for (uint32_t i = 0; i < n; ++i) {
                    if ((after_erase || plan.defined(a + i)) && out[i] != want[i]) {
                        return true;
                    }
                }
                return false;
            };
            if (differs()) {
                // Confirm with reads that agree before calling it a mismatch.
                auto s = read_stable(session.client, a, out);
                if (!s || differs()) {
                    session.progress.end();
                    return locate_difference(session, plan, a, n, after_erase, "readback").error();
                }
            }
            session.progress.advance(n);
            report.bytes += n;
        }
    }
    session.progress.end();
    return report;
}

Result<FlashReport> flash(Session& session, const FlashPlan& plan, const FlashOptions& options) {
    FlashReport report;
    const auto& info = session.info;
    if (!info.has(Command::WriteMemory)) {
        return make_error(Phase::Write, Cause::Unsupported,
                          "the ROM does not list Write Memory (0x31)");
    }
    const VerifyMode vmode = resolve_verify(options.verify, info);
    if (vmode == VerifyMode::Crc && !info.has(Command::GetChecksum)) {
        return make_error(Phase::Verify, Cause::Unsupported,
                          "--verify crc: the ROM does not list Get Checksum (0xA1); use "
                          "--verify readback");
    }

    // Which blocks are already in place (--resume) and which sectors need an erase.
    std::map<uint32_t, bool> present;  // block address -> already programmed
    std::vector<uint16_t> to_erase;
    if (options.resume) {
        if (!info.has(Command::GetChecksum) && !info.has(Command::ReadMemory)) {
            return make_error(Phase::Read, Cause::Unsupported,
                              "--resume needs Get Checksum or Read Memory");
        }
        uint64_t check_total = 0;
        for (uint16_t s : plan.sectors) {
            check_total += session.part.sectors.size_of(s);
        }
        session.progress.begin("check", info.has(Command::GetChecksum) ? 0 : check_total);
        for (uint16_t s : plan.sectors) {
            auto k = resume_point(session, plan, s);
            if (!k) {
                session.progress.end();
                return k.error();
            }
            const uint32_t start = session.part.sector_address(s);
            const uint32_t size = session.part.sectors.size_of(s);
            if (*k < 0) {
                to_erase.push_back(s);
                continue;
            }
            report.kept.push_back(s);
            const uint32_t done_end = start + static_cast<uint32_t>(*k) * kBlockSize;
            for (auto it = plan.blocks.lower_bound(start);
                 it != plan.blocks.end() && it->first < start + size; ++it) {
                present[it->first] = it->first < done_end;
            }
        }
        session.progress.end();
    } else {
        to_erase = plan.sectors;
    }

    if (!to_erase.empty()) {
        if (auto s = erase_sectors(session, to_erase); !s) {
            return s.error();
        }
    }
    report.erased = to_erase;

    std::vector<const Block*> pending;
    uint64_t write_total = 0;
    for (const auto& [addr, b] : plan.blocks) {
        if (auto it = present.find(addr); it != present.end() && it->second) {
            ++report.blocks_present;
            continue;
        }
        if (b.blank()) {
            ++report.blocks_blank;
            continue;
        }
        pending.push_back(&b);
        write_total += b.last - b.first;
    }
    session.progress.begin("write", write_total);
    for (const Block* b : pending) {
        if (auto s = write_block(session, *b, options.retries, report.recoveries); !s) {
            session.progress.end();
            return s.error();
        }
        report.bytes_written += b->last - b->first;
        ++report.blocks_written;
        session.progress.advance(b->last - b->first);
    }
    session.progress.end();

    auto v = verify(session, plan, vmode, true);
    if (!v) {
        return v.error();
    }
    report.verified_with = v->mode;
    report.bytes_verified = v->bytes;
    return report;
}

}  // namespace sysboot::host
