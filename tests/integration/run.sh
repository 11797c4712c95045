#!/usr/bin/env bash
# run.sh: the native integration test (make integration). Serves a temporary TFTP root with
# the AddressSanitizer build of pxebridge-tftpd on 127.0.0.1 and ::1 (a random free high
# port), fetches files with real clients (curl, tftp-hpa, atftp) and compares every byte,
# checks refusals, the unknown-TID rule, a reload during a transfer, boot-loop detection,
# the command line's exit codes, a clean stop with nothing reported by the sanitizers, and
# --plan-file: boot.ipxe made from the plan, made again on SIGHUP, the root's own one winning;
# GRUB's grub/grub.cfg the same way, and the log naming an image Secure Boot refuses; a
# WinPE catalog in the root: its images in both through wimboot, made again when it changes.
# Prints "integration: N passed, M failed"; exits non-zero if anything failed.
set -u

OUT=${OUT:-out}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib/harness.sh"
harness_start integration
server="$OUT/native/pxebridge-tftpd-san"
plain="$OUT/native/pxebridge-tftpd"
scratch_dir work integration
root="$work/root"
log="$work/server.log"
got="$work/got"
out="$work/client.txt"
big=$((40 * 1024 * 1024))
pid=""
port=""
at_exit '[ -z "$pid" ] || { kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; }'

# check_logged NAME COMMAND...: check, with the command's output in $out; its last lines
# shown when it fails.
check_logged() {
  local name=$1
  shift
  if "$@" >"$out" 2>&1; then
    pass "$name"
  else
    fail "$name"
    [ -s "$out" ] && tail -n 5 "$out" | sed 's/^/     | /'
  fi
}

# timed NAME COMMAND...: check_logged, then print the throughput for the 40 MiB file.
timed() {
  local name=$1 start ms
  shift
  start=$(date +%s%N)
  check_logged "$name" "$@"
  ms=$((($(date +%s%N) - start) / 1000000))
  awk -v ms="$ms" -v b="$big" \
    'BEGIN { printf "     40 MiB in %d ms: %.1f MB/s\n", ms, b / (ms ? ms : 1) / 1000 }'
}

# The fetchers download REMOTE into $got and compare it with the file EXPECTED in the root.
fetch_curl() { # REMOTE HOST [curl options]
  local remote=$1 host=$2
  shift 2
  rm -f "$got" && : >"$got" # curl creates no file for an empty download
  timeout 60 curl -sS -g "$@" -o "$got" "tftp://$host:$port/$remote" && cmp "$got" "$root/$remote"
}

fetch_hpa() { # REMOTE HOST [tftp options]
  local remote=$1 host=$2
  shift 2
  rm -f "$got"
  timeout 60 tftp -v "$@" "$host" "$port" -c get "$remote" "$got" && cmp "$got" "$root/$remote"
}

fetch_atftp() { # REMOTE EXPECTED [atftp options]
  local remote=$1 expected=$2
  shift 2
  rm -f "$got"
  timeout 60 atftp "$@" -g -r "$remote" -l "$got" 127.0.0.1 "$port" && cmp "$got" "$root/$expected"
}

# server_said TEXT: the server's log has a line containing TEXT (waits up to 2 s for it).
server_said() {
  wait_until 2 grep -qF -- "$1" "$log" || { echo "server log lacks: $1"; return 1; }
}

# hpa_refused CODE COMMAND...: tftp-hpa runs COMMAND and prints the server's error CODE.
hpa_refused() {
  local code=$1
  shift
  timeout 20 tftp -v -m binary 127.0.0.1 "$port" -c "$@" && grep -qF "Error code $code:" "$out"
}

# atftp_refused REMOTE CODE: atftp fails for REMOTE and the server refused it with CODE.
atftp_refused() {
  rm -f "$got"
  ! timeout 20 atftp -g -r "$1" -l "$got" 127.0.0.1 "$port" &&
    grep -qF "error received from server" "$out" && server_said "refused '$1' (error $2:"
}

# exits_with CODE TEXT COMMAND...: COMMAND exits with CODE and prints TEXT.
exits_with() {
  local code=$1 text=$2 rc
  shift 2
  timeout 10 "$@"
  rc=$?
  [ "$rc" -eq "$code" ] && grep -qF -- "$text" "$out"
}

