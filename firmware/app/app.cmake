# sysboot_board_images(<board> <linker script> [board sources...]): the board support
# library and the images every board gets: hello-<board> and app-<board> (plus
# app-v2-<board>, the same app reporting version 2, for update tests).
set(SYSBOOT_APP_DIR ${CMAKE_CURRENT_LIST_DIR})
set(SYSBOOT_STARTUP_DIR ${CMAKE_CURRENT_LIST_DIR}/../startup)
function(sysboot_board_images board ldscript irq_count)
    # startup.cpp goes into each image (not the archive) so its vector table is always linked.
    add_library(board_${board} STATIC ${ARGN} ${SYSBOOT_APP_DIR}/out.cpp)
    target_include_directories(board_${board} PUBLIC ${SYSBOOT_APP_DIR}/..
                               ${SYSBOOT_APP_DIR} ${CMAKE_CURRENT_SOURCE_DIR})
    target_compile_definitions(board_${board} PUBLIC SYSBOOT_IRQ_COUNT=${irq_count})
    target_link_libraries(board_${board} PUBLIC sysboot_${board} cortex_m cpu_${board})
    target_link_options(board_${board} INTERFACE -L${SYSBOOT_STARTUP_DIR})
    sysboot_image(NAME hello-${board} BOARD ${board} LINKER_SCRIPT ${ldscript}
                  SOURCES ${SYSBOOT_APP_DIR}/hello.cpp ${SYSBOOT_STARTUP_DIR}/startup.cpp LIBS board_${board})
    sysboot_image(NAME app-${board} BOARD ${board} LINKER_SCRIPT ${ldscript}
                  SOURCES ${SYSBOOT_APP_DIR}/main.cpp ${SYSBOOT_STARTUP_DIR}/startup.cpp LIBS board_${board})
    sysboot_image(NAME app-v2-${board} BOARD ${board} LINKER_SCRIPT ${ldscript}
                  SOURCES ${SYSBOOT_APP_DIR}/main.cpp ${SYSBOOT_STARTUP_DIR}/startup.cpp LIBS board_${board}
                  DEFINES SYSBOOT_APP_VERSION=2)
endfunction()
