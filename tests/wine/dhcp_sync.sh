#!/usr/bin/env bash
# dhcp_sync.sh: the wine test of pxebridge's Microsoft DHCP sync (pxb_dhcp_run) against the
# dhcpsapi.dll test double (make wine; needs OUT with $OUT/win/tests/{dhcpsapi.dll,
# dhcpdouble.exe,dhcp_sync_driver.exe,svcctl.exe}). In a fresh wine prefix, with the double's
# DLL in System32 (a DLL beside the program is checked never to load) and boot plans written
# here: apply to an empty server and to
# one with an admin's earlier manual iPXE setup (their class reused, their objects kept,
# leftover scope options reported); what BIOS, UEFI x64, iPXE-on-BIOS, iPXE-on-UEFI and
# UEFI HTTP boot clients receive (066 / 067 / 060); apply twice (nothing the second time);
# verify after changes by hand (drift named, exit 1) and apply repairing them; remove
# (back to the state before); a second server handled on its own; every fault (access
# denied, unreachable, stopped, a pre-2012 server, the k-th write failing for every k) with
# the state unchanged; an unset value answering 2 instead of 20010; --json output.
# Last line: "dhcp-sync: N passed, M failed"; exit status non-zero on any failure.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
. "$here/double_lib.sh"

suite_start dhcp-sync "$DOUBLE_DLL" "$DOUBLE_EXE" "$TESTS/dhcp_sync_driver.exe" "$SVCCTL"

# pxebridge loads dhcpsapi.dll from System32 only: the double goes there, and a DLL beside
# the program is never loaded (checked below).
double_setup "$TESTS/dhcp_sync_driver.exe"

SYNC_FAILED_RC=2 # the driver's exit status for a failed run
# sync ACTION PLAN [SERVER] [--json]: runs the driver on a plan written by plan_file; its
# stdout in $files/out (CRs dropped), its progress in $files/err, its exit status in $rc.
sync() {
  local action=$1 plan=$2
  shift 2
  w "$bin/dhcp_sync_driver.exe" "$action" "$(winpath "$files/$plan.plan")" "$@" \
    >"$files/out.raw" 2>"$files/err"
  rc=$?
  tr -d '\r' <"$files/out.raw" >"$files/out"
}

# json_has DESC PYTHON-EXPR: the last report parses as JSON (python3 -m json.tool) and the
# expression over it (d) is true.
json_has() {
  if python3 -m json.tool "$files/out" >/dev/null 2>&1 &&
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if eval(sys.argv[2]) else 1)' \
      "$files/out" "$2"; then
    pass "$1"
  else
    fail "$1"
    sed 's/^/    /' "$files/out"
  fi
}

# fault_leaves_state DESC SERVER KIND CAUSE...: with fault KIND set on SERVER, apply fails
# (exit 2) naming every CAUSE, and the state is what it was.
fault_leaves_state() {
  local desc=$1 server=$2 kind=$3 plan=$4 target=$5 before
  shift 5
  before=$(dump)
  tool set-fault "$server" $kind >/dev/null || { fail "$desc: set-fault $kind"; return; }
  sync apply "$plan" $target
  tool set-fault "$server" none >/dev/null
  expect_report "$desc: apply fails, naming the cause" 2 "$@"
  same "$desc: the state is as before" "$before"
}

plan_file server BootServer=10.0.0.5 BiosFile=undionly.kpxe UefiX64File=snponly.efi \
  HttpBootX64Url=http://10.0.0.5/ipxe.efi ExcludeMacs=52:54:00:00:00:99
plan_file scope BootServer=10.0.0.5 UefiX64File=ipxe.efi Scopes=10.0.0.0/24 \
  ScriptUrl=http://10.0.0.5/boot.ipxe
plan_file embedded BootServer=10.0.0.5 BiosFile=undionly-embedded.kpxe EmbeddedScript=yes
SCRIPT=tftp://10.0.0.5/boot.ipxe
HTTP_URL=http://10.0.0.5/ipxe.efi

