#!/usr/bin/env bash
# run.sh: the wine integration test of the PxeBridge service (make wine; needs OUT, with
# $OUT/bin/pxebridge-service.exe and $OUT/win/tests/svcctl.exe built). In a fresh wine
# prefix it configures the service in the registry, installs and starts it under wine's
# Service Control Manager, fetches files of several sizes with curl, tftp-hpa and atftp
# (IPv4 and IPv6 loopback, blksize and windowsize) and compares them, checks refusals,
# reloads changed settings with PARAMCHANGE while a transfer runs, answers on a wildcard
# listener from the address a request was sent to, keeps serving through a bad value, reads
# the log file, stops the service, and runs the executable once with
# --console. Loopback only; every wait is bounded; it ends only what it started.
# Last line: "wine: N passed, M failed"; exit status non-zero on any failure.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

EXE=$OUT/bin/pxebridge-service.exe
suite_start wine "$EXE" "$SVCCTL"
root=$files/root
root2=$files/root2
got=$files/got
console_pid=
at_exit '[ -z "$console_pid" ] || kill "$console_pid" 2>/dev/null'
on_fail show_log_tail

step "test files"
mkdir -p "$root/Boot/X64" "$root2" "$got"
: >"$root/empty.bin"
head -c 512 /dev/urandom >"$root/block.bin"
head -c $((5 * 1024 * 1024 + 123)) /dev/urandom >"$root/medium.bin"
head -c $((33 * 1024 * 1024 + 1)) /dev/urandom >"$root/large.bin"
head -c 70000 /dev/urandom >"$root/Boot/X64/ipxe.efi"
echo "served from the second root" >"$root2/new.txt"
served="empty.bin block.bin medium.bin large.bin Boot/X64/ipxe.efi"

exe_win=$(winpath "$EXE")
port=$(free_port)
log_dir_linux=$WINEPREFIX/drive_c/pxb-wine-logs
log_file=$log_dir_linux/pxebridge.log

# --- the executable outside the SCM ----------------------------------------------------
step "command line"
check "--version prints the version" \
  test "$(w "$EXE" --version 2>/dev/null | tr -d '\r')" = "pxebridge-service $VERSION"
check "--help describes --console" sh -c 'printf "%s" "$1" | grep -q -- --console' _ "$(w "$EXE" --help 2>/dev/null)"
w "$EXE" --no-such-flag >/dev/null 2>&1
check "an unknown flag exits with 2" test $? -eq 2
msg=$(w "$EXE" 2>&1 >/dev/null)
rc=$?
check "started outside the SCM it exits 1 and points to --console" \
  sh -c '[ "$1" -eq 1 ] && printf "%s" "$2" | grep -q -- --console' _ "$rc" "$msg"

# --- an unusable configuration ---------------------------------------------------------
step "unusable configuration"
reg_set TftpRoot REG_SZ "$(winpath "$root")"
reg_set ListenAddresses REG_MULTI_SZ '127.0.0.1\0::1'
reg_set LogDirectory REG_EXPAND_SZ '%SystemDrive%\pxb-wine-logs'
reg_set MaxBlockSize REG_DWORD 65464
reg_set NotASetting REG_SZ whatever
reg_set Port REG_SZ abc
create_service() { w sc create "$SERVICE" binpath= "\"$exe_win\"" start= demand >/dev/null; }
check "sc create registers the service" create_service
w sc start "$SERVICE" >/dev/null 2>&1
svc_wait "$SERVICE" STOPPED 30
status=$(svc_status "$SERVICE")
check "Port=abc: the service stops with service-specific error 1 ($status)" \
  sh -c 'case "$1" in *"state=STOPPED exit=1066 specific=1 "*) ;; *) exit 1 ;; esac' _ "$status"

# --- start -----------------------------------------------------------------------------
step "start"
reg_set Port REG_DWORD "$port"
w sc start "$SERVICE" >/dev/null 2>&1
check "sc start: the service reaches RUNNING" svc_wait "$SERVICE" RUNNING 30
check "the service answers on 127.0.0.1:$port" wait_tftp 127.0.0.1 "$port" 30
pid=$(svc_status "$SERVICE" | sed -n 's/.*pid=\([0-9]*\).*/\1/p')
check "INTERROGATE is answered" svc_control "$SERVICE" interrogate
check "the event source is registered with the executable as its message file" \
  sh -c 'printf "%s" "$1" | grep -qi pxebridge-service.exe' _ "$(reg_value "$EVENTLOG_KEY" EventMessageFile)"
missing_ids=
for id in $(seq 1000 1016); do
  w "$SVCCTL" message "$exe_win" "$id" 2>/dev/null | grep -q '<insert>' || missing_ids="$missing_ids $id"
