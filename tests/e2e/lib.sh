# lib.sh: the end-to-end boot harness shared by run.sh (make e2e) and demo.sh (make demo),
# sourced, not run. It builds a network namespace with a bridge and a tap for the VM
# (192.0.2.0/24, TEST-NET-1, inside the namespace only) and, where a test needs them, other
# machines on it (machine_up: a namespace of their own cabled to the bridge), installs the pxebridge MSI with
# wine's msiexec in a wine prefix inside it (the PxeBridge service then runs under wine's
# service control manager, serving the boot images the MSI put in its TFTP root), runs
# dnsmasq, ISC dhcpd or Kea with the DHCP configuration pxebridge exports from its boot plan, and
# QEMU (TCG) booting OVMF or SeaBIOS from the tap; every log line is stamped with the
# milliseconds since the run began, so the stage timings can be read back from the logs.
# Every wait is bounded; the namespace and every process in it go when the run ends.
# Builds on tests/wine/lib.sh (the wine prefix, msiexec, winpath) and so on the harness
# (tests/lib/harness.sh: pass/fail, steps, the closing line, cleanup). Expects OUT.
# shellcheck shell=bash

e2e_here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$e2e_here/../wine/lib.sh"

SERVER=192.0.2.1
NETMASK=255.255.255.0
DHCP_RANGE=192.0.2.100,192.0.2.199
BRIDGE=pxbbr0
TAP=pxbtap0
VM_MAC=52:54:00:e2:e0:01
BOOT_TIMEOUT=360          # seconds one VM boot may take under TCG
OVMF_CODE=/usr/share/OVMF/OVMF_CODE_4M.fd
OVMF_VARS=/usr/share/OVMF/OVMF_VARS_4M.fd
# OVMF's Secure Boot build (needs SMM) and its variables with Microsoft's keys enrolled.
OVMF_SB_CODE=/usr/share/OVMF/OVMF_CODE_4M.ms.fd
OVMF_SB_VARS=/usr/share/OVMF/OVMF_VARS_4M.ms.fd
# AAVMF, the ARM64 build of EDK2, with Secure Boot on and Microsoft's keys enrolled in its
# variables (the code is the same build as the plain one).
AAVMF_CODE=/usr/share/AAVMF/AAVMF_CODE.ms.fd
AAVMF_SB_VARS=/usr/share/AAVMF/AAVMF_VARS.ms.fd
MSI=$OUT/pxebridge-$(cat "$e2e_here/../../VERSION")-x64.msi
MARKER='pxebridge: boot script for'
LOG_WAIT=15               # seconds a line may take from the service's log file to svc_log
FALLBACK='pxebridge: booting from the local disk'

# --- the namespace ---------------------------------------------------------------------

# Milliseconds since the epoch.
now_ms() { local t=${EPOCHREALTIME/./}; printf '%s' $((t / 1000)); }

# Runs the calling script again inside a new namespace ("$@": its arguments) and exits with
# its status; the namespace, and everything still running in it, goes whatever happens.
# Inside (E2E_NS set), returns at once, a signal then ending the script through its traps.
e2e_enter() {
  if [ -n "${E2E_NS:-}" ]; then
    trap 'exit 130' INT TERM
    return 0
  fi
  E2E_NS=pxb-e2e-$$
  harness_start "$(basename "$0" .sh)"
  at_exit e2e_ns_down
  e2e_ns_up || { say "e2e: cannot create the network namespace $E2E_NS (run as root)"; exit 1; }
  export E2E_NS
  E2E_T0=$(now_ms) ip netns exec "$E2E_NS" "$0" "$@"
  exit $?
}

e2e_ns_up() {
  ip netns add "$E2E_NS" &&
    ip -n "$E2E_NS" link set lo up &&
    ip -n "$E2E_NS" link add "$BRIDGE" type bridge &&
    ip -n "$E2E_NS" tuntap add dev "$TAP" mode tap &&
    ip -n "$E2E_NS" link set "$TAP" master "$BRIDGE" &&
    ip -n "$E2E_NS" addr add "$SERVER/24" dev "$BRIDGE" &&
    ip -n "$E2E_NS" link set "$TAP" up &&
    ip -n "$E2E_NS" link set "$BRIDGE" up
}

