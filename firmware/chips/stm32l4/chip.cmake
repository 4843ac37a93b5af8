# STM32L4 chip support: device table (from the project part table protocol/stm32
# families/l4.hpp), detect() and the chip hooks.
#   sysboot_stm32l4_chip(<board>) -> stm32l4_<board>, compiled with the board's CPU flags
#   SYSBOOT_STM32L4_KIT: the board code shared by STM32L4/G4 boards (app/board.hpp through the
#   common glue), to be added to the board's sysboot_board_support() sources.
set(SYSBOOT_STM32L4_DIR ${CMAKE_CURRENT_LIST_DIR} CACHE INTERNAL "STM32L4 chip support")
set(SYSBOOT_STM32L4_KIT ${CMAKE_CURRENT_LIST_DIR}/src/kit_port.cpp
    ${SYSBOOT_STM32_COMMON_DIR}/src/l4g4_board_kit.cpp ${SYSBOOT_STM32_COMMON_DIR}/src/board_app.cpp
    CACHE INTERNAL "STM32L4 board kit sources")

function(sysboot_stm32l4_chip board)
    add_library(stm32l4_${board} STATIC ${SYSBOOT_STM32L4_DIR}/src/device.cpp
                ${SYSBOOT_STM32L4_DIR}/src/hooks.cpp ${SYSBOOT_STM32L4_DIR}/src/c_api.cpp)
    # The part facts come from the all-families table (header-only, freestanding).
    target_include_directories(stm32l4_${board} PUBLIC ${SYSBOOT_STM32L4_DIR}/include
                               ${SYSBOOT_STM32_COMMON_DIR}/include ${SYSBOOT_LIB_DIR}/include
                               PRIVATE ${SYSBOOT_STM32_TABLE_INCLUDE_DIRS})
    target_link_libraries(stm32l4_${board} PUBLIC cortex_m cpu_${board})
endfunction()
