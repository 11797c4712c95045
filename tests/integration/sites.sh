#!/usr/bin/env bash
# sites.sh: a boot server per site (ScopeBootServers, docs/sites.md) as real DHCP servers
# hand it out. A plan with BootServer 192.0.2.1 for scope 192.0.2.0/24 and the sites
# 198.51.100.0/24 (boot server 198.51.100.5) and 203.0.113.0/24 (203.0.113.5) is exported
# for dnsmasq, Kea and ISC dhcpd (out/native/tests/export-plan, the CLI's pxb_export), each
# completed only with address ranges and run in a network namespace of its own; a relay
# agent in a second namespace (dhcp_probe.py) forwards one DISCOVER per client kind from
# each site's subnet, and the offer's next-server (siaddr) and boot file must be the site's.
# Needs root (network namespaces). Prints "sites: N passed, M failed".
set -u

OUT=${OUT:-out}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib/harness.sh"
harness_start sites
export_plan="$OUT/native/tests/export-plan"
probe="$here/dhcp_probe.py"
require_files "$export_plan"
scratch_dir work sites
srv=pxb-sites-srv-$$
rly=pxb-sites-rly-$$
server_pid=""

# The scopes: "network prefix" "relay address (giaddr)" "boot server it must hand out".
SCOPES=("192.0.2 192.0.2.2 192.0.2.1" "198.51.100 198.51.100.1 198.51.100.5"
        "203.0.113 203.0.113.1 203.0.113.5")

cat >"$work/plan" <<'EOF'
BootServer=192.0.2.1
Scopes=192.0.2.0/24 198.51.100.0/24 203.0.113.0/24
ScopeBootServers=198.51.100.0/24=198.51.100.5 203.0.113.0/24=203.0.113.5
ExcludeMacs=00:11:22:33:44:55
EOF

# (A server is started with ip netns exec itself, not through in_srv: $! is then its pid.)
in_srv() { ip netns exec "$srv" "$@"; }
in_rly() { ip netns exec "$rly" "$@"; }

stop_server() {
  [ -n "$server_pid" ] || return 0
  kill "$server_pid" 2>/dev/null
  wait "$server_pid" 2>/dev/null
  server_pid=""
}

# The server's namespace (veth-s 192.0.2.1) and the relay's (veth-r 192.0.2.2, and the
# sites' relay addresses on its loopback), routed to each other.
make_namespaces() {
  ip netns add "$srv" && ip netns add "$rly" &&
    ip link add veth-s netns "$srv" type veth peer name veth-r netns "$rly" &&
    in_srv ip addr add 192.0.2.1/24 dev veth-s && in_srv ip link set veth-s up &&
    in_srv ip link set lo up &&
    in_rly ip addr add 192.0.2.2/24 dev veth-r && in_rly ip link set veth-r up &&
    in_rly ip link set lo up && in_rly ip addr add 198.51.100.1/32 dev lo &&
    in_rly ip addr add 203.0.113.1/32 dev lo &&
    in_srv ip route add 198.51.100.0/24 via 192.0.2.2 &&
    in_srv ip route add 203.0.113.0/24 via 192.0.2.2
}

remove_namespaces() {
  stop_server
  ip netns del "$srv" 2>/dev/null
  ip netns del "$rly" 2>/dev/null
}

# probe_all NAME: each client kind from each scope; the offer must name the scope's server.
probe_all() {
  local name=$1 entry net giaddr boot got
  for entry in "${SCOPES[@]}"; do
    read -r net giaddr boot <<<"$entry"
    got=$(in_rly timeout 10 python3 "$probe" 192.0.2.1 "$giaddr" 0)
    check_same "$name: a BIOS client of $net.0/24 boots undionly.kpxe from $boot" \
      "$got" "siaddr=$boot file=undionly.kpxe opt66=- opt67=-"
    got=$(in_rly timeout 10 python3 "$probe" 192.0.2.1 "$giaddr" 7)
    check_same "$name: an x64 UEFI client of $net.0/24 boots snponly.efi from $boot" \
      "$got" "siaddr=$boot file=snponly.efi opt66=- opt67=-"
    got=$(in_rly timeout 10 python3 "$probe" 192.0.2.1 "$giaddr" 7 iPXE)
    check_same "$name: iPXE in $net.0/24 gets tftp://$boot/boot.ipxe" \
      "$got" "siaddr=$boot file=tftp://$boot/boot.ipxe opt66=- opt67=-"
  done
}

