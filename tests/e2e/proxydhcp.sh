#!/usr/bin/env bash
# proxydhcp.sh: the QEMU proof of proxyDHCP (make e2e; issue 23, docs/proxydhcp.md): PXE
# clients boot where the DHCP server hands out addresses only and the PxeBridge service,
# installed from the MSI under wine, answers them itself.
#
# The network, all of it inside namespaces this test makes: lib.sh's bridge with the VM's tap
# and the boot server 192.0.2.1 (the MSI installed with PROXYDHCP=on, the service under
# wine), and another machine, the DHCP server 192.0.2.2 (namespace ...-dhcp, cabled to the
# bridge): dnsmasq handing out addresses only, no boot options, nothing for PXE.
#   1. ProxyDhcp=on (ports 67 and 4011): a BIOS VM (SeaBIOS, iPXE ROM) and a UEFI VM (OVMF,
#      EDK2's PXE client -> snponly.efi -> iPXE) each boot to the boot script's marker; the
#      service logged its answer to each;
#   2. ProxyDhcp=4011: the DHCP server runs on the boot server's machine (dnsmasq in the main
#      namespace, addresses and option 060 PXEClient), the service listens on 4011 only, the
#      UEFI VM boots to the marker;
#   3. the signed chain through the proxy (still 4011), Secure Boot on: shim -> GRUB ->
#      Debian's signed kernel -> the initramfs's marker (UefiX64File=secureboot/shimx64.efi);
#   4. the control: ProxyDhcp=off and nothing else answering PXE clients, the BIOS VM finds
#      no boot file; then dnsmasq's own proxy mode (dhcp-range=...,proxy, pxe-service naming
#      the same files, pxebridge's TFTP still serving) boots the same BIOS and UEFI VMs; the
#      time from power-on to iPXE's banner and to the marker is printed for both proxies.
# Last line: "e2e-proxy: N passed, M failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
e2e_enter "$@"

DHCP_NS=$E2E_NS-dhcp
DHCP_SERVER=192.0.2.2
BANNER='Open Source Network Boot Firmware'
e2e_start e2e-proxy
. "$here/sb_lib.sh"

# The stages of the signed chain through the proxy, as the serial console shows them.
CHAIN_STAGES=(
  "power-on to the PXE client (OVMF, Secure Boot on)" ">>Start PXE over IPv4"
  "DHCP, then the boot file from the proxy on 4011" "Station IP address is"
  "secureboot/shimx64.efi over TFTP" "NBP file downloaded successfully"
  "shim -> GRUB -> grub/grub.cfg -> the kernel's marker" "$KERNEL_MARKER"
)
CHAIN_FILES=(secureboot/shimx64.efi secureboot/grubx64.efi grub/grub.cfg debian/vmlinuz
             debian/initrd.img)

# --- helpers -------------------------------------------------------------------------------

# Writes FILE: dnsmasq on interface IFACE handing out addresses only (no boot options, no
# PXE services), then any further lines given.
addresses_config() {
  local file=$1 iface=$2
  shift 2
  printf '%s\n' "interface=$iface" bind-interfaces port=0 \
    "dhcp-leasefile=$E2E_DIR/dnsmasq.leases" log-dhcp "$@" >"$file"
  dnsmasq_range "$file" "$DHCP_RANGE"
}

# The milliseconds from the VM's power-on to the first line of SERIAL matching REGEX.
from_power_on() {
  local at
  at=$(stamp_of "$1" "$vm_t0" "$2")
  [ -z "$at" ] || printf '%s' $((at - vm_t0))
}

