# proxy_row.sh: the proxyDHCP row of make bench, sourced by tests/bench/run.sh (not run). A
# burst of PXE DHCPDISCOVERs from 1000 simulated clients (BENCH_SHORT: 200;
# tests/bench/dhcp_burst.py: each its own MAC, architectures 0, 7, 9, 11, every fifth iPXE),
# broadcast from a namespace of its own over a veth pair (198.51.100.0/24, TEST-NET-2,
# inside the bench's namespaces only) to the native pxebridge-tftpd answering with a plan
# file ProxyDhcp=on, then to dnsmasq's proxy mode with a pxe-service for each of those
# architectures, one after the other: how many clients got an offer within the deadline and
# the p50/p99 time from DHCPDISCOVER to offer, with pxebridge / dnsmasq ratios, and how many
# DHCPDISCOVERs the kernel dropped at the server for a full receive buffer. Both log one
# line per answer (their default). Expects run.sh's root, out, results, short, server_pid,
# stop_server and ratio.
# shellcheck shell=bash

if [ -n "$short" ]; then proxy_clients=200; else proxy_clients=1000; fi
PROXY_ADDR=198.51.100.1
PROXY_NS=pxb-bench-pxe-$$
PROXY_DEADLINE_S=10   # how long the generator waits for offers after its last DHCPDISCOVER
proxy_servers=(pxebridge dnsmasq)
declare -A proxy_answered proxy_p50 proxy_p99 proxy_dropped

# The clients' namespace, cabled to the bench's namespace (pxbpx0, the servers' side).
proxy_net_up() {
  ip netns add "$PROXY_NS" &&
    ip link add pxbpx0 type veth peer name lan netns "$PROXY_NS" &&
    ip addr add "$PROXY_ADDR/24" dev pxbpx0 && ip link set pxbpx0 up &&
    ip -n "$PROXY_NS" link set lan up && ip -n "$PROXY_NS" link set lo up
}
proxy_net_down() {
  ip link del pxbpx0 2>/dev/null
  ip netns del "$PROXY_NS" 2>/dev/null
  return 0
}

# proxy_start SERVER: starts it answering PXE clients on pxbpx0; its log in $out/proxy-SERVER.log;
# 0 once it says it listens (10 s at most).
proxy_start() {
  local log=$out/proxy-$1.log ready
  : >"$log"
  case $1 in
    pxebridge)
      printf 'BootServer=%s\nProxyDhcp=on\nUefiArm64File=snponly.efi\n' "$PROXY_ADDR" \
        >"$out/proxy-plan.txt"
      "$OUT/native/pxebridge-tftpd" --root "$root" --listen "$PROXY_ADDR" --port 69 \
        --plan-file "$out/proxy-plan.txt" >"$log" 2>&1 &
      ready="proxyDHCP: listening on $PROXY_ADDR:67" ;;
    dnsmasq)
      dnsmasq --no-daemon --port=0 --interface=pxbpx0 --bind-interfaces --user=root \
        --pid-file= --log-facility="$log" --dhcp-range="${PROXY_ADDR%.*}.0,proxy" \
        --dhcp-userclass=set:ipxe,iPXE \
        --pxe-service=tag:!ipxe,x86PC,"first stage",undionly.kpxe \
        --pxe-service=tag:!ipxe,7,"first stage",snponly.efi \
        --pxe-service=tag:!ipxe,9,"first stage",snponly.efi \
        --pxe-service=tag:!ipxe,11,"first stage",snponly.efi \
        --pxe-service=tag:ipxe,x86PC,"boot script",boot.ipxe \
        --pxe-service=tag:ipxe,7,"boot script",boot.ipxe \
        --pxe-service=tag:ipxe,9,"boot script",boot.ipxe \
        --pxe-service=tag:ipxe,11,"boot script",boot.ipxe >/dev/null 2>&1 &
      ready="proxy on subnet" ;;
  esac
  server_pid=$!
  wait_until 10 grep -q "$ready" "$log"
}

# The datagrams the kernel dropped in this namespace for a full socket receive buffer
# (/proc/net/snmp, Udp: RcvbufErrors).
udp_rcvbuf_errors() {
  awk '/^Udp:/ { if (!col) { for (i = 2; i <= NF; i++) if ($i == "RcvbufErrors") col = i }
                 else print $col }' /proc/net/snmp
}

# proxy_measure SERVER: one burst against it; its RESULT line and the datagrams the kernel
# dropped at the server meanwhile into the tables.
proxy_measure() {
  local line dropped
  proxy_start "$1" || { echo "bench: the $1 proxy did not start (see $out/proxy-$1.log)" >&2
    stop_server; return 0; }
  dropped=$(udp_rcvbuf_errors)
  line=$(ip netns exec "$PROXY_NS" timeout $((PROXY_DEADLINE_S + 60)) \
    python3 "$here/dhcp_burst.py" lan "$proxy_clients" "$PROXY_DEADLINE_S" "$1" |
    tee -a "$results" | grep '^RESULT' || true)
  echo "  proxyDHCP burst: $1: ${line#RESULT }" >&2
  proxy_answered[$1]=$(sed -n 's/.* answered=\([0-9]*\).*/\1/p' <<<"$line")
  proxy_p50[$1]=$(sed -n 's/.* p50_ms=\([0-9.]*\).*/\1/p' <<<"$line")
  proxy_p99[$1]=$(sed -n 's/.* p99_ms=\([0-9.]*\).*/\1/p' <<<"$line")
  proxy_dropped[$1]=$(($(udp_rcvbuf_errors) - dropped))
  stop_server
}

measure_proxy() {
  local server
  at_exit proxy_net_down
  proxy_net_up || { echo "bench: the proxyDHCP row's network could not be made" >&2; return 0; }
  for server in "${proxy_servers[@]}"; do
    echo "== proxyDHCP $server (at $SECONDS s)" >&2
    proxy_measure "$server"
  done
}

proxy_table() {
  printf '\nproxyDHCP: a burst of %s PXE DHCPDISCOVERs (archs 0/7/9/11, every fifth iPXE), ' \
    "$proxy_clients"
  printf 'offers within %s s of the last\n' "$PROXY_DEADLINE_S"
  printf '%-36s | %-18s | %-18s | %-9s\n' scenario pxebridge-tftpd dnsmasq pxb/dnsmasq
  printf '%-36s | %-18s | %-18s | %-9s\n' "answered of $proxy_clients" \
    "${proxy_answered[pxebridge]:-no run}" "${proxy_answered[dnsmasq]:-no run}" \
    "$(ratio "${proxy_answered[pxebridge]:-}" "${proxy_answered[dnsmasq]:-}")"
  printf '%-36s | %-18s | %-18s | %-9s\n' "dropped: receive buffer full" \
    "${proxy_dropped[pxebridge]:-no run}" "${proxy_dropped[dnsmasq]:-no run}" -
  printf '%-36s | %-18s | %-18s | %-9s\n' "p50 ms DISCOVER -> offer" \
    "${proxy_p50[pxebridge]:-no run}" "${proxy_p50[dnsmasq]:-no run}" \
    "$(ratio "${proxy_p50[pxebridge]:-}" "${proxy_p50[dnsmasq]:-}")"
  printf '%-36s | %-18s | %-18s | %-9s\n' "p99 ms DISCOVER -> offer" \
    "${proxy_p99[pxebridge]:-no run}" "${proxy_p99[dnsmasq]:-no run}" \
    "$(ratio "${proxy_p99[pxebridge]:-}" "${proxy_p99[dnsmasq]:-}")"
}
