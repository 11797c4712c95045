/* test_explain.c: unit tests for explain: which rule a described client hits, what it
 * receives and the reasoning, for BIOS, x64 UEFI (arch 7 and 9), iPXE on BIOS and on UEFI,
 * UEFI HTTP boot, ARM64 with and without an image, an excluded MAC, a client that is not
 * PXE, embedded-script mode, scopes, option 93 against the vendor class, and a loop. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "explain.h"

#define SERVER 0x0A000005u /* 10.0.0.5 */

static const uint8_t IPXE[] = {'i', 'P', 'X', 'E'};

static void load(pxb_boot_plan *plan, const char *text)
{
    pxb_error err = {0};

    if (pxb_plan_parse(text, plan, &err) != 0)
        fail_msg("parse failed: %s", err);
}

/* A PXE client as firmware describes itself: option 93 and the matching vendor class. */
static pxb_client firmware(unsigned arch, const char *vendor_class)
{
    pxb_client c;

    memset(&c, 0, sizeof c);
    c.has_arch = 1;
    c.arch = arch;
    c.vendor_class = vendor_class;
    return c;
}

static pxb_client ipxe_on(unsigned arch, const char *vendor_class)
{
    pxb_client c = firmware(arch, vendor_class);

    c.user_class = IPXE;
    c.user_class_len = sizeof IPXE;
    return c;
}

static void assert_why(const pxb_explanation *e, const char *want)
{
    if (strstr(e->why, want) == NULL)
        fail_msg("why '%s' lacks '%s'", e->why, want);
}

static void test_bios(void **state)
{
    pxb_boot_plan plan;
    pxb_explanation e;
    pxb_client c = firmware(0, "PXEClient:Arch:00000:UNDI:002001");

    (void)state;
    load(&plan, "BootServer=10.0.0.5\n");
    pxb_explain(&plan, &c, &e);
    assert_true(e.matched);
    assert_string_equal(e.rule.label, "x86 BIOS");
    assert_string_equal(e.boot_file, "undionly.kpxe");
    assert_int_equal(e.next_server, SERVER);
    assert_false(e.http_client);
    assert_false(e.loop);
    assert_string_equal(e.why, "option 93 says arch 0 (x86 BIOS), the vendor class agrees -> "
                        "no user class (not 'iPXE') -> rule x86 BIOS (processing order 2) -> "
                        "first-stage image undionly.kpxe (067 / filename) from 10.0.0.5 "
                        "(066 / next-server)");
}

static void test_uefi_x64_arch_7_and_9(void **state)
{
    pxb_boot_plan plan;
    pxb_explanation e;
    pxb_client c7 = firmware(7, "PXEClient:Arch:00007:UNDI:003016");
    pxb_client c9 = firmware(9, "PXEClient:Arch:00009:UNDI:003016");

    (void)state;
    load(&plan, "BootServer=10.0.0.5\nUefiX64File=ipxe.efi\n");
    pxb_explain(&plan, &c7, &e);
    assert_string_equal(e.rule.label, "x64 UEFI");
    assert_string_equal(e.boot_file, "ipxe.efi");
    assert_why(&e, "rule x64 UEFI (processing order 3)");
    pxb_explain(&plan, &c9, &e);
    assert_string_equal(e.rule.label, "x64 UEFI");
    assert_string_equal(e.boot_file, "ipxe.efi");
    assert_why(&e, "option 93 says arch 9 (x64 UEFI (old firmware))");
}

/* explain names the UEFI first-stage choice; iPXE's signed build still meets the iPXE rule
 * when it asks again. */
static void test_signed_first_stages(void **state)
{
    pxb_boot_plan plan;
    pxb_explanation e;
    pxb_client c = firmware(7, "PXEClient:Arch:00007:UNDI:003016");
    pxb_client again = ipxe_on(7, "PXEClient:Arch:00007:UNDI:003016");

    (void)state;
    load(&plan, "BootServer=10.0.0.5\nUefiX64File=secureboot/shimx64.efi\n");
    pxb_explain(&plan, &c, &e);
    assert_string_equal(e.boot_file, "secureboot/shimx64.efi");
    assert_int_equal(e.rule.first_stage, PXB_FIRST_SIGNED_CHAIN);
    assert_why(&e, "(066 / next-server): the signed chain: Debian's Microsoft-signed shim");
    load(&plan, "BootServer=10.0.0.5\nUefiX64File=ipxe-sb/snponly-shim.efi\n");
    pxb_explain(&plan, &c, &e);
    assert_why(&e, "your signed iPXE");
    pxb_explain(&plan, &again, &e);
    assert_string_equal(e.boot_file, "tftp://10.0.0.5/boot.ipxe");
    assert_int_equal(e.loop, 0);
}

