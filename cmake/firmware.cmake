# Helpers for the cross build: per-board CPU flags, per-board library copies, and images.
set(SYSBOOT_IMAGE_DIR ${CMAKE_BINARY_DIR}/images CACHE PATH "Where firmware images are written")
set(SYSBOOT_BOARDS "all" CACHE STRING "Boards to build (;-list or 'all')")

include(${CMAKE_CURRENT_LIST_DIR}/rig-boards.cmake)
set(SYSBOOT_ALL_BOARDS ${SYSBOOT_RIG_BOARDS})
foreach(b nucleo-f767zi stm32f746g-disco nucleo-f722ze nucleo-f446re blackpill-f411ce
        nucleo-h743zi2 nucleo-g474re nucleo-l476rg)
    if(EXISTS ${CMAKE_SOURCE_DIR}/firmware/boards/${b}/CMakeLists.txt)
        list(APPEND SYSBOOT_ALL_BOARDS ${b})
    endif()
endforeach()
# STM32G0 (Cortex-M0+) board.
if(EXISTS ${CMAKE_SOURCE_DIR}/firmware/boards/nucleo-g071rb/CMakeLists.txt)
    list(APPEND SYSBOOT_ALL_BOARDS nucleo-g071rb)
endif()
if(SYSBOOT_BOARDS STREQUAL "all")
    set(SYSBOOT_BOARDS ${SYSBOOT_ALL_BOARDS})
endif()

# Flags every firmware object gets. The hand-off runs before and without the C++ runtime,
# so no exceptions/RTTI/thread-safe statics/atexit; --gc-sections keeps only what is used.
set(SYSBOOT_FW_COMPILE_FLAGS
    -Wall -Wextra -Werror -ffunction-sections -fdata-sections -fno-common
    $<$<COMPILE_LANGUAGE:CXX>:-fno-exceptions -fno-rtti -fno-threadsafe-statics
    -fno-use-cxa-atexit>)

# SYSBOOT_LTO: link-time optimisation of every firmware image (docs/footprint.md "LTO": the
# figure it gives; the footprint targets are stated without it). The compiler then sees the
# library, the chip layer and the application together and inlines across them.
option(SYSBOOT_LTO "Build the firmware images with link-time optimisation (-flto)" OFF)
if(SYSBOOT_LTO)
    list(APPEND SYSBOOT_FW_COMPILE_FLAGS -flto)
    set(SYSBOOT_FW_LINK_FLAGS -flto)
    # Static libraries of LTO objects need the archiver with the compiler's plugin.
    string(REGEX REPLACE "gcc$|g\\+\\+$" "" _prefix "${CMAKE_C_COMPILER}")
    set(CMAKE_AR ${_prefix}gcc-ar)
    set(CMAKE_C_COMPILER_AR ${_prefix}gcc-ar)
    set(CMAKE_CXX_COMPILER_AR ${_prefix}gcc-ar)
    set(CMAKE_RANLIB ${_prefix}gcc-ranlib)
    set(CMAKE_C_COMPILER_RANLIB ${_prefix}gcc-ranlib)
    set(CMAKE_CXX_COMPILER_RANLIB ${_prefix}gcc-ranlib)
else()
    set(SYSBOOT_FW_LINK_FLAGS "")
endif()

# sysboot_cpu(NAME <board> FLAGS <cpu/fpu flags...>) -> INTERFACE target cpu_<board>
function(sysboot_cpu)
    cmake_parse_arguments(A "" "NAME" "FLAGS" ${ARGN})
    add_library(cpu_${A_NAME} INTERFACE)
    target_compile_options(cpu_${A_NAME} INTERFACE ${A_FLAGS} ${SYSBOOT_FW_COMPILE_FLAGS})
    target_link_options(cpu_${A_NAME} INTERFACE ${A_FLAGS} ${SYSBOOT_FW_LINK_FLAGS}
                        -nostartfiles --specs=nano.specs
                        -Wl,--gc-sections -Wl,--no-warn-rwx-segments)
    target_compile_definitions(cpu_${A_NAME} INTERFACE SYSBOOT_BUILD_ID="${SYSBOOT_GIT_ID}")
    # The core's capabilities come from -mcpu (sysboot/core/caps.hpp): the compiler's own
    # macros cannot tell an M4 from an M7 or an M0 from an M0+.
    sysboot_cpu_of_flags(cpu ${A_FLAGS})
    if(cpu STREQUAL "")
        message(FATAL_ERROR "sysboot_cpu(${A_NAME}): FLAGS need -mcpu=<core>")
    endif()
    sysboot_core_needs(${cpu} unused)  # fails early for a core without a capability table
    sysboot_cpu_definition(cpu_define ${cpu})
    target_compile_definitions(cpu_${A_NAME} INTERFACE ${cpu_define})
    set_property(TARGET cpu_${A_NAME} PROPERTY SYSBOOT_CPU ${cpu})
endfunction()

# sysboot_board_cpu(<board> <out-var>): the -mcpu value sysboot_cpu() recorded for <board>.
function(sysboot_board_cpu board out_var)
    get_property(cpu TARGET cpu_${board} PROPERTY SYSBOOT_CPU)
    set(${out_var} ${cpu} PARENT_SCOPE)
endfunction()

# sysboot_image(NAME <image> BOARD <board> LINKER_SCRIPT <ld> SOURCES ... LIBS ... DEFINES ...)
# Writes <image>.elf, <image>.bin and <image>.map to SYSBOOT_IMAGE_DIR and prints its size.
function(sysboot_image)
    cmake_parse_arguments(A "" "NAME;BOARD;LINKER_SCRIPT" "SOURCES;LIBS;DEFINES" ${ARGN})
    add_executable(${A_NAME} ${A_SOURCES})
    set_target_properties(${A_NAME} PROPERTIES OUTPUT_NAME ${A_NAME}.elf SUFFIX ""
                          RUNTIME_OUTPUT_DIRECTORY ${SYSBOOT_IMAGE_DIR}
                          LINK_DEPENDS ${A_LINKER_SCRIPT})
    target_link_libraries(${A_NAME} PRIVATE ${A_LIBS} cpu_${A_BOARD})
    target_compile_definitions(${A_NAME} PRIVATE ${A_DEFINES})
    target_link_options(${A_NAME} PRIVATE -T${A_LINKER_SCRIPT}
                        -Wl,-Map=${SYSBOOT_IMAGE_DIR}/${A_NAME}.map)
    add_custom_command(TARGET ${A_NAME} POST_BUILD
        COMMAND ${CMAKE_OBJCOPY} -O binary ${SYSBOOT_IMAGE_DIR}/${A_NAME}.elf
                ${SYSBOOT_IMAGE_DIR}/${A_NAME}.bin
        COMMAND ${CMAKE_SIZE} ${SYSBOOT_IMAGE_DIR}/${A_NAME}.elf
        VERBATIM)
endfunction()

# Size first: -Os everywhere (CMake's Release default would add -O3 after it).
set(CMAKE_C_FLAGS_RELEASE "-Os -DNDEBUG")
set(CMAKE_CXX_FLAGS_RELEASE "-Os -DNDEBUG")
set(CMAKE_ASM_FLAGS_RELEASE "")
