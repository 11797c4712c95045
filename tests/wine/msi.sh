#!/usr/bin/env bash
# msi.sh: the wine test of the pxebridge MSI (make wine; needs OUT, with the MSI of the
# VERSION file built by `make msi`, $OUT/win/tests/svcctl.exe and the dhcpsapi.dll test
# double). It reads the MSI back with msiinfo; installs it silently with public properties
# into a fresh wine prefix (the DHCP server APPLYDHCP=1 works on is the test double, placed
# where pxebridge.exe goes) and checks the running service, pxebridge's objects on the DHCP
# server, the files (the Group Policy templates too, the built ones), a byte-exact TFTP
# fetch, the PATH entry, the CLI from PATH reporting the properties, status --json from the
# running service, a setting changed without a restart, and the admin's own build of undionly.kpxe put in place with `firmware replace`; builds the
# next version (`make msi VERSION=...` into $OUT/msi-next) and upgrades to it, checking that
# the configuration, the admin's files and own build stay (FirmwareReapply), then `firmware
# restore` puts the bundled build back; then uninstalls with PURGE=1 REMOVEDHCP=1 and checks
# what is gone (the DHCP objects too) and what is left. Every wait is bounded; it ends only
# its own wineserver.
# Last line: "msi: N passed, M failed"; exit status non-zero on any failure.
set -u
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
. "$here/lib.sh"

