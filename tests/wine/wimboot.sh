#!/usr/bin/env bash
# wimboot.sh: the wine test of wimboot brought in by the admin (make wine; needs OUT with
# pxebridge.exe and the firmware built). The file an admin downloads is WIMBOOT (default the
# shared fixture, wimboot 2.9.0 as the iPXE project signed it); missing, the suite says so as
# NOT RUN, and fails under CI=true. In a fresh wine prefix: `firmware import` of the x86
# hybrid, the i386 and the ARM64 builds, each shown with its version and Microsoft's
# signature and put under its fixed name (wimboot, wimboot.i386, wimboot.arm64) as the same
# bytes; `firmware list --json` and `firmware verify` showing them as the admin's builds;
# an altered copy found by verify; iPXE's snponly.efi and a text file refused with what
# they are, nothing written; `explain` of iPXE clients listing the WinPE images of a
# catalog in the root for their architecture, the default, over TFTP (with its cost) and,
# with HttpPort set, over HTTP from the service's base; `winpe add --wimboot` bringing it
# with an image (a WIM wimlib-imagex makes), and refusing snponly.efi before any copy; the
# service (installed with service install) serving boot.ipxe with the catalog's images,
# logging and showing in status what its menus offer over TFTP, then with HttpPort set over
# HTTP (its HTTP.sys base in the script), and offering an image winpe add brings while it
# runs within seconds, over TFTP and HTTP. Last line: "wimboot: N passed, M
# failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

CLI=$OUT/bin/pxebridge.exe
FIRMWARE=$OUT/firmware
WIMBOOT=${WIMBOOT:-/work/shared/fixtures/wimboot-2.9.0-signed/wimboot}
if [ ! -f "$WIMBOOT" ]; then
  harness_start wimboot
  if [ "${CI:-}" = true ]; then
    fail "wimboot ($WIMBOOT) is missing under CI: set WIMBOOT=FILE"
  else
    echo "NOT RUN: wimboot ($WIMBOOT) is missing; set WIMBOOT=FILE to run this suite" >&2
  fi
  finish
  exit $?
fi
suite_start wimboot "$CLI" "$FIRMWARE/snponly.efi" "$WIMBOOT"

root=$files/root
mkdir -p "$root"
px config set "TftpRoot=$(winpath "$root")"
expect "settings stored" 0

step "firmware import of each build"
cp "$WIMBOOT" "$files/wimboot"
[ -f "$WIMBOOT.i386" ] && cp "$WIMBOOT.i386" "$files/wimboot-i386.efi"
[ -f "$WIMBOOT.arm64" ] && cp "$WIMBOOT.arm64" "$files/downloaded-arm64"
px firmware import "$(winpath "$files/wimboot")"
expect "firmware import of wimboot: exit 0, its version and who signed it" 0 \
  "^Imported wimboot [0-9.]* (for BIOS and x64 UEFI) into .* as wimboot:"
expect "firmware import of wimboot: Microsoft's UEFI CA 2011 signature shown" 0 \
  "^  wimboot  .*bytes  signed by Microsoft Corporation UEFI CA 2011"
check "firmware import: wimboot in the TFTP root, the downloaded bytes" \
  cmp -s "$root/wimboot" "$WIMBOOT"
for build in i386:wimboot-i386.efi:IA32 arm64:downloaded-arm64:ARM64; do
  IFS=: read -r arch file clients <<<"$build"
  [ -f "$files/$file" ] || { fail "the fixture has no $WIMBOOT.$arch"; continue; }
  px firmware import "$(winpath "$files/$file")"
  expect "firmware import of the $arch build under any file name: wimboot.$arch" 0 \
    "^Imported wimboot [0-9.]* (for .*$clients UEFI) into .* as wimboot.$arch:"
  check "firmware import: wimboot.$arch holds the $arch build" \
    cmp -s "$root/wimboot.$arch" "$files/$file"
done

step "firmware list and verify"
px firmware list --json
expect_json "firmware list: the three builds are your builds, their clients named" \
  "sorted((i['name'], i['state'], i['firmware']) for i in d['images'] if i['name'].startswith('wimboot'))" \
  "[('wimboot', 'own-build', 'BIOS and x64 UEFI'), ('wimboot.arm64', 'own-build', 'ARM64 UEFI'), ('wimboot.i386', 'own-build', 'BIOS and IA32 UEFI')]"
