#!/usr/bin/env bash
# build-msi.sh VERSION BINDIR FIRMWAREDIR POLICYDIR OUTPUT: builds the pxebridge MSI with
# wixl from installer/pxebridge.wxs (POLICYDIR: the generated Group Policy templates,
# pxebridge.admx and en-US/pxebridge.adml), then adds with msibuild what wixl 0.101 cannot express: the
# system PATH entry and the conditional, permanent settings components
# (installer/beyond-wixl.sql), and the public properties that must reach the installer's
# service side (SecureCustomProperties); and the two programs' file versions (wixl leaves
# File.Version empty, and Windows Installer never replaces a versioned file on disk with an
# unversioned one, so an upgrade would keep the old programs). Writes OUTPUT only when all
# of it worked.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
version=${1:?usage: build-msi.sh VERSION BINDIR FIRMWAREDIR POLICYDIR OUTPUT}
bin=${2:?} firmware=${3:?} policy=${4:?} output=${5:?}
# wixl looks a File's Source up as a child of its folder, and refuses an absolute one
# (make OUT=/some/where): give it the folders relative to here.
bin=$(realpath --relative-to=. "$bin")
firmware=$(realpath --relative-to=. "$firmware")
policy=$(realpath --relative-to=. "$policy")
public="TFTPROOT;PORT;HTTPPORT;DHCPSERVER;BOOTSERVER;BOOTSCRIPTURL;PROXYDHCP;APPLYDHCP;REMOVEDHCP;PURGE"

tmp="$output.tmp"
rm -f "$tmp"
wixl -a x64 -D Version="$version" -D BinDir="$bin" -D FirmwareDir="$firmware" \
  -D PolicyDir="$policy" -o "$tmp" "$here/pxebridge.wxs"
grep -v '^#' "$here/beyond-wixl.sql" | while IFS= read -r query; do
  msibuild "$tmp" -q "$query"
done
secure=$(msiinfo export "$tmp" Property | awk -F'\t' '$1 == "SecureCustomProperties" {print $2}')
msibuild "$tmp" -q "UPDATE \`Property\` SET \`Value\` = '${secure:+$secure;}$public' WHERE \`Property\` = 'SecureCustomProperties'"
msibuild "$tmp" -q "UPDATE \`File\` SET \`Version\` = '$version.0', \`Language\` = '1033' WHERE \`File\` = 'ServiceExe' OR \`File\` = 'CliExe'"
mv "$tmp" "$output"
