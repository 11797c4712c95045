/* fs_posix.c: the Linux file backend (fs.h). Resolves a relative path under the TFTP root one
 * component at a time, matching names case-insensitively the way Windows does (the exact
 * name first, else a directory scan; of several names differing only by case the first in
 * byte order wins), follows symbolic links but refuses any whose target lies outside the
 * root's real path, and reads whole files, checking they did not change meanwhile. */
#define _FILE_OFFSET_BITS 64

#include "fs.h"

#include "ascii_case.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define NAME_MAX_BYTES 255
#define READ_CHUNK ((size_t)1 << 30)

static int fail(pxb_error *msg, int code, const char *text)
{
    pxb_error_set(msg, "%s", text);
    return code;
}

/* Maps an errno from looking up or opening a path onto an open result. */
static int fail_errno(pxb_error *msg, int err)
{
    switch (err) {
    case ENOENT:
    case ENOTDIR:
    case ENAMETOOLONG:
        return fail(msg, TFTP_OPEN_NOT_FOUND, "file not found");
    case EACCES:
    case EPERM:
        return fail(msg, TFTP_OPEN_DENIED, "permission denied");
    case ELOOP:
        return fail(msg, TFTP_OPEN_DENIED, "too many levels of links");
    default:
        pxb_error_set_code(msg, (unsigned long)err, "cannot open file: %s", strerror(err));
        return TFTP_OPEN_FAILED;
    }
}

static void fill_stamp(const struct stat *st, pxb_fs_stamp *stamp)
{
    stamp->size = (uint64_t)st->st_size;
    stamp->mtime_ns = (int64_t)st->st_mtim.tv_sec * 1000000000 + st->st_mtim.tv_nsec;
    stamp->file_id = (uint64_t)st->st_ino;
}

/* True if path is root or lies below it (both real paths). */
static int is_inside(const char *root, const char *path)
{
    size_t len = strlen(root);

    if (strcmp(root, "/") == 0)
        return 1;
    return strncmp(path, root, len) == 0 && (path[len] == '/' || path[len] == '\0');
}

/* Scans dir for a name equal to want ignoring ASCII case and copies the first such name in
 * byte order to found. Returns 0, or an errno. */
static int scan_dir(const char *dir, const char *want, char *found)
{
    DIR *d = opendir(dir);
    struct dirent *e;

    if (d == NULL)
        return errno;
    found[0] = '\0';
    while ((e = readdir(d)) != NULL) {
        if (pxb_ascii_same(e->d_name, want) && (found[0] == '\0' || strcmp(e->d_name, found) < 0))
            memcpy(found, e->d_name, strlen(e->d_name) + 1);
    }
    closedir(d);
    return found[0] == '\0' ? ENOENT : 0;
}

/* Finds the entry of dir that want names: want itself if it exists, else a scan. Writes the
 * joined path to path. Returns 0 or an errno. */
static int find_entry(const char *dir, const char *want, char *path, size_t path_len)
{
    char found[NAME_MAX_BYTES + 1];
    struct stat st;
    int err;

    if ((size_t)snprintf(path, path_len, "%s/%s", dir, want) >= path_len)
        return ENAMETOOLONG;
    if (lstat(path, &st) == 0)
        return 0;
    if (errno != ENOENT)
        return errno;
    err = scan_dir(dir, want, found);
    if (err != 0)
        return err;
    if ((size_t)snprintf(path, path_len, "%s/%s", dir, found) >= path_len)
        return ENAMETOOLONG;
    return 0;
}

/* Moves cur (a real path inside root) one component down to want, following links, and
 * stats the result. Returns TFTP_OPEN_OK or a failure with msg set. */
static int step(const char *root, char *cur, const char *want, struct stat *st, pxb_error *msg)
{
    char joined[PXB_FS_PATH_MAX];
    char *real;
    int err = find_entry(cur, want, joined, sizeof joined);

    if (err != 0)
        return fail_errno(msg, err);
    real = realpath(joined, NULL);
    if (real == NULL)
        return fail_errno(msg, errno);
    if (!is_inside(root, real)) {
        free(real);
        return fail(msg, TFTP_OPEN_DENIED, "link leads outside the TFTP root");
    }
    if (strlen(real) >= PXB_FS_PATH_MAX) {
        free(real);
        return fail(msg, TFTP_OPEN_FAILED, "path too long");
    }
    memcpy(cur, real, strlen(real) + 1);
    free(real);
    if (stat(cur, st) != 0)
        return fail_errno(msg, errno);
    return TFTP_OPEN_OK;
}

