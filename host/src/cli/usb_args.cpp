#include "cli/usb_args.hpp"

#include <algorithm>
#include <filesystem>

namespace sysboot::host {

namespace {

bool is_image_name(const std::string& word) {
    static const char* const kExtensions[] = {".elf", ".bin", ".hex", ".ihex", ".srec",
                                              ".s19", ".s28", ".s37", ".mot"};
    const auto ext = std::filesystem::path(word).extension().string();
    std::error_code ec;
    return std::find(std::begin(kExtensions), std::end(kExtensions), ext) !=
               std::end(kExtensions) ||
           std::filesystem::exists(word, ec);
}

}  // namespace

std::vector<std::string> rewrite_usb_argument(int argc, const char* const* argv,
                                              const std::vector<std::string>& commands) {
    std::vector<std::string> out;
    for (int i = 0; i < argc; ++i) {
        const std::string word = argv[i];
        if (i == 0 || word != "--usb") {
            out.push_back(word);
            continue;
        }
        const bool has_next = i + 1 < argc;
        const std::string next = has_next ? argv[i + 1] : "";
        const bool is_spec = has_next && !next.empty() && next[0] != '-' &&
                             std::find(commands.begin(), commands.end(), next) == commands.end() &&
                             !is_image_name(next);
        // A bare --usb means the ROM's own ids (AN3156: 0483:DF11), which is what an empty
        // DeviceSpec matches; CLI11 would take `--usb=` with nothing as "value follows".
        out.push_back("--usb=" + (is_spec ? next : std::string("0483:df11")));
        if (is_spec) {
            ++i;
        }
    }
    return out;
}

}  // namespace sysboot::host
