#!/usr/bin/env bash
# winpe.sh: the end-to-end test of Windows PE through iPXE and wimboot (make e2e, issue 24;
# docs/winpe.md): the MSI installed under wine with HTTPPORT, in a private network namespace
# (tests/e2e/lib.sh), DHCP from dnsmasq running pxebridge's own export of the plan, OVMF
# under QEMU (TCG). The test builds a WIM with wimlib-imagex (Debian's wimtools) whose
# Windows\Boot\EFI\bootmgfw.efi is the project's test boot manager (firmware/winpe-marker,
# make e2e builds it), padded with 300 MB of random bytes stored uncompressed, as big as a
# real WinPE; wimboot is the file an admin brings: WIMBOOT=FILE (default the signed 2.9.0
# fixture), which is said loudly as not run where it is missing (a failure under CI=true).
# The installed `pxebridge winpe add --inject --wimboot` puts them in the TFTP root and the
# plan's BootTarget=winpe:NAME (MenuTimeout=0) makes the generated boot.ipxe boot it.
#   1. UEFI PXE -> snponly.efi over TFTP -> iPXE -> boot.ipxe over HTTP -> wimboot and the
#      WIM (with an injected winpeshl.ini) over HTTP -> the WIM's boot manager: its marker,
#      what it sees of wimboot's virtual disk, the injected file's first line; the HTTP
#      download's seconds and MB/s from the service's log;
#   2. the same WIM to curl in the namespace over TFTP (lock-step, like a firmware's
#      client) and over HTTP: seconds, MB/s and their ratio;
#   3. Secure Boot on (OVMF with Microsoft's keys), the signed chain as far as it gets:
#      shim -> Debian's signed GRUB (a grub.cfg of the test) -> wimboot, which Microsoft
#      signed and the firmware starts; but GRUB 2.06's linux command refuses wimboot on UEFI
#      ('kernel too old') and its chainloader gives wimboot no files, so wimboot stops
#      there and the WIM's boot manager never runs (docs/winpe.md: what Secure Boot
#      machines need instead).
# Last line: "e2e-winpe: N passed, M failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
WIMBOOT=${WIMBOOT:-/work/shared/fixtures/wimboot-2.9.0-signed/wimboot}
if [ ! -f "$WIMBOOT" ]; then
  printf '%s\n' "############################################################" \
    "e2e-winpe: NOT RUN: no wimboot at WIMBOOT=$WIMBOOT" \
    "  (an admin's download from the iPXE project; point WIMBOOT at one)" \
    "############################################################"
  [ "${CI:-}" = true ] && { echo "e2e-winpe: 0 passed, 1 failed (not run under CI)"; exit 1; }
  exit 0
fi
. "$here/lib.sh"
e2e_enter "$@"

e2e_start e2e-winpe
HTTP_PORT=8080
HTTP_BASE=http://$SERVER:$HTTP_PORT/pxb
NAME=marker
WIM_DIR=winpe/$NAME
PAD_MB=300
# The iPXE image of the WIM: 300 MB held in RAM beside OVMF, iPXE and wimboot.
VM_MEMORY=1024
BOOTMGR_MARKER='pxebridge-winpe-marker: boot manager started'
INJECT_LINE='; pxebridge-e2e: injected winpeshl.ini'
TFTP_MAX_TIME=300         # seconds the TFTP download of the WIM may take
SB_DIR=e2e-sb             # the Secure Boot run's small WIM (not a catalog image)
GRUB_CFG_MARKER='pxebridge-e2e: GRUB starts wimboot'
GRUB_LINUX='pxebridge-e2e: GRUB: linux /wimboot'
GRUB_CHAIN='pxebridge-e2e: GRUB: chainloader /wimboot'
WIMBOOT_BANNER='wimboot v[0-9.]+ -- Windows Imaging Format bootloader'
# What wimboot 2.9.0 says when it was started with no files beside it.
SB_END='Could not open simple file system'
# What boot.ipxe's WinPE entry prints before wimboot's download, and when it fails.
WINPE_ENTRY="pxebridge: booting WinPE $NAME through .* over HTTP"
WINPE_FAILED='pxebridge: WinPE did not boot'

command -v wimlib-imagex >/dev/null || abort "wimlib-imagex is installed (wimtools)"
[ -f "$OUT/firmware/winpe-marker.efi" ] || abort "$OUT/firmware/winpe-marker.efi is built (make e2e)"

# Wine's http.sys sends a whole answer with one send() on a non-blocking socket and drops
# what the socket does not take (docs/http.md): the send buffer must take the whole WIM.
sysctl -q -w net.ipv4.tcp_wmem="4096 536870912 536870912" ||
  abort "the namespace's TCP send buffer can be raised (net.ipv4.tcp_wmem)"

