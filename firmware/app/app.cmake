# Board support and the images every board gets.
#   sysboot_board_support(<board> <irq count> sources...) -> board_<board> (no sysboot code
#       in it, only its headers, so an image can pick the library variant it links)
#   sysboot_app_image(NAME <image> BOARD <board> LINKER_SCRIPT <ld> [LIB <sysboot lib>]
#                     SOURCES ... [DEFINES ...]) -> an application image with startup
#   sysboot_board_images(<board> <ld>) -> hello-<board>, app-<board>, app-v2-<board>
#   sysboot_auth_app_image(NAME <image> BOARD <board> LINKER_SCRIPT <ld> KEY_FILE <file>
#                          [DEFINES ...]) -> the example app whose `bootloader` needs the
#       answer to a challenge, keyed with <file> (docs/security.md)
# SYSBOOT_APP_KEY_FILE: build app-<board> and app-v2-<board> with that key (authenticated
# console); empty (default): the unauthenticated demo. SYSBOOT_APP_REQUIRE_RDP1: the example
# app refuses ROM entry while read-out protection is at level 0.
set(SYSBOOT_APP_KEY_FILE "" CACHE FILEPATH
    "Key file (hex text, 16-64 bytes) for the example console's authorized entry")
option(SYSBOOT_APP_REQUIRE_RDP1 "Example app refuses ROM entry at RDP level 0" OFF)
set(SYSBOOT_APP_DIR ${CMAKE_CURRENT_LIST_DIR} CACHE INTERNAL "example app sources")
set(SYSBOOT_STARTUP_DIR ${CMAKE_CURRENT_LIST_DIR}/../startup CACHE INTERNAL "startup sources")

function(sysboot_board_support board irq_count)
    add_library(board_${board} STATIC ${ARGN} ${SYSBOOT_APP_DIR}/out.cpp
                ${SYSBOOT_APP_DIR}/console.cpp)
    target_include_directories(board_${board} PUBLIC ${SYSBOOT_APP_DIR}/.. ${SYSBOOT_APP_DIR}
                               ${CMAKE_CURRENT_SOURCE_DIR} ${SYSBOOT_LIB_DIR}/include)
    target_compile_definitions(board_${board} PUBLIC SYSBOOT_IRQ_COUNT=${irq_count})
    target_link_libraries(board_${board} PUBLIC cortex_m cpu_${board})
    target_link_options(board_${board} INTERFACE -L${SYSBOOT_STARTUP_DIR})
endfunction()

function(sysboot_app_image)
    cmake_parse_arguments(A "" "NAME;BOARD;LINKER_SCRIPT;LIB" "SOURCES;DEFINES" ${ARGN})
    if(NOT A_LIB)
        set(A_LIB sysboot_${A_BOARD})
    endif()
    # startup.cpp goes into each image (not an archive) so its vector table is always linked.
    sysboot_image(NAME ${A_NAME} BOARD ${A_BOARD} LINKER_SCRIPT ${A_LINKER_SCRIPT}
                  SOURCES ${A_SOURCES} ${SYSBOOT_STARTUP_DIR}/startup.cpp
                  LIBS board_${A_BOARD} ${A_LIB} DEFINES ${A_DEFINES})
endfunction()

# Writes <dir>/app_key.hpp holding the key of a hex key file as a byte array. The key lands
# in the build tree and in the image's flash: see docs/security.md for OTP instead.
function(sysboot_app_key_header key_file dir)
    if(NOT EXISTS ${key_file})
        message(FATAL_ERROR "key file ${key_file} does not exist")
    endif()
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${key_file})
    file(READ ${key_file} hex)
    string(REGEX REPLACE "[ \t\r\n]" "" hex "${hex}")
    string(LENGTH "${hex}" digits)
    if(NOT hex MATCHES "^([0-9a-fA-F][0-9a-fA-F])+$" OR digits LESS 32 OR digits GREATER 128)
        message(FATAL_ERROR "${key_file}: expected 16 to 64 bytes as hex text")
    endif()
    string(REGEX REPLACE "([0-9a-fA-F][0-9a-fA-F])" "0x\\1, " bytes "${hex}")
    file(WRITE ${dir}/app_key.hpp.new
         "#pragma once\n// Generated from the key file by firmware/app/app.cmake.\n"
         "#include <cstdint>\ninline constexpr std::uint8_t kAppKey[] = {${bytes}};\n")
    file(COPY_FILE ${dir}/app_key.hpp.new ${dir}/app_key.hpp ONLY_IF_DIFFERENT)
endfunction()

function(sysboot_auth_app_image)
    cmake_parse_arguments(A "" "NAME;BOARD;LINKER_SCRIPT;KEY_FILE" "DEFINES" ${ARGN})
    set(dir ${CMAKE_CURRENT_BINARY_DIR}/keys/${A_NAME})
    file(MAKE_DIRECTORY ${dir})
    sysboot_app_key_header(${A_KEY_FILE} ${dir})
    sysboot_app_image(NAME ${A_NAME} BOARD ${A_BOARD} LINKER_SCRIPT ${A_LINKER_SCRIPT}
                      SOURCES ${SYSBOOT_APP_DIR}/main.cpp ${SYSBOOT_APP_DIR}/auth_gate.cpp
                      DEFINES SYSBOOT_APP_AUTH ${A_DEFINES})
    target_include_directories(${A_NAME} PRIVATE ${dir})
endfunction()

function(sysboot_board_images board ldscript)
    sysboot_app_image(NAME hello-${board} BOARD ${board} LINKER_SCRIPT ${ldscript}
                      SOURCES ${SYSBOOT_APP_DIR}/hello.cpp)
    set(defines "")
    if(SYSBOOT_APP_REQUIRE_RDP1)
        list(APPEND defines SYSBOOT_APP_REQUIRE_RDP1)
    endif()
    if(SYSBOOT_APP_KEY_FILE)
        sysboot_auth_app_image(NAME app-${board} BOARD ${board} LINKER_SCRIPT ${ldscript}
                               KEY_FILE ${SYSBOOT_APP_KEY_FILE} DEFINES ${defines})
        sysboot_auth_app_image(NAME app-v2-${board} BOARD ${board} LINKER_SCRIPT ${ldscript}
                               KEY_FILE ${SYSBOOT_APP_KEY_FILE}
                               DEFINES SYSBOOT_APP_VERSION=2 ${defines})
    else()
        sysboot_app_image(NAME app-${board} BOARD ${board} LINKER_SCRIPT ${ldscript}
                          SOURCES ${SYSBOOT_APP_DIR}/main.cpp DEFINES ${defines})
        sysboot_app_image(NAME app-v2-${board} BOARD ${board} LINKER_SCRIPT ${ldscript}
                          SOURCES ${SYSBOOT_APP_DIR}/main.cpp
                          DEFINES SYSBOOT_APP_VERSION=2 ${defines})
    endif()
endfunction()
