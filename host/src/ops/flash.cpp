// Erasing and writing: only the sectors the plan touches, blank blocks skipped, each block
// recovered after a lost ACK, and --resume from what is already in place.
#include <fmt/format.h>

#include <algorithm>

#include "ops/flash.hpp"
#include "sysboot/an3155/protocol.hpp"

namespace sysboot::host {

using an3155::Crc32;

Status erase_sectors(Session& session, std::span<const uint16_t> sectors) {
    if (!session.target.has(Capability::Erase)) {
        return session.target.missing(Capability::Erase, Phase::Erase);
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
        if (auto st = session.target.erase_sector(session.part, s); !st) {
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
    auto& target = session.target;

    if (target.has(Capability::Checksum)) {
        auto crc = [&](uint32_t off, uint32_t len) { return target.checksum(start + off, len); };
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

    // Read in the target's largest pieces (whole blocks), judge block by block.
    const uint32_t chunk = std::max(kBlockSize, target.max_read() / kBlockSize * kBlockSize);
    std::vector<uint8_t> buf(chunk);
    int k = nblocks;
    for (uint32_t at = 0; at < size; at += chunk) {
        const uint32_t n = std::min(chunk, size - at);
        if (auto s = target.read(start + at, std::span<uint8_t>(buf.data(), n)); !s) {
            return s.error();
        }
        session.progress.advance(n);
        for (uint32_t off = 0; off < n; off += kBlockSize) {
            const auto one = std::span<const uint8_t>(buf.data() + off, kBlockSize);
            if (k == nblocks) {
                if (std::equal(one.begin(), one.end(), expected.begin() + at + off)) {
                    continue;
                }
                k = static_cast<int>((at + off) / kBlockSize);
            }
            if (!all_ff(one)) {
                return -1;
            }
        }
    }
    return k;
}

// Writes one run of blocks; where the target can lose an answer (AN3155), after a NACK, a
// timeout or garbage it re-synchronises, reads the run back and either accepts it (the ROM
// had programmed it, only its ACK was lost), writes it again (still erased), or gives up.
Status write_run(Session& session, uint32_t address, std::span<const uint8_t> data, int retries,
                 std::size_t& recoveries) {
    auto& target = session.target;
    if (!target.recovers_writes()) {
        return target.write(address, data);
    }
    Status last;
    for (int attempt = 0; attempt <= retries; ++attempt) {
        last = target.write(address, data);
        if (last) {
            return last;
        }
        const Cause c = last.error().cause;
        if (c != Cause::Nack && c != Cause::Timeout && c != Cause::BadResponse) {
            return last;
        }
        if (auto s = target.resync(); !s) {
            return last;
        }
        std::vector<uint8_t> now(data.size());
        if (auto s = read_stable(target, address, now); !s) {
            return last;
        }
        ++recoveries;
        if (std::equal(now.begin(), now.end(), data.begin())) {
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

// Consecutive blocks whose write ranges touch, joined up to the target's largest write, so
// that a DfuSe device gets whole wTransferSize blocks (AN3156) and AN3155 one block each.
struct Run {
    uint32_t address = 0;
    std::vector<uint8_t> bytes;
    std::size_t blocks = 0;
};

std::vector<Run> make_runs(const std::vector<const Block*>& pending, uint32_t max_write) {
    std::vector<Run> runs;
    for (const Block* b : pending) {
        const auto payload = b->payload();
        if (runs.empty() ||
            uint64_t{runs.back().address} + runs.back().bytes.size() != b->payload_address() ||
            runs.back().bytes.size() + payload.size() > max_write) {
            runs.push_back(Run{b->payload_address(), {}, 0});
        }
        runs.back().bytes.insert(runs.back().bytes.end(), payload.begin(), payload.end());
        ++runs.back().blocks;
    }
    return runs;
}

}  // namespace

namespace {

// --resume: which blocks are already in place, and which sectors must be erased again.
Status plan_resume(Session& session, const FlashPlan& plan, FlashReport& report,
                   std::map<uint32_t, bool>& present, std::vector<uint16_t>& to_erase) {
    const auto& target = session.target;
    if (!target.has(Capability::Checksum) && !target.has(Capability::Read)) {
        return make_error(Phase::Read, Cause::Unsupported,
                          "--resume needs Get Checksum or Read Memory");
    }
    uint64_t check_total = 0;
    for (uint16_t s : plan.sectors) {
        check_total += session.part.sectors.size_of(s);
    }
    ProgressScope bar(session.progress, "check",
                      target.has(Capability::Checksum) ? 0 : check_total);
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
    const uint32_t max_write = std::max(kBlockSize, session.target.max_write());
    for (const Run& run : make_runs(pending, max_write)) {
        if (stop_requested(session)) {
            return interrupted(fmt::format("stopped after {} of {} blocks; the next was "
                                           "0x{:08X}: run the same command with --resume "
                                           "(without --enter: the ROM is still running)",
                                           report.blocks_written, pending.size(), run.address),
                               run.address);
        }
        SYSBOOT_TRY(write_run(session, run.address, run.bytes, retries, report.recoveries));
        report.bytes_written += run.bytes.size();
        report.blocks_written += run.blocks;
        session.progress.advance(run.bytes.size());
    }
    return {};
}

Status check_capabilities(const Target& target, VerifyMode vmode) {
    if (!target.has(Capability::Write)) {
        return target.missing(Capability::Write, Phase::Write);
    }
    if (vmode == VerifyMode::Crc && !target.has(Capability::Checksum)) {
        Error e = target.missing(Capability::Checksum, Phase::Verify);
        e.detail = "--verify " + e.detail;
        return e;
    }
    return {};
}

}  // namespace

Result<FlashReport> flash(Session& session, const FlashPlan& plan, const FlashOptions& options) {
    FlashReport report;
    const VerifyMode vmode = resolve_verify(options.verify, session.target);
    SYSBOOT_TRY(check_capabilities(session.target, vmode));
    // Both ends of the plan must be memory the ROM knows before the first erase.
    const auto& first = plan.blocks.begin()->second;
    const auto& last = plan.blocks.rbegin()->second;
    SYSBOOT_TRY(probe_flash(session.target, session.part, first.payload_address()));
    SYSBOOT_TRY(probe_flash(session.target, session.part, last.payload_address()));

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
