// Context: which flash this part really has. One DEV_ID covers parts with 64 KiB to 2 MiB
// of flash, and an F76x/F77x can run its flash as one bank or two (nDBANK), with other
// sector numbers and sizes. Planning an erase on a guess erases the wrong sectors, so the
// layout comes from the device (flash-size register and option bytes, both read with Read
// Memory), or from --flash-size when the ROM cannot be asked; otherwise the plan is refused.
// Other families: the flash-size register their row of the part table names
// (protocol/stm32), and only bank arrangements the row settles (docs/families.md).
#include <fmt/format.h>

#include "cli/context.hpp"
#include "sysboot/an3155/layout.hpp"
#include "sysboot/stm32/layout.hpp"

namespace sysboot::host {

namespace {

struct DeviceFacts {
    std::optional<uint16_t> kib;
    an3155::OptionBytes options;
    bool options_read = false;
    std::optional<Error> refused;  // readout protection answered instead
};

// Reads what decides the layout; a NACK (readout protection) leaves the fact unknown.
// Option bytes only where they decide it (STM32F7 nDBANK).
Result<DeviceFacts> read_facts(an3155::Client& client, uint32_t flash_size_address, bool options) {
    DeviceFacts f;
    std::array<uint8_t, 2> size{};
    if (auto s = client.read_memory(flash_size_address, size); s) {
        f.kib = an3155::decode_flash_size(size);
    } else if (s.error().cause == Cause::Refused) {
        f.refused = s.error();
    } else if (s.error().cause != Cause::Nack) {
        return s.error();
    }
    if (!options) {
        return f;
    }
    std::array<uint8_t, an3155::kOptionBytesLength> ob{};
    if (auto s = client.read_memory(an3155::kOptionBytesAddress, ob); s) {
        f.options = an3155::OptionBytes::decode(ob);
        f.options_read = true;
    } else if (s.error().cause == Cause::Refused) {
        f.refused = s.error();
    } else if (s.error().cause != Cause::Nack) {
        return s.error();
    }
    return f;
}

// A part of another family: its flash size from the register its table row names.
Result<Part> detect_family_layout(an3155::Client& client, const an3155::BootloaderInfo& info,
                                  Part part, std::optional<uint32_t> given, std::string* how) {
    const stm32::PartInfo& row = *part.info;
    DeviceFacts facts;
    if (info.has(an3155::Command::ReadMemory)) {
        SYSBOOT_TRY_ASSIGN(facts, read_facts(client, row.flash_size_address, false));
    }
    if (facts.refused && !given) {
        Error e = *facts.refused;
        e.detail =
            "the ROM refuses to read the flash size: readout protection is active, so "
            "nothing can be written";
        return e;
    }
    if (facts.kib && given && *given != uint32_t{*facts.kib} * 1024) {
        return make_error(Phase::Usage, Cause::Invalid,
                          fmt::format("--flash-size {} KiB, but the device says {} KiB (0x{:08X})",
                                      *given / 1024, *facts.kib, row.flash_size_address));
    }
    if (!facts.kib && !given) {
        return make_error(Phase::Plan, Cause::Unsupported,
                          fmt::format("cannot read the flash size of this {} (0x{:08X}): parts "
                                      "with this ID have up to {} KiB; give --flash-size rather "
                                      "than a guess",
                                      part.name, row.flash_size_address, row.max_flash_kib));
    }
    const auto kib = static_cast<uint16_t>(facts.kib ? *facts.kib : *given / 1024);
    const auto layout = stm32::decode_layout(row, kib, stm32::BankMode::Unknown);
    if (!layout.valid()) {
        return make_error(Phase::Plan, Cause::Unsupported,
                          fmt::format("{} KiB on {}: {}; sysboot does not guess a flash map", kib,
                                      part.name, layout.refusal ? layout.refusal : "no layout"));
    }
    part.sectors = layout.sectors;
    part.write_align = layout.write_align;
    if (how != nullptr) {
        *how = fmt::format(
            "{} KiB{}, {} ({}-byte writes)", kib, layout.dual_bank ? " in two banks" : "",
            facts.kib ? "read from the device" : "from --flash-size", layout.write_align);
    }
    return part;
}

}  // namespace

Result<Part> detect_layout(an3155::Client& client, const an3155::BootloaderInfo& info, Part part,
                           std::optional<uint32_t> given, std::string* how) {
    const auto* line = an3155::line_for_pid(part.pid);
    if (line == nullptr) {
        return part.info != nullptr ? detect_family_layout(client, info, part, given, how) : part;
    }
    DeviceFacts facts;
    if (info.has(an3155::Command::ReadMemory)) {
        SYSBOOT_TRY_ASSIGN(facts, read_facts(client, line->flash_size_address, true));
    }
    if (facts.refused && !given) {
        Error e = *facts.refused;
        e.detail =
            "the ROM refuses to read the flash size and option bytes: readout "
            "protection is active (RDP level 1), so nothing can be written";
        return e;
    }
    if (facts.kib && given && *given != uint32_t{*facts.kib} * 1024) {
        return make_error(Phase::Usage, Cause::Invalid,
                          fmt::format("--flash-size {} KiB, but the device says {} KiB (0x{:08X})",
                                      *given / 1024, *facts.kib, line->flash_size_address));
    }
    if (!facts.kib && !given) {
        return make_error(
            Phase::Plan, Cause::Unsupported,
            fmt::format("cannot read the flash size of this {} (0x{:08X}): parts with this ID "
                        "have 64 KiB to {} KiB; give --flash-size (e.g. 512K) rather than a guess",
                        part.name, line->flash_size_address, line->max_kib));
    }
    if (line->has_dual_bank && !facts.options_read) {
        return make_error(Phase::Plan, Cause::Unsupported,
                          fmt::format("cannot read the option bytes (0x{:08X}) of this {}: "
                                      "single- or dual-bank (nDBANK) decides the sectors, and "
                                      "sysboot does not guess",
                                      an3155::kOptionBytesAddress, part.name));
    }
    const auto kib = static_cast<uint16_t>(facts.kib ? *facts.kib : *given / 1024);
    const auto layout = an3155::decode_layout(part.pid, kib, facts.options);
    if (!layout.valid()) {
        return make_error(
            Phase::Plan, Cause::Unsupported,
            fmt::format("{} KiB{} is not a flash size of {}", kib,
                        facts.options.dual_bank() ? " in dual-bank mode" : "", part.name));
    }
    part.sectors = layout.sectors;
    part.write_align = layout.write_align;
    if (how != nullptr) {
        *how = fmt::format(
            "{} KiB{}, {} ({}-byte writes)", kib, layout.dual_bank ? " in two banks" : "",
            facts.kib ? "read from the device" : "from --flash-size", layout.write_align);
    }
    return part;
}

Status Context::learn_layout() {
    std::string how;
    SYSBOOT_TRY_ASSIGN(*part_, detect_layout(*client_, info_, *part_, o_.flash_size, &how));
    client_->set_write_alignment(part_->write_align);
    trace("flash " + how);
    return {};
}

}  // namespace sysboot::host
