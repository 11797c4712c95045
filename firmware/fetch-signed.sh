#!/usr/bin/env bash
# fetch-signed.sh OUTDIR: puts the pinned Secure Boot chains (firmware/signed.lock: Debian's
# signed shim, its helpers and signed GRUB, for x64 and ARM64) into OUTDIR/secureboot with
# each package's licence in OUTDIR/licenses. A package named NAME:ARCH in the lock (like
# shim-signed:arm64) is Debian's build for that architecture, else amd64's; apt needs that
# architecture enabled (build/install-deps.sh does it). Downloads the packages with apt-get
# download (once; kept in OUTDIR/.deb), checks every package's and image's SHA-256 against
# the lock file before shipping any, and stops with a clear message on a mismatch.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:?usage: fetch-signed.sh OUTDIR}
lock=${PXB_SIGNED_LOCK:-$here/signed.lock}
mkdir -p "$out/.deb" "$out/licenses"
sum() { sha256sum < "$1" | cut -d' ' -f1; }
fail() { echo "fetch-signed: $*" >&2; exit 1; }

# download NAME[:ARCH] VERSION SHA256: the package's .deb into OUTDIR/.deb, checked; prints
# its path.
download() {
  local package=${1%%:*} arch=amd64
  [ "$package" = "$1" ] || arch=${1#*:}
  local deb="$out/.deb/${package}_${2}_${arch}.deb"
  if [ ! -f "$deb" ] || [ "$(sum "$deb")" != "$3" ]; then
    rm -f "$deb"
    (cd "$out/.deb" && apt-get download "$package:$arch=$2" >/dev/null 2>&1) ||
      { apt-get update -qq >/dev/null 2>&1 || true
        (cd "$out/.deb" && apt-get download "$package:$arch=$2" >/dev/null 2>&1); } ||
      fail "cannot download Debian's $package ($arch) version $2 with apt-get;" \
           "is the Debian package registry reachable, and the architecture enabled?" \
           "(apt-cache policy $package:$arch; dpkg --print-foreign-architectures)"
  fi
  [ "$(sum "$deb")" = "$3" ] || fail "$deb has SHA-256 $(sum "$deb"), but $(basename "$lock") pins $3"
  echo "$deb"
}

unpacked="$out/.deb/signed-unpacked"
rm -rf "$unpacked" && mkdir -p "$unpacked"
packages=()
while read -r kind name version sha; do
  [ "$kind" = deb ] || continue
  dpkg-deb -x "$(download "$name" "$version" "$sha")" "$unpacked"
  packages+=("$name")
done < "$lock"

. "$here/pinned-images.sh"
check_pinned "$lock" "$unpacked" || fail "image mismatch: nothing shipped"
for entry in "${pinned[@]}"; do
  install -D -m 0644 "$unpacked/${entry#*:}" "$out/${entry%%:*}"
done
# One licence per package name: an architecture's build carries the same copyright file.
for name in "${packages[@]}"; do
  install -m 0644 "$unpacked/usr/share/doc/${name%%:*}/copyright" \
    "$out/licenses/${name%%:*}-copyright.txt"
done
# GRUB is GPL-3; shim's and its helpers' terms are in their copyright files.
install -m 0644 /usr/share/common-licenses/GPL-3 "$out/licenses/GPL-3.txt"
echo "fetch-signed: ${#pinned[@]} images of ${packages[*]} verified into $out"
