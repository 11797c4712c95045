# double_lib.sh: helpers for the wine tests that run pxebridge against the dhcpsapi.dll test
# double, sourced after lib.sh, not run: dhcpdouble.exe runs and dumps, comparing states,
# writing boot plans and running pxebridge.exe on one (px_plan), what a client of given
# architecture, vendor and user class, MAC and scope receives from the simulated server, and
# every write of an apply failing in turn.
# Expects files (a scratch folder), and bin (the folder with dhcpdouble.exe), state (the
# state file) and PXB_DHCP_DOUBLE_STATE set (double_setup sets them); every_write_fails also `sync` of the sourcing script
# and SYNC_FAILED_RC.

# double_setup PROGRAM...: the double's tool and the PROGRAMs copied into $bin ($files/bin),
# its state file $state ($files/state.txt) named in PXB_DHCP_DOUBLE_STATE for wine programs.
double_setup() {
  bin=$files/bin
  state=$files/state.txt
  mkdir -p "$bin"
  cp "$@" "$DOUBLE_EXE" "$bin/"
  export PXB_DHCP_DOUBLE_STATE
  PXB_DHCP_DOUBLE_STATE=$(winpath "$state")
}

# double_cli_suite NAME: the opening of a suite that drives pxebridge.exe against the double:
# suite_start NAME, the double in System32 (a check), double_setup with pxebridge.exe.
double_cli_suite() {
  suite_start "$1" "$OUT/bin/pxebridge.exe" "$DOUBLE_DLL" "$DOUBLE_EXE" "$SVCCTL"
  check "the dhcpsapi.dll test double goes into System32" double_install "$DOUBLE_DLL"
  double_setup "$OUT/bin/pxebridge.exe"
}

