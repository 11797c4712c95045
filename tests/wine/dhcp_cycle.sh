#!/usr/bin/env bash
# dhcp_cycle.sh: the whole Microsoft DHCP cycle through the admin command line, pxebridge.exe
# dhcp plan / apply / verify / apply / remove, against the dhcpsapi.dll test double (make wine;
# needs OUT with $OUT/bin/pxebridge.exe and $OUT/win/tests/{dhcpsapi.dll,dhcpdouble.exe,
# svcctl.exe}). In a fresh wine prefix, with the double in System32: plan lists changes, apply
# makes them, verify finds no drift, a second apply changes nothing, remove leaves nothing of
# pxebridge's and the admin's own objects as they were; at server level with ExcludeMacs, with
# boot files long enough that descriptions are cut to 255 characters, in two scopes, with the
# admin's own iPXE class and policy, with 150 foreign policies on the server (many enumeration
# batches), on a pre-2012 server; legacy classed option values, an option 060 that is no
# string and a policy only DhcpV4EnumPoliciesEx returns are reported; ProxyDhcp=4011 defines
# option 060 and sets 060 PXEClient on the server (verify, remove, an admin's definition kept);
# 060 PXEClient with nothing on 4011, a scope's 067 over the policies and ProxyDhcp=on beside
# pxebridge's policies are reported with their fixes (text and JSON); and every write of an
# apply failing in turn leaves the server as it was. Last line: "dhcp-cycle: N passed, M
# failed"; exit status non-zero on any failure.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
. "$here/double_lib.sh"

double_cli_suite dhcp-cycle

SYNC_FAILED_RC=1 # pxebridge.exe's exit status for a failed run
# sync ACTION PLAN [SERVER]: pxebridge.exe --plan-file PLAN dhcp ACTION [--server SERVER];
# its stdout in $files/out (CRs dropped), stderr in $files/err, exit status in $rc.
sync() {
  local target=()
  [ -z "${3:-}" ] || target=(--server "$3")
  px_plan "$2" dhcp "$1" "${target[@]}"
}
ours() { dump | grep -c '\[pxebridge\]'; }

# cycle DESC PLAN [SERVER]: from the current state, plan (exit 1), apply, verify in line,
# apply again changing nothing, remove: no pxebridge object left and the state as before
# (processing orders compared as ranks).
# Leaves the applied state in $applied and the removed one in place.
cycle() {
  local desc=$1 plan=$2 target=${3:-} before
  before=$(dump)
  sync plan "$plan" $target
  expect_report "$desc: plan lists changes (exit 1)" 1 "change(s) to make"
  same "$desc: plan changed nothing" "$before"
  sync apply "$plan" $target
  expect_report "$desc: apply (exit 0)" 0 "applied"
  applied=$(dump)
  sync verify "$plan" $target
  expect_report "$desc: verify after apply: in line (exit 0)" 0 "in line"
  sync apply "$plan" $target
  expect_report "$desc: apply again: nothing to do (exit 0)" 0 "no changes"
  same "$desc: the second apply changed nothing" "$applied"
  sync remove "$plan" $target
  expect_report "$desc: remove (exit 0)" 0 "removed:"
  check "$desc: nothing of pxebridge's is left" test "$(ours)" -eq 0
  # Orders as ranks: a server need not renumber the admin's policies when ours go (3.2.4.112).
  same_ranked "$desc: remove leaves the server as before, the admin's objects untouched" "$before"
}

# foreign_policies N: N policies of the admin's at server level, each "client id EQ
# client-K" in a valid tree, appended to the state file the way the double writes it.
foreign_policies() {
  local k
  for ((k = 1; k <= $1; k++)); do
    printf 'policy name="admin %03d" subnet=0.0.0.0 order=%d enabled=1 description="the admin'"'"'s" class=""\n' "$k" "$k"
    printf '  expr parent=0 op=and\n  expr parent=0 op=and\n'
    printf '  cond parent=1 type=option option=61 sub=0 op=eq vendor="" value="client-%03d"\n' "$k"
  done >>"$state"
}

plan_file full BootServer=10.0.0.5 BiosFile=undionly.kpxe UefiX64File=snponly.efi \
  HttpBootX64Url=http://10.0.0.5/ipxe.efi ExcludeMacs=52:54:00:00:00:98,52:54:00:00:00:99
plan_file scopes BootServer=10.0.0.5 UefiX64File=ipxe.efi Scopes=10.0.0.0/24,10.0.1.0/24 \
  ExcludeMacs=52:54:00:00:00:99 ScriptUrl=http://10.0.0.5/boot.ipxe