# boot MACHINE NAME: powers on the VM (a vm_start machine; serial log NAME.serial); passes if
# the boot script's marker shows in time. Keeps the times from power-on to iPXE's banner and
# to the marker (banner_at[NAME], marker_at[NAME]) and prints the stages.
declare -A banner_at marker_at
boot() {
  local serial=$E2E_DIR/$2.serial
  vm_start "$1" "$serial"
  check "$2: the VM runs the boot.ipxe pxebridge made (marker within ${BOOT_TIMEOUT} s)" \
    wait_for "$serial" "$MARKER" "$BOOT_TIMEOUT"
  stop_job vm_pid
  banner_at[$2]=$(from_power_on "$serial" "$BANNER")
  marker_at[$2]=$(from_power_on "$serial" "$MARKER")
  if [ "$1" = bios ]; then
    stages "$serial" "${BIOS_STAGES[@]}"
  else
    stages "$serial" "${UEFI_STAGES[@]}"
  fi
}

# proxy_logged NAME SINCE VERDICT PORT: the service logged, since SINCE, a proxyDHCP answer
# (VERDICT: offered, acked) to the VM on PORT; prints its answers to the VM.
proxy_logged() {
  check "$1: the service logged '$3' for the VM ($VM_MAC) on port $4" \
    wait_for "$svc_log" "proxyDHCP: $3 $VM_MAC .* on port $4" "$LOG_WAIT" "$2"
  awk -v t="$2" '$1 >= t' "$svc_log" | grep "proxyDHCP: .* $VM_MAC " | sed 's/^[0-9]* /  /'
}

# no_boot_file LOG: the DHCP server (dnsmasq, its LOG) acked the VM with no boot file.
no_boot_file() {
  local given
  given=$(dhcp_given "$1")
  say "$given"
  [ -n "$given" ] && ! grep -q "filename [^,]" <<<"$given"
}

# proxy_boot MACHINE NAME VERDICT PORT: a boot through pxebridge's proxy (boot), then the
# service's log line for it (proxy_logged).
proxy_boot() {
  local since
  since=$(now_stamp)
  boot "$1" "$2"
  proxy_logged "$2" "$since" "$3" "$4"
}

# status_counts MODE: pxebridge status shows the proxy in MODE with answers counted.
status_counts() {
  local line
  line=$(w "$CLI" status | tr -d '\r' | grep '^ProxyDHCP:')
  say "  $line"
  grep -Eq "^ProxyDHCP: $1, .*(offered|acked) [1-9]" <<<"$line"
}

# no_proxy_boot: the BIOS VM where the DHCP server hands out addresses only and nothing answers
# PXE clients: iPXE finds no boot file and gives up, never reaching the marker (what the
# boots through a proxy owe to it).
no_proxy_boot() {
  local serial=$E2E_DIR/no-proxy.serial rc
  vm_start bios "$serial"
  wait_for "$serial" "No more network devices" 90
  rc=$?
  stop_job vm_pid
  grep -E "Nothing to boot|No more network devices" "$serial" | sed 's/^[0-9]* /  /'
  [ "$rc" -eq 0 ] && ! grep -q "$MARKER" "$serial"
}

# ports_are "PORTS": of UDP ports 67 and 4011, exactly PORTS (in that order, blank
# separated) have a listener in this namespace.
ports_are() {
  local port on=""
  for port in 67 4011; do
    [ -z "$(ss -Hlun "sport = :$port")" ] || on="$on $port"
  done
  [ "${on# }" = "$1" ]
}

# explained PORT REGEX: what `explain --arch 7` says the service's proxy answers an x64 UEFI
# PXE client on PORT (its Proxy: lines, printed) matches the extended REGEX.
explained() {
  local lines
  lines=$(w "$CLI" explain --arch 7 | tr -d '\r' | sed -n '/^Proxy:/,/^$/p')
  say "$lines" | sed 's/^/  | /'
  grep -Eq "port $1 +$2" <<<"$lines"
}

# mode_stored MODE: config show says ProxyDhcp is MODE.
mode_stored() { w "$CLI" config show | tr -d '\r' | grep -Eq "^ *ProxyDhcp[ =:]+$1( |$)"; }

at_exit "netns_remove $DHCP_NS"

step "setup: the DHCP server, another machine ($DHCP_SERVER): dnsmasq with addresses only"
check "the DHCP server's namespace is cabled to the test network" \
  machine_up "$DHCP_NS" pxbdhcp "$DHCP_SERVER"