done
check "the message table has a text for every event id 1000-1016${missing_ids:+ (missing:$missing_ids)}" \
  test -z "$missing_ids"

# --- transfers -------------------------------------------------------------------------
step "transfers"
ipv6=1
wait_tftp ::1 "$port" 5 || ipv6=0
check "the service answers on [::1]:$port" test "$ipv6" -eq 1
fetch_and_compare() { # LABEL NAME FETCHER ARGS...: runs FETCHER OUT ARGS..., compares OUT
  local label=$1 name=$2 fetcher=$3 out start=$SECONDS
  shift 3
  out=$got/$(echo "$label-$name" | tr '/ ' '__')
  "$fetcher" "$out" "$@" >/dev/null 2>&1
  check "$label: $name arrives intact ($((SECONDS - start)) s)" cmp -s "$root/$name" "$out"
}
for name in $served; do
  fetch_and_compare "curl" "$name" fetch_curl 127.0.0.1 "$port" "$name"
  fetch_and_compare "curl blksize 1468" "$name" fetch_curl 127.0.0.1 "$port" "$name" --tftp-blksize 1468
  [ "$ipv6" -eq 1 ] && fetch_and_compare "curl ::1" "$name" fetch_curl ::1 "$port" "$name"
  fetch_and_compare "tftp-hpa" "$name" fetch_hpa 127.0.0.1 "$port" "$name"
  fetch_and_compare "atftp blksize 1428 windowsize 16" "$name" \
    fetch_atftp 127.0.0.1 "$port" "$name" 1428 16
done
fetch_curl "$got/case.efi" 127.0.0.1 "$port" boot/x64/IPXE.EFI
check "names match case-insensitively (boot/x64/IPXE.EFI)" cmp -s "$root/Boot/X64/ipxe.efi" "$got/case.efi"

# --- refusals --------------------------------------------------------------------------
step "refusals"
curl -s --max-time 30 -T "$root/block.bin" "tftp://127.0.0.1:$port/upload.bin"
check "a write request gets access violation (curl exit 69)" test $? -eq 69
curl -s --max-time 30 --path-as-is -o /dev/null "tftp://127.0.0.1:$port/../etc/passwd"
check "../ gets access violation (curl exit 69)" test $? -eq 69
fetch_curl /dev/null 127.0.0.1 "$port" no-such-file.bin
check "a missing file gets file not found (curl exit 68)" test $? -eq 68
check "tftp-hpa put gets error 2" sh -c \
  'cd "$1" && timeout 60 tftp -4 -m binary 127.0.0.1 "$2" -c put block.bin </dev/null 2>&1 | grep -q "Error code 2"' \
  _ "$root" "$port"

# --- reload with PARAMCHANGE -----------------------------------------------------------
step "reload"
fetch_hpa "$got/inflight.bin" 127.0.0.1 "$port" large.bin >/dev/null 2>&1 &
inflight=$!
sleep 1
reg_set TftpRoot REG_SZ "$(winpath "$root2")"
reg_set MaxBlockSize REG_DWORD 1024
check "PARAMCHANGE is accepted" svc_control "$SERVICE" paramchange
check "the log says the configuration was reloaded" wait_log_matches 'configuration reloaded' 1 15
fetch_curl "$got/new.txt" 127.0.0.1 "$port" new.txt
check "the new TftpRoot serves its file" cmp -s "$root2/new.txt" "$got/new.txt"
fetch_curl /dev/null 127.0.0.1 "$port" medium.bin
check "the old TftpRoot's file is gone (curl exit 68)" test $? -eq 68
check "the new MaxBlockSize caps blksize 8192 to 1024" sh -c \
  'curl -v -s --max-time 30 --tftp-blksize 8192 -o /dev/null "tftp://127.0.0.1:$1/new.txt" 2>&1 | grep -q "blksize parsed from OACK (1024)"' \
  _ "$port"
check "the service kept running in the same process" \
  sh -c 'case "$1" in *"state=RUNNING "*"pid=$2") ;; *) exit 1 ;; esac' _ "$(svc_status "$SERVICE")" "$pid"
wait "$inflight"
check "the transfer in flight during the reload completed intact" cmp -s "$root/large.bin" "$got/inflight.bin"
reg_set TftpRoot REG_SZ "$(winpath "$root")"
reg_delete MaxBlockSize
svc_control "$SERVICE" paramchange
check "the original settings are back in force" wait_log_matches 'configuration reloaded' 2 15
fetch_curl "$got/back.bin" 127.0.0.1 "$port" block.bin
check "the original TftpRoot serves again" cmp -s "$root/block.bin" "$got/back.bin"

