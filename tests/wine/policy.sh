#!/usr/bin/env bash
# policy.sh: the wine test of settings from Group Policy (issue 22; docs/service.md, "Group
# Policy"). Needs OUT with the two programs, svcctl.exe and the generated templates
# ($OUT/policy). It checks the ADMX/ADML templates against every setting `pxebridge config
# show --json` prints (admx_check.py), after proving the check fails on templates with a
# policy left out, a range changed or broken XML. In a fresh wine prefix, with values written
# by wine's reg under HKLM\SOFTWARE\Policies\pxebridge (and \BootPlan) as a Group Policy
# refresh writes them: `config show` says which values come from policy, `config set` of
# such a setting stores it with a warning (exit 0) and still refuses a bad value (exit 2), a
# bad policy value is named with its key; the service serves on the policy's Port, follows a change of the policy key with no
# PARAMCHANGE, falls back to Parameters when the value is removed, keeps its settings when a
# policy value is bad, and follows the key deleted and written again.
# Last line: "policy: N passed, M failed"; exit status non-zero on failure.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

CLI=$OUT/bin/pxebridge.exe
SERVICE_EXE=$OUT/bin/pxebridge-service.exe
ADMX=$OUT/policy/pxebridge.admx
ADML=$OUT/policy/en-US/pxebridge.adml
suite_start policy "$CLI" "$SERVICE_EXE" "$SVCCTL" "$ADMX" "$ADML"
on_fail show_log_tail

POLICY_KEY='HKLM\SOFTWARE\Policies\pxebridge'
POLICY_PLAN_KEY="$POLICY_KEY\\BootPlan"
policy_set() { reg_done 'completed successfully' add "$1" /v "$2" /t "$3" /d "$4" /f; }
policy_delete() { reg_done 'completed successfully|Unable to find' delete "$1" /v "$2" /f; }
# shown GROUP NAME: "value source" of a setting in the last config show --json.
shown() {
  json "[s['value'] + ' ' + s['source'] for s in d['$1']['settings'] if s['name'] == '$2'][0]"
}
admx_check() { python3 "$here/admx_check.py" "$1" "$ADML" "$files/show.json"; }
# fails_with ADMX TEXT: the check fails on ADMX and says TEXT.
fails_with() { ! admx_check "$1" >"$files/check" && grep -qF -- "$2" "$files/check"; }

# --- the templates ----------------------------------------------------------------------
step "templates"
px config show --json
expect "config show --json: exit 0" 0
cp "$files/out" "$files/show.json"
sed '/<policy name="Service_Port"/,/<\/policy>/d' "$ADMX" >"$files/no-port.admx"
check "the check fails on templates without Port's policy" \
  fails_with "$files/no-port.admx" "Port: 0 policies write it"
sed 's/valueName="MaxRetries" minValue="0" maxValue="20"/valueName="MaxRetries" minValue="0" maxValue="21"/' \
  "$ADMX" >"$files/range.admx"
check "the check fails on templates with MaxRetries' range changed" \
  fails_with "$files/range.admx" "MaxRetries: its element is"
sed '$d' "$ADMX" >"$files/cut.admx"
check "the check fails on templates that are not well-formed" \
  fails_with "$files/cut.admx" "not well-formed"
admx_check "$ADMX" >"$files/check"
check "the built templates have every setting, with its type, range and help: $(head -c 300 "$files/check")" \
  test $? -eq 0
check "both templates are well-formed (xmllint)" xmllint --noout "$ADMX" "$ADML"

# --- config show, set and a bad value -----------------------------------------------------
step "config"
root=$files/root
logdir=$files/logs
log_file=$logdir/pxebridge.log
mkdir -p "$root"
echo "hello" >"$root/hello.txt"
port=$(free_port)
gport=$(free_port)
px config set "TftpRoot=$(winpath "$root")" ListenAddresses=127.0.0.1 "Port=$port" \
  "LogDirectory=$(winpath "$logdir")" LogLevel=info
