/* test_client_arch.c: unit tests for architecture numbers, names, vendor class prefixes and
 * the parser of option 60 ("PXEClient:Arch:00007:UNDI:003016"). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "client_arch.h"

static void test_names(void **state)
{
    (void)state;
    assert_string_equal(pxb_arch_name(0), "x86 BIOS");
    assert_string_equal(pxb_arch_name(7), "x64 UEFI");
    assert_string_equal(pxb_arch_name(11), "ARM64 UEFI");
    assert_string_equal(pxb_arch_name(16), "x64 UEFI HTTP");
    assert_null(pxb_arch_name(4000));
    assert_string_equal(pxb_arch_label(4000), "unassigned");
}

static void test_http_numbers(void **state)
{
    (void)state;
    assert_true(pxb_arch_is_http(15));
    assert_true(pxb_arch_is_http(16));
    assert_true(pxb_arch_is_http(19));
    assert_false(pxb_arch_is_http(7));
    assert_false(pxb_arch_is_http(0));
    assert_false(pxb_arch_is_http(999));
}

static void test_prefix_is_decimal(void **state)
{
    char out[PXB_VENDOR_PREFIX_MAX];

    (void)state;
    pxb_arch_vendor_prefix(7, out);
    assert_string_equal(out, "PXEClient:Arch:00007");
    pxb_arch_vendor_prefix(11, out);
    assert_string_equal(out, "PXEClient:Arch:00011"); /* decimal, not 0000B */
    pxb_arch_vendor_prefix(16, out);
    assert_string_equal(out, "HTTPClient:Arch:00016");
    pxb_arch_vendor_prefix(0, out);
    assert_string_equal(out, "PXEClient:Arch:00000");
}

static void test_parse_full(void **state)
{
    pxb_vendor_class v;

    (void)state;
    pxb_vendor_class_parse("PXEClient:Arch:00007:UNDI:003016", &v);
    assert_int_equal(v.kind, PXB_VENDOR_PXE_CLIENT);
    assert_true(v.has_arch);
    assert_int_equal(v.arch, 7);
    assert_true(v.has_undi);
    assert_int_equal(v.undi_major, 3);
    assert_int_equal(v.undi_minor, 16);
}

static void test_parse_http_and_short(void **state)
{
    pxb_vendor_class v;

    (void)state;
    pxb_vendor_class_parse("HTTPClient:Arch:00016:UNDI:003000", &v);
    assert_int_equal(v.kind, PXB_VENDOR_HTTP_CLIENT);
    assert_int_equal(v.arch, 16);
    pxb_vendor_class_parse("PXEClient:Arch:00011", &v);
    assert_true(v.has_arch);
    assert_int_equal(v.arch, 11);
    assert_false(v.has_undi);
    pxb_vendor_class_parse("PXEClient", &v);
    assert_int_equal(v.kind, PXB_VENDOR_PXE_CLIENT);
    assert_false(v.has_arch);
}

static void test_parse_malformed_and_other(void **state)
{
    pxb_vendor_class v;

    (void)state;
    pxb_vendor_class_parse("PXEClient:Arch:0000B:UNDI:003016", &v);
    assert_int_equal(v.kind, PXB_VENDOR_PXE_CLIENT);
    assert_false(v.has_arch);
    pxb_vendor_class_parse("PXEClient:Arch:99999", &v);
    assert_false(v.has_arch);
    pxb_vendor_class_parse("PXEClient:Arch:0007", &v);
    assert_false(v.has_arch);
    pxb_vendor_class_parse("MSFT 5.0", &v);
    assert_int_equal(v.kind, PXB_VENDOR_OTHER);
    pxb_vendor_class_parse(NULL, &v);
    assert_int_equal(v.kind, PXB_VENDOR_NONE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_http_numbers),
        cmocka_unit_test(test_prefix_is_decimal),
        cmocka_unit_test(test_parse_full),
        cmocka_unit_test(test_parse_http_and_short),
        cmocka_unit_test(test_parse_malformed_and_other),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