expect_json "firmware list: wimboot accepted by Secure Boot (Microsoft's signature)" \
  "[i['signature']['secure_boot'] for i in d['images'] if i['name'] == 'wimboot']" \
  "['accepted']"
px firmware list
expect "firmware list (text): wimboot, its clients and state" 0 "^  wimboot  *BIOS and x64 UEFI own build"
printf 'x' >>"$root/wimboot.arm64"
px firmware verify
expect "firmware verify: an altered wimboot.arm64 found" 1 "wimboot.arm64"

step "explain: what an iPXE client's menu offers of WinPE"
sum=$(printf '%064d' 0)
mkdir -p "$root/winpe"
printf '[pe64]\nArch=x64\nIndex=1\nFile=boot.wim 1000 %s\nFile=BCD 100 %s\n[pe-arm]\nArch=arm64\nIndex=2\nFile=boot.wim 1000 %s\n' \
  "$sum" "$sum" "$sum" >"$root/winpe/catalog.txt"
printf 'BootServer=10.0.0.5\nUefiX64File=snponly.efi\nBootTarget=winpe:pe64\nMenuTimeout=5\n' >"$files/plan.txt"
px --plan-file "$(winpath "$files/plan.txt")" explain --arch 7 --user-class iPXE
expect "explain (x64 iPXE, no HttpPort): the menu's WinPE over TFTP, with its cost" 0 \
  "^Menu:     through wimboot over TFTP from tftp://10.0.0.5/ (lock-step TFTP: minutes"
expect "explain (x64 iPXE): pe64 offered, the default" 0 "^          WinPE pe64 (x64), the default\$"
check "explain (x64 iPXE): the ARM64 image is not offered" out_lacks "pe-arm"
px config set HttpPort=8080
expect "HttpPort stored" 0
px --plan-file "$(winpath "$files/plan.txt")" explain --arch 11 --user-class iPXE --json
expect_json "explain --json (ARM64 iPXE, HttpPort=8080): pe-arm over HTTP from the service's base" \
  "(d['menu']['protocol'], d['menu']['base'], d['menu']['default'], d['menu']['winpe'])" \
  "('HTTP', 'http://10.0.0.5:8080/pxb/', 'pe64', [{'name': 'pe-arm', 'arch': 'arm64', 'index': 2}])"
px --plan-file "$(winpath "$files/plan.txt")" explain --arch 7
expect "explain (a PXE client, not iPXE): no menu lines" 0
check "explain (PXE client): its menu is not shown" out_lacks "Menu:"

step "winpe add --wimboot"
if command -v wimlib-imagex >/dev/null; then
  mkdir -p "$files/pe/Windows/System32"
  printf 'boot manager marker\n' >"$files/pe/bootmgr.txt"
  wimlib-imagex capture "$files/pe" "$files/boot.wim" "Microsoft Windows PE (amd64)" --boot >/dev/null &&
    wimlib-imagex info "$files/boot.wim" 1 --image-property WINDOWS/ARCH=9 >/dev/null
  check "wimlib-imagex makes an x64 boot.wim" test -s "$files/boot.wim"
  rm -f "$root/wimboot"
  px winpe add pe-w "$(winpath "$files/boot.wim")" --wimboot "$(winpath "$files/wimboot")" --json
  expect "winpe add --wimboot: exit 0" 0
  expect_json "winpe add --wimboot --json: the image and wimboot, its version and Microsoft's signature" \
    "(d['name'], d['wimboot']['name'], d['wimboot']['clients'], d['wimboot']['version'] != '', d['wimboot']['signature']['secure_boot'])" \
    "('pe-w', 'wimboot', 'BIOS and x64 UEFI', True, 'accepted')"
  check "winpe add --wimboot: wimboot in the TFTP root, the downloaded bytes" cmp -s "$root/wimboot" "$WIMBOOT"
  px winpe add pe-bad "$(winpath "$files/boot.wim")" --wimboot "$(winpath "$FIRMWARE/snponly.efi")"
  expect "winpe add --wimboot snponly.efi: exit 1, it is no wimboot" 1 "has no wimboot version string"
  check "winpe add --wimboot snponly.efi: the image was not added" test ! -e "$root/winpe/pe-bad"
else
  fail "wimlib-imagex is installed (Debian's wimtools; build/install-deps.sh)"
