#!/usr/bin/env bash
# dhcp_failover.sh: Microsoft DHCP failover pairs through the admin command line (issue 22):
# pxebridge.exe dhcp plan / apply / verify / remove --server dhcp1 against the dhcpsapi.dll
# test double holding several servers, each with its own record of its failover
# relationships and nothing passing between them by itself (MS-DHCPM 3.2.4.90). Load balance
# at server level (both partners answer every client kind alike), --no-failover (the partner
# left as it was, then repaired), a partner holding a stale pxebridge policy, a partner down
# or denying access (nothing written anywhere, the partner named), a write failing on the
# second partner mid-apply (both put back), hot standby with only some scopes in the
# relationship, two relationships with different partners on one server, a relationship not
# in NORMAL; explain --server over both partners. Needs OUT with $OUT/bin/pxebridge.exe and $OUT/win/tests/{dhcpsapi.dll,
# dhcpdouble.exe,svcctl.exe}. Last line: "dhcp-failover: N passed, M failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
. "$here/double_lib.sh"

double_cli_suite dhcp-failover

# sync ACTION PLAN [ARGS...]: pxebridge.exe --plan-file PLAN dhcp ACTION --server dhcp1
# ARGS...; stdout in $files/out (CRs dropped), stderr in $files/err, exit status in $rc.
sync() { px_plan "$2" dhcp "$1" --server dhcp1 "${@:3}"; }

