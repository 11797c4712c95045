/* file_cache.c: the shared file cache (file_cache.h) and the tftp_files provider over it.
 *
 * An entry holds one version (fs stamp) of one file in one transfer form (octet or
 * netascii) and counts the transfers using it. Current entries are indexed by canonical
 * path and form in a chained hash table; a lookup that finds a different stamp retires the
 * old entry, which is freed at once if unused or else at its last release. Unused current
 * entries sit on a least-recently-used list and are dropped oldest first while their bytes
 * exceed the idle budget. bytes_loaded counts bytes read from files; a netascii form made
 * from a cached octet copy of the same version reads nothing. Single-threaded. */
#include "file_cache.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fs.h"
#include "netascii.h"

#define INITIAL_BUCKETS 64

typedef struct entry {
    tftp_blob blob; /* first member: a released blob pointer is its entry */
    uint8_t *bytes; /* what blob.data points at, owned */
    pxb_fs_stamp stamp;
    uint64_t hash;
    uint32_t refs;
    int netascii;
    int stale;                   /* out of the index, freed at its last release */
    struct entry *chain;         /* next entry in the same bucket */
    struct entry *older, *newer; /* neighbours on the idle list while refs == 0 */
    char key[];                  /* canonical path */
} entry;

struct file_cache {
    char root[PXB_FS_PATH_MAX];
    uint64_t idle_budget;
    uint64_t idle_bytes;
    entry **buckets;
    size_t bucket_count; /* a power of two */
    size_t indexed;
    entry *oldest, *newest; /* the idle list */
    file_cache_stats stats;
};

/* FNV-1a over the key, with the form folded in. */
static uint64_t hash_key(const char *key, int netascii)
{
    uint64_t h = 14695981039346656037ULL;

    for (const unsigned char *p = (const unsigned char *)key; *p != '\0'; p++) {
        h ^= *p;
        h *= 1099511628211ULL;
    }
    h ^= (uint64_t)(netascii != 0);
    h *= 1099511628211ULL;
    return h;
}

static entry **find_slot(file_cache *fc, const entry *e)
{
    entry **slot = &fc->buckets[e->hash & (fc->bucket_count - 1)];

    while (*slot != e)
        slot = &(*slot)->chain;
    return slot;
}

static entry *find_entry(const file_cache *fc, const char *key, int netascii, uint64_t hash)
{
    entry *e = fc->buckets[hash & (fc->bucket_count - 1)];

    while (e != NULL && (e->hash != hash || e->netascii != netascii || strcmp(e->key, key) != 0))
        e = e->chain;
    return e;
}

/* Doubles the bucket array; on allocation failure the table just stays denser. */
static void grow_index(file_cache *fc)
{
    size_t count = fc->bucket_count * 2;
    entry **buckets = calloc(count, sizeof *buckets);

    if (buckets == NULL)
        return;
    for (size_t i = 0; i < fc->bucket_count; i++) {
        entry *e = fc->buckets[i];
        while (e != NULL) {
            entry *next = e->chain;
            e->chain = buckets[e->hash & (count - 1)];
            buckets[e->hash & (count - 1)] = e;
            e = next;
        }
    }
    free(fc->buckets);
    fc->buckets = buckets;
    fc->bucket_count = count;
}

static void index_entry(file_cache *fc, entry *e)
{
    entry **head;

    if (fc->indexed >= fc->bucket_count)
        grow_index(fc);
    head = &fc->buckets[e->hash & (fc->bucket_count - 1)];
    e->chain = *head;
    *head = e;
    fc->indexed++;
}

static void unindex_entry(file_cache *fc, entry *e)
{
    entry **slot = find_slot(fc, e);

    *slot = e->chain;
    e->chain = NULL;
    fc->indexed--;
}

static void push_idle(file_cache *fc, entry *e)
{
    e->older = fc->newest;
    e->newer = NULL;
    if (fc->newest != NULL)
        fc->newest->newer = e;
    else
        fc->oldest = e;
    fc->newest = e;
    fc->idle_bytes += e->blob.size;
}

