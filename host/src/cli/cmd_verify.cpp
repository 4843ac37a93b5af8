// `sysboot verify FILE`: compare the device with FILE without writing.
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/prepare.hpp"
#include "cli/text.hpp"
#include "ui/progress.hpp"

namespace sysboot::host {

namespace {

struct VerifyOptions {
    ImageOptions image;
    VerifyMode method = VerifyMode::Auto;
};

int run_verify(Context& ctx, const VerifyOptions& o) {
    auto prepared = prepare(ctx, o.image);
    if (!prepared) {
        return ctx.fail(prepared.error());
    }
    auto session = ctx.session();
    auto report = verify(session, prepared->plan, o.method, false);
    if (!report) {
        return ctx.fail(report.error());
    }
    if (ctx.options().json) {
        JsonObject result;
        result.add_raw("image", image_json(prepared->image));
        result.add("method", to_string(report->mode)).add("bytes_verified", report->bytes);
        return ctx.succeed(result);
    }
    if (!ctx.options().quiet) {
        ctx.out() << fmt::format("verified {}: {} match (by {})\n", prepared->image.name,
                                 human_bytes(static_cast<double>(report->bytes)),
                                 to_string(report->mode));
    }
    return 0;
}

}  // namespace

void add_verify_command(CLI::App& app, CommandRun& chosen) {
    auto o = std::make_shared<VerifyOptions>();
    auto* sub = app.add_subcommand("verify", "Compare the device with FILE without writing");
    add_image_options(*sub, o->image, "Image to compare with (.elf, .hex, .srec, .bin)");
    sub->add_option_function<std::string>(
           "--method", [o](const std::string& m) { o->method = parse_verify_mode(m); },
           "crc (Get Checksum 0xA1, protocol V3.3 ROMs only), readback, or auto (crc when the "
           "ROM lists 0xA1)")
        ->check(CLI::IsMember({"auto", "crc", "readback"}))
        ->default_str("auto");
    on_chosen(*sub, o, chosen, run_verify);
}

}  // namespace sysboot::host
