/* test_file_cache.c: unit tests for the shared file cache over the real Linux file backend,
 * in a directory tree made in /tmp: hits share one blob, a changed file gives new bytes to
 * new opens while the old blob stays intact, idle entries are evicted least recently used
 * first within the budget, netascii forms are cached apart, and errors come through. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "file_cache.h"
#include "tftp_files.h"
#include "tmptree.h"

#define MANY_FILES 300
#define MANY_OPENS 2000

typedef struct fixture {
    tmptree tree;
    file_cache *fc;
    tftp_files files;
} fixture;

static fixture *make_fixture(uint64_t budget)
{
    fixture *f = calloc(1, sizeof *f);

    assert_non_null(f);
    tmptree_create(&f->tree);
    tmptree_mkdir(&f->tree, "boot");
    tmptree_mkdir(&f->tree, "boot/x64");
    tmptree_write(&f->tree, "boot/x64/ipxe.efi", "UEFI-IPXE", 9);
    tmptree_write(&f->tree, "a.bin", "AAAA", 4);
    tmptree_write(&f->tree, "b.bin", "BBBB", 4);
    tmptree_write(&f->tree, "c.bin", "CCCC", 4);
    tmptree_write(&f->tree, "boot.ipxe", "#!ipxe\nchain x\r\n", 16);
    tmptree_link(&f->tree, "passwd", "/etc/passwd");
    f->fc = file_cache_create(f->tree.root, budget);
    assert_non_null(f->fc);
    f->files = file_cache_provider(f->fc);
    return f;
}

static int setup_large_budget(void **state)
{
    *state = make_fixture(1 << 20);
    return 0;
}

static int setup_small_budget(void **state)
{
    *state = make_fixture(10);
    return 0;
}

static int teardown_fixture(void **state)
{
    fixture *f = *state;

    file_cache_destroy(f->fc);
    tmptree_destroy(&f->tree);
    free(f);
    return 0;
}

static const tftp_blob *open_ok(fixture *f, const char *relpath, int netascii)
{
    const tftp_blob *blob = NULL;
    pxb_error msg = {0};
    int rc = f->files.open(f->files.ctx, relpath, netascii, &blob, &msg);

    if (rc != TFTP_OPEN_OK)
        print_error("%s: %s\n", relpath, msg.text);
    assert_int_equal(rc, TFTP_OPEN_OK);
    assert_non_null(blob);
    return blob;
}

static void release(fixture *f, const tftp_blob *blob)
{
    f->files.release(f->files.ctx, blob);
}

static void expect_bytes(const tftp_blob *blob, const char *bytes, size_t len)
{
    assert_int_equal(blob->size, len);
    assert_memory_equal(blob->data, bytes, len);
}

static file_cache_stats stats_of(const fixture *f)
{
    file_cache_stats s;

    file_cache_get_stats(f->fc, &s);
    return s;
}

static void shares_one_blob(void **state)
{
    fixture *f = *state;
    const tftp_blob *first = open_ok(f, "boot/x64/ipxe.efi", 0);
    const tftp_blob *second = open_ok(f, "BOOT/X64/IPXE.EFI", 0);
    file_cache_stats s = stats_of(f);

    assert_ptr_equal(first, second);
    expect_bytes(first, "UEFI-IPXE", 9);
    assert_int_equal(s.misses, 1);
    assert_int_equal(s.hits, 1);
    assert_int_equal(s.bytes_loaded, 9);
    assert_int_equal(s.bytes_held, 9);
    assert_int_equal(s.entries, 1);
    release(f, first);
    release(f, second);
}

static void keeps_released_blob_for_reuse(void **state)
{
    fixture *f = *state;

    release(f, open_ok(f, "a.bin", 0));
    release(f, open_ok(f, "a.bin", 0));
    assert_int_equal(stats_of(f).misses, 1);
    assert_int_equal(stats_of(f).hits, 1);
    assert_int_equal(stats_of(f).entries, 1);
}

static void serves_changed_file_while_old_blob_lives(void **state)
{
    fixture *f = *state;
    const tftp_blob *old = open_ok(f, "a.bin", 0);
    const tftp_blob *fresh;

    tmptree_write(&f->tree, "a.bin", "new contents", 12);
    fresh = open_ok(f, "a.bin", 0);
    assert_ptr_not_equal(old, fresh);
    expect_bytes(fresh, "new contents", 12);
    expect_bytes(old, "AAAA", 4);
    assert_int_equal(stats_of(f).entries, 2);
    assert_int_equal(stats_of(f).bytes_held, 16);
    assert_ptr_equal(open_ok(f, "a.bin", 0), fresh);
    release(f, fresh);
    release(f, old);
    expect_bytes(fresh, "new contents", 12);
    assert_int_equal(stats_of(f).entries, 1);
    assert_int_equal(stats_of(f).bytes_held, 12);
    release(f, fresh);
}

static void notices_same_size_change(void **state)
{
    fixture *f = *state;
    const tftp_blob *old;
    const tftp_blob *fresh;

    tmptree_touch(&f->tree, "b.bin", 1000000);
    old = open_ok(f, "b.bin", 0);
    release(f, old);
    tmptree_write(&f->tree, "b.bin", "bbbb", 4);
    tmptree_touch(&f->tree, "b.bin", 2000000);
    fresh = open_ok(f, "b.bin", 0);
    expect_bytes(fresh, "bbbb", 4);
    /* the unused old version was dropped at once */
    assert_int_equal(stats_of(f).entries, 1);
    assert_int_equal(stats_of(f).misses, 2);
    release(f, fresh);
}

