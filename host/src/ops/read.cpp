// Reading the device: ranges, stable reads, and the probe that keeps a wrong address from
// erasing anything.
#include <fmt/format.h>

#include <algorithm>

#include "ops/flash.hpp"

namespace sysboot::host {

Status read_range(Target& target, Progress& progress, uint32_t address, std::span<uint8_t> out) {
    std::size_t done = 0;
    while (done < out.size()) {
        const std::size_t n = std::min<std::size_t>(target.max_read(), out.size() - done);
        if (auto s = target.read(static_cast<uint32_t>(address + done), out.subspan(done, n)); !s) {
            return s;
        }
        done += n;
        progress.advance(n);
    }
    return {};
}

Status read_stable(Target& target, uint32_t address, std::span<uint8_t> out) {
    std::vector<uint8_t> previous(out.size());
    if (auto s = target.read(address, previous); !s) {
        return s;
    }
    for (int i = 0; i < 3; ++i) {
        if (auto s = target.read(address, out); !s) {
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

Status probe_flash(Target& target, const Part& part, uint32_t address) {
    if (!target.has(Capability::Read)) {
        return {};
    }
    std::array<uint8_t, 4> word{};
    auto s = target.read(address, word);
    if (s) {
        return {};
    }
    Error e = s.error();
    e.phase = Phase::Plan;
    if (e.cause == Cause::Nack) {
        e.cause = Cause::Invalid;
        e.detail = fmt::format(
            "the ROM refuses to read 0x{:08X}, so it is not flash of this {} (flash at 0x{:08X}? "
            "check --flash-base); nothing was erased",
            address, part.name, part.flash_base);
    }
    e.address = address;
    return e;
}

bool stop_requested(const Session& session) {
    return session.stop != nullptr && session.stop->load();
}

Error interrupted(const std::string& what, std::optional<uint32_t> address) {
    return make_error(Phase::Plan, Cause::Interrupted, what, address);
}

}  // namespace sysboot::host
