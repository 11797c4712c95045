/* test_boot_plan.c: unit tests for the boot plan: defaults, each setting's parsing and its
 * messages, the text form both ways, validation across settings and the derived rules (their
 * order, matches and options), and the settings of the generated boot script. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "boot_plan.h"

static pxb_error err;

/* A plan from text that must parse. */
static void load(pxb_boot_plan *plan, const char *text)
{
    int rc = pxb_plan_parse(text, plan, &err);
    if (rc != 0)
        fail_msg("parse failed: %s", err.text);
}

/* Sets one setting that must be refused; the message must contain `want`. */
static void refuse(const char *name, const char *value, const char *want)
{
    pxb_boot_plan plan;

    pxb_error why;

    pxb_plan_defaults(&plan);
    assert_int_equal(pxb_plan_set(&plan, name, value, &why), -1);
    if (strstr(why.text, want) == NULL)
        fail_msg("message '%s' lacks '%s'", why.text, want);
}

static void test_defaults(void **state)
{
    pxb_boot_plan plan;
    char out[PXB_PLAN_VALUE_MAX];

    (void)state;
    pxb_plan_defaults(&plan);
    assert_string_equal(plan.stage[PXB_STAGE_BIOS], "undionly.kpxe");
    assert_string_equal(plan.stage[PXB_STAGE_UEFI_X64], "snponly.efi");
    assert_string_equal(plan.stage[PXB_STAGE_UEFI_ARM64], "");
    assert_string_equal(plan.stage[PXB_STAGE_HTTP_X64], "");
    assert_false(plan.embedded_script);
    assert_int_equal(pxb_plan_validate(&plan, &err), -1);
    assert_non_null(strstr(err.text, "BootServer is not set"));
    assert_int_equal(pxb_plan_set(&plan, "bootserver", "10.0.0.5", NULL), 0);
    assert_int_equal(pxb_plan_validate(&plan, &err), 0);
    pxb_plan_script_url(&plan, out);
    assert_string_equal(out, "tftp://10.0.0.5/boot.ipxe");
}

static void test_setting_messages(void **state)
{
    (void)state;
    refuse("BootServer", "10.0.0", "BootServer: '10.0.0' is not a usable IPv4 address");
    refuse("BootServer", "0.0.0.0", "like 10.0.0.5");
    refuse("BootServer", "224.0.0.1", "unicast");
    refuse("BootServer", "10.0.0.05", "BootServer");
    refuse("UefiX64File", "tftp://10.0.0.5/ipxe.efi", "UefiX64File: 'tftp://10.0.0.5/ipxe.efi' "
           "is a URL; give a file name on the TFTP server");
    refuse("BiosFile", "undi only.kpxe", "contains spaces");
    refuse("HttpBootX64Url", "ftp://x/ipxe.efi", "give an http:// or https:// URL");
    refuse("HttpBootX64Url", "http://", "allowed scheme");
    refuse("ScriptUrl", "boot.ipxe", "ScriptUrl: 'boot.ipxe' does not start with an allowed "
           "scheme; give a tftp://, http:// or https:// URL");
    refuse("EmbeddedScript", "maybe", "EmbeddedScript: 'maybe' is not a yes/no value");
    refuse("Scopes", "10.0.0.1/24", "host bits are set; the network address is 10.0.0.0");
    refuse("Scopes", "10.0.0.0", "needs a mask");
    refuse("Scopes", "10.0.0.0/255.0.255.0", "without holes");
    refuse("Scopes", "10.0.0.0/24, 10.0.0.0/24", "listed twice");
    refuse("ExcludeMacs", "00:11:22:33:44", "ExcludeMacs: '00:11:22:33:44' is not a MAC address");
    refuse("Colour", "blue", "unknown setting 'Colour'; the boot plan's settings are BootServer,");
    refuse("BootSrever", "x", "unknown setting 'BootSrever' (did you mean 'BootServer'?); the "
                              "boot plan's settings are BootServer, BiosFile,");
}

static void test_long_values(void **state)
{
    char file[200];

    (void)state;
    memset(file, 'a', sizeof file - 1);
    file[sizeof file - 1] = '\0';
    refuse("BiosFile", file, "is too long");
}

