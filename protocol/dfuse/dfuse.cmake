# Portable DfuSe (AN3156) device engine and memory-layout parser: sources and include
# directory, for any build that links them (host: protocol/dfuse/CMakeLists.txt).
set(SYSBOOT_DFUSE_DIR ${CMAKE_CURRENT_LIST_DIR})
set(SYSBOOT_DFUSE_INCLUDE_DIR ${SYSBOOT_DFUSE_DIR}/include)
set(SYSBOOT_DFUSE_SOURCES
    ${SYSBOOT_DFUSE_DIR}/src/layout.cpp
    ${SYSBOOT_DFUSE_DIR}/src/descriptors.cpp
    ${SYSBOOT_DFUSE_DIR}/src/engine.cpp
    ${SYSBOOT_DFUSE_DIR}/src/usb_device.cpp
    ${SYSBOOT_DFUSE_DIR}/src/region_memory.cpp
    ${SYSBOOT_DFUSE_DIR}/src/cable.cpp)
