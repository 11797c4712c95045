/* test_fs_posix.c: unit tests for the Linux file backend on a real directory tree made in
 * /tmp: case-insensitive matching (deterministic among names differing only by case),
 * symbolic links inside the root served and links leading out refused, directories and
 * other non-files refused, stamps, whole-file reads and the changed-file check. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "fs.h"
#include "tftp_files.h"
#include "tmptree.h"

typedef struct resolved {
    int rc;
    char canonical[PXB_FS_PATH_MAX];
    pxb_fs_stamp stamp;
    pxb_error msg;
} resolved;

static int setup_tree(void **state)
{
    tmptree *t = malloc(sizeof *t);
    char fifo[PATH_MAX];

    assert_non_null(t);
    tmptree_create(t);
    tmptree_write(t, "undionly.kpxe", "BIOS", 4);
    tmptree_write(t, "empty.bin", "", 0);
    tmptree_mkdir(t, "boot");
    tmptree_mkdir(t, "boot/x64");
    tmptree_write(t, "boot/x64/ipxe.efi", "UEFI-IPXE", 9);
    tmptree_write(t, "Dup.txt", "mixed", 5);
    tmptree_write(t, "dup.txt", "lower", 5);
    tmptree_write(t, "DUP.TXT", "upper", 5);
    tmptree_link(t, "link.efi", "boot/x64/ipxe.efi");
    tmptree_link(t, "bootlink", "boot");
    tmptree_link(t, "passwd", "/etc/passwd");
    tmptree_link(t, "etc", "/etc");
    tmptree_link(t, "up", "..");
    tmptree_link(t, "dangling", "nowhere");
    tmptree_link(t, "loop1", "loop2");
    tmptree_link(t, "loop2", "loop1");
    tmptree_path(t, "fifo", fifo, sizeof fifo);
    assert_int_equal(mkfifo(fifo, 0644), 0);
    *state = t;
    return 0;
}

static int teardown_tree(void **state)
{
    tmptree *t = *state;

    tmptree_destroy(t);
    free(t);
    return 0;
}

static resolved *resolve_in(const char *root, const char *relpath)
{
    static resolved r;

    memset(&r, 0, sizeof r);
    r.rc = pxb_fs_resolve(root, relpath, r.canonical, sizeof r.canonical, &r.stamp, &r.msg);
    return &r;
}

/* The real path of rel inside the tree, as resolve must report it. */
static void real_path_of(const tmptree *t, const char *rel, char *out)
{
    char path[PATH_MAX];

    tmptree_path(t, rel, path, sizeof path);
    assert_non_null(realpath(path, out));
}

static void expect_resolves_to(const tmptree *t, const char *relpath, const char *target)
{
    char want[PATH_MAX];
    resolved *r = resolve_in(t->root, relpath);

    if (r->rc != TFTP_OPEN_OK)
        print_error("%s: %s\n", relpath, r->msg.text);
    assert_int_equal(r->rc, TFTP_OPEN_OK);
    real_path_of(t, target, want);
    assert_string_equal(r->canonical, want);
}

static void expect_refused(const tmptree *t, const char *relpath, int rc, const char *msg)
{
    resolved *r = resolve_in(t->root, relpath);

    assert_int_equal(r->rc, rc);
    assert_string_equal(r->msg.text, msg);
}

static void resolves_exact_names(void **state)
{
    tmptree *t = *state;

    expect_resolves_to(t, "undionly.kpxe", "undionly.kpxe");
    expect_resolves_to(t, "boot/x64/ipxe.efi", "boot/x64/ipxe.efi");
}

static void matches_case_insensitively(void **state)
{
    tmptree *t = *state;

    expect_resolves_to(t, "BOOT/X64/IPXE.EFI", "boot/x64/ipxe.efi");
    expect_resolves_to(t, "Undionly.KPXE", "undionly.kpxe");
}

static void prefers_exact_then_sorted_case_match(void **state)
{
    tmptree *t = *state;

    expect_resolves_to(t, "dup.txt", "dup.txt");
    expect_resolves_to(t, "Dup.txt", "Dup.txt");
    /* no exact match: "DUP.TXT" < "Dup.txt" < "dup.txt" in byte order */
    expect_resolves_to(t, "dUp.TxT", "DUP.TXT");
}

static void follows_links_inside_root(void **state)
{
    tmptree *t = *state;

    expect_resolves_to(t, "link.efi", "boot/x64/ipxe.efi");
    expect_resolves_to(t, "LINK.EFI", "boot/x64/ipxe.efi");
    expect_resolves_to(t, "bootlink/x64/ipxe.efi", "boot/x64/ipxe.efi");
}

static void refuses_links_leaving_root(void **state)
{
    tmptree *t = *state;
    const char *outside = "link leads outside the TFTP root";

    expect_refused(t, "passwd", TFTP_OPEN_DENIED, outside);
    expect_refused(t, "etc/passwd", TFTP_OPEN_DENIED, outside);
    expect_refused(t, "ETC/PASSWD", TFTP_OPEN_DENIED, outside);
    /* out through "..", even though the walk would come back into the root */
    expect_refused(t, "up", TFTP_OPEN_DENIED, outside);
}

static void refuses_link_loops(void **state)
{
    expect_refused(*state, "loop1", TFTP_OPEN_DENIED, "too many levels of links");
}

