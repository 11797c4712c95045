#!/usr/bin/env bash
# run.sh: the end-to-end boot tests (make e2e): real firmware under QEMU (TCG) boots through
# pxebridge in a private network namespace (tests/e2e/lib.sh). The pxebridge MSI is installed
# with wine's msiexec (BOOTSERVER given as a property), the rest of the boot plan is stored
# with the installed `pxebridge config set` (the running service reloads it), dnsmasq runs
# what `pxebridge dhcp export --format dnsmasq` makes of it, and the PxeBridge service under
# wine's service control manager serves the TFTP side: the images the MSI installed and the
# boot.ipxe it generates from the plan. Cases:
#   1. UEFI: OVMF's own PXE client -> snponly.efi -> iPXE -> boot.ipxe -> marker, fallback;
#   2. BIOS: SeaBIOS with the e1000's iPXE ROM -> boot.ipxe (with its menu, set while the
#      service runs) -> marker;
#   3. the loop: the iPXE rule left out of the DHCP config, the BIOS client loads
#      undionly.kpxe again and again and pxebridge's loop detection names it;
#   4. pxbinfo: the plan hands UEFI clients pxebridge's own diagnostic, pxbinfo.efi, which
#      shows what DHCP gave the VM and hands it back to the firmware;
#   5. ISC dhcpd and Kea: the UEFI boot again with each running `dhcp export` for it;
#   6. timing: each boot's stages; the UEFI boot again with dnsmasq's own TFTP server.
# Last line: "e2e: N passed, M failed"; exit status non-zero on any failure.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
e2e_enter "$@"

TARGET=tftp://$SERVER/os.ipxe   # the plan's BootTarget: not there, so the fallback runs
e2e_start e2e

# Boots the VM (uefi|bios) with serial log NAME.serial; passes if the marker shows in time.
boot() {
  local serial=$E2E_DIR/$2.serial
  vm_start "$1" "$serial"
  check "$2: the VM runs the boot.ipxe pxebridge made (marker within ${BOOT_TIMEOUT} s)" \
    wait_for "$serial" "$MARKER" "$BOOT_TIMEOUT"
}

step "setup: wine prefix, the MSI, the boot plan"
e2e_wine_start || abort "a wine prefix starts in the namespace"
check "the MSI installs silently and the PxeBridge service serves on UDP port 69" \
  pxebridge_install "BOOTSERVER=$SERVER"
check "the boot images the MSI installed are intact (pxebridge firmware verify)" \
  w "$CLI" firmware verify
check "the rest of the plan is stored with pxebridge config set; the service reloads it" \
  plan_apply "BootTarget=$TARGET" LogLevel=debug
check "pxebridge exports the plan for dnsmasq" dhcp_config "$E2E_DIR/dnsmasq.conf"
check "dnsmasq accepts the export" \
  dnsmasq --test --conf-file="$E2E_DIR/dnsmasq.conf"
check "dnsmasq serves DHCP on $BRIDGE" dhcp_start "$E2E_DIR/dnsmasq.conf" "$E2E_DIR/dhcp.log"

# --- 1. UEFI -------------------------------------------------------------------------------
step "1. UEFI: OVMF's PXE client -> snponly.efi -> iPXE -> boot.ipxe"
boot uefi uefi
check "uefi: the script fell back to the local disk after the chain failed" \
  wait_for "$E2E_DIR/uefi.serial" "$FALLBACK" 60
check "uefi: pxebridge logged snponly.efi sent" wait_for "$svc_log" "sent 'snponly.efi'" "$LOG_WAIT"
check "uefi: pxebridge logged boot.ipxe sent" wait_for "$svc_log" "sent 'boot.ipxe'" "$LOG_WAIT"
stop_job vm_pid
given=$(dhcp_given "$E2E_DIR/dhcp.log")
say "$given"
check "uefi: DHCP gave EDK2's PXE client snponly.efi" \
  grep -q "user class (none) .*filename snponly.efi" <<<"$given"
check "uefi: DHCP gave iPXE (user class iPXE) the script URL" \
  grep -q "user class iPXE .*filename tftp://$SERVER/boot.ipxe" <<<"$given"
stages "$E2E_DIR/uefi.serial" "${UEFI_STAGES[@]}"
pxb_first=${stage_ms[2]}
fetch_curl "$E2E_DIR/boot.ipxe" "$SERVER" 69 boot.ipxe
check "boot.ipxe fetched with curl is the generated script" \
  grep -q "chain --autofree $TARGET" "$E2E_DIR/boot.ipxe"

