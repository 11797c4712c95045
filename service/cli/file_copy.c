/* file_copy.c: copies into place with the SHA-256 taken on the way (see file_copy.h). */
#include "file_copy.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "osfile.h"
#include "sha256.h"

#define CHUNK ((size_t)1 << 20)
#define TEMP_SUFFIX ".pxb-tmp"

/* Streams in to out, hashing; *size the bytes copied. 0, or -1 with err. */
static int stream(FILE *in, FILE *out, const char *from, const char *temp, pxb_hash *h,
                  unsigned long long *size, pxb_error *err)
{
    char *buf = malloc(CHUNK);
    if (buf == NULL)
        return pxb_error_set(err, "cannot copy '%s': out of memory", from);
    size_t n;
    int rc = 0;
    *size = 0;
    while (rc == 0 && (n = fread(buf, 1, CHUNK, in)) > 0) {
        pxb_hash_feed(h, buf, n);
        *size += n;
        if (fwrite(buf, 1, n, out) != n)
            rc = pxb_error_set_code(err, (unsigned long)errno, "cannot write '%s': %s", temp,
                                    strerror(errno));
    }
    if (rc == 0 && ferror(in))
        rc = pxb_error_set(err, "cannot read '%s'", from);
    free(buf);
    return rc;
}

static void hex_of(const unsigned char *digest, char sha256[CLI_SHA256_HEX])
{
    for (size_t i = 0; i < PXB_SHA256_LEN; i++)
        snprintf(sha256 + 2 * i, 3, "%02x", digest[i]);
}

/* Copies from into the temporary file temp. 0, or -1 with err. */
static int copy_to_temp(const char *from, const char *temp, char sha256[CLI_SHA256_HEX],
                        unsigned long long *size, pxb_error *err)
{
    FILE *in = pxb_osfile_open(from, "rb");
    if (in == NULL)
        return pxb_error_set_code(err, (unsigned long)errno, "cannot open '%s': %s", from,
                                  strerror(errno));
    FILE *out = pxb_osfile_open(temp, "wb");
    if (out == NULL) {
        fclose(in);
        return pxb_error_set_code(err, (unsigned long)errno, "cannot create '%s': %s", temp,
                                  strerror(errno));
    }
    pxb_hash h;
    unsigned char digest[PXB_DIGEST_MAX];
    pxb_hash_init(&h, PXB_HASH_SHA256);
    int rc = stream(in, out, from, temp, &h, size, err);
    fclose(in);
    if (fclose(out) != 0 && rc == 0)
        rc = pxb_error_set_code(err, (unsigned long)errno, "cannot write '%s': %s", temp,
                                strerror(errno));
    pxb_hash_finish(&h, digest);
    hex_of(digest, sha256);
    return rc;
}

int cli_copy_atomic(const char *from, const char *to, char sha256[CLI_SHA256_HEX],
                    unsigned long long *size, pxb_error *err)
{
    size_t to_len = strlen(to);
    char *temp = malloc(to_len + sizeof TEMP_SUFFIX);
    if (temp == NULL)
        return pxb_error_set(err, "cannot write '%s': out of memory", to);
    memcpy(temp, to, to_len);
    memcpy(temp + to_len, TEMP_SUFFIX, sizeof TEMP_SUFFIX);
    char *slash = strrchr(temp, '\\');
    int rc = 0;
    if (slash != NULL) {
        *slash = '\0';
        rc = pxb_osfile_make_dirs(temp, err);
        *slash = '\\';
    }
    if (rc == 0)
        rc = copy_to_temp(from, temp, sha256, size, err);
    if (rc == 0 && pxb_osfile_replace(temp, to) != 0)
        rc = pxb_error_set(err, "cannot replace '%s' with the new file", to);
    if (rc != 0)
        pxb_osfile_remove(temp);
    free(temp);
    return rc;
}
