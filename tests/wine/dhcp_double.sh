#!/usr/bin/env bash
# dhcp_double.sh: the test of the dhcpsapi.dll test double itself (make wine; needs
# OUT with $OUT/win/tests/{dhcpsapi.dll,dhcpdouble.exe,double_selftest.exe,svcctl.exe}).
# In a fresh wine prefix: the self-test program (the conformance cases written from MS-DHCPM,
# through LoadLibrary and GetProcAddress), the leak report (a program that keeps a result
# is logged, so is one that frees only a failover record's outer block), then the
# dhcpdouble.exe commands test scripts use: init, dump, add-subnet, seed-manual-ipxe,
# evaluate, add-server, set-version, set-fault (the state unchanged by a refused call), and
# the failover ones: set-addr, add-failover, set-failover, failover-scopes, delete-failover,
# show-failover (each partner's own record; the faults apply).
# Last line: "dhcp-double: N passed, M failed"; exit status non-zero on any failure.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
. "$here/double_lib.sh"

suite_start dhcp-double "$DOUBLE_DLL" "$DOUBLE_EXE" "$TESTS/double_selftest.exe" "$SVCCTL"
double_setup

fails() { ! "$@" >/dev/null; }
# has TEXT LINE: the text contains the line exactly.
has() { grep -qxF -- "$2" <<<"$1"; }

# The self-test: its PASS/FAIL lines count here too.
out=$(w "$TESTS/double_selftest.exe" 2>&1 | tr -d '\r')
say "$out" | grep -v '^PASS'
self_passed=$(grep -c '^PASS' <<<"$out")
self_failed=$(grep -c '^FAIL' <<<"$out")
passed=$((passed + self_passed))
failed=$((failed + self_failed))
check "the self-test finished" grep -q '^dhcp-double selftest: .* 0 failed$' <<<"$out"
leaks=$(double_leaks_file)
check "the self-test gave back every block (no leak log)" test ! -s "$leaks"
w "$TESTS/double_selftest.exe" --leak >/dev/null 2>&1
check "a program that keeps a result and frees a foreign pointer is logged" \
  grep -q 'double_selftest.exe outstanding=2 bad-frees=1$' "$leaks"
rm -f "$leaks"
w "$TESTS/double_selftest.exe" --leak-outer >/dev/null 2>&1
check "a program that frees only a failover record's outer block is logged (6 nested left)" \
  grep -q 'double_selftest.exe outstanding=6 bad-frees=0$' "$leaks"
rm -f "$leaks"

# The tool, as product tests use it.
check "init" tool init
dumped=$(dump)
check "a fresh state has the local server 6.3" has "$dumped" 'server name="" version=6.3 enforce=1'
check "and the built-in BOOTP class" \
  grep -q '^class name="Default BOOTP Class" kind=user builtin=1 flags=0 data="BOOTP.Microsoft"' \
  <<<"$dumped"
check "and no option 60 definition" fails grep -q "^optdef id=60 " <<<"$dumped"
check "add-subnet" tool add-subnet 10.0.0.0 255.255.255.0
check "seed-manual-ipxe" tool seed-manual-ipxe
dumped=$(dump)
check "the seed made the user class 'iPXE clients'" \
  grep -q '^class name="iPXE clients" kind=user builtin=0 flags=0 data="iPXE"' <<<"$dumped"
check "and the policy PXE-iPXE" grep -q '^policy name="PXE-iPXE" subnet=10.0.0.0 order=1' <<<"$dumped"
ipxe=$(tool evaluate --arch 0 --vendor "PXEClient:Arch:00000:UNDI:002001" --user iPXE \
  --mac 52:54:00:12:34:56 --subnet 10.0.0.0)
check "iPXE gets the seeded boot URL" has "$ipxe" "boot-file=http://10.0.0.1/boot.ipxe"
check "from the policy" has "$ipxe" "boot-file-source=policy PXE-iPXE at scope 10.0.0.0"
check "which is the one matched" has "$ipxe" "matched=PXE-iPXE@10.0.0.0"
uefi=$(tool evaluate --arch 7 --vendor "PXEClient:Arch:00007:UNDI:003016" --subnet 10.0.0.0)
check "UEFI gets the leftover scope option 067" has "$uefi" "boot-file=undionly.kpxe"
check "and 066" has "$uefi" "boot-server=10.0.0.1"
check "evaluating in a missing scope fails" fails tool evaluate --subnet 10.9.9.0
check "add-server" tool add-server partner --version 6.1
check "the partner is a 2008 R2 server" has "$(dump)" 'server name="partner" version=6.1 enforce=1'
check "set-version 10.0" tool set-version partner 10.0
check "the partner is now 2016+" has "$(dump)" 'server name="partner" version=10.0 enforce=1'
check "set-version partner 6.1" tool set-version partner 6.1
check "set-fault page-max" tool set-fault local page-max 1
check "the fault line shows it" grep -q '^fault .* page-max=1 ' <<<"$(dump --faults)"
check "set-fault none clears it" tool set-fault local none
before=$(dump)
check "set-fault fail-write" tool set-fault local fail-write 1
check "a refused seed fails" fails tool seed-manual-ipxe
check "and leaves the state as it was" test "$before" = "$(dump)"
check "the fault line counts the write" grep -q '^fault .* fail-at=1 .* writes=1$' \
  <<<"$(dump --faults)"
check "set-fault none" tool set-fault local none
check "an unknown fault kind is refused" fails tool set-fault local sideways