static void test_lists(void **state)
{
    pxb_boot_plan plan;
    char out[256];

    (void)state;
    load(&plan, "BootServer=10.0.0.5\nScopes=10.0.0.0/255.255.255.0 10.1.0.0/16\n"
                "ExcludeMacs=00-11-22-33-44-55,AABBCCDDEEFF\n");
    assert_int_equal(plan.scope_count, 2);
    assert_int_equal(plan.scopes[1].network, 0x0A010000u);
    assert_int_equal(plan.scopes[1].mask, 0xFFFF0000u);
    assert_int_equal(pxb_plan_get(&plan, "Scopes", out, sizeof out), 0);
    assert_string_equal(out, "10.0.0.0/24,10.1.0.0/16");
    assert_int_equal(pxb_plan_get(&plan, "ExcludeMacs", out, sizeof out), 0);
    assert_string_equal(out, "00:11:22:33:44:55,aa:bb:cc:dd:ee:ff");
    assert_int_equal(pxb_plan_get(&plan, "ExcludeMacs", out, 10), -1);
    assert_int_equal(pxb_plan_get(&plan, "Nope", out, sizeof out), -1);
}

static void test_text_round_trip(void **state)
{
    pxb_boot_plan a, b;
    char text[4096];
    size_t len;

    (void)state;
    load(&a, "# comment\n; another\n\n  BootServer = 10.0.0.5 \r\nUefiX64File=ipxe.efi\n"
             "UefiArm64File=arm64/snponly.efi\nHttpBootX64Url=http://10.0.0.5/ipxe.efi\n"
             "ScriptUrl=http://10.0.0.5/boot.php?a=1&b=$x\nScopes=10.0.0.0/24\n"
             "ExcludeMacs=00:11:22:33:44:55\nEmbeddedScript=no");
    len = pxb_plan_format(&a, text, sizeof text);
    assert_true(len < sizeof text);
    assert_int_equal(len, strlen(text));
    assert_non_null(strstr(text, "BootServer=10.0.0.5\n"));
    assert_non_null(strstr(text, "UefiX64File=ipxe.efi\n"));
    assert_non_null(strstr(text, "EmbeddedScript=0\n"));
    load(&b, text);
    assert_memory_equal(&a, &b, sizeof a);
    /* a short buffer still reports the full length and stays terminated */
    assert_int_equal(pxb_plan_format(&a, text, 10), len);
    assert_int_equal(strlen(text), 9);
}

static void test_parse_errors(void **state)
{
    pxb_boot_plan plan;

    (void)state;
    pxb_plan_defaults(&plan);
    plan.server = 0x01020304u;
    assert_int_equal(pxb_plan_parse("BootServer=10.0.0.5\nnonsense\n", &plan, &err), -1);
    assert_string_equal(err.text, "line 2: 'nonsense' is not Name=value");
    assert_int_equal(plan.server, 0x01020304u); /* untouched on failure */
    assert_int_equal(pxb_plan_parse("BootServer=10.0.0.5\nBootServer=10.0.0.6\n", &plan, &err), -1);
    assert_string_equal(err.text, "line 2: BootServer is set twice (first on line 1); set it once");
    assert_int_equal(pxb_plan_parse("BiosFile=x.kpxe\nBootServer=1.2.3\n", &plan, &err), -1);
    assert_non_null(strstr(err.text, "line 2: BootServer: '1.2.3'"));
    assert_int_equal(pxb_plan_parse("BiosFile=x.kpxe\n", &plan, &err), -1);
    assert_non_null(strstr(err.text, "BootServer is not set"));
}

static void test_validate_across(void **state)
{
    pxb_boot_plan plan;

    (void)state;
    assert_int_equal(pxb_plan_parse("BootServer=10.0.0.5\nBiosFile=\nUefiX64File=\n", &plan, &err),
                     -1);
    assert_non_null(strstr(err.text, "hands out no first-stage image"));
    assert_int_equal(pxb_plan_parse("BootServer=10.0.0.5\nEmbeddedScript=1\n"
                                    "ScriptUrl=http://x/boot.ipxe\n", &plan, &err), -1);
    assert_non_null(strstr(err.text, "ScriptUrl is set but EmbeddedScript=1"));
    assert_int_equal(pxb_plan_parse("BootServer=10.0.0.5\nScriptUrl=tftp://10.0.0.5/UNDIONLY.KPXE\n",
                                    &plan, &err), -1);
    assert_non_null(strstr(err.text, "names a first-stage image"));
    assert_non_null(strstr(err.text, "loop"));
}

