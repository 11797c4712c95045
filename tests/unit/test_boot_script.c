/* test_boot_script.c: unit tests for the generated boot.ipxe: the marker line, the chain to
 * BootTarget with its fallback, the menu and its timeout, the local-disk branch for BIOS and
 * UEFI, the length contract, and a small check of iPXE script syntax on every variant (only
 * commands the Debian iPXE build has, every goto target a label). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "boot_script.h"

#define SCRIPT_MAX 4096

static char script[SCRIPT_MAX];

/* The script of the plan made from text, which must parse. */
static const char *make(const char *text)
{
    pxb_boot_plan plan;
    pxb_error err = {0};
    size_t len;

    if (pxb_plan_parse(text, &plan, &err) != 0)
        fail_msg("parse failed: %s", err);
    len = pxb_boot_script(&plan, script, sizeof script);
    assert_true(len < sizeof script);
    assert_int_equal(strlen(script), len);
    return script;
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
    static const char *const COMMANDS[] = {"echo", "menu", "item", "choose", "goto", "chain",
                                           "iseq", "sanboot", "exit", "shell"};
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
            else if (p == line && strncmp(p, "item ", 5) == 0)
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

static void test_length_contract(void **state)
{
    pxb_boot_plan plan;
    char small[16];
    size_t need;

    (void)state;
    pxb_plan_defaults(&plan);
    snprintf(plan.boot_target, sizeof plan.boot_target, "http://x/y");
    plan.menu_timeout_s = 3;
    need = pxb_boot_script(&plan, NULL, 0);
    assert_int_equal(pxb_boot_script(&plan, small, sizeof small), need);
    assert_int_equal(strlen(small), sizeof small - 1);
    assert_int_equal(strncmp(small, "#!ipxe\n", 7), 0);
    assert_int_equal(pxb_boot_script(&plan, script, sizeof script), need);
    assert_int_equal(strlen(script), need);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default_boots_local_disk),
        cmocka_unit_test(test_chain_with_fallback),
        cmocka_unit_test(test_menu_with_target),
        cmocka_unit_test(test_menu_without_target),
        cmocka_unit_test(test_length_contract),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
