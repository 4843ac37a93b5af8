#include "out.hpp"

#include "board.hpp"

namespace app {

void put(const char* s) {
    while (*s != '\0') {
        if (*s == '\n') {
            board::console_put('\r');
        }
        board::console_put(static_cast<std::uint8_t>(*s++));
    }
}

void put_hex(std::uint32_t v, int digits) {
    board::console_put('0');
    board::console_put('x');
    for (int i = digits - 1; i >= 0; --i) {
        board::console_put(static_cast<std::uint8_t>("0123456789ABCDEF"[(v >> (4 * i)) & 0xFu]));
    }
}

void put_dec(std::uint32_t v) {
    char buf[11];
    int n = 0;
    do {
        buf[n++] = static_cast<char>('0' + v % 10);
        v /= 10;
    } while (v != 0);
    while (n > 0) {
        board::console_put(static_cast<std::uint8_t>(buf[--n]));
    }
}

void put_line(const char* s) {
    put(s);
    put("\n");
}

}  // namespace app
