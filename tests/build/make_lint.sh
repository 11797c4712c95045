#!/usr/bin/env bash
# make_lint.sh: checks the Makefile (and build/*.mk) for the mistakes that let a clean build
# ship a wrong file (issue 9): a prerequisite list that expands a variable defined further
# down (make expands prerequisites as it reads them, so the list comes out empty and the
# target is made before its inputs), and recipes whose failed commands do not fail the
# target (a pipeline without pipefail). It reads every goal of the README and the Makefile
# with `make -n --warn-undefined-variables` into an empty output folder, so nothing is built.
# First it proves the check itself works on a small makefile with that mistake.
# Last line: "make-lint: N passed, M failed"; exit status non-zero on any failure.
set -u
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
. "$here/../lib/harness.sh"
harness_start make-lint
scratch_dir tmp make-lint

# undefined_uses DIR GOAL...: the "undefined variable" warnings make gives while reading the
# makefile in DIR and planning GOALs, one per line (none: nothing printed). The environment
# of an enclosing make is dropped so the goals are read as a newcomer's shell would.
undefined_uses() {
  local dir=$1
  shift
  env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL \
    make -n --no-print-directory --warn-undefined-variables -C "$dir" OUT="$tmp/out" "$@" 2>&1 |
    grep 'warning: undefined variable' | sort -u
}

# The check on a makefile with the mistake: it must name the variable.
mkdir -p "$tmp/bad"
cat >"$tmp/bad/Makefile" <<'MK'
gen.h: $(IMAGES)
	cat $(IMAGES) >$@
IMAGES := a.bin
MK
found=$(undefined_uses "$tmp/bad" gen.h)
if printf '%s' "$found" | grep -q "undefined variable 'IMAGES'"; then
  pass "the check names a prerequisite variable defined after its use"
else
  fail "the check names a prerequisite variable defined after its use (got: ${found:-nothing})"
fi

goals=(all native msi check unit fuzz integration test-firmware test-build wine e2e demo bench
       bench-short)
found=$(undefined_uses "$repo" "${goals[@]}")
if [ -z "$found" ]; then
  pass "no goal of the Makefile uses a variable before it is defined (${goals[*]})"
else
  fail "variables used before they are defined:"
  printf "%s\n" "$found" | sed "s/^/  /"
fi

shell_flags=$(env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -C "$repo" -pn OUT="$tmp/out" all 2>/dev/null |
  sed -n 's/^\.SHELLFLAGS := //p' | head -n 1)
case "$shell_flags" in
  *pipefail*) pass "recipes run with pipefail (.SHELLFLAGS = $shell_flags)" ;;
  *) fail "recipes run with pipefail (.SHELLFLAGS = ${shell_flags:-unset})" ;;
esac

# A recipe line that swallows its own failure: '|| true', '|| :', or '; true' at its end.
hidden=$(grep -nE '^	.*(\|\|[[:space:]]*(true|:)|;[[:space:]]*true)[[:space:]]*$' \
  "$repo/Makefile" "$repo"/build/*.mk)
if [ -z "$hidden" ]; then
  pass "no recipe line ignores its own failure"
else
  fail "recipe lines that ignore their failure:"
  printf "%s\n" "$hidden" | sed "s/^/  /"
fi

finish
