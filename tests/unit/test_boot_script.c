/* test_boot_script.c: unit tests for the generated boot.ipxe: the marker line, the chain to
 * BootTarget with its fallback, the menu and its timeout, the local-disk branch for BIOS and
 * UEFI, the WinPE images of the catalog through wimboot (items per architecture, kernel and
 * initrds from the HTTP or TFTP base, index=N, BootTarget=winpe:NAME), the length contract,
 * and a small check of iPXE script syntax on every variant (only commands the Debian iPXE
 * build has, every goto target and menu item a label). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "boot_script.h"
#include "winpe_fixture.h"

#define SCRIPT_MAX 4096

static char script[SCRIPT_MAX];
static const pxb_winpe_catalog NO_IMAGES;

/* The script of the plan made from text, which must parse. */
static const char *make_with(const char *text, const pxb_winpe_catalog *winpe,
                             const pxb_menu_http *http)
{
    pxb_boot_plan plan;
    pxb_error err = {0};
    pxb_menu_source src;
    size_t len;

    if (pxb_plan_parse(text, &plan, &err) != 0)
        fail_msg("parse failed: %s", err);
    pxb_menu_source_init(&src, &plan, winpe, http);
    len = pxb_boot_script(&src, script, sizeof script);
    assert_true(len < sizeof script);
    assert_int_equal(strlen(script), len);
    return script;
}

static const char *make(const char *text)
{
    return make_with(text, &NO_IMAGES, NULL);
}

static void assert_has(const char *text, const char *want)
{
    if (strstr(text, want) == NULL)
        fail_msg("script lacks '%s':\n%s", want, text);
}

static void assert_lacks(const char *text, const char *unwanted)
{
    if (strstr(text, unwanted) != NULL)
        fail_msg("script has '%s':\n%s", unwanted, text);
}

/* want comes before later in text, both present. */
static void assert_before(const char *text, const char *want, const char *later)
{
    const char *a = strstr(text, want), *b = strstr(text, later);

    if (a == NULL || b == NULL || a > b)
        fail_msg("'%s' is not before '%s':\n%s", want, later, text);
}

/* True if text has a line that is exactly ":label". */
static int has_label(const char *text, const char *label, size_t len)
{
    for (const char *p = text; (p = strchr(p, ':')) != NULL; p++)
        if ((p == text || p[-1] == '\n') && strncmp(p + 1, label, len) == 0 &&
            p[1 + len] == '\n')
            return 1;
    return 0;
}

/* Checks the script as iPXE would read it: "#!ipxe" first; each line a comment, a label or
 * one of the commands below; every "goto X" and every menu item has its ":X" label. */
static void check_syntax(const char *text)
{
    static const char *const COMMANDS[] = {"echo", "menu", "item",   "choose",  "goto",
                                           "chain", "iseq", "sanboot", "exit",  "shell",
                                           "set",  "kernel", "initrd", "boot"};
    const char *line = text;

    assert_true(strncmp(text, "#!ipxe\n", 7) == 0);
    while (*line) {
        const char *end = strchr(line, '\n');
        size_t word = strcspn(line, " \n");
        int known = line[0] == '#' || line[0] == ':';
        assert_non_null(end);
        for (size_t i = 0; i < sizeof COMMANDS / sizeof COMMANDS[0] && !known; i++)
            known = strlen(COMMANDS[i]) == word && strncmp(line, COMMANDS[i], word) == 0;
        if (!known)
            fail_msg("unknown command in line '%.*s'", (int)(end - line), line);
        for (const char *p = line; p < end; p++) {
            const char *go = NULL;
            if (strncmp(p, "goto ", 5) == 0 && p[5] != '$')
                go = p + 5;
            else if ((p == line || p[-1] == ' ') && strncmp(p, "item ", 5) == 0)
                go = p + 5;
            if (go != NULL && !has_label(text, go, strcspn(go, " \n")))
                fail_msg("no label for '%.*s'", (int)(end - p), p);
        }
        line = end + 1;
    }
}

static void test_default_boots_local_disk(void **state)
{
    const char *s = make("BootServer=10.0.0.5\n");

    (void)state;
    check_syntax(s);
    assert_has(s, "\necho " PXB_SCRIPT_MARKER " ${mac} (${platform}/${buildarch})\n");
    assert_has(s, "the boot plan has no BootTarget");
    assert_has(s, "\necho " PXB_SCRIPT_LOCAL "\n");
    assert_has(s, "\niseq ${platform} efi && exit ||\n");
    assert_has(s, "\nsanboot --no-describe --drive 0x80 ||\n");
    assert_lacks(s, "chain");
    assert_lacks(s, "\nmenu ");
    assert_lacks(s, "poweroff");
    assert_int_equal(strcmp(s + strlen(s) - 6, "\nexit\n"), 0);
}

