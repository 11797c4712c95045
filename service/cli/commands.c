/* commands.c: the one table of pxebridge.exe's commands: nouns, verbs, their help texts,
 * options and the functions that run them (in cmd_*.c). Adding a command is one entry
 * here plus its file. */
#include <stdio.h>

#include "cli.h"

static const cli_noun NOUNS[] = {
    {"config", "show and change the service's settings and the boot plan"},
    {"dhcp", "bring Microsoft DHCP servers in line with the boot plan; export it"},
    {"explain", "say which rule a DHCP client hits and what it receives"},
    {"status", "the running service: state, counters, transfers, HTTP, DHCP checks, loops"},
    {"log", "the service's recent log lines"},
    {"service", "install, remove, start and stop the PxeBridge Windows service"},
    {"firmware", "the boot images in the TFTP root: list them, check them, put your own in"},
};

static const cli_command COMMANDS[] = {
    {"config", "show", "show every setting: value, default, whether it is set",
     "config show [--json]",
     "Lists every setting of the PxeBridge service (registry values under\n"
     "HKLM\\SYSTEM\\CurrentControlSet\\Services\\PxeBridge\\Parameters) and of the boot plan\n"
     "(under its BootPlan subkey): the value in force, the default, and whether a value is\n"
     "stored. A stored value that is not valid is shown with the reason.",
     "0 shown, 1 the registry could not be read or a stored value is not valid, 2 bad usage",
     "config show\nconfig show --json", NULL, CLI_JSON, cli_config_show},
    {"config", "set", "change settings (validated; applied without a restart)",
     "config set NAME=VALUE [NAME=VALUE...]",
     "Checks every NAME=VALUE against the whole stored configuration first: if any value\n"
     "is not valid, nothing is written and the message names the setting and what it\n"
     "allows. Then stores them and, if the PxeBridge service is running, sends it\n"
     "PARAMCHANGE so it applies them at once. Names are not case-sensitive.",
     "0 stored, 1 not stored (or stored but the running service could not be told), "
     "2 bad usage or a value that is not valid",
     "config set BootServer=10.0.0.5\n"
     "config set UefiX64File=ipxe.efi ScriptUrl=http://deploy.example.com/boot.ipxe\n"
     "config set LogLevel=debug MaxBlockSize=1468",
     NULL, CLI_WORDS, cli_config_set},
    {"config", "reset", "put settings back to their defaults", "config reset NAME... | --all",
     "Deletes the stored values of the named settings (or of every setting with --all), so\n"
     "their defaults apply, after the same checks as 'config set'; then tells a running\n"
     "service with PARAMCHANGE.",
     "0 reset, 1 not reset (or the running service could not be told), 2 bad usage",
     "config reset LogLevel\nconfig reset ExcludeMacs Scopes\nconfig reset --all",
     &cli_config_reset_options, CLI_WORDS, cli_config_reset},
    {"dhcp", "plan", "show the changes 'dhcp apply' would make", "dhcp plan [--server NAME]... [--json]",
     "Reads each DHCP server's classes, policies and option values and lists what 'dhcp\n"
     "apply' would create, change or delete to match the boot plan. Changes nothing.\n"
     "Servers: every --server, else this machine.",
     "0 nothing to do, 1 changes pending or a server failed, 2 bad usage",
     "dhcp plan\ndhcp plan --server dhcp1.corp.example --server dhcp2.corp.example\n"
     "dhcp plan --json",
     &cli_dhcp_server_options, CLI_JSON | CLI_PLAN, cli_dhcp_plan},
    {"dhcp", "apply", "make the DHCP servers match the boot plan",
     "dhcp apply [--server NAME]... [--json]",
     "Creates and changes the classes, policies and option values the boot plan needs, in\n"
     "a safe order (classes first, the iPXE policy first in processing order). A failure\n"
     "part-way undoes that server's changes; the next server is still tried.",
     "0 done on every server, 1 failed on a server, 2 bad usage",
     "dhcp apply\ndhcp apply --server dhcp1.corp.example --server dhcp2.corp.example",
     &cli_dhcp_server_options, CLI_JSON | CLI_PLAN, cli_dhcp_apply},
    {"dhcp", "verify", "check that the DHCP servers still match the boot plan",
     "dhcp verify [--server NAME]... [--json]",
     "Reports drift: every object or value on a server that differs from the boot plan.",
     "0 in line, 1 drift found or a server failed, 2 bad usage",
     "dhcp verify\ndhcp verify --server 10.0.0.2 --json", &cli_dhcp_server_options, CLI_JSON | CLI_PLAN,
     cli_dhcp_verify},
    {"dhcp", "remove", "delete what pxebridge created on the DHCP servers",
     "dhcp remove [--server NAME]... [--json]",
     "Deletes the classes, policies and option values pxebridge owns (their descriptions\n"
     "start with [pxebridge]) and nothing else: the admin's own objects stay.",
     "0 done on every server, 1 failed on a server, 2 bad usage",
     "dhcp remove\ndhcp remove --server dhcp1.corp.example", &cli_dhcp_server_options, CLI_JSON | CLI_PLAN,
     cli_dhcp_remove},
    {"dhcp", "export", "write the boot plan for another DHCP server or tool",
     "dhcp export --format powershell|netsh|isc|dnsmasq|kea [--output FILE]",
     "Writes the boot plan as a PowerShell script (DhcpServer module), netsh commands\n"
     "(BIOS and iPXE only: netsh has no policies), an ISC dhcpd config, a dnsmasq config or\n"
     "a Kea Dhcp4 config; to stdout, or to FILE (replaced as a whole, never half-written).",
     "0 written, 1 the plan is not valid, the format cannot carry it or FILE cannot be "
     "written, 2 bad usage",
     "dhcp export --format powershell --output pxebridge-dhcp.ps1\n"
     "dhcp export --format isc > dhcpd-pxebridge.conf\n"
     "dhcp export --format kea --plan-file plan.txt",
     &cli_dhcp_export_options, CLI_PLAN, cli_dhcp_export},
    {"explain", NULL, "say which rule a DHCP client hits and what it receives",
     "explain --arch N | --vendor-class TEXT [--user-class TEXT] [--mac MAC] [--subnet ADDR] "
     "[--json]",
     "Describe a client as it describes itself to DHCP: option 93 (--arch), option 60\n"
     "(--vendor-class), option 77 (--user-class; iPXE sends 'iPXE'), its MAC and its address\n"
     "or one in its relay's subnet. The answer names the boot plan's rule it hits, what it\n"
     "receives (066 / next-server, 067 / filename, 060) and why.",
     "0 explained (also when no rule applies), 1 the boot plan cannot be read, 2 bad usage",
     "explain --arch 0\n"
     "explain --arch 7 --user-class iPXE\n"
     "explain --vendor-class PXEClient:Arch:00007:UNDI:003016 --mac 00:15:5d:01:02:03\n"
     "explain --arch 16 --subnet 10.0.0.0/24 --json",
     &cli_explain_options, CLI_JSON | CLI_PLAN, cli_explain},
    {"status", NULL, "show the running service: state, counters, transfers, HTTP, DHCP, loops",
     "status [--json]",
     "Asks the running PxeBridge service over its status pipe (\\\\.\\pipe\\PxeBridge,\n"
     "SYSTEM and Administrators only): its version and uptime, the TFTP root and listen\n"
     "addresses, the request counters, the transfers in flight, the HTTP server's counts,\n"
     "the last DHCP check of each server and the clients seen looping. When the service is not running it says\n"
     "so and how to start it.",
     "0 shown, 1 the service is not running (or cannot be asked), 2 bad usage",
     "status\nstatus --json", NULL, CLI_JSON, cli_status},
    {"log", NULL, "show the service's recent log lines", "log [--lines N] [--json]",
     "The newest log lines of the running service (kept in memory), or, when it is not\n"
     "running, the end of pxebridge.log under LogDirectory.",
     "0 shown, 1 neither the service nor its log file can be read, 2 bad usage",
     "log\nlog --lines 100\nlog --json", &cli_log_options, CLI_JSON, cli_log},
    {"service", "install", "install the PxeBridge service (automatic start)", "service install",
     "Creates the PxeBridge Windows service for pxebridge-service.exe beside pxebridge.exe:\n"
     "display name 'PXE Bridge (iPXE boot service)', automatic start, restarted 60 s after\n"
     "a failure (twice; the count resets after a day), and registers its Event Log source.\n"
     "It does not start it. Needs an elevated prompt.",
     "0 installed, 1 not installed (installed already, or not allowed), 2 bad usage",
     "service install", NULL, 0, cli_service_install},
    {"service", "uninstall", "stop and remove the PxeBridge service", "service uninstall",
     "Stops the service (waiting up to 30 s), deletes it and its Event Log source. The\n"
     "settings and the TFTP root stay. Needs an elevated prompt.",
     "0 removed, 1 not removed (not installed, did not stop, or not allowed), 2 bad usage",
     "service uninstall", NULL, 0, cli_service_uninstall},
    {"service", "start", "start the service and wait until it runs", "service start",
     "Starts the PxeBridge service and waits up to 30 s until it runs, showing progress.\n"
     "If it stops instead, see why with 'pxebridge log'.",
     "0 running, 1 did not start (or not installed, or not allowed), 2 bad usage",
     "service start", NULL, 0, cli_service_start},
    {"service", "stop", "stop the service and wait until it has stopped", "service stop",
     "Stops the PxeBridge service and waits up to 30 s until it has stopped, showing\n"
     "progress. Transfers in flight are cut off.",
     "0 stopped, 1 did not stop (or not installed, or not allowed), 2 bad usage",
     "service stop", NULL, 0, cli_service_stop},
    {"service", "restart", "stop the service, then start it again", "service restart",
     "Stops the PxeBridge service (if it runs) and starts it again, waiting for each. To\n"
     "apply changed settings no restart is needed: 'config set' applies them at once.",
     "0 running again, 1 failed (or not installed, or not allowed), 2 bad usage",
     "service restart", NULL, 0, cli_service_restart},
    {"firmware", "list", "the boot images and the state of their copies",
     "firmware list [--json]",
     "Lists the boot images this build of pxebridge ships (iPXE, pinned by SHA-256 in\n"
     "firmware/ipxe.lock; pxbinfo, by its sums as built; the signed chain in secureboot\\,\n"
     "by firmware/signed.lock) and your own builds put in place with 'firmware replace'\n"
     "or 'firmware import': name, the firmware it boots, and the copy in the TFTP root\n"
     "(from the stored settings): its size, its SHA-256, whether it is intact (the\n"
     "bundled build), your own build (as recorded), altered or missing, and for UEFI\n"
     "images who signed it and whether Secure Boot firmware refuses it.",
     "0 listed, 1 the settings or a copy cannot be read, 2 bad usage",
     "firmware list\nfirmware list --json", NULL, CLI_JSON, cli_firmware_list},
    {"firmware", "verify", "check the boot images in the TFTP root against their sums",
     "firmware verify [--json]",
     "Checks every boot image in the TFTP root by SHA-256: the bundled ones against their\n"
     "pins, your own builds against the sums recorded when they were put in place. Names\n"
     "each one that is altered or missing, with how to restore it. With EmbeddedScript=1 it\n"
     "also fails when the plan hands out an image without an embedded script (clients\n"
     "would loop).",
     "0 every image intact or as recorded, 1 an image is altered or missing (or cannot be\n"
     "read), or would loop, 2 bad usage",
     "firmware verify\nfirmware verify --json", NULL, CLI_JSON, cli_firmware_verify},
    {"firmware", "replace", "put your own build of a boot image in place",
     "firmware replace IMAGE FILE [--embedded-script] [--force]",
     "Copies FILE, your own build (say, iPXE built with an embedded script), into the TFTP\n"
     "root as IMAGE (a first-stage image of the boot plan, or one pxebridge ships) and\n"
     "records its SHA-256, so 'firmware verify' accepts it. FILE must suit IMAGE's clients:\n"
     "a UEFI application for that CPU, or a PXE boot program for BIOS. A copy that is\n"
     "neither the bundled build nor one recorded before is kept unless --force is given.\n"
     "--embedded-script records that the build boots its own script; once every first-stage\n"
     "image has one, the plan can go without the iPXE rule (EmbeddedScript=1). The service\n"
     "serves the new build to the next client; no restart is needed.",
     "0 replaced, 1 failed (nothing changed), 2 bad usage or a FILE that does not suit IMAGE",
     "firmware replace undionly.kpxe D:\\builds\\undionly.kpxe --embedded-script\n"
     "firmware replace snponly.efi D:\\builds\\snponly.efi --embedded-script",
     &cli_firmware_replace_options, CLI_WORDS, cli_firmware_replace},
    {"firmware", "import", "bring iPXE's signed build for Secure Boot into the TFTP root",
     "firmware import FOLDER",
     "FOLDER: ipxe.org's ipxeboot.tar.gz unpacked (holding x86_64-sb and arm64-sb), or one\n"
     "of those folders. Each EFI program is read through its links (ipxe-shim.efi and\n"
     "snponly-shim.efi link to the shim; the TFTP server serves no links), checked to be a\n"
     "UEFI application for the folder's CPU, shown with who signed it, then written as a\n"
     "file to the same folder of the TFTP root and recorded as your build. Nothing is\n"
     "written unless every program is good.",
     "0 imported, 1 failed (nothing written), 2 bad usage or FOLDER is no folder",
     "firmware import D:\\downloads\\ipxeboot\n"
     "firmware import D:\\downloads\\ipxeboot\\x86_64-sb", NULL, CLI_WORDS, cli_firmware_import},
    {"firmware", "restore", "put the bundled build of a boot image back",
     "firmware restore IMAGE",
     "Puts the build of IMAGE that pxebridge ships (undionly.kpxe, ipxe.efi, snponly.efi,\n"
     "pxbinfo.0, pxbinfo.efi) back into the TFTP root, from the copy the MSI installs\n"
     "beside pxebridge.exe (checked against its pin), and forgets your own build of it:\n"
     "its record and the copy kept under %ProgramData%\\pxebridge\\builds.",
     "0 restored, 1 failed (nothing changed), 2 bad usage or an image pxebridge does not ship",
     "firmware restore undionly.kpxe", NULL, CLI_WORDS, cli_firmware_restore},
    {"firmware", "reapply", "put your recorded builds back after an upgrade or repair",
     "firmware reapply",
     "An install, upgrade or repair of the MSI puts the bundled images into the TFTP root.\n"
     "This puts each of your builds recorded by 'firmware replace' back in their place, from\n"
     "the copies kept under %ProgramData%\\pxebridge\\builds; the MSI runs it for you.",
     "0 every recorded build in place, 1 one could not be put back, 2 bad usage",
     "firmware reapply", NULL, 0, cli_firmware_reapply},
};

const cli_noun *cli_nouns(size_t *count)
{
    *count = sizeof NOUNS / sizeof NOUNS[0];
    return NOUNS;
}

const cli_command *cli_commands(size_t *count)
{
    *count = sizeof COMMANDS / sizeof COMMANDS[0];
    return COMMANDS;
}

void cli_command_name(const cli_command *cmd, char *out, size_t out_len)
{
    snprintf(out, out_len, "%s%s%s", cmd->noun, cmd->verb ? " " : "",
             cmd->verb ? cmd->verb : "");
}