# servers NAME... : a fresh state with these servers, NAME=ADDRESS each, and scopes 10.1.0.0
# and 10.2.0.0 on every one of them.
servers() {
  local item
  tool init >/dev/null || return 1
  for item in "$@"; do
    tool add-server "${item%%=*}" --addr "${item#*=}" >/dev/null || return 1
    tool add-subnet 10.1.0.0 255.255.255.0 --server "${item%%=*}" >/dev/null || return 1
    tool add-subnet 10.2.0.0 255.255.255.0 --server "${item%%=*}" >/dev/null || return 1
  done
}
# relate NAME MODE A=ADDR B=ADDR SCOPES: both records of a relationship, A primary.
relate() {
  local name=$1 mode=$2 a=${3%%=*} a_addr=${3#*=} b=${4%%=*} b_addr=${4#*=} scopes=$5
  tool add-failover "$a" "$name" --partner "$b_addr" --partner-name "$b" --mode "$mode" \
    --role primary --scopes "$scopes" --percentage 50 >/dev/null &&
    tool add-failover "$b" "$name" --partner "$a_addr" --partner-name "$a" --mode "$mode" \
      --role secondary --scopes "$scopes" --percentage 50 >/dev/null
}
# same_answers DESC SUBNET WANT-BIOS WANT-UEFI WANT-IPXE SERVER...: every client kind gets
# the same from each SERVER, and what it gets is WANT.
same_answers() {
  local desc=$1 subnet=$2 bios=$3 uefi=$4 ipxe=$5 server
  shift 5
  for server in "$@"; do
    client_gets "$desc: $server: BIOS" "$subnet" "$server" "$bios" "${BIOS[@]}"
    client_gets "$desc: $server: UEFI x64" "$subnet" "$server" "$uefi" "${UEFI[@]}"
    client_gets "$desc: $server: iPXE" "$subnet" "$server" "$ipxe" "${IPXE_UEFI[@]}"
  done
}

plan_file server BootServer=10.0.0.5 BiosFile=undionly.kpxe UefiX64File=snponly.efi
plan_file old BootServer=10.0.0.5 BiosFile=pxelinux.0 UefiX64File=snponly.efi
plan_file scopes BootServer=10.0.0.5 BiosFile=undionly.kpxe UefiX64File=snponly.efi \
  Scopes=10.1.0.0/24,10.2.0.0/24 ScopeBootServers=10.2.0.0/24=10.2.0.5
SCRIPT=tftp://10.0.0.5/boot.ipxe
NOTHING="066= 067= 060="
PAIR="this run covers 2 servers: dhcp1, dhcp2 (10.0.0.2)"

step "load balance at server level"
check "two servers in a load-balance relationship" servers dhcp1=10.0.0.1 dhcp2=10.0.0.2
check "both records of the relationship" \
  relate lb load-balance dhcp1=10.0.0.1 dhcp2=10.0.0.2 10.1.0.0,10.2.0.0
empty=$(dump)
sync plan server
expect_report "plan names the relationship and both servers (exit 1)" 1 \
  "failover: relationship 'lb' (load balance, 50 % of the clients to the primary, state NORMAL)" \
  "$PAIR" "pxebridge dhcp plan on dhcp1" "pxebridge dhcp plan on dhcp2 (10.0.0.2)"
same "plan changed nothing on either server" "$empty"
sync apply server
expect_report "apply writes both partners (exit 0)" 0 "$PAIR" "applied"
check "both partners hold pxebridge's iPXE policy first" \
  test "$(dump | grep -c '^policy name="pxebridge iPXE" subnet=0.0.0.0 order=1 ')" -eq 2
same_answers "both partners alike" 10.1.0.0 "066=10.0.0.5 067=undionly.kpxe 060=" \
  "066=10.0.0.5 067=snponly.efi 060=" "066=10.0.0.5 067=$SCRIPT 060=" dhcp1 dhcp2
applied=$(dump)
sync verify server
expect_report "verify: both in line (exit 0)" 0 "in line"
sync apply server
expect_report "apply again: nothing to do on either (exit 0)" 0 "no changes"
same "the second apply changed nothing" "$applied"
sync verify server --json
expect_json "verify --json: the relationship, the partner's report, the group's status" \
  "' '.join([d['servers'][0]['report']['group_status'], d['servers'][0]['report']['failover'][0]['mode'], d['servers'][0]['report']['partners'][0]['server']])" \
  "ok load-balance dhcp2 (10.0.0.2)"
sync remove server
expect_report "remove takes pxebridge's objects from both (exit 0)" 0 "removed:"
same "both partners are as before" "$empty"

step "--no-failover leaves the partner; verify finds it; apply repairs it"
sync apply server --no-failover
expect_report "apply --no-failover writes dhcp1 only and says what that leaves" 0 \
  "warning: failover: dhcp1 is in relationship 'lb' (load balance) with 10.0.0.2, which this run leaves as it is"
client_gets "the partner gives BIOS clients nothing" 10.1.0.0 dhcp2 "$NOTHING" "${BIOS[@]}"
sync verify server
expect_report "verify names the partner's drift and the difference (exit 1)" 1 \
  "pxebridge dhcp verify on dhcp2 (10.0.0.2)" \
  "failover partners differ: dhcp2 (10.0.0.2): has no policy 'pxebridge iPXE' (server), which dhcp1 has"
sync apply server
expect_report "apply repairs the partner (exit 0)" 0 "applied"
same_answers "both partners alike again" 10.1.0.0 "066=10.0.0.5 067=undionly.kpxe 060=" \
  "066=10.0.0.5 067=snponly.efi 060=" "066=10.0.0.5 067=$SCRIPT 060=" dhcp1 dhcp2

step "a partner holding a stale pxebridge policy"
w "$bin/pxebridge.exe" --plan-file "$(winpath "$files/old.plan")" dhcp apply \
  --server 10.0.0.2 --no-failover >/dev/null 2>&1
client_gets "the partner hands out the old plan's BIOS file" 10.1.0.0 dhcp2 \
  "066=10.0.0.5 067=pxelinux.0 060=" "${BIOS[@]}"
# explain_bios ARGS...: pxebridge.exe explain for a BIOS client of scope 10.1.0.0, --server
# dhcp1, ARGS...; as sync does.
explain_bios() {
  px_plan server explain --arch 0 --vendor-class PXEClient:Arch:00000:UNDI:002001 \
    --subnet 10.1.0.20 --server dhcp1 "$@"
}
explain_bios
expect_report "explain --server shows the partner's stale answer next to the plan's (exit 1)" 1 \
  "dhcp1, scope 10.1.0.0: as the boot plan says" \
  "067 pxelinux.0  from policy 'pxebridge x86 BIOS' (server, order 2)  (the plan: undionly.kpxe)" \
  "the failover partners answer this client differently"
explain_bios --json
expect_json "explain --server --json: each partner's 067, as the double itself answers it" \
  "' '.join(s['options']['067']['value'] for s in d['dhcp']['servers'])" \
  "undionly.kpxe pxelinux.0"
sync verify server
expect_report "verify names the stale value on the partner and what differs (exit 1)" 1 \
  "~ option 067 'pxelinux.0' -> 'undionly.kpxe' on policy 'pxebridge x86 BIOS' (server)" \
  "failover partners differ: dhcp2 (10.0.0.2): policy 'pxebridge x86 BIOS' (server) hands out 067 'pxelinux.0', where dhcp1 hands out 'undionly.kpxe'"
sync apply server
expect_report "apply repairs it" 0 "applied"
client_gets "the partner hands out the plan's BIOS file" 10.1.0.0 dhcp2 \
  "066=10.0.0.5 067=undionly.kpxe 060=" "${BIOS[@]}"
explain_bios
expect_report "explain --server: both partners as the plan says (exit 0)" 0 \
  "dhcp2 (10.0.0.2), scope 10.1.0.0: as the boot plan says"
sync remove server
expect_report "remove (exit 0)" 0 "removed:"

step "a partner that cannot be read: nothing written anywhere"
before=$(dump)
for fault in unreachable stopped deny-all; do
  check "dhcp2: fault $fault" tool set-fault dhcp2 "$fault"
  sync apply server
  expect_report "apply with the partner $fault fails (exit 1), naming it and the fix" 1 \
    "failover partner dhcp2 (10.0.0.2) (relationship 'lb' of dhcp1) cannot be read" \
    "nothing was written to any server"
  same "apply with the partner $fault wrote nothing on either server" "$before"
  sync verify server
  expect_report "verify with the partner $fault fails too (exit 1)" 1 "dhcp2 (10.0.0.2)"
done
out_has "'DHCP Administrators'" && pass "access denied: the advice names DHCP Administrators" ||
  { fail "access denied: the advice names DHCP Administrators"; show_run; }
check "dhcp2: no fault" tool set-fault dhcp2 none

step "a write failing on the second partner mid-apply: both put back"
for k in 1 3 6; do
  check "dhcp2: write $k fails" arm_write_fault dhcp2 dhcp2 "$k"
  sync apply server
  expect_report "write $k failing on dhcp2 fails the apply (exit 1) and says both were put back" 1 \
    "failed with 20013" "because the run failed on dhcp2 (10.0.0.2): the server is as it was" \
    "every server it had changed was put back"
  same "write $k failing on dhcp2: both servers as before" "$before"
  check "dhcp2: no fault" tool set-fault dhcp2 none
done

step "hot standby with only some scopes in the relationship, and a site's boot server"
check "two servers" servers dhcp1=10.0.0.1 dhcp2=10.0.0.2
check "a hot-standby relationship for scope 10.2.0.0 only" \
  relate hs hot-standby dhcp1=10.0.0.1 dhcp2=10.0.0.2 10.2.0.0
before=$(dump)
sync apply scopes
expect_report "apply (exit 0)" 0 "(hot standby, state NORMAL)" "applied"
same_answers "scope 10.2.0.0 alike on both, with its site's boot server" 10.2.0.0 \
  "066=10.2.0.5 067=undionly.kpxe 060=" "066=10.2.0.5 067=snponly.efi 060=" \
  "066=10.2.0.5 067=tftp://10.2.0.5/boot.ipxe 060=" dhcp1 dhcp2
client_gets "scope 10.1.0.0 on dhcp1: the plan's" 10.1.0.0 dhcp1 \
  "066=10.0.0.5 067=undionly.kpxe 060=" "${BIOS[@]}"
client_gets "scope 10.1.0.0 on dhcp2 (not in the relationship): left alone" 10.1.0.0 dhcp2 \
  "$NOTHING" "${BIOS[@]}"
sync verify scopes
expect_report "verify: in line (exit 0)" 0 "in line"
sync remove scopes
expect_report "remove (exit 0)" 0 "removed:"
same "both as before" "$before"

step "two relationships with different partners on one server"
check "three servers" servers dhcp1=10.0.0.1 dhcp2=10.0.0.2 dhcp3=10.0.0.3
check "dhcp1 and dhcp2: load balance for 10.1.0.0" \
  relate site-a load-balance dhcp1=10.0.0.1 dhcp2=10.0.0.2 10.1.0.0
check "dhcp1 and dhcp3: hot standby for 10.2.0.0" \
  relate site-b hot-standby dhcp1=10.0.0.1 dhcp3=10.0.0.3 10.2.0.0
sync apply server
expect_report "apply covers the three servers (exit 0)" 0 \
  "this run covers 3 servers: dhcp1, dhcp2 (10.0.0.2), dhcp3 (10.0.0.3)" "applied"
same_answers "all three alike" 10.1.0.0 "066=10.0.0.5 067=undionly.kpxe 060=" \
  "066=10.0.0.5 067=snponly.efi 060=" "066=10.0.0.5 067=$SCRIPT 060=" dhcp1 dhcp2 dhcp3
sync verify server
expect_report "verify: in line (exit 0)" 0 "in line"

step "a relationship not in NORMAL"
check "dhcp1's record: partner-down" tool set-failover dhcp1 site-a --state partner-down
sync verify server
expect_report "verify says what PARTNER_DOWN means and still covers both (exit 0)" 0 \
  "relationship 'site-a' is in state PARTNER_DOWN on dhcp1: this server takes the partner for down" \
  "pxebridge dhcp verify on dhcp2 (10.0.0.2)"

finish
