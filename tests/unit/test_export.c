/* test_export.c: unit tests for the exports: content checks for each format (rule order,
 * loop-safe conditions, options, escaping of quotes, backslashes, & $ % in URLs), the
 * runner's errors, and the real DHCP servers' own checkers on the ISC dhcpd, dnsmasq and
 * Kea output (`dhcpd -t`, `dnsmasq --test`, `kea-dhcp4 -t`); a missing checker fails. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "export.h"

/* Exercises every rule kind, scopes and a URL that needs escaping in every format. */
static const char FULL_PLAN[] =
    "BootServer=10.0.0.5\n"
    "ScriptUrl=http://deploy/boot.php?a=\"1\"&b=$x&c=%41\\d'e\n"
    "UefiArm64File=arm64/snponly.efi\n"
    "HttpBootX64Url=http://10.0.0.5/ipxe.efi\n"
    "Scopes=10.0.0.0/24,10.1.0.0/255.255.0.0\n"
    "ExcludeMacs=00:11:22:33:44:55,aa-bb-cc-dd-ee-ff\n";
static const char MINIMAL_PLAN[] = "BootServer=10.0.0.5\n";
/* The signed chain for x64 UEFI, the admin's signed iPXE for ARM64. */
static const char SIGNED_PLAN[] = "BootServer=10.0.0.5\nBiosFile=\nUefiX64File=secureboot/shimx64.efi\n"
                                  "UefiArm64File=ipxe/arm64-sb/snponly-shim.efi\n";
/* The bundled signed chain for both CPUs it is bundled for. */
static const char CHAINS_PLAN[] = "BootServer=10.0.0.5\nBiosFile=\nUefiX64File=secureboot/shimx64.efi\n"
                                  "UefiArm64File=secureboot/shimaa64.efi\n";
/* Two sites with boot servers of their own (ScopeBootServers) and a scope on BootServer. */
static const char SITES_PLAN[] =
    "BootServer=192.0.2.1\n"
    "Scopes=192.0.2.0/24 198.51.100.0/24 203.0.113.0/24\n"
    "ScopeBootServers=198.51.100.0/24=198.51.100.5 203.0.113.0/24=203.0.113.5\n"
    "HttpBootX64Url=http://192.0.2.1/ipxe.efi\n"
    "ExcludeMacs=00:11:22:33:44:55\n";
static const char EMBEDDED_PLAN[] = "BootServer=10.0.0.5\nEmbeddedScript=1\nUefiX64File=ipxe.efi\n";

static char dir[64];
static char out[65536];

static int make_dir(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/pxb-export-XXXXXX");
    return mkdtemp(dir) == NULL ? -1 : 0;
}

