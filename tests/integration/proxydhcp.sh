#!/usr/bin/env bash
# proxydhcp.sh: the native pxebridge-tftpd answering PXE clients itself (proxyDHCP, PXE 2.1,
# RFC 4578) where its --plan-file says ProxyDhcp=on|4011. The server runs in a network
# namespace (veth-s 10.9.0.1/24) listening on 0.0.0.0, so its proxy listens on the
# interface's address (one socket a port for the interface, its second address 10.9.0.3
# included); a PXE client in a second namespace (veth-c 10.9.0.2/24,
# pxe_client.py) broadcasts DHCPDISCOVERs to port 67 and sends DHCPREQUESTs to 4011; the
# offers and acks must carry no address, option 60 PXEClient, the server's identifier and
# the plan's boot file per architecture (the boot script for iPXE). Then: junk on 4011 is
# ignored and the server answers on; a reload to ProxyDhcp=4011 closes port 67 and keeps
# 4011; port 67 held by another socket is logged with the fix while 4011 and TFTP serve on.
# Needs root (network namespaces). Prints "proxydhcp: N passed, M failed".
set -u

OUT=${OUT:-out}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib/harness.sh"
harness_start proxydhcp
tftpd=$(realpath -m "$OUT/native/pxebridge-tftpd")
client="$here/pxe_client.py"
require_files "$tftpd"
scratch_dir work proxydhcp
srv=pxb-proxy-srv-$$
cli=pxb-proxy-cli-$$
server_pid=""
holder_pid=""
log=$work/tftpd.log
on_fail 'tail -n 20 "$log" 2>/dev/null | sed "s/^/    log: /"'

in_cli() { ip netns exec "$cli" "$@"; }

make_namespaces() {
  ip netns add "$srv" && ip netns add "$cli" &&
    ip link add veth-s netns "$srv" type veth peer name veth-c netns "$cli" &&
    ip netns exec "$srv" ip addr add 10.9.0.1/24 dev veth-s &&
    ip netns exec "$srv" ip addr add 10.9.0.3/24 dev veth-s &&
    ip netns exec "$srv" ip link set veth-s up && ip netns exec "$srv" ip link set lo up &&
    in_cli ip addr add 10.9.0.2/24 dev veth-c && in_cli ip link set veth-c up &&
    in_cli ip link set lo up
}

stop_pid() { # VAR: kills the process whose pid VAR holds (one this script started)
  local pid=${!1}
  [ -n "$pid" ] || return 0
  kill "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  printf -v "$1" '%s' ""
}

cleanup() {
  stop_pid server_pid
  stop_pid holder_pid
  ip netns del "$srv" 2>/dev/null
  ip netns del "$cli" 2>/dev/null
}

write_plan() { # MODE
  printf 'BootServer=10.9.0.1\nProxyDhcp=%s\n' "$1" >"$work/plan"
}

log_has() { grep -q -- "$1" "$log" 2>/dev/null; }
log_matches() { grep -Eq -- "$1" "$log" 2>/dev/null; }

start_server() {
  : >"$log"
  ip netns exec "$srv" "$tftpd" --root "$work/root" --listen 0.0.0.0 --port 69 \
    --log-level debug --plan-file "$work/plan" 2>"$log" &
  server_pid=$!
  wait_until 10 log_has "proxyDHCP: listening on 10.9.0.1:4011"
}

# ask KIND TARGET MAC ARCH [USER_CLASS]: the client's one-line account of the answer.
ask() { in_cli timeout 10 python3 "$client" "$@"; }

OFFER="type=2 yiaddr=0.0.0.0 siaddr=10.9.0.1"
ACK="type=5 yiaddr=0.0.0.0 siaddr=10.9.0.1"
TAIL="opt60=PXEClient opt54=10.9.0.1"

at_exit cleanup
make_namespaces || abort "the network namespaces $srv and $cli (run as root)"
mkdir -p "$work/root" && printf 'pxe\n' >"$work/root/hello.txt"

