/* test_grub_menu.c: unit tests for the generated GRUB menu (grub/grub.cfg) and the plan's
 * GRUB settings: the marker, the kernel entry with initrd and command line and the
 * local-disk fallback, only the local disk without GrubKernel, each CPU's kernel by
 * $grub_cpu (GrubKernelArm64 for ARM64's GRUB), MenuTimeout as GRUB's
 * timeout, no WinPE image whatever the catalog holds (the signed GRUB cannot start wimboot
 * with its files), the length contract, and the settings refusing what GRUB would read as syntax. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "grub_menu.h"
#include "winpe_fixture.h"

#define MENU_MAX 4096

static char menu[MENU_MAX];
static const pxb_winpe_catalog NO_IMAGES;

/* The menu of the plan made from text, which must parse, and the catalog winpe. */
static const char *make_with(const char *text, const pxb_winpe_catalog *winpe)
{
    pxb_boot_plan plan;
    pxb_error err = {0};

    if (pxb_plan_parse(text, &plan, &err) != 0)
        fail_msg("parse failed: %s", err);
    pxb_menu_source src;
    pxb_menu_source_init(&src, &plan, winpe, NULL);
    size_t len = pxb_grub_menu(&src, menu, sizeof menu);
    assert_true(len < sizeof menu);
    assert_int_equal(strlen(menu), len);
    return menu;
}

static const char *make(const char *text)
{
    return make_with(text, &NO_IMAGES);
}

static void assert_has(const char *text, const char *want)
{
    if (strstr(text, want) == NULL)
        fail_msg("menu lacks '%s':\n%s", want, text);
}

static void test_kernel_entry_then_local_disk(void **state)
{
    (void)state;
    const char *m = make("BootServer=10.0.0.5\nGrubKernel=debian/vmlinuz\n"
                         "GrubInitrd=debian/initrd.gz\nGrubArgs=console=ttyS0 quiet\n");
    assert_has(m, "echo \"" PXB_GRUB_MARKER " $net_default_mac\"\n");
    assert_has(m, "set timeout=0\nset default=0\n");
    assert_has(m, "set fallback=1\n");
    assert_has(m, "menuentry \"Boot debian/vmlinuz\" {\n");
    assert_has(m, "  linux /debian/vmlinuz console=ttyS0 quiet\n");
    assert_has(m, "  initrd /debian/initrd.gz\n  boot\n}\n");
    assert_has(m, "menuentry \"Boot from the local disk\" {\n  echo \"" PXB_GRUB_LOCAL
                  "\"\n  exit\n}\n");
    assert_true(strstr(m, "Boot debian/vmlinuz") < strstr(m, "local disk\" {"));
}

static void test_no_kernel_boots_the_local_disk(void **state)
{
    (void)state;
    const char *m = make("BootServer=10.0.0.5\n");
    assert_has(m, "pxebridge: the boot plan has no GrubKernel");
    assert_null(strstr(m, "linux "));
    assert_null(strstr(m, "fallback"));
    assert_has(m, "menuentry \"Boot from the local disk\"");
}

/* One menu for both GRUBs: ARM64's (grub_cpu arm64) boots the Arm64 settings, the others
 * GrubKernel's; a CPU without a kernel boots the local disk. */
static void test_kernel_per_cpu(void **state)
{
    (void)state;
    const char *m = make("BootServer=10.0.0.5\nGrubKernel=debian/vmlinuz\nGrubArgs=console=ttyS0\n"
                         "GrubKernelArm64=debian/arm64/vmlinuz\nGrubInitrdArm64=debian/arm64/initrd\n"
                         "GrubArgsArm64=console=ttyAMA0\n");
    const char *arm = strstr(m, "if [ \"$grub_cpu\" = \"arm64\" ]; then\n");
    const char *other = strstr(m, "else\n"), *end = strstr(m, "fi\n");
    assert_non_null(arm);
    assert_true(arm < other && other < end);
    assert_true(strstr(m, "  linux /debian/arm64/vmlinuz console=ttyAMA0\n") < other);
    assert_true(strstr(m, "  initrd /debian/arm64/initrd\n") < other);
    assert_true(strstr(m, "  linux /debian/vmlinuz console=ttyS0\n") > other);
    assert_true(strstr(m, "menuentry \"Boot from the local disk\"") > end);
    m = make("BootServer=10.0.0.5\nGrubKernel=debian/vmlinuz\n");
    assert_true(strstr(m, "pxebridge: the boot plan has no GrubKernelArm64") < strstr(m, "else\n"));
    assert_true(strstr(m, "set fallback=1\n") > strstr(m, "else\n"));
}

