/* test_tar_archive.c: unit tests for tar_archive.c on archives written here block by block
 * as ustar does (GNU tar's layout: ipxeboot.tar.gz's links are symbolic links beside their
 * target): entries and their names cleaned (the top folder "./" dropped), a long name by
 * GNU's 'L' entry and by a pax "path" record, links followed (beside, up a folder, hard)
 * and refused (to nothing, round, out of the archive, to a folder), and damaged archives
 * refused with their words. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "tar_archive.h"

#define BLOCK 512

typedef struct archive {
    unsigned char bytes[64 * BLOCK];
    size_t len;
} archive;

/* Appends one header (name, type flag, link target, size) and its data, padded. */
static void add(archive *a, const char *name, char type, const char *link, const char *data)
{
    unsigned char *h = a->bytes + a->len;
    size_t size = data ? strlen(data) : 0;
    memset(h, 0, BLOCK);
    snprintf((char *)h, 100, "%s", name);
    snprintf((char *)h + 100, 8, "%07o", 0644);
    char number[32];
    snprintf(number, sizeof number, "%011zo", size);
    memcpy(h + 124, number, 12);
    h[156] = (unsigned char)type;
    snprintf((char *)h + 157, 100, "%s", link ? link : "");
    memcpy(h + 257, "ustar\0" "00", 8);
    memset(h + 148, ' ', 8);
    unsigned sum = 0;
    for (size_t i = 0; i < BLOCK; i++)
        sum += h[i];
    snprintf((char *)h + 148, 8, "%06o", sum);
    a->len += BLOCK;
    if (size == 0)
        return;
    memset(a->bytes + a->len, 0, (size + BLOCK - 1) / BLOCK * BLOCK);
    memcpy(a->bytes + a->len, data, size);
    a->len += (size + BLOCK - 1) / BLOCK * BLOCK;
}

static void end(archive *a)
{
    memset(a->bytes + a->len, 0, 2 * BLOCK);
    a->len += 2 * BLOCK;
}

static const pxb_tar_entry *entry(const pxb_tar *t, const char *path)
{
    for (size_t i = 0; i < t->count; i++)
        if (strcmp(t->entry[i].path, path) == 0)
            return &t->entry[i];
    fail_msg("no entry %s", path);
    return NULL;
}

/* The signed build's layout: a folder, the shim, two -shim links to it, the iPXE builds. */
static void ipxeboot(archive *a)
{
    a->len = 0;
    add(a, "./", '5', NULL, NULL); /* tar -C folder . begins with the folder itself */
    add(a, "./x86_64-sb/", '5', NULL, NULL);
    add(a, "./x86_64-sb/shimx64.efi", '0', NULL, "MZ shim");
    add(a, "./x86_64-sb/snponly-shim.efi", '2', "shimx64.efi", NULL);
    add(a, "./x86_64-sb/ipxe-shim.efi", '2', "./shimx64.efi", NULL);
    add(a, "./x86_64-sb/snponly.efi", '0', NULL, "MZ snponly");
    add(a, "./arm64-sb/snponly-shim.efi", '2', "../x86_64-sb/shimx64.efi", NULL);
    add(a, "./copy.efi", '1', "x86_64-sb/snponly.efi", NULL);
}

static void test_entries_and_links(void **state)
{
    static archive a;
    pxb_tar t;
    pxb_error err;
    (void)state;
    ipxeboot(&a);
    end(&a);
    assert_int_equal(pxb_tar_read(a.bytes, a.len, &t, &err), 0);
    assert_int_equal(t.count, 7);
    assert_int_equal(entry(&t, "x86_64-sb")->type, PXB_TAR_DIR);
    const pxb_tar_entry *shim = entry(&t, "x86_64-sb/shimx64.efi");
    assert_int_equal(shim->type, PXB_TAR_FILE);
    assert_int_equal(shim->size, 7);
    assert_memory_equal(shim->data, "MZ shim", 7);
    assert_ptr_equal(pxb_tar_follow(&t, shim), shim);
    assert_ptr_equal(pxb_tar_follow(&t, entry(&t, "x86_64-sb/snponly-shim.efi")), shim);
    assert_ptr_equal(pxb_tar_follow(&t, entry(&t, "x86_64-sb/ipxe-shim.efi")), shim);
    assert_ptr_equal(pxb_tar_follow(&t, entry(&t, "arm64-sb/snponly-shim.efi")), shim);
    assert_ptr_equal(pxb_tar_follow(&t, entry(&t, "copy.efi")),
                     entry(&t, "x86_64-sb/snponly.efi"));
    assert_null(pxb_tar_follow(&t, entry(&t, "x86_64-sb")));
    pxb_tar_free(&t);
}

