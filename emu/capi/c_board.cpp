// c_board.h over the C++ board layer (app/board.hpp) of qemu-an500.
#include "c_board.h"

#include "app/board.hpp"
#include "app/out.hpp"

extern "C" {

void c_board_init(void) {
    board::init();
}

void c_board_put(const char* text) {
    app::put(text);
}

void c_board_put_hex(const char* label, uint32_t value) {
    app::put(label);
    app::put_hex(value);
    app::put("\n");
}

const sysboot_device_t* c_board_device(void) {
    sysboot::Status why{};
    return board::device(why);
}

void c_board_exit(int code) {
    board::console_flush();
    board::exit(code);
}

}  // extern "C"
