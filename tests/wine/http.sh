#!/usr/bin/env bash
# http.sh: the wine test of the HTTP server (docs/http.md; make wine; needs OUT with the two
# programs and svcctl.exe). In a fresh wine prefix it installs and starts the service with
# HttpPort set, waits for the listener (wine's http driver service may still be starting:
# the service retries), then checks with curl on loopback: a large file byte-exact, HEAD
# (headers, no body), a Range (206, Content-Range, the bytes), an unsatisfiable one (416),
# If-Modified-Since (304), 404, 403 for names outside the root ('..', '%2e%2e', '\', device
# names), 405 with Allow, a slow client (curl --limit-rate) while others are served, 50
# clients at once, the boot.ipxe generated from the boot plan, the counts in
# `pxebridge status --json`, a malformed request (400, and the next one served), a reload
# to a new HttpUrlPrefix with TFTP serving on, and HttpPort=0 stopping the HTTP server.
# Last line: "http: N passed, M failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

CLI=$OUT/bin/pxebridge.exe
HTTP_TIMEOUT=120
suite_start http "$CLI" "$OUT/bin/pxebridge-service.exe" "$SVCCTL"


root=$files/root
mkdir -p "$root/Boot/x64"
# 3 MB for one client, 512 kB for 50 at once: wine 8's http.sys sends a response with one
# send() on a non-blocking socket and drops what the socket does not take at once (about
# 3.9 MB for one loopback client, less under load; docs/http.md). Windows' HTTP.sys does not.
head -c 3000000 /dev/urandom >"$root/big.bin"
head -c 512000 /dev/urandom >"$root/mid.bin"
printf 'hello over http\n' >"$root/Boot/x64/Small.TXT"
hport=$(free_tcp_port)
base="http://127.0.0.1:$hport/pxb"
tport=$(free_port)
px config set "TftpRoot=$(winpath "$root")" ListenAddresses=127.0.0.1 "Port=$tport" \
  "HttpPort=$hport" "LogDirectory=$(winpath "$files/logs")" BootServer=10.0.0.5
check "HTTP settings stored with config set" test "$rc" -eq 0
px config show
check "config show lists HttpPort" grep -q "HttpPort  *$hport" "$files/out"
px service install
px service start
check "the service starts" test "$rc" -eq 0

# curl_http OUT URL [curl options...]: writes the headers to OUT.h, the body to OUT; the
# status code on stdout.
curl_http() {
  local out=$1 url=$2
  shift 2
  curl -s --max-time "$HTTP_TIMEOUT" -D "$out.h" -o "$out" -w '%{http_code}' "$@" "$url"
}
header() { tr -d '\r' <"$1.h" | grep -i "^$2:" | head -n1 | cut -d' ' -f2-; }

check "the HTTP listener answers within 90 s (404 for a missing file)" \
  wait_until 90 http_answers "$base/probe-missing" 404

code=$(curl_http "$files/big" "$base/big.bin")
check "GET of a 3 MB file: 200" test "$code" = 200
check "GET: the bytes are the file's" cmp -s "$files/big" "$root/big.bin"
check "GET: Content-Length is the size" test "$(header "$files/big" Content-Length)" = 3000000
lastmod=$(header "$files/big" Last-Modified)
check "GET: Last-Modified is an HTTP date" eval '[[ "$lastmod" == *GMT ]]'

code=$(curl_http "$files/head" "$base/big.bin" -I)
check "HEAD: 200" test "$code" = 200
check "HEAD: Content-Length of the whole file" test "$(header "$files/head" Content-Length)" = 3000000
check "HEAD: no body (curl -I writes only the headers)" cmp -s "$files/head" "$files/head.h"

code=$(curl_http "$files/part" "$base/big.bin" -r 1000-1999)
check "Range 1000-1999: 206" test "$code" = 206
check "Range: Content-Range bytes 1000-1999/3000000" \
  test "$(header "$files/part" Content-Range)" = "bytes 1000-1999/3000000"
check "Range: the 1000 bytes are the file's" \
  cmp -s "$files/part" <(tail -c +1001 "$root/big.bin" | head -c 1000)
code=$(curl_http "$files/suffix" "$base/big.bin" -r -10)
check "Range -10: 206 with the last 10 bytes" \
  eval 'test "$code" = 206 && cmp -s "$files/suffix" <(tail -c 10 "$root/big.bin")'
code=$(curl_http "$files/r416" "$base/big.bin" -r 30000000-)
check "Range past the end: 416" test "$code" = 416
check "416: Content-Range bytes */3000000" test "$(header "$files/r416" Content-Range)" = "bytes */3000000"
code=$(curl_http "$files/multi" "$base/Boot/x64/Small.TXT" -r 0-1,3-4)
check "several ranges: 200 with the whole file" \
  eval 'test "$code" = 200 && cmp -s "$files/multi" "$root/Boot/x64/Small.TXT"'

