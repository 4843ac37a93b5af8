# cmake -DTOOL=<sysboot binary> -DOUT=<file> -P gen-man-commands.cmake
# Writes a help2man include file with a COMMANDS section: the --help text of every subcommand
# the binary lists, so the man page documents each command's own options too.
cmake_minimum_required(VERSION 3.25)

function(run_help out_var)
    execute_process(COMMAND ${TOOL} ${ARGN} --help OUTPUT_VARIABLE text RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "${TOOL} ${ARGN} --help failed (${rc})")
    endif()
    set(${out_var} "${text}" PARENT_SCOPE)
endfunction()

run_help(top)
string(REGEX MATCH "Subcommands:\n(  [a-z][^\n]*\n)+" block "${top}")
string(REGEX MATCHALL "\n  [a-z][a-z0-9-]*" subs "${block}")
list(TRANSFORM subs REPLACE "^\n  " "")
if(NOT subs)
    message(FATAL_ERROR "${TOOL} --help lists no subcommands")
endif()

set(page "[COMMANDS]\n")
foreach(sub IN LISTS subs)
    run_help(text ${sub})
    # The exit codes and notes every command repeats are in the main text already.
    string(REGEX REPLACE "\n\nExit codes:.*" "\n" text "${text}")
    # roff: a backslash prints as \e; a line starting with . or ' would be a request.
    string(REPLACE "\\" "\\e" text "${text}")
    string(REGEX REPLACE "\n([.'])" "\n\\\\&\\1" text "${text}")
    string(APPEND page ".SS \"sysboot ${sub}\"\n.nf\n${text}.fi\n")
endforeach()
file(WRITE ${OUT} "${page}")
