/* generated_files.c: the generated-files layer (generated_files.h). Each version of a
 * generated file is kept twice, as its octet and its netascii transfer form, each a blob
 * on one short list with a count of the transfers using it. Setting a file retires the
 * blobs of its old version: freed at once if unused, else at their last release. A
 * released blob that is not on the list came from the inner provider and goes back to it. */
#include "generated_files.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ascii_case.h"
#include "netascii.h"

typedef struct gen_blob {
    tftp_blob blob; /* first member: a released blob pointer is its gen_blob */
    uint8_t *bytes; /* what blob.data points at, owned */
    uint32_t refs;
    int netascii;
    int current;    /* the version served now; else freed at its last release */
    char name[GENERATED_NAME_MAX];
    struct gen_blob *next;
} gen_blob;

struct generated_files {
    tftp_files inner;
    gen_blob *blobs;
};

static void free_blob(gen_blob *b)
{
    free(b->bytes);
    free(b);
}

/* A blob holding name's octet form (netascii 0) or netascii form of data[0..len). */
static gen_blob *make_blob(const char *name, const uint8_t *data, size_t len, int netascii)
{
    uint64_t size = netascii ? netascii_measure(data, len) : len;
    gen_blob *b = calloc(1, sizeof *b);

    if (b == NULL)
        return NULL;
    b->bytes = malloc(size > 0 ? (size_t)size : 1);
    if (b->bytes == NULL) {
        free(b);
        return NULL;
    }
    if (netascii)
        netascii_convert(data, len, b->bytes);
    else
        memcpy(b->bytes, data, len);
    b->blob.data = b->bytes;
    b->blob.size = size;
    b->netascii = netascii;
    b->current = 1;
    snprintf(b->name, sizeof b->name, "%s", name);
    return b;
}

/* Unlinks *link's blob from the list and frees it. */
static void drop_blob(gen_blob **link)
{
    gen_blob *b = *link;

    *link = b->next;
    free_blob(b);
}

/* Marks name's blobs as old: unused ones go now, the others at their last release. */
static void retire(generated_files *gf, const char *name)
{
    gen_blob **link = &gf->blobs;

    while (*link != NULL) {
        gen_blob *b = *link;
        if (b->current && pxb_ascii_same(b->name, name)) {
            b->current = 0;
            if (b->refs == 0) {
                drop_blob(link);
                continue;
            }
        }
        link = &b->next;
    }
}

/* A relative name as the TFTP path rules leave one: '/' between non-empty components, none
 * of them "." or "..", no '\\'. */
static int is_plain_name(const char *name)
{
    size_t len = strlen(name);

    if (len == 0 || len >= GENERATED_NAME_MAX || strchr(name, '\\') != NULL)
        return 0;
    for (const char *c = name; *c != '\0';) {
        size_t part = strcspn(c, "/");
        if (part == 0 || (part <= 2 && strncmp(c, "..", part) == 0))
            return 0;
        c += part;
        if (*c == '/' && *++c == '\0')
            return 0;
    }
    return 1;
}

int generated_files_set(generated_files *gf, const char *name, const void *data, size_t len)
{
    gen_blob *octet, *netascii;

    if (!is_plain_name(name))
        return -1;
    octet = make_blob(name, data, len, 0);
    netascii = octet != NULL ? make_blob(name, data, len, 1) : NULL;
    if (netascii == NULL) {
        if (octet != NULL)
            free_blob(octet);
        return -1;
    }
    retire(gf, name);
    netascii->next = gf->blobs;
    octet->next = netascii;
    gf->blobs = octet;
    return 0;
}

static gen_blob *find_current(const generated_files *gf, const char *name, int netascii)
{
    for (gen_blob *b = gf->blobs; b != NULL; b = b->next)
        if (b->current && b->netascii == netascii && pxb_ascii_same(b->name, name))
            return b;
    return NULL;
}

int generated_files_has(const generated_files *gf, const char *name)
{
    for (gen_blob *b = gf->blobs; b != NULL; b = b->next)
        if (b->current && pxb_ascii_same(b->name, name))
            return 1;
    return 0;
}

/* tftp_files.open: the root's file if it has one, else a generated file of that name. */
static int provider_open(void *ctx, const char *relpath, int netascii, const tftp_blob **blob,
                         pxb_error *message)
{
    generated_files *gf = ctx;
    int rc = gf->inner.open(gf->inner.ctx, relpath, netascii, blob, message);
    gen_blob *b;

    if (rc != TFTP_OPEN_NOT_FOUND)
        return rc;
    b = find_current(gf, relpath, netascii != 0);
    if (b == NULL)
        return rc;
    b->refs++;
    *blob = &b->blob;
    return TFTP_OPEN_OK;
}

static void provider_release(void *ctx, const tftp_blob *blob)
{
    generated_files *gf = ctx;

    for (gen_blob **link = &gf->blobs; *link != NULL; link = &(*link)->next) {
        gen_blob *b = *link;
        if (&b->blob != blob)
            continue;
        b->refs--;
        if (b->refs == 0 && !b->current)
            drop_blob(link);
        return;
    }
    gf->inner.release(gf->inner.ctx, blob);
}

generated_files *generated_files_create(tftp_files inner)
{
    generated_files *gf = calloc(1, sizeof *gf);

    if (gf != NULL)
        gf->inner = inner;
    return gf;
}

void generated_files_destroy(generated_files *gf)
{
    if (gf == NULL)
        return;
    while (gf->blobs != NULL)
        drop_blob(&gf->blobs);
    free(gf);
}

tftp_files generated_files_provider(generated_files *gf)
{
    tftp_files files = {gf, provider_open, provider_release};

    return files;
}
