#include "cli/prepare.hpp"

#include <fmt/format.h>

#include "cli/parse.hpp"

namespace sysboot::host {

namespace {

// Ok when the image fits the flash of at least one candidate part (the --pid one, or any
// known part), with --flash-base applied; else the error for the largest candidate. The
// part is known only after Get ID, but an image that fits no part is refused before the
// application is told to enter the ROM.
Status fits_some_part(const GlobalOptions& o, const Image& image) {
    std::optional<Error> largest_error;
    uint32_t largest = 0;
    for (Part part : known_parts()) {
        if (o.pid && part.pid != *o.pid) {
            continue;
        }
        if (o.flash_base) {
            part.flash_base = *o.flash_base;
        }
        auto plan = make_plan(image, part);
        if (plan) {
            return {};
        }
        if (part.flash_size() >= largest) {
            largest = part.flash_size();
            largest_error = plan.error();
        }
    }
    if (largest_error) {
        return *largest_error;
    }
    return {};
}

}  // namespace

void add_image_options(CLI::App& sub, ImageOptions& o, const std::string& file_help) {
    sub.add_option("file", o.file, file_help)->required();
    sub.add_option_function<uint32_t>(
           "-a,--address", [&o](uint32_t a) { o.address = a; }, "Load address of a raw .bin image")
        ->transform(number_arg());
    add_enter_flag(sub, o.enter);
}

Result<Prepared> prepare(Context& ctx, const ImageOptions& o) {
    SYSBOOT_TRY_ASSIGN(auto image, load_image(o.file, o.address));
    ctx.trace(fmt::format("{}: {} segment(s), {} bytes", o.file, image.segments.size(),
                          image.total_bytes()));
    SYSBOOT_TRY(fits_some_part(ctx.options(), image));
    SYSBOOT_TRY(ctx.connect(o.enter, true));
    SYSBOOT_TRY_ASSIGN(auto plan, make_plan(image, ctx.part()));
    ctx.trace(
        fmt::format("plan: {} blocks in {} sector(s)", plan.blocks.size(), plan.sectors.size()));
    return Prepared{std::move(image), std::move(plan)};
}

}  // namespace sysboot::host
