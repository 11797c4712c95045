/* test_whole_file.c: unit tests for whole-file reads (contents, size limit, NUL bytes in
 * text, binary reads, missing files) and atomic writes (new file, replacing one, no
 * temporary file left, a failure leaving the old file as it was), and their errors: the
 * exact text, and a NULL error accepted. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>

#include "tmptree.h"
#include "whole_file.h"

static void test_read(void **state)
{
    tmptree t;
    char path[PATH_MAX];
    pxb_error err = {0};
    (void)state;
    tmptree_create(&t);
    tmptree_write(&t, "plan.txt", "BootServer=10.0.0.5\n", 20);
    tmptree_write(&t, "nul.bin", "a\0b", 3);
    tmptree_path(&t, "plan.txt", path, sizeof path);
    char *text = pxb_file_read_text(path, 100, &err);
    assert_non_null(text);
    assert_string_equal(text, "BootServer=10.0.0.5\n");
    free(text);
    assert_null(pxb_file_read_text(path, 10, &err));
    assert_non_null(strstr(err.text, "larger than 10 bytes"));
    tmptree_path(&t, "nul.bin", path, sizeof path);
    assert_null(pxb_file_read_text(path, 100, &err));
    assert_non_null(strstr(err.text, "NUL byte"));
    /* Read as bytes, the same file is whole, with its length. */
    size_t len = 0;
    char *bytes = pxb_file_read(path, 100, &len, &err);
    assert_non_null(bytes);
    assert_int_equal(len, 3);
    assert_memory_equal(bytes, "a\0b", 3);
    free(bytes);
    assert_null(pxb_file_read(path, 2, &len, &err));
    assert_non_null(strstr(err.text, "larger than 2 bytes"));
    tmptree_path(&t, "missing.txt", path, sizeof path);
    assert_null(pxb_file_read_text(path, 100, &err));
    assert_non_null(strstr(err.text, "cannot open"));
    tmptree_destroy(&t);
}

static void test_write(void **state)
{
    tmptree t;
    char path[PATH_MAX], temp[PATH_MAX];
    pxb_error err = {0};
    (void)state;
    tmptree_create(&t);
    tmptree_path(&t, "out.conf", path, sizeof path);
    tmptree_path(&t, "out.conf.pxb-tmp", temp, sizeof temp);
    assert_int_equal(pxb_file_write_atomic(path, "first\n", 6, &err), 0);
    assert_int_equal(pxb_file_write_atomic(path, "second\n", 7, &err), 0);
    char *text = pxb_file_read_text(path, 100, &err);
    assert_non_null(text);
    assert_string_equal(text, "second\n");
    free(text);
    assert_int_equal(access(temp, F_OK), -1);
    tmptree_destroy(&t);
}

static void test_write_failure_keeps_old(void **state)
{
    tmptree t;
    char path[PATH_MAX];
    pxb_error err = {0};
    (void)state;
    tmptree_create(&t);
    /* The target is a folder that is not empty: the rename over it fails. */
    tmptree_mkdir(&t, "busy");
    tmptree_write(&t, "busy/keep.txt", "kept", 4);
    tmptree_path(&t, "busy", path, sizeof path);
    assert_int_equal(pxb_file_write_atomic(path, "new", 3, &err), -1);
    assert_non_null(strstr(err.text, "cannot replace"));
    tmptree_path(&t, "busy.pxb-tmp", path, sizeof path);
    assert_int_equal(access(path, F_OK), -1);
    tmptree_path(&t, "no-such-dir/out.conf", path, sizeof path);
    assert_int_equal(pxb_file_write_atomic(path, "new", 3, &err), -1);
    assert_non_null(strstr(err.text, "cannot create"));
    tmptree_destroy(&t);
}

static void test_errors_exact_and_null_accepted(void **state)
{
    tmptree t;
    char path[PATH_MAX], want[PATH_MAX + 64];
    size_t len;
    pxb_error err;
    (void)state;
    tmptree_create(&t);
    tmptree_path(&t, "missing.txt", path, sizeof path);
    assert_null(pxb_file_read(path, 100, &len, &err));
    snprintf(want, sizeof want, "cannot open '%s': No such file or directory", path);
    assert_string_equal(err.text, want);
    assert_int_equal(err.code, ENOENT);
    assert_null(pxb_file_read(path, 100, &len, NULL));
    assert_null(pxb_file_read_text(path, 100, NULL));
    tmptree_write(&t, "big.txt", "0123456789", 10);
    tmptree_path(&t, "big.txt", path, sizeof path);
    assert_null(pxb_file_read_text(path, 5, &err));
    snprintf(want, sizeof want, "'%s' is larger than 5 bytes", path);
    assert_string_equal(err.text, want);
    assert_null(pxb_file_read_text(path, 5, NULL));
    tmptree_path(&t, "no-such-dir/out.conf", path, sizeof path);
    assert_int_equal(pxb_file_write_atomic(path, "new", 3, NULL), -1);
    tmptree_destroy(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_read),
        cmocka_unit_test(test_write),
        cmocka_unit_test(test_write_failure_keeps_old),
        cmocka_unit_test(test_errors_exact_and_null_accepted),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
