# pinned-images.sh: sourced by fetch-ipxe.sh and fetch-signed.sh. check_pinned LOCK UNPACKED
# checks every image line of a lock file ("image path-in-package sha256") against the
# unpacked packages, printing each mismatch, and fills the array pinned with "image:path";
# returns 1 on any mismatch, so a caller ships nothing half-checked.
check_pinned() {
  local lock=$1 unpacked=$2 image path sum got status=0
  pinned=()
  while read -r image path sum; do
    case "$image" in ''|'#'*|version|deb) continue ;; esac
    got=$(sha256sum < "$unpacked/$path" | cut -d' ' -f1)
    if [ "$got" != "$sum" ]; then
      echo "$(basename "$0"): $image ($path) has SHA-256 $got, $(basename "$lock") pins $sum" >&2
      status=1
    fi
    pinned+=("$image:$path")
  done < "$lock"
  return "$status"
}