static void unlink_idle(file_cache *fc, entry *e)
{
    if (e->older != NULL)
        e->older->newer = e->newer;
    else
        fc->oldest = e->newer;
    if (e->newer != NULL)
        e->newer->older = e->older;
    else
        fc->newest = e->older;
    e->older = e->newer = NULL;
    fc->idle_bytes -= e->blob.size;
}

static void free_entry(file_cache *fc, entry *e)
{
    fc->stats.bytes_held -= e->blob.size;
    fc->stats.entries--;
    free(e->bytes);
    free(e);
}

/* Drops an indexed entry whose file has changed. */
static void retire_entry(file_cache *fc, entry *e)
{
    unindex_entry(fc, e);
    if (e->refs > 0) {
        e->stale = 1;
        return;
    }
    unlink_idle(fc, e);
    free_entry(fc, e);
}

/* Evicts idle entries, least recently used first, until they fit the budget. */
static void trim_idle(file_cache *fc)
{
    while (fc->idle_bytes > fc->idle_budget) {
        entry *e = fc->oldest;
        unlink_idle(fc, e);
        unindex_entry(fc, e);
        free_entry(fc, e);
    }
}

/* Makes the netascii form of raw[0..size) in a new buffer. */
static int convert_netascii(const uint8_t *raw, uint64_t size, uint8_t **out, uint64_t *out_size,
                            pxb_error *msg)
{
    uint64_t n = netascii_measure(raw, size);
    uint8_t *buf;

    if (n >= SIZE_MAX) {
        pxb_error_set(msg, "file too large");
        return TFTP_OPEN_FAILED;
    }
    buf = malloc(n > 0 ? (size_t)n : 1);
    if (buf == NULL) {
        pxb_error_set(msg, "out of memory");
        return TFTP_OPEN_FAILED;
    }
    netascii_convert(raw, size, buf);
    *out = buf;
    *out_size = n;
    return TFTP_OPEN_OK;
}

/* Reads the file's octet form from disk. */
static int read_file(file_cache *fc, const char *key, const pxb_fs_stamp *stamp, uint8_t **out,
                     uint64_t *out_size, pxb_error *msg)
{
    int rc = pxb_fs_read_all(key, stamp, out, out_size, msg);

    if (rc == TFTP_OPEN_OK)
        fc->stats.bytes_loaded += *out_size;
    return rc;
}

/* Produces the netascii form, from a cached octet copy of this version if there is one. */
static int load_netascii(file_cache *fc, const char *key, const pxb_fs_stamp *stamp,
                         uint8_t **out, uint64_t *out_size, pxb_error *msg)
{
    const entry *octet = find_entry(fc, key, 0, hash_key(key, 0));
    uint8_t *raw;
    uint64_t raw_size;
    int rc;

    if (octet != NULL && pxb_fs_stamp_equal(&octet->stamp, stamp))
        return convert_netascii(octet->bytes, octet->blob.size, out, out_size, msg);
    rc = read_file(fc, key, stamp, &raw, &raw_size, msg);
    if (rc != TFTP_OPEN_OK)
        return rc;
    rc = convert_netascii(raw, raw_size, out, out_size, msg);
    free(raw);
    return rc;
}

/* Loads a version of a file into a new, indexed entry holding one reference. */
static int load_entry(file_cache *fc, const char *key, const pxb_fs_stamp *stamp, int netascii,
                      uint64_t hash, entry **out, pxb_error *msg)
{
    size_t key_len = strlen(key) + 1;
    entry *e = calloc(1, sizeof *e + key_len);
    uint64_t size;
    int rc;

    if (e == NULL) {
        pxb_error_set(msg, "out of memory");
        return TFTP_OPEN_FAILED;
    }
    if (netascii)
        rc = load_netascii(fc, key, stamp, &e->bytes, &size, msg);
    else
        rc = read_file(fc, key, stamp, &e->bytes, &size, msg);
    if (rc != TFTP_OPEN_OK) {
        free(e);
        return rc;
    }
    memcpy(e->key, key, key_len);
    e->blob.data = e->bytes;
    e->blob.size = size;
    e->stamp = *stamp;
    e->hash = hash;
    e->netascii = netascii;
    e->refs = 1;
    index_entry(fc, e);
    fc->stats.entries++;
    fc->stats.bytes_held += size;
    *out = e;
    return TFTP_OPEN_OK;
}

