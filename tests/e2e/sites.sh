#!/usr/bin/env bash
# sites.sh: the QEMU proof of sites (make e2e; issue 22, ScopeBootServers): a VM in a second
# subnet, behind a DHCP relay, boots from its own site's boot server.
#
# The network, all of it inside namespaces this test makes:
#   site 1, 192.0.2.0/24 (lib.sh's namespace, bridge pxbbr0): 192.0.2.1 is the DHCP server,
#     dnsmasq running `pxebridge dhcp export --format dnsmasq` of the plan, and site 1's boot
#     server, the MSI installed under wine as in run.sh;
#   the router (namespace ...-router): 192.0.2.254 on site 1, 198.51.100.1 on site 2, IP
#     forwarding on, and dnsmasq as site 2's DHCP relay agent: it forwards the clients'
#     broadcasts to 192.0.2.1 with giaddr 198.51.100.1, which picks the scope;
#   site 2, 198.51.100.0/24 (bridge pxbbr1, a switch with no address of its own): the VM's tap
#     pxbtap1, the router, and site 2's boot server 198.51.100.5 (namespace ...-site2).
# Site 2's boot server is a machine of its own: a second wine prefix in its own namespace, the
# same MSI installed the same way, the same plan stored with its own CLI (as Group Policy sets
# it on every boot server): the service an admin installs, not the native pxebridge-tftpd
# (the same engine, not the product), nor the first prefix's service on a second address
# (one machine is not two sites' boot servers).
# The plan: Scopes 192.0.2.0/24 198.51.100.0/24, ScopeBootServers 192.0.2.0/24=192.0.2.1
# 198.51.100.0/24=198.51.100.5, no ScriptUrl, BootTarget tftp://${next-server}/os.ipxe (a
# file no server has: the script then boots the local disk), as docs/sites.md advises.
#   1. both boot servers make the same boot.ipxe (fetched with curl from each);
#   2. the export gives site 2's scope its own server; dnsmasq accepts it and serves both
#      subnets; site 1's clients are still offered 192.0.2.1 (tests/integration/dhcp_probe.py
#      sends their DISCOVER as a relay on site 1's subnet would: no VM);
#   3. a UEFI VM on site 2's subnet: OVMF's PXE client gets an address of site 2 and
#      snponly.efi from 198.51.100.5, iPXE gets tftp://198.51.100.5/boot.ipxe, prints the
#      marker and asks 198.51.100.5 for the target; site 2's service logged each of these
#      files, site 1's saw no request of the VM.
# Last line: "e2e-sites: N passed, M failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
e2e_enter "$@"

ROUTER=192.0.2.254            # the router on site 1's subnet
RELAY=198.51.100.1            # the router on site 2's subnet: the relay, the giaddr
SITE2_SERVER=198.51.100.5     # site 2's boot server
SITE2_NET=198.51.100.0/24
SITE2_RANGE=198.51.100.100,198.51.100.199
BRIDGE2=pxbbr1
TAP2=pxbtap1
ROUTER_NS=$E2E_NS-router
SITE2_NS=$E2E_NS-site2
SCOPES="${SERVER%.*}.0/24 $SITE2_NET"
SITE_SERVERS="${SERVER%.*}.0/24=$SERVER $SITE2_NET=$SITE2_SERVER"
# The plan both boot servers get (BootServer comes with the MSI).
# shellcheck disable=SC2016 # ${next-server} is iPXE's
PLAN=("Scopes=$SCOPES" "ScopeBootServers=$SITE_SERVERS" 'BootTarget=tftp://${next-server}/os.ipxe'
  LogLevel=debug)
e2e_start e2e-sites

# --- the network ---------------------------------------------------------------------------

# The router's and site 2's namespaces, site 2's bridge with the VM's tap, the cables and
# the routes between the sites.
sites_net_up() {
  local ns
  for ns in "$ROUTER_NS" "$SITE2_NS"; do
    ip netns add "$ns" && ip -n "$ns" link set lo up || return 1
  done
  ip link add "$BRIDGE2" type bridge && ip link set "$BRIDGE2" up &&
    ip tuntap add dev "$TAP2" mode tap && ip link set "$TAP2" master "$BRIDGE2" &&
    ip link set "$TAP2" up &&
    cable pxbrt1 "$BRIDGE" "$ROUTER_NS" site1 "$ROUTER/24" &&
    cable pxbrt2 "$BRIDGE2" "$ROUTER_NS" site2 "$RELAY/24" &&
    cable pxbsite2 "$BRIDGE2" "$SITE2_NS" lan "$SITE2_SERVER/24" &&
    ip netns exec "$ROUTER_NS" sysctl -q -w net.ipv4.ip_forward=1 &&
    ip route add "$SITE2_NET" via "$ROUTER" &&
    ip -n "$SITE2_NS" route add default via "$RELAY"
}

