# sysboot_rig_board(<board> IRQS <n> CONSOLE cmsdk|nrf51 FLAGS <cpu flags...>)
# An emulated board: CPU flags, the library for that core, the shared board code of
# emu-common over the board directory's rig.hpp (memory map, console UART) and the images
# every board gets. The board directory holds rig.hpp, app.ld, boot_memory.ld and
# rom_memory.ld (docs/emulated-board.md).
set(SYSBOOT_RIG_COMMON_DIR ${CMAKE_CURRENT_LIST_DIR} CACHE INTERNAL "emulated-board sources")
function(sysboot_rig_board board)
    cmake_parse_arguments(A "" "IRQS;CONSOLE" "FLAGS" ${ARGN})
    sysboot_cpu(NAME ${board} FLAGS ${A_FLAGS})
    sysboot_library(${board})
    set(common ${SYSBOOT_RIG_COMMON_DIR})
    sysboot_board_support(${board} ${A_IRQS}
        ${common}/rig_board.cpp ${common}/${A_CONSOLE}_console.cpp ${common}/auth_source.cpp)
    target_include_directories(board_${board} PUBLIC ${common})
    sysboot_board_images(${board} ${CMAKE_CURRENT_SOURCE_DIR}/app.ld)
endfunction()
