# Portable AN3155 target engine: sources and include directory, for any build that links it
# (host: protocol/an3155/CMakeLists.txt; firmware: the stand-in ROM adds these to its image).
set(SYSBOOT_AN3155_DIR ${CMAKE_CURRENT_LIST_DIR})
set(SYSBOOT_AN3155_INCLUDE_DIR ${SYSBOOT_AN3155_DIR}/include)
set(SYSBOOT_AN3155_SOURCES
    ${SYSBOOT_AN3155_DIR}/src/target.cpp
    ${SYSBOOT_AN3155_DIR}/src/flash_model.cpp
    ${SYSBOOT_AN3155_DIR}/src/protection.cpp
    ${SYSBOOT_AN3155_DIR}/src/memory_commands.cpp
    ${SYSBOOT_AN3155_DIR}/src/legacy_erase.cpp)
