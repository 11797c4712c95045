/* proxy_guard.c: the flood guard (see proxy_guard.h). Clients live in a fixed table of
 * GUARD_SETS sets of GUARD_WAYS entries: a key's hash picks its set, and a new key takes
 * the set's free or least recently seen entry. So a lookup costs at most GUARD_WAYS
 * compares and the table never grows, whatever the number of senders. */
#include "proxy_guard.h"

#include <stdlib.h>
#include <string.h>

/* 512 x 8 = 4096 clients remembered. */
#define GUARD_SETS 512u
#define GUARD_WAYS 8u
/* Longer keys are told apart by their first bytes (a MAC is 6, an IPv6 address 16). */
#define GUARD_KEY_MAX 16u
/* Per client: PXE clients send a DHCPDISCOVER at 4, 8, 16 and 32 s, so 4 in 2 s never
 * turns a real one away. */
#define CLIENT_WINDOW_MS 2000u
#define CLIENT_ANSWERS 4u
/* In all: answers per second. */
#define TOTAL_WINDOW_MS 1000u
#define TOTAL_ANSWERS 2000u
#define REPORT_INTERVAL_MS 60000u

typedef struct guard_entry {
    uint8_t key[GUARD_KEY_MAX];
    uint8_t key_len;
    int used;
    uint64_t last_seen;
    uint64_t window_start;
    uint32_t count;            /* admitted in the window */
    uint64_t refused_interval; /* the report interval it was last counted in, plus one */
} guard_entry;

struct pxb_proxy_guard {
    guard_entry entries[GUARD_SETS][GUARD_WAYS];
    uint64_t total_window_start;
    uint32_t total_count;
    int started;
    uint64_t interval_start;
    uint64_t interval;          /* number of the current report interval */
    uint64_t refused;           /* turned away in the interval */
    size_t refused_clients;     /* of them, distinct clients */
};

pxb_proxy_guard *pxb_proxy_guard_create(void)
{
    return calloc(1, sizeof(pxb_proxy_guard));
}

void pxb_proxy_guard_destroy(pxb_proxy_guard *g)
{
    free(g);
}

/* FNV-1a over the key. */
static uint32_t hash_key(const uint8_t *key, size_t len)
{
    uint32_t h = 2166136261u;

    for (size_t i = 0; i < len; i++)
        h = (h ^ key[i]) * 16777619u;
    return h;
}

/* The key's entry: found in its set, or the set's free or least recently seen one, made
 * over to this key. */
static guard_entry *find_entry(pxb_proxy_guard *g, const uint8_t *key, size_t len,
                               uint64_t now_ms)
{
    guard_entry *set = g->entries[hash_key(key, len) % GUARD_SETS];
    guard_entry *victim = &set[0];

    for (size_t i = 0; i < GUARD_WAYS; i++) {
        guard_entry *e = &set[i];

        if (e->used && e->key_len == len && (len == 0 || memcmp(e->key, key, len) == 0))
            return e;
        if (!e->used || (victim->used && e->last_seen < victim->last_seen))
            victim = e;
    }
    memset(victim, 0, sizeof *victim);
    victim->used = 1;
    victim->key_len = (uint8_t)len;
    if (len > 0)
        memcpy(victim->key, key, len);
    victim->window_start = now_ms;
    return victim;
}

/* Starts the report intervals at the first time seen. */
static void start(pxb_proxy_guard *g, uint64_t now_ms)
{
    if (g->started)
        return;
    g->started = 1;
    g->interval_start = now_ms;
    g->total_window_start = now_ms;
}

static int refuse(pxb_proxy_guard *g, guard_entry *e)
{
    g->refused++;
    if (e->refused_interval != g->interval + 1) {
        e->refused_interval = g->interval + 1;
        g->refused_clients++;
    }
    return 0;
}

int pxb_proxy_guard_admit(pxb_proxy_guard *g, const uint8_t *key, size_t key_len,
                          uint64_t now_ms)
{
    size_t len = key_len < GUARD_KEY_MAX ? key_len : GUARD_KEY_MAX;
    guard_entry *e;

    start(g, now_ms);
    e = find_entry(g, key, len, now_ms);
    e->last_seen = now_ms;
    if (now_ms - e->window_start >= CLIENT_WINDOW_MS) {
        e->window_start = now_ms;
        e->count = 0;
    }
    if (now_ms - g->total_window_start >= TOTAL_WINDOW_MS) {
        g->total_window_start = now_ms;
        g->total_count = 0;
    }
    if (e->count >= CLIENT_ANSWERS || g->total_count >= TOTAL_ANSWERS)
        return refuse(g, e);
    e->count++;
    g->total_count++;
    return 1;
}

uint64_t pxb_proxy_guard_report(pxb_proxy_guard *g, uint64_t now_ms, size_t *clients)
{
    uint64_t refused = g->refused;

    start(g, now_ms);
    *clients = 0;
    if (now_ms - g->interval_start < REPORT_INTERVAL_MS || refused == 0)
        return 0;
    *clients = g->refused_clients;
    g->refused = 0;
    g->refused_clients = 0;
    g->interval++;
    g->interval_start = now_ms;
    return refused;
}
