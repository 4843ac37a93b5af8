# Install rules of the firmware library (component "library"): headers under include/sysboot,
# sources under share/sysboot/src, and a CMake package config that builds them with the
# consumer's toolchain. A Makefile project uses the same headers and sources (docs/install.md).
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)
set(SYSBOOT_INSTALL_SRCDIR ${CMAKE_INSTALL_DATADIR}/sysboot/src)
set(SYSBOOT_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/sysboot)
set(fw ${CMAKE_SOURCE_DIR}/firmware)
# board_kit.hpp is the example boards' code, not the library's.
foreach(dir ${fw}/sysboot/include/ ${fw}/cortex-m/include/ ${fw}/chips/common/include/
            ${fw}/chips/stm32f7/include/)
    install(DIRECTORY ${dir} DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT library
            PATTERN board_kit.hpp EXCLUDE)
endforeach()
install(DIRECTORY ${fw}/sysboot/src/ DESTINATION ${SYSBOOT_INSTALL_SRCDIR}/sysboot
        COMPONENT library)
# Only the chip's library sources; board_kit/auth_kit are the example boards' code.
install(FILES ${fw}/chips/stm32f7/src/device.cpp ${fw}/chips/stm32f7/src/hooks.cpp
              ${fw}/chips/stm32f7/src/c_api.cpp ${fw}/chips/stm32f7/src/rng.cpp
              ${fw}/chips/stm32f7/part.cmake
        DESTINATION ${SYSBOOT_INSTALL_SRCDIR}/stm32f7 COMPONENT library)
file(RELATIVE_PATH SYSBOOT_CONFIG_TO_PREFIX /prefix/${SYSBOOT_INSTALL_CMAKEDIR} /prefix)
configure_file(${fw}/package/sysbootConfig.cmake.in
               ${CMAKE_BINARY_DIR}/package/sysbootConfig.cmake @ONLY)
write_basic_package_version_file(${CMAKE_BINARY_DIR}/package/sysbootConfigVersion.cmake
    VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion ARCH_INDEPENDENT)
install(FILES ${CMAKE_BINARY_DIR}/package/sysbootConfig.cmake
              ${CMAKE_BINARY_DIR}/package/sysbootConfigVersion.cmake
              ${fw}/package/sysboot-targets.cmake
        DESTINATION ${SYSBOOT_INSTALL_CMAKEDIR} COMPONENT library)
