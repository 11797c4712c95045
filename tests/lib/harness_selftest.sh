#!/usr/bin/env bash
# harness_selftest.sh: the shell test harness tested (make test-build). Each case runs a
# small suite in a child bash that sources tests/lib/harness.sh (and tests/wine/lib.sh for
# its helpers, with wine replaced by running the program natively) and checks what it
# printed and how it exited: a failing check gives a FAIL line and a non-zero exit, every
# function of the harness and the wine layer's px/expect/out_has family keeps its meaning.
# Needs no build and no wine. Last line: "harness-selftest: N passed, M failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/harness.sh"
harness_start harness-selftest
scratch_dir work harness-selftest

# suite NAME BODY: runs BODY as a suite named NAME in a child bash (the harness, the wine
# layer and double_lib.sh sourced, `w` running programs natively); its output in $work/NAME.out, its
# exit status in $work/NAME.rc.
suite() {
  bash -c '
    set -u
    OUT=$1
    . "$2/../wine/lib.sh"
    . "$2/../wine/double_lib.sh"
    w() { timeout 10 "$@" </dev/null; }
    harness_start "$3"
    eval "$4"
  ' _ "$work" "$here" "$1" "$2" >"$work/$1.out" 2>&1
  echo $? >"$work/$1.rc"
}
# printed NAME TEXT: the output of suite NAME has the line TEXT.
printed() { grep -qxF -- "$2" "$work/$1.out"; }
exited() { [ "$(cat "$work/$1.rc")" "$2" 0 ]; }

suite failing 'check "false fails" false; check "true passes" true; finish'
check "a failing check prints its FAIL line" printed failing "FAIL: false fails"
check "a passing check prints its PASS line" printed failing "PASS: true passes"
check "the closing line counts both" printed failing "failing: 1 passed, 1 failed"
check "a suite with a failing check exits non-zero" exited failing -ne

suite passing 'pass "one"; check "two" test 1 -eq 1; finish'
check "a suite where everything passed exits 0" exited passing -eq
check "... with its closing line" printed passing "passing: 2 passed, 0 failed"

suite same 'check_same "equal" "a b" "a b"; check_same "differ" x y; finish'
check "check_same passes equal values and fails naming both" \
  sh -c 'grep -qxF "PASS: equal" "$1" && grep -qxF "FAIL: differ (got '"'x'"', want '"'y'"')" "$1"' \
  _ "$work/same.out"

suite failed 'fail "by hand"; pass "after"; summary; finish'
check "fail counts and prints a FAIL line" printed failed "FAIL: by hand"
check "summary prints the closing line" printed failed "failed: 1 passed, 1 failed"
check "fail makes finish exit non-zero" exited failed -ne

suite aborted 'abort "stopping here"; pass "never"'
check "abort prints a FAIL line" printed aborted "FAIL: stopping here"
check "abort prints the closing line and exits 1" \
  sh -c 'grep -qxF "aborted: 0 passed, 1 failed" "$1.out" && [ "$(cat "$1.rc")" = 1 ]' _ "$work/aborted"
check "nothing runs after abort" sh -c '! grep -q never "$1"' _ "$work/aborted.out"

suite required 'require_files "$2/harness.sh"; require_files /no/such/file; pass "never"'
check "require_files ends the suite naming a missing file (exit 1)" \
  sh -c 'grep -qF "FAIL: /no/such/file is there" "$1.out" && [ "$(cat "$1.rc")" = 1 ]' _ "$work/required"

suite waits 'wait_until 5 true && pass "true at once"
  start=$SECONDS; wait_until 1 false || pass "false gives up"
  [ $((SECONDS - start)) -le 3 ] && pass "within the bound"
  n=0; bump() { n=$((n + 1)); [ "$n" -ge 3 ]; }; wait_until 10 bump && pass "polled until true"
  finish'
check "wait_until: true at once, false gives up within its bound, a condition polled" \
  printed waits "waits: 4 passed, 0 failed"

suite steps 'step "a heading"; finish'
check "step prints a heading with the seconds since the start" printed steps "== a heading (at 0 s)"

suite cleaned 'scratch_dir d kept; echo "$d" >"$OUT/cleaned.dir"; at_exit "say first-registered"
  at_exit "say last-registered"; pass "ok"; finish'
check "scratch_dir: removed at exit when nothing failed" \
  sh -c 'd=$(cat "$1/cleaned.dir"); [ -n "$d" ] && [ ! -e "$d" ]' _ "$work"
check "at_exit: the commands run, the last registered first" \
  sh -c 'grep -n registered "$1" | tr "\n" " " | grep -q "last-registered.*first-registered"' _ "$work/cleaned.out"

