#include "image/image.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <cctype>
#include <fstream>
#include <iterator>

namespace sysboot::host {

const char* to_string(ImageFormat format) {
    switch (format) {
        case ImageFormat::Auto:
            return "auto";
        case ImageFormat::Binary:
            return "bin";
        case ImageFormat::IntelHex:
            return "ihex";
        case ImageFormat::SRecord:
            return "srec";
        case ImageFormat::Elf:
            return "elf";
    }
    return "?";
}

std::size_t Image::total_bytes() const {
    std::size_t n = 0;
    for (const auto& s : segments) {
        n += s.data.size();
    }
    return n;
}

Status normalize(Image& image) {
    auto& segs = image.segments;
    segs.erase(
        std::remove_if(segs.begin(), segs.end(), [](const Segment& s) { return s.data.empty(); }),
        segs.end());
    if (segs.empty()) {
        return make_error(Phase::Image, Cause::Invalid, image.name + ": no data to program");
    }
    std::stable_sort(segs.begin(), segs.end(),
                     [](const Segment& a, const Segment& b) { return a.address < b.address; });
    for (const auto& s : segs) {
        if (s.end() > (uint64_t{1} << 32)) {
            return make_error(
                Phase::Image, Cause::Invalid,
                fmt::format("{}: segment at 0x{:08X} runs past 4 GiB", image.name, s.address));
        }
    }
    std::vector<Segment> merged;
    merged.reserve(segs.size());
    for (auto& s : segs) {
        if (!merged.empty()) {
            auto& last = merged.back();
            if (s.address < last.end()) {
                return make_error(
                    Phase::Image, Cause::Invalid,
                    fmt::format("{}: overlapping data: 0x{:08X}..0x{:08X} and 0x{:08X}..0x{:08X}",
                                image.name, last.address, last.end() - 1, s.address, s.end() - 1),
                    s.address);
            }
            if (s.address == last.end()) {
                last.data.insert(last.data.end(), s.data.begin(), s.data.end());
                continue;
            }
        }
        merged.push_back(std::move(s));
    }
    segs = std::move(merged);
    return {};
}

ImageFormat detect_format(const std::string& path, std::span<const uint8_t> head) {
    if (head.size() >= 4 && head[0] == 0x7F && head[1] == 'E' && head[2] == 'L' && head[3] == 'F') {
        return ImageFormat::Elf;
    }
    std::string ext;
    if (const auto dot = path.find_last_of('.'); dot != std::string::npos) {
        ext = path.substr(dot + 1);
        std::transform(ext.begin(), ext.end(), ext.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    }
    if (ext == "hex" || ext == "ihex" || ext == "ihx") {
        return ImageFormat::IntelHex;
    }
    if (ext == "srec" || ext == "s19" || ext == "s28" || ext == "s37" || ext == "mot") {
        return ImageFormat::SRecord;
    }
    if (ext == "elf" || ext == "axf" || ext == "out") {
        return ImageFormat::Elf;
    }
    if (ext == "bin") {
        return ImageFormat::Binary;
    }
    // Text starting like a record is a record file whatever its name.
    if (!head.empty() && head[0] == ':') {
        return ImageFormat::IntelHex;
    }
    if (head.size() >= 2 && head[0] == 'S' && head[1] >= '0' && head[1] <= '9') {
        return ImageFormat::SRecord;
    }
    return ImageFormat::Binary;
}

Result<Image> make_binary(std::span<const uint8_t> bytes, uint32_t address,
                          const std::string& name) {
    Image image;
    image.name = name;
    image.format = ImageFormat::Binary;
    image.segments.push_back(Segment{address, std::vector<uint8_t>(bytes.begin(), bytes.end())});
    if (auto s = normalize(image); !s) {
        return s.error();
    }
    return image;
}

Result<Image> load_image(const std::string& path, std::optional<uint32_t> bin_address,
                         ImageFormat format) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return make_error(Phase::Image, Cause::Io, fmt::format("{}: cannot open", path));
    }
    std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)),
                               std::istreambuf_iterator<char>());
    if (in.bad()) {
        return make_error(Phase::Image, Cause::Io, fmt::format("{}: read error", path));
    }
    if (format == ImageFormat::Auto) {
        format = detect_format(path, bytes);
    }
    if (format != ImageFormat::Binary && bin_address) {
        return make_error(Phase::Usage, Cause::Invalid,
                          fmt::format("--address is only for raw binaries; {} is {} and "
                                      "carries its own addresses",
                                      path, to_string(format)));
    }
    switch (format) {
        case ImageFormat::Binary:
            if (!bin_address) {
                return make_error(Phase::Usage, Cause::Invalid,
                                  fmt::format("{}: a raw binary needs --address", path));
            }
            return make_binary(bytes, *bin_address, path);
        case ImageFormat::Elf:
            return parse_elf(bytes, path);
        case ImageFormat::IntelHex:
        case ImageFormat::SRecord:
            return parse_records(bytes, format, path);
        case ImageFormat::Auto:
            break;
    }
    return make_error(Phase::Image, Cause::Invalid, path + ": unknown format");
}

}  // namespace sysboot::host