check "its dnsmasq configuration: addresses only" \
  addresses_config "$E2E_DIR/addresses.conf" lan
check "dnsmasq accepts it" dnsmasq --test --conf-file="$E2E_DIR/addresses.conf"
check "dnsmasq serves DHCP at $DHCP_SERVER" \
  dhcp_start "$E2E_DIR/addresses.conf" "$E2E_DIR/dhcp.log" "$DHCP_NS"

step "setup: the boot server ($SERVER): wine prefix, the MSI with PROXYDHCP=on"
e2e_wine_start || abort "a wine prefix starts in the namespace"
check "the MSI installs silently (PROXYDHCP=on) and the service serves on UDP port 69" \
  pxebridge_install "BOOTSERVER=$SERVER" PROXYDHCP=on
check "config show: the MSI stored ProxyDhcp=on" mode_stored on
check "the service logs every transfer (config set LogLevel=debug)" plan_apply LogLevel=debug
check "the service listens for PXE clients on UDP ports 67 and 4011" \
  wait_until 30 ports_are "67 4011"

# --- 1. ProxyDhcp=on -----------------------------------------------------------------------
step "1. ProxyDhcp=on: addresses from $DHCP_SERVER, boot files from the service"
proxy_boot bios pxb-bios offered 67
proxy_boot uefi pxb-uefi offered 67
check "pxb-uefi: pxebridge sent EDK2's PXE client snponly.efi" \
  wait_for "$svc_log" "sent 'snponly.efi'" "$LOG_WAIT"
check "the DHCP server gave the VMs addresses and no boot file" no_boot_file "$E2E_DIR/dhcp.log"
check "pxebridge status: ProxyDHCP on, its answers counted" status_counts on
check "explain: the proxy offers x64 UEFI snponly.efi on port 67, as the VM was" \
  explained 67 "DHCPOFFER: next-server $SERVER, boot file snponly.efi"
check "explain: and acks it on port 4011" \
  explained 4011 "DHCPACK: next-server $SERVER, boot file snponly.efi"

# --- 2. ProxyDhcp=4011 ---------------------------------------------------------------------
step "2. ProxyDhcp=4011: the DHCP server on this machine sends option 060 PXEClient"
check "the service takes ProxyDhcp=4011 (config set)" plan_apply ProxyDhcp=4011
check "the service no longer listens on UDP port 67, still on 4011" \
  wait_until 30 ports_are 4011
stop_job dhcp_pid
check "dnsmasq on $SERVER: addresses, and option 060 PXEClient for PXE clients" \
  addresses_config "$E2E_DIR/option60.conf" "$BRIDGE" dhcp-vendorclass=set:pxe,PXEClient \
  dhcp-option-force=tag:pxe,60,PXEClient
check "dnsmasq serves DHCP on $BRIDGE, port 67 of the boot server's machine" \
  dhcp_start "$E2E_DIR/option60.conf" "$E2E_DIR/dhcp-4011.log"
since=$(now_stamp)
proxy_boot uefi pxb-4011 acked 4011
check "pxb-4011: the service offered nothing (port 67 is the DHCP server's)" \
  test -z "$(stamp_of "$svc_log" "$since" "proxyDHCP: offered")"
check "pxb-4011: dnsmasq sent the VM option 060 PXEClient" \
  grep -q "option: 60 vendor-class  50:58:45:43:6c:69:65:6e:74" "$E2E_DIR/dhcp-4011.log"
check "explain: in mode 4011 the proxy leaves port 67 to the DHCP server" \
  explained 67 ".*not_for_port"

