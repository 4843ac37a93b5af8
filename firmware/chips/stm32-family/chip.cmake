# Minimal chip layer for any STM32 family of the part table (protocol/stm32), enough for the
# reset path: include/sysboot/stm32_family/device.hpp (C: stm32_family.h), docs/families.md
# "Reset path per family". Cross build only.
#
#   sysboot_stm32_family_chip(<target> <FAMILY> CPU <cpu-name> [DEV_IDS <id>...])
#       -> static library <target>: detect() and the Device of every row of <FAMILY> (C0 ... WL)
#          the reset path can serve, or of the DEV_IDS given; compiled with cpu_<cpu-name>
#          (sysboot_cpu()).
#   sysboot_stm32_family_ld(<name> <FAMILY> [NOINIT <address>] [DEV_IDS <id>...])
#       -> custom target <name>-ld writing stm32-family-memory.ld and stm32-family-checks.ld
#          to ${CMAKE_CURRENT_BINARY_DIR}/<name> (the directory in the variable <name>_LD_DIR),
#          generated from the table by tools/family_ld.cpp: the no-init block placed after the
#          ROM's RAM, and one ASSERT per row and ROM RAM region. Pass the same DEV_IDS as to the
#          chip. Both functions must be called from one directory (the tool's custom command
#          lives there).
set(SYSBOOT_STM32_FAMILY_DIR ${CMAKE_CURRENT_LIST_DIR} CACHE INTERNAL "STM32 family layer")
include(${CMAKE_CURRENT_LIST_DIR}/../../../protocol/stm32/stm32.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/../../../protocol/an3155/an3155.cmake)
# The table's include directories, kept for calls from other directory scopes.
set(SYSBOOT_STM32_FAMILY_TABLE_INCLUDES ${SYSBOOT_STM32_INCLUDE_DIR} ${SYSBOOT_AN3155_INCLUDE_DIR}
    CACHE INTERNAL "Include directories of the STM32 part table")
set(SYSBOOT_STM32_FAMILIES C0 F0 F1 F2 F3 F4 F7 G0 G4 H5 H7 L0 L1 L4 L5 U5 WB WL
    CACHE INTERNAL "Families of the STM32 part table (protocol/stm32 Family)")

function(sysboot_stm32_family_chip target family)
    cmake_parse_arguments(A "" "CPU" "DEV_IDS" ${ARGN})
    if(NOT family IN_LIST SYSBOOT_STM32_FAMILIES)
        message(FATAL_ERROR "sysboot_stm32_family_chip: ${family} is not one of "
                            "${SYSBOOT_STM32_FAMILIES}")
    endif()
    add_library(${target} STATIC ${SYSBOOT_STM32_FAMILY_DIR}/src/device.cpp
                ${SYSBOOT_STM32_FAMILY_DIR}/src/c_api.cpp)
    target_include_directories(${target} PUBLIC ${SYSBOOT_STM32_FAMILY_DIR}/include
        ${SYSBOOT_LIB_DIR}/include PRIVATE ${SYSBOOT_STM32_FAMILY_TABLE_INCLUDES})
    target_compile_definitions(${target} PRIVATE SYSBOOT_STM32_FAMILY=${family})
    if(A_DEV_IDS)
        list(JOIN A_DEV_IDS "," ids)
        target_compile_definitions(${target} PRIVATE "SYSBOOT_STM32_DEV_IDS=${ids}")
    endif()
    target_link_libraries(${target} PUBLIC cortex_m cpu_${A_CPU})
endfunction()

# The generator runs on the build machine: compiled here with its C++ compiler (the table is
# freestanding C++20), once per directory.
function(_sysboot_stm32_family_ld_tool out_var)
    set(tool ${CMAKE_CURRENT_BINARY_DIR}/stm32-family-ld)
    if(NOT TARGET stm32-family-ld-tool)
        find_program(SYSBOOT_HOST_CXX NAMES g++ c++ REQUIRED)
        list(GET SYSBOOT_STM32_FAMILY_TABLE_INCLUDES 0 table_dir)
        file(GLOB table ${table_dir}/sysboot/stm32/*.hpp ${table_dir}/sysboot/stm32/families/*.hpp)
        list(TRANSFORM SYSBOOT_STM32_FAMILY_TABLE_INCLUDES PREPEND -I OUTPUT_VARIABLE table_includes)
        set(src ${SYSBOOT_STM32_FAMILY_DIR}/tools/family_ld.cpp)
        add_custom_command(OUTPUT ${tool}
            COMMAND ${SYSBOOT_HOST_CXX} -std=c++20 -O1 -Wall -Wextra -Werror
                    -I${SYSBOOT_STM32_FAMILY_DIR}/include ${table_includes} ${src} -o ${tool}
            DEPENDS ${src} ${table} ${SYSBOOT_STM32_FAMILY_DIR}/include/sysboot/stm32_family/rows.hpp
            COMMENT "Building the STM32 family linker-fragment generator (host)"
            VERBATIM)
        add_custom_target(stm32-family-ld-tool DEPENDS ${tool})
    endif()
    set(${out_var} ${tool} PARENT_SCOPE)
endfunction()

function(sysboot_stm32_family_ld name family)
    cmake_parse_arguments(A "" "NOINIT" "DEV_IDS" ${ARGN})
    _sysboot_stm32_family_ld_tool(tool)
    set(dir ${CMAKE_CURRENT_BINARY_DIR}/${name})
    set(extra "")
    if(DEFINED A_NOINIT)
        set(extra --noinit ${A_NOINIT})
    endif()
    add_custom_command(OUTPUT ${dir}/stm32-family-memory.ld ${dir}/stm32-family-checks.ld
        COMMAND ${CMAKE_COMMAND} -E make_directory ${dir}
        COMMAND ${tool} ${family} ${dir} ${extra} ${A_DEV_IDS}
        DEPENDS ${tool}
        COMMENT "STM32${family} linker fragments (${name})"
        VERBATIM)
    add_custom_target(${name}-ld DEPENDS ${dir}/stm32-family-memory.ld
                                         ${dir}/stm32-family-checks.ld)
    add_dependencies(${name}-ld stm32-family-ld-tool)
    set(${name}_LD_DIR ${dir} PARENT_SCOPE)
endfunction()
