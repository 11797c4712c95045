#!/usr/bin/env bash
# cli_live.sh: the wine test of pxebridge.exe's live commands (make wine; needs OUT with the
# two programs, svcctl.exe, pipe_line.exe and the firmware built). In a fresh wine prefix it
# installs the PxeBridge service with `pxebridge service install` and starts it with `service
# start`, and checks `status --json` (running, counters rising after a curl TFTP fetch, a
# transfer in flight during a large lock-step fetch, a client seen looping after fetching
# undionly.kpxe again and again), the status pipe's DACL read back by the CLI (SYSTEM and
# Administrators only, as wine does not enforce it), the answer to an unknown protocol
# version, `firmware list|verify` on the pinned images and after one is altered or removed,
# `firmware replace` with own builds (refusing builds for the wrong firmware or CPU, keeping
# an unknown copy without --force, served at once) and EmbeddedScript=1 checked against them,
# `clients` and `clients show 127.0.0.1` (the downloads with their bytes and ends, the loop,
# a refused path; an unknown client), `log` (recent lines from the service, then from the
# log file once it is stopped), `status` and `clients` of a stopped service (exit 1, with the
# hint to start it), `service stop` and `service
# uninstall` (the service and its Event Log source gone).
# Last line: "cli-live: N passed, M failed"; exit status non-zero on failure.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

CLI=$OUT/bin/pxebridge.exe
SERVICE_EXE=$OUT/bin/pxebridge-service.exe
PIPE_LINE=$OUT/win/tests/pipe_line.exe
FIRMWARE=$OUT/firmware
suite_start cli-live "$CLI" "$SERVICE_EXE" "$SVCCTL" "$PIPE_LINE" "$FIRMWARE/undionly.kpxe"

root=$files/root
mkdir -p "$root"
head -c 300000 /dev/urandom >"$root/small.bin"
port=$(free_port)
logdir=$files/logs
px config set "TftpRoot=$(winpath "$root")" ListenAddresses=127.0.0.1 "Port=$port" \
  "LogDirectory=$(winpath "$logdir")"
expect "settings stored" 0

px status
expect "status of a service not installed: exit 1, says how to install it" 1 "service install"

px service start
expect "service start before install: exit 1, says to install" 1 "not installed: run 'pxebridge service install'"
px service install
expect "service install: exit 0" 0 "installed"
check "svcctl sees the service, stopped" eval 'svc_status "$SERVICE" | grep -q "state=STOPPED"'
service_value() { w reg query "HKLM\\SYSTEM\\CurrentControlSet\\Services\\$SERVICE" /v "$1" 2>/dev/null | tr -d '\r'; }
check "its start type is automatic" eval 'service_value Start | grep -q "0x2"'
check "its binary is pxebridge-service.exe beside pxebridge.exe, quoted" eval \
  'service_value ImagePath | grep -qF "\"$(winpath "$SERVICE_EXE")\""'
check "its Event Log source is registered" eval 'w reg query "$EVENTLOG_KEY" /v EventMessageFile >/dev/null 2>&1'
px status
expect "status of the installed service: stopped, with the hint to start it" 1 "service start"
px service install
expect "service install again: exit 1, installed already" 1 "installed already"
px service start
expect "service start: exit 0, running" 0 "is running"
check "the service runs" svc_wait "$SERVICE" RUNNING 30
check "it serves TFTP" wait_tftp 127.0.0.1 "$port" 30

px status --json
expect "status --json of the running service: exit 0" 0
expect_json "status --json: running" "d['running'] and d['status']['state']" "running"
expect_json "status --json: protocol version 1" "d['status']['version']" "1"
expect_json "status --json: the TFTP root" "d['status']['tftp_root'] == r'$(winpath "$root")'" "True"
expect_json "status --json: the port" "d['status']['port']" "$port"
expect_json "the pipe's DACL admits SYSTEM and Administrators only" \
  "sorted(__import__('re').findall(r'\(A;[^;]*;[^;]*;;;(\w+)\)', d['pipe']['dacl']))" "['BA', 'SY']"
