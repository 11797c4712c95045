#!/usr/bin/env bash
# proxydhcp.sh: the wine test of the service's proxyDHCP server (docs/proxydhcp.md; make
# wine; needs OUT with the two programs and svcctl.exe). In a fresh wine prefix a dummy
# service named WDSServer runs (svcctl.exe serve, standing in for Windows Deployment
# Services); the service is installed with ListenAddresses=127.0.0.1 and ProxyDhcp=4011 and
# must: warn in its log that WDS answers PXE clients too (event 1015), listen on
# 127.0.0.1:4011 only (no port 67 in 4011 mode), ack a PXE client's DHCPREQUEST there
# (tests/integration/pxe_client.py) with the plan's file, no address and option 60
# PXEClient, log the client answered, count a junk datagram as malformed and serve on, and
# show the counts and the mode in `pxebridge status` (text and --json); then, with
# 127.0.0.1:67 held by another program, a reload to ProxyDhcp=on logs event 1014 with the
# fix while 4011 and TFTP serve on. Loopback only;
# every wait is bounded. Last line: "proxydhcp-wine: N passed, M failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

CLI=$OUT/bin/pxebridge.exe
client=$here/../integration/pxe_client.py
suite_start proxydhcp-wine "$CLI" "$OUT/bin/pxebridge-service.exe" "$SVCCTL"
root=$files/root
mkdir -p "$root"
log_file=$files/logs/pxebridge.log
on_fail show_log_tail

step "a WDSServer beside the service"
w sc create WDSServer binpath= "\"$(winpath "$SVCCTL")\" serve" start= demand >/dev/null
w sc start WDSServer >/dev/null 2>&1
check "the stand-in WDSServer service runs" svc_wait WDSServer RUNNING 30

step "ProxyDhcp=4011 on 127.0.0.1"
tport=$(free_port)
px config set "TftpRoot=$(winpath "$root")" ListenAddresses=127.0.0.1 "Port=$tport" \
  "LogDirectory=$(winpath "$files/logs")" LogLevel=debug BootServer=192.0.2.10 ProxyDhcp=4011
check "ProxyDhcp=4011 stored with config set" test "$rc" -eq 0
px service install
px service start
check "the service starts" test "$rc" -eq 0
check "it listens on 127.0.0.1:4011" wait_log_has "proxyDHCP: listening on 127.0.0.1:4011" 1 60
check "... and not on port 67 (4011 mode)" sh -c '! grep -Eq "proxyDHCP: listening on [0-9.]+:67([^0-9]|$)" "$1"' _ "$log_file"
check "it warns that WDS answers PXE clients too (event 1015), with what to do" \
  wait_log_has "[1015] proxyDHCP: Windows Deployment Services (WDSServer) is running" 1 30

step "answers"
got=$(timeout 20 python3 "$client" request 127.0.0.1 52:54:00:00:01:07 7)
check_same "a DHCPREQUEST to 4011 is acked with the x64 UEFI file" "$got" \
  "type=5 yiaddr=0.0.0.0 siaddr=192.0.2.10 file=snponly.efi opt60=PXEClient opt54=127.0.0.1"
check "the client answered is logged (MAC, architecture, file, port)" \
  wait_log_matches "proxyDHCP: acked 52:54:00:00:01:07 (.*) snponly.efi from 192.0.2.10 on port 4011" 1 10
python3 "$client" junk 127.0.0.1 4011
check "a junk datagram is ignored as malformed" \
  wait_log_matches "proxyDHCP: ignored .* on port 4011: malformed" 1 10
got=$(timeout 20 python3 "$client" request 127.0.0.1 52:54:00:00:01:08 0)
check_same "... and the service answers on" "$got" \
  "type=5 yiaddr=0.0.0.0 siaddr=192.0.2.10 file=undionly.kpxe opt60=PXEClient opt54=127.0.0.1"
check "the service is still running" svc_wait "$SERVICE" RUNNING 5

step "status"
px status --json
expect_json "status --json: the mode is 4011" 'd["status"]["proxy_dhcp"]["mode"]' 4011
expect_json "status --json: one socket" 'd["status"]["proxy_dhcp"]["listeners"]' 1
expect_json "status --json: 2 acked" 'd["status"]["proxy_dhcp"]["counters"]["acked"]' 2
expect_json "status --json: 1 malformed" 'd["status"]["proxy_dhcp"]["counters"]["malformed"]' 1
expect_json "status --json: none offered (no port 67)" 'd["status"]["proxy_dhcp"]["counters"]["offered"]' 0
px status
check "status shows the proxyDHCP line with the counts" \
  out_matches "^ProxyDHCP: 4011, 1 sockets: .*acked 2, malformed 1"

step "ProxyDhcp=on with port 67 taken"
# Another program holds 127.0.0.1:67 (at most 60 s; ended at exit by its pid).
python3 -c 'import socket, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", 67))
time.sleep(60)' &
holder_pid=$!
at_exit 'kill "$holder_pid" 2>/dev/null'
sleep 0.5
px config set ProxyDhcp=on
check "config set ProxyDhcp=on reloads the service" wait_log_has "[1004] configuration reloaded" 1 30
check "port 67 taken is an error with the fix (event 1014)" \
  wait_log_has "[1014] proxyDHCP: cannot bind 127.0.0.1:67" 1 30
check "... saying to set ProxyDhcp=4011" \
  grep -qF "another DHCP server or WDS holds UDP port 67 on this machine: set ProxyDhcp=4011" "$log_file"
got=$(timeout 20 python3 "$client" request 127.0.0.1 52:54:00:00:01:09 7)
check_same "port 4011 answers on" "$got" \
  "type=5 yiaddr=0.0.0.0 siaddr=192.0.2.10 file=snponly.efi opt60=PXEClient opt54=127.0.0.1"
check "TFTP serves on" wait_tftp 127.0.0.1 "$tport" 10

px service stop
w sc stop WDSServer >/dev/null 2>&1
finish