# Stops every process left in the namespace (all started by this run), then removes it.
e2e_ns_down() {
  ip netns list | grep -qw "$E2E_NS" || return 0
  ns_stop "$E2E_NS"
  ip -n "$E2E_NS" link del "$TAP" 2>/dev/null
  ip -n "$E2E_NS" link del "$BRIDGE" 2>/dev/null
  ip netns del "$E2E_NS"
}

# Stops every process in the namespace NS (all started by this run): SIGTERM, then SIGKILL
# after 10 s.
ns_stop() {
  local pids tries=0
  mapfile -t pids < <(ip netns pids "$1")
  [ ${#pids[@]} -gt 0 ] && kill "${pids[@]}" 2>/dev/null
  while [ -n "$(ip netns pids "$1")" ] && [ $tries -lt 20 ]; do
    sleep 0.5
    tries=$((tries + 1))
  done
  mapfile -t pids < <(ip netns pids "$1")
  [ ${#pids[@]} -gt 0 ] && kill -9 "${pids[@]}" 2>/dev/null
  return 0
}

# --- other machines on the test network ---------------------------------------------------

# cable PORT BRIDGE NS END ADDRESS: a veth from BRIDGE's port PORT to END in namespace NS,
# which gets ADDRESS (with its prefix length).
cable() {
  ip link add "$1" type veth peer name "$4" netns "$3" &&
    ip link set "$1" master "$2" && ip link set "$1" up &&
    ip -n "$3" addr add "$5" dev "$4" && ip -n "$3" link set "$4" up
}

# machine_up NS PORT ADDRESS: another machine on the test network: namespace NS, its
# interface lan cabled to the bridge's port PORT, with ADDRESS/24. netns_remove removes it.
machine_up() {
  ip netns add "$1" && ip -n "$1" link set lo up && cable "$2" "$BRIDGE" "$1" lan "$3/24"
}

# netns_remove NS: stops what runs in namespace NS (all started by this run), removes it.
netns_remove() {
  ip netns list | grep -qw "$1" || return 0
  ns_stop "$1"
  ip netns del "$1"
}

# --- a run's end --------------------------------------------------------------------------

# e2e_start NAME: the opening of a script inside the namespace (harness_start NAME): its
# folder in E2E_DIR under OUT (serial consoles, DHCP and TFTP logs), kept for a look when a
# check failed, and in it svc_log, where pxebridge_install stamps the service's log; at exit
# e2e_stop.
e2e_start() {
  harness_start "$1"
  scratch_dir E2E_DIR "$1"
  svc_log=$E2E_DIR/pxebridge.log
  at_exit e2e_stop
}

# Stops the VM, the DHCP server, wine and the log follower, and removes the wine prefix.
e2e_stop() {
  stop_job vm_pid
  stop_job dhcp_pid
  wine_stop
  stop_job log_pid
  rm -rf "${WINEPREFIX:-}"
}

# --- logs and waits ----------------------------------------------------------------------

# Stops the background process whose pid the variable VAR holds (dhcp_pid, log_pid,
# vm_pid), if any: SIGTERM, then SIGKILL after 10 s. Clears VAR.
stop_job() {
  local pid=${!1:-} tries=0
  printf -v "$1" '%s' ''
  [ -n "$pid" ] || return 0
  kill "$pid" 2>/dev/null
  while [ $tries -lt 20 ]; do
    case $(ps -o stat= -p "$pid" 2>/dev/null) in '' | Z*) break ;; esac
    sleep 0.5
    tries=$((tries + 1))
  done
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  return 0
}

# Copies stdin to FILE line by line, each line prefixed with the milliseconds since E2E_T0
# at which its first byte came (firmware prints ">>Start PXE over IPv4." before its DHCP and
# ends the line after it), carriage returns and terminal escape sequences removed.
stamp() {
  python3 -u -c '
import os, re, sys, time
out = open(sys.argv[1], "a", buffering=1)
t0 = int(sys.argv[2])
junk = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Z0-9]|\r")
def write(began, line):
    out.write("%d %s\n" % (began, junk.sub(b"", line).decode("latin-1")))
line, began = b"", None
while True:
    data = os.read(0, 65536)
    if not data:
        break
    now = time.time_ns() // 1000000 - t0
    parts = data.split(b"\n")
    for i, part in enumerate(parts):
        if began is None and (part or i < len(parts) - 1):
            began = now
        line += part
        if i < len(parts) - 1:
            write(began, line)
            line, began = b"", None
if began is not None:
    write(began, line)
' "$1" "$E2E_T0"
}

# Waits up to SECONDS until a line of the stamped FILE matches the extended regex, with
# AFTER: a line stamped AFTER or later; 0 when one does.
wait_for() {
  local file=$1 regex=$2 seconds=$3 after=${4:-0} start=$SECONDS
  while [ $((SECONDS - start)) -lt "$seconds" ]; do
    [ -n "$(stamp_of "$file" "$after" "$regex")" ] && return 0
    sleep 1
  done
  return 1
}

# The stamp of now (ms since E2E_T0), to wait for what comes after it.
now_stamp() { printf '%s' $(($(now_ms) - E2E_T0)); }

# The stamp (ms since E2E_T0) of the first line of FILE after stamp AFTER that matches the
# extended regex; nothing if there is none.
stamp_of() {
  awk -v after="$2" -v re="$3" '$1 >= after && $0 ~ re { print $1; exit }' "$1" 2>/dev/null
}

# The time between two stamps ("850 ms", "12.3 s"), or "?" if either is missing.
span() {
  if [ -n "$1" ] && [ -n "$2" ]; then
    awk -v a="$1" -v b="$2" 'BEGIN {
      if (b - a < 1000) printf "%d ms", b - a; else printf "%.1f s", (b - a) / 1000 }'
  else
    printf '?'
  fi
}

# --- pxebridge: installed from the MSI, the boot plan, its export -------------------------

# Creates the wine prefix (inside the namespace, so its wineserver's sockets are there, and
# the services it starts serve there).
e2e_wine_start() {
  local f
  for f in "$MSI" "$SVCCTL"; do
    [ -f "$f" ] || { say "e2e: $f is missing; run make msi $SVCCTL"; return 1; }
  done
  wine_start
}

# Installs the pxebridge MSI silently, as an admin would: pxebridge_install PROPERTY=VALUE...
# Follows the service's log file into the stamped $svc_log (set by e2e_start) from before
# the install, and returns 0 once the service runs and serves on UDP port 69. Sets CLI (the
# installed pxebridge.exe) and root (the TFTP root, where the MSI put the boot images).
pxebridge_install() {
  local data=$WINEPREFIX/drive_c/ProgramData/pxebridge
  CLI="$WINEPREFIX/drive_c/Program Files/pxebridge/pxebridge.exe"
  root=$data/tftpboot
  mkdir -p "$data/logs"
  # The file does not exist yet, so tail polls it: every 0.2 s keeps the stamps close.
  tail -n +1 -s 0.2 -F "$data/logs/pxebridge.log" 2>/dev/null > >(stamp "$svc_log") &
  log_pid=$!
  say "  msiexec /i $(basename "$MSI") /qn $*"
  msiexec /i "$(winpath "$MSI")" /qn /l*v "$(winpath "$E2E_DIR/msiexec.log")" "$@" || {
    say "e2e: msiexec exited with $? (its log: $E2E_DIR/msiexec.log)"
    return 1
  }
  svc_wait "$SERVICE" RUNNING 60 && wait_for "$svc_log" 'serving .* on UDP port 69' 60
}

# Stores boot-plan and service settings with the installed `pxebridge config set`, as an
# admin would: plan_apply NAME=VALUE... The running service is told (PARAMCHANGE); returns 0
# once its log says it reloaded.
plan_apply() {
  local rc since
  since=$(now_stamp)
  w_said "$E2E_DIR/config-set.out" "$E2E_DIR/config-set.err" "$CLI" config set "$@"
  tr -d '\r' <"$E2E_DIR/config-set.out"
  tr -d '\r' <"$E2E_DIR/config-set.err"
  [ "$rc" -eq 0 ] || { say "e2e: pxebridge config set exited with $rc"; return "$rc"; }
  wait_for "$svc_log" 'configuration reloaded' 30 "$since"
}

# Writes FILE: the dnsmasq configuration `pxebridge dhcp export` makes of the stored plan,
# then what this test network needs (the bridge, a dynamic range, no DNS), and with "tftp"
# as second argument dnsmasq's own TFTP server on DIR (third argument).
dhcp_config() {
  local file=$1
  w "$CLI" dhcp export --format dnsmasq --output "$(winpath "$file")" || return 1
  cat >>"$file" <<EOF

# added by the end-to-end test: the test network
interface=$BRIDGE
bind-interfaces
port=0
dhcp-leasefile=$E2E_DIR/dnsmasq.leases
log-dhcp
EOF
  dnsmasq_range "$file" "$DHCP_RANGE"
  if [ "${2:-}" = tftp ]; then
    printf 'enable-tftp\ntftp-root=%s\n' "$3" >>"$file"
  fi
}

# Appends to the dnsmasq configuration CONF (an export) the dynamic range FIRST,LAST of a /24
# (NETMASK), setting the tag the export's static range of that subnet sets, if it sets one:
# dnsmasq tags a client with the tag of the one range its address comes from only, and a
# site's tag (pxb-site-N, ScopeBootServers) is what gives its clients their boot server.
dnsmasq_range() {
  local net=${2%%,*} tag
  tag=$(sed -n "s/^dhcp-range=set:\([^,]*\),${net%.*}[.]0,static,.*/\1/p" "$1")
  printf 'dhcp-range=%s%s,%s,10m\n' "${tag:+set:$tag,}" "$2" "$NETMASK" >>"$1"
}

# Starts dnsmasq on CONF, logging to FILE; sets dhcp_pid. With NS (third argument): in that
# namespace, another machine's (machine_up).
dhcp_start() {
  local in=()
  [ -z "${3:-}" ] || in=(ip netns exec "$3")
  : >"$E2E_DIR/dnsmasq.leases"
  "${in[@]}" dnsmasq --keep-in-foreground --conf-file="$1" --log-facility=- --user=root \
    --pid-file="$E2E_DIR/dnsmasq.pid" </dev/null 2> >(stamp "$2") &
  dhcp_pid=$!
  wait_for "$2" 'started, version' 10
}

# (Re)starts dnsmasq on the export of the stored plan: NAME.conf, its log NAME-dhcp.log.
dhcp_restart() {
  stop_job dhcp_pid
  dhcp_config "$E2E_DIR/$1.conf" && dhcp_start "$E2E_DIR/$1.conf" "$E2E_DIR/$1-dhcp.log"
}

# Writes FILE: the ISC dhcpd configuration `pxebridge dhcp export --format isc` makes of the
# stored plan, then this test network's subnet with a dynamic range.
isc_config() {
  local file=$1
  w "$CLI" dhcp export --format isc --output "$(winpath "$file")" || return 1
  cat >>"$file" <<EOF

# added by the end-to-end test: the test network
authoritative;
default-lease-time 600;
subnet ${SERVER%.*}.0 netmask $NETMASK {
  range ${DHCP_RANGE/,/ };
}
EOF
}

# Starts ISC dhcpd on CONF in the foreground on the bridge, logging to FILE; sets dhcp_pid.
isc_start() {
  : >"$E2E_DIR/dhcpd.leases"
  dhcpd -f -d -4 -cf "$1" -lf "$E2E_DIR/dhcpd.leases" -pf "$E2E_DIR/dhcpd.pid" "$BRIDGE" \
    </dev/null > >(stamp "$2") 2>&1 &
  dhcp_pid=$!
  wait_for "$2" 'Sending on +LPF/'"$BRIDGE" 10
}

# Writes FILE: the Kea configuration `pxebridge dhcp export --format kea` makes of the stored
# plan, with this test network filled in (the bridge, a subnet with a pool, leases in memory).
kea_config() {
  local file=$1
  w "$CLI" dhcp export --format kea --output "$(winpath "$file.export")" || return 1
  python3 - "$file.export" "$file" "$BRIDGE" "${SERVER%.*}.0/24" "${DHCP_RANGE/,/ - }" <<'EOF'
import json, sys
source, target, bridge, subnet, pool = sys.argv[1:]
lines = [l for l in open(source) if not l.lstrip().startswith("//")]
config = json.loads("".join(lines))
dhcp4 = config["Dhcp4"]
dhcp4["interfaces-config"]["interfaces"] = [bridge]
# The bridge has no carrier until the VM's tap comes up: Kea retries its socket until then.
dhcp4["interfaces-config"]["service-sockets-max-retries"] = 600
dhcp4["interfaces-config"]["service-sockets-retry-wait-time"] = 500
dhcp4["lease-database"]["persist"] = False
dhcp4["subnet4"] = [{"id": 1, "subnet": subnet, "pools": [{"pool": pool}]}]
json.dump(config, open(target, "w"), indent=2)
EOF
}

# Starts kea-dhcp4 on CONF in the foreground, logging to FILE; sets dhcp_pid. Its pid and lock
# files go to E2E_DIR.
kea_start() {
  KEA_PIDFILE_DIR=$E2E_DIR KEA_LOCKFILE_DIR=$E2E_DIR kea-dhcp4 -c "$1" \
    </dev/null > >(stamp "$2") 2>&1 &
  dhcp_pid=$!
  wait_for "$2" 'DHCP4_STARTED' 10
}

# --- the VM ------------------------------------------------------------------------------

# Starts QEMU under TCG: vm_start uefi|uefi-http|uefi-sb|arm64-sb|bios SERIAL_LOG; sets vm_pid
# and vm_t0 (the stamp of its start). UEFI: OVMF with EDK2's own PXE client (virtio-net, no
# option ROM); uefi-http: the same without its PXE boot options (fw_cfg), so it boots by
# UEFI HTTP Boot; uefi-sb: the same with Secure Boot on and Microsoft's keys (a fresh copy of
# OVMF's Microsoft variables each boot, q35 with SMM, the flash's secure mode); arm64-sb:
# qemu-system-aarch64's virt machine (cortex-a57) with AAVMF, Secure Boot on and
# Microsoft's keys (a fresh copy of its variables each boot), the same NIC. VM_MEMORY: its
# MiB (default 256). BIOS:
# SeaBIOS with the e1000's iPXE option ROM (ipxe-qemu). QEMU's own messages go to the log
# too.
vm_start() {
  local machine nic qemu=qemu-system-x86_64
  case $1 in
    uefi | uefi-http)
      cp "$OVMF_VARS" "$E2E_DIR/ovmf-vars.fd"
      machine="-machine q35 -drive if=pflash,format=raw,readonly=on,file=$OVMF_CODE"
      machine="$machine -drive if=pflash,format=raw,file=$E2E_DIR/ovmf-vars.fd"
      if [ "$1" = uefi-http ]; then
        # No PXE boot options: the first is then OVMF's UEFI HTTPv4 boot.
        machine="$machine -fw_cfg name=opt/org.tianocore/IPv4PXESupport,string=n"
        machine="$machine -fw_cfg name=opt/org.tianocore/IPv6PXESupport,string=n"
      fi
      nic="virtio-net-pci,romfile="
      ;;
    uefi-sb)
      cp "$OVMF_SB_VARS" "$E2E_DIR/ovmf-sb-vars.fd"
      machine="-machine q35,smm=on -global driver=cfi.pflash01,property=secure,value=on"
      machine="$machine -drive if=pflash,format=raw,readonly=on,file=$OVMF_SB_CODE"
      machine="$machine -drive if=pflash,format=raw,file=$E2E_DIR/ovmf-sb-vars.fd"
      nic="virtio-net-pci,romfile="
      ;;
    arm64-sb)
      cp "$AAVMF_SB_VARS" "$E2E_DIR/aavmf-sb-vars.fd"
      qemu=qemu-system-aarch64
      machine="-machine virt -cpu cortex-a57"
      machine="$machine -drive if=pflash,format=raw,readonly=on,file=$AAVMF_CODE"
      machine="$machine -drive if=pflash,format=raw,file=$E2E_DIR/aavmf-sb-vars.fd"
      nic="virtio-net-pci,romfile="
      ;;
    bios)
      # No VGA, and SeaBIOS's serial console: what the BIOS and the iPXE ROM print goes
      # to the serial port (SeaBIOS reads the port as a little-endian number).
      printf '\370\003' >"$E2E_DIR/sercon-port"
      machine="-machine pc -boot order=n -vga none"
      machine="$machine -fw_cfg name=etc/sercon-port,file=$E2E_DIR/sercon-port"
      nic="e1000"
      ;;
  esac
  vm_t0=$(($(now_ms) - E2E_T0))
  # shellcheck disable=SC2086 # machine is a list of arguments
  $qemu -accel tcg -m "${VM_MEMORY:-256}" $machine -display none -monitor none \
    -serial stdio -netdev "tap,id=n0,ifname=$TAP,script=no,downscript=no" \
    -device "$nic,netdev=n0,mac=$VM_MAC,bootindex=1" </dev/null > >(stamp "$2") 2>&1 &
  vm_pid=$!
}