expect_json "the pipe's DACL is protected and has no other entry" \
  "d['pipe']['dacl'].startswith('D:P') and d['pipe']['dacl'].count('(') == 2" "True"
before=$(json "d['status']['counters']['completed']")

check "a curl TFTP fetch" fetch_curl "$files/got" 127.0.0.1 "$port" small.bin
px status --json
expect_json "completed rose by one after the fetch" "d['status']['counters']['completed'] - $before" "1"
expect_json "bytes counted" "d['status']['counters']['bytes'] >= 300000" "True"

px status
expect "status as text: exit 0, running" 0 "is running"

px log --lines 5 --json
expect "log --json from the service: exit 0" 0
expect_json "log: at most 5 events from the service" "d['source'] == 'service' and 0 < len(d['events']) <= 5" "True"
px log --lines 50
expect "log shows the completed transfer" 0 "sent 'small.bin'"

# A transfer in flight: a large file in lock-step (512-byte blocks, one at a time).
head -c 40000000 /dev/zero >"$root/large.bin"
fetch_curl "$files/large" 127.0.0.1 "$port" large.bin --tftp-blksize 512 &
fetch_pid=$!
in_flight=0
for _ in $(seq 1 40); do
  px status --json
  [ "$(json "d['status']['transfers_in_flight']")" = 1 ] && { in_flight=1; break; }
  kill -0 "$fetch_pid" 2>/dev/null || break
  sleep 0.25
done
if [ "$in_flight" = 1 ]; then pass "status shows the large transfer in flight"; else fail "status shows the large transfer in flight"; fi
wait "$fetch_pid"
check "the large fetch completes" cmp -s "$files/large" "$root/large.bin"
rm -f "$files/large" "$root/large.bin"

# The pinned images in the TFTP root, and a client fetching the BIOS one again and again.
cp "$FIRMWARE/undionly.kpxe" "$FIRMWARE/ipxe.efi" "$FIRMWARE/snponly.efi" "$FIRMWARE/pxbinfo.0" \
  "$FIRMWARE/pxbinfo.efi" "$root/"
cp -r "$FIRMWARE/secureboot" "$root/"
for i in 1 2 3 4; do fetch_curl "$files/undi" 127.0.0.1 "$port" undionly.kpxe || fail "fetch $i of undionly.kpxe"; done
px status --json
expect_json "status --json: the client fetching undionly.kpxe 4 times is seen looping" \
  "[(l['file'], l['count'] >= 3) for l in d['status']['loops']]" "[('undionly.kpxe', True)]"
px status
expect "status as text names the looping client" 0 "fetched 'undionly.kpxe'"

# The journey of 127.0.0.1 (issue 25): the downloads above and a refused path.
fetch_curl "$files/refused" 127.0.0.1 "$port" '..%5csecret.txt'
px clients --json
expect "clients --json: exit 0" 0
expect_json "clients --json: 127.0.0.1, its last step the refused path" \
  "[(c['address'], c['state'], c['last_step']['kind']) for c in d['clients']['clients']]" \
  "[('127.0.0.1', 'refused-path', 'tftp')]"
px clients show 127.0.0.1 --json
expect "clients show 127.0.0.1 --json: exit 0" 0
expect_json "its timeline: small.bin done with its 300000 bytes" \
  "[(s['end'], s['bytes']) for s in d['client']['client']['steps'] if s['name'] == 'small.bin']" \
  "[('done', 300000)]"
expect_json "its timeline: a download of undionly.kpxe ends in the loop episode" \
  "'loop' in [s['end'] for s in d['client']['client']['steps'] if s['name'] == 'undionly.kpxe']" "True"
px clients
expect "clients as text: the client and its state" 0 "refused-path"
px clients show 127.0.0.1
expect "clients show as text: small.bin with its bytes" 0 "300000 bytes"
px clients show 192.0.2.1
expect "clients show of an unknown client: exit 1, says so" 1 "no client 192.0.2.1"