# --- 3. the signed chain through the proxy, Secure Boot on ---------------------------------
# In mode 4011: Debian's GRUB (2.06) reads its grub/ folder from the next server of the DHCP
# server's answer, never the proxy's (in mode on it asked 192.0.2.2 again and again and
# stopped at its prompt; docs/proxydhcp.md). Here the DHCP server runs on the boot server's
# machine, as mode 4011 has it, and names itself.
step "3. the signed chain through the proxy (ProxyDhcp=4011), Secure Boot on"
mkdir -p "$root/debian"
cp "$OUT/e2e/debian/vmlinuz" "$OUT/e2e/debian/initrd.img" "$root/debian/"
check "the plan hands x64 UEFI the signed chain, GRUB Debian's kernel (config set)" \
  plan_apply UefiX64File=secureboot/shimx64.efi GrubKernel=debian/vmlinuz \
  GrubInitrd=debian/initrd.img "GrubArgs=console=ttyS0 panic=-1"
since=$(now_stamp)
boot_chain uefi-sb pxb-sb
proxy_logged pxb-sb "$since" acked 4011

# --- 4. dnsmasq's proxy mode ---------------------------------------------------------------
step "4. dnsmasq's proxy mode, pxebridge's TFTP serving: the same VMs"
stop_job dhcp_pid
check "the service stops answering PXE clients (config set ProxyDhcp=off)" \
  plan_apply ProxyDhcp=off
check "the service no longer listens on UDP port 4011" \
  wait_until 30 ports_are ""
check "the DHCP server ($DHCP_SERVER) serves addresses again" \
  dhcp_start "$E2E_DIR/addresses.conf" "$E2E_DIR/dhcp-dnsmasq.log" "$DHCP_NS"
check "control: no proxy answering, the BIOS VM finds no boot file and gives up" no_proxy_boot
cat >"$E2E_DIR/dnsmasq-proxy.conf" <<EOF
interface=$BRIDGE
bind-interfaces
port=0
log-dhcp
dhcp-range=${SERVER%.*}.0,proxy
dhcp-userclass=set:ipxe,iPXE
pxe-service=tag:!ipxe,x86PC,"first stage",undionly.kpxe,$SERVER
pxe-service=tag:!ipxe,7,"first stage",snponly.efi,$SERVER
pxe-service=tag:ipxe,x86PC,"boot script",boot.ipxe,$SERVER
pxe-service=tag:ipxe,7,"boot script",boot.ipxe,$SERVER
EOF
check "dnsmasq accepts its proxy configuration" \
  dnsmasq --test --conf-file="$E2E_DIR/dnsmasq-proxy.conf"
dnsmasq --keep-in-foreground --conf-file="$E2E_DIR/dnsmasq-proxy.conf" --log-facility=- \
  --user=root --pid-file="$E2E_DIR/dnsmasq-proxy.pid" </dev/null \
  2> >(stamp "$E2E_DIR/dnsmasq-proxy.log") &
# shellcheck disable=SC2034 # stop_job reads it by name
proxy_pid=$!
at_exit "stop_job proxy_pid"
check "dnsmasq answers PXE clients as a proxy on $BRIDGE" \
  wait_for "$E2E_DIR/dnsmasq-proxy.log" "proxy on subnet" 10
boot bios dnsmasq-bios
boot uefi dnsmasq-uefi
check "dnsmasq's proxy answered the VM" \
  grep -q "PXE($BRIDGE) $VM_MAC proxy" "$E2E_DIR/dnsmasq-proxy.log"
stop_job proxy_pid

# --- the two proxies side by side ----------------------------------------------------------
step "timing: power-on to iPXE's banner and to the boot script's marker"
printf '  %-28s | %-16s | %-16s\n' "from power-on" "pxebridge proxy" "dnsmasq proxy"
for vm in bios uefi; do
  printf '  %-28s | %-16s | %-16s\n' "$vm: iPXE's banner" \
    "$(span 0 "${banner_at[pxb-$vm]:-}")" "$(span 0 "${banner_at[dnsmasq-$vm]:-}")"
  printf '  %-28s | %-16s | %-16s\n' "$vm: the marker" \
    "$(span 0 "${marker_at[pxb-$vm]:-}")" "$(span 0 "${marker_at[dnsmasq-$vm]:-}")"
done
say "  (one boot each under TCG: the machine's load moves these; load now $(cut -d' ' -f1-3 /proc/loadavg))"
finish
