/* loop_detect.c: counts the first-stage downloads of each client host and reports loop
 * episodes (see loop_detect.h). Clients live in a fixed array, found through a hash table
 * of index chains and kept on a list from most to least recently seen, whose tail is
 * evicted when a new client needs room. */
#include "loop_detect.h"

#include <stdlib.h>
#include <string.h>

#include "file_name.h"

#define NONE (-1)

/* One client host and its current episode. */
typedef struct client {
    pxb_addr host;
    int32_t next_in_bucket;
    int32_t newer, older;               /* neighbours on the recency list */
    uint64_t times[LOOP_THRESHOLD_MAX]; /* the latest downloads, a ring */
    uint32_t ring_next;                 /* where the next time goes: the oldest when full */
    uint32_t ring_used;
    int looping;                        /* the episode was reported */
    loop_info info;
} client;

struct loop_detect {
    client *clients;
    size_t capacity, used;
    int32_t *buckets;
    size_t bucket_mask;
    int32_t newest, oldest;
    uint32_t threshold;
    uint64_t window_ms;
    char files[LOOP_FILES_MAX][LOOP_FILE_MAX];
    size_t file_count;
};

/* FNV-1a over the address bytes that tell hosts apart. */
static size_t hash_host(const pxb_addr *host)
{
    uint32_t h = 2166136261u;
    h = (h ^ host->family) * 16777619u;
    for (size_t i = 0; i < sizeof host->ip; i++)
        h = (h ^ host->ip[i]) * 16777619u;
    h = (h ^ host->scope_id) * 16777619u;
    return h;
}

static void forget_all(loop_detect *ld)
{
    for (size_t i = 0; i <= ld->bucket_mask; i++)
        ld->buckets[i] = NONE;
    ld->used = 0;
    ld->newest = NONE;
    ld->oldest = NONE;
}

loop_detect *loop_detect_create(size_t capacity)
{
    if (capacity == 0 || capacity > INT32_MAX / 2)
        return NULL;
    loop_detect *ld = calloc(1, sizeof *ld);
    if (ld == NULL)
        return NULL;
    size_t buckets = 1;
    while (buckets < capacity * 2)
        buckets *= 2;
    ld->capacity = capacity;
    ld->bucket_mask = buckets - 1;
    ld->clients = calloc(capacity, sizeof *ld->clients);
    ld->buckets = malloc(buckets * sizeof *ld->buckets);
    if (ld->clients == NULL || ld->buckets == NULL) {
        loop_detect_destroy(ld);
        return NULL;
    }
    forget_all(ld);
    return ld;
}

void loop_detect_destroy(loop_detect *ld)
{
    if (ld == NULL)
        return;
    free(ld->clients);
    free(ld->buckets);
    free(ld);
}

void loop_detect_set_limits(loop_detect *ld, uint32_t threshold, uint32_t window_s)
{
    if (threshold > LOOP_THRESHOLD_MAX)
        threshold = LOOP_THRESHOLD_MAX;
    uint64_t window_ms = (uint64_t)window_s * 1000;
    if (threshold == ld->threshold && window_ms == ld->window_ms)
        return;
    ld->threshold = threshold;
    ld->window_ms = window_ms;
    forget_all(ld);
}

int loop_detect_set_files(loop_detect *ld, const char *const *names, size_t count)
{
    if (count > LOOP_FILES_MAX)
        return -1;
    for (size_t i = 0; i < count; i++) {
        if (strlen(names[i]) >= LOOP_FILE_MAX)
            return -1;
    }
    for (size_t i = 0; i < count; i++)
        strcpy(ld->files[i], names[i]);
    ld->file_count = count;
    return 0;
}

static int is_first_stage(const loop_detect *ld, const char *path)
{
    for (size_t i = 0; i < ld->file_count; i++) {
        if (pxb_same_file_name(path, ld->files[i]))
            return 1;
    }
    return 0;
}

/* --- the recency list ---------------------------------------------------------------------- */

static void unlink_recent(loop_detect *ld, int32_t i)
{
    client *c = &ld->clients[i];
    if (c->newer != NONE)
        ld->clients[c->newer].older = c->older;
    else
        ld->newest = c->older;
    if (c->older != NONE)
        ld->clients[c->older].newer = c->newer;
    else
        ld->oldest = c->newer;
}