px firmware list --json
expect "firmware list --json: exit 0" 0
expect_json "firmware list: iPXE's three images, pxbinfo's two and the signed chains' four each (x64, ARM64), all intact" \
  "[(i['name'], i['state']) for i in d['images']]" \
  "[('undionly.kpxe', 'intact'), ('ipxe.efi', 'intact'), ('snponly.efi', 'intact'), ('pxbinfo.0', 'intact'), ('pxbinfo.efi', 'intact'), ('secureboot/shimx64.efi', 'intact'), ('secureboot/mmx64.efi', 'intact'), ('secureboot/fbx64.efi', 'intact'), ('secureboot/grubx64.efi', 'intact'), ('secureboot/shimaa64.efi', 'intact'), ('secureboot/mmaa64.efi', 'intact'), ('secureboot/fbaa64.efi', 'intact'), ('secureboot/grubaa64.efi', 'intact')]"
expect_json "firmware list: the firmware each boots" "[i['firmware'] for i in d['images']]" \
  "['BIOS x86', 'UEFI x64', 'UEFI x64', 'BIOS x86', 'UEFI x64', 'UEFI x64', 'UEFI x64', 'UEFI x64', 'UEFI x64', 'UEFI ARM64', 'UEFI ARM64', 'UEFI ARM64', 'UEFI ARM64']"
expect_json "firmware list: SHA-256 and size of the copy" \
  "(d['images'][0]['sha256'], d['images'][0]['size'])" \
  "('$(sha256sum <"$root/undionly.kpxe" | cut -d' ' -f1)', $(stat -c %s "$root/undionly.kpxe"))"
expect_json "firmware list: every UEFI image's signature read, none for BIOS programs" \
  "[i['signature'] and i['signature']['status'] for i in d['images']]" \
  "[None, 'unsigned', 'unsigned', None, 'unsigned', 'signed', 'signed', 'signed', 'signed', 'signed', 'signed', 'signed', 'signed']"
expect_json "firmware list: the shim signed by both Microsoft UEFI CAs, accepted by Secure Boot" \
  "([s['issuer'] for s in d['images'][5]['signature']['signers']], d['images'][5]['signature']['secure_boot'])" \
  "(['Microsoft Corporation UEFI CA 2011', 'Microsoft UEFI CA 2023'], 'accepted')"
expect_json "firmware list: the ARM64 shim signed by both Microsoft UEFI CAs, accepted by Secure Boot" \
  "([s['issuer'] for s in d['images'][9]['signature']['signers']], d['images'][9]['signature']['secure_boot'])" \
  "(['Microsoft Corporation UEFI CA 2011', 'Microsoft UEFI CA 2023'], 'accepted')"
expect_json "firmware list: GRUB signed by Debian's CA, for the shim only" \
  "(d['images'][8]['signature']['signers'][0]['issuer'], d['images'][8]['signature']['secure_boot'])" \
  "('Debian Secure Boot CA', 'refused')"
expect_json "firmware list: unsigned images are refused by Secure Boot firmware" \
  "(d['images'][2]['signature']['secure_boot'], d['images'][2]['signature']['text'])" \
  "('refused', 'unsigned: refused by Secure Boot firmware')"
px firmware verify
expect "firmware verify of intact images: exit 0" 0 "All 13 images are intact"
expect "firmware verify warns that Secure Boot refuses the plan's unsigned UEFI image" 0 \
  "UefiX64File 'snponly.efi' is unsigned: refused by Secure Boot firmware"
px firmware list
expect "firmware list as text: each UEFI image's signature under it" 0 \
  "^ *unsigned: refused by Secure Boot firmware"
# explain reads the signature of the UEFI image a client receives from the TFTP root; a
# Debian-signed program (the shim's helper) as an admin's own build of another name.
printf 'BootServer=10.0.0.5\nUefiX64File=snponly.efi\n' >"$files/plan.txt"
px --plan-file "$(winpath "$files/plan.txt")" explain --arch 7 --json
expect_json "explain: the UEFI image's signature and Secure Boot's verdict" \
  "(d['signature']['status'], d['signature']['secure_boot'])" "('unsigned', 'refused')"