static void test_links_refused(void **state)
{
    static archive a;
    pxb_tar t;
    (void)state;
    a.len = 0;
    add(&a, "d/", '5', NULL, NULL);
    add(&a, "d/nothing.efi", '2', "gone.efi", NULL);
    add(&a, "d/round1.efi", '2', "round2.efi", NULL);
    add(&a, "d/round2.efi", '2', "round1.efi", NULL);
    add(&a, "d/outside.efi", '2', "../../etc/passwd", NULL);
    add(&a, "d/absolute.efi", '2', "/etc/passwd", NULL);
    add(&a, "d/folder.efi", '2', ".", NULL);
    add(&a, "d/fifo", '6', NULL, NULL);
    end(&a);
    assert_int_equal(pxb_tar_read(a.bytes, a.len, &t, NULL), 0);
    const char *refused[] = {"d/nothing.efi", "d/round1.efi", "d/outside.efi",
                             "d/absolute.efi", "d/folder.efi", "d/fifo"};
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++)
        assert_null(pxb_tar_follow(&t, entry(&t, refused[i])));
    pxb_tar_free(&t);
}

static void test_long_names(void **state)
{
    static archive a;
    char long_name[200];
    pxb_tar t;
    (void)state;
    memset(long_name, 'n', sizeof long_name - 1);
    long_name[sizeof long_name - 1] = '\0';
    a.len = 0;
    add(&a, "././@LongLink", 'L', NULL, long_name);
    add(&a, "nnnn", '0', NULL, "gnu");
    char record[300];
    /* a record's length counts its own three digits: "213 path=pax/nnn...\n" */
    snprintf(record, sizeof record, "%d path=pax/%s\n", (int)(strlen(long_name) + 14),
             long_name);
    add(&a, "PaxHeaders/x", 'x', NULL, record);
    add(&a, "pax/nnnn", '0', NULL, "pax");
    add(&a, "after", '0', NULL, "plain");
    /* no end blocks: the end of the data ends the archive too */
    assert_int_equal(pxb_tar_read(a.bytes, a.len, &t, NULL), 0);
    assert_int_equal(t.count, 3);
    assert_string_equal(t.entry[0].path, long_name);
    assert_memory_equal(t.entry[0].data, "gnu", 3);
    assert_string_equal(t.entry[1].path + 4, long_name);
    assert_memory_equal(t.entry[1].data, "pax", 3);
    assert_string_equal(t.entry[2].path, "after");
    pxb_tar_free(&t);
}

/* pxb_tar_read of a must fail with exactly the text want. */
static void expect_refused(const archive *a, size_t len, const char *want)
{
    pxb_tar t;
    pxb_error err;
    assert_int_equal(pxb_tar_read(a->bytes, len, &t, &err), -1);
    assert_string_equal(err.text, want);
    assert_int_equal(pxb_tar_read(a->bytes, len, &t, NULL), -1);
}

static void test_damaged(void **state)
{
    static archive a;
    (void)state;
    ipxeboot(&a);
    expect_refused(&a, 100, "it is no tar archive");
    assert_int_equal(a.len, 10 * BLOCK);
    add(&a, "big.efi", '0', NULL, "0123456789");
    /* the last entry's header, without its data */
    expect_refused(&a, 11 * BLOCK, "the entry at byte 5120 is cut short");
    ipxeboot(&a);
    a.bytes[2 * BLOCK + 10] ^= 1; /* the shim's header no longer sums up */
    expect_refused(&a, a.len, "no tar header at byte 1024 (its checksum does not hold)");
    static const unsigned char not_tar[BLOCK * 2] = "MZ\x90";
    pxb_tar t;
    pxb_error err;
    assert_int_equal(pxb_tar_read(not_tar, sizeof not_tar, &t, &err), -1);
    assert_string_equal(err.text, "it is no tar archive");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_entries_and_links),
        cmocka_unit_test(test_links_refused),
        cmocka_unit_test(test_long_names),
        cmocka_unit_test(test_damaged),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
