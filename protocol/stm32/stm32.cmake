# STM32 family/part table (header-only, freestanding): include directory for any build that
# uses it (host: protocol/stm32/CMakeLists.txt; firmware: the stand-in ROM through pose.hpp).
# The flash map type comes from the AN3155 library's sector_map.hpp.
set(SYSBOOT_STM32_DIR ${CMAKE_CURRENT_LIST_DIR})
set(SYSBOOT_STM32_INCLUDE_DIR ${SYSBOOT_STM32_DIR}/include)
set(SYSBOOT_STM32_CHECK_SOURCE ${SYSBOOT_STM32_DIR}/src/table_check.cpp)
