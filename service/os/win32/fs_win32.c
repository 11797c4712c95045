/* fs_win32.c: the Windows file backend (fs.h). Paths arrive as UTF-8 and are turned into
 * UTF-16 \\?\ long paths for the wide-character APIs; name matching is the file system's own
 * (case-insensitive on NTFS). Symbolic links and junctions are followed by CreateFileW, and
 * the opened file's final path (GetFinalPathNameByHandleW) must lie below the root's final
 * path, so no link or junction can lead out of the TFTP root. Files are opened sharing read,
 * write and delete, so serving a file never stops an admin from replacing it. */
#include "fs.h"

#include <windows.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#define WPATH_MAX PXB_FS_PATH_MAX
#define READ_CHUNK ((DWORD)1 << 30)
/* 100 ns intervals between 1601-01-01 (FILETIME) and 1970-01-01. */
#define FILETIME_UNIX_EPOCH 116444736000000000LL

static const wchar_t LONG_PREFIX[] = L"\\\\?\\";
static const wchar_t UNC_PREFIX[] = L"\\\\?\\UNC\\";

static int fail(pxb_error *msg, int code, const char *text)
{
    pxb_error_set(msg, "%s", text);
    return code;
}

/* Maps a Win32 error from opening a path onto an open result. */
static int fail_win(pxb_error *msg, DWORD err)
{
    switch (err) {
    case ERROR_FILE_NOT_FOUND:
    case ERROR_PATH_NOT_FOUND:
    case ERROR_INVALID_NAME:
    case ERROR_BAD_PATHNAME:
    case ERROR_DIRECTORY:
    case ERROR_FILENAME_EXCED_RANGE:
        return fail(msg, TFTP_OPEN_NOT_FOUND, "file not found");
    case ERROR_ACCESS_DENIED:
        return fail(msg, TFTP_OPEN_DENIED, "permission denied");
    case ERROR_CANT_RESOLVE_FILENAME:
        return fail(msg, TFTP_OPEN_DENIED, "too many levels of links");
    case ERROR_SHARING_VIOLATION:
        return fail(msg, TFTP_OPEN_FAILED, "file is locked by another program");
    default:
        pxb_error_set(msg, "cannot open file (Windows error %lu)", (unsigned long)err);
        return TFTP_OPEN_FAILED;
    }
}

/* UTF-8 to UTF-16; -1 if invalid or too long. */
static int widen(const char *utf8, wchar_t *out, size_t out_len)
{
    return MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, utf8, -1, out, (int)out_len) > 0
               ? 0
               : -1;
}

/* UTF-16 to UTF-8; -1 if invalid or too long. */
static int narrow(const wchar_t *wide, char *out, size_t out_len)
{
    return WideCharToMultiByte(CP_UTF8, WC_ERR_INVALID_CHARS, wide, -1, out, (int)out_len,
                               NULL, NULL) > 0
               ? 0
               : -1;
}

/* Appends src to dst (holding used characters); -1 if it does not fit. */
static int append(wchar_t *dst, size_t *used, size_t dst_len, const wchar_t *src)
{
    size_t len = wcslen(src);

    if (*used + len + 1 > dst_len)
        return -1;
    memcpy(dst + *used, src, (len + 1) * sizeof(wchar_t));
    *used += len;
    return 0;
}

/* Makes root (UTF-8, absolute or relative) an absolute \\?\ path, keeping any trailing
 * backslash ("C:\" must stay a directory, not the volume). */
static int make_root_path(const char *root, wchar_t *out, size_t out_len)
{
    wchar_t given[WPATH_MAX];
    wchar_t full[WPATH_MAX];
    DWORD len;
    size_t used = 0;

    if (widen(root, given, WPATH_MAX) != 0)
        return -1;
    len = GetFullPathNameW(given, WPATH_MAX, full, NULL);
    if (len == 0 || len >= WPATH_MAX)
        return -1;
    out[0] = L'\0';
    if (wcsncmp(full, LONG_PREFIX, 4) == 0 || wcsncmp(full, L"\\\\.\\", 4) == 0)
        return append(out, &used, out_len, full);
    if (wcsncmp(full, L"\\\\", 2) == 0)
        return append(out, &used, out_len, UNC_PREFIX) || append(out, &used, out_len, full + 2);
    return append(out, &used, out_len, LONG_PREFIX) || append(out, &used, out_len, full);
}

