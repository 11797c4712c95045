/* test_own_build_record.c: unit tests for the record text of an own build: written with and
 * without ";embedded-script", read back, and every text this program did not write refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "own_build_record.h"

#define SUM "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

static void test_format(void **state)
{
    char text[PXB_OWN_RECORD_MAX];
    (void)state;
    pxb_own_record_format(SUM, 0, text, sizeof text);
    assert_string_equal(text, "sha256=" SUM);
    pxb_own_record_format(SUM, 1, text, sizeof text);
    assert_string_equal(text, "sha256=" SUM ";embedded-script");
    assert_true(strlen(text) < PXB_OWN_RECORD_MAX);
}

static void test_parse_back(void **state)
{
    char text[PXB_OWN_RECORD_MAX], sha256[PXB_RECORD_SHA256_HEX];
    int embedded = -1;
    (void)state;
    pxb_own_record_format(SUM, 1, text, sizeof text);
    assert_int_equal(pxb_own_record_parse(text, sha256, &embedded), 0);
    assert_string_equal(sha256, SUM);
    assert_int_equal(embedded, 1);
    assert_int_equal(pxb_own_record_parse("sha256=" SUM, sha256, &embedded), 0);
    assert_int_equal(embedded, 0);
}

static void test_parse_refuses_others(void **state)
{
    char sha256[PXB_RECORD_SHA256_HEX];
    int embedded = 0;
    (void)state;
    assert_int_equal(pxb_own_record_parse(NULL, sha256, &embedded), -1);
    assert_int_equal(pxb_own_record_parse("", sha256, &embedded), -1);
    assert_int_equal(pxb_own_record_parse("md5=" SUM, sha256, &embedded), -1);
    assert_int_equal(pxb_own_record_parse("sha256=0123abcd", sha256, &embedded), -1);
    assert_int_equal(pxb_own_record_parse("sha256=" SUM ";script", sha256, &embedded), -1);
    assert_int_equal(pxb_own_record_parse("sha256=" SUM "0", sha256, &embedded), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format),
        cmocka_unit_test(test_parse_back),
        cmocka_unit_test(test_parse_refuses_others),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