# build_wim WIM MB: the test boot manager at Windows/Boot/EFI/bootmgfw.efi, an empty
# Windows/System32 (where wimboot injects files: it refuses a WIM without it) and MB
# megabytes of random bytes, captured uncompressed (so the WIM stays that big), bootable.
build_wim() {
  local stage=$E2E_DIR/wim-stage
  mkdir -p "$stage/Windows/Boot/EFI" "$stage/Windows/System32" "$stage/pxebridge" &&
    cp "$OUT/firmware/winpe-marker.efi" "$stage/Windows/Boot/EFI/bootmgfw.efi" &&
    head -c $(($2 * 1000 * 1000)) /dev/urandom >"$stage/pxebridge/padding.bin" &&
    wimlib-imagex capture "$stage" "$1" "pxebridge WinPE marker" --compress=none --boot \
      >"$E2E_DIR/wimlib.log" 2>&1
  local rc=$?
  rm -rf "$stage"
  return $rc
}

# winpe_add: `pxebridge winpe add` of the WIM with winpeshl.ini injected and wimboot brought
# in (--wimboot), x64 by --arch (wimlib-imagex writes no architecture into the WIM's XML).
winpe_add() {
  local rc
  w_said "$E2E_DIR/winpe-add.out" "$E2E_DIR/winpe-add.err" "$CLI" winpe add "$NAME" \
    "$(winpath "$wim")" --inject "$(winpath "$inject")" --wimboot "$(winpath "$WIMBOOT")" --arch x64
  tr -d '\r' <"$E2E_DIR/winpe-add.out" | sed 's/^/  | /'
  tr -d '\r' <"$E2E_DIR/winpe-add.err" | sed 's/^/  | /'
  return "$rc"
}

# The GRUB menu of the Secure Boot run, grub/grub.cfg (Debian's network GRUB asks for it;
# a file of the TFTP root wins over the generated one, docs/secure-boot.md): first wimboot
# as wimboot's README has it for GRUB (linux, the files as initrds named by GRUB's newc:
# prefix), then, where that fails, wimboot by chainloader (no files).
write_grub_cfg() {
  mkdir -p "$root/grub"
  cat >"$root/grub/grub.cfg" <<EOF
echo "$GRUB_CFG_MARKER"
echo "$GRUB_LINUX"
linux /wimboot
initrd newc:winpeshl.ini:/$SB_DIR/winpeshl.ini newc:boot.wim:/$SB_DIR/boot.wim
boot
echo "$GRUB_CHAIN"
chainloader /wimboot
boot
EOF
}