px --plan-file "$(winpath "$files/plan.txt")" explain --arch 7
expect "explain as text: why Secure Boot refuses it" 0 \
  "Signature: unsigned: refused by Secure Boot firmware"
px --plan-file "$(winpath "$files/plan.txt")" explain --arch 0 --json
expect_json "explain: no signature for a BIOS client" "(d['signature'], d['signature_error'])" \
  "(None, None)"
cp "$FIRMWARE/secureboot/mmx64.efi" "$root/signed.efi"
printf 'BootServer=10.0.0.5\nUefiX64File=signed.efi\n' >"$files/plan.txt"
px --plan-file "$(winpath "$files/plan.txt")" explain --arch 7 --json
expect_json "explain: a signed image's signer and issuing CA" \
  "(d['signature']['status'], d['signature']['signers'][0]['issuer'], d['signature']['signers'][0]['signer'], d['signature']['secure_boot'])" \
  "('signed', 'Debian Secure Boot CA', 'Debian Secure Boot Signer 2022 - shim', 'refused')"
rm "$root/signed.efi"
px --plan-file "$(winpath "$files/plan.txt")" explain --arch 7
expect "explain: a missing image's signature is unknown, saying why" 0 \
  "Signature: unknown: .*signed.efi cannot be read"
printf 'x' >>"$root/ipxe.efi"
rm "$root/snponly.efi"
px firmware verify
expect "firmware verify after altering ipxe.efi: exit 1 naming it" 1 "ipxe.efi (altered)"
expect "firmware verify names the missing snponly.efi and how to restore it" 1 "snponly.efi (missing).*Repair"
px firmware list
expect "firmware list as text: exit 0, altered shown" 0 "ipxe.efi .*altered"

# The admin's own builds: firmware replace, and EmbeddedScript=1 checked against them.
builds=$files/builds
mkdir -p "$builds"
{ cat "$FIRMWARE/undionly.kpxe"; printf 'own build'; } >"$builds/undionly.kpxe"
{ cat "$FIRMWARE/snponly.efi"; printf 'own build'; } >"$builds/snponly.efi"
{ cat "$FIRMWARE/ipxe.efi"; printf 'own build'; } >"$builds/ipxe.efi"
python3 - "$FIRMWARE/snponly.efi" "$builds/arm64.efi" <<'PY'
import struct, sys
data = bytearray(open(sys.argv[1], 'rb').read())
pe = struct.unpack_from('<I', data, 0x3c)[0]
struct.pack_into('<H', data, pe + 4, 0xaa64)  # the COFF machine: ARM64
open(sys.argv[2], 'wb').write(data)
PY
sum_of() { sha256sum <"$1" | cut -d' ' -f1; }
undi_sum=$(sum_of "$root/undionly.kpxe")
px firmware replace undionly.kpxe "$(winpath "$FIRMWARE/snponly.efi")"
expect "replace undionly.kpxe with a UEFI application: exit 2, says what it is" 2 \
  "a PE image .*BiosFile needs a PXE boot program"
check "undionly.kpxe is unchanged" test "$(sum_of "$root/undionly.kpxe")" = "$undi_sum"
px firmware replace snponly.efi "$(winpath "$builds/arm64.efi")"
expect "replace snponly.efi with an ARM64 build: exit 2, names both CPUs" 2 \
  "UEFI application for ARM64, but UefiX64File needs one for x64"
check "snponly.efi is still missing" test ! -e "$root/snponly.efi"
px firmware replace ipxe.efi "$(winpath "$builds/ipxe.efi")"
expect "replace an altered ipxe.efi: exit 1, asks for --force" 1 "may be someone's own build.*--force"
check "the altered ipxe.efi is kept" sh -c 'tail -c 1 "$1" | grep -q x' _ "$root/ipxe.efi"
px firmware replace ipxe.efi "$(winpath "$builds/ipxe.efi")" --force
expect "replace ipxe.efi --force: exit 0" 0 "Replaced ipxe.efi"
check "ipxe.efi in the root is the build, byte-exact" cmp -s "$builds/ipxe.efi" "$root/ipxe.efi"
px firmware replace undionly.kpxe "$(winpath "$builds/undionly.kpxe")"
expect "replace the bundled undionly.kpxe: exit 0" 0 "Replaced undionly.kpxe"
fetch_curl "$files/served" 127.0.0.1 "$port" undionly.kpxe
check "the running service serves the new build at once (curl, byte-exact)" \
  cmp -s "$builds/undionly.kpxe" "$files/served"