suite shown 'on_fail "say explained"; pass "fine"; fail "broken"; finish'
check "on_fail: its command runs after a failed check, not after a passed one" \
  sh -c 'grep -c explained "$1" | grep -qx 1 && grep -A1 "FAIL: broken" "$1" | grep -qx explained' \
  _ "$work/shown.out"

suite kept 'scratch_dir d kept; echo "$d" >"$OUT/kept.dir"; fail "so it is kept"; finish'
check "scratch_dir: kept and named when something failed" \
  sh -c 'd=$(cat "$1/kept.dir"); [ -d "$d" ] && grep -qF "kept: kept $d for a look" "$1/kept.out"' _ "$work"
rm -rf "$(cat "$work/kept.dir")"

# The wine layer's run helpers, with a stand-in CLI that echoes its arguments.
cli='files=$OUT; CLI=$OUT/cli.sh
  printf "#!/bin/sh\necho \"out: \$*\"; echo \"err [x]\" >&2; exit \${1:-0}\n" >"$CLI"; chmod +x "$CLI"'
suite runs "$cli"'
  px 3 a.b
  expect "expect: the exit status and a regex in stdout" 3 "^out: 3 a.b$"
  expect "expect: a regex in stderr" 3 "err \[x\]"
  out_has "a.b" && pass "out_has: a fixed string"
  out_has "a.*" || pass "out_has: no regex"
  out_matches "a.*" && pass "out_matches: a regex"
  err_has "[x]" && pass "err_has: a fixed string"
  out_lacks "zzz" && pass "out_lacks"
  expect "expect: a wrong exit status fails" 0
  expect "expect: a missing text fails" 3 "zzz"
  finish'
check "px: stdout, stderr and exit status; expect and out_has/out_matches keep their meaning" \
  printed runs "runs: 7 passed, 2 failed"
check "expect fails naming the exit status" \
  grep -qF "FAIL: expect: a wrong exit status fails (exit 3, want 0)" "$work/runs.out"

suite cases "$cli"'
  px_cases <<CASES
0 | | ^out: $ | no arguments
2 | 2 two words | out: 2 two words | words split at blanks
1 | 1 | nothing like it | a case that fails
CASES
  finish'
check "px_cases: one px and expect a line, a failing case counted" printed cases "cases: 2 passed, 1 failed"
check "px_cases: the failing case's FAIL line" grep -qF "FAIL: a case that fails (exit 1, want 1, 'nothing like it')" "$work/cases.out"

suite jsons 'files=$OUT; echo "{\"a\": [1, 2]}" >"$OUT/out"
  expect_json "expect_json: equal" "d[\"a\"][1]" 2
  expect_json "expect_json: not equal" "d[\"a\"][0]" 2
  finish'
check "expect_json: a match passes, a mismatch fails" printed jsons "jsons: 1 passed, 1 failed"

suite reports 'files=$OUT; printf "applied 2 change(s)\n[x] done\n" >"$OUT/out"; rc=0
  expect_report "expect_report: every fixed string, the exit status" 0 "applied 2" "[x] done"
  expect_report "expect_report: a missing text fails" 0 "applied 2" "absent"
  expect_report "expect_report: a wrong exit status fails" 1 "applied 2"
  finish'
check "expect_report: fixed strings, all of them, and the exit status" \
  printed reports "reports: 1 passed, 2 failed"
check "expect_report names the missing text" \
  grep -qF "FAIL: expect_report: a missing text fails (report lacks 'absent')" "$work/reports.out"

suite logs 'log_file=$OUT/service.log; printf "[1010] a\n[1010] b\n" >"$log_file"
  wait_log_has "[1010]" 2 2 && pass "wait_log_has: two lines hold the text"
  wait_log_has "[1010]" 3 1 || pass "wait_log_has: not three"
  wait_log_matches "^.1010. [ab]$" 2 2 && pass "wait_log_matches: a regex"
  wait_log_has "^.1010" 1 1 || pass "wait_log_has: no regex"
  (sleep 0.5; echo "[1010] c" >>"$log_file") &
  wait_log_has "[1010] c" 1 5 && pass "wait_log_has: waits for a line written later"
  finish'
check "wait_log_has counts fixed strings, wait_log_matches regexes, both wait" \
  printed logs "logs: 5 passed, 0 failed"

# stand_in NAME FIRST LATER: $work/bin/NAME, a stand-in program that runs the shell lines
# FIRST on its first call and LATER on every call after (counted in $work/NAME.calls): what
# a wine program now and then does, for the suites below (their PATH starts with it).
stand_in() {
  mkdir -p "$work/bin"
  : >"$work/$1.calls"
  printf '#!/bin/sh\necho x >>"%s"\nif [ "$(wc -l <"%s")" -lt 2 ]; then\n%s\nfi\n%s\n' \
    "$work/$1.calls" "$work/$1.calls" "$2" "$3" >"$work/bin/$1"
  chmod +x "$work/bin/$1"
}
calls() { [ "$(wc -l <"$work/$1.calls")" -eq "$2" ]; }

