# `format` rewrites, `format-check` fails on any file that differs from .clang-format.
find_program(CLANG_FORMAT NAMES clang-format-14 clang-format)
if(CLANG_FORMAT)
    file(GLOB_RECURSE SYSBOOT_FORMAT_FILES CONFIGURE_DEPENDS
         ${CMAKE_SOURCE_DIR}/firmware/*.cpp ${CMAKE_SOURCE_DIR}/firmware/*.hpp
         ${CMAKE_SOURCE_DIR}/firmware/*.h ${CMAKE_SOURCE_DIR}/firmware/*.c
         ${CMAKE_SOURCE_DIR}/emu/*.cpp ${CMAKE_SOURCE_DIR}/emu/*.hpp
         ${CMAKE_SOURCE_DIR}/protocol/*.cpp ${CMAKE_SOURCE_DIR}/protocol/*.hpp
         ${CMAKE_SOURCE_DIR}/host/*.cpp ${CMAKE_SOURCE_DIR}/host/*.hpp
         ${CMAKE_SOURCE_DIR}/tests/*.cpp ${CMAKE_SOURCE_DIR}/tests/*.hpp ${CMAKE_SOURCE_DIR}/tests/*.c
         ${CMAKE_SOURCE_DIR}/bench/*.cpp ${CMAKE_SOURCE_DIR}/bench/*.hpp
         ${CMAKE_SOURCE_DIR}/protocol/*.cpp ${CMAKE_SOURCE_DIR}/protocol/*.hpp)
    add_custom_target(format COMMAND ${CLANG_FORMAT} -i ${SYSBOOT_FORMAT_FILES}
                      WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
    add_custom_target(format-check
                      COMMAND ${CLANG_FORMAT} --dry-run --Werror ${SYSBOOT_FORMAT_FILES}
                      WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
    add_test(NAME format-check
             COMMAND ${CLANG_FORMAT} --dry-run --Werror ${SYSBOOT_FORMAT_FILES}
             WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
    set_tests_properties(format-check PROPERTIES LABELS "format")
endif()
