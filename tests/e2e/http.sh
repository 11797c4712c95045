#!/usr/bin/env bash
# http.sh: the end-to-end tests of HTTP from the PxeBridge service (make e2e, issue 13;
# docs/http.md): the MSI installed under wine with HTTPPORT, in a private network namespace
# (tests/e2e/lib.sh), DHCP from dnsmasq running pxebridge's own export of the plan, OVMF
# under QEMU (TCG).
#   1. iPXE over HTTP: OVMF's PXE client loads snponly.efi over TFTP, iPXE chains boot.ipxe
#      over HTTP (the plan's ScriptUrl) to the marker, then a script of the TFTP root fetches
#      a 64 MiB file over HTTP and the same file over TFTP: both complete, the service logged
#      the HTTP requests, and the VM's MB/s for each and their ratio are printed (figures,
#      not timed checks);
#   2. UEFI HTTP Boot: OVMF without PXE boot options boots by HTTP, the URL from the export
#      of a plan with HttpBootX64Url; it loads snponly.efi over HTTP from pxebridge and iPXE
#      reaches the boot script's marker.
# Last line: "e2e-http: N passed, M failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
e2e_enter "$@"

e2e_start e2e-http
HTTP_PORT=8080
HTTP_BASE=http://$SERVER:$HTTP_PORT/pxb
BIG=big.bin
BIG_BYTES=$((64 * 1024 * 1024))
# Room to spare for the 64 MiB image beside OVMF and iPXE (lib.sh's default is 256 MiB).
VM_MEMORY=512
# What the measuring script prints, as its stages.
FETCH='pxebridge-e2e:'

# Wine's http.sys sends a whole answer with one send() on a non-blocking socket and drops
# what the socket does not take (docs/http.md): a send buffer of 256 MiB by default takes a
# 64 MiB file at once. Set in this test's namespace only (the host keeps its own).
sysctl -q -w net.ipv4.tcp_wmem="4096 268435456 268435456" ||
  abort "the namespace's TCP send buffer can be raised (net.ipv4.tcp_wmem)"

# The iPXE script the marker's boot.ipxe chains to (the plan's BootTarget): fetches BIG over
# HTTP, then over TFTP, each between two lines whose stamps time it, and shows each image.
write_fetch_script() {
  cat >"$root/fetch.ipxe" <<EOF
#!ipxe
echo $FETCH HTTP download starts
imgfetch --name http $HTTP_BASE/$BIG || goto failed
echo $FETCH HTTP download done
imgstat
imgfree http
echo $FETCH TFTP download starts
imgfetch --name tftp tftp://$SERVER/$BIG || goto failed
echo $FETCH TFTP download done
imgstat
imgfree tftp
echo $FETCH both downloads done
exit
:failed
echo $FETCH download failed (error \${errno})
exit
EOF
}

# MB/s (10^6 bytes a second) of BYTES in the time between two stamps; "?" if one is missing.
rate() {
  if [ -n "$2" ] && [ -n "$3" ]; then
    awk -v b="$1" -v ms=$(($3 - $2)) 'BEGIN { printf "%.1f", b / 1000 / (ms > 0 ? ms : 1) }'
  else
    printf '?'
  fi
}

# The stamps that start and end one download of the VM in its serial log: fetch_span SERIAL
# PROTOCOL (HTTP, TFTP).
fetch_span() {
  local from to
  from=$(stamp_of "$1" 0 "$FETCH $2 download starts")
  to=$(stamp_of "$1" 0 "$FETCH $2 download done")
  printf '%s %s' "$from" "$to"
}

step "setup: wine prefix, the MSI with HTTPPORT=$HTTP_PORT, the plan's HTTP URLs"
e2e_wine_start || abort "a wine prefix starts in the namespace"
check "the MSI installs silently and the PxeBridge service serves on UDP port 69" \
  pxebridge_install "BOOTSERVER=$SERVER" "HTTPPORT=$HTTP_PORT"
check "the service serves HTTP on port $HTTP_PORT (its log)" \
  wait_for "$svc_log" "HTTP: serving http://[+]:$HTTP_PORT/pxb/" 90
head -c "$BIG_BYTES" /dev/urandom >"$root/$BIG"
write_fetch_script
check "the plan: iPXE chains boot.ipxe over HTTP, which chains fetch.ipxe (config set)" \
  plan_apply "ScriptUrl=$HTTP_BASE/boot.ipxe" "BootTarget=$HTTP_BASE/fetch.ipxe" LogLevel=debug
