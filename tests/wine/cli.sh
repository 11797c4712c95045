#!/usr/bin/env bash
# cli.sh: the wine test of pxebridge.exe, the admin command line (make wine; needs OUT, with
# $OUT/bin/pxebridge.exe, $OUT/bin/pxebridge-service.exe and $OUT/win/tests/svcctl.exe
# built). In a fresh wine prefix it checks help at every level, --version, exit codes 0/1/2
# and "did you mean" messages; config set/show/reset against the registry (a bad value
# writes nothing and names the setting; a good one lands in the registry and in show
# --json); PARAMCHANGE reaching the real service under wine's SCM (its log shows the
# reload); explain for BIOS, UEFI and iPXE clients; every export format, the ISC, dnsmasq
# and Kea ones checked by dhcpd -t, dnsmasq --test and kea-dhcp4 -t; and, when the dhcpsapi
# test double is built ($OUT/win/tests/dhcpsapi.dll, dhcpdouble.exe), dhcp plan, apply and
# verify against it. Last line: "cli: N passed, M failed"; exit status non-zero on failure.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

SERVICE_EXE=$OUT/bin/pxebridge-service.exe
suite_start cli "$OUT/bin/pxebridge.exe" "$SERVICE_EXE" "$SVCCTL"

# The CLI runs from a folder of its own (the dhcpsapi double goes into System32).
bin=$files/bin
mkdir -p "$bin"
cp "$OUT/bin/pxebridge.exe" "$bin/"
CLI=$bin/pxebridge.exe

setting_json() { # NAME FIELD: a field of a setting in config show --json
  json "[s for g in ('service','boot_plan') for s in d[g]['settings'] if s['name']=='$1'][0]['$2']"
}

# --- help, version, usage errors: cases as data -----------------------------------------
step "help"
px_cases <<CASES
0 | --help | Usage: pxebridge | '--help' prints the top-level help
0 | -h | Usage: pxebridge | '-h' prints the top-level help
0 | help | Usage: pxebridge | 'help' prints the top-level help
2 | | Usage: pxebridge | no command: exit 2 with the help
0 | --version | ^pxebridge $VERSION\$ | --version prints 'pxebridge $VERSION'
0 | dhcp --help | verify | 'dhcp --help' lists the dhcp verbs
0 | dhcp -h | verify | 'dhcp -h' lists the dhcp verbs
0 | dhcp help | verify | 'dhcp help' lists the dhcp verbs
0 | help dhcp | verify | 'help dhcp' lists the dhcp verbs
0 | dhcp apply --help | Examples: | 'dhcp apply --help' prints usage, exit codes and examples
0 | dhcp apply -h | Examples: | 'dhcp apply -h' prints usage, exit codes and examples
0 | help dhcp apply | Examples: | 'help dhcp apply' prints usage, exit codes and examples
0 | explain --help | Examples: | 'explain --help' prints usage, exit codes and examples
0 | config set --help | Examples: | 'config set --help' prints usage, exit codes and examples
0 | dhcp export -h | Examples: | 'dhcp export -h' prints usage, exit codes and examples
0 | dhcp apply --help | --server NAME | dhcp apply --help documents --server
2 | dhcp aply | unknown verb 'aply' for 'dhcp'; did you mean 'apply'? see 'pxebridge dhcp --help' | a mistyped verb: exit 2, did you mean
2 | dhpc plan | did you mean 'dhcp' | a mistyped noun: exit 2, did you mean
2 | dhcp | needs a verb: plan, apply | a noun without a verb: exit 2, the verbs listed
2 | explain --arhc 7 | did you mean '--arch' | a mistyped option: exit 2, did you mean
2 | --json config set BootServer=10.0.0.5 | --json does not apply to 'config set' | --json before a command that writes: exit 2
2 | config set --json BootServer=10.0.0.5 | unknown option '--json' | --json after a command that writes: exit 2
2 | dhcp export --format yaml | unknown format 'yaml' | an unknown export format: exit 2
2 | explain | --arch N or --vendor-class | explain without a client: exit 2, says what to give
1 | explain --plan-file $(winpath "$files/no-such-plan.txt") --arch 0 | cannot open | a missing plan file: exit 1 (failed)
CASES