code=$(curl_http "$files/ims" "$base/big.bin" -H "If-Modified-Since: $lastmod")
check "If-Modified-Since the file's time: 304, no body" eval 'test "$code" = 304 && test ! -s "$files/ims"'
code=$(curl_http "$files/ims2" "$base/Boot/x64/Small.TXT" -H "If-Modified-Since: Thu, 01 Jan 1998 00:00:00 GMT")
check "If-Modified-Since an older time: 200" test "$code" = 200

code=$(curl_http "$files/case" "$base/boot/X64/small.txt")
check "names ignore case, like TFTP: 200 and the bytes" \
  eval 'test "$code" = 200 && cmp -s "$files/case" "$root/Boot/x64/Small.TXT"'
code=$(curl_http "$files/nf" "$base/nothing.here")
check "a missing file: 404" test "$code" = 404
for bad in '../big.bin' '%2e%2e/big.bin' '%2E%2E%5Cbig.bin' 'Boot%5C..%5C..%5Cx' 'CON' 'nul.txt' 'c:%5Cwindows'; do
  code=$(curl_http "$files/bad" "$base/$bad" --path-as-is)
  check "'$bad' is refused: 403 (got $code)" test "$code" = 403
done
code=$(curl_http "$files/post" "$base/big.bin" -X POST -d x)
check "POST: 405" test "$code" = 405
check "405: Allow GET, HEAD" test "$(header "$files/post" Allow)" = "GET, HEAD"

code=$(curl_http "$files/script" "$base/boot.ipxe")
check "boot.ipxe generated from the boot plan: 200, an iPXE script" \
  eval 'test "$code" = 200 && head -n1 "$files/script" | grep -q "#!ipxe"'

# A slow client (100 kB/s, ~30 s for the file) must not hold up the others.
curl -s --max-time "$HTTP_TIMEOUT" --limit-rate 100k -o "$files/slow" "$base/big.bin" &
slow=$!
sleep 1
start=$SECONDS
code=$(curl_http "$files/quick" "$base/Boot/x64/Small.TXT")
check "while a slow client downloads, another is answered at once" \
  eval 'test "$code" = 200 && test $((SECONDS - start)) -lt 5'
kill "$slow" 2>/dev/null
wait "$slow" 2>/dev/null

# 50 clients at once, each a whole file.
for i in $(seq 1 50); do
  curl -s --max-time "$HTTP_TIMEOUT" -o "$files/many.$i" -w '%{http_code}\n' "$base/mid.bin" >"$files/code.$i" &
done
wait
ok=0
for i in $(seq 1 50); do
  [ "$(cat "$files/code.$i")" = 200 ] && cmp -s "$files/many.$i" "$root/mid.bin" && ok=$((ok + 1))
  rm -f "$files/many.$i"
done
check "50 clients at once each get the file byte-exact ($ok of 50)" test "$ok" -eq 50

px status --json
check "status counts the HTTP requests" eval '[ "$(json "d[\"status\"][\"http\"][\"requests\"] >= 70")" = True ]'
check "status counts 403s" eval '[ "$(json "d[\"status\"][\"http\"][\"status\"][\"403\"]")" = 7 ]'
check "status counts 416s" eval '[ "$(json "d[\"status\"][\"http\"][\"status\"][\"416\"]")" = 1 ]'
px status
check "status shows the HTTP line with the requests" grep -q "^HTTP: .* requests, .* 403 7" "$files/out"
check "the log file has the HTTP lines" grep -q "HTTP GET 'big.bin' 200, 3000000 bytes" "$files/logs/pxebridge.log"

# A request HTTP.sys cannot parse: answered 400, and the server serves on.
raw=$(python3 - "$hport" <<'PY'
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=10)
s.sendall(b"GET /pxb/big.bin HTTP/1.1\r\nHost: x\r\nRange: bytes=\x01\x02\r\nBad header line\r\n\r\n")
print(s.recv(100).split(b"\r\n")[0].decode("latin-1"))
PY
)
check "a malformed request is refused with 400 ($raw)" eval '[[ "$raw" == "HTTP/1.1 400"* ]]'
code=$(curl_http "$files/after" "$base/Boot/x64/Small.TXT")
check "and the server answers the next one" test "$code" = 200

# A reload (config set sends PARAMCHANGE): the new prefix is served, the old one is not,
# and TFTP serves on.
px config set HttpUrlPrefix=/boot/
check "after HttpUrlPrefix=/boot/ the files are under /boot/" \
  wait_until 30 http_answers "http://127.0.0.1:$hport/boot/Boot/x64/Small.TXT" 200
check "and no longer under /pxb/" \
  test "$(curl -s --max-time 10 -o /dev/null -w '%{http_code}' "$base/Boot/x64/Small.TXT")" != 200
check "TFTP serves on after the HTTP reload" \
  eval 'fetch_curl "$files/tftp" 127.0.0.1 "$tport" Boot/x64/Small.TXT && cmp -s "$files/tftp" "$root/Boot/x64/Small.TXT"'
px config set HttpPort=0
check "HttpPort=0 stops the HTTP server" \
  wait_until 30 http_answers "http://127.0.0.1:$hport/boot/Boot/x64/Small.TXT" 000

px service stop
finish