static void refuses_non_files(void **state)
{
    tmptree *t = *state;

    expect_refused(t, "boot", TFTP_OPEN_DENIED, "not a regular file");
    expect_refused(t, "BOOT/x64", TFTP_OPEN_DENIED, "not a regular file");
    expect_refused(t, "bootlink", TFTP_OPEN_DENIED, "not a regular file");
    expect_refused(t, "fifo", TFTP_OPEN_DENIED, "not a regular file");
    expect_refused(t, "", TFTP_OPEN_DENIED, "not a regular file");
}

static void reports_missing_files(void **state)
{
    tmptree *t = *state;

    expect_refused(t, "missing.efi", TFTP_OPEN_NOT_FOUND, "file not found");
    expect_refused(t, "boot/missing/x.efi", TFTP_OPEN_NOT_FOUND, "file not found");
    expect_refused(t, "undionly.kpxe/x", TFTP_OPEN_NOT_FOUND, "file not found");
    expect_refused(t, "dangling", TFTP_OPEN_NOT_FOUND, "file not found");
}

static void reports_missing_root(void **state)
{
    tmptree *t = *state;
    char root[PATH_MAX];
    resolved *r;

    tmptree_path(t, "no-such-root", root, sizeof root);
    r = resolve_in(root, "undionly.kpxe");
    assert_int_equal(r->rc, TFTP_OPEN_FAILED);
    assert_non_null(strstr(r->msg.text, "TFTP root is not accessible"));
}

static void resolves_under_linked_root(void **state)
{
    tmptree *t = *state;
    char root[PATH_MAX];
    char want[PATH_MAX];
    resolved *r;

    tmptree_path(t, "bootlink", root, sizeof root);
    r = resolve_in(root, "X64/ipxe.efi");
    assert_int_equal(r->rc, TFTP_OPEN_OK);
    real_path_of(t, "boot/x64/ipxe.efi", want);
    assert_string_equal(r->canonical, want);
}

static void reports_stamp(void **state)
{
    tmptree *t = *state;
    struct stat st;
    resolved *r = resolve_in(t->root, "boot/x64/ipxe.efi");

    assert_int_equal(r->rc, TFTP_OPEN_OK);
    assert_int_equal(stat(r->canonical, &st), 0);
    assert_int_equal(r->stamp.size, 9);
    assert_int_equal(r->stamp.file_id, st.st_ino);
    assert_true(r->stamp.mtime_ns ==
                (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec);
}

static void reads_whole_files(void **state)
{
    tmptree *t = *state;
    resolved *r = resolve_in(t->root, "boot/x64/ipxe.efi");
    uint8_t *data = NULL;
    uint64_t size = 0;
    pxb_error msg = {0};

    assert_int_equal(r->rc, TFTP_OPEN_OK);
    assert_int_equal(pxb_fs_read_all(r->canonical, &r->stamp, &data, &size, &msg),
                     TFTP_OPEN_OK);
    assert_int_equal(size, 9);
    assert_memory_equal(data, "UEFI-IPXE", 9);
    free(data);
}

static void reads_empty_files(void **state)
{
    resolved *r = resolve_in(((tmptree *)*state)->root, "empty.bin");
    uint8_t *data = NULL;
    uint64_t size = 1;
    pxb_error msg = {0};

    assert_int_equal(r->rc, TFTP_OPEN_OK);
    assert_int_equal(pxb_fs_read_all(r->canonical, &r->stamp, &data, &size, &msg),
                     TFTP_OPEN_OK);
    assert_int_equal(size, 0);
    assert_non_null(data);
    free(data);
}

static void refuses_changed_files(void **state)
{
    tmptree *t = *state;
    resolved *r = resolve_in(t->root, "undionly.kpxe");
    uint8_t *data = NULL;
    uint64_t size = 0;
    pxb_error msg = {0};

    assert_int_equal(r->rc, TFTP_OPEN_OK);
    tmptree_write(t, "undionly.kpxe", "BIOS-v2", 7);
    assert_int_equal(pxb_fs_read_all(r->canonical, &r->stamp, &data, &size, &msg),
                     TFTP_OPEN_FAILED);
    assert_string_equal(msg.text, "file changed while being read");
    assert_null(data);
    tmptree_write(t, "undionly.kpxe", "BIOS", 4);
}

static void reports_vanished_files(void **state)
{
    tmptree *t = *state;
    char path[PATH_MAX];
    resolved *r;
    uint8_t *data = NULL;
    uint64_t size = 0;
    pxb_error msg = {0};

    tmptree_write(t, "gone.bin", "x", 1);
    r = resolve_in(t->root, "gone.bin");
    assert_int_equal(r->rc, TFTP_OPEN_OK);
    tmptree_path(t, "gone.bin", path, sizeof path);
    assert_int_equal(unlink(path), 0);
    assert_int_equal(pxb_fs_read_all(r->canonical, &r->stamp, &data, &size, &msg),
                     TFTP_OPEN_NOT_FOUND);
    assert_null(data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(resolves_exact_names),
        cmocka_unit_test(matches_case_insensitively),
        cmocka_unit_test(prefers_exact_then_sorted_case_match),
        cmocka_unit_test(follows_links_inside_root),
        cmocka_unit_test(refuses_links_leaving_root),
        cmocka_unit_test(refuses_link_loops),
        cmocka_unit_test(refuses_non_files),
        cmocka_unit_test(reports_missing_files),
        cmocka_unit_test(reports_missing_root),
        cmocka_unit_test(resolves_under_linked_root),
        cmocka_unit_test(reports_stamp),
        cmocka_unit_test(reads_whole_files),
        cmocka_unit_test(reads_empty_files),
        cmocka_unit_test(refuses_changed_files),
        cmocka_unit_test(reports_vanished_files),
    };
    return cmocka_run_group_tests(tests, setup_tree, teardown_tree);
}
