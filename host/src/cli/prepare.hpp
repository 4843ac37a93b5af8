// `flash` and `verify` start the same way: read the image (before the device is touched),
// refuse one that fits no candidate part, reach the ROM, identify the part and map the image
// onto its flash.
#pragma once

#include <optional>
#include <string>

#include "cli/context.hpp"
#include "image/image.hpp"
#include "ops/flash.hpp"

namespace sysboot::host {

struct ImageOptions {
    std::string file;
    std::optional<uint32_t> address;  // load address of a raw .bin
    bool enter = false;
};

struct Prepared {
    Image image;
    FlashPlan plan;
};

void add_image_options(CLI::App& sub, ImageOptions& options, const std::string& file_help);
[[nodiscard]] Result<Prepared> prepare(Context& ctx, const ImageOptions& options);

}  // namespace sysboot::host
