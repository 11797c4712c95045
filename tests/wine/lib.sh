# lib.sh: the wine layer of the shell test harness (tests/lib/harness.sh, sourced first),
# sourced, not run, by the wine suites, tests/e2e/lib.sh, tests/build/clean_msi.sh and the
# bench: a private wine prefix with its own persistent wineserver, bounded wine commands and
# msiexec runs, free loopback ports, TFTP fetches with real clients, HTTP probes, the PxeBridge
# registry settings, the service's log, and the dhcpsapi.dll test double put in System32.
# Expects OUT (the build output folder, as exported by make).
#
# The helpers a suite's checks are written with, each with one meaning:
#   suite_start NAME FILE...   the opening of a wine suite (below)
#   prefix_start               a fresh prefix as one check, stopped and removed at exit
#   px ARGS...                 runs $CLI (pxebridge.exe; the suite sets CLI) under wine:
#                              stdout in $files/out, stderr in $files/err, exit status in $rc
#   out_has TEXT, err_has TEXT       the last stdout / stderr holds TEXT (a fixed string)
#   out_lacks TEXT                   the last stdout does not hold TEXT (a fixed string)
#   out_matches RE, err_matches RE   a line of the last stdout / stderr matches the basic
#                                    regular expression RE
#   expect DESC RC [RE]        passes DESC when the last run exited RC and (if RE is given) a
#                              line of its stdout or stderr matches RE; else fails, with the
#                              head of stderr
#   px_cases                   reads cases from stdin, one a line: "RC | ARGS | RE | DESC";
#                              for each, px ARGS (split at blanks) and expect DESC RC RE
#   json EXPR                  a Python expression over the last stdout parsed as JSON (d)
#   expect_json DESC EXPR WANT passes DESC when json EXPR prints WANT
#   reg_value KEY NAME         the data of a registry value (empty when it is not there)
#   wait_log_has TEXT N SECONDS      waits until N lines of $log_file hold TEXT (fixed)
#   wait_log_matches RE N SECONDS    waits until N lines of $log_file match RE
#   tftp_silent PORT           nothing answers TFTP on 127.0.0.1 PORT (a 2 s wait)
#   http_answers URL CODE      a GET of URL gets the HTTP status CODE within 2 s (000: none)
#   show_log_tail              prints the last lines of $log_file, indented (on_fail's use:
#                              a failure in CI's output comes with what the service said)
# shellcheck shell=bash

wine_lib_here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$wine_lib_here/../lib/harness.sh"
: "${OUT:?OUT must name the build output folder (make exports it)}"

VERSION=$(cat "$wine_lib_here/../../VERSION")
TESTS=$OUT/win/tests      # the wine test programs
SVCCTL=$TESTS/svcctl.exe  # the service control test program (wine_start, svc_*)
DOUBLE_DLL=$TESTS/dhcpsapi.dll   # the dhcpsapi.dll test double (double_install)
DOUBLE_EXE=$TESTS/dhcpdouble.exe # its command line tool
SERVICE=PxeBridge
PARAMS_KEY='HKLM\SYSTEM\CurrentControlSet\Services\PxeBridge\Parameters'
PLAN_KEY="$PARAMS_KEY\\BootPlan"
EVENTLOG_KEY='HKLM\SYSTEM\CurrentControlSet\Services\EventLog\Application\PxeBridge'
ENV_KEY='HKLM\System\CurrentControlSet\Control\Session Manager\Environment'
WINE_CMD_TIMEOUT=60       # seconds any one wine command may take
MSI_TIMEOUT=300           # seconds one msiexec install, upgrade or uninstall may take
TFTP_TIMEOUT=120          # seconds any one TFTP fetch may take
# wine_launch SECONDS PROGRAM ARGS...: runs a Windows program under wine with stdin closed
# and a bound on its time; its exit status. Now and then (1 in 300 `wine reg add` runs on a
# busy machine) wine fails to start the program at all: exit 1 and "ShellExecuteEx failed"
# on stderr, the program never ran. Such a start (WINE_NOT_STARTED: what wine's loader says,
# never the program) is tried again, up to 3 times; the stderr of the run that counts comes
# out once it has ended.
WINE_NOT_STARTED='ShellExecuteEx failed|Application could not be started|^wine: failed to open|^wine: could not load'
wine_launch() {
  local bound=$1 err rc try
  shift
  err=$(mktemp)
  for try in 1 2 3; do
    timeout "$bound" wine "$@" </dev/null 2>"$err"
    rc=$?
    [ "$rc" -ne 0 ] && grep -qE "$WINE_NOT_STARTED" "$err" || break
  done
  cat "$err" >&2
  rm -f "$err"
  return "$rc"
}
# w PROGRAM ARGS...: one bounded wine command (WINE_CMD_TIMEOUT).
w() { wine_launch "$WINE_CMD_TIMEOUT" "$@"; }