# The MB/s and seconds the service logged for PATH: "SECONDS s, MB/s MB/s", from its line
# "... 'PATH'..., N bytes in MS ms (R MB/s)" (the first after stamp AFTER).
logged_rate() {
  awk -v after="$2" -v path="'$1'" '$1 >= after && index($0, path) &&
    match($0, /, [0-9]+ bytes in [0-9]+ ms [(][0-9.]+ MB[/]s[)]/) {
      split(substr($0, RSTART, RLENGTH), f, /[ (]/)
      printf "%.1f s, %s MB/s", f[5] / 1000, f[8]; exit }' "$svc_log"
}

step "setup: wine prefix, the MSI with HTTPPORT=$HTTP_PORT, the WIM, winpe add --wimboot"
e2e_wine_start || abort "a wine prefix starts in the namespace"
check "the MSI installs silently and the PxeBridge service serves on UDP port 69" \
  pxebridge_install "BOOTSERVER=$SERVER" "HTTPPORT=$HTTP_PORT"
check "the service serves HTTP on port $HTTP_PORT (its log)" \
  wait_for "$svc_log" "HTTP: serving http://[+]:$HTTP_PORT/pxb/" 90
wim=$E2E_DIR/boot.wim
at_exit "rm -f $wim"
check "wimlib-imagex builds a ${PAD_MB} MB WIM with the test boot manager as bootmgfw.efi" \
  build_wim "$wim" "$PAD_MB"
wim_bytes=$(stat -c %s "$wim" 2>/dev/null || echo 0)
check "the WIM is at least $PAD_MB MB (stored uncompressed): $wim_bytes bytes" \
  test "$wim_bytes" -ge $((PAD_MB * 1000 * 1000))
inject=$E2E_DIR/winpeshl.ini
printf '%s\r\n[LaunchApps]\r\n%%SYSTEMROOT%%\\System32\\cmd.exe\r\n' "$INJECT_LINE" >"$inject"
check "winpe add $NAME: the WIM, winpeshl.ini injected, wimboot brought in (--wimboot)" winpe_add
check "winpe add: the WIM in the TFTP root as $WIM_DIR/boot.wim, byte for byte" \
  cmp -s "$wim" "$root/$WIM_DIR/boot.wim"
check "winpe add: wimboot in the TFTP root, the file brought" cmp -s "$WIMBOOT" "$root/wimboot"
rm -f "$wim"
check "the plan: iPXE chains boot.ipxe over HTTP, BootTarget=winpe:$NAME alone (config set)" \
  plan_apply "ScriptUrl=$HTTP_BASE/boot.ipxe" "BootTarget=winpe:$NAME" MenuTimeout=0 LogLevel=debug
check "dnsmasq serves DHCP on $BRIDGE from pxebridge's export of the plan" dhcp_restart ipxe

# --- 1. UEFI: iPXE -> wimboot -> the WIM's boot manager, over HTTP --------------------------
step "1. UEFI PXE -> snponly.efi -> iPXE -> boot.ipxe, wimboot and the WIM over HTTP -> bootmgfw.efi"
serial=$E2E_DIR/winpe-http.serial
since=$(now_stamp)
vm_start uefi "$serial"
check "winpe-http: the VM runs boot.ipxe, chained over HTTP (marker within ${BOOT_TIMEOUT} s)" \
  wait_for "$serial" "$MARKER" "$BOOT_TIMEOUT"
check "winpe-http: wimboot starts the WIM's boot manager (its marker within ${BOOT_TIMEOUT} s)" \
  wait_for "$serial" "$BOOTMGR_MARKER|$WINPE_FAILED" "$BOOT_TIMEOUT"
# The boot manager's listing follows its marker within a second.
wait_for "$serial" 'pxebridge-winpe-marker: (done|no file system)' 15
stop_job vm_pid
check "winpe-http: the boot manager ran (no iPXE error)" grep -q "$BOOTMGR_MARKER" "$serial"
grep -E "pxebridge-winpe-marker:|pxebridge: .*WinPE|wimboot v|FATAL" "$serial" | sed 's/^[0-9]* /  /'
check "winpe-http: the boot manager sees one file system (wimboot's virtual disk)" \
  grep -q 'pxebridge-winpe-marker: 1 file system(s)' "$serial"
check "winpe-http: the boot manager reads the root folder of wimboot's virtual disk" \
  grep -qE 'pxebridge-winpe-marker: root: [0-9]+ entries listed' "$serial"
check "winpe-http: the boot manager reads the injected winpeshl.ini's first line" \
  grep -qF "winpeshl.ini: first line: $INJECT_LINE" "$serial"
for f in wimboot "$WIM_DIR/winpeshl.ini"; do
  check "winpe-http: pxebridge logged HTTP GET '$f' 200" \
    wait_for "$svc_log" "HTTP GET '$f' 200" "$LOG_WAIT" "$since"
done
check "winpe-http: pxebridge logged HTTP GET '$WIM_DIR/boot.wim' 200 with all $wim_bytes bytes" \
  wait_for "$svc_log" "HTTP GET '$WIM_DIR/boot.wim' 200, $wim_bytes bytes" "$LOG_WAIT" "$since"
check "winpe-http: no file of the WIM over TFTP (wimboot's files came over HTTP)" \
  test -z "$(stamp_of "$svc_log" "$since" "sent '(wimboot|$WIM_DIR/)")"
stages "$serial" "${UEFI_STAGES[@]:0:10}" \
  "boot.ipxe over HTTP: its WinPE entry (MenuTimeout=0)" "$WINPE_ENTRY" \
  "wimboot, winpeshl.ini and the ${PAD_MB} MB WIM over HTTP" "$WIMBOOT_BANNER" \
  "wimboot starts the WIM's boot manager: its marker" "$BOOTMGR_MARKER"
http_rate=$(logged_rate "$WIM_DIR/boot.wim" "$since")
# The VM's side: from the WinPE entry's first line to wimboot's banner (wimboot and the
# injected file are small beside the WIM).
vm_ms=${stage_ms[6]:-}
vm_rate=$(awk -v b="$wim_bytes" -v ms="$vm_ms" \
  'BEGIN { if (ms > 0) printf "%.1f s, %.1f MB/s", ms / 1000, b / 1000 / ms; else printf "?" }')
say "  the WIM over HTTP: the VM took $vm_rate (its serial console);" \
  "the service's send took ${http_rate:-?} (its log)"

# --- 2. the WIM over TFTP and over HTTP to one client --------------------------------------
step "2. the same WIM to curl in the namespace: over TFTP (lock-step, 1468-byte blocks), over HTTP"
# curl_rate URL [OPTION...]: "BYTES SECONDS" of one download of URL to nowhere.
curl_rate() {
  local url=$1
  shift
  curl -s --max-time "$TFTP_MAX_TIME" "$@" -o /dev/null -w '%{size_download} %{time_total}' "$url"
}
# mbs "BYTES SECONDS": "SECONDS s, MB/s MB/s".
mbs() { awk '{ if ($2 > 0) printf "%.1f s, %.1f MB/s", $2, $1 / 1e6 / $2; else printf "?" }' <<<"$1"; }
since=$(now_stamp)
tftp_out=$(curl_rate "tftp://$SERVER/$WIM_DIR/boot.wim" --tftp-blksize 1468)
check "winpe-tftp: curl fetched all $wim_bytes bytes of the WIM over TFTP (within ${TFTP_MAX_TIME} s)" \
  test "${tftp_out%% *}" = "$wim_bytes"
check "winpe-tftp: pxebridge logged the WIM sent over TFTP with all $wim_bytes bytes" \
  wait_for "$svc_log" "sent '$WIM_DIR/boot.wim', $wim_bytes bytes" "$LOG_WAIT" "$since"
http_out=$(curl_rate "$HTTP_BASE/$WIM_DIR/boot.wim")
check "winpe-http-curl: curl fetched all $wim_bytes bytes of the WIM over HTTP" \
  test "${http_out%% *}" = "$wim_bytes"
say "  the ${PAD_MB} MB WIM to curl: TFTP $(mbs "$tftp_out"), HTTP $(mbs "$http_out"), HTTP / TFTP" \
  "$(awk -v t="${tftp_out#* }" -v h="${http_out#* }" \
    'BEGIN { if (h > 0 && t > 0) printf "%.1f", t / h; else printf "?" }')"
say "  into the VM over HTTP (iPXE under TCG): $vm_rate" \
  "(one run under TCG and wine: the machine's load moves these;" \
  "load now $(cut -d' ' -f1-3 /proc/loadavg))"

# --- 3. Secure Boot: shim -> GRUB -> wimboot, as far as Debian's signed GRUB gets -----------
# GRUB reads all it loads over lock-step TFTP: this run's WIM is the small one (no padding).
step "3. Secure Boot (OVMF, Microsoft's keys): shim -> GRUB -> wimboot"
mkdir -p "$root/$SB_DIR"
check "wimlib-imagex builds a small WIM with the same boot manager for the Secure Boot run" \
  build_wim "$root/$SB_DIR/boot.wim" 0
cp "$root/$WIM_DIR/winpeshl.ini" "$root/$SB_DIR/"
write_grub_cfg
check "the plan hands x64 UEFI the signed chain (config set UefiX64File=secureboot/shimx64.efi)" \
  plan_apply UefiX64File=secureboot/shimx64.efi
check "dnsmasq serves the signed-chain plan" dhcp_restart chain
serial=$E2E_DIR/winpe-sb.serial
since=$(now_stamp)
start=$SECONDS
vm_start uefi-sb "$serial"
check "winpe-sb: shim -> Debian's signed GRUB -> the test's grub.cfg under Secure Boot" \
  wait_for "$serial" "$GRUB_CFG_MARKER" "$BOOT_TIMEOUT"
check "winpe-sb: the firmware starts the Microsoft-signed wimboot (GRUB's chainloader)" \
  wait_for "$serial" "$WIMBOOT_BANNER" 60
check "winpe-sb: wimboot, started without files, stops: no file system on its device" \
  wait_for "$serial" "$SB_END" 30
say "  winpe-sb: wimboot's end came after $((SECONDS - start)) s"
stop_job vm_pid
grep -E "pxebridge-e2e: GRUB|error: |$WIMBOOT_BANNER|$SB_END" "$serial" | sed 's/^[0-9]* /  /'
# Debian 12's signed GRUB (2.06) refuses wimboot's bzImage header: its linux command cannot
# hand wimboot the initrds (files) on UEFI, so no signed GRUB chain gets to the boot manager.
check "winpe-sb: Debian's GRUB 2.06 refuses 'linux /wimboot' on UEFI ('kernel too old')" \
  test -n "$(stamp_of "$serial" "$(stamp_of "$serial" 0 "$GRUB_LINUX")" 'error: kernel too old')"
check "winpe-sb: the WIM's boot manager never ran (no marker)" \
  test -z "$(stamp_of "$serial" 0 "$BOOTMGR_MARKER")"
for f in secureboot/shimx64.efi secureboot/grubx64.efi grub/grub.cfg wimboot; do
  check "winpe-sb: pxebridge sent $f over TFTP" \
    wait_for "$svc_log" "sent '$f'" "$LOG_WAIT" "$since"
done
finish
