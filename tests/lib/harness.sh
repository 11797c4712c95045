# harness.sh: the base every shell test suite sources (not run): PASS/FAIL lines and their
# counts, the one closing line "NAME: N passed, M failed", step headings with the time since
# the start, bounded waits, scratch folders, and the one EXIT trap that cleans up after a
# suite. tests/wine/lib.sh builds the wine layer on it.
#
#   harness_start NAME       names the suite (its closing line), starts its clock, sets the
#                            EXIT trap (and INT/TERM ending the script through it)
#   say TEXT...              prints one line
#   pass DESC, fail DESC     count one check and print "PASS: DESC" or "FAIL: DESC"
#   check DESC CMD...        pass DESC when CMD succeeds, else fail DESC
#   check_same DESC GOT WANT pass DESC when GOT = WANT, else fail naming both
#   step TEXT                a heading "== TEXT (at S s)", S seconds since harness_start
#   wait_until SECONDS CMD...  runs CMD every 0.2 s until it succeeds (status 0) or
#                            SECONDS (whole seconds) have passed (status 1)
#   scratch_dir VAR PREFIX   a fresh folder PREFIX-XXXX under $OUT (else the system's temp
#                            folder) in VAR, removed at exit (see keep_on_failure)
#   keep_on_failure PATH...  paths the EXIT trap removes when nothing failed, else keeps
#                            and names for a look
#   at_exit COMMAND          a command (a string, evaluated then) the EXIT trap runs before
#                            removing anything; the last one registered runs first
#   on_fail COMMAND          a command (a string) evaluated after each failed check, e.g. to
#                            show the end of a log next to the failure it explains
#   require_files FILE...    every FILE exists, else abort naming the first missing one
#   abort DESC               fail DESC, print the closing line and exit 1
#   summary                  prints the closing line
#   finish                   prints the closing line; its status (the script's last
#                            command) is non-zero when anything failed
# shellcheck shell=bash

passed=0
failed=0
SUITE=${SUITE:-test}
HARNESS_T0=$SECONDS
HARNESS_AT_EXIT=()
HARNESS_KEEP=()
HARNESS_ON_FAIL=

say() { printf '%s\n' "$*"; }
pass() { passed=$((passed + 1)); say "PASS: $*"; }
fail() {
  failed=$((failed + 1))
  say "FAIL: $*"
  [ -z "$HARNESS_ON_FAIL" ] || eval "$HARNESS_ON_FAIL"
}

check() {
  local desc=$1
  shift
  if "$@"; then pass "$desc"; else fail "$desc"; fi
}

check_same() {
  if [ "$2" = "$3" ]; then pass "$1"; else fail "$1 (got '$2', want '$3')"; fi
}

harness_start() {
  SUITE=$1
  HARNESS_T0=$SECONDS
  trap harness_exit EXIT
  trap 'exit 130' INT TERM
}

step() { say "== $* (at $((SECONDS - HARNESS_T0)) s)"; }
summary() { say "$SUITE: $passed passed, $failed failed"; }
finish() {
  summary
  [ "$failed" -eq 0 ]
}
abort() {
  fail "$1"
  summary
  exit 1
}

require_files() {
  local f
  for f in "$@"; do
    [ -f "$f" ] || abort "$f is there (run make)"
  done
}

wait_until() {
  local end=$((${EPOCHREALTIME//[.,]/} + $1 * 1000000))
  shift
  until "$@"; do
    [ "${EPOCHREALTIME//[.,]/}" -lt "$end" ] || return 1
    sleep 0.2
  done
}

scratch_dir() {
  local base=${TMPDIR:-/tmp} dir
  [ -n "${OUT:-}" ] && base=$(realpath "$OUT")
  dir=$(mktemp -d "$base/$2-XXXX") || abort "a scratch folder under $base"
  printf -v "$1" '%s' "$dir"
  keep_on_failure "$dir"
}

keep_on_failure() { HARNESS_KEEP+=("$@"); }
at_exit() { HARNESS_AT_EXIT+=("$1"); }
on_fail() { HARNESS_ON_FAIL=$1; }

# The EXIT trap harness_start sets: the at_exit commands, newest first, then the scratch
# paths removed (nothing failed) or named (something did).
harness_exit() {
  local i
  for ((i = ${#HARNESS_AT_EXIT[@]} - 1; i >= 0; i--)); do
    eval "${HARNESS_AT_EXIT[i]}"
  done
  [ ${#HARNESS_KEEP[@]} -gt 0 ] || return 0
  if [ "$failed" -eq 0 ]; then
    rm -rf "${HARNESS_KEEP[@]}"
  else
    say "$SUITE: kept ${HARNESS_KEEP[*]} for a look"
  fi
}
