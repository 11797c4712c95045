#!/usr/bin/env bash
# dhcp_service.sh: the wine test of the service's periodic DHCP check (make wine; needs OUT,
# with $OUT/bin/pxebridge-service.exe, $OUT/win/tests/svcctl.exe and the dhcpsapi test
# double $OUT/win/tests/dhcpsapi.dll + dhcpdouble.exe built). In a fresh wine prefix it puts
# the double's DLL in the prefix's System32 (where the service loads it from), points the double at a state file
# (PXB_DHCP_DOUBLE_STATE: exported for dhcpdouble.exe, and stored in the system environment
# in the registry for the service: wine's Service Control Manager gives services the
# environment it built from there when it started, not its own, so it is restarted after),
# configures
# DhcpServers=localhost with a
# 10 s DhcpCheckSeconds and a boot plan, and checks: the first check repairs an empty server
# (DhcpReconcile=1); a manual change on the server is repaired within one interval; after
# PARAMCHANGE to DhcpReconcile=0 a change is logged as drift and left alone; a server back in
# line is logged once; option 060 PXEClient on the server while ProxyDhcp is off is warned of
# once, the policies in line; a failover partner of the server is checked and repaired with it;
# stop ends the worker. Loopback only; every wait is bounded.
# Last line: "dhcp-service: N passed, M failed"; exit status non-zero on any failure.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

EXE=$OUT/bin/pxebridge-service.exe
INTERVAL=10
suite_start dhcp-service "$EXE" "$SVCCTL" "$DOUBLE_DLL" "$DOUBLE_EXE"
bin=$files/bin
root=$files/root
state=$files/double-state.txt
mkdir -p "$bin" "$root"
cp "$EXE" "$DOUBLE_EXE" "$bin/"
head -c 1000 /dev/urandom >"$root/undionly.kpxe"

check "the dhcpsapi.dll test double goes into the prefix's System32" double_install "$DOUBLE_DLL"
log_file=$WINEPREFIX/drive_c/pxb-dhcp-logs/pxebridge.log
check "services see the double's state file in their environment" \
  double_state_everywhere "$state"
check "the double starts with an empty server" w "$bin/dhcpdouble.exe" init

# A change by hand on the server: the x64 UEFI policy hands out another file.
change_by_hand() { sed -i 's/snponly\.efi/changed-by-hand.efi/g' "$state"; }
changed_by_hand() { grep -qF changed-by-hand.efi "$state"; }
undo_by_hand() { sed -i 's/changed-by-hand\.efi/snponly.efi/g' "$state"; }
plan_set() { reg_done 'completed successfully' add "$PLAN_KEY" /v "$1" /t REG_SZ /d "$2" /f; }

step "configure and start"
reg_set TftpRoot REG_SZ "$(winpath "$root")"
reg_set ListenAddresses REG_SZ 127.0.0.1
reg_set Port REG_DWORD "$(free_port)"
reg_set LogDirectory REG_EXPAND_SZ '%SystemDrive%\pxb-dhcp-logs'
reg_set DhcpServers REG_SZ localhost
reg_set DhcpCheckSeconds REG_DWORD "$INTERVAL"
reg_set DhcpReconcile REG_DWORD 1
plan_set BootServer 192.0.2.10
w sc create "$SERVICE" binpath= "\"$(winpath "$bin/pxebridge-service.exe")\"" start= demand >/dev/null
w sc start "$SERVICE" >/dev/null 2>&1
check "the service reaches RUNNING" svc_wait "$SERVICE" RUNNING 30

step "reconcile"
check "the first check finds the empty server drifted (event 1010)" \
  wait_log_has "[1010] DHCP server localhost: the boot policies differ from the boot plan" 1 60
check "... and repairs it (event 1011)" \
  wait_log_has "[1011] DHCP server localhost: brought the boot policies in line" 1 60
check "the double now holds the plan's x64 UEFI file" grep -qF snponly.efi "$state"
change_by_hand
check "a change by hand is repaired within one interval ($INTERVAL s)" \
  wait_log_has "[1011] DHCP server localhost" 2 $((INTERVAL + 20))
check "... and is gone from the server" sh -c '! grep -qF changed-by-hand.efi "$1"' _ "$state"

step "verify only"
reg_set DhcpReconcile REG_DWORD 0
repaired=$(log_count "[1011]")
drifted=$(log_count "[1010]")
check "PARAMCHANGE is accepted" svc_control "$SERVICE" paramchange
check "the reload is logged" wait_log_has "[1004] configuration reloaded" 1 30
# The change of DhcpReconcile makes a check at once (in line after the repair: nothing is
# logged); let it pass before changing the server.
sleep 3
change_by_hand
check "with DhcpReconcile=0 the change is logged as drift within one interval" \
  wait_log_has "[1010] DHCP server localhost" $((drifted + 1)) $((INTERVAL + 20))
