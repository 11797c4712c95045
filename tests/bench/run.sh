#!/usr/bin/env bash
# run.sh (make bench): measures pxebridge's TFTP server, the native engine and the product
# (pxebridge-service.exe --console under wine), against the peers a Linux admin would
# otherwise run (tftpd-hpa, atftpd, dnsmasq), side by side, with the project's own load
# generator (out/native/tftp-storm: every byte checked). Each server in turn serves the same
# files on 127.0.0.1:69 inside a private network namespace (unshare -n): nothing outside
# this machine is touched. Scenarios: boot storms (1 MiB at blksize 1468 windowsize 4 as
# OVMF asks, 74 KiB at blksize 1456 lock-step as BIOS ROMs do, 1 MiB with 1 % of DATA lost),
# one client reading 32 MiB at windowsize 16, and one client at blksize 8192 and windowsize
# 1/4/16/64. Wine's own ceiling (out/win/tests/wine-sendto.exe, a bare sendto loop) is
# measured in the same run. Then the HTTP row (tests/bench/http_row.sh): one 64 MiB download
# with curl from the service under wine against nginx. Then the proxyDHCP row
# (tests/bench/proxy_row.sh): a burst of PXE DHCPDISCOVERs from 1000 simulated clients to
# pxebridge-tftpd's proxy (plan file ProxyDhcp=on) against dnsmasq's proxy mode. Then the
# WinPE row (tests/bench/winpe_row.sh): a 300 MB boot.wim to 1 and 20 curl clients at once
# from the service under wine against nginx. Prints one
# table of figures and ratios, and writes it with the raw results under $OUT/bench/.
# BENCH_SHORT=1: fewer clients and smaller files (for CI; a few minutes). Nothing timed is asserted; the exit status is
# non-zero only when the bench itself could not run (and when an HTTP download was not
# whole, or an HTTP server did not start). BENCH_SERVERS="pxebridge wine": only those TFTP
# servers; BENCH_PARTS="tftp http proxy winpe" (the default) or some of them: only those parts.
# BENCH_WINE_CPU: the CPU the wine side runs on (default 0; empty: wherever the scheduler
# puts it, see "Where wine runs" below).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
OUT=${OUT:-out}
out=$(cd "$top" && mkdir -p "$OUT/bench" && cd "$OUT/bench" && pwd)
short=${BENCH_SHORT:-}

if [ "${PXB_BENCH_INSIDE:-}" != 1 ]; then
  # Fetch the peers' packages (Debian registry) once; unpack without running their scripts.
  # Each into its own folder: atftpd's package has an in.tftpd of its own.
  for pkg in tftpd-hpa atftpd; do
    if [ ! -d "$out/peers/$pkg/usr/sbin" ]; then
      (cd "$out" && apt-get download "$pkg" >/dev/null 2>&1) || {
        echo "bench: cannot download $pkg with apt-get" >&2; exit 1; }
      mkdir -p "$out/peers/$pkg" && dpkg -x "$out/${pkg}"_*.deb "$out/peers/$pkg"
    fi
  done
  exec unshare -n env PXB_BENCH_INSIDE=1 OUT="$OUT" "$0" "$@"
fi

cd "$top"
ip link set lo up
# tftpd-hpa resolves its bind address with AI_ADDRCONFIG, which ignores loopback: give this
# private namespace one non-loopback address of its own (TEST-NET-1, reachable only here).
ip link add bench0 type veth peer name bench1 && ip addr add 192.0.2.1/24 dev bench0 &&
  ip link set bench1 up && ip link set bench0 up
ulimit -n "$(ulimit -Hn)"

STORM=$OUT/native/tftp-storm
EXE=$OUT/bin/pxebridge-service.exe
CEILING=$OUT/win/tests/wine-sendto.exe
. "$top/tests/wine/lib.sh"
. "$here/http_row.sh"
. "$here/proxy_row.sh"
. "$here/winpe_row.sh"

# --- where wine runs --------------------------------------------------------------------
# Under wine every socket call is a request to wineserver, another process. On this
# machine's virtual CPUs a request from one CPU to the other costs several times one made
# on the same CPU, and the scheduler places the two anew from one transfer to the next: one
# client at w16 read 8 MiB at 10 or at 85 MB/s from one run to the next (docs/performance.md,
# "Where wine runs"). So the wine side (wineserver, the service, the ceiling's sender) runs
# on one CPU and the load generator on the other, for the ceiling and the service alike:
# their ratio then compares like with like. The native servers run where the scheduler puts
# them, as before.
wine_cpu=${BENCH_WINE_CPU-0}
client_cpu=""
if [ -n "$wine_cpu" ] && [ "$(nproc)" -ge 2 ]; then
  client_cpu=$(( wine_cpu == 0 ? 1 : 0 ))
else
  wine_cpu=""