plan_file bios BootServer=10.0.0.5 BiosFile=undionly.kpxe UefiX64File=snponly.efi
LONG=$(printf 'a%.0s' {1..230})
plan_file long BootServer=10.0.0.5 BiosFile=undionly.kpxe "ScriptUrl=http://10.0.0.5/$LONG.ipxe" \
  "HttpBootX64Url=http://10.0.0.5/$LONG.efi"
SCRIPT=tftp://10.0.0.5/boot.ipxe
UEFI9=(--arch 9 --vendor PXEClient:Arch:00009:UNDI:003016 --mac 52:54:00:00:00:04)

step "server level, ExcludeMacs, HTTP boot"
check "init" tool init
check "a scope" tool add-subnet 10.0.0.0 255.255.255.0
check "a second scope" tool add-subnet 10.0.1.0 255.255.255.0
sync apply full
client_gets "BIOS" 10.0.0.0 local "066=10.0.0.5 067=undionly.kpxe 060=" "${BIOS[@]}"
client_gets "UEFI x64 (arch 7)" 10.0.0.0 local "066=10.0.0.5 067=snponly.efi 060=" "${UEFI[@]}"
client_gets "UEFI x64 (arch 9)" 10.0.0.0 local "066=10.0.0.5 067=snponly.efi 060=" "${UEFI9[@]}"
client_gets "iPXE on UEFI" 10.0.0.0 local "066=10.0.0.5 067=$SCRIPT 060=" "${IPXE_UEFI[@]}"
client_gets "UEFI HTTP boot" 10.0.0.0 local "066= 067=http://10.0.0.5/ipxe.efi 060=HTTPClient" "${HTTP[@]}"
client_gets "an excluded MAC" 10.0.0.0 local "066= 067= 060=" --arch 0 \
  --vendor PXEClient:Arch:00000:UNDI:002001 --mac 52:54:00:00:00:98
check "one policy per architecture: arch 7 and arch 9 apart" \
  grep -q '^policy name="pxebridge x64 UEFI (arch 9)" subnet=0.0.0.0 order=4 ' <<<"$(dump)"
sync remove full
cycle "server level" full

step "boot files so long the descriptions must be cut to 255 characters (2.2.1.2.110)"
cycle "long descriptions" long
sync apply long
check "every description pxebridge wrote has at most 255 characters" python3 -c '
import re, sys
d = [m.group(1) for m in re.finditer(r"description=\"(\[pxebridge\][^\"]*)\"", sys.stdin.read())]
sys.exit(0 if d and all(len(x) <= 255 for x in d) else 1)' <<<"$(dump)"
sync remove long

step "in two scopes"
cycle "two scopes" scopes
sync apply scopes
client_gets "UEFI in the second scope" 10.0.1.0 local "066=10.0.0.5 067=ipxe.efi 060=" "${UEFI[@]}"
client_gets "an excluded MAC in a scope" 10.0.1.0 local "066= 067= 060=" --arch 7 \
  --vendor PXEClient:Arch:00007:UNDI:003016 --mac 52:54:00:00:00:99
sync remove scopes

step "the admin's own iPXE class and policy"
check "seed-manual-ipxe" tool seed-manual-ipxe
sync plan full
expect_report "plan reuses the admin's class" 1 "reusing the user class 'iPXE clients'"
cycle "admin's iPXE class" full
cycle "admin's iPXE class, scope level" scopes

step "150 foreign policies on the server"
check "init" tool init
check "a scope" tool add-subnet 10.0.0.0 255.255.255.0
foreign_policies 150
check "the double reads them" test "$(dump | grep -c '^policy name="admin ')" -eq 150
cycle "150 foreign policies" full
sync apply full
check "pxebridge's policies come first, the admin's follow in their order" \
  grep -q '^policy name="admin 001" subnet=0.0.0.0 order=#6 ' <<<"$(dump | ranked)"
check "... the last of them last" \
  grep -q '^policy name="admin 150" subnet=0.0.0.0 order=#155 ' <<<"$(dump | ranked)"
sync remove full

step "every write of an apply failing in turn"
every_write_fails "150 foreign policies, server level" full local
check "init" tool init
check "a scope" tool add-subnet 10.0.0.0 255.255.255.0
check "a second scope" tool add-subnet 10.0.1.0 255.255.255.0
check "seed-manual-ipxe" tool seed-manual-ipxe
every_write_fails "admin's iPXE setup, two scopes" scopes local