px firmware replace boot.efi "$(winpath "$builds/ipxe.efi")"
expect "replace an image the plan does not name: exit 2, says how to name it" 2 \
  "no first-stage image of the boot plan.*config set UefiArm64File=boot.efi"
cp "$FIRMWARE/snponly.efi" "$root/"
px firmware list --json
expect_json "firmware list: own builds and the bundled build told apart" \
  "[(i['name'], i['state'], i['embedded_script']) for i in d['images']]" \
  "[('undionly.kpxe', 'own-build', False), ('ipxe.efi', 'own-build', False), ('snponly.efi', 'intact', None), ('pxbinfo.0', 'intact', None), ('pxbinfo.efi', 'intact', None), ('secureboot/shimx64.efi', 'intact', None), ('secureboot/mmx64.efi', 'intact', None), ('secureboot/fbx64.efi', 'intact', None), ('secureboot/grubx64.efi', 'intact', None), ('secureboot/shimaa64.efi', 'intact', None), ('secureboot/mmaa64.efi', 'intact', None), ('secureboot/fbaa64.efi', 'intact', None), ('secureboot/grubaa64.efi', 'intact', None)]"
px firmware verify
expect "firmware verify accepts the recorded own builds: exit 0" 0 "intact or your recorded builds"
px config set BootServer=192.0.2.10 EmbeddedScript=1
expect "EmbeddedScript=1 with the bundled snponly.efi: refused (exit 2), names the loop" 2 \
  "UefiX64File 'snponly.efi' .* the iPXE build pxebridge ships, which has no embedded script.*loop"
expect "... and the own undionly.kpxe recorded without a script" 2 \
  "BiosFile 'undionly.kpxe' .* your build, recorded without an embedded script"
px config show --json
expect_json "nothing was stored" "[s['name'] for s in d['boot_plan']['settings'] if s['set']]" "[]"
px firmware replace undionly.kpxe "$(winpath "$builds/undionly.kpxe")" --embedded-script
expect "replace undionly.kpxe --embedded-script: the iPXE rule stays for snponly.efi" 0 \
  "Other first-stage images .* the iPXE rule stays"
px firmware replace snponly.efi "$(winpath "$builds/snponly.efi")" --embedded-script
expect "replace snponly.efi --embedded-script: says the iPXE rule can go" 0 \
  "Every first-stage image .* config set EmbeddedScript=1"
px config set BootServer=192.0.2.10 EmbeddedScript=1
expect "EmbeddedScript=1 once every first-stage image has a script: stored" 0 "Stored EmbeddedScript=1"
px firmware replace snponly.efi "$(winpath "$builds/snponly.efi")"
expect "with EmbeddedScript=1, a build without a script: refused (exit 2)" 2 \
  "EmbeddedScript=1, so there is no iPXE rule.*loop"
px firmware verify --json
expect_json "firmware verify --json: every image good, scripts recorded" \
  "(d['intact'], [i['embedded_script'] for i in d['images']])" "(True, [True, False, True, None, None, None, None, None, None, None, None, None, None])"
cp "$FIRMWARE/snponly.efi" "$root/"
px firmware verify
expect "firmware verify with the bundled snponly.efi back under EmbeddedScript=1: exit 1" 1 \
  "UefiX64File 'snponly.efi' .* no embedded script"
px firmware reapply
expect "firmware reapply puts the recorded snponly.efi back (as after an upgrade)" 0 \
  "Put your build of snponly.efi back"