# msiexec ARGS...: wine's msiexec (silent when given /qn) with a bound; its exit status.
msiexec() { wine_launch "$MSI_TIMEOUT" msiexec "$@" >/dev/null 2>&1; }

# The Windows (Z:) name of a Linux path.
winpath() { printf 'Z:%s' "$(realpath -m "$1" | tr / '\\')"; }

# Creates a fresh prefix under $OUT/wine-XXXX and starts its persistent wineserver. The
# first boot of a new prefix leaves two services.exe answering the SCM's pipe (each with
# its own service list), so it is allowed to end first; then the persistent server starts,
# and one services.exe with it, its output going nowhere (services inherit it).
# A first boot has been seen (CI, once in many suites) to fail at once, leaving a prefix of a
# few kilobytes, right after the suite before had removed its own: the likeliest cause is a
# new folder given the inode of the one just removed, whose wineserver was still ending (wine
# finds a prefix's server by the folder's device and inode). A failed start is tried again in
# another folder, the failed one kept until exit so its inode is not handed out again, up to
# 3 times, each failure named on stderr with the step that failed.
wine_start() {
  local try
  for try in 1 2 3; do
    wine_start_once && return 0
    printf 'wine_start: try %d failed at %s in %s\n' "$try" "$WINE_START_STEP" "$WINEPREFIX" >&2
    keep_on_failure "$WINEPREFIX"
  done
  return 1
}
wine_start_once() {
  WINE_START_STEP=mktemp
  WINEPREFIX=$(mktemp -d "$(realpath "$OUT")/wine-XXXX") || return 1
  export WINEPREFIX WINEDEBUG=-all
  WINE_START_STEP="wineboot -i"
  timeout 300 wineboot -i </dev/null >/dev/null 2>&1 || return 1
  WINE_START_STEP="wineserver -w"
  timeout 60 wineserver -w || return 1
  WINE_START_STEP="wineserver -p"
  wineserver -p </dev/null >/dev/null 2>&1 || return 1
  WINE_START_STEP="the service control manager"
  w "$SVCCTL" query PlugPlay >/dev/null 2>&1
}

# Restarts this prefix's wineserver and services.exe. Wine's Service Control Manager builds
# the environment it gives services once, from the registry's system environment: a value
# added there reaches services only after this. The new services.exe is asked up to 3 times
# (CI saw a restart fail once, its step not said): a step that fails is named on stderr.
wine_restart() {
  local try
  WINE_START_STEP="wineserver -k"
  wineserver -k 2>/dev/null
  timeout 30 wineserver -w || { wineserver -k9 2>/dev/null; timeout 30 wineserver -w; } ||
    { wine_restart_failed; return 1; }
  WINE_START_STEP="wineserver -p"
  wineserver -p </dev/null >/dev/null 2>&1 || { wine_restart_failed; return 1; }
  WINE_START_STEP="the service control manager"
  for try in 1 2 3; do
    w "$SVCCTL" query PlugPlay >/dev/null 2>&1 && return 0
    sleep 2
  done
  wine_restart_failed
  return 1
}
wine_restart_failed() {
  printf 'wine_restart: failed at %s in %s\n' "$WINE_START_STEP" "$WINEPREFIX" >&2
}