static int remove_dir(void **state)
{
    char cmd[128];

    (void)state;
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static void run_export(const char *format, const char *plan_text)
{
    pxb_boot_plan plan;
    pxb_error err = {0};
    size_t len = 0;

    if (pxb_plan_parse(plan_text, &plan, &err) != 0)
        fail_msg("plan: %s", err.text);
    if (pxb_export(pxb_export_find(format), &plan, out, sizeof out, &len, &err) !=
        PXB_EXPORT_OK)
        fail_msg("export %s: %s", format, err.text);
    assert_int_equal(len, strlen(out));
}

static void assert_has(const char *want)
{
    if (strstr(out, want) == NULL)
        fail_msg("output lacks '%s':\n%s", want, out);
}

static void assert_lacks(const char *unwanted)
{
    if (strstr(out, unwanted) != NULL)
        fail_msg("output has '%s':\n%s", unwanted, out);
}

/* a appears before b in the output. */
static void assert_before(const char *a, const char *b)
{
    const char *pa = strstr(out, a), *pb = strstr(out, b);

    if (pa == NULL || pb == NULL || pa > pb)
        fail_msg("'%s' is not before '%s'", a, b);
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");

    assert_non_null(f);
    assert_true(fputs(text, f) >= 0);
    assert_int_equal(fclose(f), 0);
}

/* Writes the text as the config file to check; its path goes to path. */
static void write_config(const char *text, char path[128])
{
    snprintf(path, 128, "%s/config", dir);
    write_file(path, text);
}

/* Runs a checker's command line; fails the test if the checker is not installed. Returns
 * the checker's exit status (its output is in dir/log). */
static int run_checker(const char *tool, const char *cmd)
{
    char have[160];

    snprintf(have, sizeof have, "command -v %s >/dev/null 2>&1", tool);
    if (system(have) != 0)
        fail_msg("%s is not installed: run build/install-deps.sh", tool);
    return system(cmd);
}

static int run_dhcpd(const char *text)
{
    char path[128], cmd[512];

    write_config(text, path);
    snprintf(cmd, sizeof cmd, "%s/leases", dir);
    write_file(cmd, "");
    snprintf(cmd, sizeof cmd, "dhcpd -t -q -cf %s -lf %s/leases -pf %s/pid >%s/log 2>&1",
             path, dir, dir, dir);
    return run_checker("dhcpd", cmd);
}

static int run_dnsmasq(const char *text)
{
    char path[128], cmd[512];

    write_config(text, path);
    snprintf(cmd, sizeof cmd, "dnsmasq --test --conf-file=%s >%s/log 2>&1", path, dir);
    return run_checker("dnsmasq", cmd);
}

static int run_kea(const char *text)
{
    char path[128], cmd[512];

    write_config(text, path);
    snprintf(cmd, sizeof cmd, "kea-dhcp4 -t %s >%s/log 2>&1", path, dir);
    return run_checker("kea-dhcp4", cmd);
}

static void validate_all(const char *format, int (*checker)(const char *))
{
    const char *plans[] = {FULL_PLAN, MINIMAL_PLAN, EMBEDDED_PLAN, SIGNED_PLAN, SITES_PLAN};

    for (size_t i = 0; i < sizeof plans / sizeof plans[0]; i++) {
        run_export(format, plans[i]);
        if (checker(out) != 0)
            fail_msg("the %s checker rejects the export of plan %u:\n%s", format,
                     (unsigned)i, out);
    }
}

static void test_isc_content(void **state)
{
    (void)state;
    run_export("isc", FULL_PLAN);
    assert_true(strncmp(out, "# Generated by pxebridge", 24) == 0);
    assert_has("option arch code 93 = unsigned integer 16;\n");
    assert_has("if (substring (hardware, 1, 6) = 00:11:22:33:44:55 or substring (hardware, 1, "
               "6) = aa:bb:cc:dd:ee:ff) {\n");
    assert_has("} elsif (pick-first-value (option user-class, \"\") = \"iPXE\") {\n");
    assert_has("  filename \"http://deploy/boot.php?a=\\\"1\\\"&b=$x&c=%41\\\\d'e\";\n");
    assert_has("} elsif ((option arch = 00:07 or option arch = 00:09) and not (pick-first-value "
               "(option user-class, \"\") = \"iPXE\")) {\n  # [pxebridge] x64 UEFI "
               "(arch 7, 9), not iPXE -> snponly.efi from 10.0.0.5\n  next-server 10.0.0.5;\n"
               "  filename \"snponly.efi\";\n");
    assert_has("option vendor-class-identifier \"HTTPClient\";");
    assert_has("subnet 10.1.0.0 netmask 255.255.0.0 {");
    assert_before("user-class, \"\") = \"iPXE\") {", "option arch = 00:00");
}

static void test_isc_accepted_by_dhcpd(void **state)
{
    (void)state;
    validate_all("isc", run_dhcpd);
    assert_int_not_equal(run_dhcpd("filename \"unterminated;\n"), 0);
}

static void test_dnsmasq_content(void **state)
{
    (void)state;
    run_export("dnsmasq", MINIMAL_PLAN);
    assert_has("\ndhcp-no-override\n"); /* the boot file in the file field: shim needs it */
    run_export("dnsmasq", FULL_PLAN);
    assert_has("dhcp-userclass=set:pxb-ipxe,iPXE\n");
    assert_has("dhcp-match=set:pxb-ipxe,175\n");
    assert_has("dhcp-host=aa:bb:cc:dd:ee:ff,set:pxb-excluded\n");
    assert_has("dhcp-match=set:pxb-uefi-x64,option:client-arch,7\n"
               "dhcp-match=set:pxb-uefi-x64,option:client-arch,9\n");
    assert_has("dhcp-boot=tag:!pxb-excluded,tag:!pxb-ipxe,tag:pxb-uefi-x64,\"snponly.efi\",,"
               "10.0.0.5\n");
    assert_has("dhcp-boot=tag:!pxb-excluded,tag:pxb-ipxe,\"http://deploy/boot.php?a=\\\"1\\\""
               "&b=$x&c=%41\\\\d'e\",,10.0.0.5\n");
    assert_has("dhcp-option-force=tag:!pxb-excluded,tag:!pxb-ipxe,tag:pxb-http-x64,60,"
               "\"HTTPClient\"\n");
    assert_has("dhcp-range=10.1.0.0,static,255.255.0.0\n");
    run_export("dnsmasq", EMBEDDED_PLAN);
    assert_lacks("tag:pxb-ipxe,");
    assert_has("dhcp-boot=tag:!pxb-ipxe,tag:pxb-uefi-x64,\"ipxe.efi\",,10.0.0.5\n");
}

static void test_dnsmasq_accepted_by_dnsmasq(void **state)
{
    (void)state;
    validate_all("dnsmasq", run_dnsmasq);
    assert_int_not_equal(run_dnsmasq("dhcp-boot-nonsense=1\n"), 0);
}

/* Each site's clients (tag of its range) get its boot server; the others' lines exclude them. */
static void test_dnsmasq_sites(void **state)
{
    (void)state;
    run_export("dnsmasq", SITES_PLAN);
    assert_has("# Scope 198.51.100.0/24 boots from 198.51.100.5 (ScopeBootServers); the "
               "others from BootServer.\n");
    assert_has("dhcp-boot=tag:!pxb-site,tag:!pxb-excluded,tag:pxb-ipxe,"
               "\"tftp://192.0.2.1/boot.ipxe\",,192.0.2.1\n");
    assert_has("dhcp-boot=tag:!pxb-site,tag:!pxb-excluded,tag:!pxb-ipxe,tag:pxb-bios,"
               "\"undionly.kpxe\",,192.0.2.1\n");
    assert_has("dhcp-boot=tag:pxb-site-1,tag:!pxb-excluded,tag:pxb-ipxe,"
               "\"tftp://198.51.100.5/boot.ipxe\",,198.51.100.5\n");
    assert_has("dhcp-boot=tag:pxb-site-1,tag:!pxb-excluded,tag:!pxb-ipxe,tag:pxb-uefi-x64,"
               "\"snponly.efi\",,198.51.100.5\n");
    assert_has("dhcp-boot=tag:pxb-site-2,tag:!pxb-excluded,tag:!pxb-ipxe,tag:pxb-bios,"
               "\"undionly.kpxe\",,203.0.113.5\n");
    assert_has("dhcp-option-force=tag:pxb-site-2,tag:!pxb-excluded,tag:!pxb-ipxe,"
               "tag:pxb-http-x64,60,\"HTTPClient\"\n");
    assert_has("dhcp-range=192.0.2.0,static,255.255.255.0\n");
    assert_has("# on your ranges here too: dhcp-range=set:pxb-site-1,<first>,<last>[,<lease "
               "time>]\ndhcp-range=set:pxb-site-1,198.51.100.0,static,255.255.255.0\n"
               "tag-if=set:pxb-site,tag:pxb-site-1\n");
    assert_has("dhcp-range=set:pxb-site-2,203.0.113.0,static,255.255.255.0\n"
               "tag-if=set:pxb-site,tag:pxb-site-2\n");
    /* the architecture tags are set once */
    const char *first = strstr(out, "dhcp-match=set:pxb-bios,");
    assert_non_null(first);
    assert_null(strstr(first + 1, "dhcp-match=set:pxb-bios,"));
    /* a plan without sites has no site tags */
    run_export("dnsmasq", FULL_PLAN);
    assert_lacks("pxb-site");
}

/* dhcpd runs a subnet's statements after the global ones: a site's subnet repeats the chain
 * with its boot server; BootServer's subnet has none. */
static void test_isc_sites(void **state)
{
    (void)state;
    run_export("isc", SITES_PLAN);
    assert_has("\nsubnet 198.51.100.0 netmask 255.255.255.0 {\n"
               "  # boots from 198.51.100.5 (ScopeBootServers): this chain replaces the one "
               "above here\n"
               "  if (substring (hardware, 1, 6) = 00:11:22:33:44:55) {\n");
    assert_has("  } elsif (pick-first-value (option user-class, \"\") = \"iPXE\") {\n"
               "    # [pxebridge] user class is 'iPXE' -> boot script "
               "tftp://198.51.100.5/boot.ipxe\n"
               "    next-server 198.51.100.5;\n"
               "    filename \"tftp://198.51.100.5/boot.ipxe\";\n");
    assert_has("    next-server 203.0.113.5;\n    filename \"undionly.kpxe\";\n");
    assert_has("\nsubnet 192.0.2.0 netmask 255.255.255.0 {\n"
               "  # add your range and options for this scope here\n}\n");
    assert_has("} elsif (pick-first-value (option user-class, \"\") = \"iPXE\") {\n"
               "  # [pxebridge] user class is 'iPXE' -> boot script tftp://192.0.2.1/boot.ipxe\n");
}

/* Kea lets a class's boot fields win over a subnet's: with sites every handing-out class is
 * evaluated only where a subnet requires it, each scope requiring its own. */
static void test_kea_sites(void **state)
{
    (void)state;
    run_export("kea", SITES_PLAN);
    assert_has("\"name\": \"pxebridge-excluded\",\n        \"comment\": \"[pxebridge] MAC "
               "address in ExcludeMacs (1 listed) -> no boot options\",\n        \"test\": "
               "\"pkt4.mac == 0x001122334455\"\n      }");
    assert_has("\"name\": \"pxebridge-bios\",");
    assert_has("\"only-if-required\": true,\n        \"next-server\": \"192.0.2.1\",\n"
               "        \"boot-file-name\": \"undionly.kpxe\"");
    assert_has("\"name\": \"pxebridge-site-1-ipxe\",");
    assert_has("\"only-if-required\": true,\n        \"next-server\": \"198.51.100.5\",\n"
               "        \"boot-file-name\": \"tftp://198.51.100.5/boot.ipxe\"");
    assert_has("\"name\": \"pxebridge-site-2-uefi-x64\",");
    assert_has("{ \"id\": 1, \"subnet\": \"192.0.2.0/24\",\n        \"require-client-classes\": "
               "[ \"pxebridge-ipxe\", \"pxebridge-bios\", \"pxebridge-uefi-x64\", "
               "\"pxebridge-http-x64\" ] }");
    assert_has("{ \"id\": 3, \"subnet\": \"203.0.113.0/24\",\n        \"require-client-classes\": "
               "[ \"pxebridge-site-2-ipxe\", \"pxebridge-site-2-bios\", "
               "\"pxebridge-site-2-uefi-x64\", \"pxebridge-site-2-http-x64\" ] }");
    assert_lacks("pxebridge-site-1-excluded");
    run_export("kea", FULL_PLAN);
    assert_lacks("only-if-required");
    assert_lacks("require-client-classes");
}

/* A site's scopes get a block of policies of their own, with its boot server. */
static void test_powershell_sites(void **state)
{
    (void)state;
    run_export("powershell", SITES_PLAN);
    assert_has("$Scopes = @('192.0.2.0')\nforeach ($ScopeId in $Scopes) {\n");
    assert_has("# Scope 198.51.100.0/24 boots from 198.51.100.5 (ScopeBootServers)\n"
               "$Scopes = @('198.51.100.0')\nforeach ($ScopeId in $Scopes) {\n");
    assert_has("-Options ([ordered]@{ 66 = '192.0.2.1'; 67 = 'tftp://192.0.2.1/boot.ipxe' })");
    assert_has("-Options ([ordered]@{ 66 = '198.51.100.5'; 67 = 'tftp://198.51.100.5/boot.ipxe' })");
    assert_has("-Description '[pxebridge] x86 BIOS (arch 0), not iPXE -> undionly.kpxe from "
               "203.0.113.5'");
    assert_before("$Scopes = @('198.51.100.0')", "$Scopes = @('203.0.113.0')");
    /* every scope at a site: no block for BootServer's */
    run_export("powershell", "BootServer=192.0.2.1\nScopes=198.51.100.0/24\n"
                             "ScopeBootServers=198.51.100.0/24=198.51.100.5\n");
    assert_lacks("$Scopes = @()");
    assert_has("$Scopes = @('198.51.100.0')\n");
}

static void test_netsh_sites(void **state)
{
    (void)state;
    run_export("netsh", SITES_PLAN);
    assert_has("netsh dhcp server scope 192.0.2.0 set optionvalue 066 STRING \"192.0.2.1\"");
    assert_has("netsh dhcp server scope 198.51.100.0 set optionvalue 066 STRING "
               "\"198.51.100.5\"");
    assert_has("netsh dhcp server scope 203.0.113.0 set optionvalue 067 STRING user=\"pxebridge "
               "class iPXE\" \"tftp://203.0.113.5/boot.ipxe\"");
    assert_has("REM Scope 203.0.113.0/24 boots from 203.0.113.5 (ScopeBootServers); the others "
               "from BootServer.\n");
}

static void test_kea_content(void **state)
{
    (void)state;
    run_export("kea", FULL_PLAN);
    assert_true(strncmp(out, "// Generated by pxebridge", 25) == 0);
    assert_has("\"test\": \"pkt4.mac == 0x001122334455 or pkt4.mac == 0xaabbccddeeff\"");
    assert_has("\"test\": \"option[77].hex == 'iPXE' and not member('pxebridge-excluded')\"");
    assert_has("\"boot-file-name\": \"http://deploy/boot.php?a=\\\"1\\\"&b=$x&c=%41\\\\d'e\"");
    assert_has("\"test\": \"(option[93].hex == 0x0007 or option[93].hex == 0x0009) and not "
               "(option[77].hex == 'iPXE') and not member('pxebridge-excluded')\"");
    assert_has("substring(option[60].hex,0,10) == 'HTTPClient'");
    assert_has("{ \"name\": \"vendor-class-identifier\", \"data\": \"HTTPClient\"");
    assert_has("{ \"id\": 2, \"subnet\": \"10.1.0.0/16\" }");
    assert_before("\"pxebridge-ipxe\"", "\"pxebridge-bios\"");
    run_export("kea", MINIMAL_PLAN);
    assert_has("\"subnet4\": [ ]");
}

static void test_kea_accepted_by_kea(void **state)
{
    (void)state;
    validate_all("kea", run_kea);
    assert_int_not_equal(run_kea("{ \"Dhcp4\": { \"subnet4\": [ { \"subnet\": 5 } ] } }"), 0);
}

static void test_powershell_content(void **state)
{
    (void)state;
    run_export("powershell", FULL_PLAN);
    assert_has("#Requires -Modules DhcpServer\n");
    assert_has("Add-PxbClass -Name 'pxebridge class iPXE' -Type User -Data 'iPXE'");
    assert_has("Add-PxbClass -Name 'pxebridge class PXEClient:Arch:00011' -Type Vendor -Data "
               "'PXEClient:Arch:00011'");
    assert_has("Add-DhcpServerv4Policy @at -Name $Name -ProcessingOrder $Order");
    assert_has("Set-DhcpServerv4OptionValue @at -PolicyName $Name -OptionId $id");
    assert_has("$Scopes = @('10.0.0.0', '10.1.0.0')\n");
    assert_has("Set-PxbPolicy -ScopeId $ScopeId -Name 'pxebridge iPXE' -Order 1");
    assert_has("UserClass = @('EQ', 'pxebridge class iPXE'); MacAddress = @('NE', "
               "'001122334455', 'aabbccddeeff')");
    /* One policy per vendor class, each criterion its own group under -Condition AND. */
    assert_has("-Name 'pxebridge x64 UEFI (arch 7)' -Order 3");
    assert_has("-Name 'pxebridge x64 UEFI (arch 9)' -Order 4");
    assert_has("VendorClass = @('EQ', 'pxebridge class PXEClient:Arch:00007*'); UserClass = "
               "@('NE', 'pxebridge class iPXE')");
    assert_has("VendorClass = @('EQ', 'pxebridge class PXEClient:Arch:00009*'); UserClass = "
               "@('NE', 'pxebridge class iPXE')");
    assert_lacks("'pxebridge class PXEClient:Arch:00007*', 'pxebridge class");
    /* An earlier run's policies the plan lacks (the x64 UEFI OR policy) go first. */
    assert_has("function Remove-PxbStalePolicies(");
    assert_has("    Remove-PxbStalePolicies -ScopeId $ScopeId -Keep @('pxebridge iPXE', "
               "'pxebridge x86 BIOS', 'pxebridge x64 UEFI (arch 7)', "
               "'pxebridge x64 UEFI (arch 9)'");
    assert_before("Remove-PxbStalePolicies -ScopeId", "Set-PxbPolicy -ScopeId");
    /* single quotes doubled; " $ & % \ are literal inside '...' */
    assert_has("67 = 'http://deploy/boot.php?a=\"1\"&b=$x&c=%41\\d''e' })");
    assert_has("([ordered]@{ 60 = 'HTTPClient'; 67 = 'http://10.0.0.5/ipxe.efi' })");
    assert_has("Add-DhcpServerv4OptionDefinition -ComputerName $ComputerName -OptionId 60");
    assert_has("-Description '[pxebridge] ");
    assert_before("-Name 'pxebridge iPXE' -Order 1", "-Name 'pxebridge x86 BIOS' -Order 2");
    run_export("powershell", EMBEDDED_PLAN);
    assert_lacks("-Name 'pxebridge iPXE'");
    assert_lacks("OptionId 60");
    assert_has("-Name 'pxebridge x86 BIOS' -Order 1");
    assert_has("$Scopes = @('')\n");
}

static void test_netsh_content(void **state)
{
    pxb_boot_plan plan;
    pxb_error err = {0};
    size_t len;

    (void)state;
    run_export("netsh", "BootServer=10.0.0.5\nScriptUrl=http://deploy/boot.php?a=1&b=$x&c=%41\n"
                        "Scopes=10.0.0.0/24\n");
    assert_true(strncmp(out, "@echo off\nREM Generated by pxebridge", 35) == 0);
    assert_has("REM netsh has class and class-based option commands but no policy commands");
    assert_has("vendor-class (option 60) conditions per architecture");
    assert_has("PowerShell export");
    assert_has("MAC exclusions");
    assert_before("REM netsh has", "netsh dhcp server add class");
    assert_has("netsh dhcp server add class \"pxebridge class iPXE\" \"[pxebridge] iPXE "
               "clients\" \"iPXE\" 0");
    assert_has("netsh dhcp server scope 10.0.0.0 set optionvalue 066 STRING \"10.0.0.5\"");
    assert_has("netsh dhcp server scope 10.0.0.0 set optionvalue 067 STRING \"undionly.kpxe\"");
    assert_has("set optionvalue 067 STRING user=\"pxebridge class iPXE\" "
               "\"http://deploy/boot.php?a=1&b=$x&c=%%41\"");
    /* a double quote cannot be carried by a cmd/netsh command line */
    assert_int_equal(pxb_plan_parse(FULL_PLAN, &plan, &err), 0);
    assert_int_equal(pxb_export(pxb_export_find("netsh"), &plan, out, sizeof out, &len, &err),
                     PXB_EXPORT_CANNOT);
    assert_non_null(strstr(err.text, "netsh export: the value"));
    assert_non_null(strstr(err.text, "contains a double quote"));
}

/* Every format hands out the signed first stages and names the choice beside each rule
 * (netsh: its one first-stage file); the iPXE rule stays first (the loop break for the
 * admin's signed iPXE). */
static void test_signed_first_stages_in_every_format(void **state)
{
    static const char *const FORMATS[] = {"isc", "dnsmasq", "kea", "powershell", "netsh"};
    (void)state;
    for (size_t i = 0; i < sizeof FORMATS / sizeof FORMATS[0]; i++) {
        run_export(FORMATS[i], SIGNED_PLAN);
        assert_has("secureboot/shimx64.efi");
        assert_has("the signed chain: Debian's Microsoft-signed shim");
        assert_before("iPXE", "secureboot/shimx64.efi");
        if (strcmp(FORMATS[i], "netsh") == 0)
            continue;
        assert_has("ipxe/arm64-sb/snponly-shim.efi");
        assert_has("your signed iPXE: iPXE's Microsoft-signed shim");
    }
}

/* ARM64's signed chain beside x64's: each rule hands out its CPU's shim, named as the
 * signed chain (netsh: its one first-stage file, x64's). */
static void test_signed_chain_per_cpu_in_every_format(void **state)
{
    static const char *const FORMATS[] = {"isc", "dnsmasq", "kea", "powershell"};
    (void)state;
    for (size_t i = 0; i < sizeof FORMATS / sizeof FORMATS[0]; i++) {
        run_export(FORMATS[i], CHAINS_PLAN);
        assert_has("secureboot/shimx64.efi");
        assert_has("secureboot/shimaa64.efi");
        assert_has("ARM64 UEFI");
        assert_before("iPXE", "secureboot/shimaa64.efi");
        assert_has("the signed chain: Debian's Microsoft-signed shim");
    }
}

static void test_runner(void **state)
{
    pxb_boot_plan plan;
    char small[32];
    pxb_error err = {0};
    size_t count, len = 0;
    const pxb_export_format *f = pxb_export_formats(&count);

    (void)state;
    assert_int_equal(count, 5);
    for (size_t i = 0; i < count; i++)
        assert_ptr_equal(pxb_export_find(f[i].name), &f[i]);
    assert_non_null(pxb_export_find("PowerShell"));
    assert_null(pxb_export_find("yaml"));
    pxb_plan_defaults(&plan);
    assert_int_equal(pxb_export(pxb_export_find("isc"), &plan, out, sizeof out, &len, &err),
                     PXB_EXPORT_BAD_PLAN);
    assert_non_null(strstr(err.text, "BootServer is not set"));
    assert_int_equal(pxb_plan_parse(MINIMAL_PLAN, &plan, &err), 0);
    assert_int_equal(pxb_export(pxb_export_find("kea"), &plan, small, sizeof small, &len, &err),
                     PXB_EXPORT_NO_ROOM);
    assert_true(len > sizeof small);
    assert_int_equal(strlen(small), sizeof small - 1);
    assert_int_equal(pxb_export(pxb_export_find("kea"), &plan, out, sizeof out, &count, &err),
                     PXB_EXPORT_OK);
    assert_int_equal(count, len);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_signed_first_stages_in_every_format),
        cmocka_unit_test(test_signed_chain_per_cpu_in_every_format),
        cmocka_unit_test(test_isc_content),
        cmocka_unit_test(test_isc_accepted_by_dhcpd),
        cmocka_unit_test(test_dnsmasq_content),
        cmocka_unit_test(test_dnsmasq_accepted_by_dnsmasq),
        cmocka_unit_test(test_dnsmasq_sites),
        cmocka_unit_test(test_isc_sites),
        cmocka_unit_test(test_kea_sites),
        cmocka_unit_test(test_powershell_sites),
        cmocka_unit_test(test_netsh_sites),
        cmocka_unit_test(test_kea_content),
        cmocka_unit_test(test_kea_accepted_by_kea),
        cmocka_unit_test(test_powershell_content),
        cmocka_unit_test(test_netsh_content),
        cmocka_unit_test(test_runner),
    };
    return cmocka_run_group_tests(tests, make_dir, remove_dir);
}