step "what pxebridge reports: classed values, a wrong 060, a policy EnumPolicies hides"
check "init" tool init
check "a scope" tool add-subnet 10.0.0.0 255.255.255.0
check "seed-manual-ipxe" tool seed-manual-ipxe
# A classed value of the V5 calls (3.1.1.11): 067 for the user class 'iPXE clients'.
printf '%s\n' 'value option=67 subnet=10.0.0.0 policy="" class="iPXE clients" vendor=""' \
  '  element type=string value="http://10.0.0.1/legacy.ipxe"' >>"$state"
sync plan bios
expect_report "a legacy classed value is named with the commands that remove it" 1 \
  "option 067 = 'http://10.0.0.1/legacy.ipxe' for user class 'iPXE clients'" \
  "Remove-DhcpServerv4OptionValue -ScopeId 10.0.0.0 -OptionId 67 -UserClass 'iPXE clients'" \
  "delete optionvalue 67 user=\"iPXE clients\""
printf '%s\n' 'optdef id=60 vendor="" array=0 name="Class ID" comment="by hand"' \
  '  element type=dword value=0 value2=0' >>"$state"
reported=$(dump)
sync plan bios
expect_report "an option 060 of type DWORD is named with the fix" 1 \
  "warning: option 060 is defined on the server, but not as one string" \
  "Remove-DhcpServerv4OptionDefinition -OptionId 60"
sync apply full
expect_report "with HTTP boot in the plan it stops the run" 1 \
  "blocked: option 060 is defined on the server, but not as one string"
same "and nothing changed" "$reported"
# A policy with an EndsWith condition: DhcpV4EnumPolicies hides it on 6.3 (note <86>).
printf '%s\n' 'policy name="pxebridge iPXE" subnet=0.0.0.0 order=1 enabled=1 description="hidden" class=""' \
  '  expr parent=0 op=and' '  expr parent=0 op=and' \
  '  cond parent=1 type=option option=77 sub=0 op=ends vendor="" value="PXE"' >>"$state"
sync plan bios
expect_report "a policy only DhcpV4EnumPoliciesEx returns is seen: its name blocks the run" 1 \
  "policy 'pxebridge iPXE' on server exists but is not pxebridge's"

step "ProxyDhcp=4011: option 060 'PXEClient' on the server, defined first (MS-DHCPM 3.2.4.20)"
plan_file p4011 BootServer=10.0.0.5 BiosFile=undionly.kpxe UefiX64File=snponly.efi ProxyDhcp=4011
plan_file on BootServer=10.0.0.5 BiosFile=undionly.kpxe UefiX64File=snponly.efi ProxyDhcp=on
# line_of TEXT: the number of the first line of the last report holding TEXT (0: none).
line_of() { grep -nF -- "$1" "$files/out" | head -n 1 | cut -d: -f1 | grep . || echo 0; }
# comes_before A B: the last report has a line holding A, and B after it.
comes_before() { [ "$(line_of "$1")" -gt 0 ] && [ "$(line_of "$1")" -lt "$(line_of "$2")" ]; }
check "init" tool init
check "a scope" tool add-subnet 10.0.0.0 255.255.255.0
cycle "ProxyDhcp=4011" p4011
sync plan p4011
expect_report "plan: option 060's definition, then the value for every client" 1 \
  "+ option definition 060 (string, IPv4)" "+ option 060 = 'PXEClient' on server, for every client"
check "... the definition before the classes" comes_before '+ option definition 060' '+ class'
check "... the value after the last policy" \
  comes_before "+ policy 'pxebridge x64 UEFI (arch 9)'" '+ option 060 ='
sync apply p4011
expect_report "apply (exit 0)" 0 "applied"
check "060 is defined as pxebridge's string option" \
  grep -q '^optdef id=60 vendor="" array=0 name="Class ID" comment="\[pxebridge\]' <<<"$(dump)"
client_gets "BIOS gets 060 PXEClient" 10.0.0.0 local "066=10.0.0.5 067=undionly.kpxe 060=PXEClient" "${BIOS[@]}"
client_gets "UEFI gets 060 PXEClient" 10.0.0.0 local "066=10.0.0.5 067=snponly.efi 060=PXEClient" "${UEFI[@]}"
sync verify p4011
expect_report "verify: in line, no warning" 0 "in line"
check "... and no warning" test "$(grep -c '^warning' "$files/out")" -eq 0
sync verify bios
expect_report "verify with ProxyDhcp off: the 060 PXEClient it left is reported" 0 \
  "warning: server has option 060 = 'PXEClient' for every client" "ProxyDhcp is off"
python3 - "$state" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
text = re.sub(r'value option=60 subnet=0\.0\.0\.0 [^\n]*\n  element [^\n]*\n', '', text)
open(sys.argv[1], 'w').write(text)
PY
sync verify p4011
expect_report "verify: the value taken away by hand is missing (exit 1)" 1 \
  "+ option 060 = 'PXEClient' on server, for every client"
