# The firmware library as a consumer builds it: sysboot::sysboot (the hand-off, C and C++
# API) and sysboot::stm32f7 (STM32F7 device table and hooks). Compiled with the CONSUMER's
# toolchain and CPU/FPU flags (no cpu_<board> target), so the objects match the application.
# Used in two places, with the same result:
#   - firmware/package/sysboot-library.cmake: the source tree (add_subdirectory, FetchContent)
#   - sysbootConfig.cmake: an install prefix (find_package(sysboot CONFIG))
# Inputs: SYSBOOT_PKG_CORE_SOURCES, SYSBOOT_PKG_STM32F7_SOURCES (directories of the .cpp
# files) and SYSBOOT_PKG_INCLUDE_DIRS.
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
set(_s ${SYSBOOT_PKG_STM32F7_SOURCES})
add_library(sysboot_stm32f7 STATIC ${_s}/device.cpp ${_s}/hooks.cpp ${_s}/c_api.cpp
            ${_s}/rng.cpp)
target_link_libraries(sysboot_stm32f7 PUBLIC sysboot_sysboot)
foreach(_t sysboot_sysboot sysboot_stm32f7)
    # C++20 for the library's own sources only: a C application is not made C++20.
    set_target_properties(${_t} PROPERTIES CXX_STANDARD 20 CXX_STANDARD_REQUIRED ON
                          CXX_EXTENSIONS OFF)
    target_compile_options(${_t} PRIVATE ${_sysboot_flags})
endforeach()
target_include_directories(sysboot_sysboot PUBLIC ${SYSBOOT_PKG_INCLUDE_DIRS})
set_target_properties(sysboot_sysboot PROPERTIES OUTPUT_NAME sysboot)
set_target_properties(sysboot_stm32f7 PROPERTIES OUTPUT_NAME sysboot_stm32f7)
add_library(sysboot::sysboot ALIAS sysboot_sysboot)
add_library(sysboot::stm32f7 ALIAS sysboot_stm32f7)
unset(_c)
unset(_s)
unset(_t)
unset(_sysboot_flags)