/* The UEFI first-stage choice shows in each rule: iPXE (no note), the signed chain, the
 * admin's signed iPXE; BIOS and HTTP boot rules are never a signed choice. */
static void test_first_stage_choice_in_the_rules(void **state)
{
    pxb_boot_plan plan;
    pxb_rule_list rules;

    (void)state;
    load(&plan, "BootServer=10.0.0.5\nUefiX64File=SecureBoot\\ShimX64.efi\n"
                "UefiArm64File=ipxe/snponly-shim.efi\nUefiIa32File=ipxe.efi\n"
                "HttpBootX64Url=http://10.0.0.5/a-shim.efi\n");
    pxb_plan_rules(&plan, &rules);
    for (size_t i = 0; i < rules.count; i++) {
        const pxb_rule *r = &rules.rules[i];
        if (r->kind != PXB_RULE_STAGE)
            continue;
        enum pxb_first_stage want = r->stage == PXB_STAGE_UEFI_X64 ? PXB_FIRST_SIGNED_CHAIN
                                    : r->stage == PXB_STAGE_UEFI_ARM64 ? PXB_FIRST_SIGNED_IPXE
                                    : PXB_FIRST_IPXE;
        assert_int_equal(r->first_stage, want);
        assert_true((strstr(r->summary, "Secure Boot on or off") != NULL) ==
                    (want != PXB_FIRST_IPXE));
    }
    assert_int_equal(rules.rules[0].kind, PXB_RULE_IPXE);
}

/* iPXE's signed build has no embedded script, so EmbeddedScript=1 would lose the loop
 * break; GrubKernel may not start a chain again. */
static void test_signed_choices_keep_the_loop_broken(void **state)
{
    pxb_boot_plan plan;

    (void)state;
    assert_int_equal(pxb_plan_parse("BootServer=10.0.0.5\nEmbeddedScript=1\n"
                                    "UefiX64File=sb/snponly-shim.efi\n", &plan, &err),
                     -1);
    assert_non_null(strstr(err.text, "UefiX64File 'sb/snponly-shim.efi' is iPXE's signed build"));
    load(&plan, "BootServer=10.0.0.5\nEmbeddedScript=1\nUefiX64File=secureboot/shimx64.efi\n");
    assert_int_equal(pxb_plan_parse("BootServer=10.0.0.5\nUefiX64File=secureboot/shimx64.efi\n"
                                    "GrubKernel=secureboot/shimx64.efi\n", &plan, &err), -1);
    assert_non_null(strstr(err.text, "GrubKernel: 'secureboot/shimx64.efi' names a first-stage"));
}

/* ARM64's bundled chain is shimaa64.efi; each CPU's shim given to the other, or to a stage
 * with no bundled chain, is refused saying which to use; GrubKernelArm64 may not start a
 * chain again either. */
