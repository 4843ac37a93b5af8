# sysboot added to another project (add_subdirectory, FetchContent) or configured with
# SYSBOOT_LIBRARY_ONLY: the firmware library targets from the source tree, nothing else
# (no boards, apps, rig, host tool or tests). See docs/install.md.
set(SYSBOOT_PKG_CORE_SOURCES ${CMAKE_CURRENT_LIST_DIR}/../sysboot/src)
include(${CMAKE_CURRENT_LIST_DIR}/sysboot-chips.cmake)
set(SYSBOOT_PKG_CHIP_SOURCE_ROOT ${CMAKE_CURRENT_LIST_DIR}/../chips)
set(SYSBOOT_PKG_CHIP_SOURCE_SUFFIX /src)
set(SYSBOOT_PKG_INCLUDE_DIRS ${CMAKE_CURRENT_LIST_DIR}/../sysboot/include
    ${CMAKE_CURRENT_LIST_DIR}/../cortex-m/include ${CMAKE_CURRENT_LIST_DIR}/../chips/common/include
    ${CMAKE_CURRENT_LIST_DIR}/../../protocol/stm32/include
    ${CMAKE_CURRENT_LIST_DIR}/../../protocol/an3155/include)
foreach(_chip IN LISTS SYSBOOT_PKG_CHIPS)
    list(APPEND SYSBOOT_PKG_INCLUDE_DIRS ${CMAKE_CURRENT_LIST_DIR}/../chips/${_chip}/include)
endforeach()
unset(_chip)
include(${CMAKE_CURRENT_LIST_DIR}/sysboot-targets.cmake)
