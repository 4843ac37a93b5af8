// `--usb [SPEC]`: the SPEC is optional, so `sysboot flash --usb app.elf` must not take the
// image for a device. Before CLI11 sees the command line, every `--usb` becomes `--usb=SPEC`
// when the next word is a SPEC, or `--usb=0483:df11` (the ROM's ids, AN3156) when it is a
// command, an option, or a file.
#pragma once

#include <string>
#include <vector>

namespace sysboot::host {

[[nodiscard]] std::vector<std::string> rewrite_usb_argument(
    int argc, const char* const* argv, const std::vector<std::string>& commands);

}  // namespace sysboot::host