/* An ARM64 UEFI client (arch 11) gets ARM64's signed chain, shimaa64.efi, named as such;
 * asking again from iPXE is no loop. */
static void test_arm64_signed_chain(void **state)
{
    pxb_boot_plan plan;
    pxb_explanation e;
    pxb_client c = firmware(11, "PXEClient:Arch:00011:UNDI:003016");

    (void)state;
    load(&plan, "BootServer=10.0.0.5\nUefiX64File=secureboot/shimx64.efi\n"
                "UefiArm64File=secureboot/shimaa64.efi\n");
    pxb_explain(&plan, &c, &e);
    assert_string_equal(e.boot_file, "secureboot/shimaa64.efi");
    assert_int_equal(e.rule.stage, PXB_STAGE_UEFI_ARM64);
    assert_int_equal(e.rule.first_stage, PXB_FIRST_SIGNED_CHAIN);
    assert_why(&e, "the signed chain: Debian's Microsoft-signed shim");
    assert_int_equal(e.loop, 0);
}

static void test_ipxe_on_bios_and_uefi(void **state)
{
    pxb_boot_plan plan;
    pxb_explanation e;
    pxb_client bios = ipxe_on(0, "PXEClient:Arch:00000:UNDI:002001");
    pxb_client uefi = ipxe_on(7, "PXEClient:Arch:00007:UNDI:003016");

    (void)state;
    load(&plan, "BootServer=10.0.0.5\n");
    pxb_explain(&plan, &bios, &e);
    assert_true(e.matched);
    assert_int_equal(e.rule.kind, PXB_RULE_IPXE);
    assert_string_equal(e.boot_file, "tftp://10.0.0.5/boot.ipxe");
    assert_string_equal(e.why, "user class is 'iPXE' -> rule iPXE (processing order 1) -> "
                        "boot script tftp://10.0.0.5/boot.ipxe (067), server 10.0.0.5 "
                        "(066 / next-server)");
    assert_false(e.loop);
    pxb_explain(&plan, &uefi, &e);
    assert_int_equal(e.rule.kind, PXB_RULE_IPXE);
    assert_string_equal(e.boot_file, "tftp://10.0.0.5/boot.ipxe");
}

static void test_ipxe_with_http_script(void **state)
{
    pxb_boot_plan plan;
    pxb_explanation e;
    pxb_client c = ipxe_on(7, "PXEClient:Arch:00007:UNDI:003016");

    (void)state;
    load(&plan, "BootServer=10.0.0.5\nScriptUrl=http://deploy/boot.php?mac=${net0/mac}\n");
    pxb_explain(&plan, &c, &e);
    assert_string_equal(e.boot_file, "http://deploy/boot.php?mac=${net0/mac}");
}

static void test_http_boot(void **state)
{
    pxb_boot_plan plan;
    pxb_explanation e;
    pxb_client c = firmware(16, "HTTPClient:Arch:00016:UNDI:003000");

    (void)state;
    load(&plan, "BootServer=10.0.0.5\n");
    pxb_explain(&plan, &c, &e);
    assert_false(e.matched);
    assert_why(&e, "HttpBootX64Url is empty, so x64 UEFI HTTP clients get no boot options");
    load(&plan, "BootServer=10.0.0.5\nHttpBootX64Url=http://10.0.0.5/ipxe.efi\n");
    pxb_explain(&plan, &c, &e);
    assert_true(e.matched);
    assert_true(e.http_client);
    assert_int_equal(e.next_server, 0);
    assert_string_equal(e.boot_file, "http://10.0.0.5/ipxe.efi");
    assert_why(&e, "HTTP boot URL http://10.0.0.5/ipxe.efi (067) with option 060 HTTPClient");
}

static void test_arm64_without_and_with_image(void **state)
{
    pxb_boot_plan plan;
    pxb_explanation e;
    pxb_client c = firmware(11, "PXEClient:Arch:00011:UNDI:003016");

    (void)state;
    load(&plan, "BootServer=10.0.0.5\n");
    pxb_explain(&plan, &c, &e);
    assert_false(e.matched);
    assert_string_equal(e.boot_file, "");
    assert_why(&e, "no rule matched: UefiArm64File is empty, so ARM64 UEFI clients get no boot "
                   "options; set it to hand them an image");
    load(&plan, "BootServer=10.0.0.5\nUefiArm64File=arm64/snponly.efi\n");
    pxb_explain(&plan, &c, &e);
    assert_true(e.matched);
    assert_string_equal(e.rule.label, "ARM64 UEFI");
    assert_string_equal(e.boot_file, "arm64/snponly.efi");
}

