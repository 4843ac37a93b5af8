# sysboot_read_steps(<names-var> <silicon-only-var>): the hand-off steps of
# include/sysboot/steps.def, in order, and those only the STM32F7 model can observe. The
# C++ side reads the same file through the preprocessor; SYSBOOT_STEP_COUNT_CMAKE (set by
# sysboot_step_count_definition) lets the compiler check that both see the same list.
set(SYSBOOT_STEPS_DEF ${CMAKE_CURRENT_LIST_DIR}/include/sysboot/steps.def)
if(NOT CMAKE_SCRIPT_MODE_FILE)
    # Editing the list re-runs the configure step, so new steps get their images.
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${SYSBOOT_STEPS_DEF})
endif()

function(sysboot_read_steps names_var silicon_var)
    sysboot_read_step_failures(names silicon failures)
    set(${names_var} ${names} PARENT_SCOPE)
    set(${silicon_var} ${silicon} PARENT_SCOPE)
endfunction()

# As sysboot_read_steps, plus <failures-var>: the failure row (F1..F9) of each step.
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
        if(NOT line MATCHES "^SYSBOOT_STEP\\(([a-z][a-z0-9_]*), (qemu|silicon), (F[1-9])\\)$")
            message(FATAL_ERROR "steps.def: cannot parse '${line}' (one "
                                "SYSBOOT_STEP(name, qemu|silicon, F<n>) per line, column 0)")
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