static void test_signed_chain_per_cpu(void **state)
{
    pxb_boot_plan plan;
    pxb_rule_list rules;

    (void)state;
    load(&plan, "BootServer=10.0.0.5\nUefiX64File=secureboot/shimx64.efi\n"
                "UefiArm64File=/SECUREBOOT/shimaa64.efi\nGrubKernelArm64=debian/arm64/vmlinuz\n");
    pxb_plan_rules(&plan, &rules);
    size_t chains = 0;
    for (size_t i = 0; i < rules.count; i++)
        chains += rules.rules[i].first_stage == PXB_FIRST_SIGNED_CHAIN;
    assert_int_equal(chains, 2);
    assert_string_equal(pxb_stage(PXB_STAGE_UEFI_ARM64)->signed_chain, PXB_SIGNED_CHAIN_ARM64);
    assert_int_equal(pxb_plan_parse("BootServer=10.0.0.5\nUefiArm64File=secureboot/shimx64.efi\n",
                                    &plan, &err), -1);
    assert_non_null(strstr(err.text, "UefiArm64File: 'secureboot/shimx64.efi' is the bundled "
                                     "signed chain of another CPU"));
    assert_non_null(strstr(err.text, "use secureboot/shimaa64.efi"));
    assert_int_equal(pxb_plan_parse("BootServer=10.0.0.5\nUefiX64File=secureboot\\ShimAA64.efi\n",
                                    &plan, &err), -1);
    assert_non_null(strstr(err.text, "x64 UEFI firmware refuses (the wrong machine type); use "
                                     "secureboot/shimx64.efi"));
    assert_int_equal(pxb_plan_parse("BootServer=10.0.0.5\nUefiIa32File=secureboot/shimx64.efi\n",
                                    &plan, &err), -1);
    assert_non_null(strstr(err.text, "no bundled signed chain for IA32 UEFI clients"));
    assert_int_equal(pxb_plan_parse("BootServer=10.0.0.5\nUefiArm64File=secureboot/shimaa64.efi\n"
                                    "GrubKernelArm64=secureboot/shimaa64.efi\n", &plan, &err), -1);
    assert_non_null(strstr(err.text, "GrubKernelArm64: 'secureboot/shimaa64.efi' names a "
                                     "first-stage"));
}

static void test_script_settings(void **state)
{
    pxb_boot_plan plan;
    char out[PXB_PLAN_VALUE_MAX];

    (void)state;
    load(&plan, "BootServer=10.0.0.5\nBootTarget=http://deploy/menu.ipxe?mac=${mac}\n"
                "MenuTimeout=15\n");
    assert_string_equal(plan.boot_target, "http://deploy/menu.ipxe?mac=${mac}");
    assert_int_equal(plan.menu_timeout_s, 15);
    assert_int_equal(pxb_plan_get(&plan, "menutimeout", out, sizeof out), 0);
    assert_string_equal(out, "15");
    refuse("BootTarget", "menu.ipxe", "does not start with an allowed scheme");
    refuse("BootTarget", "http://x/a\"b", "quote or a backslash");
    refuse("BootTarget", "http://x/a\\b", "%5C");
    refuse("MenuTimeout", "601", "from 0 to 600");
    refuse("MenuTimeout", "-1", "not a number of seconds");
    refuse("MenuTimeout", "", "not a number of seconds");
    refuse("MenuTimeout", "99999999999999999999", "from 0 to 600");
    assert_int_equal(pxb_plan_parse("BootServer=10.0.0.5\nBootTarget=tftp://10.0.0.5/snponly.efi\n",
                                    &plan, &err), -1);
    assert_non_null(
        strstr(err.text, "BootTarget: 'tftp://10.0.0.5/snponly.efi' names a first-stage"));
    assert_int_equal(pxb_plan_parse("BootServer=10.0.0.5\nBootTarget=TFTP://10.0.0.5/Boot.ipxe\n",
                                    &plan, &err), -1);
    assert_non_null(strstr(err.text, "is the boot script itself"));
    load(&plan, "BootServer=10.0.0.5\nBootTarget=http://other/boot.ipxe\n");
}

/* BootTarget=winpe:NAME: a name as winpe add takes it, which the plan gives back. */
static void test_winpe_target(void **state)
{
    pxb_boot_plan plan;

    (void)state;
    load(&plan, "BootServer=10.0.0.5\nBootTarget=winpe:PE_64-a\n");
    assert_string_equal(pxb_plan_winpe_target(&plan), "PE_64-a");
    load(&plan, "BootServer=10.0.0.5\nBootTarget=http://x/winpe:a\n");
    assert_null(pxb_plan_winpe_target(&plan));
    refuse("BootTarget", "winpe:", "is not winpe:NAME");
    refuse("BootTarget", "winpe:a/b", "may hold only letters, digits");
    refuse("BootTarget", "winpe:a b", "is not winpe:NAME");
    refuse("BootTarget", "winpe:123456789012345678901234567890123", "1 to 32 characters");
    load(&plan, "BootServer=10.0.0.5\nBootTarget=winpe:12345678901234567890123456789012\n");
}