# --- config: set, show, reset ----------------------------------------------------------
step "config"
px config set Port=abc
expect "config set Port=abc: exit 2, the message names Port" 2 "Port: 'abc' is not"
check "config set Port=abc wrote nothing" test -z "$(reg_value "$PARAMS_KEY" Port)"
px config set LogLevel=debug MaxBlockSize=99999
expect "config set with one bad value of two: exit 2, names MaxBlockSize" 2 "MaxBlockSize"
check "... and wrote neither (LogLevel absent)" test -z "$(reg_value "$PARAMS_KEY" LogLevel)"
px config set Prot=69; expect "an unknown setting: exit 2, did you mean 'Port'" 2 "did you mean 'Port'"
px config set BiosFile=undionly.kpxe
expect "a boot plan without BootServer is refused (exit 2, names BootServer)" 2 "BootServer"
check "... and BiosFile was not written" test -z "$(reg_value "$PLAN_KEY" BiosFile)"
px config set BootServer=10.0.0.5 ScriptUrl=tftp://10.0.0.5/undionly.kpxe
expect "a ScriptUrl that would loop is refused (exit 2)" 2 "ScriptUrl"
check "... and nothing of it was written" test -z "$(reg_value "$PLAN_KEY" BootServer)"
px config set 'TftpRoot=C:\Böötdateien\größe'
expect "config set of a non-ASCII folder: exit 0" 0 'Stored TftpRoot=C:\\Böötdateien\\größe'
px config show --json
expect_json "show --json gives it back as UTF-8" "[s for s in d['service']['settings'] if s['name']=='TftpRoot'][0]['value']" 'C:\Böötdateien\größe'

port=$(free_port)
root=$files/root
mkdir -p "$root"
echo "served" >"$root/hello.txt"
px config set "TftpRoot=$(winpath "$root")" ListenAddresses=127.0.0.1 "Port=$port" \
  'LogDirectory=C:\pxb-cli-logs' LogLevel=debug
expect "config set of good service values: exit 0, says the service is not installed" 0 "not installed"
check "Port landed in the registry ($port)" test "$(reg_value "$PARAMS_KEY" Port)" = "$port"
check "LogLevel landed in the registry (debug)" test "$(reg_value "$PARAMS_KEY" LogLevel)" = debug
px config set bootserver=10.0.0.5 UefiX64File=ipxe.efi
expect "config set of boot plan values (names in any case): exit 0" 0 "Stored BootServer=10.0.0.5"
check "BootServer landed under Parameters\\BootPlan" test "$(reg_value "$PLAN_KEY" BootServer)" = 10.0.0.5
px config show --json
expect "config show --json: exit 0" 0
expect_json "show --json: Port has the new value" "[s for s in d['service']['settings'] if s['name']=='Port'][0]['value']" "$port"
check "show --json: Port is set, default 69" test "$(setting_json Port set) $(setting_json Port default)" = "True 69"
check "show --json: BootServer 10.0.0.5, set" test "$(setting_json BootServer value) $(setting_json BootServer set)" = "10.0.0.5 True"
check "show --json: Scopes not set, empty" test "$(setting_json Scopes set)/$(setting_json Scopes value)" = "False/"
expect_json "show --json: the boot plan counts as configured" "d['boot_plan_configured']" True
px config show; expect "config show (text) lists UefiX64File=ipxe.efi" 0 "UefiX64File *ipxe.efi"
reg_set NotASetting REG_SZ x
px config show --json
expect_json "show --json lists a registry value that is no setting as ignored" "d['service']['ignored']" "['NotASetting']"
reg_delete NotASetting
px_cases <<CASES
0 | config reset MaxBlockSize | Reset MaxBlockSize | config reset of a setting that is not stored: exit 0
2 | config reset BootServer | BootServer | config reset BootServer alone would break the plan: exit 2
2 | config reset --all Port | not both | config reset --all with names: exit 2
CASES

