#!/usr/bin/env bash
# fetch-signed.sh OUTDIR: puts the pinned Secure Boot chain (firmware/signed.lock: Debian's
# signed shim, its helpers and signed GRUB) into OUTDIR/secureboot with each package's
# licence in OUTDIR/licenses. Downloads the packages with apt-get download (once; kept in
# OUTDIR/.deb), checks every package's and image's SHA-256 against the lock file before
# shipping any, and stops with a clear message on a mismatch.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:?usage: fetch-signed.sh OUTDIR}
lock=${PXB_SIGNED_LOCK:-$here/signed.lock}
mkdir -p "$out/.deb" "$out/licenses"
sum() { sha256sum < "$1" | cut -d' ' -f1; }

# download NAME VERSION SHA256: the package's .deb into OUTDIR/.deb, checked; prints its path.
download() {
  local deb="$out/.deb/${1}_${2}_amd64.deb"
  if [ ! -f "$deb" ] || [ "$(sum "$deb")" != "$3" ]; then
    rm -f "$deb"
    (cd "$out/.deb" && apt-get download "$1=$2" >/dev/null 2>&1) ||
      { apt-get update -qq >/dev/null 2>&1 || true
        (cd "$out/.deb" && apt-get download "$1=$2" >/dev/null 2>&1); } || {
      # GRUB is GPL-3; shim's and its helpers' terms are in their copyright files.
install -m 0644 /usr/share/common-licenses/GPL-3 "$out/licenses/GPL-3.txt"
echo "fetch-signed: cannot download Debian's $1 version $2 with apt-get" >&2
      # GRUB is GPL-3; shim's and its helpers' terms are in their copyright files.
install -m 0644 /usr/share/common-licenses/GPL-3 "$out/licenses/GPL-3.txt"
echo "fetch-signed: is the Debian package registry reachable? (apt-cache policy $1)" >&2
      exit 1; }
  fi
  if [ "$(sum "$deb")" != "$3" ]; then
    # GRUB is GPL-3; shim's and its helpers' terms are in their copyright files.
install -m 0644 /usr/share/common-licenses/GPL-3 "$out/licenses/GPL-3.txt"
echo "fetch-signed: $deb has SHA-256 $(sum "$deb"), but firmware/signed.lock pins $3" >&2
    exit 1
  fi
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
check_pinned "$lock" "$unpacked" || { # GRUB is GPL-3; shim's and its helpers' terms are in their copyright files.
install -m 0644 /usr/share/common-licenses/GPL-3 "$out/licenses/GPL-3.txt"
echo "fetch-signed: image mismatch: nothing shipped" >&2; exit 1; }
for entry in "${pinned[@]}"; do
  install -D -m 0644 "$unpacked/${entry#*:}" "$out/${entry%%:*}"
done
for name in "${packages[@]}"; do
  install -m 0644 "$unpacked/usr/share/doc/$name/copyright" "$out/licenses/$name-copyright.txt"
done
# GRUB is GPL-3; shim's and its helpers' terms are in their copyright files.
install -m 0644 /usr/share/common-licenses/GPL-3 "$out/licenses/GPL-3.txt"
echo "fetch-signed: ${#pinned[@]} images of ${packages[*]} verified into $out"
