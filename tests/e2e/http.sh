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
#      reaches the boot script's marker. The VM's connections go through host_port_relay.py,
#      which adds the port EDK2 leaves out of its Host header: wine 8's http.sys, unlike
#      Windows', routes by that port and would never answer (docs/http.md).
# Last line: "e2e-http: N passed, M failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
e2e_enter "$@"

e2e_start e2e-http
HTTP_PORT=8080
HTTP_BASE=http://$SERVER:$HTTP_PORT/pxb
RELAY_PORT=8081
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

# logged DESC REGEX: passes if the service's log has a line matching REGEX since $since.
logged() { check "$1" wait_for "$svc_log" "$2" "$LOG_WAIT" "$since"; }

# dhcp_gave NAME DESC REGEX: shows what dnsmasq's log NAME-dhcp.log says it gave, and passes
# if a DHCPACK matches REGEX.
dhcp_gave() {
  local given
  given=$(dhcp_given "$E2E_DIR/$1-dhcp.log")
  say "$given"
  check "$2" grep -q "$3" <<<"$given"
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
check "dnsmasq serves DHCP on $BRIDGE from pxebridge's export of the plan" dhcp_restart ipxe
check "the export hands iPXE the HTTP script URL" \
  grep -q "$HTTP_BASE/boot.ipxe" "$E2E_DIR/ipxe.conf"

# --- 1. iPXE: boot.ipxe over HTTP, then 64 MiB over HTTP and over TFTP ----------------------
step "1. UEFI PXE -> snponly.efi over TFTP -> iPXE -> boot.ipxe over HTTP; 64 MiB each way"
serial=$E2E_DIR/ipxe-http.serial
since=$(now_stamp)
vm_start uefi "$serial"
check "ipxe-http: the VM runs boot.ipxe, chained over HTTP (marker within ${BOOT_TIMEOUT} s)" \
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
dhcp_gave ipxe "ipxe-http: DHCP gave iPXE (user class iPXE) the HTTP script URL" \
  "user class iPXE .*filename $HTTP_BASE/boot.ipxe"
logged "ipxe-http: pxebridge sent snponly.efi over TFTP" "sent 'snponly.efi'"
for f in boot.ipxe fetch.ipxe; do
  logged "ipxe-http: pxebridge logged HTTP GET '$f' 200" "HTTP GET '$f' 200"
done
logged "ipxe-http: pxebridge logged HTTP GET '$BIG' 200 with all $BIG_BYTES bytes" \
  "HTTP GET '$BIG' 200, $BIG_BYTES bytes"
logged "ipxe-http: pxebridge logged $BIG sent over TFTP with all $BIG_BYTES bytes" \
  "sent '$BIG', $BIG_BYTES bytes"
check "ipxe-http: no boot.ipxe over TFTP (the script came over HTTP)" \
  test -z "$(stamp_of "$svc_log" "$since" "sent 'boot.ipxe'")"
# shellcheck disable=SC2046 # fetch_span prints two stamps
http_mbs=$(rate "$BIG_BYTES" $(fetch_span "$serial" HTTP))
# shellcheck disable=SC2046
tftp_mbs=$(rate "$BIG_BYTES" $(fetch_span "$serial" TFTP))
ratio=$(awk -v h="$http_mbs" -v t="$tftp_mbs" \
  'BEGIN { if (h + 0 > 0 && t + 0 > 0) printf "%.1f", h / t; else printf "?" }')
say "  64 MiB as the VM fetched it: HTTP $http_mbs MB/s, TFTP $tftp_mbs MB/s, HTTP / TFTP $ratio"
say "  pxebridge's own log:"
grep -E "HTTP GET '$BIG'|sent '$BIG'" "$svc_log" | sed 's/^[0-9]* /    /'
say "  (one run under TCG: the machine's load moves these;" \
  "load now $(cut -d' ' -f1-3 /proc/loadavg))"

# --- 2. UEFI HTTP Boot ---------------------------------------------------------------------
step "2. UEFI HTTP Boot: OVMF's HTTPv4 boot -> snponly.efi over HTTP -> iPXE -> boot.ipxe"
check "the plan hands x64 UEFI HTTP Boot clients $HTTP_BASE/snponly.efi (config set)" \
  plan_apply "HttpBootX64Url=$HTTP_BASE/snponly.efi" BootTarget=
check "dnsmasq serves the export of the plan with HttpBootX64Url" dhcp_restart httpboot
check "the export hands HTTP Boot clients the URL" \
  grep -q "$HTTP_BASE/snponly.efi" "$E2E_DIR/httpboot.conf"
check "the export sends them option 60 HTTPClient" \
  grep -q '60,"HTTPClient"' "$E2E_DIR/httpboot.conf"
# Wine 8's http.sys routes by the Host header's port, which EDK2 leaves out (docs/http.md):
# the VM's connections to the port go through the relay that adds it (Windows needs none).
relay_log=$E2E_DIR/relay.log
python3 -u "$here/host_port_relay.py" "$RELAY_PORT" 127.0.0.1 "$HTTP_PORT" \
  > >(stamp "$relay_log") 2>&1 &
# shellcheck disable=SC2034 # stop_job reads it by name
relay_pid=$!
at_exit "stop_job relay_pid"
check "the Host-port relay for wine listens on port $RELAY_PORT" \
  wait_for "$relay_log" "relay: listening" 10
check "the namespace sends the VM's connections to port $HTTP_PORT through the relay" \
  iptables -t nat -A PREROUTING -i "$BRIDGE" -p tcp --dport "$HTTP_PORT" \
  -j REDIRECT --to-ports "$RELAY_PORT"
serial=$E2E_DIR/httpboot.serial
since=$(now_stamp)
vm_start uefi-http "$serial"
check "httpboot: OVMF boots by HTTP with the URL from DHCP" \
  wait_for "$serial" "URI: $HTTP_BASE/snponly.efi" "$BOOT_TIMEOUT"
check "httpboot: snponly.efi loaded over HTTP runs iPXE, which reaches the marker" \
  wait_for "$serial" "$MARKER" "$BOOT_TIMEOUT"
stop_job vm_pid
stop_job relay_pid
grep -E "HTTP Boot|URI:|File Size|Error" "$serial" | head -n 6 | sed 's/^[0-9]* /  /'
dhcp_gave httpboot "httpboot: DHCP gave the HTTP Boot client (HTTPClient:Arch:00016) the URL" \
  "vendor class HTTPClient:Arch:00016.*filename $HTTP_BASE/snponly.efi"
logged "httpboot: pxebridge logged HTTP HEAD 'snponly.efi' 200 (the firmware asks its size)" \
  "HTTP HEAD 'snponly.efi' 200"
logged "httpboot: pxebridge logged HTTP GET 'snponly.efi' 200" \
  "HTTP GET 'snponly.efi' 200"
check "httpboot: no snponly.efi over TFTP (the firmware used HTTP)" \
  test -z "$(stamp_of "$svc_log" "$since" "sending 'snponly.efi'")"
logged "httpboot: iPXE chained boot.ipxe over HTTP" "HTTP GET 'boot.ipxe' 200"
check "httpboot: the firmware's requests had no port in Host (the relay added it)" \
  grep -q "relay: added the port" "$relay_log"
finish
