# The firmware library as a consumer builds it: sysboot::sysboot (the hand-off, C and C++
# API) and one sysboot::<chip> per chip of sysboot-chips.cmake (sysboot::stm32f7,
# sysboot::stm32f4: device table, detection and hooks). Compiled with the CONSUMER's
# toolchain and CPU/FPU flags (no cpu_<board> target), so the objects match the application.
# Used in two places, with the same result:
#   - firmware/package/sysboot-library.cmake: the source tree (add_subdirectory, FetchContent)
#   - sysbootConfig.cmake: an install prefix (find_package(sysboot CONFIG))
# Inputs: SYSBOOT_PKG_CORE_SOURCES (directory of the core's .cpp files),
# SYSBOOT_PKG_CHIP_SOURCE_ROOT and SYSBOOT_PKG_CHIP_SOURCE_SUFFIX (a chip's .cpp files are in
# <root>/<chip><suffix>) and SYSBOOT_PKG_INCLUDE_DIRS.
if(TARGET sysboot::sysboot)
    return()
endif()

option(SYSBOOT_WARNINGS_AS_ERRORS "Compile the sysboot library with -Werror" OFF)
# What the hand-off needs of the compiler whatever the application uses: it runs before and
# without the C++ runtime (no exceptions, RTTI, guarded statics or atexit).
set(_sysboot_flags -Wall -Wextra -ffunction-sections -fdata-sections
    $<$<BOOL:${SYSBOOT_WARNINGS_AS_ERRORS}>:-Werror>
    $<$<COMPILE_LANGUAGE:CXX>:-fno-exceptions -fno-rtti -fno-threadsafe-statics
    -fno-use-cxa-atexit>)

set(_c ${SYSBOOT_PKG_CORE_SOURCES})
add_library(sysboot_sysboot STATIC ${_c}/status.cpp ${_c}/c_api.cpp ${_c}/noinit.cpp
            ${_c}/sha256.cpp ${_c}/auth.cpp ${_c}/nonce_counter.cpp ${_c}/auth_noinit.cpp)
include(${CMAKE_CURRENT_LIST_DIR}/sysboot-chips.cmake)
set(_targets sysboot_sysboot)
foreach(_chip IN LISTS SYSBOOT_PKG_CHIPS)
    set(_s)
    foreach(_f IN LISTS SYSBOOT_PKG_CHIP_SOURCES_${_chip})
        list(APPEND _s ${SYSBOOT_PKG_CHIP_SOURCE_ROOT}/${_chip}${SYSBOOT_PKG_CHIP_SOURCE_SUFFIX}/${_f})
    endforeach()
    # Built only when the application links it: each chip's sources assume its own core.
    add_library(sysboot_${_chip} STATIC EXCLUDE_FROM_ALL ${_s})
    target_link_libraries(sysboot_${_chip} PUBLIC sysboot_sysboot)
    set_target_properties(sysboot_${_chip} PROPERTIES OUTPUT_NAME sysboot_${_chip})
    add_library(sysboot::${_chip} ALIAS sysboot_${_chip})
    list(APPEND _targets sysboot_${_chip})
endforeach()
# SYSBOOT_STM32F7_PART: the device table of one part's line only (docs/footprint.md). The
# mapping sits next to the sources when installed, one level up in the source tree.
set(_s ${SYSBOOT_PKG_CHIP_SOURCE_ROOT}/stm32f7${SYSBOOT_PKG_CHIP_SOURCE_SUFFIX})
if(EXISTS ${_s}/part.cmake)
    include(${_s}/part.cmake)
else()
    include(${_s}/../part.cmake)
endif()
sysboot_stm32f7_part_dev_id("${SYSBOOT_STM32F7_PART}" _dev_id)
if(_dev_id)
    target_compile_definitions(sysboot_stm32f7 PRIVATE SYSBOOT_STM32F7_PART_DEV_ID=${_dev_id})
endif()
unset(_dev_id)
foreach(_t IN LISTS _targets)
    # C++20 for the library's own sources only: a C application is not made C++20.
    set_target_properties(${_t} PROPERTIES CXX_STANDARD 20 CXX_STANDARD_REQUIRED ON
                          CXX_EXTENSIONS OFF)
    target_compile_options(${_t} PRIVATE ${_sysboot_flags})
endforeach()
target_include_directories(sysboot_sysboot PUBLIC ${SYSBOOT_PKG_INCLUDE_DIRS})
# The core: sysboot/core/caps.hpp needs SYSBOOT_CPU_<core> because the compiler's own
# macros cannot tell an M4 from an M7 or an M0 from an M0+. Taken from the -mcpu the
# application compiles with (its CMAKE_<LANG>_FLAGS or add_compile_options), or from
# SYSBOOT_CPU (e.g. -DSYSBOOT_CPU=cortex-m4) when the flags are set some other way.
set(SYSBOOT_CPU "" CACHE STRING "Cortex-M core as an -mcpu value; empty: read from the flags")
set(_cpu "${SYSBOOT_CPU}")
if(NOT _cpu)
    get_directory_property(_dir_options COMPILE_OPTIONS)
    separate_arguments(_flags UNIX_COMMAND "${CMAKE_C_FLAGS} ${CMAKE_CXX_FLAGS}")
    foreach(_f IN LISTS _flags _dir_options)
        if(_f MATCHES "^-mcpu=([a-z0-9-]+)")
            set(_cpu ${CMAKE_MATCH_1})
        endif()
    endforeach()
endif()
if(_cpu)
    string(TOUPPER "SYSBOOT_CPU_${_cpu}" _cpu_define)
    string(REPLACE "-" "_" _cpu_define ${_cpu_define})
    target_compile_definitions(sysboot_sysboot PUBLIC ${_cpu_define})
else()
    message(STATUS "sysboot: no -mcpu in the compile flags; set SYSBOOT_CPU if the build "
                   "stops in sysboot/core/caps.hpp")
endif()
set_target_properties(sysboot_sysboot PROPERTIES OUTPUT_NAME sysboot)
add_library(sysboot::sysboot ALIAS sysboot_sysboot)
unset(_c)
unset(_s)
unset(_f)
unset(_t)
unset(_chip)
unset(_targets)
unset(_sysboot_flags)
unset(_cpu)
unset(_cpu_define)
unset(_flags)
unset(_dir_options)
