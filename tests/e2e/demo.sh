#!/usr/bin/env bash
# demo.sh: the README's main job (make demo). In a private network namespace (lib.sh) it
# installs the pxebridge MSI with wine's msiexec (the boot server given as a property, as in
# a silent install), so the PxeBridge service runs under wine's service control manager,
# shows the boot plan with `pxebridge config show`, exports it for the DHCP server (dnsmasq),
# powers on a UEFI VM (OVMF under QEMU, EDK2's own PXE client) and prints the transcript: the
# generated boot.ipxe, what DHCP gave the VM at each request, what pxebridge logged, what the
# VM printed and how long each stage took.
# Everything it starts is stopped and the namespace removed when it ends.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
e2e_enter "$@"

e2e_start demo
serial=$E2E_DIR/uefi.serial
die() { say "demo: $*"; exit 1; }

# Prints the lines of a stamped log from stamp FROM on as "[  12.3 s] text", the time since
# the VM's power-on, indented, leaving out empty ones and the log file's own date and time.
show() {
  awk -v from="$2" -v t0="$vm_t0" '$1 >= from && NF > 1 {
    t = $1; $1 = ""; sub(/^ [0-9-]+ [0-9:]+ /, " ")
    printf "  [%6.1f s]%s\n", (t - t0) / 1000, $0 }' "$1"
}

say "demo: a private network: namespace $E2E_NS, bridge $BRIDGE with $SERVER/24, tap $TAP for the VM"
say "demo: starting a wine prefix (a few seconds)"
e2e_wine_start || die "wine could not start a prefix"
say "demo: installing pxebridge with wine's msiexec, silently, the boot server as a property:"
pxebridge_install "BOOTSERVER=$SERVER" || { cat "$svc_log"; die "the install or the service failed"; }
say "demo: the PxeBridge service runs; the boot images the MSI put in its TFTP root:"
w "$CLI" firmware list | tr -d '\r' | sed 's/^/  /'
say "demo: log every transfer: pxebridge config set LogLevel=debug (the service reloads, no restart)"
plan_apply LogLevel=debug | sed 's/^/  /'
say "demo: the boot plan (pxebridge explain, for each kind of client):"
for client in "--arch 7" "--arch 0" "--arch 7 --user-class iPXE"; do
  say "  > pxebridge explain $client"
  # shellcheck disable=SC2086 # client is a list of arguments
  w "$CLI" explain $client | tr -d '\r' | sed 's/^/  /'
done
say "demo: the plan exported for dnsmasq (pxebridge dhcp export --format dnsmasq), plus the test network:"
dhcp_config "$E2E_DIR/dnsmasq.conf" >"$E2E_DIR/export.out" 2>&1 ||
  { cat "$E2E_DIR/export.out"; die "the export failed"; }
grep -v '^#' "$E2E_DIR/dnsmasq.conf" | grep . | sed 's/^/  /'

dhcp_start "$E2E_DIR/dnsmasq.conf" "$E2E_DIR/dhcp.log" || die "dnsmasq did not start"
say "demo: the boot.ipxe pxebridge made from the plan (fetched with curl):"
fetch_curl "$E2E_DIR/boot.ipxe" "$SERVER" 69 boot.ipxe || die "boot.ipxe could not be fetched"
sed 's/^/  /' "$E2E_DIR/boot.ipxe"
say "demo: powering on a UEFI VM (QEMU under TCG, OVMF); about half a minute of VM time"
vm_start uefi "$serial"
wait_for "$serial" "$MARKER" "$BOOT_TIMEOUT" || die "no boot script ran within $BOOT_TIMEOUT s"
wait_for "$serial" "$FALLBACK" 30
stop_job vm_pid

say ""
say "demo: what DHCP gave the VM:"
dhcp_given "$E2E_DIR/dhcp.log"
say "demo: what pxebridge logged (seconds since power-on):"
show "$svc_log" "$vm_t0"
say "demo: what the VM printed, from its PXE client on:"
show "$serial" "$(stamp_of "$serial" "$vm_t0" 'Start PXE over IPv4')" | grep -v 'terminating on signal'
say "demo: stages:"
stages "$serial" "${UEFI_STAGES[@]}"
