/* host_lru.c: client hosts to slots (see host_lru.h): a hash table of index chains and a
 * doubly linked recency list over the slots; the list's tail is reused when full. */
#include "host_lru.h"

#include <stdlib.h>
#include <string.h>

typedef struct node {
    pxb_addr host;
    int32_t next_in_bucket;
    int32_t newer, older;
} node;

struct host_lru {
    node *nodes;
    size_t capacity, used;
    int32_t *buckets;
    size_t bucket_mask;
    int32_t newest, oldest;
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

void host_lru_clear(host_lru *t)
{
    for (size_t i = 0; i <= t->bucket_mask; i++)
        t->buckets[i] = HOST_LRU_NONE;
    t->used = 0;
    t->newest = HOST_LRU_NONE;
    t->oldest = HOST_LRU_NONE;
}

host_lru *host_lru_create(size_t capacity)
{
    if (capacity == 0 || capacity > INT32_MAX / 2)
        return NULL;
    host_lru *t = calloc(1, sizeof *t);
    if (t == NULL)
        return NULL;
    size_t buckets = 1;
    while (buckets < capacity * 2)
        buckets *= 2;
    t->capacity = capacity;
    t->bucket_mask = buckets - 1;
    t->nodes = calloc(capacity, sizeof *t->nodes);
    t->buckets = malloc(buckets * sizeof *t->buckets);
    if (t->nodes == NULL || t->buckets == NULL) {
        host_lru_destroy(t);
        return NULL;
    }
    host_lru_clear(t);
    return t;
}

void host_lru_destroy(host_lru *t)
{
    if (t == NULL)
        return;
    free(t->nodes);
    free(t->buckets);
    free(t);
}

static void unlink_recent(host_lru *t, int32_t i)
{
    node *n = &t->nodes[i];
    if (n->newer != HOST_LRU_NONE)
        t->nodes[n->newer].older = n->older;
    else
        t->newest = n->older;
    if (n->older != HOST_LRU_NONE)
        t->nodes[n->older].newer = n->newer;
    else
        t->oldest = n->newer;
}

static void push_newest(host_lru *t, int32_t i)
{
    node *n = &t->nodes[i];
    n->newer = HOST_LRU_NONE;
    n->older = t->newest;
    if (t->newest != HOST_LRU_NONE)
        t->nodes[t->newest].newer = i;
    t->newest = i;
    if (t->oldest == HOST_LRU_NONE)
        t->oldest = i;
}

static int32_t *bucket_of(const host_lru *t, const pxb_addr *host)
{
    return &t->buckets[hash_host(host) & t->bucket_mask];
}

static pxb_addr host_only(const pxb_addr *a)
{
    pxb_addr h = *a;
    h.port = 0;
    return h;
}

int32_t host_lru_find(const host_lru *t, const pxb_addr *addr)
{
    pxb_addr host = host_only(addr);
    for (int32_t i = *bucket_of(t, &host); i != HOST_LRU_NONE; i = t->nodes[i].next_in_bucket) {
        if (pxb_addr_equal(&t->nodes[i].host, &host))
            return i;
    }
    return HOST_LRU_NONE;
}

static void unlink_bucket(host_lru *t, int32_t i)
{
    int32_t *link = bucket_of(t, &t->nodes[i].host);
    while (*link != i)
        link = &t->nodes[*link].next_in_bucket;
    *link = t->nodes[i].next_in_bucket;
}

/* A slot for a new host: a free one, or the least recently seen host's. */
static int32_t take_slot(host_lru *t)
{
    if (t->used < t->capacity)
        return (int32_t)t->used++;
    int32_t i = t->oldest;
    unlink_recent(t, i);
    unlink_bucket(t, i);
    return i;
}

int32_t host_lru_touch(host_lru *t, const pxb_addr *addr, int *fresh)
{
    int32_t i = host_lru_find(t, addr);
    *fresh = i == HOST_LRU_NONE;
    if (i != HOST_LRU_NONE) {
        unlink_recent(t, i);
        push_newest(t, i);
        return i;
    }
    i = take_slot(t);
    node *n = &t->nodes[i];
    n->host = host_only(addr);
    int32_t *bucket = bucket_of(t, &n->host);
    n->next_in_bucket = *bucket;
    *bucket = i;
    push_newest(t, i);
    return i;
}

size_t host_lru_used(const host_lru *t)
{
    return t->used;
}

int32_t host_lru_newest(const host_lru *t)
{
    return t->newest;
}

int32_t host_lru_older(const host_lru *t, int32_t slot)
{
    return t->nodes[slot].older;
}

const pxb_addr *host_lru_host(const host_lru *t, int32_t slot)
{
    return &t->nodes[slot].host;
}
