// `sysboot flash FILE`: erase the sectors FILE needs, write, verify, start it.
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/prepare.hpp"
#include "cli/text.hpp"
#include "ops/vector_check.hpp"
#include "ui/progress.hpp"

namespace sysboot::host {

namespace {

struct FlashCommandOptions {
    ImageOptions image;
    VerifyMode verify = VerifyMode::Auto;
    bool go = true;
    std::optional<uint32_t> go_address;
    bool unchecked_go = false;
    bool resume = false;
};

JsonObject flash_json(Context& ctx, const Prepared& p, const FlashReport& r,
                      std::optional<uint32_t> go) {
    JsonObject result;
    result.add_raw("image", image_json(p.image));
    result.add_raw("part", part_json(ctx.part(), ctx.pid()));
    result.add_raw("erased_sectors", json_u16_array(r.erased));
    result.add_raw("kept_sectors", json_u16_array(r.kept));
    result.add("blocks_written", uint64_t{r.blocks_written});
    result.add("bytes_written", r.bytes_written);
    result.add("blocks_blank", uint64_t{r.blocks_blank});
    result.add("blocks_present", uint64_t{r.blocks_present});
    result.add("recoveries", uint64_t{r.recoveries});
    result.add("verify", to_string(r.verified_with));
    result.add("bytes_verified", r.bytes_verified);
    if (go) {
        result.add("go", hex32(*go));
    } else {
        result.add_raw("go", "null");
    }
    return result;
}

void print_summary(Context& ctx, const Prepared& p, const FlashReport& r,
                   std::optional<uint32_t> go) {
    auto& out = ctx.out();
    const auto& image = p.image;
    uint64_t erased_bytes = 0;
    for (auto s : r.erased) {
        erased_bytes += ctx.part().sectors.size_of(s);
    }
    const auto plural = [](std::size_t n) { return n == 1 ? "" : "s"; };
    out << fmt::format("flashed {} ({}, {} segment{}, {}) to {}\n", image.name,
                       to_string(image.format), image.segments.size(),
                       plural(image.segments.size()),
                       human_bytes(static_cast<double>(image.total_bytes())), ctx.part().name);
    out << fmt::format("  erased   sector{} {} ({})\n", plural(r.erased.size()),
                       sector_list_text(r.erased), human_bytes(static_cast<double>(erased_bytes)));
    if (!r.kept.empty()) {
        out << fmt::format("  resumed  sector{} {} kept, {} block{} already in place\n",
                           plural(r.kept.size()), sector_list_text(r.kept), r.blocks_present,
                           plural(r.blocks_present));
    }
    out << fmt::format("  wrote    {} block{} ({}), skipped {} blank\n", r.blocks_written,
                       plural(r.blocks_written), human_bytes(static_cast<double>(r.bytes_written)),
                       r.blocks_blank);
    if (r.verified_with == VerifyMode::None) {
        out << "  verify   skipped (--verify none)\n";
    } else {
        out << fmt::format("  verified {} by {}\n",
                           human_bytes(static_cast<double>(r.bytes_verified)),
                           to_string(r.verified_with));
    }
    if (go) {
        out << fmt::format("  started  at 0x{:08X}\n", *go);
    }
    out << fmt::format("  {:<8} {} in {:.1f} s\n", ctx.over_usb() ? "usb" : "wire",
                       ctx.traffic_text(), ctx.seconds());
}

// The address Go starts, checked before anything is written: a start address that is not a
// vector table of this image would lock the core up after a successful update.
Result<std::optional<uint32_t>> go_target(const FlashCommandOptions& o, const Prepared& p,
                                          const Part& part) {
    if (!o.go) {
        return std::optional<uint32_t>{};
    }
    const uint32_t address = o.go_address.value_or(p.image.lowest_address());
    if (!o.unchecked_go) {
        SYSBOOT_TRY(check_vector_table_in_image(p.image, part, address));
    }
    return std::optional<uint32_t>{address};
}

int run_flash(Context& ctx, const FlashCommandOptions& o) {
    if (o.resume) {
        ctx.allow_unstick();
    }
    auto prepared = prepare(ctx, o.image);
    if (!prepared) {
        return ctx.fail(prepared.error());
    }
    auto go = go_target(o, *prepared, ctx.part());
    if (!go) {
        return ctx.fail(go.error());
    }
    FlashOptions options;
    options.verify = o.verify;
    options.resume = o.resume;
    options.retries = ctx.options().retries;
    options.before_change = [&ctx] { ctx.mark_changed(); };
    auto session = ctx.session();
    auto report = flash(session, prepared->plan, options);
    if (!report) {
        return ctx.fail(report.error());
    }
    if (*go) {
        ctx.trace(ctx.over_usb() ? "leaving DFU for the new image (AN3156 leave)" : "Go");
        if (auto s = ctx.target().start(**go); !s) {
            return ctx.fail(s.error());
        }
    }
    if (ctx.options().json) {
        auto result = flash_json(ctx, *prepared, *report, *go);
        return ctx.succeed(result);
    }
    if (!ctx.options().quiet) {
        print_summary(ctx, *prepared, *report, *go);
    }
    return 0;
}

}  // namespace

void add_flash_command(CLI::App& app, CommandRun& chosen) {
    auto o = std::make_shared<FlashCommandOptions>();
    auto* sub = app.add_subcommand(
        "flash", "Erase the sectors FILE needs, write it, verify, start it (.bin/.hex/.srec/.elf)");
    add_image_options(*sub, o->image, "Image: .elf, .hex, .srec, or .bin with --address");
    sub->add_option_function<std::string>(
           "--verify", [o](const std::string& m) { o->verify = parse_verify_mode(m); },
           "crc (Get Checksum 0xA1, protocol V3.3 ROMs only), readback, none; auto = crc if "
           "the ROM lists 0xA1, else readback")
        ->check(CLI::IsMember({"auto", "crc", "readback", "none"}))
        ->default_str("auto");
    sub->add_flag("--go,!--no-go", o->go,
                  "Start the image afterwards with Go (default); --no-go leaves the ROM running");
    sub->add_option_function<uint32_t>(
           "--go-address", [o](uint32_t a) { o->go_address = a; },
           "Vector table to start (default: the image's lowest address)")
        ->transform(number_arg());
    sub->add_flag("--no-vector-check", o->unchecked_go,
                  "Start the Go address even if it holds no valid vector table of this image");
    sub->add_flag("--resume", o->resume,
                  "Continue a broken transfer: keep sectors whose content already matches, write "
                  "only what is missing");
    on_chosen(*sub, o, chosen, run_flash);
}

}  // namespace sysboot::host