fi
# The prefix that runs a command on the wine side's CPU (a command, not a function: the
# service is started in the background and stopped by its pid).
on_wine_cpu=()
[ -z "$wine_cpu" ] || on_wine_cpu=(taskset -c "$wine_cpu")
# pin_wineserver: moves the prefix's wineserver, every thread of it, to the wine side's CPU.
pin_wineserver() {
  [ -n "$wine_cpu" ] || return 0
  taskset -apc "$wine_cpu" "$(wine_pids wineserver | head -n 1)" >/dev/null
}
# storm_for SERVER ARGS...: tftp-storm measuring SERVER, on the other CPU when it is wine.
storm_for() {
  local server=$1
  shift
  if [ "$server" = wine ] && [ -n "$client_cpu" ]; then
    taskset -c "$client_cpu" "$STORM" "$@"
  else
    "$STORM" "$@"
  fi
}

# --- scenarios: name|clients|file|tftp-storm options ------------------------------------
# The short version reads a quarter of the 1 MiB file in the lossy storm: each lost block at
# a window's end costs a timeout, and those add up per transfer.
if [ -n "$short" ]; then
  big_mib=8 storm=100 boot=200 deadline=60 ceiling_packets=5000 lossy=quarter.bin lossy_kib=256
else
  big_mib=32 storm=1000 boot=2000 deadline=300 ceiling_packets=20000 lossy=one.bin lossy_kib=1024
fi
scenarios=(
  "storm ${storm}x1MiB w4|$storm|one.bin|--blksize 1468 --windowsize 4 --tsize"
  "storm ${boot}x74KiB w1|$boot|boot74.bin|--blksize 1456 --tsize"
  "storm ${storm}x${lossy_kib}KiB w4 1% DATA lost|$storm|$lossy|--blksize 1468 --windowsize 4 --tsize --drop-data 1 --seed 11"
  "1x${big_mib}MiB w16|1|big.bin|--blksize 1468 --windowsize 16 --tsize"
  "1x${big_mib}MiB b8192 w1|1|big.bin|--blksize 8192 --tsize"
  "1x${big_mib}MiB b8192 w4|1|big.bin|--blksize 8192 --windowsize 4 --tsize"
  "1x${big_mib}MiB b8192 w16|1|big.bin|--blksize 8192 --windowsize 16 --tsize"
  "1x${big_mib}MiB b8192 w64|1|big.bin|--blksize 8192 --windowsize 64 --tsize"
)
# BENCH_SERVERS: a subset, for an engineer comparing one change (the table's ratios need all).
read -r -a servers <<<"${BENCH_SERVERS:-pxebridge wine tftpd-hpa atftpd dnsmasq}"
peers=(tftpd-hpa atftpd dnsmasq)
read -r -a parts <<<"${BENCH_PARTS:-tftp http proxy winpe}"
has_part() { [[ " ${parts[*]} " == *" $1 "* ]]; }

root=$out/root-$big_mib
mkdir -p "$root"
[ -f "$root/big.bin" ] || head -c $((big_mib * 1024 * 1024)) /dev/urandom >"$root/big.bin"
[ -f "$root/one.bin" ] || head -c $((1024 * 1024)) /dev/urandom >"$root/one.bin"
[ -f "$root/quarter.bin" ] || head -c $((256 * 1024)) /dev/urandom >"$root/quarter.bin"
[ -f "$root/boot74.bin" ] || head -c $((74 * 1024)) /dev/urandom >"$root/boot74.bin"
chmod -R a+rX "$root"
results=$out/results.txt
: >"$results"

# --- servers ---------------------------------------------------------------------------
server_pid=""
cpu_pids=()
harness_start bench
at_exit 'stop_server; wine_stop; [ -z "${WINEPREFIX:-}" ] || rm -rf "$WINEPREFIX"'

# Stops the server, then waits (30 s at most) until port 69 is free: under wine the sockets
# are wineserver's, which lets them go a moment after the service's process has ended, and
# the next server would fail to bind (seen: pxebridge-tftpd after the service, its figures
# then the service's).
stop_server() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
  wait_until 30 port_69_free || echo "bench: port 69 is still taken" >&2
}
port_69_free() { [ -z "$(ss -Hlun 'sport = :69')" ]; }

# Waits until the server answers a read of one.bin, at most 60 s (wine starts slowly).
wait_ready() {
  for _ in $(seq 300); do
    "$STORM" --file one.bin --expect "$root/one.bin" --timeout-ms 200 --retries 1 \
      --deadline-s 2 >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  return 1
}

# The Linux pid of this prefix's running service process (the wine process of the .exe).
service_pid() {
  local pid
  for _ in $(seq 50); do
    pid=$(wine_pids 'pxebridge-service.exe' | head -n 1)
    [ -n "$pid" ] && { echo "$pid"; return 0; }
    sleep 0.2
  done
  return 1
}

