# sysboot_library(<board>): the hand-off library compiled with that board's CPU flags.
set(SYSBOOT_LIB_DIR ${CMAKE_CURRENT_LIST_DIR})
function(sysboot_library board)
    add_library(sysboot_${board} STATIC
        ${SYSBOOT_LIB_DIR}/src/status.cpp
        ${SYSBOOT_LIB_DIR}/src/c_api.cpp
        ${SYSBOOT_LIB_DIR}/src/noinit.cpp)
    target_include_directories(sysboot_${board} PUBLIC ${SYSBOOT_LIB_DIR}/include)
    target_link_libraries(sysboot_${board} PUBLIC cortex_m cpu_${board})
    if(DEFINED SYSBOOT_MUTATE_STEP)
        target_compile_definitions(sysboot_${board} PUBLIC SYSBOOT_MUTATE_STEP=${SYSBOOT_MUTATE_STEP})
    endif()
endfunction()