static void test_rules_default_order(void **state)
{
    pxb_boot_plan plan;
    pxb_rule_list rules;
    const pxb_rule *r;

    (void)state;
    load(&plan, "BootServer=10.0.0.5\n");
    pxb_plan_rules(&plan, &rules);
    assert_int_equal(rules.count, 3);
    r = &rules.rules[0];
    assert_int_equal(r->kind, PXB_RULE_IPXE);
    assert_int_equal(r->order, 1);
    assert_string_equal(r->policy, "pxebridge iPXE");
    assert_string_equal(r->boot_file, "tftp://10.0.0.5/boot.ipxe");
    assert_int_equal(r->next_server, 0x0A000005u);
    assert_false(r->not_ipxe);
    r = &rules.rules[1];
    assert_int_equal(r->kind, PXB_RULE_STAGE);
    assert_int_equal(r->order, 2);
    assert_string_equal(r->label, "x86 BIOS");
    assert_true(r->not_ipxe);
    assert_int_equal(r->vendor_count, 1);
    assert_string_equal(r->vendors[0].prefix, "PXEClient:Arch:00000");
    assert_string_equal(r->boot_file, "undionly.kpxe");
    r = &rules.rules[2];
    assert_string_equal(r->label, "x64 UEFI");
    assert_int_equal(r->order, 3);
    assert_int_equal(r->vendor_count, 2);
    assert_int_equal(r->vendors[0].arch, 7);
    assert_int_equal(r->vendors[1].arch, 9);
    assert_string_equal(r->vendors[1].class_name, "pxebridge class PXEClient:Arch:00009");
    assert_string_equal(r->boot_file, "snponly.efi");
    assert_string_equal(r->summary, "[pxebridge] x64 UEFI (arch 7, 9), not iPXE -> snponly.efi "
                        "from 10.0.0.5");
}

static void test_rules_full(void **state)
{
    pxb_boot_plan plan;
    pxb_rule_list rules;

    (void)state;
    load(&plan, "BootServer=10.0.0.5\nUefiIa32File=ia32.efi\nUefiArm64File=arm64.efi\n"
                "HttpBootX64Url=https://boot/x64.efi\nHttpBootIa32Url=http://boot/ia32.efi\n"
                "HttpBootArm64Url=http://boot/arm64.efi\nExcludeMacs=00:11:22:33:44:55\n");
    pxb_plan_rules(&plan, &rules);
    assert_int_equal(rules.count, PXB_RULES_MAX);
    assert_int_equal(rules.rules[0].kind, PXB_RULE_EXCLUDE);
    assert_int_equal(rules.rules[0].order, 0);
    assert_int_equal(rules.rules[1].kind, PXB_RULE_IPXE);
    assert_int_equal(rules.rules[1].order, 1);
    assert_true(rules.rules[1].not_excluded);
    for (size_t i = 2; i < rules.count; i++) {
        assert_int_equal(rules.rules[i].order, i);
        assert_true(rules.rules[i].not_ipxe);
        assert_true(rules.rules[i].not_excluded);
    }
    assert_string_equal(rules.rules[6].label, "x64 UEFI HTTP");
    assert_true(rules.rules[6].http_client);
    assert_int_equal(rules.rules[6].next_server, 0);
    assert_string_equal(rules.rules[6].vendors[0].prefix, "HTTPClient:Arch:00016");
    assert_string_equal(rules.rules[8].vendors[0].prefix, "HTTPClient:Arch:00019");
}

static void test_rules_embedded(void **state)
{
    pxb_boot_plan plan;
    pxb_rule_list rules;

    (void)state;
    load(&plan, "BootServer=10.0.0.5\nEmbeddedScript=yes\n");
    pxb_plan_rules(&plan, &rules);
    assert_int_equal(rules.count, 2);
    for (size_t i = 0; i < rules.count; i++) {
        assert_int_not_equal(rules.rules[i].kind, PXB_RULE_IPXE);
        assert_true(rules.rules[i].not_ipxe);
        assert_int_equal(rules.rules[i].order, i + 1);
    }
}