# --- where dhcpsapi.dll comes from ------------------------------------------------------------
step "dhcpsapi.dll from System32 only"
plan_file bios BootServer=10.0.0.5 BiosFile=undionly.kpxe
cp "$DOUBLE_DLL" "$bin/"
check "init" tool init
sync plan bios
expect_report "with the double beside the program only, it is not loaded" 2 "dhcpsapi.dll could not be loaded"
rm -f "$bin/dhcpsapi.dll"
check "the double goes into the prefix's System32" double_install "$DOUBLE_DLL"
sync plan bios
expect_report "from System32 it is loaded" 1 "change(s) to make"

# --- an empty server ------------------------------------------------------------------------
step "an empty server (one scope), server-level plan with UEFI HTTP boot"
check "init" tool init
check "add a scope" tool add-subnet 10.0.0.0 255.255.255.0
empty=$(dump)
sync plan server
expect_report "plan on an empty server: exit 1, changes listed" 1 \
  "+ option definition 060" "+ class 'pxebridge class iPXE'" "+ policy 'pxebridge iPXE' (order 1)"
planned=$(changes)
sync plan server --json
json_has "plan --json parses and lists the same changes" \
  "d['action'] == 'plan' and d['status'] == 'changes' and len(d['changes']) == $planned"
same "plan changed nothing" "$empty"
sync apply server
expect_report "apply: exit 0" 0 "applied $planned change(s)"
applied=$(dump)
check "the state has pxebridge's iPXE policy first" \
  grep -q '^policy name="pxebridge iPXE" subnet=0.0.0.0 order=1 ' <<<"$applied"
check "and option 060 defined, marked as pxebridge's" \
  grep -q '^optdef id=60 vendor="" .*comment="\[pxebridge\]' <<<"$applied"
client_gets "BIOS" 10.0.0.0 local "066=10.0.0.5 067=undionly.kpxe 060=" "${BIOS[@]}"
client_gets "UEFI x64" 10.0.0.0 local "066=10.0.0.5 067=snponly.efi 060=" "${UEFI[@]}"
client_gets "iPXE on BIOS" 10.0.0.0 local "066=10.0.0.5 067=$SCRIPT 060=" "${IPXE_BIOS[@]}"
client_gets "iPXE on UEFI" 10.0.0.0 local "066=10.0.0.5 067=$SCRIPT 060=" "${IPXE_UEFI[@]}"
client_gets "UEFI HTTP boot" 10.0.0.0 local "066= 067=$HTTP_URL 060=HTTPClient" "${HTTP[@]}"
client_gets "an excluded MAC" 10.0.0.0 local "066= 067= 060=" --arch 0 \
  --vendor PXEClient:Arch:00000:UNDI:002001 --mac 52:54:00:00:00:99
sync apply server
expect_report "apply again: exit 0, nothing to do" 0 "no changes: the server is in line"
same "the second apply changed nothing" "$applied"
sync apply server --json
json_has "apply --json with nothing to do parses: ok, no changes" \
  "d['status'] == 'ok' and d['changes'] == [] and d['error'] is None"
sync verify server
expect_report "verify right after apply: exit 0" 0 "no changes: the server is in line"

step "drift"
plan_file other BootServer=10.0.0.5 BiosFile=undionly.kpxe UefiX64File=ipxe.efi \
  HttpBootX64Url=http://10.0.0.5/ipxe.efi ExcludeMacs=52:54:00:00:00:99
sync apply other
expect_report "a change through the API (DhcpV4SetOptionValue / SetPolicy): exit 0" 0
sync verify server
expect_report "verify finds it: exit 1, naming the policy and value" 1 "drift:" \
  "pxebridge x64 UEFI" "snponly.efi"
sync apply server
expect_report "apply repairs it" 0 "applied"
same "the state is as the first apply left it" "$applied"
sed -i '/^policy name="pxebridge x86 BIOS"/s/ enabled=1 / enabled=0 /' "$state"
sync verify server
expect_report "a policy disabled by hand: verify exit 1, naming it" 1 "drift:" "pxebridge x86 BIOS"
sync verify server --json
json_has "verify --json parses and lists the drift" \
  "d['status'] == 'changes' and any('pxebridge x86 BIOS' in c['text'] for c in d['changes'])"