expect "settings stored under Parameters" 0
check "Group Policy's Port written" policy_set "$POLICY_KEY" Port REG_DWORD "$gport"
check "Group Policy's BootServer written" policy_set "$POLICY_PLAN_KEY" BootServer REG_SZ 192.0.2.7
px config show --json
expect "config show --json with policy values: exit 0" 0
check "Port is the policy's, from policy" test "$(shown service Port)" = "$gport policy"
check "LogLevel is from the registry" test "$(shown service LogLevel)" = "info registry"
check "MaxRetries is the default" test "$(shown service MaxRetries)" = "5 default"
check "BootServer is the plan policy's, from policy" \
  test "$(shown boot_plan BootServer)" = "192.0.2.7 policy"
expect_json "the policy keys are named" "d['service']['policy_key'] + ' ' + d['boot_plan']['policy_key']" \
  "$POLICY_KEY $POLICY_PLAN_KEY"
px config show
expect "config show (text): Port from Group Policy" 0 "^  Port  *$gport  (Group Policy; default 69)"
other=$(free_port)
px config set "Port=$other"
expect "config set of a setting policy sets: exit 0, warns that Group Policy sets it" 0 \
  "warning: Group Policy sets Port ($gport, under HKLM.SOFTWARE.Policies.pxebridge)"
check "... and still stores it under Parameters" test "$(reg_value "$PARAMS_KEY" Port)" = "$other"
px config set "Port=$port"
px config set Port=abc
expect "config set of a bad value policy overrides: exit 2, named, nothing written" 2 "Port: 'abc' is not"
check "... Parameters keeps its Port" test "$(reg_value "$PARAMS_KEY" Port)" = "$port"
check "a bad policy value written" policy_set "$POLICY_KEY" LogLevel REG_SZ loud
px config show
expect "config show with a bad policy value: exit 1, named with the policy key" 1 \
  "HKLM.SOFTWARE.Policies.pxebridge: LogLevel: 'loud'"
policy_delete "$POLICY_KEY" LogLevel

# --- the service --------------------------------------------------------------------------
step "service"
w sc create "$SERVICE" binpath= "\"$(winpath "$SERVICE_EXE")\"" start= demand >/dev/null
w sc start "$SERVICE" >/dev/null 2>&1
check "the service runs" svc_wait "$SERVICE" RUNNING 30
check "it serves on the policy's port $gport" wait_tftp 127.0.0.1 "$gport" 30
check "not on the port under Parameters" tftp_silent "$port"
check "its log names what Group Policy sets" \
  wait_log_has "set by Group Policy under $POLICY_KEY: Port" 1 15
gport2=$(free_port)
policy_set "$POLICY_KEY" Port REG_DWORD "$gport2"
check "a change of the policy key alone (no PARAMCHANGE) reloads the service" \
  wait_log_has "$POLICY_KEY changed; reloading the settings" 1 15
check "it serves on the new policy port $gport2" wait_tftp 127.0.0.1 "$gport2" 30
policy_delete "$POLICY_KEY" Port
check "with the policy value removed it falls back to Parameters' port $port" \
  wait_tftp 127.0.0.1 "$port" 30
px config show --json
check "config show: Port from the registry again" test "$(shown service Port)" = "$port registry"
policy_set "$POLICY_KEY" Port REG_SZ abc
check "a bad policy value is refused, named with the key" \
  wait_log_has "configuration not reloaded: $POLICY_KEY: Port" 1 15
check "the settings in force are kept" wait_tftp 127.0.0.1 "$port" 5
reg_done 'completed successfully' delete "$POLICY_KEY" /f
check "with the whole policy key deleted it reloads" \
  wait_log_matches 'configuration reloaded' 3 15
policy_set "$POLICY_KEY" Port REG_DWORD "$gport"
check "a policy key written again is followed: it serves on $gport" wait_tftp 127.0.0.1 "$gport" 30
w sc stop "$SERVICE" >/dev/null 2>&1
check "the service stops" svc_wait "$SERVICE" STOPPED 30
finish