static void test_settings_table(void **state)
{
    const pxb_setting_table *t = pxb_plan_table();
    const pxb_setting *s = t->settings;
    size_t count = t->count;
    pxb_boot_plan plan;
    char out[64];

    (void)state;
    assert_int_equal(count, 22);
    pxb_plan_defaults(&plan);
    for (size_t i = 0; i < count; i++) {
        assert_int_equal(pxb_plan_get(&plan, s[i].name, out, sizeof out), 0);
        assert_string_equal(out, s[i].default_text);
        assert_true(strlen(s[i].help) > 10);
    }
}

/* ProxyDhcp takes its three modes by name (4011 is a name, not an index) and says which
 * it takes when given another. */
static void test_proxy_dhcp_setting(void **state)
{
    pxb_boot_plan plan;
    pxb_error e;
    char out[16];
    (void)state;
    pxb_plan_defaults(&plan);
    assert_int_equal(plan.proxy_dhcp, PXB_PROXY_OFF);
    assert_int_equal(pxb_plan_set(&plan, "proxydhcp", "4011", NULL), 0);
    assert_int_equal(plan.proxy_dhcp, PXB_PROXY_4011);
    assert_int_equal(pxb_plan_get(&plan, "ProxyDhcp", out, sizeof out), 0);
    assert_string_equal(out, "4011");
    assert_int_equal(pxb_plan_set(&plan, "ProxyDhcp", "ON", NULL), 0);
    assert_int_equal(plan.proxy_dhcp, PXB_PROXY_ON);
    assert_int_equal(pxb_plan_set(&plan, "ProxyDhcp", "67", &e), -1);
    assert_string_equal(e.text, "ProxyDhcp: '67' is not one of off, on, 4011");
    assert_int_equal(plan.proxy_dhcp, PXB_PROXY_ON);
}

/* The parse and validation errors: "line N: " put in front of the setting's message, the
 * rules across settings worded once, and a NULL error accepted. */
static void test_parse_errors_exact_and_null_accepted(void **state)
{
    pxb_boot_plan plan;
    (void)state;
    assert_int_equal(pxb_plan_parse("BootServer=10.0.0.5\nnonsense\n", &plan, NULL), -1);
    assert_int_equal(pxb_plan_parse("# a comment\nBootServer=abc\n", &plan, &err), -1);
    assert_int_equal(strncmp(err.text, "line 2: BootServer: 'abc' is not a usable IPv4 address",
                             strlen("line 2: BootServer: 'abc' is not a usable IPv4 address")),
                     0);
    assert_int_equal(pxb_plan_parse("BootServer=abc\n", &plan, NULL), -1);
    assert_int_equal(pxb_plan_parse("UefiX64File=ipxe.efi\n", &plan, &err), -1);
    assert_string_equal(err.text, "BootServer is not set: give the IPv4 address of the TFTP "
                                  "server (option 066 / next-server), like 10.0.0.5");
    pxb_plan_defaults(&plan);
    assert_int_equal(pxb_plan_validate(&plan, NULL), -1);
}

/* Two sites: 10.1.0.0/24 and 10.2.0.0/24 have their own boot servers, 10.3.0.0/24 uses
 * BootServer. */
static const char SITES_PLAN[] =
    "BootServer=10.0.0.5\nScopes=10.1.0.0/24 10.2.0.0/24 10.3.0.0/24\n"
    "ScopeBootServers=10.1.0.0/24=10.1.0.5, 10.2.0.0/24=10.2.0.5\n";

/* A plan text that must not parse; the message must contain want. */
static void refuse_plan(const char *text, const char *want)
{
    pxb_boot_plan plan;

    assert_int_equal(pxb_plan_parse(text, &plan, &err), -1);
    if (strstr(err.text, want) == NULL)
        fail_msg("message '%s' lacks '%s'", err.text, want);
}