/* Joins the root path and relpath ('/'-separated UTF-8) with backslashes. */
static int join_path(const wchar_t *root, const char *relpath, wchar_t *out, size_t out_len)
{
    wchar_t rel[WPATH_MAX];
    size_t used = 0;

    if (widen(relpath, rel, WPATH_MAX) != 0)
        return -1;
    for (wchar_t *p = rel; *p != L'\0'; p++) {
        if (*p == L'/')
            *p = L'\\';
    }
    out[0] = L'\0';
    if (append(out, &used, out_len, root) != 0)
        return -1;
    if (used > 0 && out[used - 1] != L'\\' && append(out, &used, out_len, L"\\") != 0)
        return -1;
    return append(out, &used, out_len, rel);
}

static HANDLE open_shared(const wchar_t *path, DWORD access, DWORD flags)
{
    return CreateFileW(path, access, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                       NULL, OPEN_EXISTING, flags, NULL);
}

/* The handle's final path without its \\?\ prefix and trailing backslash, as a pointer
 * into buf (which keeps the prefix); NULL on failure. UNC paths keep their "UNC\" marker,
 * so they never compare equal to a drive path. */
static const wchar_t *get_final_path(HANDLE h, wchar_t *buf, DWORD buf_len)
{
    DWORD len = GetFinalPathNameByHandleW(h, buf, buf_len, FILE_NAME_NORMALIZED);
    const wchar_t *p = buf;

    if (len == 0)
        return NULL;
    if (len >= buf_len) {
        SetLastError(ERROR_BUFFER_OVERFLOW);
        return NULL;
    }
    while (len > 0 && buf[len - 1] == L'\\')
        buf[--len] = L'\0';
    if (wcsncmp(p, LONG_PREFIX, 4) == 0)
        p += 4;
    return p;
}

/* True if path lies below root (both from get_final_path), ignoring case as NTFS does. */
static int is_inside(const wchar_t *root, const wchar_t *path)
{
    size_t len = wcslen(root);

    if (wcslen(path) <= len || path[len] != L'\\')
        return 0;
    return CompareStringOrdinal(root, (int)len, path, (int)len, TRUE) == CSTR_EQUAL;
}

static void fill_stamp(const BY_HANDLE_FILE_INFORMATION *info, pxb_fs_stamp *stamp)
{
    ULARGE_INTEGER t;

    t.LowPart = info->ftLastWriteTime.dwLowDateTime;
    t.HighPart = info->ftLastWriteTime.dwHighDateTime;
    stamp->size = ((uint64_t)info->nFileSizeHigh << 32) | info->nFileSizeLow;
    stamp->mtime_ns = ((int64_t)t.QuadPart - FILETIME_UNIX_EPOCH) * 100;
    /* The file index is unique per volume; the serial number folds the volume in. */
    stamp->file_id = (((uint64_t)info->nFileIndexHigh << 32) | info->nFileIndexLow) ^
                     ((uint64_t)info->dwVolumeSerialNumber << 32);
}

/* Opens the root directory and writes its final path (prefix stripped) to buf. On failure
 * returns NULL with the cause in GetLastError(). */
static const wchar_t *resolve_root(const wchar_t *root_path, wchar_t *buf, DWORD buf_len)
{
    HANDLE h = open_shared(root_path, FILE_READ_ATTRIBUTES, FILE_FLAG_BACKUP_SEMANTICS);
    const wchar_t *final;
    DWORD err;

    if (h == INVALID_HANDLE_VALUE)
        return NULL;
    final = get_final_path(h, buf, buf_len);
    err = GetLastError();
    CloseHandle(h);
    SetLastError(err);
    return final;
}

