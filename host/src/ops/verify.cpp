// Comparing the device with the plan: Get Checksum where the ROM has it, else readback; a
// mismatch is located to the byte before it is reported.
#include <fmt/format.h>

#include <algorithm>

#include "ops/flash.hpp"
#include "sysboot/an3155/protocol.hpp"

namespace sysboot::host {

using an3155::Crc32;

VerifyMode resolve_verify(VerifyMode requested, const Target& target) {
    if (requested == VerifyMode::Auto) {
        return target.has(Capability::Checksum) ? VerifyMode::Crc : VerifyMode::Readback;
    }
    return requested;
}

namespace {

struct VerifySpan {
    uint32_t address;
    uint32_t length;
    bool crc;
};

Status locate_difference(Session& session, const FlashPlan& plan, uint32_t address, uint32_t length,
                         bool after_erase, const char* how) {
    const auto expected = plan.expected(address, length);
    if (session.target.has(Capability::Read)) {
        std::vector<uint8_t> got(length);
        const uint32_t chunk = session.target.max_read();
        for (uint32_t off = 0; off < length; off += chunk) {
            const uint32_t n = std::min(chunk, length - off);
            if (auto s = read_stable(session.target, address + off,
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
    report.mode = resolve_verify(mode, session.target);
    if (report.mode == VerifyMode::None) {
        return report;
    }
    if (report.mode == VerifyMode::Crc && !session.target.has(Capability::Checksum)) {
        return session.target.missing(Capability::Checksum, Phase::Verify);
    }
    if (!session.target.has(Capability::Read)) {
        if (report.mode == VerifyMode::Readback || !after_erase) {
            return session.target.missing(Capability::Read, Phase::Verify);
        }
    }
    const auto spans = verify_spans(plan, report.mode, after_erase);
    uint64_t total = 0;
    for (const auto& s : spans) {
        total += s.length;
    }
    ProgressScope bar(session.progress, "verify", total);
    constexpr uint32_t kCrcChunk = 32 * 1024;
    for (const auto& span : spans) {
        if (span.crc) {
            for (uint32_t off = 0; off < span.length; off += kCrcChunk) {
                const uint32_t a = span.address + off;
                const uint32_t n = std::min(kCrcChunk, span.length - off);
                const uint32_t want = Crc32::of(plan.expected(a, n));
                auto got = session.target.checksum(a, n);
                if (got && *got != want) {
                    got = session.target.checksum(a, n);  // once more: a noisy answer?
                }
                if (!got) {
                    Error e = got.error();
                    e.phase = Phase::Verify;
                    return e;
                }
                if (*got != want) {
                    return locate_difference(session, plan, a, n, true, "Get Checksum").error();
                }
                session.progress.advance(n);
                report.bytes += n;
            }
            continue;
        }
        const uint32_t chunk = session.target.max_read();
        std::vector<uint8_t> buf(chunk);
        for (uint32_t off = 0; off < span.length; off += chunk) {
            const uint32_t a = span.address + off;
            const uint32_t n = std::min(chunk, span.length - off);
            auto out = std::span<uint8_t>(buf.data(), n);
            if (auto s = session.target.read(a, out); !s) {
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
                auto s = read_stable(session.target, a, out);
                if (!s || differs()) {
                    return locate_difference(session, plan, a, n, after_erase, "readback").error();
                }
            }
            session.progress.advance(n);
            report.bytes += n;
        }
    }
    return report;
}

}  // namespace sysboot::host