# --- 2. BIOS -------------------------------------------------------------------------------
step "2. BIOS: SeaBIOS + iPXE ROM -> boot.ipxe with a menu"
check "the running service takes a menu (config set MenuTimeout=2, no restart)" \
  plan_apply MenuTimeout=2
bios_t=$(now_stamp)
boot bios bios
check "bios: the menu timed out into the target, then the local disk" \
  wait_for "$E2E_DIR/bios.serial" "$FALLBACK" 60
check "bios: the script showed its menu" grep -q "pxebridge: network boot of" "$E2E_DIR/bios.serial"
check "bios: no first stage for a client that is already iPXE" \
  test -z "$(stamp_of "$svc_log" "$bios_t" "sending 'undionly.kpxe'")"
stop_job vm_pid
check "bios: pxebridge logged boot.ipxe sent" \
  wait_for "$svc_log" "sent 'boot.ipxe'" "$LOG_WAIT" "$bios_t"
stages "$E2E_DIR/bios.serial" "${BIOS_STAGES[@]}"

# --- 3. the loop ---------------------------------------------------------------------------
step "3. the loop: no iPXE rule in the DHCP server, iPXE gets undionly.kpxe again"
stop_job dhcp_pid
# A DHCP server set up by hand from the chainloading guide's first step: the iPXE rule
# missing and nothing keeping iPXE out of the BIOS rule.
sed -i -e '/^dhcp-boot=tag:pxb-ipxe,/d' -e 's/tag:!pxb-ipxe,//' "$E2E_DIR/dnsmasq.conf"
check "dnsmasq serves the config without the iPXE rule" \
  dhcp_start "$E2E_DIR/dnsmasq.conf" "$E2E_DIR/dhcp.log"
loop_t=$(now_stamp)
vm_start bios "$E2E_DIR/loop.serial"
check "loop: pxebridge reports the client looping on undionly.kpxe" \
  wait_for "$svc_log" "boot loop: client 192[.]0[.]2[.][0-9]+ downloaded the first-stage image 'undionly.kpxe'" \
  "$BOOT_TIMEOUT" "$loop_t"
stop_job vm_pid
grep "boot loop:" "$svc_log" | sed 's/^[0-9]* /  /'
loop_downloads=$(awk -v t="$loop_t" '$1 >= t' "$svc_log" | grep -c "sent 'undionly.kpxe'")
check "loop: undionly.kpxe was downloaded at least LoopThreshold (3) times ($loop_downloads)" \
  test "$loop_downloads" -ge 3

# --- 4. pxebridge's own diagnostic as the first stage -------------------------------------
step "4. pxbinfo: x64 UEFI clients handed pxbinfo.efi, as an admin diagnosing one would"
stop_job dhcp_pid
check "the running service takes UefiX64File=pxbinfo.efi (config set)" \
  plan_apply UefiX64File=pxbinfo.efi
check "pxebridge exports the plan again for dnsmasq" dhcp_config "$E2E_DIR/dnsmasq-pxbinfo.conf"
check "dnsmasq serves DHCP with it" \
  dhcp_start "$E2E_DIR/dnsmasq-pxbinfo.conf" "$E2E_DIR/dhcp-pxbinfo.log"
pxbinfo_t=$(now_stamp)
pxbinfo_serial=$E2E_DIR/pxbinfo.serial
vm_start uefi "$pxbinfo_serial"
check "pxbinfo: the VM runs pxbinfo.efi from pxebridge, which hands it back to the firmware" \
  wait_for "$pxbinfo_serial" "pxbinfo: returning to the firmware" "$BOOT_TIMEOUT"
check "pxbinfo: the firmware goes on to its next boot option" \
  wait_for "$pxbinfo_serial" "BdsDxe: failed to start Boot0001 .*Not Found" 30
stop_job vm_pid
grep "pxbinfo: " "$pxbinfo_serial" | sed 's/^[0-9]* /  /'
check "pxbinfo: shows the VM's request: arch 7 and EDK2's vendor class" \
  sh -c 'grep -q "pxbinfo: DHCPDISCOVER: arch (option 93) 7" "$1" &&
         grep -q "pxbinfo: DHCPDISCOVER: vendor class (option 60) PXEClient:Arch:00007" "$1"' \
  _ "$pxbinfo_serial"
