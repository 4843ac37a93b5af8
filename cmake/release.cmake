# The release build (SYSBOOT_HOST_TOOL_ONLY): install rules for the host tool, its man page
# and bash completion, both generated from the built binary, and the Debian package (CPack).
include(GNUInstallDirs)

find_program(SYSBOOT_HELP2MAN help2man REQUIRED)
set(SYSBOOT_MAN_PAGE ${CMAKE_BINARY_DIR}/sysboot.1)
set(SYSBOOT_MAN_COMMANDS ${CMAKE_BINARY_DIR}/sysboot-commands.h2m)
set(SYSBOOT_COMPLETION ${CMAKE_BINARY_DIR}/sysboot.bash-completion)
# help2man reads `sysboot --help` and `sysboot --version`, and each `sysboot <command> --help`
# becomes a COMMANDS section: the page documents the binary that ships, not a copy.
add_custom_command(OUTPUT ${SYSBOOT_MAN_COMMANDS}
    COMMAND ${CMAKE_COMMAND} -DTOOL=$<TARGET_FILE:sysboot_cli> -DOUT=${SYSBOOT_MAN_COMMANDS}
            -P ${CMAKE_SOURCE_DIR}/cmake/gen-man-commands.cmake
    DEPENDS sysboot_cli ${CMAKE_SOURCE_DIR}/cmake/gen-man-commands.cmake
    VERBATIM)
add_custom_command(OUTPUT ${SYSBOOT_MAN_PAGE}
    COMMAND ${SYSBOOT_HELP2MAN} --no-info --section=1
            --name "update STM32 firmware through the ROM bootloader"
            --include=${SYSBOOT_MAN_COMMANDS}
            --output=${SYSBOOT_MAN_PAGE} $<TARGET_FILE:sysboot_cli>
    DEPENDS sysboot_cli ${SYSBOOT_MAN_COMMANDS}
    COMMENT "Generating the sysboot(1) man page with help2man"
    VERBATIM)
add_custom_command(OUTPUT ${SYSBOOT_COMPLETION}
    COMMAND ${CMAKE_COMMAND} -DTOOL=$<TARGET_FILE:sysboot_cli> -DOUT=${SYSBOOT_COMPLETION}
            -P ${CMAKE_SOURCE_DIR}/cmake/gen-completion.cmake
    DEPENDS sysboot_cli ${CMAKE_SOURCE_DIR}/cmake/gen-completion.cmake
    COMMENT "Generating the sysboot bash completion from --help"
    VERBATIM)
add_custom_target(sysboot_docs ALL DEPENDS ${SYSBOOT_MAN_PAGE} ${SYSBOOT_COMPLETION})

install(TARGETS sysboot_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT tool)
install(FILES ${SYSBOOT_MAN_PAGE} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT tool)
install(FILES ${SYSBOOT_COMPLETION} RENAME sysboot
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions COMPONENT tool)

# Debian package of the tool alone (the firmware library's sources are component
# "library", installed by `cmake --install` but not packaged). dpkg-shlibdeps derives the
# runtime dependencies (libserialport0, libelf1, libsrecord0, libfmt9...) from the binary.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME sysboot)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "sysboot maintainers <sysboot@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "update STM32 firmware through the ROM bootloader (AN3155 USART)")
set(CPACK_PACKAGE_INSTALL_DIRECTORY sysboot)
set(CPACK_INSTALL_CMAKE_PROJECTS "${CMAKE_BINARY_DIR};sysboot;tool;/")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION embedded)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_STRIP_FILES ON)
set(CPACK_OUTPUT_FILE_PREFIX ${CMAKE_BINARY_DIR}/packages)
include(CPack)
