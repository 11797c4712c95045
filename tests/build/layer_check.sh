#!/usr/bin/env bash
# layer_check.sh: checks the one-way layers of docs/architecture.md over the #include "..."
# lines of the product's sources (issue 14). A file may include a header of its own folder,
# or of a lower layer that is portable or of its own OS; never a higher layer, and never a
# layer of its own rank in another folder (the programs, the two OS backends). It also fails
# on any cycle between files, a header and the .c of one name in one folder taken as one
# node (foo.h + foo.c), found with tsort; on a header name that two layer folders both hold
# (the include paths would pick either); and on an include of a header no layer holds.
# The compiler enforces the same layers (the Makefile's per-layer -I paths); this check
# names the file and line and also sees cycles inside one layer.
# It also fails on a folder of service/ or dhcpext/ with sources that is no layer of its
# table. First it proves it can fail: on copies of the tree with one wrong include, a cycle
# or a stray source added.
# Usage: layer_check.sh           the self-test, then the repository
#        layer_check.sh ROOT      ROOT only (a tree with service/ and dhcpext/)
# Last line: "layer-check: N passed, M failed"; exit status non-zero on any failure.
set -euo pipefail
shopt -s inherit_errexit
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
. "$here/../lib/harness.sh"
harness_start layer-check

# The layers, bottom to top: rank, folder, platform (any: portable C, compiled natively and
# for Windows; posix or win32: that OS only). Same rank, other folder: may not include it.
LAYERS='
1  service/base           any
2  service/os             any
3  service/os/posix       posix
3  service/os/win32       win32
4  service/tftp           any
5  service/http           any
6  dhcpext/plan           any
7  dhcpext/msdhcp         any
7  dhcpext/proxy          any
8  dhcpext/msdhcp/win32   win32
9  service/runtime        any
10 service/runtime/win32  win32
11 service/winsvc         win32
11 service/cli            win32
11 service/tftpd          posix
'
# Headers the build generates into out/win/gen (Makefile), and who may include them.
GENERATED='
messages.h     service/os/win32
ipxe_pins.h    service/cli
own_pins.h     service/cli
signed_pins.h  service/cli
'

# violations ROOT: one line per broken rule, "file:line: what" (nothing when all is well).
violations() {
  local root=$1 folder files=()
  for folder in $(awk 'NF { print $2 }' <<<"$LAYERS"); do
    [ -d "$root/$folder" ] || continue
    files+=($(cd "$root" && find "$folder" -maxdepth 1 -type f \( -name '*.c' -o -name '*.h' \) | sort))
  done
  [ "${#files[@]}" -gt 0 ] || { echo "$root: no layer folder holds a source file"; return 0; }
  (cd "$root" && awk -v layers="$LAYERS" -v generated="$GENERATED" -f "$here/layer_rules.awk" \
    "${files[@]}")
  cycles "$root" "${files[@]}"
  unlisted "$root"
}

# cycles ROOT FILE...: the loops tsort finds in the include graph, one node per folder/name.
cycles() {
  local root=$1 loop
  shift
  loop=$(cd "$root" && awk -v layers="$LAYERS" -v generated="$GENERATED" -v edges=1 \
    -f "$here/layer_rules.awk" "$@" | tsort 2>&1 >/dev/null | sed -n 's/^tsort: //p' |
    grep -v 'input contains a loop' | tr '\n' ' ' || true)
  [ -z "$loop" ] || echo "include cycle between: $loop"
}

# unlisted ROOT: the sources of service/ and dhcpext/ in a folder the table lacks (an old
# folder a merge brought a new file into, or a new layer nobody placed).
unlisted() {
  local root=$1
  (cd "$root" && find service dhcpext -type f \( -name '*.c' -o -name '*.h' \) | sort |
    awk -v layers="$LAYERS" 'BEGIN { n = split(layers, l, "\n")
                                     for (i = 1; i <= n; i++) if (split(l[i], f, " ") == 3) ok[f[2]] = 1 }
      { d = $0; sub(/\/[^\/]*$/, "", d)
        if (!(d in ok)) print $0 ": in " d "/, which is no layer (docs/architecture.md says where it goes)" }')
}

# expect_caught WHAT FILE LINE: a copy of the tree with LINE added at the top of FILE (made if
# missing) must give a violation naming FILE.
expect_caught() {
  local what=$1 file=$2 line=$3 tmp found
  tmp=$(mktemp -d)
  cp -r "$repo/service" "$repo/dhcpext" "$tmp/"
  mkdir -p "$(dirname "$tmp/$file")"
  [ -s "$tmp/$file" ] || echo >"$tmp/$file"
  sed -i "1i $line" "$tmp/$file"
  found=$(violations "$tmp")
  rm -rf "$tmp"
  if grep -q "${file%.*}" <<<"$found"; then
    pass "the check fails on $what ($(head -n 1 <<<"$found"))"
  else
    fail "the check fails on $what ($file: $line; got: ${found:-nothing})"
  fi
}

if [ "$#" -eq 0 ]; then
  expect_caught "an include that points up a layer" service/base/log.c '#include "runtime.h"'
  expect_caught "an include sideways between programs" service/cli/console.c \
    '#include "service_run.h"'
  expect_caught "portable code including a Windows header" service/runtime/config.c \
    '#include "win_text.h"'
  expect_caught "a cycle between files of one layer" service/base/suggest.h \
    '#include "cli_options.h"'
  expect_caught "a source in a folder that is no layer" service/core/stray.c \
    '#include "log.h"'
  root=$repo
else
  root=$1
fi

found=$(violations "$root")
if [ -z "$found" ]; then
  pass "every #include of $root points down a layer or within its folder, and no files form a cycle"
else
  fail "includes that break the layers (docs/architecture.md):"
  printf '%s\n' "$found" | sed 's/^/  /'
fi

finish
