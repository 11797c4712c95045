/* test_pxb_error.c: unit tests for the one error type: set with and without a code, a text
 * cut to fit, context put in front, clearing, and NULL accepted everywhere. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "pxb_error.h"

static void test_set_and_code(void **state)
{
    pxb_error err;
    (void)state;
    assert_int_equal(pxb_error_set(&err, "plan file %s: %d problems", "a.txt", 2), -1);
    assert_string_equal(err.text, "plan file a.txt: 2 problems");
    assert_int_equal(err.code, 0);
    assert_int_equal(pxb_error_set_code(&err, 5, "access denied"), -1);
    assert_int_equal(err.code, 5);
    assert_string_equal(err.text, "access denied");
    pxb_error_clear(&err);
    assert_int_equal(err.code, 0);
    assert_string_equal(err.text, "");
}

static void test_cut_to_fit(void **state)
{
    pxb_error err;
    char long_text[2 * PXB_ERROR_TEXT_MAX];
    (void)state;
    memset(long_text, 'x', sizeof long_text - 1);
    long_text[sizeof long_text - 1] = '\0';
    pxb_error_set(&err, "%s", long_text);
    assert_int_equal(strlen(err.text), PXB_ERROR_TEXT_MAX - 1);
    pxb_error_prefix(&err, "context");
    assert_int_equal(strlen(err.text), PXB_ERROR_TEXT_MAX - 1);
    assert_memory_equal(err.text, "context: xxx", 12);
}

static void test_prefix(void **state)
{
    pxb_error err;
    (void)state;
    pxb_error_set_code(&err, 2, "file not found");
    pxb_error_prefix(&err, "reading %s", "C:\\plan.txt");
    assert_string_equal(err.text, "reading C:\\plan.txt: file not found");
    assert_int_equal(err.code, 2);
    /* Context in front of an empty text stands alone. */
    pxb_error_clear(&err);
    pxb_error_prefix(&err, "no detail");
    assert_string_equal(err.text, "no detail");
}

static void test_null_accepted(void **state)
{
    (void)state;
    assert_int_equal(pxb_error_set(NULL, "ignored"), -1);
    assert_int_equal(pxb_error_set_code(NULL, 1, "ignored"), -1);
    pxb_error_prefix(NULL, "ignored");
    pxb_error_clear(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_set_and_code),
        cmocka_unit_test(test_cut_to_fit),
        cmocka_unit_test(test_prefix),
        cmocka_unit_test(test_null_accepted),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
