#!/usr/bin/env bash
# demo.sh: the README's main job, for now (make demo): installs the PxeBridge service in a
# fresh wine prefix, starts it on a loopback port, fetches a boot image from its TFTP root
# with curl as a network-booting client would, and prints what happened, the service's log
# included. The boot image is iPXE's undionly.kpxe from the ipxe package when installed,
# otherwise a stand-in file. Loopback only; ends only the processes of its own prefix.
set -u
here=$(cd "$(dirname "$0")" && pwd)
: "${OUT:?OUT must name the build output folder (make exports it)}"
. "$here/lib.sh"

EXE=$OUT/bin/pxebridge-service.exe
SVCCTL=$OUT/win/tests/svcctl.exe
SERVICE=PxeBridge
IMAGE=/usr/lib/ipxe/undionly.kpxe
for f in "$EXE" "$SVCCTL"; do
  [ -f "$f" ] || { say "demo: $f is missing; run make all $SVCCTL"; exit 1; }
done

files=$(mktemp -d "$(realpath "$OUT")/demo-XXXX")
trap 'wine_stop; rm -rf "$files" "${WINEPREFIX:-}"' EXIT
mkdir -p "$files/tftpboot" "$files/logs"
if [ -f "$IMAGE" ]; then
  cp "$IMAGE" "$files/tftpboot/"
else
  head -c 100000 /dev/urandom >"$files/tftpboot/undionly.kpxe"
fi

say "demo: creating a wine prefix (takes a few seconds)"
wine_start || { say "demo: wine could not start a prefix"; exit 1; }
port=$(free_port)
reg_set TftpRoot REG_SZ "$(winpath "$files/tftpboot")"
reg_set ListenAddresses REG_SZ 127.0.0.1
reg_set Port REG_DWORD "$port"
reg_set LogDirectory REG_SZ "$(winpath "$files/logs")"
say "demo: installing and starting the PxeBridge service (TFTP on 127.0.0.1:$port)"
w sc create "$SERVICE" binpath= "\"$(winpath "$EXE")\"" start= demand >/dev/null
w sc start "$SERVICE" >/dev/null 2>&1
if ! svc_wait "$SERVICE" RUNNING 30 || ! wait_tftp 127.0.0.1 "$port" 30; then
  say "demo: the service did not start: $(svc_status "$SERVICE")"
  cat "$files/logs/pxebridge.log" 2>/dev/null
  exit 1
fi
say "demo: service status: $(svc_status "$SERVICE")"
say "demo: fetching undionly.kpxe over TFTP with curl"
start=$SECONDS
fetch_curl "$files/fetched.kpxe" 127.0.0.1 "$port" undionly.kpxe --tftp-blksize 1468
rc=$?
if [ "$rc" -eq 0 ] && cmp -s "$files/tftpboot/undionly.kpxe" "$files/fetched.kpxe"; then
  say "demo: received $(stat -c %s "$files/fetched.kpxe") bytes in $((SECONDS - start)) s," \
    "identical to the served file (sha256 $(sha256sum <"$files/fetched.kpxe" | cut -c1-16)...)"
  result=0
else
  say "demo: the fetch failed (curl exit $rc)"
  result=1
fi
w sc stop "$SERVICE" >/dev/null 2>&1
svc_wait "$SERVICE" STOPPED 30
say "demo: service status after sc stop: $(svc_status "$SERVICE")"
say "demo: the service's log file:"
sed 's/^/  /' "$files/logs/pxebridge.log"
exit "$result"