make_root() {
  mkdir -p "$root/Boot/x64"
  : >"$root/empty"
  head -c 512 /dev/urandom >"$root/b512"
  head -c 1468 /dev/urandom >"$root/b1468"
  head -c $((1024 * 1024)) /dev/urandom >"$root/r1m"
  head -c "$big" /dev/urandom >"$root/r40m"
  head -c 3000 /dev/urandom >"$root/Boot/x64/file"
  head -c 70000 /dev/urandom >"$root/Boot/undionly.kpxe"
  printf 'first line\nsecond line\n\nbare\rcarriage return\nlast line without end' >"$root/text.txt"
}

# Starts the server on a random free port, trying up to 10 ports; 0 once both listen.
start_server() {
  local attempt i
  for attempt in $(seq 10); do
    port=$((20000 + RANDOM % 40001))
    "$server" --root "$root" --listen 127.0.0.1 --listen ::1 --port "$port" >"$log" 2>&1 &
    pid=$!
    for i in $(seq 50); do
      if grep -qF "listening on 127.0.0.1:$port" "$log" &&
        grep -qF "listening on [::1]:$port" "$log"; then
        return 0
      fi
      if grep -qF "cannot listen" "$log" || ! kill -0 "$pid" 2>/dev/null; then
        break
      fi
      sleep 0.1
    done
    kill "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    pid=""
  done
  return 1
}

