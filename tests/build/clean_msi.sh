#!/usr/bin/env bash
# clean_msi.sh: a release built from a clean output folder is right whatever is built first
# (issue 9). Builds `make -j2 msi` alone into an empty OUT (the Windows programs before the
# boot programs, in parallel: the order that once shipped empty image sums), checks the
# generated own_pins.h against the built boot programs, installs that MSI silently under
# wine and runs the installed `pxebridge firmware verify`: every bundled image intact.
# Needs OUT with $OUT/win/tests/svcctl.exe (the wine helper; make test-build builds it).
# Last line: "clean-msi: N passed, M failed"; exit status non-zero on any failure.
set -u
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
. "$repo/tests/wine/lib.sh"

SVCCTL=$(realpath -m "$OUT/win/tests/svcctl.exe")
harness_start clean-msi
require_files "$SVCCTL"
clean_out=$(realpath -m "$OUT/clean-msi")
keep_on_failure "$clean_out"

rm -rf "$clean_out"
mkdir -p "$clean_out"
start=$SECONDS
# A newcomer's make: none of the enclosing make's flags or jobserver.
env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make --no-print-directory -C "$repo" -j2 \
  OUT="$clean_out" msi >"$clean_out/build.log" 2>&1
rc=$?
MSI=$clean_out/pxebridge-$VERSION-x64.msi
check "make -j2 msi from an empty output folder succeeds ($((SECONDS - start)) s)" \
  test "$rc" -eq 0 -a -f "$MSI"
[ "$rc" -eq 0 ] || tail -n 20 "$clean_out/build.log"

# own_pins.h holds each boot program's real sum, not an empty one.
for image in pxbinfo.0 pxbinfo.efi; do
  sum=$(sha256sum "$clean_out/firmware/$image" 2>/dev/null | cut -c1-64)
  check "own_pins.h carries the SHA-256 of the built $image" \
    grep -q "{\"$image\", \"${sum:-none}\"}" "$clean_out/win/gen/own_pins.h"
done

prefix_start
port=$(free_port)
msiexec /i "$(winpath "$MSI")" /qn /l*v "$(winpath "$clean_out/install.log")" \
  PORT="$port" BOOTSERVER=192.0.2.10
check "msiexec /i /qn of the clean build's MSI exits 0" test $? -eq 0

bindir=$WINEPREFIX/drive_c/Program\ Files/pxebridge
verify=$(w "$bindir/pxebridge.exe" firmware verify 2>&1)
rc=$?
verify=${verify//$'\r'/}
say "$verify" | sed 's/^/  | /'
check "the installed pxebridge firmware verify exits 0" test "$rc" -eq 0
check "firmware verify: every bundled image intact" \
  grep -q 'All [0-9]* images are intact' <<<"$verify"
check "firmware verify calls no image altered or missing" \
  sh -c '! grep -Eq "altered|missing" <<EOT
$1
EOT' _ "$verify"

finish
