# STM32H7 chip support (H74x/75x, H72x/73x): register headers, device table, detect() and the
# chip hooks.
#   sysboot_stm32h7_chip(<board>) -> stm32h7_<board>, compiled with the board's CPU flags
#   SYSBOOT_STM32H7_KIT: the board code shared by STM32H7 boards (app/board.hpp through the
#   common glue), to be added to the board's sysboot_board_support() sources.
# The identity facts come from the family table (protocol/stm32, header-only, freestanding).
set(SYSBOOT_STM32H7_DIR ${CMAKE_CURRENT_LIST_DIR} CACHE INTERNAL "STM32H7 chip support")
get_filename_component(_sysboot_protocol_dir ${CMAKE_CURRENT_LIST_DIR}/../../../protocol ABSOLUTE)
set(SYSBOOT_STM32H7_FAMILY_INCLUDES ${_sysboot_protocol_dir}/stm32/include
    ${_sysboot_protocol_dir}/an3155/include CACHE INTERNAL "STM32 family table headers")
set(SYSBOOT_STM32H7_KIT ${CMAKE_CURRENT_LIST_DIR}/src/board_kit.cpp
    ${SYSBOOT_STM32_COMMON_DIR}/src/board_app.cpp CACHE INTERNAL "STM32H7 board kit sources")

function(sysboot_stm32h7_chip board)
    add_library(stm32h7_${board} STATIC ${SYSBOOT_STM32H7_DIR}/src/device.cpp
                ${SYSBOOT_STM32H7_DIR}/src/hooks.cpp ${SYSBOOT_STM32H7_DIR}/src/clocks.cpp
                ${SYSBOOT_STM32H7_DIR}/src/c_api.cpp)
    target_include_directories(stm32h7_${board} PUBLIC ${SYSBOOT_STM32H7_DIR}/include
                               ${SYSBOOT_STM32_COMMON_DIR}/include ${SYSBOOT_LIB_DIR}/include
                               PRIVATE ${SYSBOOT_STM32H7_FAMILY_INCLUDES})
    target_link_libraries(stm32h7_${board} PUBLIC cortex_m cpu_${board})
endfunction()
