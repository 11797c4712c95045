#!/usr/bin/env bash
# cli_live.sh: the wine test of pxebridge.exe's live commands (make wine; needs OUT with the
# two programs and svcctl.exe built). In a fresh wine prefix it installs the PxeBridge
# service, starts it, and checks `status --json` (running, counters rising after a curl TFTP
# fetch), the status pipe's DACL read back by the CLI (SYSTEM and Administrators only, as
# wine does not enforce it), `log` (recent lines from the service, then from the log file
# once it is stopped) and `status` of a stopped service (exit 1, with the hint to start it).
# Last line: "cli-live: N passed, M failed"; exit status non-zero on failure.
set -u
here=$(cd "$(dirname "$0")" && pwd)
: "${OUT:?OUT must name the build output folder (make exports it)}"
. "$here/lib.sh"

CLI=$OUT/bin/pxebridge.exe
SERVICE_EXE=$OUT/bin/pxebridge-service.exe
SVCCTL=$OUT/win/tests/svcctl.exe
SERVICE=PxeBridge
for f in "$CLI" "$SERVICE_EXE" "$SVCCTL"; do
  [ -f "$f" ] || { say "cli-live: $f is missing; run make"; say "cli-live: 0 passed, 1 failed"; exit 1; }
done

files=$(mktemp -d "$(realpath "$OUT")/wine-live-XXXX")
cleanup() {
  wine_stop
  if [ "$failed" -eq 0 ]; then rm -rf "$files" "${WINEPREFIX:-}"; else say "cli-live: kept $files and ${WINEPREFIX:-no prefix}"; fi
}
trap cleanup EXIT

px() { w "$CLI" "$@" >"$files/out" 2>"$files/err"; rc=$?; }
expect() {
  local desc=$1 want=$2 pattern=${3:-}
  if [ "$rc" -eq "$want" ] && { [ -z "$pattern" ] || grep -q -- "$pattern" "$files/out" "$files/err"; }; then
    pass "$desc"
  else
    fail "$desc (exit $rc, want $want${pattern:+, '$pattern'}): $(head -c 400 "$files/err")"
  fi
}
json() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$files/out" "$1" 2>/dev/null; }
expect_json() {
  local got
  got=$(json "$2")
  if [ "$got" = "$3" ]; then pass "$1"; else fail "$1 (got '$got', want '$3')"; fi
}

if ! wine_start; then
  fail "a fresh wine prefix starts"
  say "cli-live: $passed passed, $failed failed"
  exit 1
fi

root=$files/root
mkdir -p "$root"
head -c 300000 /dev/urandom >"$root/small.bin"
port=$(free_port)
logdir=$files/logs
px config set "TftpRoot=$(winpath "$root")" ListenAddresses=127.0.0.1 "Port=$port" \
  "LogDirectory=$(winpath "$logdir")"
expect "settings stored" 0

px status
expect "status of a service not installed: exit 1, says how to install it" 1 "service install"

w sc create "$SERVICE" binpath= "\"$(winpath "$SERVICE_EXE")\"" start= demand >/dev/null
w sc start "$SERVICE" >/dev/null
check "the service runs" svc_wait "$SERVICE" RUNNING 30
check "it serves TFTP" wait_tftp 127.0.0.1 "$port" 30

px status --json
expect "status --json of the running service: exit 0" 0
expect_json "status --json: running" "d['running'] and d['status']['state']" "running"
expect_json "status --json: protocol version 1" "d['status']['version']" "1"
expect_json "status --json: the TFTP root" "d['status']['tftp_root'] == r'$(winpath "$root")'" "True"
expect_json "status --json: the port" "d['status']['port']" "$port"
expect_json "the pipe's DACL admits SYSTEM and Administrators only" \
  "sorted(__import__('re').findall(r'\(A;[^;]*;[^;]*;;;(\w+)\)', d['pipe']['dacl']))" "['BA', 'SY']"
expect_json "the pipe's DACL is protected and has no other entry" \
  "d['pipe']['dacl'].startswith('D:P') and d['pipe']['dacl'].count('(') == 2" "True"
before=$(json "d['status']['counters']['completed']")

check "a curl TFTP fetch" fetch_curl "$files/got" 127.0.0.1 "$port" small.bin
px status --json
expect_json "completed rose by one after the fetch" "d['status']['counters']['completed'] - $before" "1"
expect_json "bytes counted" "d['status']['counters']['bytes'] >= 300000" "True"

px status
expect "status as text: exit 0, running" 0 "is running"

px log --lines 5 --json
expect "log --json from the service: exit 0" 0
expect_json "log: at most 5 events from the service" "d['source'] == 'service' and 0 < len(d['events']) <= 5" "True"
px log --lines 50
expect "log shows the completed transfer" 0 "sent 'small.bin'"

w sc stop "$SERVICE" >/dev/null
check "the service stops" svc_wait "$SERVICE" STOPPED 30
px status
expect "status of a stopped service: exit 1 with the hint" 1 "service start"
px status --json
expect_json "status --json of a stopped service: running false, state stopped" "(d['running'], d['state'])" "(False, 'stopped')"
px log --lines 3
expect "log of a stopped service: the log file's tail" 0 "PxeBridge stopped"

w sc delete "$SERVICE" >/dev/null
say "cli-live: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
