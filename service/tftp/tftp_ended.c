/* tftp_ended.c: the recently ended transfers (see tftp_ended.h): a ring of entries, the
 * oldest overwritten first, each also chained in a bucket by its client's address hash so
 * that a lookup walks only the entries of a few clients. A new entry goes to the front of
 * its chain: the first match is the latest end, and the entry a full ring overwrites (the
 * oldest of all) is the last of its chain. */
#include "tftp_ended.h"

#include <stdlib.h>

#define BUCKETS 1024u /* power of two */
#define NONE (-1)

typedef struct ended_entry {
    pxb_addr client;
    int sock;
    uint64_t until_ms;
    long next;   /* the next entry of the bucket, or NONE */
    int in_use;
} ended_entry;

struct tftp_ended {
    size_t capacity, oldest; /* oldest: the entry the next add overwrites */
    long buckets[BUCKETS];
    ended_entry entries[];
};

static size_t bucket_of(const pxb_addr *client)
{
    uint32_t h = 2166136261u ^ client->family ^ ((uint32_t)client->port << 8);
    for (size_t i = 0; i < sizeof client->ip; i++)
        h = (h ^ client->ip[i]) * 16777619u;
    return h & (BUCKETS - 1);
}

tftp_ended *tftp_ended_create(size_t capacity)
{
    if (capacity == 0)
        capacity = 1;
    tftp_ended *e = calloc(1, sizeof *e + capacity * sizeof e->entries[0]);
    if (e == NULL)
        return NULL;
    e->capacity = capacity;
    for (size_t i = 0; i < BUCKETS; i++)
        e->buckets[i] = NONE;
    return e;
}

void tftp_ended_destroy(tftp_ended *e)
{
    free(e);
}

/* Takes entry i out of its bucket's chain, where it is the last. */
static void unlink_last(tftp_ended *e, long i)
{
    long *link = &e->buckets[bucket_of(&e->entries[i].client)];
    while (*link != i)
        link = &e->entries[*link].next;
    *link = NONE;
}

void tftp_ended_add(tftp_ended *e, const pxb_addr *client, int sock, uint64_t until_ms)
{
    long i = (long)e->oldest;
    ended_entry *entry = &e->entries[i];
    if (entry->in_use)
        unlink_last(e, i);
    long *head = &e->buckets[bucket_of(client)];
    *entry = (ended_entry){*client, sock, until_ms, *head, 1};
    *head = i;
    e->oldest = (e->oldest + 1) % e->capacity;
}

/* The latest entry of client (on sock, or on any socket when sock is -1), or NULL. */
static const ended_entry *latest_of(const tftp_ended *e, const pxb_addr *client, int sock)
{
    for (long i = e->buckets[bucket_of(client)]; i != NONE; i = e->entries[i].next) {
        const ended_entry *entry = &e->entries[i];
        if ((sock == -1 || entry->sock == sock) && pxb_addr_equal(&entry->client, client))
            return entry;
    }
    return NULL;
}

int tftp_ended_socket(const tftp_ended *e, const pxb_addr *client, uint64_t now_ms)
{
    const ended_entry *entry = latest_of(e, client, -1);
    return entry != NULL && entry->until_ms > now_ms ? entry->sock : -1;
}

int tftp_ended_here(const tftp_ended *e, const pxb_addr *client, int sock, uint64_t now_ms)
{
    const ended_entry *entry = latest_of(e, client, sock);
    return entry != NULL && entry->until_ms > now_ms;
}