# --- PARAMCHANGE reaches the running service -------------------------------------------
step "PARAMCHANGE"
exe_win=$(winpath "$SERVICE_EXE")
log_file=$WINEPREFIX/drive_c/pxb-cli-logs/pxebridge.log
w sc create "$SERVICE" binpath= "\"$exe_win\"" start= demand >/dev/null
w sc start "$SERVICE" >/dev/null 2>&1
check "the service reaches RUNNING with the settings config set stored" svc_wait "$SERVICE" RUNNING 30
check "it serves on 127.0.0.1:$port" wait_tftp 127.0.0.1 "$port" 30
px config set MaxBlockSize=1024
expect "config set with the service running: exit 0, PARAMCHANGE sent" 0 "sent PARAMCHANGE"
check "the service's log shows the reload" wait_log_matches 'configuration reloaded' 1 15
check "the new MaxBlockSize is in force (blksize 8192 capped to 1024)" sh -c \
  'curl -v -s --max-time 30 --tftp-blksize 8192 -o /dev/null "tftp://127.0.0.1:$1/hello.txt" 2>&1 | grep -q "blksize parsed from OACK (1024)"' \
  _ "$port"
w sc stop "$SERVICE" >/dev/null 2>&1
svc_wait "$SERVICE" STOPPED 30
px config reset MaxBlockSize
expect "config reset with the service stopped: exit 0, says it applies at start" 0 "not running"
check "MaxBlockSize is gone from the registry" test -z "$(reg_value "$PARAMS_KEY" MaxBlockSize)"
px config show --json
check "show --json: LogLevel debug, MaxBlockSize back to 65464 and not set" \
  test "$(setting_json LogLevel value) $(setting_json MaxBlockSize value) $(setting_json MaxBlockSize set)" = "debug 65464 False"

# --- explain ---------------------------------------------------------------------------
step "explain"
plan=$files/plan.txt
printf 'BootServer=10.0.0.5\n# a comment\nUefiX64File=snponly.efi\nHttpBootX64Url=http://10.0.0.5/ipxe.efi\n' >"$plan"
plan_win=$(winpath "$plan")
explain() { # DESC ARGS... -- EXPECTED id/boot_file
  local desc=$1 want=$2
  shift 2
  px --plan-file "$plan_win" explain "$@" --json
  local got
  got=$(json 'd["rule"]["id"] + " " + d["receives"]["boot_file"] + " " + str(d["receives"]["next_server"])')
  if [ "$rc" -eq 0 ] && [ "$got" = "$want" ]; then pass "$desc"; else fail "$desc (exit $rc, got '$got', want '$want')"; fi
}
explain "explain a BIOS client (arch 0)" "bios undionly.kpxe 10.0.0.5" --arch 0
explain "explain a UEFI x64 client (arch 7)" "uefi-x64 snponly.efi 10.0.0.5" --arch 7
explain "explain a UEFI x64 client by vendor class" "uefi-x64 snponly.efi 10.0.0.5" \
  --vendor-class PXEClient:Arch:00007:UNDI:003016