sync apply p4011
sync remove p4011
expect_report "remove: the value first, the definition last" 0 \
  "- option 060 ('PXEClient') on server, for every client" "- option definition 060"
check "... the value before the policies go" comes_before '- option 060' '- policy'
check "nothing of 060 is left" test "$(dump | grep -c -e '^optdef id=60' -e '^value option=60')" -eq 0
# WDS's own definition of 060: used as it is, and left on remove.
printf '%s\n' 'optdef id=60 vendor="" array=0 name="PXEClient" comment="PXE support"' \
  '  element type=string value=""' >>"$state"
sync apply p4011
expect_report "an admin's 060 definition is used" 0 "applied"
check "... not defined again" test "$(line_of 'option definition')" -eq 0
sync remove p4011
check "... and left on remove" grep -q '^optdef id=60 vendor="" array=0 name="PXEClient"' <<<"$(dump)"

step "findings: 060 PXEClient with nothing on 4011, a scope's 067 over the policies, two answers"
check "init" tool init
check "a scope" tool add-subnet 10.0.0.0 255.255.255.0
printf '%s\n' 'optdef id=60 vendor="" array=0 name="PXEClient" comment="PXE support"' \
  '  element type=string value=""' \
  'value option=60 subnet=0.0.0.0 policy="" class="" vendor=""' \
  '  element type=string value="PXEClient"' >>"$state"
sync plan bios
expect_report "060 PXEClient with ProxyDhcp off: named, with both fixes" 1 \
  "warning: server has option 060 = 'PXEClient' for every client: PXE clients that get it ask port 4011" \
  "EDK2 UEFI clients stop at 'Start PXE over IPv4'" "pxebridge config set ProxyDhcp=4011" \
  "Unless WDS or another PXE responder answers on port 4011" \
  "Remove-DhcpServerv4OptionValue -OptionId 60 (or: netsh dhcp server delete optionvalue 60)"
px_plan bios dhcp plan --json
check "... in the JSON report too" python3 -c '
import json, sys
def findings(v):
    if isinstance(v, dict):
        if "severity" in v:
            yield v
        for x in v.values():
            yield from findings(x)
    elif isinstance(v, list):
        for x in v:
            yield from findings(x)
r = json.load(open(sys.argv[1]))
sys.exit(0 if any(f["severity"] == "warning" and "Start PXE over IPv4" in f["text"]
                  for f in findings(r["servers"][0]["report"])) else 1)' "$files/out"
sync plan p4011
check "with ProxyDhcp=4011 the same value is pxebridge's: no such warning" \
  test "$(line_of 'Start PXE over IPv4')" -eq 0
printf '%s\n' 'value option=67 subnet=10.0.0.0 policy="" class="" vendor=""' \
  '  element type=string value="pxelinux.0"' >>"$state"
sync apply bios
expect_report "a scope's 067 over the server-level policies: named, with the clients and the fix" 0 \
  "warning: scope 10.0.0.0 has option 067 = 'pxelinux.0' for every client, outside any policy: it takes precedence over pxebridge's policies" \
  "the clients of 'pxebridge iPXE', 'pxebridge x86 BIOS'" \
  "Remove-DhcpServerv4OptionValue -ScopeId 10.0.0.0 -OptionId 67"
client_gets "... and the double agrees: that scope's BIOS clients get it" 10.0.0.0 local \
  "066=10.0.0.5 067=pxelinux.0 060=PXEClient" "${BIOS[@]}"
sync verify on
expect_report "ProxyDhcp=on: pxebridge's policies are drift (exit 1), the scope's 067 two answers" 1 \
  "- policy 'pxebridge iPXE' (order 1) on server" \
  "warning: ProxyDhcp is on (the PxeBridge service answers PXE clients on ports 67 and 4011)" \
  "option 067 = 'pxelinux.0' on scope 10.0.0.0" "pxebridge config set ProxyDhcp=off"
sync apply on
expect_report "apply with ProxyDhcp=on takes pxebridge's policies away: the proxy answers" 0 \
  "- policy 'pxebridge iPXE'" "option 067 = 'pxelinux.0' on scope 10.0.0.0"
check "... and leaves nothing of pxebridge's but the option definitions it made" \
  test "$(dump | grep '\[pxebridge\]' | grep -vc '^optiondef')" -eq 0
sync remove on

step "a pre-2012 server (6.1)"
check "init --version 6.1" tool init --version 6.1
check "a scope" tool add-subnet 10.0.0.0 255.255.255.0
cycle "pre-2012" bios
every_write_fails "pre-2012" bios local

finish
