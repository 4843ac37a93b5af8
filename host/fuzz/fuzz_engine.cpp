// libFuzzer target: the AN3155 target engine fed with arbitrary host bytes. Sanitizers catch
// any out-of-bounds access; the checks below catch broken flash semantics.
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "sysboot/an3155/flash_model.hpp"
#include "sysboot/an3155/target.hpp"

namespace an = sysboot::an3155;

namespace {

constexpr an::SectorGroup kSmallGroups[] = {{4, 1024}, {2, 4096}};
constexpr an::SectorMap kSmall{kSmallGroups};
// Two banks, bank 2 numbered from 12 like a 1 MiB dual-bank F76x (RM0410 §3.3.1).
constexpr an::SectorGroup kSmallDualGroups[] = {{4, 1024}, {2, 4096}, {4, 1024, 12}, {2, 4096}};
constexpr an::SectorMap kSmallDual{kSmallDualGroups, 0xFFFFFFFFu, 12 * 1024};
constexpr uint32_t kBase = 0x08000000;

struct CountingSink final : an::Sink {
    std::size_t n = 0;
    void put(uint8_t) override { ++n; }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    if (size == 0) {
        return 0;
    }
    const an::SectorMap map = (data[0] & 4) != 0 ? kSmallDual : kSmall;
    static std::vector<uint8_t> flash(kSmallDual.total_size());
    static std::vector<uint8_t> ram(1024);
    std::fill(flash.begin(), flash.end(), 0xFF);
    std::fill(ram.begin(), ram.end(), 0);
    an::Config cfg;
    cfg.get_checksum = (data[0] & 1) != 0;
    cfg.rdp_level1 = (data[0] & 2) != 0;
    an::FlashModel memory({kBase, map}, flash, ram, 0x20000000);
    CountingSink sink;
    an::Target target(cfg, memory, sink);
    std::vector<uint8_t> before = flash;
    for (std::size_t i = 1; i < size; ++i) {
        target.on_byte(data[i]);
    }
    const auto& c = target.counters();
    if (c.bytes_in != size - 1 || c.bytes_out != sink.n || c.acks + c.nacks > c.bytes_out) {
        std::abort();
    }
    // With readout protection nothing in flash may change, unless a Readout Unprotect (which
    // mass-erases and ends in a system reset) lifted it.
    if (cfg.rdp_level1 && c.system_resets == 0 && flash != before) {
        std::abort();
    }
    return 0;
}
