#!/usr/bin/env bash
# secureboot_arm64.sh: the ARM64 Secure Boot boot tests (make e2e, after secureboot.sh):
# qemu-system-aarch64's virt machine under TCG with AAVMF, Secure Boot on and Microsoft's
# keys, boots from the MSI-installed pxebridge under wine, in a private network namespace
# (tests/e2e/lib.sh), DHCP from dnsmasq running pxebridge's own export of the plan. Debian's
# signed arm64 kernel and the test's initramfs (its init cross-compiled for ARM64; make e2e
# builds both) are put in the TFTP root as an admin would, and the plan's GrubKernelArm64
# settings name them.
#   1. the plan refuses the x64 shim for ARM64 (the firmware would refuse its machine type);
#   2. Secure Boot is on: the firmware refuses a copy of the shim changed by one byte, and
#      pxebridge's log says why;
#   3. the signed-chain plan: shimaa64.efi -> grubaa64.efi (both from pxebridge) -> the
#      generated grub/grub.cfg (its ARM64 branch, by $grub_cpu) -> Debian's signed arm64
#      kernel, which says Secure Boot is on -> the initramfs's marker.
# Prints each boot's stages and time. Last line: "e2e-sb-arm64: N passed, M failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
e2e_enter "$@"

e2e_start e2e-sb-arm64
. "$here/sb_lib.sh"

CHAIN_STAGES=(
  "power-on to the PXE client (AAVMF)" ">>Start PXE over IPv4"
  "DHCP by EDK2's PXE client" "Station IP address is"
  "first stage: secureboot/shimaa64.efi over TFTP" "NBP file downloaded successfully"
  "shim loads GRUB, GRUB reads grub/grub.cfg" "$GRUB_MARKER"
  "GRUB loads kernel and initrd, to the kernel's first line" "EFI stub: |Linux version "
  "the kernel boots to the initramfs's marker" "$KERNEL_MARKER"
)
# What pxebridge sends in such a boot.
CHAIN_FILES=(secureboot/shimaa64.efi secureboot/grubaa64.efi grub/grub.cfg
             debian/arm64/vmlinuz debian/arm64/initrd.img)

step "setup: wine prefix, the MSI, Debian's signed arm64 kernel in the TFTP root"
e2e_wine_start || abort "a wine prefix starts in the namespace"
check "the MSI installs silently and the PxeBridge service serves on UDP port 69" \
  pxebridge_install "BOOTSERVER=$SERVER"
mkdir -p "$root/debian/arm64"
cp "$OUT/e2e/debian/arm64/vmlinuz" "$OUT/e2e/debian/arm64/initrd.img" "$root/debian/arm64/"
check "the plan names the arm64 kernel for GRUB's menu (config set; the service reloads)" \
  plan_apply LogLevel=debug GrubKernelArm64=debian/arm64/vmlinuz \
  GrubInitrdArm64=debian/arm64/initrd.img "GrubArgsArm64=console=ttyAMA0 panic=-1"
# The installed ARM64 shim, intact, for ARM64 UEFI, with its signature under it.
arm64_shim_listed() {
  w "$CLI" firmware list | tr -d '\r' |
    grep -A1 "secureboot/shimaa64.efi .*UEFI ARM64.*intact" |
    grep -q "signed by Microsoft Corporation UEFI CA 2011"
}
check "firmware list: the installed ARM64 shim is intact, for UEFI ARM64, signed by Microsoft's UEFI CA" \
  arm64_shim_listed

# --- 1. the wrong CPU's shim ------------------------------------------------------------
step "1. the plan refuses the x64 shim for ARM64"
wrong_cpu_refused() {
  local out rc
  out=$(w "$CLI" config set UefiArm64File=secureboot/shimx64.efi 2>&1)
  rc=$?
  out=$(tr -d '\r' <<<"$out")
  say "$out" | sed 's/^/  | /'
  [ "$rc" -ne 0 ] && grep -q "use secureboot/shimaa64.efi" <<<"$out"
}
check "config set UefiArm64File=secureboot/shimx64.efi fails, saying to use shimaa64.efi" \
  wrong_cpu_refused

# --- 2. Secure Boot is on: a changed shim is refused --------------------------------------
step "2. Secure Boot on: AAVMF refuses a shim changed by one byte"
mkdir -p "$root/changed"
cp "$root/secureboot/shimaa64.efi" "$root/changed/shimaa64.efi"
printf '\001' | dd of="$root/changed/shimaa64.efi" bs=1 seek=8192 conv=notrunc status=none
check "the plan hands ARM64 UEFI the changed shim (config set UefiArm64File=changed/shimaa64.efi)" \
  plan_apply UefiArm64File=changed/shimaa64.efi
check "pxebridge's log says Secure Boot firmware refuses UefiArm64File changed/shimaa64.efi" \
  wait_for "$svc_log" "UefiArm64File 'changed/shimaa64.efi' .*refused by Secure Boot firmware" \
  "$LOG_WAIT"
check "dnsmasq serves the changed-shim plan" dhcp_restart changed
boot_refused arm64-sb changed-sb changed/shimaa64.efi "grubaa64[.]efi" \
  "nothing ran after it (no GRUB asked for)"

# --- 3. the signed chain under Secure Boot ------------------------------------------------
step "3. the ARM64 signed-chain plan under Secure Boot"
check "the plan hands ARM64 UEFI the signed chain (config set UefiArm64File=secureboot/shimaa64.efi)" \
  plan_apply UefiArm64File=secureboot/shimaa64.efi
explain=$(w "$CLI" explain --arch 11 | tr -d '\r')
say "$explain" | sed 's/^/  | /'
check "explain: the ARM64 UEFI client gets the signed chain" grep -q "the signed chain" <<<"$explain"
check "explain: its first stage is signed by Microsoft's UEFI CA" \
  grep -q "Signature: signed by Microsoft Corporation UEFI CA 2011" <<<"$explain"
check "dnsmasq serves the signed-chain plan" dhcp_restart chain
check "the export hands ARM64 secureboot/shimaa64.efi" \
  grep -q "secureboot/shimaa64.efi" "$E2E_DIR/chain.conf"
boot_chain arm64-sb chain-arm64-sb
check "chain-arm64-sb: the signed kernel says Secure Boot is on" \
  grep -Eq "UEFI Secure Boot is enabled|Secure boot enabled" "$E2E_DIR/chain-arm64-sb.serial"
check "chain-arm64-sb: GRUB took the menu's ARM64 entry" \
  grep -q "pxebridge: loading /debian/arm64/vmlinuz" "$E2E_DIR/chain-arm64-sb.serial"
finish
