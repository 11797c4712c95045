#!/usr/bin/env bash
# run.sh (make check): the pinned iPXE images and signed chain. fetch-ipxe.sh ships exactly
# the images firmware/ipxe.lock pins (fetch-signed.sh those of firmware/signed.lock), with
# the licences and source note, and stops with a message naming the image when a pinned sum
# does not match (nothing is shipped from that package then).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
out=$(mkdir -p "$top/${OUT:-out}/test-firmware" && cd "$top/${OUT:-out}/test-firmware" && pwd)
. "$top/tests/lib/harness.sh"
harness_start firmware

good="$out/good"
rm -rf "$good"
check "the pinned images are fetched" "$top/firmware/fetch-ipxe.sh" "$good"
pinned_sum() { awk -v img="$1" '$1 == img {print $3}' "$top/firmware/ipxe.lock"; }
for image in undionly.kpxe ipxe.efi snponly.efi; do
  check "$image matches its pinned SHA-256" \
    test "$(sha256sum < "$good/$image" | cut -d' ' -f1)" = "$(pinned_sum "$image")"
done
check "iPXE's licence ships" test -s "$good/licenses/GPL-2.txt"
check "the note of where iPXE's source is ships" grep -q "apt-get source ipxe" "$good/licenses/ipxe-source.txt"

bad="$out/bad"
rm -rf "$bad" && mkdir -p "$bad" && cp -r "$good/.deb" "$bad/"
sed 's/^\(snponly.efi *[^ ]* *\)[0-9a-f]*/\10000000000000000000000000000000000000000000000000000000000000000/' \
  "$top/firmware/ipxe.lock" > "$out/bad.lock"
PXB_IPXE_LOCK="$out/bad.lock" "$top/firmware/fetch-ipxe.sh" "$bad" > "$out/bad.log" 2>&1
rc=$?
check "a mismatching sum stops the fetch (exit 1)" test "$rc" -eq 1
check "the message names the image and both sums" grep -q "snponly.efi (usr/lib/ipxe/snponly.efi) has SHA-256 18fc84b6.*pins 00000000" "$out/bad.log"
check "nothing is shipped from that package" test ! -e "$bad/undionly.kpxe" -a ! -e "$bad/licenses/GPL-2.txt"

# The signed chain (firmware/signed.lock) the same way: every image as pinned, into
# secureboot/, the packages' licences beside; a mismatch ships nothing.
signed="$out/signed"
rm -rf "$signed"
check "the pinned signed chain is fetched" "$top/firmware/fetch-signed.sh" "$signed"
signed_sum() { awk -v img="$1" '$1 == img {print $3}' "$top/firmware/signed.lock"; }
for image in secureboot/shimx64.efi secureboot/grubx64.efi secureboot/mmx64.efi secureboot/fbx64.efi; do
  check "$image matches its pinned SHA-256" \
    test "$(sha256sum < "$signed/$image" | cut -d' ' -f1)" = "$(signed_sum "$image")"
done
check "each package's licence ships, and GRUB's GPL-3" \
  test -s "$signed/licenses/shim-signed-copyright.txt" -a \
  -s "$signed/licenses/grub-efi-amd64-signed-copyright.txt" -a -s "$signed/licenses/GPL-3.txt"
# The ARM64 chain (Debian's arm64 packages): pinned the same way, each an EFI program for
# ARM64 (PE machine 0xAA64: AAVMF refuses any other) whose signature matches its bytes
# (sbverify's image hash check) and names its signer: Microsoft's UEFI CA for the shim,
# Debian's for GRUB and the helpers.
pe_machine() { python3 -c 'import struct, sys
d = open(sys.argv[1], "rb").read(); pe = struct.unpack_from("<I", d, 0x3c)[0]
print("%s %04x" % (d[pe:pe + 4] == b"PE\0\0", struct.unpack_from("<H", d, pe + 4)[0]))' "$1"; }
signature_intact() {
  sbverify --list "$1" 2>/dev/null | grep -A1 "image signature issuers:" | grep -q "CN=$2\$" &&
    ! sbverify "$1" 2>&1 | grep -q "Image fails hash check"
}
for image in shimaa64:"Microsoft Corporation UEFI CA 2011" grubaa64:"Debian Secure Boot CA" \
             mmaa64:"Debian Secure Boot CA" fbaa64:"Debian Secure Boot CA"; do
  file="secureboot/${image%%:*}.efi"
  check "$file matches its pinned SHA-256" \
    test "$(sha256sum < "$signed/$file" | cut -d' ' -f1)" = "$(signed_sum "$file")"
  check "$file is an EFI program for ARM64 (machine 0xAA64)" \
    test "$(pe_machine "$signed/$file")" = "True aa64"
  check "$file is signed by ${image#*:}, its signature matching the file" \
    signature_intact "$signed/$file" "${image#*:}"
done
check "the ARM64 packages' licences ship" \
  test -s "$signed/licenses/shim-helpers-arm64-signed-copyright.txt" -a \
  -s "$signed/licenses/grub-efi-arm64-signed-copyright.txt"
cp "$signed/secureboot/grubaa64.efi" "$out/tampered.efi"
printf '\001' | dd of="$out/tampered.efi" bs=1 seek=8192 conv=notrunc status=none
signature_broken() { ! signature_intact "$@"; }
check "a changed byte is seen: the signature no longer matches" \
  signature_broken "$out/tampered.efi" "Debian Secure Boot CA"
bad_signed="$out/bad-signed"
rm -rf "$bad_signed" && mkdir -p "$bad_signed" && cp -r "$signed/.deb" "$bad_signed/"
sed 's/^\(secureboot\/grubx64.efi *[^ ]* *\)[0-9a-f]*/\1'"$(printf '0%.0s' {1..64})"'/' \
  "$top/firmware/signed.lock" > "$out/bad-signed.lock"
PXB_SIGNED_LOCK="$out/bad-signed.lock" "$top/firmware/fetch-signed.sh" "$bad_signed" \
  > "$out/bad-signed.log" 2>&1
rc=$?
check "a mismatching signed image stops the fetch (exit 1), naming it" \
  sh -c 'test "$1" -eq 1 && grep -q "secureboot/grubx64.efi .*pins 0000" "$2"' _ "$rc" "$out/bad-signed.log"
check "nothing of the signed chain is shipped then" test ! -e "$bad_signed/secureboot"

finish