stand_in reg 'exit 0' 'echo "reg: The operation completed successfully"; exit 0'
suite regs 'PATH=$OUT/bin:$PATH; reg_set Name REG_SZ value && pass "done on the second try"; finish'
check "reg_set tries a reg command that did nothing again" printed regs "regs: 1 passed, 0 failed"
stand_in reg 'exit 0' 'exit 0'
suite silent 'PATH=$OUT/bin:$PATH; reg_delete Name 2>"$OUT/reg.err" || pass "fails"
  grep -q "did not take effect in 3 tries" "$OUT/reg.err" && pass "says so"; finish'
check "reg_delete fails after 3 tries that did nothing, and says so" \
  sh -c 'grep -qxF "silent: 2 passed, 0 failed" "$1" && [ "$(wc -l <"$2")" -eq 3 ]' \
  _ "$work/silent.out" "$work/reg.calls"

stand_in wine 'echo "ShellExecuteEx failed: Internal error." >&2; exit 1' 'echo "ran $*"; exit $1'
suite launches 'PATH=$OUT/bin:$PATH
  [ "$(wine_launch 10 0 a)" = "ran 0 a" ] && pass "started again after a failed start"
  wine_launch 10 3 b >/dev/null; [ $? -eq 3 ] && pass "the program'"'"'s own exit status"
  finish'
check "wine_launch tries a failed start again and keeps the program's exit status" \
  printed launches "launches: 2 passed, 0 failed"
check "wine_launch never runs again a program that ran (3 calls for 2 runs)" calls wine 3

stand_in pxebridge.exe 'exit 1' 'echo "ran $*"; exit 1'
suite silent_cli 'PATH=$OUT/bin:$PATH; files=$OUT; CLI=pxebridge.exe
  px a; [ "$rc" -eq 1 ] && out_has "ran a" && pass "run again after a silent failure"
  px b; [ "$rc" -eq 1 ] && out_has "ran b" && pass "a failure that says why is kept"
  finish'
check "px runs the CLI again when a failed run printed nothing, never one that printed" \
  sh -c 'grep -qxF "silent_cli: 2 passed, 0 failed" "$1" && [ "$(wc -l <"$2")" -eq 3 ]' \
  _ "$work/silent_cli.out" "$work/pxebridge.exe.calls"

stand_in wineboot 'exit 1' 'exit 0'
stand_in wineserver 'exit 0' 'exit 0'
suite prefixes 'PATH=$OUT/bin:$PATH; SVCCTL=true
  wine_start 2>"$OUT/wine_start.err" && pass "started on the second try"
  case $WINEPREFIX in "$OUT"/wine-*) pass "in a prefix folder of its own" ;; esac
  grep -q "^wine_start: try 1 failed at wineboot -i in $OUT/wine-" "$OUT/wine_start.err" &&
    pass "the failed try is named with its step"
  [ "$(ls -d "$OUT"/wine-* | wc -l)" -eq 2 ] && pass "the failed folder is kept till exit"
  finish'
check "wine_start tries a failed first boot again in another folder, and says so" \
  sh -c 'grep -qxF "prefixes: 4 passed, 0 failed" "$1" && [ "$(wc -l <"$2")" -eq 2 ]' \
  _ "$work/prefixes.out" "$work/wineboot.calls"

stand_in svcctl.exe 'exit 1' 'exit 0'
stand_in wineserver 'exit 0' 'exit 0'
suite restarts 'PATH=$OUT/bin:$PATH; SVCCTL=svcctl.exe; WINEPREFIX=$OUT/prefix
  wine_restart && pass "the new service control manager answered on the second try"
  finish'
check "wine_restart asks a service control manager that did not answer again" \
  sh -c 'grep -qxF "restarts: 1 passed, 0 failed" "$1" && [ "$(wc -l <"$2")" -eq 2 ]' \
  _ "$work/restarts.out" "$work/svcctl.exe.calls"
stand_in svcctl.exe 'exit 1' 'exit 1'
suite dead_scm 'PATH=$OUT/bin:$PATH; SVCCTL=svcctl.exe; WINEPREFIX=$OUT/prefix
  wine_restart 2>"$OUT/restart.err" || pass "fails"
  grep -q "^wine_restart: failed at the service control manager in $OUT/prefix" \
    "$OUT/restart.err" && pass "names the step"
  finish'
check "wine_restart fails after 3 unanswered tries, naming the step" \
  sh -c 'grep -qxF "dead_scm: 2 passed, 0 failed" "$1" && [ "$(wc -l <"$2")" -eq 3 ]' \
  _ "$work/dead_scm.out" "$work/svcctl.exe.calls"

finish