/* Takes a reference to a cached entry. */
static void hold_entry(file_cache *fc, entry *e)
{
    if (e->refs == 0)
        unlink_idle(fc, e);
    e->refs++;
}

static int open_file(file_cache *fc, const char *relpath, int netascii, const tftp_blob **blob,
                     pxb_error *msg)
{
    char key[PXB_FS_PATH_MAX];
    pxb_fs_stamp stamp;
    uint64_t hash;
    entry *e;
    int rc = pxb_fs_resolve(fc->root, relpath, key, sizeof key, &stamp, msg);

    if (rc != TFTP_OPEN_OK)
        return rc;
    hash = hash_key(key, netascii);
    e = find_entry(fc, key, netascii, hash);
    if (e != NULL && pxb_fs_stamp_equal(&e->stamp, &stamp)) {
        hold_entry(fc, e);
        fc->stats.hits++;
        *blob = &e->blob;
        return TFTP_OPEN_OK;
    }
    if (e != NULL)
        retire_entry(fc, e);
    rc = load_entry(fc, key, &stamp, netascii, hash, &e, msg);
    if (rc != TFTP_OPEN_OK)
        return rc;
    fc->stats.misses++;
    *blob = &e->blob;
    return TFTP_OPEN_OK;
}

/* tftp_files.open: message may be NULL. */
static int provider_open(void *ctx, const char *relpath, int netascii, const tftp_blob **blob,
                         pxb_error *message)
{
    return open_file(ctx, relpath, netascii != 0, blob, message);
}

static void provider_release(void *ctx, const tftp_blob *blob)
{
    file_cache *fc = ctx;
    entry *e = (entry *)blob;

    e->refs--;
    if (e->refs > 0)
        return;
    if (e->stale) {
        free_entry(fc, e);
        return;
    }
    push_idle(fc, e);
    trim_idle(fc);
}

/* Copies root; an over-long root is stored empty, so opens fail as "not accessible". */
static void store_root(file_cache *fc, const char *root)
{
    size_t len = strlen(root);

    if (len >= sizeof fc->root)
        len = 0;
    memcpy(fc->root, root, len);
    fc->root[len] = '\0';
}

file_cache *file_cache_create(const char *root, uint64_t idle_budget_bytes)
{
    file_cache *fc = calloc(1, sizeof *fc);

    if (fc == NULL)
        return NULL;
    fc->buckets = calloc(INITIAL_BUCKETS, sizeof *fc->buckets);
    if (fc->buckets == NULL) {
        free(fc);
        return NULL;
    }
    fc->bucket_count = INITIAL_BUCKETS;
    fc->idle_budget = idle_budget_bytes;
    store_root(fc, root);
    return fc;
}

void file_cache_set_root(file_cache *fc, const char *root)
{
    store_root(fc, root);
}

void file_cache_destroy(file_cache *fc)
{
    for (size_t i = 0; i < fc->bucket_count; i++) {
        entry *e = fc->buckets[i];
        while (e != NULL) {
            entry *next = e->chain;
            free_entry(fc, e);
            e = next;
        }
    }
    free(fc->buckets);
    free(fc);
}

tftp_files file_cache_provider(file_cache *fc)
{
    tftp_files files = {fc, provider_open, provider_release};

    return files;
}

void file_cache_get_stats(const file_cache *fc, file_cache_stats *out)
{
    *out = fc->stats;
}
