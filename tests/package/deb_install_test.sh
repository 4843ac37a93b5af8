#!/usr/bin/env bash
# deb_install_test.sh <source dir> <build dir> <project version>
# The release path a user takes: configure the `release` preset in its own build dir, build,
# cpack the .deb, install it with dpkg, run the INSTALLED /usr/bin/sysboot (--version must be
# the CMake project version, --help must answer, the man page and the bash completion must
# be where man and bash-completion look), then remove it and check the binary is gone.
# Needs root (dpkg). Never leaves the package installed, and refuses to touch a sysboot
# package that was installed before it started.
set -euo pipefail
src=$1 build=$2 version=$3

fail() { echo "FAIL: $*" >&2; exit 1; }

if dpkg-query -W -f='${Status}' sysboot 2>/dev/null | grep -q "install ok installed"; then
    fail "a sysboot package is already installed; this test would replace it"
fi
installed=0
cleanup() {
    if [ "$installed" = 1 ]; then dpkg -r sysboot >/dev/null || true; fi
}
trap cleanup EXIT

cd "$src"
start=$(date +%s)
# GoogleTest disabled: the release build must not need it (nor the rig's packages).
cmake --preset release -B "$build" -DCMAKE_DISABLE_FIND_PACKAGE_GTest=ON >/dev/null
cmake --build "$build" -j2 >/dev/null
(cd "$build" && cpack -G DEB >/dev/null)
deb="$build/packages/sysboot_${version}_$(dpkg --print-architecture).deb"
[ -f "$deb" ] || fail "cpack wrote no $deb"
echo "built $deb ($(stat -c %s "$deb") bytes) in $(($(date +%s) - start)) s"

depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
for lib in libserialport0 libelf1 libsrecord0 libfmt9 libusb-1.0-0; do
    [[ "$depends" == *"$lib"* ]] || fail "Depends lacks $lib"
done

installed=1
dpkg -i "$deb" >/dev/null
[ -x /usr/bin/sysboot ] || fail "/usr/bin/sysboot not installed"
got=$(/usr/bin/sysboot --version)
[ "$got" = "sysboot $version" ] || fail "--version printed '$got', want 'sysboot $version'"
# Captured first: `| grep -q` would close the pipe early and, under pipefail, fail the run.
help=$(/usr/bin/sysboot --help)
[[ "$help" == *"Subcommands:"* ]] || fail "--help lists no subcommands"
page=$(man -w sysboot 2>/dev/null || true)
[ "$page" = /usr/share/man/man1/sysboot.1.gz ] || [ "$page" = /usr/share/man/man1/sysboot.1 ] ||
    fail "man -w sysboot found '$page'"
text=$(man -l "$page" 2>/dev/null)
grep -q -- "--port" <<<"$text" || fail "the man page does not document --port"
grep -q -- "--resume" <<<"$text" || fail "the man page does not document flash --resume"
completion=/usr/share/bash-completion/completions/sysboot
[ -f "$completion" ] || fail "no bash completion at $completion"
# The completion must complete a subcommand and a subcommand's option.
words=$(bash -c "source $completion; COMP_WORDS=(sysboot fl); COMP_CWORD=1; _sysboot; echo \${COMPREPLY[*]}
                 COMP_WORDS=(sysboot flash --res); COMP_CWORD=2; _sysboot; echo \${COMPREPLY[*]}")
[ "$words" = $'flash\n--resume' ] || fail "completion answered '$words'"

dpkg -r sysboot >/dev/null
installed=0
[ ! -e /usr/bin/sysboot ] || fail "/usr/bin/sysboot still there after dpkg -r"
[ ! -e "$completion" ] || fail "$completion still there after dpkg -r"
echo "installed, ran $got, removed: ok"