NEXT=${VERSION%.*}.$((${VERSION##*.} + 1))
MSI=$OUT/pxebridge-$VERSION-x64.msi
NEXT_OUT=$OUT/msi-next
NEXT_MSI=$NEXT_OUT/pxebridge-$NEXT-x64.msi
suite_start msi "$MSI" "$SVCCTL" "$DOUBLE_DLL" "$DOUBLE_EXE"
# table_has MSI TABLE PATTERN: a row of the MSI's TABLE matches the extended regex PATTERN.
table_has() { msiinfo export "$1" "$2" 2>/dev/null | tr -d '\r' | grep -Eq -- "$3"; }
# installed_px ARGS...: the installed pxebridge from the system PATH (a new cmd.exe reads it
# from the registry); its stdout without CRs.
installed_px() { w cmd /c pxebridge "$@" 2>/dev/null | tr -d '\r'; }
# file_version EXE: the FileVersion string of EXE's version resource.
file_version() { strings -el "$1" | grep -A1 -x FileVersion | tail -n 1; }
# ran LOG ACTION: wine's msiexec log shows ACTION executed.
ran() { grep -aq -- "Action start [0-9:]*: $2\.\$" <(tr -d '\r' <"$1"); }
service_running() { svc_wait "$SERVICE" RUNNING 30; }

# --- the MSI read back -------------------------------------------------------------------
step "msiinfo"
check "the MSI's ProductVersion is $VERSION (the VERSION file)" \
  table_has "$MSI" Property "^ProductVersion	$VERSION\$"
check "ServiceInstall: PxeBridge, automatic start (2), its display name" \
  table_has "$MSI" ServiceInstall '^PxeBridge	PxeBridge	PXE Bridge \(iPXE boot service\)	16	2	'
check "ServiceControl: start on install, stop on both, remove on uninstall (163)" \
  table_has "$MSI" ServiceControl '^PxeBridge	PxeBridge	163	'
check "Environment: the CLI's folder appended to the system Path, removed on uninstall" \
  table_has "$MSI" Environment '^CliOnSystemPath	=-\*Path	\[~\];\[INSTALLDIR\]	Cli$'
check "both programs carry file version $VERSION.0 in the File table" \
  sh -c '[ "$(msiinfo export "$1" File | grep -c "	$2.0	1033")" -eq 2 ]' _ "$MSI" "$VERSION"
check "the boot images and licences are in the File table" \
  sh -c 'for f in undionly.kpxe ipxe.efi snponly.efi pxbinfo.0 pxbinfo.efi ipxe-copyright.txt GPL-2.txt; do
           msiinfo export "$1" File | grep -q "	$f	" || exit 1; done' _ "$MSI"
check "the signed chain, twice (TFTP root, copy for restore), and its licences are in the File table" \
  sh -c 'for f in shimx64.efi grubx64.efi mmx64.efi fbx64.efi; do
           [ "$(msiinfo export "$1" File | grep -c "	$f	")" -eq 2 ] || exit 1; done
         for f in shim-signed-copyright.txt shim-helpers-amd64-signed-copyright.txt \
                  grub-efi-amd64-signed-copyright.txt GPL-3.txt; do
           msiinfo export "$1" File | grep -q "	$f	" || exit 1; done' _ "$MSI"
check "the ARM64 signed chain, twice, and its licences are in the File table" \
  sh -c 'for f in shimaa64.efi grubaa64.efi mmaa64.efi fbaa64.efi; do
           [ "$(msiinfo export "$1" File | grep -c "	$f	")" -eq 2 ] || exit 1; done
         for f in shim-helpers-arm64-signed-copyright.txt grub-efi-arm64-signed-copyright.txt; do
           msiinfo export "$1" File | grep -q "	$f	" || exit 1; done' _ "$MSI"
check "no boot.ipxe is installed (the service generates it)" \
  sh -c '! msiinfo export "$1" File | grep -qi "boot.ipxe"' _ "$MSI"
check "RemoveExistingProducts runs after InstallFinalize (upgrades keep the service)" \
  table_has "$MSI" InstallExecuteSequence '^RemoveExistingProducts		66[0-9][0-9]$'
check "the settings components install only when their property is given" \
  table_has "$MSI" Component '^SettingPort	.*	276	PORT	'
check "HttpPort is written only when HTTPPORT is given" \
  table_has "$MSI" Component '^SettingHttpPort	.*	276	HTTPPORT	'
check "the public properties are secure (reach the installer's service side)" \
  table_has "$MSI" Property '^SecureCustomProperties	.*TFTPROOT;PORT;HTTPPORT;DHCPSERVER'
check "ProxyDhcp is written only when PROXYDHCP is given" \
  table_has "$MSI" Component '^SettingProxyDhcp	.*	276	PROXYDHCP	'
check "PROXYDHCP is a secure property" table_has "$MSI" Property '^SecureCustomProperties	.*;PROXYDHCP;'
check "the proxyDHCP firewall rule opens UDP 67 and 4011 to the service" \
  table_has "$MSI" CustomAction '^ProxyFirewallRuleAdd	.*protocol=UDP localport=67,4011 program=.*service=PxeBridge'

# --- the next version, for the upgrade ---------------------------------------------------
step "build $NEXT"
mkdir -p "$NEXT_OUT"
cp -a "$OUT/firmware" "$NEXT_OUT/"
make --no-print-directory -s -C "$repo" OUT="$NEXT_OUT" VERSION="$NEXT" msi >"$files/next-build.log" 2>&1
check "make msi VERSION=$NEXT builds $NEXT_MSI" test -f "$NEXT_MSI"

# --- install ------------------------------------------------------------------------------
port=$(free_port)
http_port=$(free_tcp_port)
drive_c=$WINEPREFIX/drive_c
bindir=$drive_c/Program\ Files/pxebridge
root_win='C:\pxb-boot'
root=$drive_c/pxb-boot
log_file=$drive_c/ProgramData/pxebridge/logs/pxebridge.log

# The Microsoft DHCP server APPLYDHCP=1 and REMOVEDHCP=1 work on: the dhcpsapi.dll test
# double (docs/dhcp-test-double.md), put where Windows has the real DLL, System32, the only
# place pxebridge.exe loads it from; the local server.
double_install "$DOUBLE_DLL"
check "the installer's actions and the service see the double's state file" \
  double_state_everywhere "$files/double-state.txt"
check "the double starts with an empty server" w "$DOUBLE_EXE" init
# The number of pxebridge's objects on the double's server. A dump that fails is tried again
# (up to 3 times, 1 s apart; its words go to $files/dump.err); if it never succeeds the
# answer is "no dump", no number, so that every comparison with it fails.
dhcp_objects() {
  local dump
  for _ in 1 2 3; do
    if dump=$(w "$DOUBLE_EXE" dump 2>>"$files/dump.err"); then
      tr -d '\r' <<<"$dump" | grep -c '\[pxebridge\]'
      return 0
    fi
    sleep 1
  done
  echo "no dump"
}

step "install $VERSION"
msiexec /i "$(winpath "$MSI")" /qn /l*v "$(winpath "$files/install.log")" \
  TFTPROOT="$root_win" PORT="$port" HTTPPORT="$http_port" DHCPSERVER=localhost BOOTSERVER=192.0.2.10 \
  BOOTSCRIPTURL=http://deploy.test.example/boot.ipxe PROXYDHCP=off APPLYDHCP=1
check "msiexec /i /qn with public properties exits 0" test $? -eq 0
check "the service is RUNNING" service_running
check "the programs are in Program Files\\pxebridge" \
  test -f "$bindir/pxebridge-service.exe" -a -f "$bindir/pxebridge.exe"
check "the Group Policy templates are in Program Files\\pxebridge\\PolicyDefinitions, the built ones" \
  sh -c 'cmp -s "$1/pxebridge.admx" "$2/PolicyDefinitions/pxebridge.admx" &&
         cmp -s "$1/en-US/pxebridge.adml" "$2/PolicyDefinitions/en-US/pxebridge.adml"' \
  _ "$OUT/policy" "$bindir"
check "the boot images and licences are in TFTPROOT" \
  test -f "$root/undionly.kpxe" -a -f "$root/ipxe.efi" -a -f "$root/snponly.efi" \
  -a -f "$root/licenses/ipxe-copyright.txt" -a -f "$root/licenses/GPL-2.txt"
check "the signed chain is in TFTPROOT\\secureboot, byte-exact, with its licences" \
  sh -c 'for f in shimx64.efi grubx64.efi mmx64.efi fbx64.efi; do
           cmp -s "$1/secureboot/$f" "$2/secureboot/$f" || exit 1; done
         test -f "$2/licenses/shim-signed-copyright.txt" -a -f "$2/licenses/GPL-3.txt"' \
  _ "$OUT/firmware" "$root"
check "the ARM64 signed chain is in TFTPROOT\\secureboot, byte-exact, with its licences" \
  sh -c 'for f in shimaa64.efi grubaa64.efi mmaa64.efi fbaa64.efi; do
           cmp -s "$1/secureboot/$f" "$2/secureboot/$f" || exit 1; done
         test -f "$2/licenses/grub-efi-arm64-signed-copyright.txt"' _ "$OUT/firmware" "$root"
check "TFTP answers on the PORT given ($port)" wait_tftp 127.0.0.1 "$port" 30
fetch_curl "$files/undionly.kpxe" 127.0.0.1 "$port" undionly.kpxe
check "curl fetches undionly.kpxe byte-exact" cmp -s "$OUT/firmware/undionly.kpxe" "$files/undionly.kpxe"
check "the service serves a generated boot.ipxe" \
  sh -c 'curl -s --max-time 30 "tftp://127.0.0.1:$1/boot.ipxe" | grep -q "^#!ipxe"' _ "$port"
check "the service serves a generated GRUB menu where Debian's network GRUB looks (grub/grub.cfg)" \
  sh -c 'curl -s --max-time 30 "tftp://127.0.0.1:$1/grub/grub.cfg" | grep -q "pxebridge: GRUB menu for"' _ "$port"
check "the system Path holds C:\\Program Files\\pxebridge" \
  sh -c 'printf "%s" "$1" | grep -qi "C:\\\\Program Files\\\\pxebridge"' _ "$(reg_value "$ENV_KEY" Path)"
check "pxebridge --version from PATH says $VERSION" test "$(installed_px --version)" = "pxebridge $VERSION"
check "the installed programs' version resources say $VERSION" \
  test "$(file_version "$bindir/pxebridge.exe") $(file_version "$bindir/pxebridge-service.exe")" = "$VERSION $VERSION"
installed_px config show --json >"$files/show.json"
shown_setting_is() { python3 - "$files/show.json" "$1" "$2" "$3" <<'EOF'
import json, sys
doc = json.load(open(sys.argv[1]))
rows = {s["name"]: s for s in doc[sys.argv[2]]["settings"]}
row = rows.get(sys.argv[3], {})
sys.exit(0 if row.get("set") and row.get("value") == sys.argv[4] else 1)
EOF
}
check "config show --json: TftpRoot is TFTPROOT" shown_setting_is service TftpRoot "$root_win"
check "config show --json: Port is PORT" shown_setting_is service Port "$port"
check "config show --json: HttpPort is HTTPPORT" shown_setting_is service HttpPort "$http_port"
check "config show --json: DhcpServers is DHCPSERVER" shown_setting_is service DhcpServers localhost
check "config show --json: BootServer is BOOTSERVER" shown_setting_is boot_plan BootServer 192.0.2.10
check "config show --json: ScriptUrl is BOOTSCRIPTURL" \
  shown_setting_is boot_plan ScriptUrl http://deploy.test.example/boot.ipxe
# off, the default, so that nothing listens on this machine's own addresses: it counts as
# set only when PROXYDHCP wrote it.
check "config show --json: ProxyDhcp is PROXYDHCP" shown_setting_is boot_plan ProxyDhcp off
installed_px status --json >"$files/status.json"
status_says() { python3 - "$files/status.json" "$root_win" <<'EOF'
import json, sys
doc = json.load(open(sys.argv[1]))
answer = doc.get("status") or {}
ok = doc.get("running") is True and answer.get("tftp_root", "").lower() == sys.argv[2].lower()
sys.exit(0 if ok and answer["counters"]["completed"] >= 1 else 1)
EOF
}
check "status --json: running, serving TFTPROOT, the fetch counted" status_says
check "the Event Log source names the installed service program" \
  sh -c 'printf "%s" "$1" | grep -qi "pxebridge\\\\pxebridge-service.exe"' _ "$(reg_value "$EVENTLOG_KEY" EventMessageFile)"
check "APPLYDHCP=1 ran 'pxebridge dhcp apply' (the log shows DhcpApply)" \
  ran "$files/install.log" DhcpApply
check "APPLYDHCP=1 created pxebridge's classes and policies on the DHCP server" \
  test "$(dhcp_objects)" -gt 0
check "and the server is in line with the plan (pxebridge dhcp verify)" \
  w "$bindir/pxebridge.exe" dhcp verify >/dev/null 2>&1
check "the firewall rule action ran (FirewallRuleAdd in the log)" \
  ran "$files/install.log" FirewallRuleAdd
check "the HTTP firewall rule action ran (HttpFirewallRuleAdd in the log)" \
  ran "$files/install.log" HttpFirewallRuleAdd
check "the proxyDHCP firewall rule action ran (ProxyFirewallRuleAdd in the log)" \
  ran "$files/install.log" ProxyFirewallRuleAdd
check "the restart-on-failure action ran (ServiceRestartOnFailure in the log)" \
  ran "$files/install.log" ServiceRestartOnFailure
failure_actions=$(reg_value "HKLM\\SYSTEM\\CurrentControlSet\\Services\\$SERVICE" FailureActions)
if [ -n "$failure_actions" ]; then
  pass "the service has failure actions ($failure_actions)"
else
  say "NOTE: wine's sc.exe stored no FailureActions (not checkable under wine)"
fi

step "config set"
installed_px config set MaxBlockSize=1024 >/dev/null
check "config set MaxBlockSize=1024 caps blksize 8192 to 1024 without a restart" sh -c '
  for i in $(seq 1 20); do
    curl -v -s --max-time 30 --tftp-blksize 8192 -o /dev/null "tftp://127.0.0.1:$1/undionly.kpxe" 2>&1 |
      grep -q "blksize parsed from OACK (1024)" && exit 0
    sleep 0.5
  done
  exit 1' _ "$port"
echo "the admin's own file" >"$root/admin.txt"
{ cat "$OUT/firmware/undionly.kpxe"; printf 'own build'; } >"$files/own-undionly.kpxe"
installed_px firmware replace undionly.kpxe "$(winpath "$files/own-undionly.kpxe")" >/dev/null
check "firmware replace puts the admin's own undionly.kpxe in place" \
  cmp -s "$files/own-undionly.kpxe" "$root/undionly.kpxe"

# --- upgrade -----------------------------------------------------------------------------
step "upgrade to $NEXT"
msiexec /i "$(winpath "$NEXT_MSI")" /qn /l*v "$(winpath "$files/upgrade.log")"
check "msiexec /i of $NEXT (no properties) exits 0" test $? -eq 0
check "the upgrade did not run the uninstall-only actions (FirewallRuleRemove)" \
  sh -c '! grep -aq "Action start [0-9:]*: FirewallRuleRemove" "$1"' _ "$files/upgrade.log"
check "the service is RUNNING after the upgrade" service_running
check "pxebridge --version from PATH says $NEXT" test "$(installed_px --version)" = "pxebridge $NEXT"
check "the service program's version resource says $NEXT" \
  test "$(file_version "$bindir/pxebridge-service.exe")" = "$NEXT"
check "the running service is $NEXT (its log)" \
  sh -c 'for i in $(seq 1 30); do grep -q "PxeBridge $1 " "$2" && exit 0; sleep 0.5; done; exit 1' _ "$NEXT" "$log_file"
check_same "the settings from install are kept (Port, TftpRoot, DhcpServers)" \
  "$(reg_value "$PARAMS_KEY" Port) $(reg_value "$PARAMS_KEY" TftpRoot) $(reg_value "$PARAMS_KEY" DhcpServers)" \
  "$port $root_win localhost"
check "the boot plan from install is kept (ScriptUrl)" \
  test "$(reg_value "$PLAN_KEY" ScriptUrl)" = http://deploy.test.example/boot.ipxe
check "the admin's setting is kept (MaxBlockSize=1024)" test "$(reg_value "$PARAMS_KEY" MaxBlockSize)" = 1024
check "the admin's file in the TFTP root is kept" test -f "$root/admin.txt"
check "the admin's own build of undionly.kpxe is kept" \
  cmp -s "$files/own-undionly.kpxe" "$root/undionly.kpxe"
own_build_listed() { installed_px firmware list | grep -q "undionly.kpxe .*own build"; }
check "firmware list still knows it as the admin's build" own_build_listed
check "the upgrade's log shows FirmwareReapply ran" ran "$files/upgrade.log" FirmwareReapply
check "the bundled images are kept beside the programs for firmware restore" \
  cmp -s "$OUT/firmware/undionly.kpxe" "$bindir/firmware/undionly.kpxe"
installed_px firmware restore undionly.kpxe >/dev/null
check "firmware restore puts the bundled undionly.kpxe back" \
  cmp -s "$OUT/firmware/undionly.kpxe" "$root/undionly.kpxe"
check "... and forgets the admin's build (no kept copy left)" \
  sh -c '[ -z "$(ls -A "$1" 2>/dev/null)" ]' _ "$drive_c/ProgramData/pxebridge/builds"
bundled_listed() { installed_px firmware list | grep -q "undionly.kpxe .*intact"; }
check "firmware list: undionly.kpxe intact again" bundled_listed
fetch_curl "$files/after-upgrade.kpxe" 127.0.0.1 "$port" undionly.kpxe
check "undionly.kpxe is still served byte-exact on port $port" \
  cmp -s "$OUT/firmware/undionly.kpxe" "$files/after-upgrade.kpxe"
check "the system Path holds the folder exactly once" \
  test "$(reg_value "$ENV_KEY" Path | tr ';' '\n' | grep -ci '^C:\\Program Files\\pxebridge\\\?$')" -eq 1
check "only one pxebridge is registered as installed" \
  test "$(w reg query 'HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall' /s 2>/dev/null | tr -d '\r' | grep -c 'DisplayName *REG_SZ *pxebridge$')" -eq 1

# --- uninstall ---------------------------------------------------------------------------
step "uninstall with PURGE=1 REMOVEDHCP=1"
data_dir=$drive_c/ProgramData/pxebridge
check "before the uninstall, the data folder holds the service's logs" test -d "$data_dir/logs"
msiexec /x "$(winpath "$NEXT_MSI")" /qn /l*v "$(winpath "$files/uninstall.log")" PURGE=1 \
  REMOVEDHCP=1
check "msiexec /x /qn PURGE=1 REMOVEDHCP=1 exits 0" test $? -eq 0
check "REMOVEDHCP=1 ran 'pxebridge dhcp remove' (DhcpRemove in the log)" \
  ran "$files/uninstall.log" DhcpRemove
check "REMOVEDHCP=1 deleted pxebridge's objects from the DHCP server" \
  test "$(dhcp_objects)" -eq 0
check "PURGE=1 ran (PurgeData in the log)" ran "$files/uninstall.log" PurgeData
check "PURGE=1 deleted %ProgramData%\\pxebridge (logs, kept builds)" test ! -e "$data_dir"
service_gone() { ! w "$SVCCTL" query PxeBridge >/dev/null 2>&1; }
check "the service is gone" service_gone
check "the programs are gone" test ! -e "$bindir/pxebridge.exe" -a ! -e "$bindir/pxebridge-service.exe"
check "the Group Policy templates are gone" test ! -e "$bindir/PolicyDefinitions/pxebridge.admx"
check "the boot images are gone" test ! -e "$root/undionly.kpxe" -a ! -e "$root/ipxe.efi"
check "the Path entry is gone" \
  sh -c '! printf "%s" "$1" | grep -qi "pxebridge"' _ "$(reg_value "$ENV_KEY" Path)"
event_source_gone() { ! w reg query "$EVENTLOG_KEY" >/dev/null 2>&1; }
check "the Event Log source is gone" event_source_gone
check "the admin's file in a TFTPROOT outside ProgramData is left, PURGE=1 or not" \
  test -f "$root/admin.txt"
check "the firewall rule removal ran (FirewallRuleRemove in the log)" \
  ran "$files/uninstall.log" FirewallRuleRemove
check "the HTTP firewall rule removal ran (HttpFirewallRuleRemove in the log)" \
  ran "$files/uninstall.log" HttpFirewallRuleRemove
check "the proxyDHCP firewall rule removal ran (ProxyFirewallRuleRemove in the log)" \
  ran "$files/uninstall.log" ProxyFirewallRuleRemove
check "nothing answers on port $port any more" tftp_silent "$port"

step "done"
finish
