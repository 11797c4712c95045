#!/usr/bin/env bash
# winpe.sh: the wine test of `pxebridge winpe add|list|verify|remove` (make wine; needs OUT,
# with $OUT/bin/pxebridge.exe built, and wimlib-imagex from Debian's wimtools). In a fresh
# prefix, with WIMs wimlib-imagex makes here (a folder holding
# Windows/Boot/EFI/bootmgfw.efi and a few files, captured as an x64 WinPE, a second arm64
# image appended), it adds a boot.wim with --inject, a folder as the ADK's copype makes it,
# and --index 2 with --arch; checks that the files in winpe\NAME\ of the TFTP root are the
# sources' bytes and the catalog lists them; list and verify, text and --json; verify
# naming an altered and a missing file; each refusal (not a WIM, a .swm part from
# `wimlib-imagex split`, a solid LZMS WIM, index out of range, arch mismatch, a missing
# SOURCE or --inject FILE, a bad NAME, an unknown arch, a NAME taken) with its exit code and
# message, and nothing written by it; --replace; remove.
# Last line: "winpe: N passed, M failed"; exit status non-zero on failure.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

suite_start winpe "$OUT/bin/pxebridge.exe"
command -v wimlib-imagex >/dev/null || abort "wimlib-imagex is installed (Debian's wimtools; build/install-deps.sh)"
CLI=$OUT/bin/pxebridge.exe

# --- WIMs and sources made here ----------------------------------------------------------
step "sources"
src=$files/src
mkdir -p "$src/pe/Windows/Boot/EFI" "$src/pe/Windows/System32"
printf 'boot manager marker\n' >"$src/pe/Windows/Boot/EFI/bootmgfw.efi"
printf '@echo off\r\nwpeinit\r\n' >"$src/pe/Windows/System32/startnet.cmd"
head -c 20000 /dev/urandom >"$src/pe/Windows/System32/payload.bin"
wim=$src/boot.wim
wimlib-imagex capture "$src/pe" "$wim" "Microsoft Windows PE (amd64)" --boot >/dev/null &&
wimlib-imagex info "$wim" 1 --image-property WINDOWS/ARCH=9 \
  --image-property WINDOWS/VERSION/MAJOR=10 --image-property WINDOWS/VERSION/MINOR=0 \
  --image-property WINDOWS/VERSION/BUILD=26100 --image-property WINDOWS/VERSION/SPBUILD=1 \
  >/dev/null &&
wimlib-imagex append "$src/pe" "$wim" "Microsoft Windows PE (arm64)" >/dev/null &&
wimlib-imagex info "$wim" 2 --image-property WINDOWS/ARCH=12 >/dev/null
check "wimlib-imagex makes a two-image WIM (x64 boot image, arm64 second)" test -s "$wim"
copype=$src/WinPE_amd64
mkdir -p "$copype/media/sources" "$copype/media/Boot" "$copype/fwfiles"
cp "$wim" "$copype/media/sources/boot.wim"
printf 'BCD hive' >"$copype/media/Boot/BCD"
printf 'SDI' >"$copype/media/Boot/boot.sdi"
printf 'bootmgr' >"$copype/media/bootmgr"
printf '[LaunchApps]\r\n%%SYSTEMDRIVE%%\\deploy.cmd\r\n' >"$src/winpeshl.ini"
printf 'not a WIM at all' >"$src/text.wim"
head -c 3000000 /dev/urandom >"$src/pe/big.bin"
wimlib-imagex capture "$src/pe" "$src/big.wim" --compress=none >/dev/null &&
wimlib-imagex split "$src/big.wim" "$src/big.swm" 1 >/dev/null
check "wimlib-imagex split makes .swm parts" test -s "$src/big2.swm"
rm -f "$src/pe/big.bin"
wimlib-imagex capture "$src/pe" "$src/solid.wim" --solid >/dev/null
check "wimlib-imagex makes a solid (LZMS) WIM" test -s "$src/solid.wim"

root=$files/root
mkdir -p "$root"
px config set "TftpRoot=$(winpath "$root")"
expect "config set TftpRoot: exit 0" 0
pe=$root/winpe/pe-x64

# --- add -----------------------------------------------------------------------------------
step "add"
px winpe add pe-x64 "$(winpath "$wim")" --inject "$(winpath "$src/winpeshl.ini")" --json
expect "winpe add a boot.wim with --inject: exit 0" 0
expect_json "add --json: the boot image's architecture" "d['arch']" x64
expect_json "add --json: its WIM image, name and version" "(d['index'], d['image_name'], d['version'])" "(1, 'Microsoft Windows PE (amd64)', '10.0.26100.1')"
expect_json "add --json: boot.wim then the injected file" "[(f['name'], f['injected']) for f in d['files']]" "[('boot.wim', False), ('winpeshl.ini', True)]"
expect_json "add --json: boot.wim's size and SHA-256" "(d['files'][0]['size'], d['files'][0]['sha256'])" "($(stat -c %s "$wim"), '$(sha256sum "$wim" | cut -d' ' -f1)')"
check "boot.wim in winpe\\pe-x64 is the source's bytes" cmp -s "$wim" "$pe/boot.wim"
check "winpeshl.ini in winpe\\pe-x64 is the injected file's bytes" cmp -s "$src/winpeshl.ini" "$pe/winpeshl.ini"
check "the catalog records the image, its files and sums" \
  grep -qx "Inject=winpeshl.ini $(stat -c %s "$src/winpeshl.ini") $(sha256sum "$src/winpeshl.ini" | cut -d' ' -f1)" "$root/winpe/catalog.txt"