static void test_no_initrd_line_without_one(void **state)
{
    (void)state;
    const char *m = make("BootServer=10.0.0.5\nGrubKernel=vmlinuz\n");
    assert_has(m, "  linux /vmlinuz \n  boot\n");
    assert_null(strstr(m, "initrd"));
}

static void test_menu_timeout_is_grubs(void **state)
{
    (void)state;
    assert_has(make("BootServer=10.0.0.5\nMenuTimeout=7\nGrubKernel=k\n"), "set timeout=7\n");
}

/* Debian's signed GRUB cannot start wimboot with its files (tests/e2e/winpe.sh): whatever
 * the catalog holds and BootTarget says, the menu offers no WinPE image, and its default stays
 * the kernel's entry. */
static void test_no_winpe_entries(void **state)
{
    pxb_winpe_catalog cat;

    (void)state;
    memset(&cat, 0, sizeof cat);
    fixture_add(&cat, "pe64", PXB_WINPE_X64, 1, "boot.wim BCD boot.sdi + winpeshl.ini");
    fixture_add(&cat, "pe-arm", PXB_WINPE_ARM64, 3, "boot.wim");
    const char *m = make_with("BootServer=10.0.0.5\nBootTarget=winpe:pe64\nGrubKernel=k\n", &cat);
    assert_null(strstr(m, "wimboot"));
    assert_null(strstr(m, "winpe"));
    assert_non_null(strstr(m, "set default=0\n"));
    assert_non_null(strstr(m, "menuentry \"Boot k\""));
}

static void test_length_contract(void **state)
{
    (void)state;
    pxb_boot_plan plan;
    char small[16];
    pxb_plan_defaults(&plan);
    pxb_menu_source src;
    pxb_menu_source_init(&src, &plan, &NO_IMAGES, NULL);
    size_t whole = pxb_grub_menu(&src, NULL, 0);
    assert_int_equal(pxb_grub_menu(&src, small, sizeof small), whole);
    assert_int_equal(strlen(small), sizeof small - 1);
}

static void test_settings_refuse_grub_syntax(void **state)
{
    (void)state;
    pxb_boot_plan plan;
    pxb_error err;
    char got[PXB_PLAN_VALUE_MAX];
    static const char *const BAD[][2] = {
        {"GrubKernel", "a b"}, {"GrubKernel", "/vmlinuz"}, {"GrubKernel", "../x"},
        {"GrubKernel", "$x"}, {"GrubInitrd", "a;b"}, {"GrubArgs", "a\"b"},
        {"GrubArgs", "a}b"}, {"GrubArgs", "x\ny"}, {"GrubArgs", "a'b"},
        {"GrubKernelArm64", "a b"}, {"GrubInitrdArm64", "../x"}, {"GrubArgsArm64", "$x"},
    };
    pxb_plan_defaults(&plan);
    for (size_t i = 0; i < sizeof BAD / sizeof BAD[0]; i++) {
        pxb_error_clear(&err);
        assert_int_equal(pxb_plan_set(&plan, BAD[i][0], BAD[i][1], &err), -1);
        assert_non_null(strstr(err.text, BAD[i][0]));
    }
    assert_int_equal(pxb_plan_set(&plan, "GrubArgs", "console=ttyS0 root=/dev/sda1", &err), 0);
    assert_int_equal(pxb_plan_get(&plan, "GrubArgs", got, sizeof got), 0);
    assert_string_equal(got, "console=ttyS0 root=/dev/sda1");
    assert_int_equal(pxb_plan_get(&plan, "GrubKernel", got, sizeof got), 0);
    assert_string_equal(got, "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kernel_entry_then_local_disk),
        cmocka_unit_test(test_no_kernel_boots_the_local_disk),
        cmocka_unit_test(test_kernel_per_cpu),
        cmocka_unit_test(test_no_initrd_line_without_one),
        cmocka_unit_test(test_menu_timeout_is_grubs),
        cmocka_unit_test(test_no_winpe_entries),
        cmocka_unit_test(test_length_contract),
        cmocka_unit_test(test_settings_refuse_grub_syntax),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