static void push_newest(loop_detect *ld, int32_t i)
{
    client *c = &ld->clients[i];
    c->newer = NONE;
    c->older = ld->newest;
    if (ld->newest != NONE)
        ld->clients[ld->newest].newer = i;
    ld->newest = i;
    if (ld->oldest == NONE)
        ld->oldest = i;
}

/* --- the hash table ------------------------------------------------------------------------ */

static int32_t *bucket_of(loop_detect *ld, const pxb_addr *host)
{
    return &ld->buckets[hash_host(host) & ld->bucket_mask];
}

static int32_t find_client(loop_detect *ld, const pxb_addr *host)
{
    for (int32_t i = *bucket_of(ld, host); i != NONE; i = ld->clients[i].next_in_bucket) {
        if (pxb_addr_equal(&ld->clients[i].host, host))
            return i;
    }
    return NONE;
}

static void unlink_bucket(loop_detect *ld, int32_t i)
{
    int32_t *link = bucket_of(ld, &ld->clients[i].host);
    while (*link != i)
        link = &ld->clients[*link].next_in_bucket;
    *link = ld->clients[i].next_in_bucket;
}

/* A fresh entry for host: a free slot, or the least recently seen client's. */
static int32_t add_client(loop_detect *ld, const pxb_addr *host)
{
    int32_t i;
    if (ld->used < ld->capacity) {
        i = (int32_t)ld->used++;
    } else {
        i = ld->oldest;
        unlink_recent(ld, i);
        unlink_bucket(ld, i);
    }
    client *c = &ld->clients[i];
    memset(c, 0, sizeof *c);
    c->host = *host;
    c->info.client = *host;
    int32_t *bucket = bucket_of(ld, host);
    c->next_in_bucket = *bucket;
    *bucket = i;
    push_newest(ld, i);
    return i;
}

/* --- counting ------------------------------------------------------------------------------ */

/* Records a download at now_ms; returns 1 if it makes the episode a loop. */
static int count_download(loop_detect *ld, client *c, const char *path, uint64_t now_ms)
{
    /* An episode is one image loaded again and again: it is over after a whole quiet
     * window, or when the host loads another first-stage image (a machine booted in the
     * other firmware mode, or another machine given the same address). */
    if (c->info.count > 0 && (now_ms - c->info.last_ms > ld->window_ms ||
                              !pxb_same_file_name(path, c->info.file))) {
        c->ring_used = 0;
        c->ring_next = 0;
        c->looping = 0;
        c->info.count = 0;
    }
    if (c->info.count == 0)
        c->info.first_ms = now_ms;
    c->info.count++;
    c->info.last_ms = now_ms;
    size_t len = strlen(path);
    len = len < LOOP_FILE_MAX ? len : LOOP_FILE_MAX - 1;
    memcpy(c->info.file, path, len);
    c->info.file[len] = '\0';
    c->times[c->ring_next] = now_ms;
    c->ring_next = (c->ring_next + 1) % ld->threshold;
    if (c->ring_used < ld->threshold)
        c->ring_used++;
    /* When the ring is full, ring_next holds the oldest of the last threshold downloads. */
    if (c->looping || c->ring_used < ld->threshold ||
        now_ms - c->times[c->ring_next] > ld->window_ms)
        return 0;
    c->looping = 1;
    return 1;
}

int loop_detect_feed(loop_detect *ld, const tftp_event *ev, uint64_t now_ms, loop_info *out)
{
    if (ld->threshold == 0 || ev->kind != TFTP_EVENT_COMPLETED ||
        !is_first_stage(ld, ev->path))
        return 0;
    pxb_addr host = *ev->client;
    host.port = 0;
    int32_t i = find_client(ld, &host);
    if (i == NONE) {
        i = add_client(ld, &host);
    } else {
        unlink_recent(ld, i);
        push_newest(ld, i);
    }
    client *c = &ld->clients[i];
    if (!count_download(ld, c, ev->path, now_ms))
        return 0;
    *out = c->info;
    return 1;
}

size_t loop_detect_list(const loop_detect *ld, uint64_t now_ms, loop_info *out, size_t max)
{
    size_t n = 0;
    for (int32_t i = ld->newest; i != NONE; i = ld->clients[i].older) {
        const client *c = &ld->clients[i];
        if (now_ms - c->info.last_ms > ld->window_ms)
            break; /* this one and every older one have been quiet for a window */
        if (!c->looping)
            continue;
        if (n < max)
            out[n] = c->info;
        n++;
    }
    return n;
}