sync apply server
expect_report "apply enables it again" 0 "applied"
same "the state is repaired" "$applied"

step "faults on the applied server"
# A server in line needs no write: the other plan needs some.
fault_leaves_state "deny-writes" local deny-writes other "" \
  "on this machine failed with 5 (ERROR_ACCESS_DENIED)" "DHCP Administrators"
fault_leaves_state "stopped" local stopped server "" "failed with 1753 (EPT_S_NOT_REGISTERED)" \
  "Start-Service DHCPServer"

step "remove"
sync remove server
expect_report "remove: exit 0" 0 "removed:" "- option definition 060"
same "remove leaves the server as it was before apply" "$empty"
sync remove server
expect_report "remove again: nothing to remove" 0 "nothing to remove"

step "every failing write, empty server"
every_write_fails "empty server" server local
sync remove server
same "(nothing was left behind)" "$empty"

# --- an admin's earlier manual iPXE setup -------------------------------------------------
step "an admin's manual iPXE setup, scope-level plan"
check "seed-manual-ipxe" tool seed-manual-ipxe
seeded=$(dump)
sync plan scope
expect_report "plan: exit 1, reusing the admin's class, warning about the leftover options" 1 \
  "reusing the user class 'iPXE clients'" "option 066 = '10.0.0.1'" "option 067 = 'undionly.kpxe'"
out_lacks "+ class 'pxebridge class iPXE'" && pass "no second iPXE class is planned" ||
  fail "no second iPXE class is planned"
sync apply scope --json
json_has "apply --json parses and has the changes" \
  "d['status'] == 'ok' and d['done'] == len(d['changes']) > 0 and d['findings']"
applied=$(dump)
check "the admin's class is still there" \
  grep -q '^class name="iPXE clients" kind=user builtin=0 ' <<<"$applied"
check "and their policy, moved behind pxebridge's" \
  grep -q '^policy name="PXE-iPXE" subnet=10.0.0.0 order=[2-9] enabled=1 description="added by hand"' \
  <<<"$applied"
check "pxebridge's iPXE policy is first in the scope" \
  grep -q '^policy name="pxebridge iPXE" subnet=10.0.0.0 order=1 ' <<<"$applied"
client_gets "BIOS in the scope" 10.0.0.0 local "066=10.0.0.5 067=undionly.kpxe 060=" "${BIOS[@]}"
client_gets "UEFI x64 in the scope" 10.0.0.0 local "066=10.0.0.5 067=ipxe.efi 060=" "${UEFI[@]}"
client_gets "iPXE on BIOS in the scope" 10.0.0.0 local \
  "066=10.0.0.5 067=http://10.0.0.5/boot.ipxe 060=" "${IPXE_BIOS[@]}"
client_gets "iPXE on UEFI in the scope" 10.0.0.0 local \
  "066=10.0.0.5 067=http://10.0.0.5/boot.ipxe 060=" "${IPXE_UEFI[@]}"
client_gets "HTTP boot (not in this plan): the leftover scope options" 10.0.0.0 local \
  "066=10.0.0.1 067=undionly.kpxe 060=" "${HTTP[@]}"
sync apply scope
expect_report "apply again: nothing to do" 0 "no changes"
same "the second apply changed nothing" "$applied"
sync remove scope
expect_report "remove: exit 0" 0 "removed:"
same_ranked "remove: the admin's objects survive, the state is the seeded one (orders as ranks)" "$seeded"
every_write_fails "manual setup" scope local

# --- several servers ------------------------------------------------------------------------
step "a second server (failover partner dhcp2)"
check "add-server dhcp2" tool add-server dhcp2
check "a scope on dhcp2" tool add-subnet 10.0.0.0 255.255.255.0 --server dhcp2
two=$(dump)
sync apply server dhcp2
expect_report "apply on dhcp2: exit 0, naming it" 0 "on dhcp2" "applied"
client_gets "BIOS on dhcp2" 10.0.0.0 dhcp2 "066=10.0.0.5 067=undionly.kpxe 060=" "${BIOS[@]}"
client_gets "BIOS on the local server: still the admin's setup" 10.0.0.0 local \
  "066=10.0.0.1 067=undionly.kpxe 060=" "${BIOS[@]}"