static void test_excluded_mac(void **state)
{
    pxb_boot_plan plan;
    pxb_explanation e;
    pxb_client c = ipxe_on(7, "PXEClient:Arch:00007:UNDI:003016");

    (void)state;
    load(&plan, "BootServer=10.0.0.5\nExcludeMacs=00:11:22:33:44:55\n");
    c.has_mac = 1;
    assert_int_equal(pxb_mac_parse("00-11-22-33-44-55", 17, &c.mac), 0);
    pxb_explain(&plan, &c, &e);
    assert_true(e.matched);
    assert_int_equal(e.rule.kind, PXB_RULE_EXCLUDE);
    assert_string_equal(e.boot_file, "");
    assert_int_equal(e.next_server, 0);
    assert_string_equal(e.why, "MAC 00:11:22:33:44:55 is in ExcludeMacs -> rule excluded MACs "
                        "(checked before every policy) -> no boot options");
    c.mac.b[5] = 0x56;
    pxb_explain(&plan, &c, &e);
    assert_int_equal(e.rule.kind, PXB_RULE_IPXE);
}

static void test_not_pxe(void **state)
{
    pxb_boot_plan plan;
    pxb_explanation e;
    pxb_client c;

    (void)state;
    load(&plan, "BootServer=10.0.0.5\n");
    memset(&c, 0, sizeof c);
    c.vendor_class = "MSFT 5.0";
    pxb_explain(&plan, &c, &e);
    assert_false(e.matched);
    assert_string_equal(e.why, "no rule matched: vendor class 'MSFT 5.0' is not a PXE client "
                        "-> no boot options");
    c.vendor_class = NULL;
    pxb_explain(&plan, &c, &e);
    assert_why(&e, "no option 93 and no vendor class: not a PXE client");
    c.vendor_class = "PXEClient";
    pxb_explain(&plan, &c, &e);
    assert_why(&e, "carries no architecture and there is no option 93");
    c = firmware(3, NULL);
    pxb_explain(&plan, &c, &e);
    assert_why(&e, "the plan has no rule for arch 3");
}

static void test_embedded_script(void **state)
{
    pxb_boot_plan plan;
    pxb_explanation e;
    pxb_client ipxe = ipxe_on(0, "PXEClient:Arch:00000:UNDI:002001");
    pxb_client bios = firmware(0, "PXEClient:Arch:00000:UNDI:002001");

    (void)state;
    load(&plan, "BootServer=10.0.0.5\nEmbeddedScript=1\n");
    pxb_explain(&plan, &ipxe, &e);
    assert_false(e.matched);
    assert_why(&e, "EmbeddedScript=1: there is no iPXE rule");
    pxb_explain(&plan, &bios, &e);
    assert_true(e.matched);
    assert_why(&e, "rule x86 BIOS (processing order 1)");
}

static void test_option_93_wins(void **state)
{
    pxb_boot_plan plan;
    pxb_explanation e;
    pxb_client c = firmware(7, "PXEClient:Arch:00000:UNDI:002001");

    (void)state;
    load(&plan, "BootServer=10.0.0.5\n");
    pxb_explain(&plan, &c, &e);
    assert_string_equal(e.rule.label, "x64 UEFI");
    assert_why(&e, "option 93 says arch 7 (x64 UEFI); the vendor class "
                   "'PXEClient:Arch:00000:UNDI:002001' says arch 0: option 93 wins");
    c.has_arch = 0;
    pxb_explain(&plan, &c, &e);
    assert_string_equal(e.rule.label, "x86 BIOS");
    assert_why(&e, "says arch 0 (x86 BIOS), no option 93");
}

static void test_scopes(void **state)
{
    pxb_boot_plan plan;
    pxb_explanation e;
    pxb_client c = firmware(0, NULL);

    (void)state;
    load(&plan, "BootServer=10.0.0.5\nScopes=10.0.0.0/24,10.2.0.0/16\n");
    pxb_explain(&plan, &c, &e);
    assert_true(e.matched);
    assert_why(&e, "no client address given, assuming");
    c.has_address = 1;
    c.address = 0x0A020304u;
    pxb_explain(&plan, &c, &e);
    assert_true(e.matched);
    assert_false(e.out_of_scope);
    assert_why(&e, "address 10.2.3.4 is in scope 10.2.0.0/16 -> ");
    c.address = 0x0A010001u;
    pxb_explain(&plan, &c, &e);
    assert_false(e.matched);
    assert_true(e.out_of_scope);
    assert_string_equal(e.why, "no rule matched: address 10.1.0.1 is outside the plan's scopes "
                        "(10.0.0.0/24, 10.2.0.0/16) -> no boot options");
}

