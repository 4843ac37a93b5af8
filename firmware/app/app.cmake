# Board support and the images every board gets.
#   sysboot_board_support(<board> <irq count> sources...) -> board_<board> (no sysboot code
#       in it, only its headers, so an image can pick the library variant it links)
#   sysboot_app_image(NAME <image> BOARD <board> LINKER_SCRIPT <ld> [LIB <sysboot lib>]
#                     SOURCES ... [DEFINES ...]) -> an application image with startup
#   sysboot_board_images(<board> <ld>) -> hello-<board>, app-<board>, app-v2-<board>
set(SYSBOOT_APP_DIR ${CMAKE_CURRENT_LIST_DIR} CACHE INTERNAL "example app sources")
set(SYSBOOT_STARTUP_DIR ${CMAKE_CURRENT_LIST_DIR}/../startup CACHE INTERNAL "startup sources")

function(sysboot_board_support board irq_count)
    add_library(board_${board} STATIC ${ARGN} ${SYSBOOT_APP_DIR}/out.cpp)
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

function(sysboot_board_images board ldscript)
    sysboot_app_image(NAME hello-${board} BOARD ${board} LINKER_SCRIPT ${ldscript}
                      SOURCES ${SYSBOOT_APP_DIR}/hello.cpp)
    sysboot_app_image(NAME app-${board} BOARD ${board} LINKER_SCRIPT ${ldscript}
                      SOURCES ${SYSBOOT_APP_DIR}/main.cpp)
    sysboot_app_image(NAME app-v2-${board} BOARD ${board} LINKER_SCRIPT ${ldscript}
                      SOURCES ${SYSBOOT_APP_DIR}/main.cpp DEFINES SYSBOOT_APP_VERSION=2)
endfunction()