start_server() { # name; its output goes to $out/<name>.log; sets server_pid and cpu_pids
  local log=$out/$1.log
  case "$1" in
    pxebridge) "$OUT/native/pxebridge-tftpd" --root "$root" --listen 127.0.0.1 --port 69 \
                 --log-level warn >"$log" 2>&1 & ;;
    wine) "${on_wine_cpu[@]}" wine "$EXE" --console --root "$(winpath "$root")" --listen 127.0.0.1 --port 69 \
            --log-level warn </dev/null >"$log" 2>&1 & ;;
    tftpd-hpa) "$out/peers/tftpd-hpa/usr/sbin/in.tftpd" -L -s -a 127.0.0.1:69 -u root "$root" \
                 >"$log" 2>&1 & ;;
    atftpd) "$out/peers/atftpd/usr/sbin/atftpd" --daemon --no-fork --port 69 \
              --bind-address 127.0.0.1 --user root --group root --logfile /dev/null \
              --maxthread 4000 "$root" >"$log" 2>&1 & ;;
    dnsmasq) dnsmasq --no-daemon --port=0 --enable-tftp --tftp-root="$root" --user=root \
               --listen-address=127.0.0.1 --bind-interfaces --tftp-max=5000 --quiet-tftp \
               --pid-file= >"$log" 2>&1 & ;;
  esac
  server_pid=$!
  cpu_pids=("$server_pid")
  if [ "$1" = wine ]; then
    cpu_pids=("$(service_pid)" "$(wine_pids wineserver | head -n 1)")
  fi
  wait_ready || { echo "bench: $1 did not start (see $log)" >&2; return 1; }
  # An answer from anything else on the port is no start.
  kill -0 "$server_pid" 2>/dev/null || { echo "bench: $1 ended at start (see $log)" >&2; return 1; }
  warm_up
}

# One read of each file before the figures: every server is measured with its files in
# memory (the OS's page cache, pxebridge's file cache), not with the first read from disk.
warm_up() {
  local f
  for f in big.bin boot74.bin quarter.bin; do
    "$STORM" --first-client 127.9.0.1 --file "$f" --expect "$root/$f" --blksize 1468 \
      --windowsize 16 --deadline-s 60 >/dev/null 2>&1 || true
  done
}

# --- measuring -------------------------------------------------------------------------
declare -A ok lost mbs cpu rss # lost: failed transfers (failed is the harness's count)

# measure SERVER SCENARIO-INDEX: one tftp-storm run; its RESULT line into the tables. Each
# scenario's clients have a /16 of their own (127.10.0.1 up for the first): a transfer the
# server still runs for a client of the last scenario can't reach a new client that was
# given the same port.
measure() {
  local server=$1 i=$2 name clients file opts line pidargs=()
  IFS='|' read -r name clients file opts <<<"${scenarios[$i]}"
  for p in "${cpu_pids[@]}"; do pidargs+=(--server-pid "$p"); done
  # shellcheck disable=SC2086 # opts is a list of options
  line=$(storm_for "$server" --label "$server" --first-client "127.$((10 + i)).0.1" \
    --clients "$clients" --file "$file" \
    --expect "$root/$file" --deadline-s "$deadline" "${pidargs[@]}" $opts | tee -a "$results" |
    grep '^RESULT' || true)
  echo "  $name: $server: ${line#RESULT }" >&2
  ok[$server,$i]=$(sed -n 's/.* ok=\([0-9]*\).*/\1/p' <<<"$line")
  lost[$server,$i]=$(sed -n 's/.* failed=\([0-9]*\).*/\1/p' <<<"$line")
  mbs[$server,$i]=$(sed -n 's/.* mb_s=\([0-9.]*\).*/\1/p' <<<"$line")
  cpu[$server,$i]=$(sed -n 's/.* cpu_s_per_gb=\([-0-9.]*\).*/\1/p' <<<"$line")
  rss[$server,$i]=$(sed -n 's/.* peak_rss_kib=\([-0-9]*\).*/\1/p' <<<"$line")
}

# Runs every scenario against server, restarting it if a scenario ended it.
measure_server() {
  local server=$1
  start_server "$server" || return 0
  for i in "${!scenarios[@]}"; do
    if ! kill -0 "$server_pid" 2>/dev/null; then
      echo "  $server ended during the last scenario: started again" >&2
      start_server "$server" || return 0
    fi
    measure "$server" "$i"
  done
  stop_server
}

# on_wine_cpu_here: moves this (sub)shell to the wine side's CPU, for what it starts next.
on_wine_cpu_here() { [ -z "$wine_cpu" ] || taskset -pc "$wine_cpu" "$BASHPID" >/dev/null; }

