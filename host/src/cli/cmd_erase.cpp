// `sysboot erase --sectors LIST | --all`: Extended Erase (AN3155 0x44), or with --usb the
// DfuSe erase command 0x41 per sector / alone for a mass erase (AN3156).
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/text.hpp"

namespace sysboot::host {

namespace {

struct EraseOptions {
    std::vector<uint16_t> sectors;
    bool all = false;
    bool enter = false;
};

Status check_sectors(const Context& ctx, const std::vector<uint16_t>& sectors) {
    const auto& part = ctx.part();
    for (auto k : sectors) {
        if (k >= part.sectors.count()) {
            return make_error(Phase::Usage, Cause::Invalid,
                              fmt::format("sector {}: {} has sectors 0..{}", k, part.name,
                                          part.sectors.count() - 1));
        }
    }
    return {};
}

Status mass_erase(Context& ctx) {
    if (!ctx.target().has(Capability::Erase)) {
        return ctx.target().missing(Capability::Erase, Phase::Erase);
    }
    SYSBOOT_TRY(probe_flash(ctx.target(), ctx.part(), ctx.part().flash_base));
    ProgressScope bar(ctx.progress(), "erase", ctx.part().flash_size());
    ctx.mark_changed();
    return ctx.target().mass_erase(ctx.part());
}

int run_erase(Context& ctx, const EraseOptions& o) {
    if (o.sectors.empty() && !o.all) {
        return ctx.fail(make_error(Phase::Usage, Cause::Invalid,
                                   "erase: give one of --sectors LIST and --all"));
    }
    if (auto s = ctx.connect(o.enter, true); !s) {
        return ctx.fail(s.error());
    }
    if (auto s = check_sectors(ctx, o.sectors); !s) {
        return ctx.fail(s.error());
    }
    Status erased;
    if (o.all) {
        erased = mass_erase(ctx);
    } else {
        auto session = ctx.session();
        erased =
            probe_flash(ctx.target(), ctx.part(), ctx.part().sector_address(o.sectors.front()));
        if (erased) {
            ctx.mark_changed();
            erased = erase_sectors(session, o.sectors);
        }
    }
    if (!erased) {
        return ctx.fail(erased.error());
    }
    if (ctx.options().json) {
        JsonObject result;
        result.add("mass_erase", o.all).add_raw("sectors", json_u16_array(o.sectors));
        return ctx.succeed(result);
    }
    if (!ctx.options().quiet) {
        ctx.out() << (o.all ? std::string("erased all flash (mass erase)\n")
                            : fmt::format("erased sector{} {}\n", o.sectors.size() == 1 ? "" : "s",
                                          sector_list_text(o.sectors)));
    }
    return 0;
}

}  // namespace

void add_erase_command(CLI::App& app, CommandRun& chosen) {
    auto o = std::make_shared<EraseOptions>();
    auto* sub = app.add_subcommand("erase", "Erase sectors, or all of the flash");
    auto* sectors =
        sub->add_option_function<std::string>(
               "--sectors", [o](const std::string& text) { o->sectors = *parse_sector_list(text); },
               "Sector list, e.g. 0,1,4-6")
            ->check(CLI::Validator(
                [](std::string& text) -> std::string {
                    return parse_sector_list(text)
                               ? std::string()
                               : "'" + text + "' is not a sector list like 0,1,4-6";
                },
                "LIST"));
    auto* all = sub->add_flag("--all", o->all, "Mass erase (Extended Erase 0xFFFF)");
    sectors->excludes(all);
    add_enter_flag(*sub, o->enter);
    on_chosen(*sub, o, chosen, run_erase);
}

}  // namespace sysboot::host