static void test_chain_with_fallback(void **state)
{
    const char *s = make("BootServer=10.0.0.5\nBootTarget=http://deploy/menu.ipxe?m=${mac}\n");

    (void)state;
    check_syntax(s);
    assert_has(s, "\nchain --autofree http://deploy/menu.ipxe?m=${mac} || goto failed\n");
    assert_before(s, PXB_SCRIPT_MARKER, "chain --autofree");
    assert_before(s, "chain --autofree", ":failed\n");
    assert_before(s, ":failed\n", ":local\n");
    assert_has(s, "did not boot (error ${errno})");
    assert_lacks(s, "no BootTarget");
    assert_lacks(s, "\nmenu ");
}

static void test_menu_with_target(void **state)
{
    const char *s = make("BootServer=10.0.0.5\nBootTarget=tftp://10.0.0.5/os.ipxe\n"
                         "MenuTimeout=5\n");

    (void)state;
    check_syntax(s);
    assert_has(s, "\nitem target Boot tftp://10.0.0.5/os.ipxe\n");
    assert_has(s, "\nitem local Boot from the local disk\nitem shell iPXE shell\n");
    assert_has(s, "\nchoose --timeout 5000 --default target selected || goto local\n"
                  "goto ${selected}\n");
    assert_before(s, PXB_SCRIPT_MARKER, "menu pxebridge");
    assert_before(s, ":local\n", ":shell\n");
    assert_has(s, "\nshell ||\ngoto local\n");
}

static void test_menu_without_target(void **state)
{
    const char *s = make("BootServer=10.0.0.5\nMenuTimeout=600\n");

    (void)state;
    check_syntax(s);
    assert_has(s, "choose --timeout 600000 --default local selected || goto local\n");
    assert_lacks(s, "item target");
    assert_lacks(s, ":target");
    assert_lacks(s, "no BootTarget");
}

/* Two images, one per architecture family, the second the WIM's second image. */
static void fill_two(pxb_winpe_catalog *cat)
{
    memset(cat, 0, sizeof *cat);
    fixture_add(cat, "pe64", PXB_WINPE_X64, 1, "boot.wim BCD boot.sdi bootmgr + winpeshl.ini");
    fixture_add(cat, "pe-arm", PXB_WINPE_ARM64, 2, "boot.wim");
}

static void test_winpe_menu_over_tftp(void **state)
{
    pxb_winpe_catalog cat;

    (void)state;
    fill_two(&cat);
    const char *s = make_with("BootServer=10.0.0.5\nMenuTimeout=5\n", &cat, NULL);
    check_syntax(s);
    assert_has(s, "\nset pxb-arch ${buildarch}\niseq ${platform} pcbios && set pxb-arch pcbios ||\n");
    assert_has(s, "\niseq ${pxb-arch} i386 && set pxb-wimboot wimboot.i386 ||\n");
    assert_has(s, "\niseq ${pxb-arch} arm64 && set pxb-wimboot wimboot.arm64 ||\n");
    assert_has(s, "\niseq ${pxb-arch} x86_64 && item winpe-pe64 WinPE pe64: Microsoft Windows "
                  "PE _pe64_ (x86_64) ||\n");
    assert_has(s, "\niseq ${pxb-arch} pcbios && item winpe-pe64 ");
    assert_has(s, "\niseq ${pxb-arch} arm64 && item winpe-pe-arm ");
    assert_lacks(s, "pcbios && item winpe-pe-arm");
    assert_before(s, "item winpe-pe-arm", "item local");
    assert_has(s, "\n:winpe-pe64\niseq ${pxb-arch} x86_64 || iseq ${pxb-arch} pcbios || goto "
                  "winpe-arch\n");
    assert_has(s, "over TFTP\nkernel tftp://10.0.0.5/${pxb-wimboot} || goto winpe-failed\n"
                  "initrd tftp://10.0.0.5/winpe/pe64/boot.wim boot.wim || goto winpe-failed\n"
                  "initrd tftp://10.0.0.5/winpe/pe64/BCD BCD || goto winpe-failed\n"
                  "initrd tftp://10.0.0.5/winpe/pe64/boot.sdi boot.sdi || goto winpe-failed\n"
                  "initrd tftp://10.0.0.5/winpe/pe64/bootmgr bootmgr || goto winpe-failed\n"
                  "initrd tftp://10.0.0.5/winpe/pe64/winpeshl.ini winpeshl.ini || goto "
                  "winpe-failed\nboot || goto winpe-failed\n");
    assert_has(s, "\n:winpe-pe-arm\niseq ${pxb-arch} arm64 || goto winpe-arch\n");
    assert_has(s, "\nkernel tftp://10.0.0.5/${pxb-wimboot} index=2 || goto winpe-failed\n"
                  "initrd tftp://10.0.0.5/winpe/pe-arm/boot.wim boot.wim || goto winpe-failed\n"
                  "boot");
    assert_has(s, "choose --timeout 5000 --default local selected");
    assert_before(s, ":shell\n", ":winpe-pe64\n");
    assert_has(s, "\n:winpe-failed\necho pxebridge: WinPE did not boot (error ${errno})\n"
                  "goto local\n");
}

