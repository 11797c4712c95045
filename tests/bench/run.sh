#!/usr/bin/env bash
# run.sh (make bench): measures pxebridge's TFTP server against the peers a Linux admin would
# otherwise run (tftpd-hpa, atftpd, dnsmasq), side by side on the same machine, and prints
# figures and ratios. Each server in turn serves the same files on 127.0.0.1:69 inside a
# private network namespace (unshare -n), so nothing outside this machine is touched.
# Workloads: one 32 MiB read lock-step (curl, blksize 1468); one 32 MiB read with windowsize
# 16 (atftp); a boot storm of BENCH_CLIENTS concurrent 1 MiB reads; peak memory of the server.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
out=$(cd "$top" && mkdir -p "${OUT:-out}/bench" && cd "${OUT:-out}/bench" && pwd)

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
  exec unshare -n env PXB_BENCH_INSIDE=1 "$0" "$@"
fi

ip link set lo up
# tftpd-hpa resolves its bind address with AI_ADDRCONFIG, which ignores loopback: give this
# private namespace one non-loopback address of its own (TEST-NET-1, reachable only here).
ip link add bench0 type veth peer name bench1 && ip addr add 192.0.2.1/24 dev bench0 &&
  ip link set bench1 up && ip link set bench0 up
server_bin="$top/${OUT:-out}/native/pxebridge-tftpd"
clients=${BENCH_CLIENTS:-50}
rounds=${BENCH_ROUNDS:-3}
root="$out/root"
mkdir -p "$root"
[ -f "$root/big.bin" ] || head -c $((32 * 1024 * 1024)) /dev/urandom > "$root/big.bin"
[ -f "$root/small.bin" ] || head -c $((1024 * 1024)) /dev/urandom > "$root/small.bin"
chmod -R a+rX "$root"
scratch=$(mktemp -d)
server_pid=""

stop_server() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
}
trap 'stop_server; rm -rf "$scratch"' EXIT

start_server() { # name; its output goes to $out/<name>.log
  exec 3>"$out/$1.log"
  case "$1" in
    pxebridge) "$server_bin" --root "$root" --listen 127.0.0.1 --port 69 --log-level warn >&3 2>&3 & ;;
    tftpd-hpa) "$out/peers/tftpd-hpa/usr/sbin/in.tftpd" -L -s -a 127.0.0.1:69 -u root "$root" >&3 2>&3 & ;;
    atftpd) "$out/peers/atftpd/usr/sbin/atftpd" --daemon --no-fork --port 69 --bind-address 127.0.0.1 \
              --user root --group root --logfile /dev/null "$root" >&3 2>&3 & ;;
    dnsmasq) dnsmasq --no-daemon --port=0 --enable-tftp --tftp-root="$root" --user=root \
              --listen-address=127.0.0.1 --bind-interfaces --tftp-max=1000 --quiet-tftp \
              --pid-file= >&3 2>&3 & ;;
  esac
  server_pid=$!
  exec 3>&-
  for _ in $(seq 50); do # wait until it answers, at most 5 s
    curl -s --max-time 1 -o /dev/null "tftp://127.0.0.1/small.bin" && return 0
    sleep 0.1
  done
  echo "bench: $1 did not start" >&2; return 1
}

seconds_of() { # command...: prints the wall time in seconds
  local t0 t1
  t0=$(date +%s.%N); "$@" >/dev/null 2>&1; t1=$(date +%s.%N)
  echo "$t1 - $t0" | bc -l
}

best_of() { # command...: prints the fastest of $rounds runs
  local best="" t
  for _ in $(seq "$rounds"); do
    t=$(seconds_of "$@")
    if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; fi
  done
  echo "$best"
}

fetch_lockstep() { curl -s --tftp-blksize 1468 -o "$scratch/big" tftp://127.0.0.1/big.bin && cmp -s "$scratch/big" "$root/big.bin"; }
fetch_windowed() { atftp --option "blksize 1468" --option "windowsize 16" -g -r big.bin -l "$scratch/big" 127.0.0.1 69 && cmp -s "$scratch/big" "$root/big.bin"; }
fetch_storm() {
  local pids=() i
  for i in $(seq "$clients"); do
    curl -s --tftp-blksize 1468 -o "$scratch/s$i" tftp://127.0.0.1/small.bin & pids+=($!)
  done
  local ok=0
  for i in "${!pids[@]}"; do wait "${pids[$i]}" && ok=$((ok + 1)); done
  for i in $(seq "$clients"); do cmp -s "$scratch/s$i" "$root/small.bin" || return 1; done
  [ "$ok" -eq "$clients" ]
}

declare -A lock win storm mem
peers=(pxebridge tftpd-hpa atftpd dnsmasq)
for peer in "${peers[@]}"; do
  start_server "$peer"
  fetch_lockstep || { echo "bench: $peer served a wrong 32 MiB file" >&2; exit 1; }
  lock[$peer]=$(best_of fetch_lockstep)
  win[$peer]=$(best_of fetch_windowed)
  storm[$peer]=$(best_of fetch_storm)
  mem[$peer]=$(awk '/VmHWM/ {print $2}' "/proc/$server_pid/status")
  stop_server
done

mbps() { echo "scale=1; 32 / $1" | bc -l; }
ratio() { echo "scale=2; $2 / $1" | bc -l; }
printf '\n%-10s %14s %14s %18s %12s\n' server "lock-step MB/s" "window16 MB/s" "storm ${clients}x1MiB s" "peak RSS KiB"
for peer in "${peers[@]}"; do
  printf '%-10s %14s %14s %18.3f %12s\n' "$peer" "$(mbps "${lock[$peer]}")" "$(mbps "${win[$peer]}")" \
    "${storm[$peer]}" "${mem[$peer]}"
done
printf '\nratios, pxebridge speed / peer speed (>1: pxebridge faster)\n'
printf '%-10s %10s %10s %10s\n' peer lock-step window16 storm
for peer in "${peers[@]:1}"; do
  printf '%-10s %10s %10s %10s\n' "$peer" "$(ratio "${lock[pxebridge]}" "${lock[$peer]}")" \
    "$(ratio "${win[pxebridge]}" "${win[$peer]}")" "$(ratio "${storm[pxebridge]}" "${storm[$peer]}")"
done