check "pxbinfo: shows what the exported plan gave: boot file pxbinfo.efi from $SERVER" \
  sh -c 'grep -q "pxbinfo: DHCPACK: boot file pxbinfo.efi" "$1" &&
         grep -q "pxbinfo: DHCPACK: server $2" "$1"' _ "$pxbinfo_serial" "$SERVER"
check "pxbinfo: pxebridge logged pxbinfo.efi sent" \
  wait_for "$svc_log" "sent 'pxbinfo.efi'" "$LOG_WAIT" "$pxbinfo_t"
check "the plan goes back to snponly.efi" plan_apply UefiX64File=snponly.efi

# --- 5. ISC dhcpd and Kea running pxebridge's exports -------------------------------------
# boot_with NAME CONFIG START TEST: boots the UEFI VM with DHCP from NAME (isc, kea): the
# export written by CONFIG, checked by the server's own TEST, the server started with START;
# passes if both rules were used.
boot_with() {
  local name=$1 config=$2 start=$3 test=$4 since
  stop_job dhcp_pid
  check "pxebridge exports the plan for $name" "$config" "$E2E_DIR/$name.conf"
  check "the $name server accepts the export (its own test)" "$test" "$E2E_DIR/$name.conf"
  check "$name serves DHCP on $BRIDGE" "$start" "$E2E_DIR/$name.conf" "$E2E_DIR/$name.log"
  since=$(now_stamp)
  boot uefi "uefi-$name"
  stop_job vm_pid
  check "$name: pxebridge sent EDK2's PXE client snponly.efi (the x64 UEFI rule)" \
    wait_for "$svc_log" "sent 'snponly.efi'" "$LOG_WAIT" "$since"
  check "$name: pxebridge sent iPXE boot.ipxe (the iPXE rule)" \
    wait_for "$svc_log" "sent 'boot.ipxe'" "$LOG_WAIT" "$since"
  stages "$E2E_DIR/uefi-$name.serial" "${UEFI_STAGES[@]}"
}
# The servers' own tests of a configuration, quiet unless it fails.
dhcpd_test() { dhcpd -t -q -cf "$1" -lf "$E2E_DIR/dhcpd-t.leases" -pf "$E2E_DIR/dhcpd-t.pid"; }
kea_test() {
  local out
  out=$(kea-dhcp4 -t "$1" 2>&1) || { printf '%s\n' "$out"; return 1; }
}
step "5. the UEFI boot with ISC dhcpd, then Kea, running the plan exported for each"
boot_with isc isc_config isc_start dhcpd_test
boot_with kea kea_config kea_start kea_test

# --- 6. the UEFI boot with dnsmasq's TFTP server -------------------------------------------
step "6. timing: the UEFI boot again, TFTP from dnsmasq"
stop_job dhcp_pid
check "pxebridge service stop" w "$CLI" service stop
# dnsmasq serves the same files: the installed images and the script pxebridge made.
dnsmasq_root=$E2E_DIR/dnsmasq-tftpboot
mkdir -p "$dnsmasq_root"
cp "$root/undionly.kpxe" "$root/snponly.efi" "$root/ipxe.efi" "$E2E_DIR/boot.ipxe" "$dnsmasq_root/"
check "pxebridge exports the plan again, dnsmasq's TFTP on" \
  dhcp_config "$E2E_DIR/dnsmasq-tftp.conf" tftp "$dnsmasq_root"
check "dnsmasq serves DHCP and TFTP" \
  dhcp_start "$E2E_DIR/dnsmasq-tftp.conf" "$E2E_DIR/dhcp-tftp.log"
boot uefi uefi-dnsmasq
stop_job vm_pid
stages "$E2E_DIR/uefi-dnsmasq.serial" "${UEFI_STAGES[@]}"
dnsmasq_first=${stage_ms[2]}
say "  first stage as the VM saw it: pxebridge ${pxb_first:-?} ms, dnsmasq ${dnsmasq_first:-?} ms"
say "  pxebridge's own log: $(grep -o "sent 'snponly.efi', .*" "$svc_log" | head -n 1)"
say "  (one boot each under TCG: the machine's load moves these; load now $(cut -d' ' -f1-3 /proc/loadavg))"
if [ -n "$pxb_first" ] && [ -n "$dnsmasq_first" ]; then
  say "  ratio dnsmasq / pxebridge: $(awk -v a="$dnsmasq_first" -v b="$pxb_first" \
    'BEGIN { printf "%.2f", a / (b > 0 ? b : 1) }')"
fi
finish