# --- a wildcard listener ---------------------------------------------------------------
# The transfer socket takes the address the request was sent to (read with WSARecvMsg and
# IP_PKTINFO), so its replies come from the address the client asked. Under wine, a socket
# bound to one address is bound to that address's interface instead, so on loopback the
# replies' source can't show it: the log does (the native unit test checks the source).
step "wildcard listener"
reg_set ListenAddresses REG_MULTI_SZ '0.0.0.0\0::'
reg_set LogLevel REG_SZ debug
svc_control "$SERVICE" paramchange
check "the service reloads to listen on 0.0.0.0 and ::" wait_log_matches 'configuration reloaded' 3 15
check "it listens on 0.0.0.0 and on :: (the log's lines)" \
  sh -c 'grep -qF "listening on 0.0.0.0:$1" "$2" && grep -qF "listening on [::]:$1" "$2"' _ "$port" "$log_file"
fetch_curl "$got/wildcard.bin" 127.0.0.2 "$port" block.bin
check "curl fetches block.bin through 127.0.0.2 intact" cmp -s "$root/block.bin" "$got/wildcard.bin"
check "the transfer of a request sent to 127.0.0.2 is sent from 127.0.0.2" \
  wait_log_matches "sending 'block.bin' (.*) from 127.0.0.2$" 1 10
fetch_curl "$got/wildcard6.bin" ::1 "$port" block.bin
check "the transfer of a request sent to [::1] is sent from ::1" \
  wait_log_matches "sending 'block.bin' (.*) from ::1$" 1 10
reg_set ListenAddresses REG_MULTI_SZ '127.0.0.1\0::1'
reg_delete LogLevel
svc_control "$SERVICE" paramchange
check "the service listens on 127.0.0.1 and ::1 again" wait_log_matches 'configuration reloaded' 4 15

# --- a bad value -----------------------------------------------------------------------
step "bad value"
reg_set Port REG_SZ abc
svc_control "$SERVICE" paramchange
check "the log names the bad value (Port 'abc')" wait_log_matches "Port: 'abc'" 1 15
check "the log warns about the unknown value NotASetting" wait_log_matches "NotASetting" 1 5
check "the service keeps running in the same process" \
  sh -c 'case "$1" in *"state=RUNNING "*"pid=$2") ;; *) exit 1 ;; esac' _ "$(svc_status "$SERVICE")" "$pid"
fetch_curl "$got/after-bad.bin" 127.0.0.1 "$port" block.bin
check "it still serves with the configuration in force" cmp -s "$root/block.bin" "$got/after-bad.bin"
reg_set Port REG_DWORD "$port"
svc_control "$SERVICE" paramchange

# --- the log file ----------------------------------------------------------------------
step "log file"
check "the log file is under LogDirectory (REG_EXPAND_SZ %SystemDrive% expanded)" test -s "$log_file"
check "the log has the start line" grep -q '\[1001\] PxeBridge' "$log_file"
check "the log has transfer lines" grep -q "\[1007\] .*sent 'large.bin'" "$log_file"
check "the log has refusal lines" grep -q '\[1008\] .*refused' "$log_file"

# --- stop ------------------------------------------------------------------------------
step "stop"
w sc stop "$SERVICE" >/dev/null 2>&1
check "sc stop: the service reaches STOPPED" svc_wait "$SERVICE" STOPPED 30
status=$(svc_status "$SERVICE")
check "it stopped cleanly ($status)" \
  sh -c 'case "$1" in *"state=STOPPED exit=0 specific=0 "*) ;; *) exit 1 ;; esac' _ "$status"
no_service_process() { [ -z "$(wine_pids pxebridge-service)" ]; }
check "its process is gone" wait_until 15 no_service_process
check "the log has the stop line" grep -q '\[1002\]' "$log_file"
check "nothing answers on the port any more" tftp_silent "$port"

# --- console mode ----------------------------------------------------------------------
step "console"
cport=$(free_port)
wine "$EXE" --console --root "$(winpath "$root")" --port "$cport" --listen 127.0.0.1 \
  </dev/null >"$files/console.out" 2>&1 &
console_pid=$!
check "--console serves on 127.0.0.1:$cport" wait_tftp 127.0.0.1 "$cport" 30
fetch_curl "$got/console.bin" 127.0.0.1 "$cport" medium.bin
check "--console: medium.bin arrives intact" cmp -s "$root/medium.bin" "$got/console.bin"
kill "$console_pid" 2>/dev/null
wait "$console_pid" 2>/dev/null
console_pid=
check "--console logs to stderr" grep -q "sent 'medium.bin'" "$files/console.out"

step "done"
finish
