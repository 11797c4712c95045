/* test_winpe_watch.c: unit tests for the runtime's reading of the TFTP root's WinPE
 * catalog (winpe_watch.h) on real files: none (no images, no error), one as winpe add
 * writes it (its images), a broken one (the parser's reason, no images), and the change
 * check after winpe add or remove rewrote or deleted it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "tmptree.h"
#include "winpe_fixture.h"
#include "winpe_watch.h"

/* Writes the catalog of images as winpe add does. */
static void write_catalog(const tmptree *t, const pxb_winpe_catalog *cat)
{
    char text[8192];
    size_t len = pxb_winpe_catalog_format(cat, text, sizeof text);
    assert_true(len < sizeof text);
    tmptree_write(t, PXB_WINPE_CATALOG, text, len);
}

static void test_none_then_some(void **state)
{
    tmptree t;
    pxb_winpe_catalog cat, got;
    pxb_fs_stamp stamp;
    pxb_error err = {0};

    (void)state;
    tmptree_create(&t);
    got.count = 5;
    assert_int_equal(pxb_winpe_watch_read(t.root, &got, &stamp, &err), 0);
    assert_int_equal(got.count, 0);
    assert_false(pxb_winpe_watch_changed(t.root, &stamp));

    memset(&cat, 0, sizeof cat);
    fixture_add(&cat, "pe64", PXB_WINPE_X64, 1, "boot.wim BCD + winpeshl.ini");
    fixture_add(&cat, "pe-arm", PXB_WINPE_ARM64, 2, "boot.wim");
    tmptree_mkdir(&t, PXB_WINPE_DIR);
    write_catalog(&t, &cat);
    assert_true(pxb_winpe_watch_changed(t.root, &stamp));
    assert_int_equal(pxb_winpe_watch_read(t.root, &got, &stamp, &err), 0);
    assert_int_equal(got.count, 2);
    assert_string_equal(got.images[1].name, "pe-arm");
    assert_int_equal(got.images[1].index, 2);
    assert_int_equal(got.images[0].file_count, 3);
    assert_true(got.images[0].files[2].injected);
    assert_false(pxb_winpe_watch_changed(t.root, &stamp));

    cat.count = 1; /* winpe remove pe-arm */
    write_catalog(&t, &cat);
    assert_true(pxb_winpe_watch_changed(t.root, &stamp));
    tmptree_destroy(&t);
}

static void test_broken_and_removed(void **state)
{
    tmptree t;
    pxb_winpe_catalog got;
    pxb_fs_stamp stamp;
    pxb_error err = {0};

    (void)state;
    tmptree_create(&t);
    tmptree_mkdir(&t, PXB_WINPE_DIR);
    tmptree_write(&t, PXB_WINPE_CATALOG, "[pe]\nArch=sparc\n", 16);
    assert_int_equal(pxb_winpe_watch_read(t.root, &got, &stamp, &err), -1);
    assert_int_equal(got.count, 0);
    if (strstr(err.text, "line 2") == NULL)
        fail_msg("reason '%s' names no line", err.text);
    assert_false(pxb_winpe_watch_changed(t.root, &stamp));
    char path[PATH_MAX];
    tmptree_path(&t, PXB_WINPE_CATALOG, path, sizeof path);
    assert_int_equal(unlink(path), 0);
    assert_true(pxb_winpe_watch_changed(t.root, &stamp));
    tmptree_destroy(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_none_then_some),
        cmocka_unit_test(test_broken_and_removed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
