/* tmptree.h: real files for the file-backend and file-cache tests: a fresh directory under
 * /tmp, files, directories and symbolic links inside it, and its removal afterwards.
 * Include after cmocka.h; every helper fails the running test if the OS call fails. */
#ifndef PXB_TESTS_TMPTREE_H
#define PXB_TESTS_TMPTREE_H

#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct tmptree {
    char root[PATH_MAX];
} tmptree;

static inline void tmptree_path(const tmptree *t, const char *rel, char *out, size_t out_len)
{
    assert_true((size_t)snprintf(out, out_len, "%s/%s", t->root, rel) < out_len);
}

static inline void tmptree_create(tmptree *t)
{
    snprintf(t->root, sizeof t->root, "/tmp/pxb-test-XXXXXX");
    assert_non_null(mkdtemp(t->root));
}

static inline void tmptree_write(const tmptree *t, const char *rel, const void *data, size_t len)
{
    char path[PATH_MAX];
    FILE *f;

    tmptree_path(t, rel, path, sizeof path);
    f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

static inline void tmptree_mkdir(const tmptree *t, const char *rel)
{
    char path[PATH_MAX];

    tmptree_path(t, rel, path, sizeof path);
    assert_int_equal(mkdir(path, 0755), 0);
}

static inline void tmptree_link(const tmptree *t, const char *rel, const char *target)
{
    char path[PATH_MAX];

    tmptree_path(t, rel, path, sizeof path);
    assert_int_equal(symlink(target, path), 0);
}

/* Sets a file's modification time to sec seconds after the epoch. */
static inline void tmptree_touch(const tmptree *t, const char *rel, long sec)
{
    char path[PATH_MAX];
    struct timespec times[2] = {{sec, 0}, {sec, 0}};

    tmptree_path(t, rel, path, sizeof path);
    assert_int_equal(utimensat(AT_FDCWD, path, times, 0), 0);
}

static inline int tmptree_remove_one(const char *path, const struct stat *st, int flag,
                                     struct FTW *ftw)
{
    return remove(path);
}

static inline void tmptree_destroy(tmptree *t)
{
    assert_int_equal(nftw(t->root, tmptree_remove_one, 16, FTW_DEPTH | FTW_PHYS), 0);
}

#endif
