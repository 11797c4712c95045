#!/usr/bin/env bash
# fetch-ipxe.sh OUTDIR: puts the pinned iPXE images (firmware/ipxe.lock) into OUTDIR with
# iPXE's licence and a note of where its source is. Downloads Debian's ipxe package with
# apt-get download (once; kept in OUTDIR/.deb), checks the package's and each image's
# SHA-256 against the lock file, and stops with a clear message on any mismatch.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:?usage: fetch-ipxe.sh OUTDIR}
lock=${PXB_IPXE_LOCK:-$here/ipxe.lock}
version=$(awk '$1 == "version" {print $2}' "$lock")
deb_sum=$(awk '$1 == "deb" {print $2}' "$lock")
mkdir -p "$out/.deb" "$out/licenses"
deb="$out/.deb/ipxe_${version}_all.deb"

if [ ! -f "$deb" ] || [ "$(sha256sum < "$deb" | cut -d' ' -f1)" != "$deb_sum" ]; then
  rm -f "$deb"
  if ! (cd "$out/.deb" && apt-get download "ipxe=$version" >/dev/null 2>&1); then
    apt-get update -qq >/dev/null 2>&1 || true
    (cd "$out/.deb" && apt-get download "ipxe=$version" >/dev/null 2>&1) || {
      echo "fetch-ipxe: cannot download Debian's ipxe package version $version with apt-get" >&2
      echo "fetch-ipxe: is the Debian package registry reachable? (apt-cache policy ipxe)" >&2
      exit 1; }
  fi
fi
got=$(sha256sum < "$deb" | cut -d' ' -f1)
if [ "$got" != "$deb_sum" ]; then
  echo "fetch-ipxe: $deb has SHA-256 $got, but firmware/ipxe.lock pins $deb_sum" >&2
  echo "fetch-ipxe: refusing to ship it; see the comment at the top of firmware/ipxe.lock" >&2
  exit 1
fi

unpacked="$out/.deb/unpacked"
rm -rf "$unpacked" && dpkg-deb -x "$deb" "$unpacked"
# Check every image before shipping any, so a mismatch leaves nothing half-updated.
. "$here/pinned-images.sh"
check_pinned "$lock" "$unpacked" ||
  { echo "fetch-ipxe: image mismatch: nothing shipped from this package" >&2; exit 1; }
for entry in "${pinned[@]}"; do
  install -m 0644 "$unpacked/${entry#*:}" "$out/${entry%%:*}"
done

install -m 0644 "$unpacked/usr/share/doc/ipxe/copyright" "$out/licenses/ipxe-copyright.txt"
install -m 0644 /usr/share/common-licenses/GPL-2 "$out/licenses/GPL-2.txt"
install -m 0644 "$here/IPXE-SOURCE.txt" "$out/licenses/ipxe-source.txt"
echo "fetch-ipxe: iPXE $version: undionly.kpxe, ipxe.efi, snponly.efi verified into $out"
