/* test_winpe_catalog.c: unit tests for the WinPE catalog (winpe_catalog.h) by the format
 * its header documents: the documented example read, written back the same, found by name
 * ignoring case; every mistake refused with its line number; names and file names
 * checked; the text measured when the buffer is short. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "winpe_catalog.h"

#define S1 "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
#define S2 "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"

#define HEAD "# pxebridge WinPE catalog: written by pxebridge winpe add|remove; do not edit\n"
#define ONE                                                                                \
    "[pe-x64]\nArch=x64\nIndex=1\nImageName=Microsoft Windows PE (amd64)\n"               \
    "Version=10.0.26100.1\nFile=boot.wim 312345678 " S1 "\nFile=BCD 16384 " S2 "\n"       \
    "Inject=winpeshl.ini 64 " S1 "\n\n"
#define TWO "[arm_pe]\nArch=arm64\nIndex=2\nFile=boot.wim 5 " S2 "\n\n"

static pxb_winpe_catalog cat;

static void test_parse_example(void **state)
{
    pxb_error err;
    (void)state;
    if (pxb_winpe_catalog_parse(HEAD ONE TWO, &cat, &err) != 0)
        fail_msg("%s", err.text);
    assert_int_equal(cat.count, 2);
    const pxb_winpe_image *img = &cat.images[0];
    assert_string_equal(img->name, "pe-x64");
    assert_int_equal(img->arch, PXB_WINPE_X64);
    assert_int_equal(img->index, 1);
    assert_string_equal(img->image_name, "Microsoft Windows PE (amd64)");
    assert_string_equal(img->version, "10.0.26100.1");
    assert_int_equal(img->file_count, 3);
    assert_string_equal(img->files[0].name, "boot.wim");
    assert_int_equal(img->files[0].size, 312345678);
    assert_string_equal(img->files[1].sha256, S2);
    assert_false(img->files[1].injected);
    assert_true(img->files[2].injected);
    assert_int_equal(cat.images[1].arch, PXB_WINPE_ARM64);
    assert_int_equal(cat.images[1].index, 2);
}

static void test_format_round_trip(void **state)
{
    char text[4096];
    (void)state;
    assert_int_equal(pxb_winpe_catalog_parse(HEAD ONE TWO, &cat, NULL), 0);
    size_t n = pxb_winpe_catalog_format(&cat, text, sizeof text);
    assert_string_equal(text, HEAD ONE TWO);
    assert_int_equal(n, strlen(HEAD ONE TWO));
    assert_int_equal(pxb_winpe_catalog_format(&cat, text, 10), n);
    assert_int_equal(strlen(text), 9);
    strcpy(cat.images[0].image_name, "two\nlines");
    pxb_winpe_catalog_format(&cat, text, sizeof text);
    assert_non_null(strstr(text, "ImageName=two lines\n"));
    assert_int_equal(pxb_winpe_catalog_parse(text, &cat, NULL), 0);
}

static void test_empty_and_find(void **state)
{
    (void)state;
    assert_int_equal(pxb_winpe_catalog_parse("", &cat, NULL), 0);
    assert_int_equal(cat.count, 0);
    assert_null(pxb_winpe_catalog_find(&cat, "pe-x64"));
    assert_int_equal(pxb_winpe_catalog_parse(HEAD ONE TWO, &cat, NULL), 0);
    assert_ptr_equal(pxb_winpe_catalog_find(&cat, "PE-X64"), &cat.images[0]);
    assert_ptr_equal(pxb_winpe_catalog_find(&cat, "arm_pe"), &cat.images[1]);
    assert_null(pxb_winpe_catalog_find(&cat, "pe"));
}

static void expect_error(const char *text, const char *words)
{
    pxb_error err;
    pxb_error_clear(&err);
    cat.count = 7;
    assert_int_equal(pxb_winpe_catalog_parse(text, &cat, &err), -1);
    assert_int_equal(cat.count, 7);
    if (strstr(err.text, words) == NULL)
        fail_msg("'%s' does not say '%s'", err.text, words);
}

static void test_parse_errors(void **state)
{
    (void)state;
    expect_error(HEAD "Arch=x64\n", "line 2: 'Arch=x64' comes before any [NAME]");
    expect_error(HEAD "[pe]\nArch=ia64\n", "line 3: Arch must be x86, x64 or arm64");
    expect_error(HEAD "[pe]\nIndex=0\n", "line 3: Index must be");
    expect_error(HEAD "[pe]\nIndex=1x\n", "line 3: Index must be");
    expect_error(HEAD "[pe]\nColour=red\n", "line 3: unknown key 'Colour'");
    expect_error(HEAD "[pe]\njunk\n", "line 3: expected KEY=VALUE");
    expect_error(HEAD "[pe x]\n", "line 2: the image name 'pe x'");
    expect_error(HEAD "[pe\n", "line 2: expected '[NAME]'");
    expect_error(HEAD ONE "[PE-X64]\n", "line 11: image PE-X64 is listed twice");
    expect_error(HEAD "[pe]\nIndex=1\nFile=boot.wim 1 " S1 "\n", "line 2: image pe has no Arch");
    expect_error(HEAD "[pe]\nArch=x86\nFile=boot.wim 1 " S1 "\n", "line 2: image pe has no Index");
    expect_error(HEAD "[pe]\nArch=x86\nIndex=1\nFile=BCD 1 " S1 "\n[b]\n",
                 "line 2: image pe does not list File=boot.wim first");
    expect_error(HEAD "[pe]\nArch=x86\nIndex=1\n", "does not list File=boot.wim");
    expect_error(HEAD "[pe]\nFile=boot.wim 1\n", "line 3: expected 'NAME SIZE SHA256'");
    expect_error(HEAD "[pe]\nFile=boot.wim -1 " S1 "\n", "line 3: expected 'NAME SIZE");
    expect_error(HEAD "[pe]\nFile=boot.wim 1 " S1 " x\n", "line 3: expected 'NAME SIZE");
    expect_error(HEAD "[pe]\nFile=boot.wim 1 ABCD\n", "line 3: 'ABCD' is not a SHA-256");
    expect_error(HEAD "[pe]\nFile=a/b 1 " S1 "\n", "line 3: the file name 'a/b'");
    expect_error(HEAD "[pe]\nFile=a 1 " S1 "\nInject=A 1 " S1 "\n", "line 4: image pe lists A twice");
}

static void test_limits(void **state)
{
    static char text[16384];
    size_t n = 0;
    (void)state;
    for (int i = 0; i <= PXB_WINPE_IMAGES_MAX; i++)
        n += (size_t)snprintf(text + n, sizeof text - n,
                              "[i%d]\nArch=x64\nIndex=1\nFile=boot.wim 1 " S1 "\n", i);
    expect_error(text, "line 65: more than 16 images");
    n = (size_t)snprintf(text, sizeof text, "[pe]\nArch=x64\nIndex=1\n");
    for (int i = 0; i <= PXB_WINPE_FILES_MAX; i++)
        n += (size_t)snprintf(text + n, sizeof text - n, "File=f%d 1 " S1 "\n", i);
    expect_error(text, "line 20: image pe has more than 16 files");
    memset(text, 'a', 600);
    text[600] = '\0';
    expect_error(text, "line 1: longer than");
}

static void test_names(void **state)
{
    enum pxb_winpe_arch arch;
    (void)state;
    assert_int_equal(pxb_winpe_name_check("WinPE_x64-2", NULL), 0);
    assert_int_equal(pxb_winpe_name_check("", NULL), -1);
    assert_int_equal(pxb_winpe_name_check("a.b", NULL), -1);
    assert_int_equal(pxb_winpe_name_check("0123456789abcdef0123456789abcdef0", NULL), -1);
    assert_int_equal(pxb_winpe_name_check("0123456789abcdef0123456789abcdef", NULL), 0);
    assert_int_equal(pxb_winpe_file_name_check("startnet.cmd", NULL), 0);
    assert_int_equal(pxb_winpe_file_name_check("..", NULL), -1);
    assert_int_equal(pxb_winpe_file_name_check("a b", NULL), -1);
    assert_int_equal(pxb_winpe_file_name_check("c:x", NULL), -1);
    assert_int_equal(pxb_winpe_arch_parse("X64", &arch), 0);
    assert_int_equal(arch, PXB_WINPE_X64);
    assert_int_equal(pxb_winpe_arch_parse("amd64", &arch), -1);
    assert_string_equal(pxb_winpe_arch_name(PXB_WINPE_ARM64), "arm64");
    assert_string_equal(pxb_winpe_arch_name(PXB_WINPE_X86), "x86");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_example),
        cmocka_unit_test(test_format_round_trip),
        cmocka_unit_test(test_empty_and_find),
        cmocka_unit_test(test_parse_errors),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