# Failover relationships as an admin makes them: one record per partner, each made on its
# own server (nothing passes between servers).
check "init for failover" tool init
check "two scopes on the local server" tool add-subnet 10.0.0.0 255.255.255.0 &&
  tool add-subnet 10.0.1.0 255.255.255.0
check "set-addr local" tool set-addr local 10.0.9.1
check "add-server --addr" tool add-server dhcp2 --addr 10.0.9.2
check "the server line shows the address" \
  has "$(dump)" 'server name="dhcp2" version=6.3 enforce=1 addr=10.0.9.2'
check "no other server may take that address" fails tool add-server dhcp3 --addr 10.0.9.2
check "a server without an address" tool add-server dhcp3
check "cannot hold a relationship (it has no address to name)" fails tool add-failover dhcp3 x \
  --partner 10.0.9.1 --mode hot-standby --role primary --scopes 10.0.0.0
check "a scope on dhcp2" tool add-subnet 10.0.0.0 255.255.255.0 --server dhcp2
check "add-failover on the local server" tool add-failover local lb --partner 10.0.9.2 \
  --partner-name dhcp2 --mode load-balance --role primary --percentage 50 --mclt 3600 \
  --scopes 10.0.0.0
local_lb='failover name="lb" mode=load-balance role=primary state=normal prev-state=startup'
local_lb+=' primary=10.0.9.1 primary-name="10.0.9.1" secondary=10.0.9.2 secondary-name="dhcp2"'
local_lb+=' percentage=50 mclt=3600 safe-period=4294967295 scopes=10.0.0.0'
check "show-failover: the record, moved to NORMAL after STARTUP" \
  has "$(tool show-failover local)" "$local_lb"
check "the partner has no record until it gets its own" test -z "$(tool show-failover dhcp2)"
check "add-failover on the partner, the other role" tool add-failover dhcp2 lb \
  --partner 10.0.9.1 --mode load-balance --role secondary --percentage 50 --scopes 10.0.0.0
check "the partner's record (asked by its address): same addresses, role secondary" \
  grep -q '^failover name="lb" mode=load-balance role=secondary state=normal .*primary=10.0.9.1 .*secondary=10.0.9.2 .*secondary-name="dhcp2" ' \
  <<<"$(tool show-failover 10.0.9.2)"
check "the dump keeps both records, each under its server" \
  test "$(dump | grep -c '^failover name="lb" ')" = 2
check "a scope dhcp2 lacks is refused with 20005" \
  grep -q 'error 20005$' <<<"$(tool failover-scopes dhcp2 lb add 10.0.1.0)"
check "failover-scopes add" tool failover-scopes local lb add 10.0.1.0
check "the record holds both scopes" grep -q ' scopes=10.0.0.0,10.0.1.0$' <<<"$(tool show-failover local)"
check "and the partner's still one" grep -q ' scopes=10.0.0.0$' <<<"$(tool show-failover dhcp2)"
check "set-failover --state partner-down" tool set-failover local lb --state partner-down
check "the state changes, the previous state stays" \
  grep -q ' state=partner-down prev-state=startup ' <<<"$(tool show-failover local)"
check "failover-scopes remove (3.2.4.96 has no NORMAL rule)" \
  tool failover-scopes local lb remove 10.0.1.0
check "adding outside NORMAL is refused with 20120" \
  grep -q 'error 20120$' <<<"$(tool failover-scopes local lb add 10.0.1.0)"
check "set-failover with nothing to change is refused with 87" \
  grep -q 'error 87$' <<<"$(tool set-failover local lb)"
check "set-failover --mode --percentage" tool set-failover local lb --mode hot-standby \
  --percentage 100 --state normal
check "shown" grep -q 'mode=hot-standby role=primary state=normal .* percentage=100 ' \
  <<<"$(tool show-failover local)"
check "an unknown mode is bad usage" test "$(tool add-failover local y --partner 10.0.9.2 \
  --mode sideways --role primary --scopes 10.0.1.0 >/dev/null 2>&1; echo $?)" = 2
check "deny-all" tool set-fault local deny-all
check "a failover read is a read: refused with 5" \
  grep -q 'error 5$' <<<"$(tool show-failover local)"
check "deny-writes" tool set-fault local none && tool set-fault local deny-writes
check "reads work" grep -q '^failover name="lb" mode=hot-standby ' <<<"$(tool show-failover local)"
check "a failover write is refused with 5" \
  grep -q 'error 5$' <<<"$(tool delete-failover local lb)"
check "fail-write 1" tool set-fault local none && tool set-fault local fail-write 1
before=$(dump)
check "the failing write is refused" fails tool delete-failover local lb
check "and changes nothing" test "$before" = "$(dump)"
check "unreachable partner: 1722" tool set-fault dhcp2 unreachable &&
  grep -q 'error 1722$' <<<"$(tool show-failover dhcp2)"
check "a 2008 R2 partner has no failover calls: 1745" tool set-fault dhcp2 none &&
  tool set-version dhcp2 6.1 && grep -q 'error 1745$' <<<"$(tool show-failover dhcp2)"
check "delete-failover" tool set-fault local none && tool delete-failover local lb
check "the local server has none left" test -z "$(tool show-failover local)"
check "the partner keeps its own" tool set-version dhcp2 6.3 &&
  test "$(tool show-failover dhcp2 | grep -c '^failover name="lb" ')" = 1

finish
