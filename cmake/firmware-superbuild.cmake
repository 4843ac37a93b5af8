# The host build drives a nested cross build of every firmware image the tests need.
# Images land in ${SYSBOOT_IMAGE_DIR} (<name>.elf and <name>.bin) so tests find them by name.
include(ExternalProject)
set(SYSBOOT_IMAGE_DIR ${CMAKE_BINARY_DIR}/images)
set(SYSBOOT_FIRMWARE_BOARDS "all" CACHE STRING "Boards the host build cross-compiles")
ExternalProject_Add(firmware
    SOURCE_DIR ${CMAKE_SOURCE_DIR}
    BINARY_DIR ${CMAKE_BINARY_DIR}/firmware
    CMAKE_GENERATOR Ninja
    CMAKE_ARGS
        -DCMAKE_TOOLCHAIN_FILE=${CMAKE_SOURCE_DIR}/cmake/arm-none-eabi.cmake
        -DCMAKE_BUILD_TYPE=Release
        -DSYSBOOT_BOARDS=${SYSBOOT_FIRMWARE_BOARDS}
        -DSYSBOOT_IMAGE_DIR=${SYSBOOT_IMAGE_DIR}
        -DSYSBOOT_TEST_IMAGES=ON
    BUILD_ALWAYS ON
    INSTALL_COMMAND ""
    USES_TERMINAL_BUILD ON)