# Ends every process of this prefix (and nothing else): its own wineserver -k. Then the
# dhcpsapi double's leak check (double_leaks_check): a test whose programs left memory
# the double handed out ends with a failure.
wine_stop() {
  [ -n "${WINEPREFIX:-}" ] || return 0
  wineserver -k 2>/dev/null
  timeout 30 wineserver -w 2>/dev/null
  double_leaks_check
}

# The dhcpsapi double's leak log (tests/dhcpsapi_double/double_leaks.h) as a Linux path:
# PXB_DHCP_DOUBLE_LEAKS, or the state file's name plus ".leaks"; empty without either.
double_leaks_file() {
  local win=${PXB_DHCP_DOUBLE_LEAKS:-}
  [ -n "$win" ] || { [ -n "${PXB_DHCP_DOUBLE_STATE:-}" ] && win="$PXB_DHCP_DOUBLE_STATE.leaks"; }
  [ -n "$win" ] || return 0
  win=${win#[Zz]:}
  printf '%s' "${win//\\//}"
}

# Fails the test (a FAIL line, exit status 1, whatever the summary said) when a program
# that used the double did not free every block it got with DhcpRpcFreeMemory, or freed a
# pointer the double never gave. Called at the end of every wine test, from wine_stop.
double_leaks_check() {
  local log
  log=$(double_leaks_file)
  [ -n "$log" ] && [ -s "$log" ] || return 0
  failed=$((failed + 1))
  say "FAIL: dhcpsapi double: memory not given back with DhcpRpcFreeMemory ($log):"
  sed 's/^/  /' "$log"
  exit 1
}

# Puts the dhcpsapi.dll test double DLL where Windows has the real one, this prefix's
# System32: pxebridge loads dhcpsapi.dll from System32 only (LoadLibraryExW with
# LOAD_LIBRARY_SEARCH_SYSTEM32), never from its own folder. Wine ships no dhcpsapi.dll of its
# own, so the native DLL placed there is the one that loads; no WINEDLLOVERRIDES is needed.
double_install() { cp "$1" "$WINEPREFIX/drive_c/windows/system32/dhcpsapi.dll"; }

# Points the dhcpsapi test double at its state file STATE (a Linux path): for the wine
# programs this shell starts, and, stored in the registry's system environment, for services
# and the installer's actions. Wine's Service Control Manager builds the environment it gives
# them once, from the registry, so the prefix's wineserver restarts.
double_state_everywhere() {
  export PXB_DHCP_DOUBLE_STATE
  PXB_DHCP_DOUBLE_STATE=$(winpath "$1")
  reg_done 'completed successfully' add "$ENV_KEY" /v PXB_DHCP_DOUBLE_STATE /t REG_SZ \
    /d "$PXB_DHCP_DOUBLE_STATE" /f && wine_restart
}

# Linux pids of this prefix's processes whose command line mentions NAME.
wine_pids() {
  local pid
  for pid in $(pgrep -f "$1"); do
    tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null | grep -qx "WINEPREFIX=$WINEPREFIX" &&
      echo "$pid"
  done
}

# A UDP port nothing on 127.0.0.1 or ::1 uses right now, from the kernel's high range.
free_port() {
  python3 -c '
import socket
while True:
    a = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); a.bind(("127.0.0.1", 0))
    port = a.getsockname()[1]
    try:
        b = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM); b.bind(("::1", port))
    except OSError:
        continue
    print(port)
    break'
}

