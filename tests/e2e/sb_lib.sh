# sb_lib.sh: what the Secure Boot boot tests share (secureboot.sh for x64,
# secureboot_arm64.sh for ARM64), sourced after lib.sh and e2e_start: the markers and one
# boot through the signed chain to the kernel's marker. The caller sets CHAIN_FILES (what
# pxebridge must have sent) and CHAIN_STAGES (the stages' labels and regexes, as lib.sh's
# stages takes them).
# shellcheck shell=bash

# Debian's kernel decompresses itself in the EFI stub: 256 MiB is too little for it.
VM_MEMORY=1024
KERNEL_MARKER="pxebridge-e2e: Debian's signed kernel runs the test initramfs"
GRUB_MARKER='pxebridge: GRUB menu for'

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

# Boots the VM (a vm_start machine) to the firmware's refusal of its first stage; NAME: its
# serial log, FILE: the first stage pxebridge must have sent, NEXT: the extended regex of
# what it would have loaded next (never asked for), said as WHAT.
boot_refused() {
  local machine=$1 name=$2 file=$3 next=$4 what=$5 since start serial=$E2E_DIR/$2.serial
  since=$(now_stamp)
  start=$SECONDS
  vm_start "$machine" "$serial"
  check "$name: the firmware loads $file from pxebridge and refuses it" \
    wait_for "$serial" "Access Denied|Security Violation" "$BOOT_TIMEOUT"
  say "  $name: the refusal came after $((SECONDS - start)) s"
  stop_job vm_pid
  check "$name: pxebridge sent $file" wait_for "$svc_log" "sent '$file'" "$LOG_WAIT" "$since"
  check "$name: $what" test -z "$(stamp_of "$svc_log" "$since" "$next")"
  grep -E "Access Denied|Security Violation" "$serial" | head -n 2 | sed 's/^[0-9]* /  /'
}
