/* file_sha256.c: the SHA-256 of a file with BCrypt (see file_sha256.h). */
#include "file_sha256.h"

#include <stdio.h>
#include <stdlib.h>
#include <windows.h>
#include <bcrypt.h>

#include "win_text.h"

#define CHUNK (64u * 1024)
#define DIGEST_LEN 32

/* Reads the open file through hash, counting its bytes. Returns a Win32 error code, or an
 * NTSTATUS from BCrypt as a negative number. */
static long hash_file(HANDLE file, BCRYPT_HASH_HANDLE hash, unsigned long long *size)
{
    unsigned char *buf = malloc(CHUNK);
    if (buf == NULL)
        return ERROR_NOT_ENOUGH_MEMORY;
    long rc = ERROR_SUCCESS;
    DWORD got;
    *size = 0;
    while (rc == ERROR_SUCCESS) {
        if (!ReadFile(file, buf, CHUNK, &got, NULL))
            rc = (long)GetLastError();
        else if (got == 0)
            break;
        else if (!BCRYPT_SUCCESS(BCryptHashData(hash, buf, got, 0)))
            rc = -1;
        else
            *size += got;
    }
    free(buf);
    return rc;
}

/* The digest of the open file into hex. */
static int digest_file(HANDLE file, char hex[CLI_SHA256_HEX], unsigned long long *size,
                       char *err, size_t err_len)
{
    BCRYPT_ALG_HANDLE alg;
    BCRYPT_HASH_HANDLE hash;
    unsigned char digest[DIGEST_LEN];
    NTSTATUS st = BCryptOpenAlgorithmProvider(&alg, BCRYPT_SHA256_ALGORITHM, NULL, 0);
    if (!BCRYPT_SUCCESS(st)) {
        snprintf(err, err_len, "SHA-256 is not available from bcrypt.dll (status 0x%08lx)",
                 (unsigned long)st);
        return CLI_HASH_FAILED;
    }
    st = BCryptCreateHash(alg, &hash, NULL, 0, NULL, 0, 0);
    long rc = BCRYPT_SUCCESS(st) ? hash_file(file, hash, size) : -1;
    if (rc == ERROR_SUCCESS && !BCRYPT_SUCCESS(BCryptFinishHash(hash, digest, DIGEST_LEN, 0)))
        rc = -1;
    if (BCRYPT_SUCCESS(st))
        BCryptDestroyHash(hash);
    BCryptCloseAlgorithmProvider(alg, 0);
    if (rc < 0) {
        snprintf(err, err_len, "hashing it with bcrypt.dll failed");
        return CLI_HASH_FAILED;
    }
    if (rc != ERROR_SUCCESS) {
        pxb_describe_error((unsigned long)rc, err, err_len);
        return CLI_HASH_FAILED;
    }
    for (int i = 0; i < DIGEST_LEN; i++)
        snprintf(hex + 2 * i, 3, "%02x", digest[i]);
    return CLI_HASH_OK;
}

int cli_file_sha256(const char *path, char hex[CLI_SHA256_HEX], unsigned long long *size,
                    char *err, size_t err_len)
{
    wchar_t *wide = pxb_wide_from_utf8(path);
    if (wide == NULL) {
        snprintf(err, err_len, "out of memory");
        return CLI_HASH_FAILED;
    }
    HANDLE file = CreateFileW(wide, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_DELETE, NULL,
                              OPEN_EXISTING, FILE_FLAG_SEQUENTIAL_SCAN, NULL);
    DWORD code = GetLastError();
    free(wide);
    if (file == INVALID_HANDLE_VALUE) {
        if (code == ERROR_FILE_NOT_FOUND || code == ERROR_PATH_NOT_FOUND)
            return CLI_HASH_MISSING;
        pxb_describe_error(code, err, err_len);
        return CLI_HASH_FAILED;
    }
    int rc = digest_file(file, hex, size, err, err_len);
    CloseHandle(file);
    return rc;
}