# tool ARGS...: dhcpdouble.exe's output without CRs; its exit status.
tool() {
  local out rc
  out=$(w "$bin/dhcpdouble.exe" "$@" 2>&1)
  rc=$?
  out=${out//$'\r'/}
  [ -z "$out" ] || printf '%s\n' "$out"
  return $rc
}
# dump [--faults]: the double's whole state as text. Under wine a dump has been seen (in CI,
# once in a few hundred) to give no output: it is read again, up to 3 times, until it exits 0
# with a server line; the last try's output either way.
dump() {
  local out
  for _ in 1 2 3; do
    out=$(tool dump "$@") && grep -q '^server ' <<<"$out" && break
    sleep 1
  done
  printf '%s\n' "$out"
  grep -q '^server ' <<<"$out"
}

# px_plan PLAN ARGS...: pxebridge.exe --plan-file $files/PLAN.plan ARGS... (from $bin); its
# stdout in $files/out (CRs dropped), stderr in $files/err, exit status in $rc.
px_plan() {
  local plan=$1
  shift
  w "$bin/pxebridge.exe" --plan-file "$(winpath "$files/$plan.plan")" "$@" \
    >"$files/out.raw" 2>"$files/err"
  rc=$?
  tr -d '\r' <"$files/out.raw" >"$files/out"
}

# plan_file NAME LINES...: writes the boot plan $files/NAME.plan.
plan_file() {
  local name=$1
  shift
  printf '%s\n' "$@" >"$files/$name.plan"
}
# states_equal DESC WAS NOW: passes DESC when the states WAS and NOW are equal; else fails,
# showing how they differ.
states_equal() {
  if [ "$3" = "$2" ]; then
    pass "$1"
  else
    fail "$1"
    diff <(printf '%s\n' "$2") <(printf '%s\n' "$3") | sed 's/^/    /' | head -20
  fi
}
# same DESC BEFORE: the state now (dump) equals BEFORE.
same() { states_equal "$1" "$2" "$(dump)"; }
# ranked: a dump on stdin with each policy's order=N replaced by its rank at its level
# (order=#1, #2, ...): the processing order without the numbers, which a server that does not
# renumber on delete (MS-DHCPM 3.2.4.112) leaves with gaps.
ranked() {
  python3 -c '
import re, sys
lines = sys.stdin.read().splitlines()
pat = re.compile(r"^policy .* subnet=(\S+) order=(\d+) ")
orders = {}
for l in lines:
    m = pat.match(l)
    if m:
        orders.setdefault(m.group(1), set()).add(int(m.group(2)))
for l in lines:
    m = pat.match(l)
    if m:
        rank = sorted(orders[m.group(1)]).index(int(m.group(2))) + 1
        l = l.replace(" order=%s " % m.group(2), " order=#%d " % rank, 1)
    print(l)'
}
# same_ranked DESC BEFORE: the state now equals BEFORE but for the numbers of the orders.
same_ranked() { states_equal "$1" "$(ranked <<<"$2")" "$(dump | ranked)"; }
# What a client receives, "066=A 067=B 060=C": receives SUBNET [SERVER] -- EVALUATE-ARGS...
receives() {
  local subnet=$1 server=$2 got
  shift 3
  got=$(tool evaluate --subnet "$subnet" --server "$server" "$@") || return 1
  printf '066=%s 067=%s 060=%s' \
    "$(sed -n 's/^boot-server=//p' <<<"$got")" "$(sed -n 's/^boot-file=//p' <<<"$got")" \
    "$(sed -n 's/^vendor-class=//p' <<<"$got")"
}
BIOS=(--arch 0 --vendor PXEClient:Arch:00000:UNDI:002001 --mac 52:54:00:00:00:01)
UEFI=(--arch 7 --vendor PXEClient:Arch:00007:UNDI:003016 --mac 52:54:00:00:00:02)
IPXE_BIOS=("${BIOS[@]}" --user iPXE)
IPXE_UEFI=("${UEFI[@]}" --user iPXE)
HTTP=(--arch 16 --vendor HTTPClient:Arch:00016:UNDI:003016 --mac 52:54:00:00:00:03)
# client_gets DESC SUBNET SERVER WANT CLIENT-ARGS...: what that client receives is WANT.
client_gets() {
  local desc=$1 subnet=$2 server=$3 want=$4 got
  shift 4
  got=$(receives "$subnet" "$server" -- "$@")
  if [ "$got" = "$want" ]; then pass "$desc: $want"; else fail "$desc: got '$got', want '$want'"; fi
}

# expect_report DESC RC [TEXT...]: passes DESC when the last sync exited RC and its report
# ($files/out) holds every TEXT (fixed strings); else fails, printing the report.
expect_report() {
  local desc=$1 want=$2 text
  shift 2
  for text in "$@"; do
    out_has "$text" || { fail "$desc (report lacks '$text')"; show_run; return; }
  done
  if [ "$rc" -eq "$want" ]; then
    pass "$desc"
  else
    fail "$desc (exit $rc, want $want)"
    show_run
  fi
}
# show_run: the last run's report, and the head of its stderr, indented.
show_run() {
  sed 's/^/    /' "$files/out"
  head -n 5 "$files/err" 2>/dev/null | tr -d '\r' | sed 's/^/    stderr: /'
}

# changes: the number of changes the last plan reported ("N change(s) to make").
changes() { sed -n 's/^\([0-9]*\) change(s) to make.*/\1/p' "$files/out"; }
# every_write_fails DESC PLAN SECTION [SERVER]: the apply of PLAN from the current state on
# SERVER (double section SECTION), with its k-th write call failing, for every k from 1 to
# the number of writes the apply makes (at least one per change): each fails (exit
# $SYNC_FAILED_RC) with that first cause and leaves the state as before. The sourcing script
# defines `sync ACTION PLAN [SERVER]` (its report in $files/out, its exit status in $rc).
# arm_write_fault SECTION SERVER K: makes SERVER's K-th write call fail, and reads it back
# from the double's dump: a set-fault run under wine has been seen (once, in CI) to leave no
# fault behind, which made an apply succeed where it had to fail. Tried 3 times; the
# double's words of the last try in $files/set-fault.out.
arm_write_fault() {
  local section=$1 target=$2 k=$3
  for _ in 1 2 3; do
    tool set-fault "$section" fail-write "$k" >"$files/set-fault.out" 2>&1 &&
      dump --faults | grep -A1 "^server name=\"${target}\"" | grep -q " fail-at=$k " &&
      return 0
    sleep 1
  done
  return 1
}

every_write_fails() {
  local desc=$1 plan=$2 section=$3 target=${4:-} before writes k bad=0
  before=$(dump)
  cp "$state" "$files/before.state"
  tool set-fault "$section" fail-write 100000 >/dev/null
  sync apply "$plan" $target
  writes=$(dump --faults | grep -A1 "^server name=\"${target}\"" |
    sed -n 's/^fault .* writes=\([0-9]*\)$/\1/p')
  cp "$files/before.state" "$state"
  sync plan "$plan" $target
  local n
  n=$(changes)
  if [ -n "$writes" ] && [ -n "$n" ] && [ "$writes" -ge "$n" ]; then
    pass "$desc: the apply makes $n change(s) in $writes write call(s)"
  else
    fail "$desc: counting the write calls (changes '$n', writes '$writes')"
    return
  fi
  for ((k = 1; k <= writes; k++)); do
    if ! arm_write_fault "$section" "$target" "$k"; then
      bad=$((bad + 1))
      say "  write $k of $writes: the double's fault could not be set:"
      sed 's/^/    /' "$files/set-fault.out"
      continue
    fi
    sync apply "$plan" $target
    tool set-fault "$section" none >/dev/null
    if [ "$rc" -ne "$SYNC_FAILED_RC" ] || ! out_has "failed with 20013 (ERROR_DHCP_JET_ERROR)" ||
      [ "$(grep -c '^error: ' "$files/out")" -ne 1 ] || [ "$(dump)" != "$before" ]; then
      bad=$((bad + 1))
      say "  write $k of $writes: exit $rc, state $([ "$(dump)" = "$before" ] && echo same || echo changed)"
      sed 's/^/    /' "$files/out"
      cp "$files/before.state" "$state"
    fi
  done
  if [ "$bad" -eq 0 ]; then
    pass "$desc: each of the $writes write calls failing: exit $SYNC_FAILED_RC, the first cause, state as before"
  else
    fail "$desc: $bad of $writes failing write calls left a wrong exit, report or state"
  fi
}