explain "explain iPXE on BIOS" "ipxe tftp://10.0.0.5/boot.ipxe 10.0.0.5" --arch 0 --user-class iPXE
explain "explain iPXE on UEFI" "ipxe tftp://10.0.0.5/boot.ipxe 10.0.0.5" --arch 7 --user-class iPXE
explain "explain a UEFI HTTP boot client (arch 16)" "http-x64 http://10.0.0.5/ipxe.efi None" --arch 16
px --plan-file "$plan_win" explain --arch 16 --json
expect_json "HTTP boot gets option 060 HTTPClient" 'd["receives"]["http_client"]' True
px explain --arch 7 --user-class iPXE
expect "explain from the registry's plan (text)" 0 "tftp://10.0.0.5/boot.ipxe"
out_matches "^Why:" && pass "explain (text) says why" || fail "explain (text) says why"
px config set Scopes=10.0.0.0/24,10.1.0.0/24 ScopeBootServers=10.1.0.0/24=10.1.0.5
expect "config set ScopeBootServers: exit 0" 0 "Stored ScopeBootServers=10.1.0.0/24=10.1.0.5"
check "ScopeBootServers landed under Parameters\\BootPlan" \
  test "$(reg_value "$PLAN_KEY" ScopeBootServers)" = 10.1.0.0/24=10.1.0.5
px explain --arch 7 --user-class iPXE --subnet 10.1.0.7
expect "explain --subnet in a site's scope (registry plan): the site's script" 0 "tftp://10.1.0.5/boot.ipxe"
px config set ScopeBootServers=10.2.0.0/24=10.2.0.5
expect "config set ScopeBootServers of a scope not in Scopes: exit 2, names the fix" 2 \
  "add 10.2.0.0/24 to Scopes"
px config reset ScopeBootServers Scopes
expect "config reset ScopeBootServers Scopes: exit 0" 0
px --plan-file "$plan_win" explain --arch 11 --json
expect_json "an ARM64 client without an image matches no rule" 'd["matched"]' False
# ProxyDhcp: what this service's proxy answers the client, asked of the proxy's own decision
px --plan-file "$plan_win" explain --arch 7 --json
expect_json "ProxyDhcp off: explain says no proxy" 'd["proxy"]' None
proxy_plan=$files/proxy-plan.txt
printf 'BootServer=10.0.0.5\nProxyDhcp=on\n' >"$proxy_plan"
px --plan-file "$(winpath "$proxy_plan")" explain --arch 7 --json
expect_json "ProxyDhcp=on: an x64 UEFI client is offered snponly.efi on 67 and acked on 4011" \
  'd["proxy"]["port_67"]["verdict"] + " " + d["proxy"]["port_67"]["boot_file"] + " " + d["proxy"]["port_4011"]["verdict"] + " " + d["proxy"]["port_4011"]["vendor_class"]' \
  "offered snponly.efi acked PXEClient"
px --plan-file "$(winpath "$proxy_plan")" explain --arch 0 --user-class iPXE
expect "ProxyDhcp=on (text): iPXE is offered the boot script" 0 \
  "port 67   DHCPOFFER: next-server 10.0.0.5, boot file tftp://10.0.0.5/boot.ipxe, 060 PXEClient"
printf 'BootServer=10.0.0.5\nProxyDhcp=4011\n' >"$proxy_plan"
px --plan-file "$(winpath "$proxy_plan")" explain --arch 7 --json
expect_json "ProxyDhcp=4011: port 67 is not answered, 4011 is" \
  'd["proxy"]["port_67"]["verdict"] + " " + d["proxy"]["port_4011"]["verdict"]' "not_for_port acked"

# --- exports ---------------------------------------------------------------------------
step "exports"
mkdir -p "$files/export"
for format in powershell netsh isc dnsmasq kea; do
  target=$files/export/$format.out
  px dhcp export --format "$format" --plan-file "$plan_win" --output "$(winpath "$target")"
  expect "dhcp export --format $format --output FILE: exit 0" 0
  check "the $format export is in the file, no temporary left" \
    sh -c '[ -s "$1" ] && [ ! -e "$1.pxb-tmp" ]' _ "$target"
  px dhcp export --format "$format" --plan-file "$plan_win"
  check "the $format export to stdout equals the file" cmp -s "$files/out" "$target"