static void test_winpe_over_http(void **state)
{
    pxb_winpe_catalog cat;
    pxb_menu_http http = {8080, 0, "/pxb/"};

    (void)state;
    fill_two(&cat);
    const char *s = make_with("BootServer=10.0.0.5\nMenuTimeout=5\n", &cat, &http);
    check_syntax(s);
    assert_has(s, "over HTTP\nkernel http://10.0.0.5:8080/pxb/${pxb-wimboot} || goto");
    assert_has(s, "\ninitrd http://10.0.0.5:8080/pxb/winpe/pe64/BCD BCD || goto");
    assert_lacks(s, "tftp://");
    http.tls = 1;
    s = make_with("BootServer=10.0.0.5\nMenuTimeout=5\n", &cat, &http);
    assert_has(s, "\nkernel https://10.0.0.5:8080/pxb/${pxb-wimboot} index=2 || goto");
}

/* BootTarget=winpe:NAME without a menu: that image alone, booted at once. */
static void test_winpe_target_at_once(void **state)
{
    pxb_winpe_catalog cat;

    (void)state;
    fill_two(&cat);
    const char *s = make_with("BootServer=10.0.0.5\nBootTarget=winpe:PE-ARM\n", &cat, NULL);
    check_syntax(s);
    assert_has(s, "\ngoto winpe-pe-arm\n:local\n");
    assert_has(s, "\n:winpe-pe-arm\n");
    assert_lacks(s, ":winpe-pe64\n");
    assert_lacks(s, "\nmenu ");
    assert_lacks(s, "chain");
    assert_lacks(s, "no BootTarget");
}

static void test_winpe_target_in_menu(void **state)
{
    pxb_winpe_catalog cat;

    (void)state;
    fill_two(&cat);
    const char *s = make_with("BootServer=10.0.0.5\nBootTarget=winpe:pe64\nMenuTimeout=3\n",
                              &cat, NULL);
    check_syntax(s);
    assert_has(s, "\nchoose --timeout 3000 --default winpe-pe64 selected || goto local\n");
    assert_lacks(s, "item target");
    assert_lacks(s, "chain");
    assert_has(s, "\n:winpe-pe-arm\n");
}

/* A target the catalog lacks boots the local disk and says why; an image whose names a
 * menu would read as syntax is left out. */
static void test_winpe_missing_or_unsafe(void **state)
{
    pxb_winpe_catalog cat;

    (void)state;
    memset(&cat, 0, sizeof cat);
    fixture_add(&cat, "pe64", PXB_WINPE_X64, 1, "boot.wim a$b");
    const char *s = make_with("BootServer=10.0.0.5\nBootTarget=winpe:gone\n", &cat, NULL);
    check_syntax(s);
    assert_has(s, "\necho pxebridge: BootTarget winpe:gone names no image of the WinPE "
                  "catalog (pxebridge winpe list)\n:local\n");
    s = make_with("BootServer=10.0.0.5\nMenuTimeout=3\n", &cat, NULL);
    check_syntax(s);
    assert_lacks(s, "winpe-pe64");
    assert_lacks(s, "a$b");
}

/* Without images and without a winpe: target the script has no WinPE part at all. */
static void test_winpe_none(void **state)
{
    (void)state;
    const char *s = make("BootServer=10.0.0.5\nMenuTimeout=3\n");
    assert_lacks(s, "pxb-arch");
    assert_lacks(s, "winpe");
}

static void test_length_contract(void **state)
{
    pxb_boot_plan plan;
    char small[16];
    size_t need;

    (void)state;
    pxb_plan_defaults(&plan);
    snprintf(plan.boot_target, sizeof plan.boot_target, "http://x/y");
    plan.menu_timeout_s = 3;
    pxb_menu_source src;
    pxb_menu_source_init(&src, &plan, &NO_IMAGES, NULL);
    need = pxb_boot_script(&src, NULL, 0);
    assert_int_equal(pxb_boot_script(&src, small, sizeof small), need);
    assert_int_equal(strlen(small), sizeof small - 1);
    assert_int_equal(strncmp(small, "#!ipxe\n", 7), 0);
    assert_int_equal(pxb_boot_script(&src, script, sizeof script), need);
    assert_int_equal(strlen(script), need);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default_boots_local_disk),
        cmocka_unit_test(test_chain_with_fallback),
        cmocka_unit_test(test_menu_with_target),
        cmocka_unit_test(test_menu_without_target),
        cmocka_unit_test(test_winpe_menu_over_tftp),
        cmocka_unit_test(test_winpe_over_http),
        cmocka_unit_test(test_winpe_target_at_once),
        cmocka_unit_test(test_winpe_target_in_menu),
        cmocka_unit_test(test_winpe_missing_or_unsafe),
        cmocka_unit_test(test_winpe_none),
        cmocka_unit_test(test_length_contract),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
