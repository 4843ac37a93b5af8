# sysboot_library(<board> [MUTATE <step name>]): the hand-off library compiled with that
# board's CPU flags -> target sysboot_<board>, or sysboot_<board>_no_<step> with that one
# step removed (mutation tests only; steps are listed in include/sysboot/steps.def).
set(SYSBOOT_LIB_DIR ${CMAKE_CURRENT_LIST_DIR} CACHE INTERNAL "sysboot library sources")
include(${CMAKE_CURRENT_LIST_DIR}/steps.cmake)
function(sysboot_library board)
    cmake_parse_arguments(A "" "MUTATE" "" ${ARGN})
    set(name sysboot_${board})
    if(DEFINED A_MUTATE)
        sysboot_board_cpu(${board} cpu)
        sysboot_read_steps(steps silicon CORE ${cpu})
        if(NOT A_MUTATE IN_LIST steps)
            message(FATAL_ERROR "sysboot_library: MUTATE ${A_MUTATE} is not a step of steps.def "
                                "that ${cpu} has")
        endif()
        set(name sysboot_${board}_no_${A_MUTATE})
    endif()
    add_library(${name} STATIC
        ${SYSBOOT_LIB_DIR}/src/status.cpp
        ${SYSBOOT_LIB_DIR}/src/c_api.cpp
        ${SYSBOOT_LIB_DIR}/src/noinit.cpp
        ${SYSBOOT_LIB_DIR}/src/sha256.cpp
        ${SYSBOOT_LIB_DIR}/src/auth.cpp
        ${SYSBOOT_LIB_DIR}/src/nonce_counter.cpp
        ${SYSBOOT_LIB_DIR}/src/auth_noinit.cpp)
    target_include_directories(${name} PUBLIC ${SYSBOOT_LIB_DIR}/include)
    target_link_libraries(${name} PUBLIC cortex_m cpu_${board})
    sysboot_step_count_definition(${name} PRIVATE)
    if(DEFINED A_MUTATE)
        target_compile_definitions(${name} PRIVATE SYSBOOT_MUTATE_STEP=${A_MUTATE})
    endif()
endfunction()
