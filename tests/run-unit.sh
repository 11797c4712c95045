#!/usr/bin/env bash
# run-unit.sh: runs every cmocka unit-test binary given as an argument and prints one
# closing line with the totals (tests/lib/harness.sh's); exits non-zero if any test failed
# or a binary crashed (a FAIL line names it).
set -u
. "$(dirname "$0")/lib/harness.sh"
harness_start unit
scratch_dir logs unit
for bin in "$@"; do
  log=$logs/$(basename "$bin").log
  "$bin" >"$log" 2>&1
  rc=$?
  cat "$log"
  p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
  f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
  if [ "$rc" -ne 0 ] && [ -z "$f" ]; then
    fail "$bin exited with $rc before reporting"
  fi
done
finish