static void test_loop_warning(void **state)
{
    pxb_boot_plan plan;
    pxb_explanation e;
    pxb_client c = ipxe_on(0, "PXEClient:Arch:00000:UNDI:002001");
    pxb_error err;

    (void)state;
    /* validation refuses this plan; explain still shows what it would do */
    pxb_plan_defaults(&plan);
    assert_int_equal(pxb_plan_set(&plan, "BootServer", "10.0.0.5", &err), 0);
    assert_int_equal(pxb_plan_set(&plan, "ScriptUrl", "tftp://10.0.0.5/undionly.kpxe", &err), 0);
    pxb_explain(&plan, &c, &e);
    assert_true(e.matched);
    assert_true(e.loop);
    assert_why(&e, "WARNING: this iPXE client is handed the first-stage image "
                   "tftp://10.0.0.5/undionly.kpxe and will load iPXE again");
}

static void test_odd_user_class(void **state)
{
    static const uint8_t rfc3004[] = {4, 'i', 'P', 'X', 'E'};
    pxb_boot_plan plan;
    pxb_explanation e;
    pxb_client c = firmware(0, NULL);

    (void)state;
    load(&plan, "BootServer=10.0.0.5\n");
    c.user_class = rfc3004;
    c.user_class_len = sizeof rfc3004;
    pxb_explain(&plan, &c, &e);
    assert_string_equal(e.rule.label, "x86 BIOS");
    assert_why(&e, "user class '\\x04iPXE' is not 'iPXE'");
}

/* A client of a site's scope (ScopeBootServers) gets its boot server; another scope's client
 * BootServer; a client without an address is told to give --subnet. */
static void test_sites(void **state)
{
    pxb_boot_plan plan;
    pxb_explanation e;
    pxb_client ipxe = ipxe_on(7, "PXEClient:Arch:00007:UNDI:003016");
    pxb_client bios = firmware(0, "PXEClient:Arch:00000:UNDI:002001");

    (void)state;
    load(&plan, "BootServer=10.0.0.5\nScopes=10.1.0.0/24 10.2.0.0/24\n"
                "ScopeBootServers=10.2.0.0/24=10.2.0.5\n");
    ipxe.has_address = 1;
    ipxe.address = 0x0A020000u;
    pxb_explain(&plan, &ipxe, &e);
    assert_int_equal(e.next_server, 0x0A020005u);
    assert_string_equal(e.boot_file, "tftp://10.2.0.5/boot.ipxe");
    assert_string_equal(e.why, "address 10.2.0.0 is in scope 10.2.0.0/24, which boots from "
                        "10.2.0.5 (ScopeBootServers) -> user class is 'iPXE' -> rule iPXE "
                        "(processing order 1) -> boot script tftp://10.2.0.5/boot.ipxe (067), "
                        "server 10.2.0.5 (066 / next-server)");
    bios.has_address = 1;
    bios.address = 0x0A020042u;
    pxb_explain(&plan, &bios, &e);
    assert_int_equal(e.next_server, 0x0A020005u);
    assert_why(&e, "first-stage image undionly.kpxe (067 / filename) from 10.2.0.5 "
                   "(066 / next-server)");
    bios.address = 0x0A010042u;
    pxb_explain(&plan, &bios, &e);
    assert_int_equal(e.next_server, SERVER);
    assert_why(&e, "address 10.1.0.66 is in scope 10.1.0.0/24 -> option 93");
    bios.has_address = 0;
    pxb_explain(&plan, &bios, &e);
    assert_int_equal(e.next_server, SERVER);
    assert_why(&e, "no client address given, assuming it is in one of the plan's scopes that "
                   "boot from BootServer (give --subnet for one of ScopeBootServers) -> ");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bios),
        cmocka_unit_test(test_uefi_x64_arch_7_and_9),
        cmocka_unit_test(test_ipxe_on_bios_and_uefi),
        cmocka_unit_test(test_signed_first_stages),
        cmocka_unit_test(test_arm64_signed_chain),
        cmocka_unit_test(test_ipxe_with_http_script),
        cmocka_unit_test(test_http_boot),
        cmocka_unit_test(test_arm64_without_and_with_image),
        cmocka_unit_test(test_excluded_mac),
        cmocka_unit_test(test_not_pxe),
        cmocka_unit_test(test_embedded_script),
        cmocka_unit_test(test_option_93_wins),
        cmocka_unit_test(test_scopes),
        cmocka_unit_test(test_loop_warning),
        cmocka_unit_test(test_odd_user_class),
        cmocka_unit_test(test_sites),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