static void test_scope_boot_servers_setting(void **state)
{
    pxb_boot_plan plan;
    char out[256];

    (void)state;
    load(&plan, SITES_PLAN);
    assert_int_equal(plan.scope_server_count, 2);
    assert_int_equal(plan.scope_servers[1].scope.network, 0x0A020000u);
    assert_int_equal(plan.scope_servers[1].scope.mask, 0xFFFFFF00u);
    assert_int_equal(plan.scope_servers[1].server, 0x0A020005u);
    assert_int_equal(pxb_plan_get(&plan, "ScopeBootServers", out, sizeof out), 0);
    assert_string_equal(out, "10.1.0.0/24=10.1.0.5,10.2.0.0/24=10.2.0.5");
    assert_int_equal(pxb_plan_scope_server(&plan, 0x0A010000u), 0x0A010005u);
    assert_int_equal(pxb_plan_scope_server(&plan, 0x0A030000u), 0x0A000005u);
    load(&plan, "BootServer=10.0.0.5\nScopes=10.1.0.0/24\nScopeBootServers=\n");
    assert_int_equal(plan.scope_server_count, 0);
    refuse("ScopeBootServers", "10.1.0.0/24", "ScopeBootServers: '10.1.0.0/24' is not "
           "SCOPE=ADDRESS; give a scope of Scopes and its site's boot server, like "
           "10.1.0.0/24=10.1.0.5");
    refuse("ScopeBootServers", "10.1.0.0=10.1.0.5", "'10.1.0.0=10.1.0.5': a subnet needs a mask");
    refuse("ScopeBootServers", "10.1.0.0/24=10.1.0", "'10.1.0.0/24=10.1.0': '10.1.0' is not a "
           "usable IPv4 address");
    refuse("ScopeBootServers", "10.1.0.0/24=224.0.0.1", "'224.0.0.1' is not a usable");
    refuse("ScopeBootServers", "10.1.0.0/24=127.0.0.1", "'127.0.0.1' is not a usable");
    refuse("ScopeBootServers", "10.1.0.0/24=", "'' is not a usable");
    refuse("ScopeBootServers", "10.1.0.0/24=10.1.0.5 10.1.0.0/24=10.1.0.6",
           "ScopeBootServers: '10.1.0.0/24=10.1.0.6' is listed twice");
    refuse_plan("BootServer=10.0.0.5\nScopes=10.1.0.0/24\nScopeBootServers=10.2.0.0/24=10.2.0.5\n",
                "ScopeBootServers: '10.2.0.0/24=10.2.0.5' names 10.2.0.0/24, which is not one of "
                "Scopes; add 10.2.0.0/24 to Scopes or remove the item");
    refuse_plan("BootServer=10.0.0.5\nScopes=10.1.0.0/16\nScopeBootServers=10.1.0.0/24=10.1.0.5\n",
                "names 10.1.0.0/24, which is not one of Scopes");
    refuse_plan("BootServer=10.0.0.5\nScopeBootServers=10.1.0.0/24=10.1.0.5\n",
                "not one of Scopes");
    /* a site's own script URL is the boot script too */
    refuse_plan("BootServer=10.0.0.5\nScopes=10.1.0.0/24\nScopeBootServers=10.1.0.0/24=10.1.0.5\n"
                "BootTarget=tftp://10.1.0.5/boot.ipxe\n", "is the boot script itself");
    refuse_plan("BootServer=10.0.0.5\nBootTarget=tftp://${next-server}/boot.ipxe\n",
                "is the boot script itself");
    load(&plan, "BootServer=10.0.0.5\nBootTarget=tftp://${next-server}/menu.ipxe\n");
}

static void test_scope_boot_servers_round_trip(void **state)
{
    pxb_boot_plan a, b;
    char text[4096];

    (void)state;
    load(&a, SITES_PLAN);
    assert_true(pxb_plan_format(&a, text, sizeof text) < sizeof text);
    assert_non_null(strstr(text, "ScopeBootServers=10.1.0.0/24=10.1.0.5,10.2.0.0/24=10.2.0.5\n"));
    load(&b, text);
    assert_memory_equal(&a, &b, sizeof a);
}