/* Walks relpath below root (a real path); cur ends as the final real path. */
static int walk(const char *root, const char *relpath, char *cur, struct stat *st, pxb_error *msg)
{
    char want[NAME_MAX_BYTES + 1];
    const char *p = relpath;

    memcpy(cur, root, strlen(root) + 1);
    for (;;) {
        size_t len = strcspn(p, "/");
        int rc;

        if (len > NAME_MAX_BYTES)
            return fail(msg, TFTP_OPEN_NOT_FOUND, "file not found");
        memcpy(want, p, len);
        want[len] = '\0';
        rc = step(root, cur, want, st, msg);
        if (rc != TFTP_OPEN_OK)
            return rc;
        if (p[len] == '\0')
            return TFTP_OPEN_OK;
        if (!S_ISDIR(st->st_mode))
            return fail(msg, TFTP_OPEN_NOT_FOUND, "file not found");
        p += len + 1;
    }
}

int pxb_fs_resolve(const char *root, const char *relpath, char *canonical, size_t canonical_len,
                   pxb_fs_stamp *stamp, pxb_error *msg)
{
    char cur[PXB_FS_PATH_MAX];
    struct stat st;
    char *root_real = realpath(root, NULL);
    int rc;

    if (root_real == NULL) {
        pxb_error_set_code(msg, (unsigned long)errno, "TFTP root is not accessible: %s",
                           strerror(errno));
        return TFTP_OPEN_FAILED;
    }
    if (strlen(root_real) >= sizeof cur) {
        free(root_real);
        return fail(msg, TFTP_OPEN_FAILED, "path too long");
    }
    rc = walk(root_real, relpath, cur, &st, msg);
    free(root_real);
    if (rc != TFTP_OPEN_OK)
        return rc;
    if (!S_ISREG(st.st_mode))
        return fail(msg, TFTP_OPEN_DENIED, "not a regular file");
    if (strlen(cur) >= canonical_len)
        return fail(msg, TFTP_OPEN_FAILED, "path too long");
    memcpy(canonical, cur, strlen(cur) + 1);
    fill_stamp(&st, stamp);
    return TFTP_OPEN_OK;
}

struct pxb_fs_file {
    int fd;
};

int pxb_fs_open(const char *canonical, pxb_fs_file **out, pxb_error *msg)
{
    pxb_fs_file *file = malloc(sizeof *file);
    if (file == NULL)
        return fail(msg, TFTP_OPEN_FAILED, "out of memory");
    file->fd = open(canonical, O_RDONLY | O_CLOEXEC);
    if (file->fd < 0) {
        int err = errno;
        free(file);
        return fail_errno(msg, err);
    }
    *out = file;
    return TFTP_OPEN_OK;
}

int pxb_fs_stamp_of(pxb_fs_file *file, pxb_fs_stamp *out, pxb_error *msg)
{
    struct stat st;
    if (fstat(file->fd, &st) != 0) {
        pxb_error_set_code(msg, (unsigned long)errno, "cannot read file: %s", strerror(errno));
        return TFTP_OPEN_FAILED;
    }
    fill_stamp(&st, out);
    return TFTP_OPEN_OK;
}

int pxb_fs_read(pxb_fs_file *file, uint8_t *buf, size_t len, size_t *got, pxb_error *msg)
{
    ssize_t n;
    do
        n = read(file->fd, buf, len < READ_CHUNK ? len : READ_CHUNK);
    while (n < 0 && errno == EINTR);
    if (n < 0) {
        pxb_error_set_code(msg, (unsigned long)errno, "cannot read file: %s", strerror(errno));
        return TFTP_OPEN_FAILED;
    }
    *got = (size_t)n;
    return TFTP_OPEN_OK;
}

void pxb_fs_close(pxb_fs_file *file)
{
    close(file->fd);
    free(file);
}
