# The emulated boards ("rigs"): QEMU machines with a boot stub, a stand-in ROM and the
# scenario images, one per Cortex-M core class (docs/emulated-board.md). Read by the cross
# build (which images to build) and by the host build (which tests to register).
#   board          QEMU machine  core  architecture  console UART  -mcpu
set(SYSBOOT_RIG_TABLE
    "qemu-an500    mps2-an500    m7    v7m           cmsdk         cortex-m7"
    "qemu-an385    mps2-an385    m3    v7m           cmsdk         cortex-m3"
    "qemu-an386    mps2-an386    m4    v7m           cmsdk         cortex-m4"
    "qemu-an505    mps2-an505    m33   v8m           cmsdk         cortex-m33"
    "qemu-microbit microbit      m0    v6m           nrf51         cortex-m0")
set(SYSBOOT_RIG_BOARDS "")
foreach(row IN LISTS SYSBOOT_RIG_TABLE)
    string(REGEX MATCH "^[^ ]+" b "${row}")
    list(APPEND SYSBOOT_RIG_BOARDS ${b})
endforeach()

# sysboot_rig_facts(<board> <arch-var> <console-var> [<core-var> [<machine-var> [<cpu-var>]]])
function(sysboot_rig_facts board arch_var console_var)
    foreach(row IN LISTS SYSBOOT_RIG_TABLE)
        string(REGEX REPLACE " +" ";" f "${row}")
        list(GET f 0 b)
        if(b STREQUAL board)
            list(GET f 1 machine)
            list(GET f 2 core)
            list(GET f 3 arch)
            list(GET f 4 console)
            list(GET f 5 cpu)
            set(${arch_var} ${arch} PARENT_SCOPE)
            set(${console_var} ${console} PARENT_SCOPE)
            if(ARGC GREATER 3)
                set(${ARGV3} ${core} PARENT_SCOPE)
            endif()
            if(ARGC GREATER 4)
                set(${ARGV4} ${machine} PARENT_SCOPE)
            endif()
            if(ARGC GREATER 5)
                set(${ARGV5} ${cpu} PARENT_SCOPE)
            endif()
            return()
        endif()
    endforeach()
    message(FATAL_ERROR "sysboot_rig_facts: ${board} is not an emulated board")
endfunction()
