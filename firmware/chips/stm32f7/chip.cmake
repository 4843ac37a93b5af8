# STM32F7 chip support: register headers, device table, detect() and the chip hooks.
#   sysboot_stm32f7_chip(<board> [PART <part>] [NAME <target>]) -> stm32f7_<board> (or <target>),
#   compiled with the board's CPU flags. PART (default: the cache option SYSBOOT_STM32F7_PART)
#   builds the table for that one part's line (docs/footprint.md "Single-part build").
#   SYSBOOT_STM32F7_KIT: the shared board code (app/board.hpp for F7 boards), to be added to
#   the board's sysboot_board_support() sources.
set(SYSBOOT_STM32F7_DIR ${CMAKE_CURRENT_LIST_DIR} CACHE INTERNAL "STM32F7 chip support")
set(SYSBOOT_STM32F7_KIT ${CMAKE_CURRENT_LIST_DIR}/src/board_kit.cpp
    ${CMAKE_CURRENT_LIST_DIR}/src/auth_kit.cpp ${SYSBOOT_STM32_COMMON_DIR}/src/board_app.cpp
    CACHE INTERNAL "STM32F7 board kit sources")
include(${CMAKE_CURRENT_LIST_DIR}/part.cmake)

function(sysboot_stm32f7_chip board)
    cmake_parse_arguments(A "" "PART;NAME" "" ${ARGN})
    if(NOT DEFINED A_PART)
        set(A_PART "${SYSBOOT_STM32F7_PART}")
    endif()
    set(name stm32f7_${board})
    if(DEFINED A_NAME)
        set(name ${A_NAME})
    endif()
    add_library(${name} STATIC ${SYSBOOT_STM32F7_DIR}/src/device.cpp
                ${SYSBOOT_STM32F7_DIR}/src/hooks.cpp ${SYSBOOT_STM32F7_DIR}/src/c_api.cpp
                ${SYSBOOT_STM32F7_DIR}/src/rng.cpp)
    target_include_directories(${name} PUBLIC ${SYSBOOT_STM32F7_DIR}/include
                               ${SYSBOOT_STM32_COMMON_DIR}/include ${SYSBOOT_LIB_DIR}/include)
    target_link_libraries(${name} PUBLIC cortex_m cpu_${board})
    sysboot_stm32f7_part_dev_id("${A_PART}" dev_id)
    if(dev_id)
        target_compile_definitions(${name} PRIVATE SYSBOOT_STM32F7_PART_DEV_ID=${dev_id})
    endif()
endfunction()