# A TCP port nothing on 127.0.0.1 listens on right now.
free_tcp_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# reg_done PATTERN COMMAND...: runs a reg command under wine until its output says it was
# carried out (PATTERN, an extended regex), 3 tries: a wine program now and then starts,
# prints nothing and does nothing (seen in CI), and a setting silently left unwritten
# would fail checks far from the cause. Says so on stderr when every try failed.
reg_done() {
  local pattern=$1 try
  shift
  for try in 1 2 3; do
    w reg "$@" 2>&1 | tr -d '\r' | grep -qE "$pattern" && return 0
  done
  echo "reg $* did not take effect in 3 tries" >&2
  return 1
}
# Sets a PxeBridge setting: reg_set NAME TYPE DATA; reg_delete NAME removes one (absent is
# fine).
reg_set() { reg_done 'completed successfully' add "$PARAMS_KEY" /v "$1" /t "$2" /d "$3" /f; }
reg_delete() {
  reg_done 'completed successfully|Unable to find' delete "$PARAMS_KEY" /v "$1" /f
}

# The service's status line from svcctl, e.g. "state=RUNNING exit=0 specific=0 pid=42".
svc_status() { w "$SVCCTL" query "$1" 2>/dev/null | tr -d '\r'; }
svc_wait() { w "$SVCCTL" wait "$1" "$2" "$3" >/dev/null 2>&1; }
svc_control() { w "$SVCCTL" control "$1" "$2" >/dev/null; }

# URL host part for an address.
url_host() { case $1 in *:*) printf '[%s]' "$1" ;; *) printf '%s' "$1" ;; esac; }

# fetch_curl OUT HOST PORT NAME [curl options...]: exit status of curl.
fetch_curl() {
  local out=$1 host=$2 port=$3 name=$4
  shift 4
  curl -s --max-time "$TFTP_TIMEOUT" "$@" -o "$out" "tftp://$(url_host "$host"):$port/$name"
}

# fetch_hpa OUT HOST PORT NAME: tftp-hpa in binary mode.
fetch_hpa() {
  local family=-4
  case $2 in *:*) family=-6 ;; esac
  timeout "$TFTP_TIMEOUT" tftp "$family" -m binary "$2" "$3" -c get "$4" "$1" </dev/null
}

# fetch_atftp OUT HOST PORT NAME BLKSIZE WINDOWSIZE
fetch_atftp() {
  timeout "$TFTP_TIMEOUT" atftp --option "blksize $5" --option "windowsize $6" \
    --get -r "$4" -l "$1" "$2" "$3" </dev/null >/dev/null 2>&1
}

# tftp_answers HOST PORT: a TFTP server answers on HOST PORT (a request for a missing file
# gets "file not found", curl's exit 68).
tftp_answers() {
  curl -s --max-time 2 -o /dev/null "tftp://$(url_host "$1"):$2/pxb-probe-missing"
  [ $? -eq 68 ]
}
# wait_tftp HOST PORT SECONDS: waits up to SECONDS until a TFTP server answers on HOST PORT.
wait_tftp() { wait_until "$3" tftp_answers "$1" "$2"; }
tftp_silent() { ! wait_tftp 127.0.0.1 "$1" 2; }

# http_answers URL CODE: a GET of URL gets the status CODE (000: no answer) within 2 s.
http_answers() { [ "$(curl -s --max-time 2 -o /dev/null -w '%{http_code}' "$1")" = "$2" ]; }

# log_count TEXT, log_count_matching RE: how many lines of the service's log ($log_file,
# set by the suite) hold TEXT (fixed) or match RE; nothing while there is no log.
log_count() { grep -cF -- "$1" "$log_file" 2>/dev/null || true; }
log_count_matching() { grep -c -- "$1" "$log_file" 2>/dev/null || true; }
log_has_lines() { [ "$(log_count "$1")" -ge "$2" ]; }
log_matches_lines() { [ "$(log_count_matching "$1")" -ge "$2" ]; }
wait_log_has() { wait_until "$3" log_has_lines "$1" "$2"; }
wait_log_matches() { wait_until "$3" log_matches_lines "$1" "$2"; }
show_log_tail() { tail -n 15 "$log_file" 2>/dev/null | tr -d '\r' | sed 's/^/    log: /'; }