step "ProxyDhcp=on"
write_plan on
check "the server starts with the plan's ProxyDhcp=on" start_server
check "it listens on port 67 of the interface's address" log_has "proxyDHCP: listening on 10.9.0.1:67"
check "... and on nothing of loopback (ListenAddresses 0.0.0.0: the interfaces' addresses)" \
  sh -c '! grep -q "proxyDHCP: listening on 127\." "$1"' _ "$log"
check "the interface's second address shares its sockets (nothing fails to bind)" \
  sh -c '! grep -q "proxyDHCP: .*cannot bind" "$1" && ! grep -q "listening on 10.9.0.3" "$1"' _ "$log"
check_same "a BIOS client's broadcast DHCPDISCOVER is offered undionly.kpxe" \
  "$(ask discover veth-c 52:54:00:00:00:01 0)" "$OFFER file=undionly.kpxe $TAIL"
check_same "an x64 UEFI client's is offered snponly.efi" \
  "$(ask discover veth-c 52:54:00:00:00:02 7)" "$OFFER file=snponly.efi $TAIL"
check_same "iPXE (user class iPXE) is offered the boot script, so the loop stays broken" \
  "$(ask discover veth-c 52:54:00:00:00:03 0 iPXE)" "$OFFER file=tftp://10.9.0.1/boot.ipxe $TAIL"
check_same "an x64 UEFI client's DHCPREQUEST to port 4011 is acked with snponly.efi" \
  "$(ask request 10.9.0.1 52:54:00:00:00:04 7)" "$ACK file=snponly.efi $TAIL"
check "one log line per client answered: MAC, architecture, iPXE or not, file, server, port" \
  log_matches "info: proxyDHCP: offered 52:54:00:00:00:01 \(.*, not iPXE\) undionly.kpxe from 10.9.0.1 on port 67"
check "... the 4011 answer too" \
  log_matches "info: proxyDHCP: acked 52:54:00:00:00:04 \(.*, not iPXE\) snponly.efi from 10.9.0.1 on port 4011"
in_cli python3 "$client" junk 10.9.0.1 4011
check "a junk datagram on 4011 is ignored (logged at debug as malformed)" \
  wait_until 5 log_matches "debug: proxyDHCP: ignored .* on port 4011: malformed"
check_same "... and the server answers on" \
  "$(ask request 10.9.0.1 52:54:00:00:00:05 0)" "$ACK file=undionly.kpxe $TAIL"

step "reload to ProxyDhcp=4011"
write_plan 4011
kill -HUP "$server_pid"
check "SIGHUP with ProxyDhcp=4011 closes port 67" \
  wait_until 10 log_has "proxyDHCP: stopped listening on 10.9.0.1:67"
check_same "a broadcast DHCPDISCOVER is no longer answered" \
  "$(ask discover veth-c 52:54:00:00:00:06 0)" "no answer"
check_same "a DHCPREQUEST to 4011 still is" \
  "$(ask request 10.9.0.1 52:54:00:00:00:07 7)" "$ACK file=snponly.efi $TAIL"
stop_pid server_pid

step "port 67 taken by another program"
ip netns exec "$srv" python3 -c 'import socket, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("0.0.0.0", 67))
time.sleep(60)' &
holder_pid=$!
sleep 0.5
write_plan on
check "the server starts all the same" start_server
check "the log says who holds port 67 and what to do" \
  log_has "another DHCP server or WDS holds UDP port 67 on this machine: set ProxyDhcp=4011"
check_same "port 4011 answers on" \
  "$(ask request 10.9.0.1 52:54:00:00:00:08 7)" "$ACK file=snponly.efi $TAIL"
check "and TFTP serves on" \
  sh -c 'ip netns exec "$1" timeout 10 curl -s tftp://10.9.0.1/hello.txt | grep -q pxe' _ "$cli"
finish
