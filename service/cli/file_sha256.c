/* file_sha256.c: the SHA-256 of a file or of bytes in memory with BCrypt (see
 * file_sha256.h). */
#include "file_sha256.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <windows.h>
#include <bcrypt.h>

#include "win_text.h"

#define CHUNK (64u * 1024)
#define DIGEST_LEN 32

/* Feeds bytes into hash. Returns a Win32 error code, or -1 for a BCrypt failure. */
typedef long (*feed_fn)(void *ctx, BCRYPT_HASH_HANDLE hash);

/* An open file and where its size goes. */
typedef struct file_source {
    HANDLE file;
    unsigned long long *size;
} file_source;

/* A feed_fn: the whole open file, counting its bytes. */
static long feed_file(void *ctx, BCRYPT_HASH_HANDLE hash)
{
    file_source *src = ctx;
    unsigned char *buf = malloc(CHUNK);
    if (buf == NULL)
        return ERROR_NOT_ENOUGH_MEMORY;
    long rc = ERROR_SUCCESS;
    DWORD got;
    *src->size = 0;
    while (rc == ERROR_SUCCESS) {
        if (!ReadFile(src->file, buf, CHUNK, &got, NULL))
            rc = (long)GetLastError();
        else if (got == 0)
            break;
        else if (!BCRYPT_SUCCESS(BCryptHashData(hash, buf, got, 0)))
            rc = -1;
        else
            *src->size += got;
    }
    free(buf);
    return rc;
}

/* Bytes in memory. */
typedef struct data_source {
    const void *data;
    size_t len;
} data_source;

/* A feed_fn: the bytes in memory. */
static long feed_data(void *ctx, BCRYPT_HASH_HANDLE hash)
{
    const data_source *src = ctx;
    if (src->len > ULONG_MAX)
        return ERROR_NOT_ENOUGH_MEMORY;
    return BCRYPT_SUCCESS(BCryptHashData(hash, (PUCHAR)src->data, (ULONG)src->len, 0))
               ? ERROR_SUCCESS : -1;
}

/* The Windows error code and its description into err. */
static void set_os_error(pxb_error *err, unsigned long code)
{
    char why[PXB_ERROR_TEXT_MAX];
    pxb_describe_error(code, why, sizeof why);
    pxb_error_set_code(err, code, "%s", why);
}

/* The digest of what feed gives into hex. */
static int digest(feed_fn feed, void *ctx, char hex[CLI_SHA256_HEX], pxb_error *err)
{
    BCRYPT_ALG_HANDLE alg;
    BCRYPT_HASH_HANDLE hash;
    unsigned char digest_bytes[DIGEST_LEN];
    NTSTATUS st = BCryptOpenAlgorithmProvider(&alg, BCRYPT_SHA256_ALGORITHM, NULL, 0);
    if (!BCRYPT_SUCCESS(st)) {
        pxb_error_set(err, "SHA-256 is not available from bcrypt.dll (status 0x%08lx)",
                      (unsigned long)st);
        return CLI_HASH_FAILED;
    }
    st = BCryptCreateHash(alg, &hash, NULL, 0, NULL, 0, 0);
    long rc = BCRYPT_SUCCESS(st) ? feed(ctx, hash) : -1;
    if (rc == ERROR_SUCCESS &&
        !BCRYPT_SUCCESS(BCryptFinishHash(hash, digest_bytes, DIGEST_LEN, 0)))
        rc = -1;
    if (BCRYPT_SUCCESS(st))
        BCryptDestroyHash(hash);
    BCryptCloseAlgorithmProvider(alg, 0);
    if (rc < 0) {
        pxb_error_set(err, "hashing it with bcrypt.dll failed");
        return CLI_HASH_FAILED;
    }
    if (rc != ERROR_SUCCESS) {
        set_os_error(err, (unsigned long)rc);
        return CLI_HASH_FAILED;
    }
    for (int i = 0; i < DIGEST_LEN; i++)
        snprintf(hex + 2 * i, 3, "%02x", digest_bytes[i]);
    return CLI_HASH_OK;
}

int cli_data_sha256(const void *data, size_t len, char hex[CLI_SHA256_HEX], pxb_error *err)
{
    data_source src = {data, len};
    return digest(feed_data, &src, hex, err);
}

int cli_file_sha256(const char *path, char hex[CLI_SHA256_HEX], unsigned long long *size,
                    pxb_error *err)
{
    wchar_t *wide = pxb_wide_from_utf8(path);
    if (wide == NULL) {
        pxb_error_set(err, "out of memory");
        return CLI_HASH_FAILED;
    }
    HANDLE file = CreateFileW(wide, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_DELETE, NULL,
                              OPEN_EXISTING, FILE_FLAG_SEQUENTIAL_SCAN, NULL);
    DWORD code = GetLastError();
    free(wide);
    if (file == INVALID_HANDLE_VALUE) {
        set_os_error(err, code);
        return code == ERROR_FILE_NOT_FOUND || code == ERROR_PATH_NOT_FOUND ? CLI_HASH_MISSING
                                                                           : CLI_HASH_FAILED;
    }
    file_source src = {file, size};
    int rc = digest(feed_file, &src, hex, err);
    CloseHandle(file);
    return rc;
}