check "pxebridge exports the plan for dnsmasq" dhcp_config "$E2E_DIR/dnsmasq.conf"
check "the export hands iPXE the HTTP script URL" \
  grep -q "$HTTP_BASE/boot.ipxe" "$E2E_DIR/dnsmasq.conf"
check "dnsmasq serves DHCP on $BRIDGE" dhcp_start "$E2E_DIR/dnsmasq.conf" "$E2E_DIR/dhcp.log"

# --- 1. iPXE: boot.ipxe over HTTP, then 64 MiB over HTTP and over TFTP ----------------------
step "1. UEFI PXE -> snponly.efi over TFTP -> iPXE -> boot.ipxe over HTTP; 64 MiB each way"
serial=$E2E_DIR/ipxe-http.serial
since=$(now_stamp)
vm_start uefi "$serial"
check "ipxe-http: the VM runs the boot.ipxe it chained over HTTP (marker within ${BOOT_TIMEOUT} s)" \
  wait_for "$serial" "$MARKER" "$BOOT_TIMEOUT"
check "ipxe-http: the VM fetched $BIG over HTTP and over TFTP (within ${BOOT_TIMEOUT} s)" \
  wait_for "$serial" "$FETCH (both downloads done|download failed)" "$BOOT_TIMEOUT"
stop_job vm_pid
grep "$FETCH" "$serial" | sed 's/^[0-9]* /  /'
check "ipxe-http: neither download failed" grep -q "$FETCH both downloads done" "$serial"
check "ipxe-http: iPXE holds all $BIG_BYTES bytes fetched over HTTP (imgstat)" \
  grep -q "http : $BIG_BYTES bytes" "$serial"
check "ipxe-http: iPXE holds all $BIG_BYTES bytes fetched over TFTP (imgstat)" \
  grep -q "tftp : $BIG_BYTES bytes" "$serial"
given=$(dhcp_given "$E2E_DIR/dhcp.log")
say "$given"
check "ipxe-http: DHCP gave iPXE (user class iPXE) the HTTP script URL" \
  grep -q "user class iPXE .*filename $HTTP_BASE/boot.ipxe" <<<"$given"
check "ipxe-http: pxebridge sent snponly.efi over TFTP" \
  wait_for "$svc_log" "sent 'snponly.efi'" "$LOG_WAIT" "$since"
for f in boot.ipxe fetch.ipxe; do
  check "ipxe-http: pxebridge logged HTTP GET '$f' 200" \
    wait_for "$svc_log" "HTTP GET '$f' 200" "$LOG_WAIT" "$since"
done
check "ipxe-http: pxebridge logged HTTP GET '$BIG' 200 with all $BIG_BYTES bytes" \
  wait_for "$svc_log" "HTTP GET '$BIG' 200, $BIG_BYTES bytes" "$LOG_WAIT" "$since"
check "ipxe-http: pxebridge logged $BIG sent over TFTP with all $BIG_BYTES bytes" \
  wait_for "$svc_log" "sent '$BIG', $BIG_BYTES bytes" "$LOG_WAIT" "$since"
check "ipxe-http: no boot.ipxe over TFTP (the script came over HTTP)" \
  test -z "$(stamp_of "$svc_log" "$since" "sent 'boot.ipxe'")"
# shellcheck disable=SC2046 # fetch_span prints two stamps
http_mbs=$(rate "$BIG_BYTES" $(fetch_span "$serial" HTTP))
# shellcheck disable=SC2046
tftp_mbs=$(rate "$BIG_BYTES" $(fetch_span "$serial" TFTP))
say "  64 MiB as the VM fetched it: HTTP $http_mbs MB/s, TFTP $tftp_mbs MB/s, ratio HTTP / TFTP" \
  "$(awk -v h="$http_mbs" -v t="$tftp_mbs" 'BEGIN { if (h + 0 > 0 && t + 0 > 0) printf "%.1f", h / t; else printf "?" }')"
say "  pxebridge's own log:"
grep -E "HTTP GET '$BIG'|sent '$BIG'" "$svc_log" | sed 's/^[0-9]* /    /'
say "  (one run under TCG: the machine's load moves these; load now $(cut -d' ' -f1-3 /proc/loadavg))"
finish