static void test_scope_rules(void **state)
{
    pxb_boot_plan plan;
    pxb_rule_list rules;

    (void)state;
    load(&plan, SITES_PLAN);
    pxb_plan_scope_rules(&plan, 0x0A010000u, &rules);
    assert_int_equal(rules.count, 3);
    assert_string_equal(rules.rules[0].boot_file, "tftp://10.1.0.5/boot.ipxe");
    assert_int_equal(rules.rules[0].next_server, 0x0A010005u);
    assert_non_null(strstr(rules.rules[0].summary, "-> boot script tftp://10.1.0.5/boot.ipxe"));
    assert_int_equal(rules.rules[1].next_server, 0x0A010005u);
    assert_non_null(strstr(rules.rules[1].summary, "undionly.kpxe from 10.1.0.5"));
    assert_int_equal(rules.rules[2].next_server, 0x0A010005u);
    pxb_plan_scope_rules(&plan, 0x0A030000u, &rules);
    assert_string_equal(rules.rules[0].boot_file, "tftp://10.0.0.5/boot.ipxe");
    assert_int_equal(rules.rules[2].next_server, 0x0A000005u);
    pxb_plan_rules(&plan, &rules);
    assert_int_equal(rules.rules[1].next_server, 0x0A000005u);
    /* ScriptUrl, when set, is every site's */
    load(&plan, "BootServer=10.0.0.5\nScopes=10.1.0.0/24\nScopeBootServers=10.1.0.0/24=10.1.0.5\n"
                "ScriptUrl=http://deploy/boot.ipxe\nHttpBootX64Url=http://deploy/ipxe.efi\n");
    pxb_plan_scope_rules(&plan, 0x0A010000u, &rules);
    assert_string_equal(rules.rules[0].boot_file, "http://deploy/boot.ipxe");
    assert_int_equal(rules.rules[0].next_server, 0x0A010005u);
    assert_int_equal(rules.rules[3].next_server, 0); /* HTTP boot: no 066 */
}

static void test_keep_scopes(void **state)
{
    pxb_boot_plan plan, kept;
    const uint32_t subnets[] = {0x0A030000u, 0x0A020000u, 0x0A090000u};

    (void)state;
    load(&plan, SITES_PLAN);
    pxb_plan_keep_scopes(&plan, subnets, 3, &kept);
    assert_int_equal(kept.scope_count, 2);
    assert_int_equal(kept.scopes[0].network, 0x0A020000u);
    assert_int_equal(kept.scopes[1].network, 0x0A030000u);
    assert_int_equal(kept.scope_server_count, 1);
    assert_int_equal(kept.scope_servers[0].scope.network, 0x0A020000u);
    assert_int_equal(kept.scope_servers[0].server, 0x0A020005u);
    assert_int_equal(kept.server, plan.server);
    assert_string_equal(kept.stage[PXB_STAGE_BIOS], plan.stage[PXB_STAGE_BIOS]);
    assert_int_equal(pxb_plan_validate(&kept, &err), 0);
    pxb_plan_keep_scopes(&plan, subnets, 0, &kept);
    assert_int_equal(kept.scope_count, 0);
    assert_int_equal(kept.scope_server_count, 0);
    /* the plan given is left as it was */
    assert_int_equal(plan.scope_count, 3);
    assert_int_equal(plan.scope_server_count, 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_setting_messages),
        cmocka_unit_test(test_long_values),
        cmocka_unit_test(test_lists),
        cmocka_unit_test(test_text_round_trip),
        cmocka_unit_test(test_parse_errors),
        cmocka_unit_test(test_validate_across),
        cmocka_unit_test(test_first_stage_choice_in_the_rules),
        cmocka_unit_test(test_signed_choices_keep_the_loop_broken),
        cmocka_unit_test(test_signed_chain_per_cpu),
        cmocka_unit_test(test_script_settings),
        cmocka_unit_test(test_rules_default_order),
        cmocka_unit_test(test_rules_full),
        cmocka_unit_test(test_rules_embedded),
        cmocka_unit_test(test_settings_table),
        cmocka_unit_test(test_proxy_dhcp_setting),
        cmocka_unit_test(test_parse_errors_exact_and_null_accepted),
        cmocka_unit_test(test_scope_boot_servers_setting),
        cmocka_unit_test(test_scope_boot_servers_round_trip),
        cmocka_unit_test(test_scope_rules),
        cmocka_unit_test(test_keep_scopes),
        cmocka_unit_test(test_winpe_target),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