sync verify scope
expect_report "the local server was not touched: verify there still sees the plan missing" 1 "drift:"
on_two=$(dump)
fault_leaves_state "unreachable" dhcp2 unreachable server dhcp2 \
  "on dhcp2 failed with 1722 (RPC_S_SERVER_UNAVAILABLE)" "not reachable"
sync apply scope
expect_report "with dhcp2 unreachable the local server still applies" 0 "applied"
sync remove scope
expect_report "and removes" 0 "removed:"
sync remove server dhcp2
expect_report "remove on dhcp2" 0 "removed:"
same_ranked "both servers are as before (orders as ranks)" "$two"

# --- a pre-2012 server --------------------------------------------------------------------
step "a pre-2012 server (6.1): the user-class fallback"
check "set-version dhcp2 6.1" tool set-version dhcp2 6.1
old=$(dump)
sync apply server dhcp2
expect_report "apply: exit 0, the fallback explained, UEFI named as not served" 0 \
  "no policies: user-class fallback" "BIOS and iPXE only" "not served on this server" \
  "x64 UEFI (snponly.efi)" "Windows Server 2012 or later"
client_gets "BIOS on 6.1" 10.0.0.0 dhcp2 "066=10.0.0.5 067=undionly.kpxe 060=" "${BIOS[@]}"
client_gets "iPXE on BIOS on 6.1: the user-class value" 10.0.0.0 dhcp2 \
  "066=10.0.0.5 067=$SCRIPT 060=" "${IPXE_BIOS[@]}"
client_gets "iPXE on UEFI on 6.1" 10.0.0.0 dhcp2 "066=10.0.0.5 067=$SCRIPT 060=" "${IPXE_UEFI[@]}"
client_gets "UEFI on 6.1 gets the BIOS image (the limit the report explains)" 10.0.0.0 dhcp2 \
  "066=10.0.0.5 067=undionly.kpxe 060=" "${UEFI[@]}"
fallback=$(dump)
sync apply server dhcp2
expect_report "apply again on 6.1: nothing to do" 0 "no changes"
same "the second apply changed nothing" "$fallback"
sync remove server dhcp2
expect_report "remove on 6.1" 0 "removed:"
same "remove on 6.1: the state is as before" "$old"
every_write_fails "pre-2012 server" server dhcp2 dhcp2

# --- an unset value answering 2 -------------------------------------------------------------
step "a server answering 2 (ERROR_FILE_NOT_FOUND) for unset option values"
check "init" tool init
check "add a scope" tool add-subnet 10.0.0.0 255.255.255.0
check "set-fault local absent-code 2" tool set-fault local absent-code 2
check "the fault line shows it" grep -q '^fault .* absent-code=2 ' <<<"$(dump --faults)"
check "seed-manual-ipxe" tool seed-manual-ipxe
check "a second scope, without leftovers" tool add-subnet 10.0.1.0 255.255.255.0
seeded=$(dump)
sync plan embedded
expect_report "plan reads the server: exit 1, the leftovers named with their commands" 1 \
  "change(s) to make" "netsh dhcp server scope 10.0.0.0 delete optionvalue 67"
sync apply embedded
expect_report "apply: exit 0" 0 "applied"
sync verify embedded
expect_report "verify: in line" 0 "no changes"
client_gets "BIOS with the embedded-script image" 10.0.1.0 local \
  "066=10.0.0.5 067=undionly-embedded.kpxe 060=" "${BIOS[@]}"
client_gets "iPXE with the embedded script: no iPXE rule, no boot file" 10.0.1.0 local \
  "066= 067= 060=" "${IPXE_BIOS[@]}"
client_gets "BIOS in the scope with leftovers: the scope's 067 beats a server policy" \
  10.0.0.0 local "066=10.0.0.1 067=undionly.kpxe 060=" "${BIOS[@]}"
sync remove embedded
expect_report "remove: exit 0" 0 "removed:"
same "remove: the seeded state again" "$seeded"

finish
