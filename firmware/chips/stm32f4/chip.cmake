# STM32F4 chip support: register headers, device table, detect() and the chip hooks.
#   sysboot_stm32f4_chip(<board>) -> stm32f4_<board>, compiled with the board's CPU flags
#   SYSBOOT_STM32F4_KIT: the board code shared by STM32F4 boards (app/board.hpp through the
#   common glue), to be added to the board's sysboot_board_support() sources.
set(SYSBOOT_STM32F4_DIR ${CMAKE_CURRENT_LIST_DIR} CACHE INTERNAL "STM32F4 chip support")
set(SYSBOOT_STM32F4_KIT ${CMAKE_CURRENT_LIST_DIR}/src/board_kit.cpp
    ${SYSBOOT_STM32_COMMON_DIR}/src/board_app.cpp CACHE INTERNAL "STM32F4 board kit sources")

function(sysboot_stm32f4_chip board)
    add_library(stm32f4_${board} STATIC ${SYSBOOT_STM32F4_DIR}/src/device.cpp
                ${SYSBOOT_STM32F4_DIR}/src/hooks.cpp ${SYSBOOT_STM32F4_DIR}/src/c_api.cpp)
    target_include_directories(stm32f4_${board} PUBLIC ${SYSBOOT_STM32F4_DIR}/include
                               ${SYSBOOT_STM32_COMMON_DIR}/include ${SYSBOOT_LIB_DIR}/include)
    target_link_libraries(stm32f4_${board} PUBLIC cortex_m cpu_${board})
endfunction()
