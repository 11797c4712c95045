#!/usr/bin/env bash
# run-unit.sh: runs every cmocka unit-test binary given as an argument and prints one
# closing line with the totals; exits non-zero if any test failed or a binary crashed.
set -u
passed=0 failed=0 broken=0
for bin in "$@"; do
  log=$(mktemp)
  "$bin" >"$log" 2>&1
  rc=$?
  cat "$log"
  p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
  f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
  if [ "$rc" -ne 0 ] && [ -z "$f" ]; then
    echo "run-unit: $bin exited with $rc before reporting" >&2
    broken=$((broken + 1))
  fi
  rm -f "$log"
done
echo "unit: $passed passed, $((failed + broken)) failed"
[ "$failed" -eq 0 ] && [ "$broken" -eq 0 ]