# Stops the server with SIGTERM (waiting up to 10 s); 0 if it exited with status 0.
stop_server() {
  local i rc
  kill -TERM "$pid"
  for i in $(seq 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  wait "$pid"
  rc=$?
  pid=""
  echo "server exit status $rc"
  [ "$rc" -eq 0 ]
}

no_sanitizer_reports() {
  ! grep -E "AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:" "$log"
}

# 24 transfers at once under the default limits: 20 from one host (as a peer's test suite
# does, or VMs behind one NAT address), 4 from ::1.
parallel_fetches() {
  local i host pids=()
  for i in $(seq 24); do
    host=127.0.0.1
    [ "$i" -gt 20 ] && host='[::1]'
    timeout 60 curl -sS -g --tftp-blksize 1468 -o "$work/par$i" "tftp://$host:$port/r1m" &
    pids+=($!)
  done
  for i in "${!pids[@]}"; do
    wait "${pids[$i]}" || return 1
  done
  for i in $(seq 24); do
    cmp "$work/par$i" "$root/r1m" || return 1
  done
}

# A transfer in flight survives a reload (SIGHUP) and new requests are served after it.
reload_during_transfer() {
  rm -f "$got"
  timeout 60 curl -sS --tftp-blksize 1468 -o "$got" "tftp://127.0.0.1:$port/r40m" &
  local client=$!
  sleep 0.3
  kill -HUP "$pid"
  wait "$client" && cmp "$got" "$root/r40m" && server_said "configuration reloaded"
}

# A client that downloads the first-stage image 3 times (LoopThreshold) within
# LoopWindowSeconds is reported once, by its address, with the likely cause.
loop_reported() {
  local i warning="warn: boot loop: client 127.0.0.1 downloaded the first-stage image"
  for i in 1 2 3 4; do
    fetch_curl Boot/undionly.kpxe 127.0.0.1 || return 1
  done
  server_said "$warning 'Boot/undionly.kpxe' 3 times in" &&
    server_said "the iPXE user-class rule is missing or processed after the architecture rules" &&
    [ "$(grep -cF "$warning" "$log")" -eq 1 ]
}

# Waits up to 5 s until LOG has a line containing TEXT.
wait_said() { wait_until 5 grep -qF -- "$2" "$1"; }

# plan_server ROOT PLAN LOG: starts the sanitizer build serving ROOT with --plan-file PLAN
# on the now free port, logging to LOG, and waits until it listens; its pid in $plan_pid.
plan_server() {
  "$server" --root "$1" --listen 127.0.0.1 --port "$port" --plan-file "$2" >"$3" 2>&1 &
  plan_pid=$!
  wait_said "$3" "listening on 127.0.0.1:$port"
}
# plan_server_stopped LOG: stops it with SIGTERM; 0 when it exited 0 and LOG has no
# sanitizer report.
plan_server_stopped() {
  kill -TERM "$plan_pid"
  wait "$plan_pid" || return 1
  ! grep -E "AddressSanitizer|LeakSanitizer|runtime error:" "$1"
}

# --plan-file on the now free port: boot.ipxe comes from the plan when the root has none, a
# changed plan is read again on SIGHUP, and a boot.ipxe put in the root is served instead.
plan_script_served() {
  local proot="$work/plan-root" plan="$work/plan.txt" plog="$work/plan-server.log"
  local url="tftp://127.0.0.1:$port/boot.ipxe" ok=1
  mkdir -p "$proot"
  printf 'BootServer=192.0.2.1\nBootTarget=http://deploy/a.ipxe\n' >"$plan"
  plan_server "$proot" "$plan" "$plog"
  timeout 20 curl -sS -o "$got" "$url" && grep -qx 'chain --autofree http://deploy/a.ipxe || goto failed' "$got" || ok=0
  printf 'BootServer=192.0.2.1\nBootTarget=http://deploy/b.ipxe\n' >"$plan"
  kill -HUP "$plan_pid"
  wait_said "$plog" "boot plan reloaded"
  timeout 20 curl -sS -o "$got" "$url" && grep -qF 'http://deploy/b.ipxe' "$got" || ok=0
  printf '#!ipxe\necho admin\n' >"$proot/boot.ipxe"
  timeout 20 curl -sS -o "$got" "$url" && cmp -s "$got" "$proot/boot.ipxe" || ok=0
  plan_server_stopped "$plog" || ok=0
  [ "$ok" -eq 1 ]
}

# winpe_catalog FILE NAME...: a WinPE catalog as winpe add writes it, an x64 image per NAME
# (boot.wim, BCD and an injected winpeshl.ini; sizes and sums made up).
winpe_catalog() {
  local file=$1 name sum
  sum=$(printf '%064d' 0)
  shift
  mkdir -p "$(dirname "$file")"
  echo "# pxebridge WinPE catalog: written by pxebridge winpe add|remove; do not edit" >"$file"
  for name in "$@"; do
    printf '[%s]\nArch=x64\nIndex=1\nImageName=Microsoft Windows PE (amd64)\nVersion=10.0.26100.1\nFile=boot.wim 1000 %s\nFile=BCD 100 %s\nInject=winpeshl.ini 10 %s\n' \
      "$name" "$sum" "$sum" "$sum" >>"$file"
  done
}

# --plan-file with a WinPE catalog in the root: boot.ipxe boots BootTarget=winpe:NAME through
# wimboot over TFTP (no HTTP here), the log says what the menus offer and what TFTP costs, and
# an image added to the catalog shows in the menu within seconds, without a reload.
plan_winpe_served() {
  local proot="$work/winpe-root" plan="$work/winpe-plan.txt" plog="$work/winpe-server.log"
  local url="tftp://127.0.0.1:$port/boot.ipxe" ok=1 try
  winpe_catalog "$proot/winpe/catalog.txt" pe64
  printf 'BootServer=192.0.2.1\nBootTarget=winpe:pe64\nMenuTimeout=5\n' >"$plan"
  plan_server "$proot" "$plan" "$plog"
  timeout 20 curl -sS -o "$got" "$url" || ok=0
  grep -qx 'choose --timeout 5000 --default winpe-pe64 selected || goto local' "$got" || ok=0
  grep -qx 'kernel tftp://192.0.2.1/${pxb-wimboot} || goto winpe-failed' "$got" || ok=0
  grep -qx 'initrd tftp://192.0.2.1/winpe/pe64/winpeshl.ini winpeshl.ini || goto winpe-failed' "$got" || ok=0
  grep -qF 'offers 1 WinPE image over TFTP from tftp://192.0.2.1/: pe64 (x64); lock-step TFTP takes minutes' "$plog" || ok=0
  # Debian's signed GRUB cannot start wimboot with its files: its menu offers no WinPE.
  timeout 20 curl -sS -o "$got" "tftp://127.0.0.1:$port/grub/grub.cfg" || ok=0
  grep -q 'wimboot\|winpe' "$got" && ok=0
  winpe_catalog "$proot/winpe/catalog.txt" pe64 pe-new
  for try in $(seq 1 10); do
    timeout 20 curl -sS -o "$got" "$url" && grep -qF 'item winpe-pe-new ' "$got" && break
    sleep 1
  done
  grep -qF 'item winpe-pe-new ' "$got" || ok=0
  grep -qF 'offers 2 WinPE images' "$plog" || ok=0
  plan_server_stopped "$plog" || ok=0
  [ "$ok" -eq 1 ] || sed 's/^/    /' "$plog" "$got" >&2
  [ "$ok" -eq 1 ]
}

# --plan-file with the signed chain's GRUB settings: grub/grub.cfg (a file in a folder) comes
# from the plan, the root's own one wins; the plan's unsigned UEFI image is logged as one
# Secure Boot firmware refuses.
plan_grub_served() {
  local proot="$work/grub-root" plan="$work/grub-plan.txt" plog="$work/grub-server.log"
  local url="tftp://127.0.0.1:$port/grub/grub.cfg" ok=1
  mkdir -p "$proot"
  cp "${OUT:-out}/firmware/snponly.efi" "$proot/"
  printf 'BootServer=192.0.2.1\nGrubKernel=debian/vmlinuz\nGrubArgs=console=ttyS0\n' >"$plan"
  plan_server "$proot" "$plan" "$plog"
  timeout 20 curl -sS -o "$got" "$url" && grep -qx '  linux /debian/vmlinuz console=ttyS0' "$got" || ok=0
  grep -q "UefiX64File 'snponly.efi' is unsigned: refused by Secure Boot firmware" "$plog" || ok=0
  mkdir -p "$proot/grub"
  printf 'menuentry admin {\n}\n' >"$proot/grub/grub.cfg"
  timeout 20 curl -sS -o "$got" "$url" && cmp -s "$got" "$proot/grub/grub.cfg" || ok=0
  plan_server_stopped "$plog" || ok=0
  [ "$ok" -eq 1 ]
}

if [ ! -x "$server" ] || [ ! -x "$plain" ]; then
  echo "run.sh: build the servers first (make OUT=$OUT native)" >&2
  exit 1
fi
for tool in curl tftp atftp python3 cmp timeout; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool is missing (make deps)" >&2; exit 1; }
done

make_root
if ! start_server; then
  echo "run.sh: the server did not start; its log:" >&2
  cat "$log" >&2
  exit 1
fi
echo "server pid $pid on 127.0.0.1 and [::1] port $port, root $root"

for f in b512 b1468 r1m text.txt Boot/x64/file; do
  check_logged "curl $f" fetch_curl "$f" 127.0.0.1
done
check_logged "curl empty (no options)" fetch_curl empty 127.0.0.1 --tftp-no-options
check_logged "curl r1m blksize 1468" fetch_curl r1m 127.0.0.1 --tftp-blksize 1468
check_logged "curl r1m blksize 65464" fetch_curl r1m 127.0.0.1 --tftp-blksize 65464
check_logged "curl r1m over IPv6" fetch_curl r1m '[::1]' --tftp-blksize 1468
check_logged "curl b1468 over IPv6" fetch_curl b1468 '[::1]'

for f in empty b512 b1468 r1m Boot/x64/file; do
  check_logged "tftp-hpa $f" fetch_hpa "$f" 127.0.0.1 -m binary
done
check_logged "tftp-hpa netascii text.txt" fetch_hpa text.txt 127.0.0.1 -m netascii
check_logged "tftp-hpa r1m over IPv6" fetch_hpa r1m ::1 -6 -m binary

for f in empty b512 b1468; do
  check_logged "atftp $f" fetch_atftp "$f" "$f"
done
check_logged "atftp r1m blksize 1468 windowsize 16" fetch_atftp r1m r1m --option "blksize 1468" \
  --option "windowsize 16"
check_logged "atftp r1m blksize 1468 windowsize 4 tsize" fetch_atftp r1m r1m --option "blksize 1468" \
  --option "windowsize 4" --option tsize
check_logged "atftp b512 windowsize 16 (one short window)" fetch_atftp b512 b512 --option "windowsize 16"
check_logged "atftp 'BOOT\\X64\\FILE' (backslashes, any case)" fetch_atftp 'BOOT\X64\FILE' Boot/x64/file
check_logged "atftp '/boot/x64/FILE' (leading slash)" fetch_atftp '/boot/x64/FILE' Boot/x64/file

timed "curl r40m lock-step blksize 512 (block rollover)" fetch_curl r40m 127.0.0.1
timed "tftp-hpa r40m lock-step blksize 512 (block rollover)" fetch_hpa r40m 127.0.0.1 -m binary
timed "atftp r40m lock-step blksize 512 (block rollover)" fetch_atftp r40m r40m
timed "atftp r40m blksize 1468 windowsize 16" fetch_atftp r40m r40m --option "blksize 1468" \
  --option "windowsize 16"
timed "atftp r40m blksize 512 windowsize 64 (block rollover)" fetch_atftp r40m r40m \
  --option "windowsize 64"
timed "curl r40m blksize 65464" fetch_curl r40m 127.0.0.1 --tftp-blksize 65464

check_logged "24 clients at once, 20 from one host" parallel_fetches

check_logged "tftp-hpa put is refused (error 2)" hpa_refused 2 put "$root/b512" upload
check_logged "tftp-hpa ../etc/passwd is refused (error 2)" hpa_refused 2 get ../etc/passwd "$got"
check_logged "tftp-hpa NUL is refused (error 2)" hpa_refused 2 get NUL "$got"
check_logged "tftp-hpa missing file (error 1)" hpa_refused 1 get no-such-file "$got"
check_logged "atftp C:/x is refused (error 2)" atftp_refused 'C:/x' 2
check_logged "atftp a:stream is refused (error 2)" atftp_refused 'a:stream' 2
check_logged "atftp Boot\\..\\..\\x is refused (error 2)" atftp_refused 'Boot\..\..\x' 2
check_logged "atftp missing file (error 1)" atftp_refused no-such-file 1
check_logged "curl missing file (exit 68: not found)" exits_with 68 "" curl -sS -o "$got" \
  "tftp://127.0.0.1:$port/no-such-file"
check_logged "curl NUL (exit 69: permission)" exits_with 69 "" curl -sS -o "$got" \
  "tftp://127.0.0.1:$port/NUL"
check_logged "unknown transfer ID gets error 5" timeout 20 python3 "$here/unknown_tid.py" 127.0.0.1 \
  "$port" b1468 1468

check_logged "a boot loop is reported once, naming 127.0.0.1" loop_reported
check_logged "reload during a 40 MiB transfer" reload_during_transfer
check_logged "served after the reload" fetch_curl r1m 127.0.0.1 --tftp-blksize 1468
check_logged "a second server can't take the port (exit 1)" exits_with 1 "Address already in use" \
  "$plain" --root "$root" --listen 127.0.0.1 --port "$port"
check_logged "--port 70000 is bad usage (exit 2)" exits_with 2 \
  "--port: Port: '70000' is not a number from 1 to 65535" "$plain" --port 70000
check_logged "an unknown flag is bad usage (exit 2)" exits_with 2 "unknown option '--colour'; see --help" \
  "$plain" --colour red
check_logged "--help lists the flags" exits_with 0 "--listen ADDR" "$plain" --help

# curl rejects an OACK with tsize 0 (and leaves without a word): the server leaves it out.
check_logged "curl empty with tsize" fetch_curl empty 127.0.0.1

check_logged "SIGTERM stops the server cleanly" stop_server
check_logged "the server logged its stop" grep -qF "info: stopped" "$log"
check_logged "no sanitizer reports" no_sanitizer_reports
check_logged "--plan-file: boot.ipxe from the plan, again on SIGHUP, the root's own wins" \
  plan_script_served
check_logged "--plan-file: grub/grub.cfg from the plan, the root's own wins; unsigned snponly.efi logged" \
  plan_grub_served
check_logged "--plan-file with a WinPE catalog: boot.ipxe boots it through wimboot over TFTP (grub.cfg offers none), the log says so, an added image is offered within seconds" \
  plan_winpe_served

finish