static void evicts_least_recently_used(void **state)
{
    fixture *f = *state;
    const tftp_blob *blob;

    release(f, open_ok(f, "a.bin", 0));
    release(f, open_ok(f, "b.bin", 0));
    release(f, open_ok(f, "c.bin", 0));
    /* 12 idle bytes over a budget of 10: a.bin, the oldest, went */
    assert_int_equal(stats_of(f).entries, 2);
    assert_int_equal(stats_of(f).bytes_held, 8);
    release(f, open_ok(f, "b.bin", 0));
    assert_int_equal(stats_of(f).hits, 1);
    release(f, open_ok(f, "a.bin", 0));
    /* b.bin was used after c.bin, so c.bin went this time */
    assert_int_equal(stats_of(f).misses, 4);
    blob = open_ok(f, "b.bin", 0);
    assert_int_equal(stats_of(f).hits, 2);
    release(f, blob);
    blob = open_ok(f, "c.bin", 0);
    assert_int_equal(stats_of(f).misses, 5);
    expect_bytes(blob, "CCCC", 4);
    release(f, blob);
    assert_true(stats_of(f).bytes_held <= 10);
}

static void never_evicts_blobs_in_use(void **state)
{
    fixture *f = *state;
    const tftp_blob *a = open_ok(f, "a.bin", 0);
    const tftp_blob *b = open_ok(f, "b.bin", 0);
    const tftp_blob *c = open_ok(f, "c.bin", 0);

    assert_int_equal(stats_of(f).bytes_held, 12);
    release(f, a);
    release(f, b);
    release(f, c);
    assert_int_equal(stats_of(f).bytes_held, 8);
}

static void drops_everything_idle_with_zero_budget(void **state)
{
    fixture *f = *state;
    const tftp_blob *a;

    file_cache_destroy(f->fc);
    f->fc = file_cache_create(f->tree.root, 0);
    assert_non_null(f->fc);
    f->files = file_cache_provider(f->fc);
    a = open_ok(f, "a.bin", 0);
    release(f, open_ok(f, "a.bin", 0));
    assert_int_equal(stats_of(f).entries, 1);
    release(f, a);
    assert_int_equal(stats_of(f).entries, 0);
    assert_int_equal(stats_of(f).bytes_held, 0);
}

static void caches_netascii_form_apart(void **state)
{
    fixture *f = *state;
    const tftp_blob *octet = open_ok(f, "boot.ipxe", 0);
    const tftp_blob *text = open_ok(f, "boot.ipxe", 1);

    expect_bytes(octet, "#!ipxe\nchain x\r\n", 16);
    expect_bytes(text, "#!ipxe\r\nchain x\r\n", 17);
    assert_int_equal(stats_of(f).entries, 2);
    /* the netascii form was made from the cached octet copy, not read again */
    assert_int_equal(stats_of(f).bytes_loaded, 16);
    assert_ptr_equal(open_ok(f, "BOOT.IPXE", 1), text);
    release(f, text);
    release(f, text);
    release(f, octet);
}