check "snponly.efi is the admin's build again" cmp -s "$builds/snponly.efi" "$root/snponly.efi"
px_cases <<CASES
0 | firmware reapply | Every recorded build of yours is in place | firmware reapply again: nothing to do
2 | firmware restore boot.efi | ships no build of 'boot.efi' | firmware restore of an image pxebridge does not ship: exit 2
0 | config set UefiArm64File=boot/arm64/ipxe.efi | Stored UefiArm64File | the plan names an ARM64 image in a folder the root does not have yet
0 | firmware replace boot\\arm64\\ipxe.efi $(winpath "$builds/arm64.efi") --embedded-script | Replaced boot/arm64/ipxe.efi | replace an image in a new folder: exit 0, the ARM64 build suits UefiArm64File
CASES
check "the build is in the new folder" cmp -s "$builds/arm64.efi" "$root/boot/arm64/ipxe.efi"
px firmware list --json
expect_json "firmware list: the ARM64 build, recorded under the plan's name" \
  "[(i['state'], i['firmware'], i['embedded_script']) for i in d['images'] if i['name'] == 'boot/arm64/ipxe.efi']" \
  "[('own-build', 'UEFI ARM64', True)]"

# firmware import of iPXE's signed build (ipxeboot.tar.gz's layout), faked: Debian's
# Microsoft-signed shim as the shim, the two iPXE builds signed with a test key (sbsign), the
# -shim names as symbolic links to the shim.
sbset=$files/ipxeboot
mkdir -p "$sbset/x86_64-sb" "$files/wrong/arm64-sb"
openssl req -new -x509 -newkey rsa:2048 -nodes -subj "/CN=pxebridge test iPXE signer" \
  -days 2 -keyout "$files/test.key" -out "$files/test.crt" >/dev/null 2>&1
for f in ipxe.efi snponly.efi; do
  sbsign --key "$files/test.key" --cert "$files/test.crt" --output "$sbset/x86_64-sb/$f" \
    "$FIRMWARE/$f" >/dev/null 2>&1
done
cp "$FIRMWARE/secureboot/shimx64.efi" "$sbset/x86_64-sb/"
ln -s shimx64.efi "$sbset/x86_64-sb/ipxe-shim.efi"
ln -s shimx64.efi "$sbset/x86_64-sb/snponly-shim.efi"
px firmware import "$(winpath "$sbset")"
expect "firmware import: exit 0, the shim links shown as files signed by Microsoft" 0 \
  "x86_64-sb/snponly-shim.efi .*signed by Microsoft Corporation UEFI CA 2011"
expect "firmware import: the test-signed iPXE shown with its signer" 0 \
  "x86_64-sb/snponly.efi .*signed by pxebridge test iPXE signer"
check "firmware import: the links are real files in the TFTP root, the shim's bytes" \
  sh -c '! test -L "$1/x86_64-sb/snponly-shim.efi" && cmp -s "$1/x86_64-sb/snponly-shim.efi" "$2"' \
  _ "$root" "$FIRMWARE/secureboot/shimx64.efi"
px firmware list --json
expect_json "firmware list: the imported shim is your build, accepted by Secure Boot" \
  "[(i['state'], i['signature']['secure_boot']) for i in d['images'] if i['name'] == 'x86_64-sb/snponly-shim.efi']" \
  "[('own-build', 'accepted')]"
printf 'BootServer=10.0.0.5\nUefiX64File=x86_64-sb/snponly-shim.efi\n' >"$files/plan.txt"
px --plan-file "$(winpath "$files/plan.txt")" explain --arch 7
expect "explain: the imported signed iPXE, its shim signed by Microsoft" 0 \
  "Signature: signed by Microsoft Corporation UEFI CA 2011"
cp "$FIRMWARE/snponly.efi" "$files/wrong/arm64-sb/"
px firmware import "$(winpath "$files/wrong")"
expect "firmware import: an x64 program in arm64-sb refused, saying what it is" 1 \
  "does not suit UefiArm64File: it is a UEFI application for x64"
