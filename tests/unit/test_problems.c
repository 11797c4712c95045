/* test_problems.c: unit tests for a loader's problem list: none reported as success, the
 * problems joined with "; " in the order found, a list longer than the text cut but still
 * counted and reported, and a NULL error accepted. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "problems.h"

static void test_none_is_success(void **state)
{
    pxb_problems p;
    pxb_error err = {7, "untouched"};
    (void)state;
    pxb_problems_init(&p);
    assert_int_equal(pxb_problems_report(&p, &err), 0);
    assert_int_equal(err.code, 7);
    assert_string_equal(err.text, "untouched");
}

static void test_joined_in_order(void **state)
{
    pxb_problems p;
    pxb_error err;
    (void)state;
    pxb_problems_init(&p);
    pxb_problems_add(&p, "TftpRoot: %s", "not a folder");
    pxb_problems_add(&p, "Port %d: out of range", 70000);
    assert_int_equal(p.count, 2);
    assert_int_equal(pxb_problems_report(&p, &err), -1);
    assert_string_equal(err.text, "TftpRoot: not a folder; Port 70000: out of range");
    assert_int_equal(err.code, 0);
}

static void test_long_list_cut_but_counted(void **state)
{
    pxb_problems p;
    pxb_error err;
    char word[200];
    (void)state;
    memset(word, 'x', sizeof word - 1);
    word[sizeof word - 1] = '\0';
    pxb_problems_init(&p);
    for (int i = 0; i < 20; i++)
        pxb_problems_add(&p, "%s", word);
    assert_int_equal(p.count, 20);
    assert_int_equal(pxb_problems_report(&p, &err), -1);
    assert_int_equal(strlen(err.text), sizeof err.text - 1);
    assert_memory_equal(err.text, word, sizeof word - 1);
    assert_memory_equal(err.text + sizeof word - 1, "; xx", 4); /* then the second */
}

static void test_null_error_accepted(void **state)
{
    pxb_problems p;
    (void)state;
    pxb_problems_init(&p);
    pxb_problems_add(&p, "one");
    assert_int_equal(pxb_problems_report(&p, NULL), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_none_is_success),
        cmocka_unit_test(test_joined_in_order),
        cmocka_unit_test(test_long_list_cut_but_counted),
        cmocka_unit_test(test_null_error_accepted),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
