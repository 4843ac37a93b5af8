// Text the user types, turned into typed values once, at the command-line boundary. The CLI11
// validators below run while parsing, so a bad value is a usage error (exit 1) before any
// port is opened or any byte is sent.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ops/flash.hpp"

namespace sysboot::host {

// "0x08000000", "134217728", "64K", "2M" -> value; nullopt when malformed or > 32 bits.
[[nodiscard]] std::optional<uint32_t> parse_number(const std::string& text);
// "0,1,4-6" -> {0,1,4,5,6}.
[[nodiscard]] std::optional<std::vector<uint16_t>> parse_sector_list(const std::string& text);
// Interprets \r \n \t \\ \xHH in --enter-command.
[[nodiscard]] std::string unescape(const std::string& text);

// Rewrites a number in any accepted spelling to decimal, or fails the parse.
[[nodiscard]] CLI::Validator number_arg();
// A number that must not be 0 (lengths, sizes).
[[nodiscard]] CLI::Validator positive_number_arg();
// A PID the part table knows (AN2606 device IDs), in any number spelling.
[[nodiscard]] CLI::Validator pid_arg();
// A rate the ROM's auto-baud detection accepts (AN2606 "USART bootloader": 1200..115200).
[[nodiscard]] CLI::Validator baud_arg();
[[nodiscard]] const std::vector<unsigned>& rom_baud_rates();
// "auto", "crc", "readback", "none" (already checked by the parser).
[[nodiscard]] VerifyMode parse_verify_mode(const std::string& text);

}  // namespace sysboot::host