# reg_value KEY NAME: the data of registry value NAME (any case) under KEY, empty if absent.
# Asked again (3 tries) while reg answers neither the value nor "Unable to find": a wine
# program now and then runs and prints nothing.
reg_value() {
  local out try
  for try in 1 2 3; do
    out=$(w reg query "$1" /v "$2" 2>&1 | tr -d '\r')
    grep -qiE "^ *$2 +REG_|Unable to find" <<<"$out" && break
  done
  sed -n "s/^ *$2 *REG_[A-Z_]* *//Ip" <<<"$out"
}

# px ARGS...: runs the CLI, its output in $files/out and $files/err, its exit status in rc.
# A run that failed and printed nothing at all is run again (3 tries): the CLI always says
# why it failed, so that is wine's "ran and printed nothing" (CI: a dhcp verify, once).
px() { w_said "$files/out" "$files/err" "$CLI" "$@"; }
# w_said OUT ERR PROGRAM ARGS...: w with its output in the files OUT and ERR and its exit
# status in rc, run again (3 runs at most) when it failed and printed nothing: the CLI
# always says why it fails, so a silent failure is wine's, not the program's.
w_said() {
  local out=$1 err=$2 try
  shift 2
  for try in 1 2 3; do
    w "$@" >"$out" 2>"$err"
    rc=$?
    [ "$rc" -ne 0 ] && [ ! -s "$out" ] && [ ! -s "$err" ] || break
  done
}
out_has() { grep -qF -- "$1" "$files/out"; }
out_lacks() { ! out_has "$1"; }
err_has() { grep -qF -- "$1" "$files/err"; }
out_matches() { grep -q -- "$1" "$files/out"; }
err_matches() { grep -q -- "$1" "$files/err"; }
expect() {
  local desc=$1 want=$2 re=${3:-}
  if [ "$rc" -eq "$want" ] && { [ -z "$re" ] || out_matches "$re" || err_matches "$re"; }; then
    pass "$desc"
  else
    fail "$desc (exit $rc, want $want${re:+, '$re'}): $(head -c 400 "$files/err")"
  fi
}
px_cases() {
  local want args re desc -
  set -f
  while IFS='|' read -r want args re desc; do
    [ -n "${want// /}" ] || continue
    re=${re# }
    re=${re% }
    # shellcheck disable=SC2086 # ARGS are words
    px $args
    expect "${desc# }" "${want// /}" "$re"
  done
}
json() {
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' \
    "$files/out" "$1" 2>/dev/null
}
expect_json() {
  local got
  got=$(json "$2")
  if [ "$got" = "$3" ]; then pass "$1"; else fail "$1 (got '$got', want '$3')"; fi
}

# suite_start NAME FILE...: the opening of a wine suite named NAME (harness_start NAME):
# every FILE must exist; a scratch folder in $files under OUT; then prefix_start. On exit
# the prefix's processes end and, when nothing failed, the folder and the prefix go (else
# they are kept and named). Ends the script (status 1) when a file is missing.
suite_start() {
  harness_start "$1"
  shift
  require_files "$@"
  scratch_dir files "$SUITE"
  prefix_start
}

# prefix_start: a fresh prefix (wine_start) as one check, stopped at exit (wine_stop) and
# removed with the scratch folders; ends the script (status 1) when it does not start.
prefix_start() {
  at_exit wine_stop
  wine_start
  local started=$?
  [ -z "${WINEPREFIX:-}" ] || keep_on_failure "$WINEPREFIX"
  [ "$started" -eq 0 ] || abort "a fresh wine prefix starts"
  pass "a fresh wine prefix starts ($WINEPREFIX)"
}
