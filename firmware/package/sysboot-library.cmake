# sysboot added to another project (add_subdirectory, FetchContent) or configured with
# SYSBOOT_LIBRARY_ONLY: the firmware library targets from the source tree, nothing else
# (no boards, apps, rig, host tool or tests). See docs/install.md.
set(SYSBOOT_PKG_CORE_SOURCES ${CMAKE_CURRENT_LIST_DIR}/../sysboot/src)
set(SYSBOOT_PKG_STM32F7_SOURCES ${CMAKE_CURRENT_LIST_DIR}/../chips/stm32f7/src)
set(SYSBOOT_PKG_INCLUDE_DIRS ${CMAKE_CURRENT_LIST_DIR}/../sysboot/include
    ${CMAKE_CURRENT_LIST_DIR}/../cortex-m/include ${CMAKE_CURRENT_LIST_DIR}/../chips/common/include
    ${CMAKE_CURRENT_LIST_DIR}/../chips/stm32f7/include)
include(${CMAKE_CURRENT_LIST_DIR}/sysboot-targets.cmake)
