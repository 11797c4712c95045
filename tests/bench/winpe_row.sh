# winpe_row.sh: the WinPE row of make bench, sourced by tests/bench/run.sh (not run). A
# WinPE image's download as iPXE makes it before wimboot runs: one file of random bytes of a
# real boot.wim's size (300 MB; BENCH_SHORT: 16 MB) fetched whole with curl, by one client
# and then by 20 at once, from pxebridge-service.exe --console under wine (HTTP.sys,
# http_row.sh's http_start) and from nginx, each on a free loopback port of the bench's
# namespace. One download of each server is checked byte for byte first. Figures: MB/s of
# the one download, and of the 20 (the bytes of the whole downloads over the time from the
# first start to the last end), how many of the 20 came whole, and the ratio to nginx.
# Wine 8's http.sys limits it (docs/http.md, docs/winpe.md): a response goes out with one
# send() (the namespace's send buffers are raised to the file's size, but the 20 answers
# share the kernel's TCP memory, net.ipv4.tcp_mem, which is not raised), a waiting request
# is matched only against the first queued connection (the 20 are served one after
# another), and it can stop answering after a hundred-odd requests (this row sends 22 to
# each server). The one download must be whole (else the bench fails); the 20 report what
# wine allowed. Expects run.sh's root, out, results, short, stop_server and ratio, and
# http_row.sh's http_start, http_failed and HTTP_RUN_TIMEOUT.
# shellcheck shell=bash

if [ -n "$short" ]; then winpe_mb=16; else winpe_mb=300; fi
winpe_file=winpe-${winpe_mb}MB.wim
winpe_bytes=$((winpe_mb * 1000 * 1000))
WINPE_CLIENTS=20
WINPE_RUN_TIMEOUT=300 # seconds one download of the 20 may take
declare -A winpe_one winpe_many winpe_whole # server: MB/s of 1, MB/s of 20, whole of 20

# The image in the served root (kept between runs, like the other files), and room in each
# socket's send buffer for one whole answer (twice the file, as http_row.sh: the kernel
# counts its own overhead against the buffer).
winpe_prepare() {
  [ -f "$root/$winpe_file" ] || head -c "$winpe_bytes" /dev/urandom >"$root/$winpe_file"
  chmod a+r "$root/$winpe_file"
  sysctl -qw net.ipv4.tcp_wmem="4096 $((winpe_bytes * 2)) $((winpe_bytes * 2))"
}

# winpe_get URL: one download to /dev/null: "CODE BYTES START_S END_S" (epoch seconds).
winpe_get() {
  local t0 code size
  t0=$EPOCHREALTIME
  read -r code size < <(curl -s --max-time "$WINPE_RUN_TIMEOUT" -o /dev/null \
    -w '%{http_code} %{size_download}\n' "$1" || true)
  printf '%s %s %s %s\n' "${code:-000}" "${size:-0}" "$t0" "$EPOCHREALTIME"
}

# winpe_sum LABEL: reads winpe_get lines; prints "WHOLE MB/S" (whole downloads, their bytes
# over first start to last end) and logs them in the results.
winpe_sum() {
  awk -v label="$1" -v want="$winpe_bytes" '
    { n++; if ($1 == 200 && $2 == want) { whole++; bytes += $2 }
      if (first == "" || $3 < first) first = $3; if ($4 > last) last = $4 }
    END { s = last - first; mb = (s > 0 ? bytes / 1e6 / s : 0)
      printf "WINPE label=%s clients=%d whole=%d s=%.2f mb_s=%.1f\n", label, n, whole, s, mb \
        >"/dev/stderr"
      printf "%d %.1f\n", whole, mb }' 2> >(tee -a "$results" >&2)
}

# winpe_measure SERVER: starts it, checks one download, times one, then 20 at once.
winpe_measure() {
  local port url i whole mb cdir pids=() # (scratch_dir has a local "dir" of its own)
  port=$(free_tcp_port)
  url=http://127.0.0.1:$port/pxb/$winpe_file
  if ! http_start "$1" "$port"; then
    http_failed "WinPE: $1 did not answer on port $port within 90 s (see $out/http-$1.log)"
  elif [ "$(curl -s --max-time "$WINPE_RUN_TIMEOUT" "$url" | sha256sum | cut -d' ' -f1)" != \
         "$(sha256sum <"$root/$winpe_file" | cut -d' ' -f1)" ]; then
    http_failed "WinPE: $1's download of $winpe_file is not the file (see $out/http-$1.log)"
  else
    read -r whole mb < <(winpe_get "$url" | winpe_sum "$1-1")
    if [ "$whole" = 1 ]; then
      winpe_one[$1]=$mb
    else
      http_failed "WinPE: $1's one download of $winpe_file is incomplete"
    fi
    scratch_dir cdir bench-winpe
    for i in $(seq "$WINPE_CLIENTS"); do
      winpe_get "$url" >"$cdir/$i" &
      pids+=($!)
    done
    wait "${pids[@]}" # (not the server's)
    read -r whole mb < <(cat "$cdir"/* | winpe_sum "$1-$WINPE_CLIENTS")
    winpe_whole[$1]=$whole
    winpe_many[$1]=$mb
  fi
  stop_server
}

# The WinPE row: each server in turn; the prefix's HttpPort is removed after the service's.
measure_winpe() {
  local s
  winpe_prepare
  for s in wine nginx; do
    echo "== WinPE: $s (at $SECONDS s)" >&2
    winpe_measure "$s"
    [ "$s" != wine ] || reg_delete HttpPort
  done
}

# The WinPE part of the table, in the HTTP table's style.
winpe_table() {
  local s label
  printf '\nWinPE: MB/s of a %s MB boot.wim over HTTP with curl (1 client; %s at once: whole\n' \
    "$winpe_mb" "$WINPE_CLIENTS"
  printf 'downloads, their bytes over first start to last end, whole/%s in brackets)\n' \
    "$WINPE_CLIENTS"
  printf '%-36s | %-18s | %-18s | %-9s\n' scenario service/wine nginx wine/nat
  printf '%-36s | %-18s | %-18s | %-9s\n' "1x${winpe_mb}MB boot.wim" \
    "${winpe_one[wine]:-no run}" "${winpe_one[nginx]:-no run}" \
    "$(ratio "${winpe_one[wine]:-}" "${winpe_one[nginx]:-}")"
  label="${WINPE_CLIENTS}x${winpe_mb}MB boot.wim at once"
  printf '%-36s' "$label"
  for s in wine nginx; do
    printf ' | %-18s' "${winpe_many[$s]:-no run} (${winpe_whole[$s]:-0}/$WINPE_CLIENTS)"
  done
  printf ' | %-9s\n' "$(ratio "${winpe_many[wine]:-}" "${winpe_many[nginx]:-}")"
}
