#!/usr/bin/env bash
# own_images.sh (make test-firmware): boots the project's own boot programs in real firmware
# under QEMU (TCG) over QEMU's user-mode network, whose built-in DHCP and TFTP serve them
# (nothing leaves QEMU, no root needed):
#   UEFI: OVMF's own PXE client loads pxbinfo.efi;
#   BIOS: SeaBIOS with the e1000's iPXE option ROM chains pxbinfo.0, with a small disk
#         (tests/firmware/next_disk.asm) as the next boot device.
# Checks pxbinfo's lines on the serial console (MAC, IP, server, boot file, what the client
# asked with) and that the firmware went on to its next boot device once pxbinfo returned.
# Every boot is bounded by BOOT_TIMEOUT; only the QEMU this script started is stopped.
# PXB_OWN_IMAGES: the folder with pxbinfo.0 and pxbinfo.efi (default $OUT/firmware).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
images=${PXB_OWN_IMAGES:-$top/${OUT:-out}/firmware}
BOOT_TIMEOUT=240
OVMF_CODE=/usr/share/OVMF/OVMF_CODE_4M.fd
OVMF_VARS=/usr/share/OVMF/OVMF_VARS_4M.fd
UEFI_MAC=52:54:00:0f:e1:01
BIOS_MAC=52:54:00:0f:b1:01
RETURNING='pxbinfo: returning to the firmware for the next boot device'
DISK_MARKER='next-disk: booted from the local disk'

. "$top/tests/lib/harness.sh"
harness_start "own images"
vm_pid=
scratch_dir work own-images
stop_vm() {
  [ -n "$vm_pid" ] || return 0
  kill "$vm_pid" 2>/dev/null
  wait "$vm_pid" 2>/dev/null
  vm_pid=
}
at_exit stop_vm

# The serial log without carriage returns and terminal escape sequences.
clean() { sed 's/\x1b\[[0-9;?]*[A-Za-z]//g; s/\x1b[()][A-Z0-9]//g' "$1" | tr -d '\r'; }

# shows LOG TEXT: a line of the cleaned serial log holds TEXT (fixed string).
shows() { clean "$1" | grep -qF -- "$2"; }

# after LOG FIRST REGEX: a line matching the extended REGEX comes after the first line that
# holds FIRST.
after() {
  clean "$1" | awk -v first="$2" -v re="$3" '
    !seen && index($0, first) { seen = 1; next }
    seen && $0 ~ re { found = 1; exit }
    END { exit !found }'
}

# boot NAME LOG DONE_REGEX QEMU_ARGS...: runs QEMU with its serial port into LOG until a line
# matches DONE_REGEX, QEMU exits or BOOT_TIMEOUT passes; prints how long it took and when
# pxbinfo's first line came.
boot() {
  local name=$1 log=$2 done_re=$3 start=$SECONDS pxbinfo_at=
  shift 3
  : >"$log"
  qemu-system-x86_64 -accel tcg -m 256 -display none -monitor none -serial "file:$log" \
    "$@" </dev/null >"$log.qemu" 2>&1 &
  vm_pid=$!
  while [ $((SECONDS - start)) -lt $BOOT_TIMEOUT ] && kill -0 "$vm_pid" 2>/dev/null; do
    [ -z "$pxbinfo_at" ] && shows "$log" 'pxbinfo: PXE boot information' &&
      pxbinfo_at=$((SECONDS - start))
    clean "$log" | grep -Eq -- "$done_re" && break
    sleep 1
  done
  stop_vm
  echo "$name: boot took $((SECONDS - start)) s (pxbinfo's first line after ${pxbinfo_at:-?} s," \
    "limit $BOOT_TIMEOUT s)"
  grep -v "terminating on signal" "$log.qemu" | sed 's/^/  qemu: /'
}

for image in pxbinfo.efi pxbinfo.0; do
  check "$image is built ($images)" test -s "$images/$image"
done

# --- UEFI: OVMF, EDK2's own PXE client on virtio-net ---------------------------------------
tftp="$work/tftp"
mkdir -p "$tftp"
cp "$images/pxbinfo.efi" "$images/pxbinfo.0" "$tftp/" 2>/dev/null
cp "$OVMF_VARS" "$work/ovmf-vars.fd"
log="$work/uefi.log"
# After pxbinfo returns, OVMF reports the PXEv4 option failed and starts the next one,
# PXE over IPv6.
boot uefi "$log" '>>Start PXE over IPv6' \
  -machine q35 \
  -drive "if=pflash,format=raw,readonly=on,file=$OVMF_CODE" \
  -drive "if=pflash,format=raw,file=$work/ovmf-vars.fd" \
  -netdev "user,id=n0,tftp=$tftp,bootfile=pxbinfo.efi" \
  -device "virtio-net-pci,netdev=n0,romfile=,mac=$UEFI_MAC,bootindex=1"
