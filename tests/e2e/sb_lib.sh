# sb_lib.sh: what the Secure Boot boot tests share (secureboot.sh for x64,
# secureboot_arm64.sh for ARM64), sourced after lib.sh and e2e_start: the markers, the
# DHCP restart on a new export, and one boot through the signed chain to the kernel's
# marker. The caller sets CHAIN_FILES (what pxebridge must have sent) and CHAIN_STAGES (the
# stages' labels and regexes, as lib.sh's stages takes them).
# shellcheck shell=bash

svc_log=$E2E_DIR/pxebridge.log
LOG_WAIT=15
# Debian's kernel decompresses itself in the EFI stub: 256 MiB is too little for it.
VM_MEMORY=1024
KERNEL_MARKER="pxebridge-e2e: Debian's signed kernel runs the test initramfs"
GRUB_MARKER='pxebridge: GRUB menu for'

# Restarts dnsmasq on the export of the stored plan (NAME: the file names).
dhcp_restart() {
  stop_job dhcp_pid
  dhcp_config "$E2E_DIR/$1.conf" && dhcp_start "$E2E_DIR/$1.conf" "$E2E_DIR/$1-dhcp.log"
}

# Boots the VM (a vm_start machine) through the signed chain to the kernel's marker; NAME:
# its serial log. Checks what pxebridge sent and prints the stages.
boot_chain() {
  local since serial=$E2E_DIR/$2.serial start f
  since=$(now_stamp)
  start=$SECONDS
  vm_start "$1" "$serial"
  check "$2: shim -> GRUB -> pxebridge's menu -> Debian's signed kernel -> the marker" \
    wait_for "$serial" "$KERNEL_MARKER" "$BOOT_TIMEOUT"
  say "  $2: the boot took $((SECONDS - start)) s"
  stop_job vm_pid
  check "$2: GRUB printed the generated menu's marker" grep -q "$GRUB_MARKER" "$serial"
  for f in "${CHAIN_FILES[@]}"; do
    check "$2: pxebridge sent $f" wait_for "$svc_log" "sent '$f'" "$LOG_WAIT" "$since"
  done
  stages "$serial" "${CHAIN_STAGES[@]}"
}
