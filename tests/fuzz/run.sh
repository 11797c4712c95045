#!/usr/bin/env bash
# run.sh: runs each libFuzzer target given as an argument for FUZZ_SECONDS (default 30)
# from a seed corpus of valid requests, then prints "fuzz: N passed, M failed".
# A crash, leak or sanitizer report fails the target; its reproducer stays in $OUT/fuzz/.
set -u
seconds=${FUZZ_SECONDS:-30}
out=${OUT:-out}/fuzz
. "$(dirname "$0")/../lib/harness.sh"
harness_start fuzz

seed_engine() { # event kind 0 = request on the listening port, then 2 length bytes
  local dir=$1 body
  mkdir -p "$dir"
  for body in '\x00\x01small\x00octet\x00' \
              '\x00\x01big\x00octet\x00blksize\x00512\x00windowsize\x004\x00tsize\x000\x00' \
              '\x00\x01empty\x00netascii\x00timeout\x002\x00' \
              '\x00\x02small\x00octet\x00'; do
    local len; len=$(printf "$body" | wc -c)
    { printf '\x00'; printf "\\x$(printf %02x $((len >> 8)))\\x$(printf %02x $((len & 255)))";
      printf "$body"; printf '\x01\x00\x04\x00\x04\x00\x00'; } > "$dir/seed-$len"
  done
}

seed_path() {
  local dir=$1
  mkdir -p "$dir"
  printf '/Boot\\x64\\ipxe.efi' > "$dir/a"; printf '../etc/passwd' > "$dir/b"
  printf 'undionly.kpxe\xff' > "$dir/c"; printf 'C:\\x' > "$dir/d"
}

seed_http() { # URL, NUL, Range, NUL, If-Modified-Since, NUL, 8 bytes of file size
  local dir=$1
  mkdir -p "$dir"
  printf '/pxb/boot.ipxe\x00bytes=0-9\x00\x00\x00\x10\x00\x00\x00\x00\x00\x00' > "$dir/a"
  printf '/pxb/%%2e%%2e/x\x00bytes=-5\x00Sun, 06 Nov 1994 08:49:37 GMT\x00' > "$dir/b"
}

# Signed and unsigned UEFI programs from `make firmware`, and the start of each: the reader
# walks PE headers, the certificate table and the PKCS#7 inside it.
seed_authenticode() {
  local dir=$1 f firmware=${OUT:-out}/firmware
  mkdir -p "$dir"
  for f in "$firmware/secureboot/shimx64.efi" "$firmware/secureboot/fbx64.efi" \
           "$firmware/snponly.efi"; do
    [ -f "$f" ] && cp "$f" "$dir/$(basename "$f")"
    [ -f "$f" ] && head -c 4096 "$f" > "$dir/head-$(basename "$f")"
  done
  return 0
}

# Archives of iPXE's signed build's layout, as GNU tar writes them (links kept as links),
# gzip-compressed and not.
seed_tar() {
  local dir=$1 tree
  mkdir -p "$dir"
  tree=$(mktemp -d)
  mkdir -p "$tree/x86_64-sb" "$tree/arm64-sb"
  printf 'MZ shim' > "$tree/x86_64-sb/shimx64.efi"
  printf 'MZ snponly' > "$tree/x86_64-sb/snponly.efi"
  ln -s shimx64.efi "$tree/x86_64-sb/snponly-shim.efi"
  ln -s ../x86_64-sb/shimx64.efi "$tree/arm64-sb/snponly-shim.efi"
  tar -cf "$dir/plain.tar" -C "$tree" .
  tar -czf "$dir/packed.tar.gz" -C "$tree" .
  tar --format=pax -cf "$dir/pax.tar" -C "$tree" .
  rm -rf "$tree"
}

# A PXE client's DHCPDISCOVER (EDK2 x64, with option 97) and DHCPREQUEST, after the byte
# that picks port and plan (fuzz_proxy_answer.c): header, chaddr, the cookie, options.
seed_proxy() {
  local dir=$1 sel type
  mkdir -p "$dir"
  for sel in 02 03 0b 13 05; do
    for type in 01 03; do
      { printf "\\x$sel\\x01\\x01\\x06\\x00\\x12\\x34\\x56\\x78"; head -c 20 /dev/zero
        printf '\x52\x54\x00\x12\x34\x57'; head -c 202 /dev/zero
        printf '\x63\x82\x53\x63'
        printf "\\x35\\x01\\x$type"; printf '\x5d\x02\x00\x07\x61\x11\x00'; head -c 16 /dev/zero
        printf '\x3c\x20PXEClient:Arch:00007:UNDI:003016'
        printf '\x2b\x07\x47\x04\x80\x00\x00\x00\xff\x4d\x04iPXE\xff'
      } > "$dir/seed-$sel-$type"
    done
  done
}

# WIMs as wimlib-imagex makes them (LZX with two images, XPRESS, none), with the XML
# properties winpe add reads set: header, resources, XML metadata.
seed_wim() {
  local dir=$1 tree c
  mkdir -p "$dir"
  tree=$(mktemp -d)
  mkdir -p "$tree/src/Windows/Boot/EFI"
  printf 'boot' > "$tree/src/Windows/Boot/EFI/bootmgfw.efi"
  for c in LZX XPRESS none; do
    wimlib-imagex capture "$tree/src" "$dir/$c.wim" "PE $c" --boot --compress=$c >/dev/null
    wimlib-imagex info "$dir/$c.wim" 1 --image-property WINDOWS/ARCH=9 \
      --image-property WINDOWS/VERSION/MAJOR=10 --image-property WINDOWS/VERSION/BUILD=26100 \
      >/dev/null
  done
  wimlib-imagex append "$tree/src" "$dir/LZX.wim" "Second" >/dev/null
  rm -rf "$tree"
}

for bin in "$@"; do
  name=$(basename "$bin")
  corpus="$out/corpus-$name"
  case "$name" in
    fuzz_tftp_engine) seed_engine "$corpus" ;;
    fuzz_tftp_path) seed_path "$corpus" ;;
    fuzz_http_request) seed_http "$corpus" ;;
    fuzz_authenticode) seed_authenticode "$corpus" ;;
    fuzz_tar_archive) seed_tar "$corpus" ;;
    fuzz_proxy_answer) seed_proxy "$corpus" ;;
    fuzz_wim_info) seed_wim "$corpus" ;;
  esac
  echo "fuzz: $name for ${seconds}s"
  if (cd "$out" && "./$name" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 "corpus-$name") > "$out/$name.log" 2>&1; then
    tail -n 4 "$out/$name.log"
    pass "$name for ${seconds}s"
  else
    tail -n 40 "$out/$name.log"
    fail "$name (log: $out/$name.log)"
  fi
done
finish
