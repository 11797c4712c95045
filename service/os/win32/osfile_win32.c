/* osfile_win32.c: the log file's file-system calls on Windows: UTF-8 path names are
 * converted to UTF-16 (win_text.h) and passed to the wide-character APIs. */
#include "osfile.h"

#include <stdlib.h>
#include <windows.h>

#include "win_text.h"

static int is_separator(wchar_t c)
{
    return c == L'\\' || c == L'/';
}

/* CreateDirectoryW that counts an existing directory as success. Returns 0 or the error. */
static DWORD make_one(const wchar_t *path)
{
    if (CreateDirectoryW(path, NULL))
        return 0;
    DWORD error = GetLastError();
    DWORD attrs = GetFileAttributesW(path);
    return (attrs != INVALID_FILE_ATTRIBUTES && (attrs & FILE_ATTRIBUTE_DIRECTORY)) ? 0 : error;
}

int pxb_osfile_make_dirs(const char *dir, pxb_error *err)
{
    wchar_t *path = dir[0] ? pxb_wide_from_utf8(dir) : NULL;
    if (path == NULL) {
        pxb_error_set(err, "'%s' is not a usable directory name", dir);
        return -1;
    }
    /* Create each parent in turn. Prefixes that are a drive ("C:") or a share's root
     * ("\\server\share") can't be created and need not be: only the last step must succeed. */
    for (size_t i = 1; path[i] != L'\0'; i++) {
        if (!is_separator(path[i]) || is_separator(path[i - 1]))
            continue;
        wchar_t saved = path[i];
        path[i] = L'\0';
        make_one(path);
        path[i] = saved;
    }
    DWORD error = make_one(path);
    free(path);
    if (error != 0) {
        char why[256];
        pxb_describe_error(error, why, sizeof why);
        pxb_error_set(err, "cannot create directory '%s': %s", dir, why);
        return -1;
    }
    return 0;
}

FILE *pxb_osfile_open(const char *path, const char *mode)
{
    wchar_t *wpath = pxb_wide_from_utf8(path);
    wchar_t *wmode = pxb_wide_from_utf8(mode);
    FILE *f = (wpath && wmode) ? _wfopen(wpath, wmode) : NULL;
    free(wpath);
    free(wmode);
    return f;
}

int pxb_osfile_replace(const char *from, const char *to)
{
    wchar_t *wfrom = pxb_wide_from_utf8(from);
    wchar_t *wto = pxb_wide_from_utf8(to);
    int rc = (wfrom && wto && MoveFileExW(wfrom, wto, MOVEFILE_REPLACE_EXISTING)) ? 0 : -1;
    free(wfrom);
    free(wto);
    return rc;
}

int pxb_osfile_remove(const char *path)
{
    wchar_t *wpath = pxb_wide_from_utf8(path);
    if (wpath == NULL)
        return -1;
    int rc = 0;
    if (!DeleteFileW(wpath)) {
        DWORD e = GetLastError();
        rc = (e == ERROR_FILE_NOT_FOUND || e == ERROR_PATH_NOT_FOUND) ? 0 : -1;
    }
    free(wpath);
    return rc;
}
