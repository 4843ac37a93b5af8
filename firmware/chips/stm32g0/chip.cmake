# STM32G0 chip support (Cortex-M0+): register constants, device table, detect() and the chip
# hooks.
#   sysboot_stm32g0_chip(<board>) -> stm32g0_<board>, compiled with the board's CPU flags
#   SYSBOOT_STM32G0_KIT: the board code of STM32G0 example boards (app/board.hpp through the
#   common glue), to be added to the board's sysboot_board_support() sources.
# The line facts come from the project's family table (protocol/stm32, header-only and
# freestanding), whose flash-map type is the AN3155 library's sector_map.hpp.
set(SYSBOOT_STM32G0_DIR ${CMAKE_CURRENT_LIST_DIR} CACHE INTERNAL "STM32G0 chip support")
set(SYSBOOT_STM32G0_KIT ${CMAKE_CURRENT_LIST_DIR}/src/board_kit.cpp
    ${SYSBOOT_STM32_COMMON_DIR}/src/board_app.cpp CACHE INTERNAL "STM32G0 board kit sources")

function(sysboot_stm32g0_chip board)
    add_library(stm32g0_${board} STATIC ${SYSBOOT_STM32G0_DIR}/src/device.cpp
                ${SYSBOOT_STM32G0_DIR}/src/hooks.cpp ${SYSBOOT_STM32G0_DIR}/src/c_api.cpp)
    target_include_directories(stm32g0_${board} PUBLIC ${SYSBOOT_STM32G0_DIR}/include
                               ${SYSBOOT_STM32_COMMON_DIR}/include ${SYSBOOT_LIB_DIR}/include
                               PRIVATE ${CMAKE_SOURCE_DIR}/protocol/stm32/include
                               ${CMAKE_SOURCE_DIR}/protocol/an3155/include)
    target_link_libraries(stm32g0_${board} PUBLIC cortex_m cpu_${board})
endfunction()
