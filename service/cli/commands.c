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
    {"clients", "each recent network-boot client's journey, step by step"},
    {"log", "the service's recent log lines"},
    {"service", "install, remove, start and stop the PxeBridge Windows service"},
    {"firmware", "the boot images in the TFTP root: list them, check them, put your own in"},
    {"winpe", "Windows PE images (boot.wim) for wimboot: add, list, verify, remove"},
};

static const cli_command COMMANDS[] = {
    {
        .noun = "config",
        .verb = "show",
        .summary = "show every setting: value, default, whether it is set",
        .synopsis = "config show [--json]",
        .description =
            "Lists every setting of the PxeBridge service (registry values under\n"
            "HKLM\\SYSTEM\\CurrentControlSet\\Services\\PxeBridge\\Parameters) and of the boot plan\n"
            "(under its BootPlan subkey): the value in force, the default, and whether a value is\n"
            "stored. A stored value that is not valid is shown with the reason.",
        .exit_codes =
            "0 shown, 1 the registry could not be read or a stored value is not valid, 2 bad usage",
        .examples = "config show\nconfig show --json",
        .options = NULL,
        .flags = CLI_JSON,
        .run = cli_config_show,
    },
    {
        .noun = "config",
        .verb = "set",
        .summary = "change settings (validated; applied without a restart)",
        .synopsis = "config set NAME=VALUE [NAME=VALUE...]",
        .description =
            "Checks every NAME=VALUE against the whole stored configuration first: if any value\n"
            "is not valid, nothing is written and the message names the setting and what it\n"
            "allows. Then stores them and, if the PxeBridge service is running, sends it\n"
            "PARAMCHANGE so it applies them at once. Names are not case-sensitive.",
        .exit_codes =
            "0 stored, 1 not stored (or stored but the running service could not be told), "
            "2 bad usage or a value that is not valid",
        .examples =
            "config set BootServer=10.0.0.5\n"
            "config set UefiX64File=ipxe.efi ScriptUrl=http://deploy.example.com/boot.ipxe\n"
            "config set LogLevel=debug MaxBlockSize=1468",
        .options = NULL,
        .flags = CLI_WORDS,
        .run = cli_config_set,
    },
    {
        .noun = "config",
        .verb = "reset",
        .summary = "put settings back to their defaults",
        .synopsis = "config reset NAME... | --all",
        .description =
            "Deletes the stored values of the named settings (or of every setting with --all), so\n"
            "their defaults apply, after the same checks as 'config set'; then tells a running\n"
            "service with PARAMCHANGE.",
        .exit_codes =
            "0 reset, 1 not reset (or the running service could not be told), 2 bad usage",
        .examples = "config reset LogLevel\nconfig reset ExcludeMacs Scopes\nconfig reset --all",
        .options = &cli_config_reset_options,
        .flags = CLI_WORDS,
        .run = cli_config_reset,
    },
    {
        .noun = "dhcp",
        .verb = "plan",
        .summary = "show the changes 'dhcp apply' would make",
        .synopsis = "dhcp plan [--server NAME]... [--no-failover] [--json]",
        .description =
            "Reads each DHCP server's classes, policies and option values and lists what 'dhcp\n"
            "apply' would create, change or delete to match the boot plan. Changes nothing.\n"
            "Servers: every --server, else the DhcpServers setting, else this machine; each with\n"
            "its failover partners (found through its relationships) unless --no-failover.",
        .exit_codes = "0 nothing to do, 1 changes pending or a server failed, 2 bad usage",
        .examples =
            "dhcp plan\ndhcp plan --server dhcp1.corp.example\ndhcp plan --json",
        .options = &cli_dhcp_server_options,
        .flags = CLI_JSON | CLI_PLAN,
        .run = cli_dhcp_plan,
    },
    {
        .noun = "dhcp",
        .verb = "apply",
        .summary = "make the DHCP servers match the boot plan",
        .synopsis = "dhcp apply [--server NAME]... [--no-failover] [--json]",
        .description =
            "Creates and changes the classes, policies and option values the boot plan needs, in\n"
            "a safe order (classes first, the iPXE policy first in processing order), on each\n"
            "server and its failover partners alike: every partner is read first, and a failure\n"
            "part-way undoes the changes on every partner; the next server named is still tried.\n"
            "With ProxyDhcp=4011 also option 060 'PXEClient' for every client (060 defined\n"
            "first where the server lacks it), set after the policies.",
        .exit_codes = "0 done on every server, 1 failed on a server, 2 bad usage",
        .examples =
            "dhcp apply\ndhcp apply --server dhcp1.corp.example\n"
            "dhcp apply --server dhcp1.corp.example --no-failover",
        .options = &cli_dhcp_server_options,
        .flags = CLI_JSON | CLI_PLAN,
        .run = cli_dhcp_apply,
    },
    {
        .noun = "dhcp",
        .verb = "verify",
        .summary = "check that the DHCP servers still match the boot plan",
        .synopsis = "dhcp verify [--server NAME]... [--no-failover] [--json]",
        .description =
            "Reports drift: every object or value on a server that differs from the boot plan,\n"
            "and what differs between failover partners. Warns, with the command that fixes it,\n"
            "of option 060 PXEClient where nothing of pxebridge answers on port 4011, of options\n"
            "that win over pxebridge's policies, and of ProxyDhcp=on beside boot options the\n"
            "server hands out too.",
        .exit_codes = "0 in line, 1 drift found or a server failed, 2 bad usage",
        .examples = "dhcp verify\ndhcp verify --server 10.0.0.2 --json",
        .options = &cli_dhcp_server_options,
        .flags = CLI_JSON | CLI_PLAN,
        .run = cli_dhcp_verify,
    },
    {
        .noun = "dhcp",
        .verb = "remove",
        .summary = "delete what pxebridge created on the DHCP servers",
        .synopsis = "dhcp remove [--server NAME]... [--no-failover] [--json]",
        .description =
            "Deletes the classes, policies and option values pxebridge owns (their descriptions\n"
            "start with [pxebridge]) and nothing else: the admin's own objects stay. Failover\n"
            "partners too, unless --no-failover.",
        .exit_codes = "0 done on every server, 1 failed on a server, 2 bad usage",
        .examples = "dhcp remove\ndhcp remove --server dhcp1.corp.example",
        .options = &cli_dhcp_server_options,
        .flags = CLI_JSON | CLI_PLAN,
        .run = cli_dhcp_remove,
    },
    {
        .noun = "dhcp",
        .verb = "export",
        .summary = "write the boot plan for another DHCP server or tool",
        .synopsis = "dhcp export --format powershell|netsh|isc|dnsmasq|kea [--output FILE]",
        .description =
            "Writes the boot plan as a PowerShell script (DhcpServer module), netsh commands\n"
            "(BIOS and iPXE only: netsh has no policies), an ISC dhcpd config, a dnsmasq config or\n"
            "a Kea Dhcp4 config; to stdout, or to FILE (replaced as a whole, never half-written).",
        .exit_codes =
            "0 written, 1 the plan is not valid, the format cannot carry it or FILE cannot be "
            "written, 2 bad usage",
        .examples =
            "dhcp export --format powershell --output pxebridge-dhcp.ps1\n"
            "dhcp export --format isc > dhcpd-pxebridge.conf\n"
            "dhcp export --format kea --plan-file plan.txt",
        .options = &cli_dhcp_export_options,
        .flags = CLI_PLAN,
        .run = cli_dhcp_export,
    },
    {
        .noun = "explain",
        .verb = NULL,
        .summary = "say which rule a DHCP client hits and what it receives",
        .synopsis =
            "explain --arch N | --vendor-class TEXT [--user-class TEXT] [--mac MAC] [--subnet ADDR] "
            "[--server NAME [--no-failover]] [--json]",
        .description =
            "Describe a client as it describes itself to DHCP: option 93 (--arch), option 60\n"
            "(--vendor-class), option 77 (--user-class; iPXE sends 'iPXE'), its MAC and its address\n"
            "or one in its relay's subnet. The answer names the boot plan's rule it hits, what it\n"
            "receives (066 / next-server, 067 / filename, 060) and why. With --server, also what\n"
            "that Microsoft DHCP server and its failover partners hand the client now, and where\n"
            "each value comes from.",
        .exit_codes =
            "0 explained (also when no rule applies), 1 the boot plan cannot be read, or (with\n"
            "--server) a server answers otherwise than the plan or cannot be read, 2 bad usage",
        .examples =
            "explain --arch 0\n"
            "explain --arch 7 --user-class iPXE\n"
            "explain --vendor-class PXEClient:Arch:00007:UNDI:003016 --mac 00:15:5d:01:02:03\n"
            "explain --arch 16 --subnet 10.0.0.0/24 --json\n"
            "explain --arch 0 --subnet 10.1.0.57 --server dhcp1.corp.example",
        .options = &cli_explain_options,
        .flags = CLI_JSON | CLI_PLAN,
        .run = cli_explain,
    },
    {
        .noun = "status",
        .verb = NULL,
        .summary = "show the running service: state, counters, transfers, HTTP, DHCP, loops",
        .synopsis = "status [--json]",
        .description =
            "Asks the running PxeBridge service over its status pipe (\\\\.\\pipe\\PxeBridge,\n"
            "SYSTEM and Administrators only): its version and uptime, the TFTP root and listen\n"
            "addresses, the request counters, the transfers in flight, the HTTP server's counts,\n"
            "the last DHCP check of each server and the clients seen looping. When the service is "
            "not running it says\n"
            "so and how to start it.",
        .exit_codes = "0 shown, 1 the service is not running (or cannot be asked), 2 bad usage",
        .examples = "status\nstatus --json",
        .options = NULL,
        .flags = CLI_JSON,
        .run = cli_status,
    },
    {
        .noun = "clients",
        .verb = NULL,
        .summary = "show the recent boot clients, or one client's journey step by step",
        .synopsis = "clients [show ADDRESS|MAC] [--json]",
        .description =
            "Asks the running PxeBridge service over its status pipe what its recent network-boot\n"
            "clients did (the 256 most recently seen, 32 steps each). Alone: one line per client\n"
            "with its address, MAC and architecture (once a proxyDHCP request told them), its\n"
            "state, how long ago it was last seen and its last step. With 'show ADDRESS' or 'show\n"
            "MAC': its journey as a timeline, each step (proxyDHCP answer, TFTP or generated file)\n"
            "with its bytes, duration, MB/s and how it ended (done, client-abort, timeout,\n"
            "error-sent, refused-path, loop). When the service is not running it says so.",
        .exit_codes = "0 shown, 1 the service is not running, cannot be asked or has no such "
                      "client, 2 bad usage",
        .examples = "clients\nclients show 10.0.0.57\nclients show 52:54:00:12:34:56 --json",
        .options = NULL,
        .flags = CLI_JSON | CLI_WORDS,
        .run = cli_clients,
    },
    {
        .noun = "log",
        .verb = NULL,
        .summary = "show the service's recent log lines",
        .synopsis = "log [--lines N] [--json]",
        .description =
            "The newest log lines of the running service (kept in memory), or, when it is not\n"
            "running, the end of pxebridge.log under LogDirectory.",
        .exit_codes = "0 shown, 1 neither the service nor its log file can be read, 2 bad usage",
        .examples = "log\nlog --lines 100\nlog --json",
        .options = &cli_log_options,
        .flags = CLI_JSON,
        .run = cli_log,
    },
    {
        .noun = "service",
        .verb = "install",
        .summary = "install the PxeBridge service (automatic start)",
        .synopsis = "service install",
        .description =
            "Creates the PxeBridge Windows service for pxebridge-service.exe beside pxebridge.exe:\n"
            "display name 'PXE Bridge (iPXE boot service)', automatic start, restarted 60 s after\n"
            "a failure (twice; the count resets after a day), and registers its Event Log source.\n"
            "It does not start it. Needs an elevated prompt.",
        .exit_codes =
            "0 installed, 1 not installed (installed already, or not allowed), 2 bad usage",
        .examples = "service install",
        .options = NULL,
        .flags = 0,
        .run = cli_service_install,
    },
    {
        .noun = "service",
        .verb = "uninstall",
        .summary = "stop and remove the PxeBridge service",
        .synopsis = "service uninstall",
        .description =
            "Stops the service (waiting up to 30 s), deletes it and its Event Log source. The\n"
            "settings and the TFTP root stay. Needs an elevated prompt.",
        .exit_codes =
            "0 removed, 1 not removed (not installed, did not stop, or not allowed), 2 bad usage",
        .examples = "service uninstall",
        .options = NULL,
        .flags = 0,
        .run = cli_service_uninstall,
    },
    {
        .noun = "service",
        .verb = "start",
        .summary = "start the service and wait until it runs",
        .synopsis = "service start",
        .description =
            "Starts the PxeBridge service and waits up to 30 s until it runs, showing progress.\n"
            "If it stops instead, see why with 'pxebridge log'.",
        .exit_codes = "0 running, 1 did not start (or not installed, or not allowed), 2 bad usage",
        .examples = "service start",
        .options = NULL,
        .flags = 0,
        .run = cli_service_start,
    },
    {
        .noun = "service",
        .verb = "stop",
        .summary = "stop the service and wait until it has stopped",
        .synopsis = "service stop",
        .description =
            "Stops the PxeBridge service and waits up to 30 s until it has stopped, showing\n"
            "progress. Transfers in flight are cut off.",
        .exit_codes = "0 stopped, 1 did not stop (or not installed, or not allowed), 2 bad usage",
        .examples = "service stop",
        .options = NULL,
        .flags = 0,
        .run = cli_service_stop,
    },
    {
        .noun = "service",
        .verb = "restart",
        .summary = "stop the service, then start it again",
        .synopsis = "service restart",
        .description =
            "Stops the PxeBridge service (if it runs) and starts it again, waiting for each. To\n"
            "apply changed settings no restart is needed: 'config set' applies them at once.",
        .exit_codes = "0 running again, 1 failed (or not installed, or not allowed), 2 bad usage",
        .examples = "service restart",
        .options = NULL,
        .flags = 0,
        .run = cli_service_restart,
    },
    {
        .noun = "firmware",
        .verb = "list",
        .summary = "the boot images and the state of their copies",
        .synopsis = "firmware list [--json]",
        .description =
            "Lists the boot images this build of pxebridge ships (iPXE, pinned by SHA-256 in\n"
            "firmware/ipxe.lock; pxbinfo, by its sums as built; the signed chain in secureboot\\,\n"
            "by firmware/signed.lock) and your own builds put in place with 'firmware replace'\n"
            "or 'firmware import': name, the firmware it boots, and the copy in the TFTP root\n"
            "(from the stored settings): its size, its SHA-256, whether it is intact (the\n"
            "bundled build), your own build (as recorded), altered or missing, and for UEFI\n"
            "images who signed it and whether Secure Boot firmware refuses it.",
        .exit_codes = "0 listed, 1 the settings or a copy cannot be read, 2 bad usage",
        .examples = "firmware list\nfirmware list --json",
        .options = NULL,
        .flags = CLI_JSON,
        .run = cli_firmware_list,
    },
    {
        .noun = "firmware",
        .verb = "verify",
        .summary = "check the boot images in the TFTP root against their sums",
        .synopsis = "firmware verify [--json]",
        .description =
            "Checks every boot image in the TFTP root by SHA-256: the bundled ones against their\n"
            "pins, your own builds against the sums recorded when they were put in place. Names\n"
            "each one that is altered or missing, with how to restore it. With EmbeddedScript=1 it\n"
            "also fails when the plan hands out an image without an embedded script (clients\n"
            "would loop).",
        .exit_codes =
            "0 every image intact or as recorded, 1 an image is altered or missing (or cannot be\n"
            "read), or would loop, 2 bad usage",
        .examples = "firmware verify\nfirmware verify --json",
        .options = NULL,
        .flags = CLI_JSON,
        .run = cli_firmware_verify,
    },
    {
        .noun = "firmware",
        .verb = "replace",
        .summary = "put your own build of a boot image in place",
        .synopsis = "firmware replace IMAGE FILE [--embedded-script] [--force]",
        .description =
            "Copies FILE, your own build (say, iPXE built with an embedded script), into the TFTP\n"
            "root as IMAGE (a first-stage image of the boot plan, or one pxebridge ships) and\n"
            "records its SHA-256, so 'firmware verify' accepts it. FILE must suit IMAGE's clients:\n"
            "a UEFI application for that CPU, or a PXE boot program for BIOS. A copy that is\n"
            "neither the bundled build nor one recorded before is kept unless --force is given.\n"
            "--embedded-script records that the build boots its own script; once every first-stage\n"
            "image has one, the plan can go without the iPXE rule (EmbeddedScript=1). The service\n"
            "serves the new build to the next client; no restart is needed.",
        .exit_codes =
            "0 replaced, 1 failed (nothing changed), 2 bad usage or a FILE that does not suit IMAGE",
        .examples =
            "firmware replace undionly.kpxe D:\\builds\\undionly.kpxe --embedded-script\n"
            "firmware replace snponly.efi D:\\builds\\snponly.efi --embedded-script",
        .options = &cli_firmware_replace_options,
        .flags = CLI_WORDS,
        .run = cli_firmware_replace,
    },
    {
        .noun = "firmware",
        .verb = "import",
        .summary = "bring iPXE's signed build for Secure Boot, or wimboot, into the TFTP root",
        .synopsis = "firmware import ARCHIVE|FOLDER|WIMBOOT",
        .description =
            "ARCHIVE: ipxe.org's ipxeboot.tar.gz (or a .tar); FOLDER: what it unpacks to\n"
            "(holding x86_64-sb and arm64-sb), or one of those folders. Each EFI program of\n"
            "x86_64-sb and arm64-sb is read through its links (ipxe-shim.efi and snponly-shim.efi\n"
            "link to the shim; the TFTP server serves no links), checked to be a UEFI application\n"
            "for the folder's CPU, shown with who signed it, then written as a file to the same\n"
            "folder of the TFTP root and recorded as your build. Nothing is written unless every\n"
            "program is good.\n"
            "WIMBOOT: wimboot as downloaded from the iPXE project (any file name), for booting\n"
            "Windows PE: checked to be wimboot (a PE image for x64, i386 or ARM64, an EFI\n"
            "application with wimboot's version string), shown with its version and who signed\n"
            "it, written to its fixed name in the TFTP root (wimboot: the x86 hybrid for BIOS and\n"
            "x64 UEFI; wimboot.i386; wimboot.arm64) and recorded as your build.",
        .exit_codes = "0 imported, 1 failed or not wimboot (nothing written), 2 bad usage or "
                      "neither a folder, a tar archive nor a PE file",
        .examples =
            "firmware import D:\\downloads\\ipxeboot.tar.gz\n"
            "firmware import D:\\downloads\\ipxeboot\n"
            "firmware import D:\\downloads\\ipxeboot\\x86_64-sb\n"
            "firmware import D:\\downloads\\wimboot",
        .options = NULL,
        .flags = CLI_WORDS,
        .run = cli_firmware_import,
    },
    {
        .noun = "firmware",
        .verb = "restore",
        .summary = "put the bundled build of a boot image back",
        .synopsis = "firmware restore IMAGE",
        .description =
            "Puts the build of IMAGE that pxebridge ships (undionly.kpxe, ipxe.efi, snponly.efi,\n"
            "pxbinfo.0, pxbinfo.efi) back into the TFTP root, from the copy the MSI installs\n"
            "beside pxebridge.exe (checked against its pin), and forgets your own build of it:\n"
            "its record and the copy kept under %ProgramData%\\pxebridge\\builds.",
        .exit_codes =
            "0 restored, 1 failed (nothing changed), 2 bad usage or an image pxebridge does not ship",
        .examples = "firmware restore undionly.kpxe",
        .options = NULL,
        .flags = CLI_WORDS,
        .run = cli_firmware_restore,
    },
    {
        .noun = "firmware",
        .verb = "reapply",
        .summary = "put your recorded builds back after an upgrade or repair",
        .synopsis = "firmware reapply",
        .description =
            "An install, upgrade or repair of the MSI puts the bundled images into the TFTP root.\n"
            "This puts each of your builds recorded by 'firmware replace' back in their place, from\n"
            "the copies kept under %ProgramData%\\pxebridge\\builds; the MSI runs it for you.",
        .exit_codes = "0 every recorded build in place, 1 one could not be put back, 2 bad usage",
        .examples = "firmware reapply",
        .options = NULL,
        .flags = 0,
        .run = cli_firmware_reapply,
    },
    {
        .noun = "winpe",
        .verb = "add",
        .summary = "bring a Windows PE image (boot.wim) into the TFTP root for wimboot",
        .synopsis = "winpe add NAME SOURCE [--inject FILE]... [--index N] [--arch x86|x64|arm64] "
                    "[--replace] [--wimboot FILE] [--json]",
        .description =
            "SOURCE: a boot.wim, or a folder as the ADK's copype makes it (media\\sources\\boot.wim\n"
            "with media\\bootmgr, media\\Boot\\BCD and media\\Boot\\boot.sdi where they are there;\n"
            "wimboot takes the missing ones from the WIM itself). The WIM is checked before\n"
            "anything is copied: a WIM header of a known version, not a part of a split WIM,\n"
            "a compression wimboot reads, the image to boot (--index, default the WIM's boot\n"
            "index) and its architecture (--arch must match it; it names it where the WIM does\n"
            "not). Then each file is copied into winpe\\NAME\\ of the TFTP root (a copy never left\n"
            "half written) and recorded with its size and SHA-256 in winpe\\catalog.txt.\n"
            "--inject adds files wimboot places in \\Windows\\System32 (winpeshl.ini,\n"
            "startnet.cmd, unattend.xml). NAME: letters, digits, '-' and '_'.\n"
            "--wimboot FILE also brings wimboot as downloaded, as 'firmware import FILE' does\n"
            "(checked with the rest, put in place after the image).",
        .exit_codes = "0 added, 1 refused or failed (nothing copied; the message says why), "
                      "2 bad usage (a bad NAME or option, a SOURCE or FILE that is not there)",
        .examples =
            "winpe add pe-x64 C:\\WinPE_amd64\n"
            "winpe add pe-x64 D:\\sources\\boot.wim --inject C:\\pe\\winpeshl.ini --arch x64\n"
            "winpe add setup D:\\sources\\boot.wim --index 2 --replace\n"
            "winpe add pe-x64 C:\\WinPE_amd64 --wimboot D:\\downloads\\wimboot",
        .options = &cli_winpe_add_options,
        .flags = CLI_WORDS | CLI_JSON,
        .run = cli_winpe_add,
    },
    {
        .noun = "winpe",
        .verb = "list",
        .summary = "the Windows PE images of the TFTP root",
        .synopsis = "winpe list [--json]",
        .description =
            "Lists the images 'winpe add' recorded in winpe\\catalog.txt of the TFTP root: name,\n"
            "architecture, size, the WIM image's index, name and version, the files and the\n"
            "injected ones (--json adds each file's size and SHA-256).",
        .exit_codes = "0 listed, 1 the settings or the catalog cannot be read, 2 bad usage",
        .examples = "winpe list\nwinpe list --json",
        .options = NULL,
        .flags = CLI_JSON,
        .run = cli_winpe_list,
    },
    {
        .noun = "winpe",
        .verb = "verify",
        .summary = "check the Windows PE images' files against the catalog",
        .synopsis = "winpe verify [NAME] [--json]",
        .description =
            "Checks every file of every image (or of NAME) in winpe\\NAME\\ of the TFTP root\n"
            "against the size and SHA-256 the catalog recorded, and names each file that is\n"
            "missing or altered.",
        .exit_codes = "0 every file as recorded, 1 a file differs (or the catalog cannot be "
                      "read), 2 bad usage or no image of that NAME",
        .examples = "winpe verify\nwinpe verify pe-x64 --json",
        .options = NULL,
        .flags = CLI_WORDS | CLI_JSON,
        .run = cli_winpe_verify,
    },
    {
        .noun = "winpe",
        .verb = "remove",
        .summary = "take a Windows PE image out of the TFTP root",
        .synopsis = "winpe remove NAME [--json]",
        .description =
            "Takes the image's entry out of the catalog (so nothing offers it any more), then\n"
            "deletes its files and its folder winpe\\NAME\\ of the TFTP root.",
        .exit_codes = "0 removed, 1 the catalog cannot be written or a file could not be "
                      "deleted (named), 2 bad usage or no image of that NAME",
        .examples = "winpe remove pe-x64",
        .options = NULL,
        .flags = CLI_WORDS | CLI_JSON,
        .run = cli_winpe_remove,
    },
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
