#!/usr/bin/env bash
# dhcp_double.sh: the test of the dhcpsapi.dll test double itself (make wine; needs
# OUT with $OUT/win/tests/{dhcpsapi.dll,dhcpdouble.exe,double_selftest.exe,svcctl.exe}).
# In a fresh wine prefix: the self-test program (the conformance cases written from MS-DHCPM,
# through LoadLibrary and GetProcAddress), the leak report (a program that keeps a result
# is logged), then the dhcpdouble.exe commands test scripts use: init, dump, add-subnet,
# seed-manual-ipxe, evaluate, add-server, set-version, set-fault (the state unchanged by a
# refused call).
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

finish
