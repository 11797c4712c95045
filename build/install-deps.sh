#!/usr/bin/env bash
# install-deps.sh: installs every Debian package pxebridge needs to build, test and run its demo.
# Idempotent: packages already present are skipped, so a second run only checks and returns.
# Usage: build/install-deps.sh        (as root; uses apt-get, no other source)
set -euo pipefail

packages=(
  # build: native core, cross-compiled Windows binaries, boot programs, MSI
  make gcc clang libclang-rt-14-dev libcmocka-dev pkg-config
  mingw-w64 binutils-mingw-w64-x86-64
  zlib1g-dev libz-mingw-w64-dev
  nasm gnu-efi msitools wixl
  # running and testing the Windows binaries
  wine wine64 xvfb
  # real TFTP clients and peers
  curl tftp-hpa atftp tshark
  # TFTP peers the benchmark fetches with apt-get download need this library
  libwrap0
  # the native HTTP server the benchmark's HTTP row compares the service with
  nginx
  # boot images and the QEMU boot chain
  ipxe ipxe-qemu qemu-system-x86 ovmf iproute2
  # the HTTP Boot test's redirect to its Host-port relay for wine (tests/e2e/http.sh)
  iptables
  # the ARM64 Secure Boot boot: QEMU's aarch64 machine, AAVMF, a cross compiler for the
  # test's static init
  qemu-system-arm qemu-efi-aarch64 gcc-aarch64-linux-gnu libc6-dev-arm64-cross
  # real DHCP servers that check exported configs
  dnsmasq-base isc-dhcp-server kea-dhcp4-server
  # helpers the test scripts use
  python3 procps psmisc xxd bc util-linux
  # cross-checks of the Authenticode signature reader, and test-signed EFI programs
  sbsigntool osslsigncode
  # WIMs for the WinPE tests (wimlib-imagex capture, split, info; tests/e2e/winpe.sh too)
  wimtools
)

# The ARM64 signed chain (firmware/signed.lock's NAME:arm64 packages) and kernel are
# Debian's arm64 builds, which apt downloads only with that architecture enabled.
need_arm64=0
dpkg --print-foreign-architectures | grep -qx arm64 || need_arm64=1

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ] && [ "$need_arm64" = 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps: missing packages: ${missing[*]}" >&2
  [ "$need_arm64" = 0 ] || echo "install-deps: apt's arm64 architecture is not enabled" >&2
  echo "install-deps: run this script as root (it calls dpkg --add-architecture arm64 and apt-get install)" >&2
  exit 1
fi

if [ "$need_arm64" = 1 ]; then
  echo "install-deps: enabling apt's arm64 architecture (Debian's arm64 signed chain)"
  dpkg --add-architecture arm64
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: done"
  exit 0
fi
echo "install-deps: installing ${missing[*]}"
# isc-dhcp-server and kea start daemons from their maintainer scripts; keep them from starting.
policy=/usr/sbin/policy-rc.d
made_policy=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' > "$policy"; chmod +x "$policy"; made_policy=1
fi
trap '[ "$made_policy" = 1 ] && rm -f "$policy"' EXIT
apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "install-deps: done"
