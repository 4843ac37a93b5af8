# cmake -P: SYSBOOT_STM32F7_PART names -> the DEV_ID of the part's line (RM0385/RM0410/RM0431
# §40.6.1: 0x449 F74x/F75x, 0x451 F76x/F77x, 0x452 F72x/F73x), as
# firmware/chips/stm32f7/part.cmake maps them. -DPART_CMAKE=<part.cmake>; with -DBAD=<name>, the
# mapping must stop on that name instead (the test is run with WILL_FAIL for it).
cmake_minimum_required(VERSION 3.25)
include(${PART_CMAKE})
if(DEFINED BAD)
    sysboot_stm32f7_part_dev_id("${BAD}" id)
    message(STATUS "accepted ${BAD} as ${id}")
    return()
endif()
sysboot_stm32f7_part_dev_id("" id)
if(NOT id STREQUAL "")
    message(FATAL_ERROR "an empty SYSBOOT_STM32F7_PART gave '${id}', want every line ('')")
endif()
set(cases "F767=0x451" "STM32F767ZI=0x451" "f769=0x451" "F77x=0x451" "F746=0x449"
    "STM32F746NG=0x449" "F756=0x449" "F74x=0x449" "F722=0x452" "stm32f733ie=0x452" "F72X=0x452")
foreach(c IN LISTS cases)
    string(REPLACE "=" ";" pair "${c}")
    list(GET pair 0 part)
    list(GET pair 1 want)
    sysboot_stm32f7_part_dev_id("${part}" id)
    if(NOT "${id}" STREQUAL "${want}")
        message(FATAL_ERROR "SYSBOOT_STM32F7_PART=${part}: DEV_ID '${id}', want '${want}'")
    endif()
endforeach()
message(STATUS "STM32F7 part names map to their lines")