# Stops what runs in the router's and site 2's namespaces, and removes them.
sites_net_down() {
  netns_remove "$ROUTER_NS"
  netns_remove "$SITE2_NS"
}

# Starts dnsmasq as site 2's DHCP relay agent in the router's namespace, logging to FILE
# (stopped with the namespace). It listens on site 1's side too: the server's answers come
# back there.
relay_start() {
  ip netns exec "$ROUTER_NS" dnsmasq --keep-in-foreground --port=0 --leasefile-ro \
    --dhcp-relay="$RELAY,$SERVER" --interface=site2 --interface=site1 --bind-interfaces \
    --log-dhcp --log-facility=- --user=root --pid-file="$E2E_DIR/relay.pid" \
    </dev/null 2> >(stamp "$1") &
  wait_for "$1" "DHCP relay from $RELAY to $SERVER" 10
}

# --- the two boot servers ------------------------------------------------------------------

# The harness's helpers (pxebridge_install, plan_apply, w "$CLI") act on one boot server: its
# wine prefix, its log, the log's follower, its CLI and TFTP root. swap_site exchanges them
# with the other site's, kept in other_*.
SITE_VARS=(WINEPREFIX svc_log log_pid CLI root)
swap_site() {
  local v keep value
  for v in "${SITE_VARS[@]}"; do
    keep=other_$v
    value=${!v:-}
    printf -v "$v" '%s' "${!keep:-}"
    printf -v "$keep" '%s' "$value"
  done
}

# A fresh wine prefix started inside site 2's namespace, so the services it runs (the
# service control manager, and so the PxeBridge service) serve there; made the other site's.
site2_wine_start() {
  # shellcheck disable=SC2016 # the inner shell expands them
  other_WINEPREFIX=$(ip netns exec "$SITE2_NS" bash -c \
    '. "$1" && wine_start >/dev/null 2>&1 && printf %s "$WINEPREFIX"' _ "$here/../wine/lib.sh")
  # shellcheck disable=SC2034 # swap_site reads it by name
  other_svc_log=$E2E_DIR/pxebridge-site2.log
  [ -n "$other_WINEPREFIX" ]
}

# Installs the MSI on site 2's boot server and stores the plan there, as on site 1.
site2_install() {
  swap_site
  pxebridge_install "BOOTSERVER=$SERVER" && plan_apply "${PLAN[@]}"
  local rc=$?
  swap_site
  return $rc
}

# probe ARCH [USER_CLASS]: what dnsmasq offers a client of site 1's subnet, its DISCOVER sent
# from the router's address there as a relay would (before site 2's relay takes port 67);
# sent again, as a client would, up to 3 times while no offer comes.
probe() {
  local _
  for _ in 1 2 3; do
    ip netns exec "$ROUTER_NS" timeout 10 python3 "$here/../integration/dhcp_probe.py" \
      "$SERVER" "$ROUTER" "$@" && return 0
  done
  return 1
}

# Something in site 2's namespace listens on UDP port 69 (only its service runs there).
site2_serves() { [ -n "$(ip netns exec "$SITE2_NS" ss -Hlun 'sport = :69')" ]; }

at_exit sites_net_down
at_exit "swap_site; e2e_stop; swap_site"

step "setup: the router and site 2's namespaces, bridge and cables"
check "site 2's network is up, routed to site 1" sites_net_up

step "setup: site 1's boot server: wine prefix, the MSI, the plan with ScopeBootServers"
e2e_wine_start || abort "a wine prefix starts in site 1's namespace"
check "site 1: the MSI installs silently and the PxeBridge service serves on UDP port 69" \
  pxebridge_install "BOOTSERVER=$SERVER"
check "site 1: the plan (Scopes, ScopeBootServers, BootTarget) is stored with config set" \
  plan_apply "${PLAN[@]}"

step "setup: site 2's boot server: its own namespace and wine prefix, the same MSI and plan"
site2_wine_start || abort "a second wine prefix starts in site 2's namespace"
check "site 2: the same MSI installs, its service serves, the same plan is stored" site2_install
check "site 2: its service listens in site 2's namespace" site2_serves

# --- 1. the same generated files -----------------------------------------------------------
step "1. both boot servers make the same boot.ipxe"
check "boot.ipxe fetched with curl from site 1's server ($SERVER)" \
  fetch_curl "$E2E_DIR/boot-site1.ipxe" "$SERVER" 69 boot.ipxe