# --- what happened -----------------------------------------------------------------------

# The stages of each boot as the VM's serial console shows them: pairs of a label and the
# extended regex of the line that ends the stage.
UEFI_STAGES=(
  "power-on to the PXE client (OVMF)" ">>Start PXE over IPv4"
  "DHCP by EDK2's PXE client" "Station IP address is"
  "first stage: snponly.efi over TFTP (size, then file)" "NBP file downloaded successfully"
  "snponly.efi starts iPXE" "Configuring [(]net0"
  "iPXE sets up the network (DHCP with user class iPXE)" " net0: [0-9.]+/"
  "boot.ipxe over TFTP" "boot[.]ipxe : [0-9]+ bytes"
  "the script runs: the marker" "$MARKER"
)
# SeaBIOS's serial console passes the early screen output on in bursts: the BIOS boot
# begins with one stage up to iPXE's network setup.
BIOS_STAGES=(
  "power-on to iPXE's network setup (SeaBIOS, iPXE ROM)" "Configuring [(]net0"
  "iPXE sets up the network (DHCP with user class iPXE)" " net0: [0-9.]+/"
  "boot.ipxe over TFTP" "boot[.]ipxe : [0-9]+ bytes"
  "the script runs: the marker" "$MARKER"
)

# Prints how long each stage of the last boot took: stages SERIAL LABEL REGEX [LABEL
# REGEX...]. A stage ends at the first line after the previous stage's end that matches its
# regex; the first starts at vm_t0. Leaves each stage's milliseconds in stage_ms (empty
# where a line is missing) and the total in total_ms.
stages() {
  local serial=$1 prev=$vm_t0 at
  shift
  stage_ms=()
  total_ms=
  while [ $# -ge 2 ]; do
    at=
    [ -n "$prev" ] && at=$(stamp_of "$serial" "$prev" "$2")
    stage_ms+=("${at:+$((at - prev))}")
    printf '  %-56s %s\n' "$1" "$(span "$prev" "$at")"
    prev=$at
    shift 2
  done
  [ -n "$prev" ] && total_ms=$((prev - vm_t0))
  printf '  %-56s %s\n' "total" "$(span "$vm_t0" "$prev")"
}

# What the DHCP server gave the VM, one line per DHCPACK: DHCPLOG (dnsmasq's, log-dhcp; the
# boot file as option 67 or, with dhcp-no-override, in the BOOTP file field).
dhcp_given() {
  awk '
    function flush() {
      if (acked)
        printf "  %s: vendor class %s, user class %s -> tags %s -> filename %s, next server %s\n",
          addr, vendor, user == "" ? "(none)" : user, tags, file, next_server
      acked = 0; vendor = user = tags = file = next_server = ""
    }
    / available DHCP range: / { flush() }
    / vendor class: / { sub(/.* vendor class: /, ""); vendor = $0 }
    / user class: / { sub(/.* user class: /, ""); user = $0 }
    / tags: / { sub(/.* tags: /, ""); tags = $0 }
    / bootfile-name / { sub(/.* bootfile-name +/, ""); file = $0 }
    / bootfile name: / { sub(/.* bootfile name: /, ""); file = $0 }
    / next server: / { sub(/.* next server: /, ""); next_server = $0 }
    / DHCPACK[(]/ { acked = 1; addr = $5 }
    END { flush() }' "$1"
}