static void reads_file_for_netascii_alone(void **state)
{
    fixture *f = *state;
    const tftp_blob *text = open_ok(f, "a.bin", 1);

    expect_bytes(text, "AAAA", 4);
    assert_int_equal(stats_of(f).bytes_loaded, 4);
    assert_int_equal(stats_of(f).entries, 1);
    release(f, text);
}

static void passes_errors_through(void **state)
{
    fixture *f = *state;
    const tftp_blob *blob = NULL;
    pxb_error msg = {0};

    assert_int_equal(f->files.open(f->files.ctx, "missing", 0, &blob, &msg),
                     TFTP_OPEN_NOT_FOUND);
    assert_string_equal(msg.text, "file not found");
    assert_int_equal(f->files.open(f->files.ctx, "passwd", 0, &blob, &msg),
                     TFTP_OPEN_DENIED);
    assert_string_equal(msg.text, "link leads outside the TFTP root");
    assert_int_equal(f->files.open(f->files.ctx, "boot", 1, &blob, NULL), TFTP_OPEN_DENIED);
    assert_null(blob);
    assert_int_equal(stats_of(f).entries, 0);
}

static void handles_many_opens(void **state)
{
    fixture *f = *state;
    static const tftp_blob *held[MANY_OPENS];

    for (int i = 0; i < MANY_OPENS; i++)
        held[i] = open_ok(f, "boot/x64/ipxe.efi", 0);
    for (int i = 0; i < MANY_OPENS; i++) {
        assert_ptr_equal(held[i], held[0]);
        release(f, held[i]);
    }
    assert_int_equal(stats_of(f).misses, 1);
    assert_int_equal(stats_of(f).hits, MANY_OPENS - 1);
}

static void handles_many_files(void **state)
{
    fixture *f = *state;
    static const tftp_blob *held[MANY_FILES];
    char name[32];

    for (int i = 0; i < MANY_FILES; i++) {
        snprintf(name, sizeof name, "f%03d.bin", i);
        tmptree_write(&f->tree, name, name, strlen(name));
        held[i] = open_ok(f, name, 0);
    }
    for (int i = 0; i < MANY_FILES; i++) {
        snprintf(name, sizeof name, "F%03d.BIN", i);
        assert_ptr_equal(open_ok(f, name, 0), held[i]);
        snprintf(name, sizeof name, "f%03d.bin", i);
        expect_bytes(held[i], name, strlen(name));
        release(f, held[i]);
        release(f, held[i]);
    }
    assert_int_equal(stats_of(f).entries, MANY_FILES);
    assert_int_equal(stats_of(f).hits, MANY_FILES);
}

static void switches_root_for_new_opens(void **state)
{
    fixture *f = *state;
    const tftp_blob *old = open_ok(f, "a.bin", 0);
    const tftp_blob *fresh;
    char other[PATH_MAX];

    tmptree_mkdir(&f->tree, "other");
    tmptree_write(&f->tree, "other/a.bin", "other root", 10);
    tmptree_path(&f->tree, "other", other, sizeof other);
    file_cache_set_root(f->fc, other);
    fresh = open_ok(f, "a.bin", 0);
    expect_bytes(fresh, "other root", 10);
    expect_bytes(old, "AAAA", 4);
    release(f, old);
    release(f, fresh);
    release(f, open_ok(f, "A.BIN", 0));
    release(f, open_ok(f, "a.bin", 0));
    assert_int_equal(stats_of(f).misses, 2);
}

#define WITH(test, setup) cmocka_unit_test_setup_teardown(test, setup, teardown_fixture)

int main(void)
{
    const struct CMUnitTest tests[] = {
        WITH(shares_one_blob, setup_large_budget),
        WITH(keeps_released_blob_for_reuse, setup_large_budget),
        WITH(serves_changed_file_while_old_blob_lives, setup_large_budget),
        WITH(notices_same_size_change, setup_large_budget),
        WITH(evicts_least_recently_used, setup_small_budget),
        WITH(never_evicts_blobs_in_use, setup_small_budget),
        WITH(drops_everything_idle_with_zero_budget, setup_small_budget),
        WITH(caches_netascii_form_apart, setup_large_budget),
        WITH(reads_file_for_netascii_alone, setup_large_budget),
        WITH(passes_errors_through, setup_large_budget),
        WITH(handles_many_opens, setup_large_budget),
        WITH(handles_many_files, setup_large_budget),
        WITH(switches_root_for_new_opens, setup_large_budget),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