check "no temporary file is left" test -z "$(find "$root" -name '*.pxb-tmp')"

px winpe add pe-copype "$(winpath "$copype")"
expect "winpe add a copype folder: exit 0" 0 "Added WinPE image pe-copype"
check "add of a copype folder takes boot.wim, bootmgr, BCD and boot.sdi" out_has "files: boot.wim bootmgr BCD boot.sdi"
check "BCD of media\\Boot is copied as BCD" cmp -s "$copype/media/Boot/BCD" "$root/winpe/pe-copype/BCD"

px winpe add pe-arm --index 2 --arch arm64 "$(winpath "$wim")" --json
expect "winpe add --index 2 --arch arm64: exit 0" 0
expect_json "add --index 2: the second image, arm64" "(d['index'], d['arch'], d['image_name'])" "(2, 'arm64', 'Microsoft Windows PE (arm64)')"

# --- list, verify --------------------------------------------------------------------------
step "list and verify"
px winpe list
expect "winpe list: exit 0, the x64 image with its WIM image and version" 0 'pe-x64: x64, [0-9]* bytes, WIM image 1 "Microsoft Windows PE (amd64)" version 10.0.26100.1'
expect "winpe list names the injected file" 0 'injected: winpeshl.ini'
px winpe list --json
expect_json "list --json: the three images" "[i['name'] for i in d['images']]" "['pe-x64', 'pe-copype', 'pe-arm']"
expect_json "list --json: the injected files" "d['images'][0]['injected']" "['winpeshl.ini']"
px winpe verify
expect "winpe verify of untouched images: exit 0" 0 'pe-x64: intact (2 files)'
printf 'X' | dd of="$pe/boot.wim" bs=1 seek=300 conv=notrunc 2>/dev/null
rm -f "$root/winpe/pe-copype/BCD"
px winpe verify
expect "winpe verify after a change: exit 1, names the altered boot.wim" 1 'pe-x64: boot.wim altered: its SHA-256 is not the recorded one'
expect "winpe verify names the missing BCD" 1 'pe-copype: BCD missing'
px winpe verify pe-arm
expect "winpe verify NAME checks that image only: exit 0" 0 'pe-arm: intact'
px winpe verify pe-copype --json
expect "winpe verify NAME --json of a changed image: exit 1" 1
expect_json "verify --json names the file and its state" "d['images'][0]['differ']" "[{'file': 'BCD', 'state': 'missing'}]"

# --- refusals, and nothing written by them ----------------------------------------------------
step "refusals"
snapshot() { (cd "$root" && find . -type f -print0 | sort -z | xargs -0 sha256sum); }
before=$(snapshot)
px_cases <<CASES
1 | winpe add bad1 $(winpath "$src/text.wim") | not a WIM file | not a WIM: exit 1, says so
1 | winpe add bad2 $(winpath "$src/big.swm") | a part of a split WIM (.swm, part 1 of | a .swm split part: exit 1, says split and how to join
1 | winpe add bad3 $(winpath "$src/solid.wim") | a solid WIM | a solid LZMS WIM: exit 1, wimboot cannot read it
1 | winpe add bad4 $(winpath "$wim") --index 5 | --index 5 is out of range: the WIM holds 2 image | --index out of range: exit 1
1 | winpe add bad5 $(winpath "$wim") --arch arm64 | image 1 (Microsoft Windows PE (amd64)) is for x64, not arm64 | an arch mismatch: exit 1
1 | winpe add pe-x64 $(winpath "$wim") | in the catalog already: give --replace | a NAME taken: exit 1, says --replace
2 | winpe add bad6 $(winpath "$src/no-such.wim") | SOURCE .*no-such.wim is not there | a missing SOURCE: exit 2
2 | winpe add bad7 $(winpath "$wim") --inject $(winpath "$src/no-such.ini") | --inject .*no-such.ini is not there | a missing --inject FILE: exit 2
2 | winpe add bad/name $(winpath "$wim") | may hold only letters, digits | a bad NAME: exit 2
2 | winpe add bad8 $(winpath "$wim") --arch amd64 | unknown architecture 'amd64': give x86, x64 or arm64 | an unknown arch: exit 2
2 | winpe add bad9 $(winpath "$wim") --index 0 | --index 0 is not a WIM image number | --index 0: exit 2
2 | winpe add bad10 | give NAME and SOURCE | no SOURCE: exit 2
2 | winpe remove nothing-here | no WinPE image is named nothing-here | remove of an unknown NAME: exit 2
CASES
check "nothing in the TFTP root changed by the refusals" test "$(snapshot)" = "$before"

# --- replace, remove ------------------------------------------------------------------------
step "replace and remove"
px winpe add pe-x64 "$(winpath "$wim")" --replace
expect "winpe add --replace: exit 0" 0 "Replaced WinPE image pe-x64"
check "--replace copies the WIM again" cmp -s "$wim" "$pe/boot.wim"
check "--replace takes away the injected file the new entry lacks" test ! -e "$pe/winpeshl.ini"
px winpe verify pe-x64
expect "verify after --replace: exit 0" 0 'pe-x64: intact (1 files)'
px winpe remove pe-x64
expect "winpe remove: exit 0" 0 "Removed WinPE image pe-x64"
check "remove deletes the image's folder" test ! -e "$pe"
px winpe list --json
expect_json "list after remove: the other two images" "[i['name'] for i in d['images']]" "['pe-copype', 'pe-arm']"
px winpe remove pe-x64
expect "remove again: exit 2" 2 "no WinPE image is named pe-x64"

finish
