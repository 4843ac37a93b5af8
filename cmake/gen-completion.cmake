# cmake -DTOOL=<sysboot binary> -DOUT=<file> -P gen-completion.cmake
# Writes the bash completion of `sysboot` from the binary's own --help output (global options,
# subcommands, each subcommand's options), so the completion cannot drift from the CLI.
cmake_minimum_required(VERSION 3.25)

# Options of one --help text: the first word of every line that starts with "  -", split at
# commas, without CLI11's "{false}" flag suffix ("--go,--no-go{false}").
function(help_options text out_var)
    string(REPLACE ";" "," text "${text}")
    string(REPLACE "\n" ";" lines "${text}")
    set(options "")
    foreach(line IN LISTS lines)
        if(line MATCHES "^  (-[^ ]+)")
            string(REGEX REPLACE "{[^}]*}" "" names "${CMAKE_MATCH_1}")
            string(REPLACE "," ";" names "${names}")
            list(APPEND options ${names})
        endif()
    endforeach()
    set(${out_var} ${options} PARENT_SCOPE)
endfunction()

function(run_help out_var)
    execute_process(COMMAND ${TOOL} ${ARGN} --help OUTPUT_VARIABLE text RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "${TOOL} ${ARGN} --help failed (${rc})")
    endif()
    set(${out_var} "${text}" PARENT_SCOPE)
endfunction()

run_help(top)
help_options("${top}" global_options)
# Subcommands: the first word of each line of the "Subcommands:" block.
string(REGEX MATCH "Subcommands:\n(  [a-z][^\n]*\n)+" block "${top}")
string(REGEX MATCHALL "\n  [a-z][a-z0-9-]*" subs "${block}")
list(TRANSFORM subs REPLACE "^\n  " "")
if(NOT subs)
    message(FATAL_ERROR "${TOOL} --help lists no subcommands")
endif()

string(JOIN " " global_words ${global_options})
string(JOIN " " sub_words ${subs})
set(cases "")
foreach(sub IN LISTS subs)
    run_help(text ${sub})
    help_options("${text}" sub_options)
    string(JOIN " " words ${sub_options})
    string(APPEND cases "        ${sub}) words=\"${words}\" ;;\n")
endforeach()

file(WRITE ${OUT} "# bash completion for sysboot (generated from `sysboot --help` at build time)
_sysboot() {
    local cur=\"\${COMP_WORDS[COMP_CWORD]}\" sub=\"\" i words
    for ((i = 1; i < COMP_CWORD; i++)); do
        case \" ${sub_words} \" in
            *\" \${COMP_WORDS[i]} \"*) sub=\"\${COMP_WORDS[i]}\"; break ;;
        esac
    done
    case \"\$sub\" in
${cases}        *) words=\"${global_words} ${sub_words}\" ;;
    esac
    if [[ \"\$cur\" == -* ]]; then
        COMPREPLY=(\$(compgen -W \"\$words\" -- \"\$cur\"))
    elif [[ -z \"\$sub\" ]]; then
        COMPREPLY=(\$(compgen -W \"${sub_words}\" -- \"\$cur\"))
    else
        # After the subcommand: image files, output files, addresses.
        COMPREPLY=(\$(compgen -f -- \"\$cur\"))
    fi
}
complete -o filenames -F _sysboot sysboot
")
