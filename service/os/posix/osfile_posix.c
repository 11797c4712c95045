/* osfile_posix.c: the log file's file-system calls on POSIX, where paths are bytes and
 * stdio takes UTF-8 as is. */
#include "osfile.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

/* mkdir that counts an existing directory as success. */
static int make_one(const char *path)
{
    struct stat st;
    if (mkdir(path, 0755) == 0)
        return 0;
    if (errno == EEXIST && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        return 0;
    return -1;
}

int pxb_osfile_make_dirs(const char *dir, pxb_error *err)
{
    char path[4096];
    size_t len = strlen(dir);
    if (len == 0 || len >= sizeof path) {
        pxb_error_set(err, "'%s' is not a usable directory name", dir);
        return -1;
    }
    memcpy(path, dir, len + 1);
    /* Create each parent in turn: cut the path at every '/' after the first character. */
    for (size_t i = 1; i < len; i++) {
        if (path[i] != '/' || path[i - 1] == '/')
            continue;
        path[i] = '\0';
        int rc = make_one(path);
        path[i] = '/';
        if (rc != 0) {
            pxb_error_set_code(err, (unsigned long)errno, "cannot create directory '%.*s': %s",
                               (int)i, path, strerror(errno));
            return -1;
        }
    }
    if (make_one(path) != 0) {
        pxb_error_set_code(err, (unsigned long)errno, "cannot create directory '%s': %s",
                           path, strerror(errno));
        return -1;
    }
    return 0;
}

FILE *pxb_osfile_open(const char *path, const char *mode)
{
    return fopen(path, mode);
}

int pxb_osfile_replace(const char *from, const char *to)
{
    return rename(from, to) == 0 ? 0 : -1;
}

int pxb_osfile_remove(const char *path)
{
    return (remove(path) == 0 || errno == ENOENT) ? 0 : -1;
}
