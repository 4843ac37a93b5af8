#include "cli/parse.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "device/part.hpp"

namespace sysboot::host {

std::optional<uint32_t> parse_number(const std::string& text) {
    if (text.empty()) {
        return std::nullopt;
    }
    std::string digits = text;
    uint64_t scale = 1;
    const char last = digits.back();
    const bool hex =
        digits.size() > 2 && digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X');
    if (!hex && (last == 'k' || last == 'K')) {
        scale = 1024;
        digits.pop_back();
    } else if (!hex && (last == 'm' || last == 'M')) {
        scale = 1024 * 1024;
        digits.pop_back();
    }
    if (digits.empty() || digits[0] == '-' || digits[0] == '+') {
        return std::nullopt;
    }
    std::size_t used = 0;
    uint64_t value = 0;
    try {
        value = std::stoull(digits, &used, 0);
    } catch (const std::exception&) {
        return std::nullopt;
    }
    if (used != digits.size() || value > 0xFFFFFFFFull / scale) {
        return std::nullopt;
    }
    return static_cast<uint32_t>(value * scale);
}

std::optional<std::vector<uint16_t>> parse_sector_list(const std::string& text) {
    std::vector<uint16_t> out;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        const auto comma = text.find(',', pos);
        const std::string item =
            text.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
        const auto dash = item.find('-');
        const auto a = parse_number(item.substr(0, dash));
        const auto b = dash == std::string::npos ? a : parse_number(item.substr(dash + 1));
        // AN3155 Extended Erase: sector numbers 0xFFF0..0xFFFF are special codes.
        if (!a || !b || *a > *b || *b > 0xFFEF) {
            return std::nullopt;
        }
        for (uint32_t k = *a; k <= *b; ++k) {
            if (std::find(out.begin(), out.end(), k) == out.end()) {
                out.push_back(static_cast<uint16_t>(k));
            }
        }
        if (comma == std::string::npos) {
            break;
        }
        pos = comma + 1;
    }
    if (out.empty()) {
        return std::nullopt;
    }
    std::sort(out.begin(), out.end());
    return out;
}

namespace {

std::optional<char> hex_escape(const std::string& text, std::size_t i) {
    if (i + 2 < text.size() + 0 && std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
        return static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
    }
    return std::nullopt;
}

}  // namespace

std::string unescape(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '\\' || i + 1 == text.size()) {
            out += text[i];
            continue;
        }
        const char c = text[++i];
        if (c == 'r') {
            out += '\r';
        } else if (c == 'n') {
            out += '\n';
        } else if (c == 't') {
            out += '\t';
        } else if (c == '\\') {
            out += '\\';
        } else if (auto h = c == 'x' ? hex_escape(text, i) : std::nullopt) {
            out += *h;
            i += 2;
        } else {
            out += '\\';
            out += c;
        }
    }
    return out;
}

CLI::Validator number_arg() {
    return CLI::Validator(
        [](std::string& text) -> std::string {
            const auto v = parse_number(text);
            if (!v) {
                return fmt::format("'{}' is not a number like 0x08000000, 4096 or 64K (32 bits)",
                                   text);
            }
            text = std::to_string(*v);
            return {};
        },
        "NUMBER");
}

CLI::Validator positive_number_arg() {
    return CLI::Validator(
        [](std::string& text) -> std::string {
            const auto v = parse_number(text);
            if (!v || *v == 0) {
                return fmt::format("'{}' is not a number above 0 (like 256, 0x100 or 64K)", text);
            }
            text = std::to_string(*v);
            return {};
        },
        "NUMBER>0");
}

CLI::Validator pid_arg() {
    return CLI::Validator(
        [](std::string& text) -> std::string {
            const auto v = parse_number(text);
            if (v && *v <= 0xFFFF && find_part(static_cast<uint16_t>(*v))) {
                text = std::to_string(*v);
                return {};
            }
            std::vector<std::string> known;
            for (const auto& p : known_parts()) {
                known.push_back(fmt::format("0x{:03X} {}", p.pid, p.name));
            }
            return fmt::format("'{}' is not a PID sysboot knows (known: {})", text,
                               fmt::join(known, ", "));
        },
        "PID");
}

const std::vector<unsigned>& rom_baud_rates() {
    static const std::vector<unsigned> rates = {1200,  2400,  4800,  9600,
                                                19200, 38400, 57600, 115200};
    return rates;
}

CLI::Validator baud_arg() {
    return CLI::Validator(
        [](std::string& text) -> std::string {
            const auto v = parse_number(text);
            const auto& rates = rom_baud_rates();
            if (v && std::find(rates.begin(), rates.end(), *v) != rates.end()) {
                text = std::to_string(*v);
                return {};
            }
            return fmt::format("'{}' is not a baud rate the ROM detects (one of {})", text,
                               fmt::join(rates, ", "));
        },
        "BAUD");
}

VerifyMode parse_verify_mode(const std::string& text) {
    if (text == "crc") {
        return VerifyMode::Crc;
    }
    if (text == "readback") {
        return VerifyMode::Readback;
    }
    if (text == "none") {
        return VerifyMode::None;
    }
    return VerifyMode::Auto;
}

}  // namespace sysboot::host