check "firmware import: nothing written when refused" test ! -e "$root/arm64-sb"
# The same build as ipxe.org publishes it, ipxeboot.tar.gz (GNU tar keeps the links as
# links), read without unpacking: into an empty TFTP root folder.
tar -czf "$files/ipxeboot.tar.gz" -C "$sbset" .
rm -rf "$root/x86_64-sb"
px firmware import "$(winpath "$files/ipxeboot.tar.gz")"
expect "firmware import of ipxeboot.tar.gz: exit 0, its links shown as files signed by Microsoft" \
  0 "x86_64-sb/snponly-shim.efi .*signed by Microsoft Corporation UEFI CA 2011"
check "firmware import of ipxeboot.tar.gz: its links are real files, the shim's bytes" \
  sh -c '! test -L "$1/x86_64-sb/ipxe-shim.efi" && cmp -s "$1/x86_64-sb/ipxe-shim.efi" "$2"' \
  _ "$root" "$FIRMWARE/secureboot/shimx64.efi"
check "firmware import of ipxeboot.tar.gz: the test-signed iPXE is its own bytes" \
  cmp -s "$root/x86_64-sb/snponly.efi" "$sbset/x86_64-sb/snponly.efi"
tar -cf "$files/wrong.tar" -C "$files/wrong" .
px firmware import "$(winpath "$files/wrong.tar")"
expect "firmware import of a plain .tar: an x64 program in arm64-sb refused, named in the archive" \
  1 "arm64-sb/snponly.efi in .*wrong.tar does not suit UefiArm64File: it is a UEFI application"
check "firmware import of a plain .tar: nothing written when refused" test ! -e "$root/arm64-sb"
mkdir -p "$files/dangling/x86_64-sb"
ln -s gone.efi "$files/dangling/x86_64-sb/snponly-shim.efi"
tar -czf "$files/dangling.tar.gz" -C "$files/dangling" .
px firmware import "$(winpath "$files/dangling.tar.gz")"
expect "firmware import of an archive with a link to nothing: exit 1, the link named" 1 \
  "x86_64-sb/snponly-shim.efi in .* is a link to nothing in the archive; nothing imported"
head -c 1000 "$files/ipxeboot.tar.gz" >"$files/cut.tar.gz"
px firmware import "$(winpath "$files/cut.tar.gz")"
expect "firmware import of an archive cut short: exit 1, says so" 1 \
  "cut.tar.gz cannot be unpacked: it is cut short; nothing imported"
px firmware import "$(winpath "$FIRMWARE/snponly.efi")"
expect "firmware import of a PE file that is no archive (snponly.efi): exit 1, it is no wimboot" 1 \
  "snponly.efi is an EFI application but has no wimboot version string"

# A request in a protocol version the service does not speak.
w "$PIPE_LINE" "PXB/9 status" >"$files/out" 2>"$files/err"
rc=$?
expect "a raw request of protocol version 9 gets an answer" 0
expect_json "the answer: ok false, version 1, supported [1]" "(d['ok'], d['version'], d['supported'])" "(False, 1, [1])"
expect_json "the answer names the version it speaks" "'PXB/1' in d['error'] and '9' in d['error']" "True"

px service stop
expect "service stop: exit 0, stopped" 0 "is stopped"
check "the service has stopped" eval 'svc_status "$SERVICE" | grep -q "state=STOPPED"'
px_cases <<CASES
0 | service stop | stopped already | service stop again: exit 0, stopped already
1 | status | service start | status of a stopped service: exit 1 with the hint
1 | clients | service start | clients of a stopped service: exit 1 with the hint
CASES
px status --json
expect_json "status --json of a stopped service: running false, state stopped" "(d['running'], d['state'])" "(False, 'stopped')"
px_cases <<CASES
0 | log --lines 3 | PxeBridge stopped | log of a stopped service: the log file's tail
0 | service restart | is running | service restart of a stopped service: running
0 | service uninstall | uninstalled | service uninstall: stops it and removes it
1 | status | not installed | status after uninstall: not installed
CASES
check "svcctl no longer finds the service" eval '! svc_status "$SERVICE" | grep -q "state="'
check "its Event Log source is removed" eval '! w reg query "$EVENTLOG_KEY" >/dev/null 2>&1'
px service uninstall
expect "service uninstall again: exit 1, not installed" 1 "not installed: run 'pxebridge service install'"
finish