check "uefi: pxbinfo shows the client's MAC" shows "$log" "pxbinfo: DHCPDISCOVER: client MAC $UEFI_MAC"
check "uefi: arch 7 from the client's request (option 93)" \
  shows "$log" "pxbinfo: DHCPDISCOVER: arch (option 93) 7"
check "uefi: vendor class PXEClient:Arch:00007 from the client's request (option 60)" \
  shows "$log" "pxbinfo: DHCPDISCOVER: vendor class (option 60) PXEClient:Arch:00007"
check "uefi: no user class in EDK2's request (option 77)" \
  shows "$log" "pxbinfo: DHCPDISCOVER: user class (option 77) (none)"
check "uefi: the IP QEMU's DHCP gave (yiaddr)" shows "$log" "pxbinfo: DHCPACK: client IP 10.0.2.15"
check "uefi: the server (siaddr)" shows "$log" "pxbinfo: DHCPACK: server 10.0.2.2"
check "uefi: the boot file" shows "$log" "pxbinfo: DHCPACK: boot file pxbinfo.efi"
check "uefi: no proxy reply" shows "$log" "pxbinfo: proxy reply: (none)"
check "uefi: pxbinfo returns to the firmware" shows "$log" "$RETURNING"
check "uefi: the boot manager reports the PXE option's error status" \
  after "$log" "$RETURNING" 'BdsDxe: failed to start Boot[0-9A-F]+ "UEFI PXEv4.*: Not Found'
check "uefi: the firmware goes on to its next boot option (PXE over IPv6)" \
  after "$log" "$RETURNING" '>>Start PXE over IPv6'

# --- BIOS: SeaBIOS, iPXE option ROM on e1000, then the disk ---------------------------------
nasm -f bin -o "$work/next-disk.img" "$top/tests/firmware/next_disk.asm"
# SeaBIOS's serial console (port 0x3f8, little-endian) instead of a VGA screen.
printf '\370\003' >"$work/sercon-port"
log="$work/bios.log"
boot bios "$log" "$DISK_MARKER" \
  -machine pc -vga none -fw_cfg "name=etc/sercon-port,file=$work/sercon-port" \
  -netdev "user,id=n0,tftp=$tftp,bootfile=pxbinfo.0" \
  -device "e1000,netdev=n0,mac=$BIOS_MAC,bootindex=1" \
  -drive "file=$work/next-disk.img,format=raw,if=none,id=disk0" \
  -device ide-hd,drive=disk0,bootindex=2
check "bios: pxbinfo shows the client's MAC" shows "$log" "pxbinfo: DHCPDISCOVER: client MAC $BIOS_MAC"
check "bios: arch 0 from the client's request (option 93)" \
  shows "$log" "pxbinfo: DHCPDISCOVER: arch (option 93) 0"
check "bios: vendor class PXEClient:Arch:00000 from the client's request (option 60)" \
  shows "$log" "pxbinfo: DHCPDISCOVER: vendor class (option 60) PXEClient:Arch:00000"
check "bios: user class iPXE from the client's request (option 77)" \
  shows "$log" "pxbinfo: DHCPDISCOVER: user class (option 77) iPXE"
check "bios: the IP QEMU's DHCP gave (yiaddr)" shows "$log" "pxbinfo: DHCPACK: client IP 10.0.2.15"
check "bios: the server (siaddr)" shows "$log" "pxbinfo: DHCPACK: server 10.0.2.2"
check "bios: the boot file" shows "$log" "pxbinfo: DHCPACK: boot file pxbinfo.0"
check "bios: pxbinfo returns to the firmware" shows "$log" "$RETURNING"
check "bios: the BIOS boots the next device, the disk, after pxbinfo returned" \
  after "$log" "$RETURNING" "$DISK_MARKER"

for f in "$work"/uefi.log "$work"/bios.log; do
  if [ "$failed" -gt 0 ] && [ -s "$f" ]; then
    echo "--- serial console: $(basename "$f") (last 40 lines)"
    clean "$f" | grep -v '^$' | tail -40
  fi
done
finish
