/* loop_detect.c: counts the first-stage downloads of each client host and reports loop
 * episodes (see loop_detect.h). Clients live in a fixed array indexed by their host_lru slot
 * (host_lru.h: the least recently seen is evicted when a new client needs room). */
#include "loop_detect.h"

#include <stdlib.h>
#include <string.h>

#include "file_name.h"
#include "host_lru.h"

/* One client host's current episode. */
typedef struct client {
    uint64_t times[LOOP_THRESHOLD_MAX]; /* the latest downloads, a ring */
    uint32_t ring_next;                 /* where the next time goes: the oldest when full */
    uint32_t ring_used;
    int looping;                        /* the episode was reported */
    loop_info info;
} client;

struct loop_detect {
    client *clients;
    host_lru *hosts;
    uint32_t threshold;
    uint64_t window_ms;
    char files[LOOP_FILES_MAX][LOOP_FILE_MAX];
    size_t file_count;
};

loop_detect *loop_detect_create(size_t capacity)
{
    if (capacity == 0 || capacity > INT32_MAX / 2)
        return NULL;
    loop_detect *ld = calloc(1, sizeof *ld);
    if (ld == NULL)
        return NULL;
    ld->clients = calloc(capacity, sizeof *ld->clients);
    ld->hosts = host_lru_create(capacity);
    if (ld->clients == NULL || ld->hosts == NULL) {
        loop_detect_destroy(ld);
        return NULL;
    }
    return ld;
}

void loop_detect_destroy(loop_detect *ld)
{
    if (ld == NULL)
        return;
    free(ld->clients);
    host_lru_destroy(ld->hosts);
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
    host_lru_clear(ld->hosts);
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
    int fresh;
    int32_t i = host_lru_touch(ld->hosts, ev->client, &fresh);
    client *c = &ld->clients[i];
    if (fresh) {
        memset(c, 0, sizeof *c);
        c->info.client = *host_lru_host(ld->hosts, i);
    }
    if (!count_download(ld, c, ev->path, now_ms))
        return 0;
    *out = c->info;
    return 1;
}

size_t loop_detect_list(const loop_detect *ld, uint64_t now_ms, loop_info *out, size_t max)
{
    size_t n = 0;
    for (int32_t i = host_lru_newest(ld->hosts); i != HOST_LRU_NONE;
         i = host_lru_older(ld->hosts, i)) {
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