# server_ready LOG TEXT: the server's log says it listens.
server_ready() { grep -q "$2" "$1" 2>/dev/null; }

run_dnsmasq() {
  local conf=$work/dnsmasq.conf entry net tag
  "$export_plan" dnsmasq "$work/plan" >"$conf" || return 1
  # The admin's ranges carry the tag the export gives their scope (its comment says so).
  for entry in "${SCOPES[@]}"; do
    read -r net _ <<<"$entry"
    tag=$(sed -n "s/^dhcp-range=\(set:pxb-site-[0-9]*,\)$net\.0,static,.*/\1/p" "$conf")
    printf 'dhcp-range=%s%s.100,%s.200,255.255.255.0\n' "$tag" "$net" "$net" >>"$conf"
  done
  printf 'port=0\ninterface=veth-s\nbind-interfaces\ndhcp-leasefile=%s\nlog-dhcp\n' \
    "$work/dnsmasq.leases" >>"$conf"
  ip netns exec "$srv" dnsmasq --keep-in-foreground --user=root --pid-file="$work/dnsmasq.pid" \
    --conf-file="$conf" --log-facility="$work/dnsmasq.log" &
  server_pid=$!
  wait_until 10 server_ready "$work/dnsmasq.log" "DHCP, IP range"
}

run_kea() {
  "$export_plan" kea "$work/plan" >"$work/kea.export" || return 1
  python3 - "$work" <<'EOF' || return 1
import json, sys
work = sys.argv[1]
text = "".join(l for l in open(work + "/kea.export") if not l.lstrip().startswith("//"))
conf = json.loads(text)
d = conf["Dhcp4"]
d["interfaces-config"] = {"interfaces": ["veth-s"], "dhcp-socket-type": "udp"}
d["lease-database"] = {"type": "memfile", "persist": False}
for s in d["subnet4"]:
    net = s["subnet"].rsplit(".", 1)[0]
    s["pools"] = [{"pool": net + ".100 - " + net + ".200"}]
d["loggers"] = [{"name": "kea-dhcp4", "severity": "INFO",
                 "output_options": [{"output": work + "/kea.log"}]}]
json.dump(conf, open(work + "/kea.json", "w"), indent=1)
EOF
  ip netns exec "$srv" env KEA_PIDFILE_DIR="$work" KEA_LOCKFILE_DIR="$work" kea-dhcp4 -c "$work/kea.json" \
    >"$work/kea.out" 2>&1 &
  server_pid=$!
  wait_until 10 server_ready "$work/kea.log" "DHCP4_STARTED"
}

run_dhcpd() {
  local conf=$work/dhcpd.conf
  "$export_plan" isc "$work/plan" |
    awk '/^subnet / { split($2, a, "."); net = a[1] "." a[2] "." a[3] }
         { print }
         /# add your range/ { print "  range " net ".100 " net ".200;" }' >"$conf" || return 1
  : >"$work/dhcpd.leases"
  ip netns exec "$srv" dhcpd -f -4 -cf "$conf" -lf "$work/dhcpd.leases" -pf "$work/dhcpd.pid" veth-s \
    >"$work/dhcpd.log" 2>&1 &
  server_pid=$!
  wait_until 10 server_ready "$work/dhcpd.log" "Sending on"
}

at_exit remove_namespaces
make_namespaces || abort "the network namespaces $srv and $rly (run as root)"
for server in ${SITES_SERVERS:-dnsmasq kea dhcpd}; do
  step "$server"
  if "run_$server"; then
    pass "$server runs the export of a plan with two sites"
    probe_all "$server"
  else
    fail "$server runs the export of a plan with two sites (see $work)"
  fi
  stop_server
done
finish
