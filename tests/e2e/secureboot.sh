#!/usr/bin/env bash
# secureboot.sh: the Secure Boot boot tests (make e2e, after run.sh): OVMF's Secure Boot
# build with Microsoft's keys boots from the MSI-installed pxebridge under wine, in a
# private network namespace (tests/e2e/lib.sh), DHCP from dnsmasq running pxebridge's own
# export of the plan. Debian's signed kernel and the test's initramfs (make e2e builds them)
# are put in the TFTP root as an admin would, and the plan's GRUB settings name them.
#   1. the iPXE plan: the firmware refuses the unsigned snponly.efi; pxebridge's log and
#      `explain` say why;
#   2. the signed-chain plan: shim -> GRUB (both from pxebridge) -> the generated
#      grub/grub.cfg -> Debian's signed kernel -> the initramfs's marker;
#   3. the same plan with Secure Boot off (OVMF's plain build) boots to the marker too.
# Prints each boot's stages and time. Last line: "e2e-sb: N passed, M failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
e2e_enter "$@"

e2e_start e2e-sb
. "$here/sb_lib.sh"

# The stages of a boot through the signed chain, as the serial console shows them.
CHAIN_STAGES=(
  "power-on to the PXE client (OVMF)" ">>Start PXE over IPv4"
  "DHCP by EDK2's PXE client" "Station IP address is"
  "first stage: secureboot/shimx64.efi over TFTP" "NBP file downloaded successfully"
  "shim loads GRUB, GRUB reads grub/grub.cfg" "$GRUB_MARKER"
  "GRUB loads kernel and initrd, to the kernel's first line" "EFI stub: |Linux version "
  "the kernel boots to the initramfs's marker" "$KERNEL_MARKER"
)

# What pxebridge sends in such a boot.
CHAIN_FILES=(secureboot/shimx64.efi secureboot/grubx64.efi grub/grub.cfg debian/vmlinuz
             debian/initrd.img)

step "setup: wine prefix, the MSI, Debian's signed kernel in the TFTP root"
e2e_wine_start || abort "a wine prefix starts in the namespace"
check "the MSI installs silently and the PxeBridge service serves on UDP port 69" \
  pxebridge_install "BOOTSERVER=$SERVER"
mkdir -p "$root/debian"
cp "$OUT/e2e/debian/vmlinuz" "$OUT/e2e/debian/initrd.img" "$root/debian/"
check "the plan names the kernel for GRUB's menu (config set; the service reloads)" \
  plan_apply LogLevel=debug GrubKernel=debian/vmlinuz GrubInitrd=debian/initrd.img \
  "GrubArgs=console=ttyS0 panic=-1"
# The installed shim, intact, with its signature under it in `firmware list`.
shim_listed() {
  w "$CLI" firmware list | tr -d '\r' | grep -A1 "secureboot/shimx64.efi .*intact" |
    grep -q "signed by Microsoft Corporation UEFI CA 2011"
}
check "firmware list: the installed shim is intact, signed by Microsoft's UEFI CA" shim_listed

# --- 1. the iPXE plan under Secure Boot ----------------------------------------------------
step "1. the iPXE plan: Secure Boot firmware refuses snponly.efi"
check "pxebridge's log says Secure Boot firmware refuses UefiX64File snponly.efi" \
  wait_for "$svc_log" "UefiX64File 'snponly.efi' is unsigned: refused by Secure Boot firmware" \
  "$LOG_WAIT"
explain=$(w "$CLI" explain --arch 7 | tr -d '\r')
say "$explain" | sed 's/^/  | /'
check "explain: the x64 UEFI client gets snponly.efi, unsigned, refused by Secure Boot" \
  grep -q "Signature: unsigned: refused by Secure Boot firmware" <<<"$explain"
check "dnsmasq serves the iPXE plan" dhcp_restart ipxe
boot_refused uefi-sb ipxe-sb snponly.efi "boot[.]ipxe" "iPXE never ran (no boot.ipxe asked for)"

# --- 2. the signed chain under Secure Boot ------------------------------------------------
step "2. the signed-chain plan under Secure Boot"
check "the plan hands x64 UEFI the signed chain (config set UefiX64File=secureboot/shimx64.efi)" \
  plan_apply UefiX64File=secureboot/shimx64.efi
explain=$(w "$CLI" explain --arch 7 | tr -d '\r')
check "explain: the x64 UEFI client gets the signed chain" grep -q "the signed chain" <<<"$explain"
check "explain: its first stage is signed by Microsoft's UEFI CA" \
  grep -q "Signature: signed by Microsoft Corporation UEFI CA 2011" <<<"$explain"
check "dnsmasq serves the signed-chain plan" dhcp_restart chain
check "the export hands out secureboot/shimx64.efi" grep -q "secureboot/shimx64.efi" "$E2E_DIR/chain.conf"
boot_chain uefi-sb chain-sb

# --- 3. the same plan with Secure Boot off -------------------------------------------------
step "3. the signed-chain plan with Secure Boot off"
boot_chain uefi chain-nosb
finish