fi

step "the service: boot.ipxe, its log and status say what the menus offer"
port=$(free_port)
log_file=$files/logs/pxebridge.log
px config set HttpPort=0 ListenAddresses=127.0.0.1 "Port=$port" "LogDirectory=$(winpath "$files/logs")" \
  BootServer=10.0.0.5 UefiX64File=snponly.efi BootTarget=winpe:pe-w MenuTimeout=5
expect "settings and plan stored (BootTarget=winpe:pe-w)" 0
px service install
expect "service install: exit 0" 0 "installed"
px service start
expect "service start: exit 0" 0 "is running"
check "it serves TFTP" wait_tftp 127.0.0.1 "$port" 30
check "its log: the menus offer the catalog's images over TFTP, and what that costs" \
  wait_log_has "over TFTP from tftp://10.0.0.5/: pe64 (x64), pe-arm (arm64, index 2), pe-w (x64); lock-step TFTP takes minutes" 1 20
check "boot.ipxe from the service: pe-w the default, wimboot over TFTP" sh -c \
  'curl -s --max-time 20 -o "$1" "tftp://127.0.0.1:$2/boot.ipxe" &&
   grep -qx "choose --timeout 5000 --default winpe-pe-w selected || goto local" "$1" &&
   grep -qxF "kernel tftp://10.0.0.5/\${pxb-wimboot} || goto winpe-failed" "$1"' _ "$files/got" "$port"
px status
expect "status: the WinPE line" 0 "^WinPE:    3 WinPE images over TFTP from tftp://10.0.0.5/"
px winpe add pe-late "$(winpath "$files/boot.wim")"
expect "winpe add while the service runs: exit 0" 0
check "the service offers the added image within 10 s, without a reload" wait_until 10 sh -c \
  'curl -s --max-time 5 -o "$1" "tftp://127.0.0.1:$2/boot.ipxe" && grep -q "item winpe-pe-late " "$1"' \
  _ "$files/got" "$port"
hport=$(free_tcp_port)
px config set "HttpPort=$hport"
expect "HttpPort set while the service runs" 0
check "the HTTP listener answers boot.ipxe within 90 s" \
  wait_until 90 http_answers "http://127.0.0.1:$hport/pxb/boot.ipxe" 200
check "boot.ipxe over HTTP: wimboot and the files from the service's HTTP base" sh -c \
  'curl -s --max-time 20 -o "$1" "http://127.0.0.1:$2/pxb/boot.ipxe" &&
   grep -qxF "kernel http://10.0.0.5:$2/pxb/\${pxb-wimboot} || goto winpe-failed" "$1" &&
   grep -qxF "initrd http://10.0.0.5:$2/pxb/winpe/pe-w/boot.wim boot.wim || goto winpe-failed" "$1"' \
  _ "$files/got" "$hport"
check "its log: the menus offer them over HTTP now" \
  wait_log_has "offers 4 WinPE images over HTTP from http://10.0.0.5:$hport/pxb/" 1 20
px winpe add pe-http "$(winpath "$files/boot.wim")"
expect "winpe add with HTTP on: exit 0" 0
check "HTTP serves the menu with the added image within 10 s, without a reload" wait_until 10 sh -c \
  'curl -s --max-time 5 -o "$1" "http://127.0.0.1:$2/pxb/boot.ipxe" && grep -q "item winpe-pe-http " "$1"' \
  _ "$files/got" "$hport"
px service uninstall
expect "service uninstall: exit 0" 0 "uninstalled"

step "what is not wimboot is refused"
rm -f "$root/wimboot"
px firmware import "$(winpath "$FIRMWARE/snponly.efi")"
expect "firmware import of iPXE's snponly.efi: exit 1, it is no wimboot" 1 \
  "snponly.efi is an EFI application but has no wimboot version string .*so it is not wimboot .*nothing imported"
check "firmware import of snponly.efi: nothing written" test ! -e "$root/wimboot"
printf 'wimboot v2.9.0, a text file\n' >"$files/notes.txt"
px firmware import "$(winpath "$files/notes.txt")"
expect "firmware import of a text file: exit 2, says what to give" 2 \
  "is neither a folder, a tar archive (it is no tar archive) nor wimboot (no PE image): give"
check "firmware import of a text file: nothing written" test ! -e "$root/wimboot"
finish
