# http_row.sh: the HTTP row of make bench, sourced by tests/bench/run.sh (not run). One file
# (64 MiB; BENCH_SHORT: 16 MiB) downloaded with curl from pxebridge-service.exe --console
# under wine (its HTTP server on HTTP.sys, HttpPort set in the bench's prefix) and from nginx
# (native, sendfile) serving the same file under the same URL path, each on a free loopback
# port of the bench's namespace. Before the timed runs one download of each is checked
# byte for byte (sha256) and warms the server's caches; each timed run (3; BENCH_SHORT: 1)
# must bring the whole file with status 200. The median MB/s (10^6 bytes a second, as the
# TFTP figures) of each server and their ratio go into the bench's table.
# Expects run.sh's root, out, results, short, EXE, server_pid, stop_server and ratio, and
# tests/wine/lib.sh's helpers.
# shellcheck shell=bash

if [ -n "$short" ]; then http_mib=16 http_runs=1; else http_mib=64 http_runs=3; fi
http_file=http-${http_mib}MiB.bin
HTTP_RUN_TIMEOUT=120 # seconds one download may take
http_servers=(wine nginx)
http_problem=""      # why the HTTP row could not be measured (the bench then fails)
declare -A http_mbs  # server: the median MB/s

# A file of random bytes in the served root (kept between runs, like the TFTP files).
http_make_file() {
  [ -f "$root/$http_file" ] ||
    head -c $((http_mib * 1024 * 1024)) /dev/urandom >"$root/$http_file"
  chmod a+r "$root/$http_file"
}

# Wine 8's http.sys sends a whole response with one send() on a non-blocking socket and
# drops what the socket does not take at once (docs/http.md): about 3.9 MB with Debian's
# default send buffers. In this private namespace every TCP socket starts with a send buffer
# of twice the file, so the service's answer goes out whole; nginx gets the same.
http_make_room() {
  local bytes=$((http_mib * 2 * 1024 * 1024))
  sysctl -qw net.ipv4.tcp_wmem="4096 $bytes $bytes"
}

# nginx_conf DIR PORT: a foreground nginx (pid file, logs and temporary folders in DIR)
# serving the root under /pxb/ on 127.0.0.1:PORT. Its worker runs as root, as the TFTP
# peers do: the files need no other reader.
nginx_conf() {
  cat <<EOF
daemon off;
user root root;
worker_processes 1;
pid $1/nginx.pid;
error_log $1/error.log warn;
events { worker_connections 64; }
http {
  access_log off;
  sendfile on;
  client_body_temp_path $1/body;
  proxy_temp_path $1/proxy;
  fastcgi_temp_path $1/fastcgi;
  uwsgi_temp_path $1/uwsgi;
  scgi_temp_path $1/scgi;
  server {
    listen 127.0.0.1:$2;
    location /pxb/ { alias $root/; }
  }
}
EOF
}

# http_start SERVER PORT: starts SERVER (wine or nginx) serving the root under
# http://127.0.0.1:PORT/pxb/, its output in $out/http-SERVER.log; sets server_pid. Waits
# until it answers (404 for a missing file), at most 90 s (wine's http driver service
# starts slowly).
http_start() {
  local log=$out/http-$1.log conf_dir # (scratch_dir has a local "dir" of its own)
  case $1 in
    wine)
      reg_set HttpPort REG_DWORD "$2"
      wine "$EXE" --console --root "$(winpath "$root")" --listen 127.0.0.1 \
        --port "$(free_port)" --log-level warn </dev/null >"$log" 2>&1 & ;;
    nginx)
      scratch_dir conf_dir bench-nginx
      nginx_conf "$conf_dir" "$2" >"$conf_dir/nginx.conf"
      nginx -p "$conf_dir/" -c "$conf_dir/nginx.conf" -e "$conf_dir/error.log" \
        </dev/null >"$log" 2>&1 & ;;
  esac
  server_pid=$!
  wait_until 90 http_answers "http://127.0.0.1:$2/pxb/pxb-probe-missing" 404
}

# http_verify URL: one download of the file, byte for byte the file (its sha256).
http_verify() {
  local got want
  want=$(sha256sum <"$root/$http_file" | cut -d' ' -f1)
  got=$(curl -s --max-time "$HTTP_RUN_TIMEOUT" "$1" | sha256sum | cut -d' ' -f1)
  [ "$got" = "$want" ]
}

# http_time SERVER RUN URL: one timed download to /dev/null; prints its MB/s, or nothing
# when the answer was not the whole file with status 200. Its line goes into the results.
http_time() {
  local code size secs mb
  read -r code size secs < <(curl -s --max-time "$HTTP_RUN_TIMEOUT" -o /dev/null \
    -w '%{http_code} %{size_download} %{time_total}\n' "$3" || true)
  mb=$(awk -v b="${size:-0}" -v s="${secs:-0}" \
    'BEGIN { printf "%.1f", (s > 0 ? b / 1e6 / s : 0) }')
  echo "HTTP label=$1 run=$2 code=${code:-000} bytes=${size:-0} s=${secs:-0} mb_s=$mb" |
    tee -a "$results" >&2
  [ "${code:-}" = 200 ] && [ "${size:-}" = $((http_mib * 1024 * 1024)) ] && echo "$mb"
}

# The median of the numbers on stdin, one a line (the middle one of an odd count).
median() { sort -n | awk 'NF { v[++n] = $1 } END { if (n) print v[int((n + 1) / 2)] }'; }

# http_measure SERVER: starts it, checks one download, times http_runs, stops it; sets
# http_mbs[SERVER] or http_problem.
http_measure() {
  local port url run mb all=""
  port=$(free_tcp_port)
  url=http://127.0.0.1:$port/pxb/$http_file
  if ! http_start "$1" "$port"; then
    http_failed "$1 did not answer on port $port within 90 s (see $out/http-$1.log)"
  elif ! http_verify "$url"; then
    http_failed "$1's download of $http_file is not the file (see $out/http-$1.log)"
  else
    for run in $(seq "$http_runs"); do
      mb=$(http_time "$1" "$run" "$url") || {
        http_failed "$1's download $run of $http_file is incomplete"; all=""; break; }
      all+="$mb"$'\n'
    done
    [ -z "$all" ] || http_mbs[$1]=$(median <<<"$all")
  fi
  stop_server
}

# http_failed WHY: says why a server's figure is missing; the first reason is kept.
http_failed() {
  echo "bench: HTTP: $1" >&2
  http_problem=${http_problem:-HTTP: $1}
}

# The HTTP row: each server in turn; the prefix's HttpPort is removed after the service's.
measure_http() {
  local s
  http_make_file
  http_make_room
  for s in "${http_servers[@]}"; do
    echo "== HTTP: $s (at $SECONDS s)" >&2
    http_measure "$s"
    [ "$s" != wine ] || reg_delete HttpPort
  done
}

# The HTTP part of the table, in the TFTP table's style.
http_table() {
  printf '\nHTTP: MB/s of one download with curl, the median of %s (every one whole, ' \
    "$http_runs"
  printf 'one checked by sha256)\n'
  printf '%-36s | %-18s | %-18s | %-9s\n' scenario service/wine nginx wine/nat
  printf '%-36s | %-18s | %-18s | %-9s\n' "1x${http_mib}MiB HTTP GET" \
    "${http_mbs[wine]:-no run}" "${http_mbs[nginx]:-no run}" \
    "$(ratio "${http_mbs[wine]:-}" "${http_mbs[nginx]:-}")"
}