done
grep -q 'Add-DhcpServerv4Policy' "$files/export/powershell.out" && pass "powershell export adds policies" || fail "powershell export adds policies"
grep -q 'netsh' "$files/export/netsh.out" && pass "netsh export has netsh commands" || fail "netsh export has netsh commands"
check "dhcpd -t accepts the isc export" sh -c \
  'dhcpd -t -q -cf "$1" -lf "$2/leases" -pf "$2/pid" >"$2/dhcpd.log" 2>&1' _ "$files/export/isc.out" "$files/export"
check "dnsmasq --test accepts the dnsmasq export" sh -c \
  'dnsmasq --test --conf-file="$1" >"$2/dnsmasq.log" 2>&1' _ "$files/export/dnsmasq.out" "$files/export"
check "kea-dhcp4 -t accepts the kea export" sh -c \
  'kea-dhcp4 -t "$1" >"$2/kea.log" 2>&1' _ "$files/export/kea.out" "$files/export"
printf 'UefiX64File=ipxe.efi\n' >"$files/bad-plan.txt"
px dhcp export --format isc --plan-file "$(winpath "$files/bad-plan.txt")"
expect "exporting a plan without BootServer fails (exit 1) and names it" 1 "BootServer"
px dhcp export --format isc --plan-file "$plan_win" --output "$(winpath "$files/no-such-dir/x.conf")"
expect "an --output in a missing folder fails (exit 1)" 1 "cannot create"

# --- dhcp against the dhcpsapi test double ---------------------------------------------
step "dhcp"
px --plan-file "$plan_win" dhcp verify
expect "dhcp verify without any DHCP server API fails (exit 1)" 1
if [ -f "$DOUBLE_DLL" ] && [ -f "$DOUBLE_EXE" ]; then
  cp "$DOUBLE_EXE" "$bin/"
  double_install "$DOUBLE_DLL"
  printf 'BootServer=10.0.0.5\nUefiX64File=snponly.efi\n' >"$files/dhcp-plan.txt"
  plan_win=$(winpath "$files/dhcp-plan.txt")
  state=$files/double-state.txt
  export PXB_DHCP_DOUBLE_STATE
  PXB_DHCP_DOUBLE_STATE=$(winpath "$state")
  w "$bin/dhcpdouble.exe" init >/dev/null 2>&1
  check "the double starts empty" test -s "$state"
  px --plan-file "$plan_win" dhcp plan
  expect "dhcp plan on an empty server: exit 1 (changes pending)" 1
  px --plan-file "$plan_win" dhcp apply
  expect "dhcp apply: exit 0" 0
  err_matches '^\[1/1\] this machine: applying' && pass "dhcp apply shows progress" || fail "dhcp apply shows progress"
  px --plan-file "$plan_win" dhcp verify
  expect "dhcp verify after apply: exit 0 (in line)" 0 "in line"
  px --plan-file "$plan_win" dhcp plan --json
  expect_json "dhcp plan --json after apply: ok, nothing to do" 'd["ok"], d["servers"][0]["status"]' "(True, 'ok')"
  sed -i 's/snponly\.efi/changed-by-hand.efi/g' "$state"
  px --plan-file "$plan_win" dhcp verify
  expect "dhcp verify after a change on the server: exit 1 (drift)" 1 "drift"
  w "$bin/dhcpdouble.exe" add-server dhcp2.corp.example >/dev/null 2>&1
  w "$bin/dhcpdouble.exe" set-fault dhcp2.corp.example unreachable >/dev/null 2>&1
  px --plan-file "$plan_win" dhcp apply --server dhcp2.corp.example --server localhost
  expect "dhcp apply on two servers, the first unreachable: exit 1, summary" 1 "2 servers:"
  px --plan-file "$plan_win" dhcp verify
  expect "... the second was still applied (verify exit 0)" 0
else
  fail "the dhcpsapi test double is built ($DOUBLE_DLL, $DOUBLE_EXE)"
fi

step "done"
finish
