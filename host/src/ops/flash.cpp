// Erasing and writing: only the sectors the plan touches, blank blocks skipped, each block
// recovered after a lost ACK, and --resume from what is already in place.
#include <fmt/format.h>

#include <algorithm>

#include "ops/flash.hpp"

namespace sysboot::host {

using an3155::Command;
using an3155::Crc32;

Status erase_sectors(Session& session, std::span<const uint16_t> sectors) {
    // AN3155 §3.7/§3.8: a ROM lists either Extended Erase (0x44) or Erase (0x43).
    const bool extended = session.info.has(Command::ExtendedErase);
    if (!extended && !session.info.has(Command::Erase)) {
        return make_error(Phase::Erase, Cause::Unsupported,
                          "the ROM lists neither Extended Erase (0x44) nor Erase (0x43)");
    }
    uint64_t total = 0;
    for (uint16_t s : sectors) {
        total += session.part.sectors.size_of(s);
    }
    ProgressScope bar(session.progress, "erase", total);
    // One sector per command: progress per sector, and each gets its own time budget.
    for (std::size_t i = 0; i < sectors.size(); ++i) {
        const uint16_t s = sectors[i];
        if (stop_requested(session)) {
            return interrupted(fmt::format("stopped before erasing sector {} ({} of {} erased)", s,
                                           i, sectors.size()),
                               session.part.sector_address(s));
        }
        const uint16_t one[] = {s};
        auto st = extended ? session.client.extended_erase(one) : session.client.erase(one);
        if (!st) {
            Error e = st.error();
            e.address = session.part.sector_address(s);
            e.detail = fmt::format("sector {}: {}", s, e.detail);
            return e;
        }
        session.progress.advance(session.part.sectors.size_of(s));
    }
    return {};
}

namespace {

// Read Memory has no checksum (AN3155 §3.4): line noise in the data goes unnoticed. Where a
// readback decides something (recovery, a verify mismatch), read until two reads agree.
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

}  // namespace

namespace {

// --resume: which blocks are already in place, and which sectors must be erased again.
Status plan_resume(Session& session, const FlashPlan& plan, FlashReport& report,
                   std::map<uint32_t, bool>& present, std::vector<uint16_t>& to_erase) {
    const auto& info = session.info;
    if (!info.has(Command::GetChecksum) && !info.has(Command::ReadMemory)) {
        return make_error(Phase::Read, Cause::Unsupported,
                          "--resume needs Get Checksum or Read Memory");
    }
    uint64_t check_total = 0;
    for (uint16_t s : plan.sectors) {
        check_total += session.part.sectors.size_of(s);
    }
    ProgressScope bar(session.progress, "check", info.has(Command::GetChecksum) ? 0 : check_total);
    for (uint16_t s : plan.sectors) {
        SYSBOOT_TRY_ASSIGN(const int k, resume_point(session, plan, s));
        const uint32_t start = session.part.sector_address(s);
        const uint32_t size = session.part.sectors.size_of(s);
        if (k < 0) {
            to_erase.push_back(s);
            continue;
        }
        report.kept.push_back(s);
        const uint32_t done_end = start + static_cast<uint32_t>(k) * kBlockSize;
        for (auto it = plan.blocks.lower_bound(start);
             it != plan.blocks.end() && it->first < start + size; ++it) {
            present[it->first] = it->first < done_end;
        }
    }
    return {};
}

Status write_blocks(Session& session, const std::vector<const Block*>& pending,
                    uint64_t write_total, int retries, FlashReport& report) {
    ProgressScope bar(session.progress, "write", write_total);
    for (const Block* b : pending) {
        if (stop_requested(session)) {
            return interrupted(
                fmt::format("stopped after {} of {} blocks; the next was "
                            "0x{:08X}: run the same command with --resume "
                            "(without --enter: the ROM is still running)",
                            report.blocks_written, pending.size(), b->payload_address()),
                b->payload_address());
        }
        SYSBOOT_TRY(write_block(session, *b, retries, report.recoveries));
        report.bytes_written += b->last - b->first;
        ++report.blocks_written;
        session.progress.advance(b->last - b->first);
    }
    return {};
}

Status check_capabilities(const an3155::BootloaderInfo& info, VerifyMode vmode) {
    if (!info.has(Command::WriteMemory)) {
        return make_error(Phase::Write, Cause::Unsupported,
                          "the ROM does not list Write Memory (0x31)");
    }
    if (vmode == VerifyMode::Crc && !info.has(Command::GetChecksum)) {
        return make_error(Phase::Verify, Cause::Unsupported,
                          "--verify crc: the ROM does not list Get Checksum (0xA1, protocol V3.3 "
                          "only; STM32F7 ROMs are V3.1): use --verify readback");
    }
    return {};
}

}  // namespace

Result<FlashReport> flash(Session& session, const FlashPlan& plan, const FlashOptions& options) {
    FlashReport report;
    const VerifyMode vmode = resolve_verify(options.verify, session.info);
    SYSBOOT_TRY(check_capabilities(session.info, vmode));
    // Both ends of the plan must be memory the ROM knows before the first erase.
    const auto& first = plan.blocks.begin()->second;
    const auto& last = plan.blocks.rbegin()->second;
    SYSBOOT_TRY(probe_flash(session.client, session.info, session.part, first.payload_address()));
    SYSBOOT_TRY(probe_flash(session.client, session.info, session.part, last.payload_address()));

    std::map<uint32_t, bool> present;  // block address -> already programmed
    std::vector<uint16_t> to_erase;
    if (options.resume) {
        SYSBOOT_TRY(plan_resume(session, plan, report, present, to_erase));
    } else {
        to_erase = plan.sectors;
    }
    if (options.before_change) {
        options.before_change();
    }
    if (!to_erase.empty()) {
        SYSBOOT_TRY(erase_sectors(session, to_erase));
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
    SYSBOOT_TRY(write_blocks(session, pending, write_total, options.retries, report));
    SYSBOOT_TRY_ASSIGN(const auto v, verify(session, plan, vmode, true));
    report.verified_with = v.mode;
    report.bytes_verified = v.bytes;
    return report;
}

}  // namespace sysboot::host
