# STM32F7 chip support: register headers, device table, detect() and the chip hooks.
#   sysboot_stm32f7_chip(<board>) -> stm32f7_<board>, compiled with the board's CPU flags
#   SYSBOOT_STM32F7_KIT: the shared board code (app/board.hpp for F7 boards), to be added to
#   the board's sysboot_board_support() sources.
set(SYSBOOT_STM32F7_DIR ${CMAKE_CURRENT_LIST_DIR} CACHE INTERNAL "STM32F7 chip support")
set(SYSBOOT_STM32F7_KIT ${CMAKE_CURRENT_LIST_DIR}/src/board_kit.cpp
    ${CMAKE_CURRENT_LIST_DIR}/src/auth_kit.cpp ${SYSBOOT_STM32_COMMON_DIR}/src/board_app.cpp
    CACHE INTERNAL "STM32F7 board kit sources")

function(sysboot_stm32f7_chip board)
    add_library(stm32f7_${board} STATIC ${SYSBOOT_STM32F7_DIR}/src/device.cpp
                ${SYSBOOT_STM32F7_DIR}/src/hooks.cpp ${SYSBOOT_STM32F7_DIR}/src/c_api.cpp
                ${SYSBOOT_STM32F7_DIR}/src/rng.cpp)
    target_include_directories(stm32f7_${board} PUBLIC ${SYSBOOT_STM32F7_DIR}/include
                               ${SYSBOOT_STM32_COMMON_DIR}/include ${SYSBOOT_LIB_DIR}/include)
    target_link_libraries(stm32f7_${board} PUBLIC cortex_m cpu_${board})
endfunction()