/* Checks an opened target against the root and fills canonical and stamp. */
static int inspect(HANDLE h, const wchar_t *root_final, char *canonical, size_t canonical_len,
                   pxb_fs_stamp *stamp, pxb_error *msg)
{
    wchar_t buf[WPATH_MAX];
    BY_HANDLE_FILE_INFORMATION info;
    const wchar_t *final = get_final_path(h, buf, WPATH_MAX);

    if (final == NULL)
        return fail_win(msg, GetLastError());
    if (!is_inside(root_final, final))
        return fail(msg, TFTP_OPEN_DENIED, "link leads outside the TFTP root");
    if (!GetFileInformationByHandle(h, &info))
        return fail_win(msg, GetLastError());
    if ((info.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) != 0 || GetFileType(h) != FILE_TYPE_DISK)
        return fail(msg, TFTP_OPEN_DENIED, "not a regular file");
    /* The canonical path keeps the \\?\ prefix so pxb_fs_read_all can open long paths. */
    if (narrow(buf, canonical, canonical_len) != 0)
        return fail(msg, TFTP_OPEN_FAILED, "path too long");
    fill_stamp(&info, stamp);
    return TFTP_OPEN_OK;
}

int pxb_fs_resolve(const char *root, const char *relpath, char *canonical, size_t canonical_len,
                   pxb_fs_stamp *stamp, pxb_error *msg)
{
    wchar_t root_path[WPATH_MAX];
    wchar_t root_buf[WPATH_MAX];
    wchar_t file_path[WPATH_MAX];
    const wchar_t *root_final;
    HANDLE h;
    int rc;

    if (make_root_path(root, root_path, WPATH_MAX) != 0)
        return fail(msg, TFTP_OPEN_FAILED, "TFTP root is not a valid path");
    root_final = resolve_root(root_path, root_buf, WPATH_MAX);
    if (root_final == NULL) {
        pxb_error_set(msg, "TFTP root is not accessible (Windows error %lu)",
                      (unsigned long)GetLastError());
        return TFTP_OPEN_FAILED;
    }
    if (join_path(root_path, relpath, file_path, WPATH_MAX) != 0)
        return fail(msg, TFTP_OPEN_NOT_FOUND, "file not found");
    h = open_shared(file_path, FILE_READ_ATTRIBUTES, FILE_FLAG_BACKUP_SEMANTICS);
    if (h == INVALID_HANDLE_VALUE)
        return fail_win(msg, GetLastError());
    rc = inspect(h, root_final, canonical, canonical_len, stamp, msg);
    CloseHandle(h);
    return rc;
}

struct pxb_fs_file {
    HANDLE h;
};

int pxb_fs_open(const char *canonical, pxb_fs_file **out, pxb_error *msg)
{
    wchar_t path[WPATH_MAX];
    if (widen(canonical, path, WPATH_MAX) != 0)
        return fail(msg, TFTP_OPEN_FAILED, "path is not valid UTF-8");
    pxb_fs_file *file = malloc(sizeof *file);
    if (file == NULL)
        return fail(msg, TFTP_OPEN_FAILED, "out of memory");
    file->h = open_shared(path, GENERIC_READ, FILE_FLAG_SEQUENTIAL_SCAN);
    if (file->h == INVALID_HANDLE_VALUE) {
        DWORD err = GetLastError();
        free(file);
        return fail_win(msg, err);
    }
    *out = file;
    return TFTP_OPEN_OK;
}

int pxb_fs_stamp_of(pxb_fs_file *file, pxb_fs_stamp *out, pxb_error *msg)
{
    BY_HANDLE_FILE_INFORMATION info;
    if (!GetFileInformationByHandle(file->h, &info)) {
        pxb_error_set(msg, "cannot read file (Windows error %lu)",
                      (unsigned long)GetLastError());
        return TFTP_OPEN_FAILED;
    }
    fill_stamp(&info, out);
    return TFTP_OPEN_OK;
}

int pxb_fs_read(pxb_fs_file *file, uint8_t *buf, size_t len, size_t *got, pxb_error *msg)
{
    DWORD n = 0;
    if (!ReadFile(file->h, buf, len < READ_CHUNK ? (DWORD)len : READ_CHUNK, &n, NULL)) {
        pxb_error_set(msg, "cannot read file (Windows error %lu)",
                      (unsigned long)GetLastError());
        return TFTP_OPEN_FAILED;
    }
    *got = n;
    return TFTP_OPEN_OK;
}

void pxb_fs_close(pxb_fs_file *file)
{
    CloseHandle(file->h);
    free(file);
}
