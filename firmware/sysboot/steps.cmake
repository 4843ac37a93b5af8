# sysboot_read_steps(<names-var> <silicon-only-var> [CORE <cpu>]): the hand-off steps of
# include/sysboot/steps.def, in order, and those only the STM32 model can observe; with
# CORE (an -mcpu name such as cortex-m3), only the steps that core has. The
# C++ side reads the same file through the preprocessor; SYSBOOT_STEP_COUNT_CMAKE (set by
# sysboot_step_count_definition) lets the compiler check that both see the same list.
set(SYSBOOT_STEPS_DEF ${CMAKE_CURRENT_LIST_DIR}/include/sysboot/steps.def)
if(NOT CMAKE_SCRIPT_MODE_FILE)
    # Editing the list re-runs the configure step, so new steps get their images.
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${SYSBOOT_STEPS_DEF})
endif()

function(sysboot_read_steps names_var silicon_var)
    cmake_parse_arguments(A "" "CORE" "" ${ARGN})
    sysboot_read_step_failures(names silicon failures)
    if(DEFINED A_CORE)
        sysboot_core_needs(${A_CORE} have)
        sysboot_read_step_needs(needs)
        set(all_names ${names})
        set(names "")
        set(n 0)
        foreach(name IN LISTS all_names)
            list(GET needs ${n} need)
            math(EXPR n "${n} + 1")
            if(need IN_LIST have)
                list(APPEND names ${name})
            endif()
        endforeach()
        set(kept_silicon "")
        foreach(name IN LISTS silicon)
            if(name IN_LIST names)
                list(APPEND kept_silicon ${name})
            endif()
        endforeach()
        set(silicon ${kept_silicon})
    endif()
    set(${names_var} ${names} PARENT_SCOPE)
    set(${silicon_var} ${silicon} PARENT_SCOPE)
endfunction()

# sysboot_core_needs(<cpu> <out-var>): the capabilities (steps.def "need" column) of the
# core an -mcpu value names: the CMake reading of sysboot::core::Caps
# (firmware/cortex-m/include/sysboot/core/caps.hpp). Builds without an FPU ABI lose "fpu"
# there; callers that build such images filter it themselves.
function(sysboot_core_needs cpu out_var)
    set(v6 all)
    set(v7 all unprivileged vtor basepri mpu)
    if(cpu STREQUAL "cortex-m0")
        set(have ${v6} remap)
    elseif(cpu STREQUAL "cortex-m0plus")
        set(have ${v6} unprivileged vtor mpu)
    elseif(cpu STREQUAL "cortex-m3")
        set(have ${v7})
    elseif(cpu STREQUAL "cortex-m4")
        set(have ${v7} fpu)
    elseif(cpu STREQUAL "cortex-m7")
        set(have ${v7} fpu caches)
    elseif(cpu STREQUAL "cortex-m33")
        set(have ${v7} fpu stack_limits security)
    else()
        message(FATAL_ERROR "sysboot: no capability table for -mcpu=${cpu} "
                            "(cortex-m0, cortex-m0plus, cortex-m3, cortex-m4, cortex-m7, cortex-m33)")
    endif()
    set(${out_var} ${have} PARENT_SCOPE)
endfunction()

# sysboot_read_step_needs(<out-var>): the "need" column of steps.def, in step order.
function(sysboot_read_step_needs out_var)
    file(STRINGS ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/include/sysboot/steps.def lines
         REGEX "^SYSBOOT_STEP\\(")
    set(needs "")
    foreach(line IN LISTS lines)
        if(line MATCHES ", ([a-z_]+)\\)$")
            list(APPEND needs ${CMAKE_MATCH_1})
        endif()
    endforeach()
    set(${out_var} ${needs} PARENT_SCOPE)
endfunction()

# sysboot_cpu_of_flags(<out-var> <flags>...): the -mcpu value in a list of compiler flags
# ("" when there is none).
function(sysboot_cpu_of_flags out_var)
    set(cpu "")
    foreach(flag IN LISTS ARGN)
        if(flag MATCHES "^-mcpu=([a-z0-9-]+)")
            set(cpu ${CMAKE_MATCH_1})
        endif()
    endforeach()
    set(${out_var} ${cpu} PARENT_SCOPE)
endfunction()

# sysboot_cpu_definition(<out-var> <cpu>): SYSBOOT_CPU_CORTEX_M7 for cortex-m7 etc. (see
# sysboot/core/caps.hpp for why the compiler's own macros are not enough).
function(sysboot_cpu_definition out_var cpu)
    string(TOUPPER "${cpu}" upper)
    string(REPLACE "-" "_" upper "${upper}")
    set(${out_var} SYSBOOT_CPU_${upper} PARENT_SCOPE)
endfunction()

# As sysboot_read_steps, plus <failures-var>: the failure row (F1..F11) of each step.
function(sysboot_read_step_failures names_var silicon_var failures_var)
    # Relative to this file, so callers in any directory scope read the same list.
    file(STRINGS ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/include/sysboot/steps.def lines)
    set(failures "")
    set(names "")
    set(silicon "")
    foreach(line IN LISTS lines)
        if(line MATCHES "^[ \t]*//" OR NOT line MATCHES "SYSBOOT_STEP")
            continue()
        endif()
        if(NOT line MATCHES
           "^SYSBOOT_STEP\\(([a-z][a-z0-9_]*), (qemu|silicon), (F[1-9][0-9]?), ([a-z_]+)\\)$")
            message(FATAL_ERROR "steps.def: cannot parse '${line}' (one "
                                "SYSBOOT_STEP(name, qemu|silicon, F<n>, need) per line, column 0)")
        endif()
        set(name ${CMAKE_MATCH_1})
        if(name IN_LIST names)
            message(FATAL_ERROR "steps.def: step ${name} listed twice")
        endif()
        list(APPEND names ${name})
        list(APPEND failures ${CMAKE_MATCH_3})
        if(CMAKE_MATCH_2 STREQUAL "silicon")
            list(APPEND silicon ${name})
        endif()
    endforeach()
    if(NOT names)
        message(FATAL_ERROR "steps.def: no step found")
    endif()
    set(${names_var} ${names} PARENT_SCOPE)
    set(${silicon_var} ${silicon} PARENT_SCOPE)
    set(${failures_var} ${failures} PARENT_SCOPE)
endfunction()

# Adds SYSBOOT_STEP_COUNT_CMAKE=<n> to <target> (see steps.hpp).
function(sysboot_step_count_definition target scope)
    sysboot_read_steps(names silicon)
    list(LENGTH names count)
    target_compile_definitions(${target} ${scope} SYSBOOT_STEP_COUNT_CMAKE=${count})
endfunction()
