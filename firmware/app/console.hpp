#pragma once
// The example console's input side, kept apart from the board so the host can fuzz it
// (host/fuzz/fuzz_console.cpp): bytes -> lines -> commands. No heap, no library calls.
#include <cstddef>
#include <cstdint>

namespace app::console {

// Longest line the console takes, without terminator: an `auth-response` line (14 + 64
// characters) fits with room; anything longer is refused whole, never cut and run.
inline constexpr std::size_t kMaxLine = 95;

class LineReader {
  public:
    enum class Event : std::uint8_t {
        none,      // byte taken (or ignored)
        echo,      // printable byte added to the line: echo it
        line,      // a complete line is in line()
        overflow,  // a line ended that was longer than kMaxLine: dropped
    };
    Event feed(int byte);
    const char* line() const { return buf_; }

  private:
    char buf_[kMaxLine + 1] = {};
    std::size_t len_ = 0;
    bool overflow_ = false;
    bool last_cr_ = false;
};

enum class Kind : std::uint8_t {
    empty,
    help,
    info,
    bootloader,
    bootloader_reset,
    reset,
    exit,
    auth_response,
    unknown,
};

struct Command {
    Kind kind = Kind::empty;
    std::uint32_t exit_code = 0;  // Kind::exit
    // Kind::auth_response: the decoded bytes; size 0 when the argument is not whole hex
    // bytes or is longer than `response`.
    std::uint8_t response[32] = {};
    std::size_t response_size = 0;
};

Command parse(const char* line);

// Decodes pairs of hex digits up to the terminator; false (and out_size 0) for an odd
// count, a non-hex character or more than `capacity` bytes.
bool decode_hex(const char* text, std::uint8_t* out, std::size_t capacity, std::size_t& out_size);

}  // namespace app::console