check "boot.ipxe fetched with curl from site 2's server ($SITE2_SERVER, through the router)" \
  fetch_curl "$E2E_DIR/boot-site2.ipxe" "$SITE2_SERVER" 69 boot.ipxe
check "the two are the same, byte for byte" \
  cmp "$E2E_DIR/boot-site1.ipxe" "$E2E_DIR/boot-site2.ipxe"

# --- 2. the export -------------------------------------------------------------------------
step "2. the plan exported for dnsmasq, serving both subnets"
check "pxebridge (site 1's CLI) exports the plan for dnsmasq" dhcp_config "$E2E_DIR/dnsmasq.conf"
dnsmasq_range "$E2E_DIR/dnsmasq.conf" "$SITE2_RANGE"
check "the export hands site 2's iPXE clients tftp://$SITE2_SERVER/boot.ipxe" \
  grep -q "tftp://$SITE2_SERVER/boot.ipxe" "$E2E_DIR/dnsmasq.conf"
check "dnsmasq accepts the export" dnsmasq --test --conf-file="$E2E_DIR/dnsmasq.conf"
check "dnsmasq serves DHCP on $BRIDGE" dhcp_start "$E2E_DIR/dnsmasq.conf" "$E2E_DIR/dhcp.log"
offer=$(probe 7)
say "  site 1, x64 UEFI: $offer"
check "site 1: x64 UEFI PXE clients are offered snponly.efi from $SERVER" \
  grep -q "^siaddr=$SERVER file=snponly.efi " <<<"$offer"
offer=$(probe 7 iPXE)
say "  site 1, iPXE: $offer"
check "site 1: iPXE is offered tftp://$SERVER/boot.ipxe" \
  grep -q "^siaddr=$SERVER file=tftp://$SERVER/boot.ipxe " <<<"$offer"
check "dnsmasq relays site 2's DHCP from $RELAY to $SERVER" relay_start "$E2E_DIR/relay.log"

# --- 3. the VM on site 2 -------------------------------------------------------------------
step "3. UEFI on site 2: PXE -> snponly.efi -> iPXE -> boot.ipxe, all from $SITE2_SERVER"
serial=$E2E_DIR/site2.serial
since=$(now_stamp)
TAP=$TAP2 vm_start uefi "$serial"
check "site 2: the VM runs the boot.ipxe pxebridge made (marker within ${BOOT_TIMEOUT} s)" \
  wait_for "$serial" "$MARKER" "$BOOT_TIMEOUT"
check "site 2: the script chained to the target on its own server (\${next-server})" \
  wait_for "$serial" "pxebridge: chaining to tftp://$SITE2_SERVER/os.ipxe" 30
check "site 2: the script fell back to the local disk" wait_for "$serial" "$FALLBACK" 60
stop_job vm_pid
check "site 2: the VM's address is site 2's (${SITE2_NET%.*})" \
  grep -q "Station IP address is ${SITE2_NET%.*}" "$serial"
check "site 2: iPXE fetched tftp://$SITE2_SERVER/boot.ipxe" \
  grep -q "tftp://$SITE2_SERVER/boot[.]ipxe" "$serial"
given=$(dhcp_given "$E2E_DIR/dhcp.log")
say "$given"
check "site 2: DHCP gave EDK2's PXE client snponly.efi from $SITE2_SERVER" \
  grep -q "^ *${SITE2_NET%.*}.*user class (none) .*filename snponly.efi, next server $SITE2_SERVER" \
  <<<"$given"
check "site 2: DHCP gave iPXE tftp://$SITE2_SERVER/boot.ipxe" \
  grep -q "^ *${SITE2_NET%.*}.*user class iPXE .*filename tftp://$SITE2_SERVER/boot.ipxe" <<<"$given"
swap_site
check "site 2: its service logged snponly.efi sent" \
  wait_for "$svc_log" "sent 'snponly.efi'" "$LOG_WAIT" "$since"
check "site 2: its service logged boot.ipxe sent" \
  wait_for "$svc_log" "sent 'boot.ipxe'" "$LOG_WAIT" "$since"
check "site 2: its service logged the target refused (not found)" \
  wait_for "$svc_log" "refused 'os.ipxe'" "$LOG_WAIT" "$since"
say "  site 2's service, what it sent:"
awk -v t="$since" '$1 >= t' "$svc_log" | grep -E "sending '|sent '|refused '" | sed 's/^[0-9]* /    /'
swap_site
check "site 1: its service had no request from site 2's subnet, nothing sent since the VM started" \
  test -z "$(stamp_of "$svc_log" "$since" "${SITE2_NET%.*}|sending '")"
stages "$serial" "${UEFI_STAGES[@]}"
finish
