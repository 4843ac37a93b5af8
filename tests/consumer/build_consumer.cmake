# cmake -DSRC=<consumer dir> -DBUILD=<build dir> -DTOOLCHAIN=<file> [-DARGS=a;b] [-DRUN=<cmd>]
#       [-DELF=<image>] -P build_consumer.cmake
# Configures and builds one consumer project from scratch as its user would (cmake + the cross
# toolchain, or make for a Makefile project), then runs RUN on the image.
cmake_minimum_required(VERSION 3.25)
file(REMOVE_RECURSE ${BUILD})
if(EXISTS ${SRC}/CMakeLists.txt)
    execute_process(COMMAND ${CMAKE_COMMAND} -S ${SRC} -B ${BUILD} -G Ninja
                            -DCMAKE_TOOLCHAIN_FILE=${TOOLCHAIN} ${ARGS}
                    RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "configure of ${SRC} failed")
    endif()
    execute_process(COMMAND ${CMAKE_COMMAND} --build ${BUILD} -j2 RESULT_VARIABLE rc)
else()
    file(MAKE_DIRECTORY ${BUILD})
    execute_process(COMMAND make -C ${SRC} -j2 BUILD=${BUILD} ${ARGS} RESULT_VARIABLE rc)
endif()
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "build of ${SRC} failed")
endif()
if(RUN)
    execute_process(COMMAND ${RUN} ${BUILD}/${ELF} RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "${BUILD}/${ELF} did not reach the ROM as required")
    endif()
endif()