check "... naming what to do" \
  grep -qF "run 'pxebridge dhcp apply' or set DhcpReconcile=1 to repair them" "$log_file"
sleep "$INTERVAL"
check "... and the server is left as it was" changed_by_hand
check "... and nothing was repaired" test "$(log_count "[1011]")" -eq "$repaired"

step "in line once"
undo_by_hand
in_line=$(log_count "[1013]")
check "back in line is logged (event 1013)" \
  wait_log_has "[1013] DHCP server localhost" $((in_line + 1)) $((INTERVAL + 20))
sleep $((2 * INTERVAL + 2))
check "... once, not at every check" test "$(log_count "[1013]")" -eq $((in_line + 1))
check "no check failed" test "$(log_count "[1012]")" -eq 0

step "a server setup that needs a look, while in line"
# Option 060 PXEClient on the server while the plan's ProxyDhcp is off: nothing of pxebridge
# answers on port 4011 there. The policies are in line; the check warns once.
add_pxe_client() {
  printf '%s\n' 'optdef id=60 vendor="" array=0 name="PXEClient" comment="PXE support"' \
    '  element type=string value=""' \
    'value option=60 subnet=0.0.0.0 policy="" class="" vendor=""' \
    '  element type=string value="PXEClient"' >>"$state"
}
warned=$(log_count "[1010]")
check "option 060 PXEClient put on the server by hand" add_pxe_client
check "the next check warns (event 1010), the policies in line" \
  wait_log_has "[1010] DHCP server localhost: the boot policies match the boot plan, but the server's setup needs a look" 1 $((INTERVAL + 20))
check "... naming 060 PXEClient, what it does and the fix" \
  grep -qF "option 060 = 'PXEClient' for every client: PXE clients that get it ask port 4011" "$log_file"
check "... with the ProxyDhcp fix" grep -qF "pxebridge config set ProxyDhcp=4011" "$log_file"
sleep $((INTERVAL + 2))
check "... once, not at every check" test "$(log_count "[1010]")" -eq $((warned + 1))
python3 - "$state" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
text = re.sub(r'optdef id=60 [^\n]*\n  element [^\n]*\n', '', text)
text = re.sub(r'value option=60 subnet=0\.0\.0\.0 [^\n]*\n  element [^\n]*\n', '', text)
open(sys.argv[1], 'w').write(text)
PY
check "... and gone from the server again" sh -c '! grep -q "^value option=60" "$1"' _ "$state"

step "a failover partner"
# The local server (10.0.0.1) and a partner (10.0.0.2) in a load-balance relationship for
# scope 10.0.0.0, each with its own record; the partner holds nothing of pxebridge's yet.
dbl() { w "$bin/dhcpdouble.exe" "$@" >/dev/null; }
add_partner() {
  dbl set-addr local 10.0.0.1 && dbl add-subnet 10.0.0.0 255.255.255.0 &&
    dbl add-server dhcp2 --addr 10.0.0.2 && dbl add-subnet 10.0.0.0 255.255.255.0 --server dhcp2 &&
    dbl add-failover local lb --partner 10.0.0.2 --partner-name dhcp2 --mode load-balance \
      --role primary --scopes 10.0.0.0 --percentage 50 &&
    dbl add-failover dhcp2 lb --partner 10.0.0.1 --partner-name dhcp1 --mode load-balance \
      --role secondary --scopes 10.0.0.0 --percentage 50
}
partner_gets_plan() {
  w "$bin/dhcpdouble.exe" evaluate --server dhcp2 --subnet 10.0.0.0 --arch 7 \
    --vendor PXEClient:Arch:00007:UNDI:003016 | tr -d '\r' | grep -qF boot-file=snponly.efi
}
check "a partner (10.0.0.2) in a load-balance relationship with this server (10.0.0.1)" \
  add_partner
check "the next check reports the partner's drift (DhcpFailover=1 by default)" \
  wait_log_matches "\[1010\] DHCP server localhost: .*pxebridge dhcp verify on dhcp2 (10.0.0.2)" 1 $((INTERVAL + 20))
reg_set DhcpReconcile REG_DWORD 1
check "PARAMCHANGE to DhcpReconcile=1 is accepted" svc_control "$SERVICE" paramchange
check "the repair covers the partner (event 1011)" \
  wait_log_matches "\[1011\] DHCP server localhost: .*dhcp2 (10.0.0.2)" 1 $((INTERVAL + 30))
check "the partner now hands UEFI clients the plan's file" partner_gets_plan

step "stop"
w sc stop "$SERVICE" >/dev/null 2>&1
check "the service stops" svc_wait "$SERVICE" STOPPED 30
check "the stop is logged" wait_log_has "[1002] PxeBridge stopped" 1 10

step "done"
finish