# Wine's ceiling: the best of three runs of the bare sendto loop (other work on the machine
# only ever lowers it).
ceiling=""
measure_ceiling() {
  local line m
  for _ in 1 2 3; do
    line=$(on_wine_cpu_here; w "$CEILING" "$ceiling_packets" | tr -d '\r' |
      grep '^CEILING' || true)
    echo "$line" >>"$results"
    echo "wine's ceiling (bare sendto loop): ${line#CEILING }" >&2
    m=$(sed -n 's/.* mb_s=\([0-9.]*\).*/\1/p' <<<"$line")
    if [ -n "$m" ] && { [ -z "$ceiling" ] || [ "$(echo "$m > $ceiling" | bc)" = 1 ]; }; then
      ceiling=$m
    fi
  done
}

wine_start || { echo "bench: no wine prefix" >&2; exit 1; }
pin_wineserver
echo "wine side on CPU ${wine_cpu:-any}, the load generator measuring it on CPU ${client_cpu:-any}" >&2
if has_part tftp; then
  measure_ceiling
  for server in "${servers[@]}"; do
    echo "== $server (at $SECONDS s)" >&2
    measure_server "$server"
  done
fi
if has_part http; then measure_http; fi
if has_part proxy; then measure_proxy; fi
if has_part winpe; then measure_winpe; fi

# --- the table -------------------------------------------------------------------------
ratio() { # a b: a / b with two decimals, "-" when either is missing or b is 0
  if [ -z "$1" ] || [ -z "$2" ] || [ "$(echo "$2 == 0" | bc)" = 1 ]; then echo -; return; fi
  echo "scale=2; $1 / $2" | bc -l | sed 's/^\./0./'
}
cell() { # server index: "MB/s" with the failures when there were any
  local f=${lost[$1,$2]:-} m=${mbs[$1,$2]:-}
  if [ -z "$m" ]; then echo "no run"; elif [ "$f" != 0 ]; then echo "$m ($f failed)";
  else echo "$m"; fi
}
best_peer() { # index: the highest MB/s among the peers that failed no transfer
  local best="" p m
  for p in "${peers[@]}"; do
    m=${mbs[$p,$1]:-}
    [ -n "$m" ] && [ "${lost[$p,$1]}" = 0 ] || continue
    if [ -z "$best" ] || [ "$(echo "$m > $best" | bc)" = 1 ]; then best=$m; fi
  done
  echo "$best"
}
header() { # the scenario column and one column a server measured
  local s
  printf '%-36s' scenario
  for s in "${servers[@]}"; do
    case $s in pxebridge) s=pxebridge-tftpd ;; wine) s=service/wine ;; esac
    printf ' | %-18s' "$s"
  done
}
table() {
  printf '\nMB/s of verified file data (failed transfers in brackets); wine ceiling %s MB/s\n' \
    "${ceiling:--}"
  printf '(the ceiling sends 1472-byte datagrams: wine/ceil compares like with like at blksize 1468)\n'
  printf '(wine side on CPU %s, its load generator on CPU %s; BENCH_WINE_CPU)\n' \
    "${wine_cpu:-any}" "${client_cpu:-any}"
  header
  printf ' | %-9s | %-9s | %-9s\n' native/best wine/nat wine/ceil
  for i in "${!scenarios[@]}"; do
    printf '%-36s' "${scenarios[$i]%%|*}"
    for s in "${servers[@]}"; do printf ' | %-18s' "$(cell "$s" "$i")"; done
    printf ' | %-9s | %-9s | %-9s\n' "$(ratio "${mbs[pxebridge,$i]:-}" "$(best_peer "$i")")" \
      "$(ratio "${mbs[wine,$i]:-}" "${mbs[pxebridge,$i]:-}")" \
      "$(ratio "${mbs[wine,$i]:-}" "$ceiling")"
  done
  printf '\nserver CPU seconds per GB / peak RSS MiB (wine: the service plus wineserver / the service)\n'
  header
  printf '\n'
  for i in "${!scenarios[@]}"; do
    printf '%-36s' "${scenarios[$i]%%|*}"
    for s in "${servers[@]}"; do
      printf ' | %-18s' "${cpu[$s,$i]:--} / $(( ${rss[$s,$i]:-0} / 1024 ))"
    done
    printf '\n'
  done
}
stamp=$(date -u +%Y%m%d-%H%M%S)
{
  if has_part tftp; then table; fi
  if has_part http; then http_table; fi
  if has_part proxy; then proxy_table; fi
  if has_part winpe; then winpe_table; fi
} | tee "$out/bench-$stamp.txt"
cp "$out/bench-$stamp.txt" "$out/latest.txt"
echo "bench: table in $out/bench-$stamp.txt, raw results in $results" >&2
[ -z "$http_problem" ] || { echo "bench: $http_problem" >&2; exit 1; }
