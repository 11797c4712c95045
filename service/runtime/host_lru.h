/* host_lru.h: a fixed table of client hosts (an address without its port) mapped to slot
 * numbers 0..capacity-1, most recently seen first; when it is full, a new host takes the
 * slot of the least recently seen one. The caller keeps its per-host data in an array of
 * the same capacity, indexed by slot. O(1) on average per lookup. Portable. One thread. */
#ifndef PXB_HOST_LRU_H
#define PXB_HOST_LRU_H

#include <stddef.h>
#include <stdint.h>

#include "pxb_addr.h"

#define HOST_LRU_NONE (-1)

typedef struct host_lru host_lru;

/* A table of capacity hosts (> 0); NULL when memory runs out. */
host_lru *host_lru_create(size_t capacity);
void host_lru_destroy(host_lru *t);
/* Forgets every host. */
void host_lru_clear(host_lru *t);

/* host's slot (its port ignored), or HOST_LRU_NONE. Does not change the order. */
int32_t host_lru_find(const host_lru *t, const pxb_addr *host);
/* host's slot, made the most recent; a new host takes a free slot or the least recently
 * seen host's (*fresh = 1: the caller resets its data). */
int32_t host_lru_touch(host_lru *t, const pxb_addr *host, int *fresh);

/* Slots in use, and walking them from most to least recent: the first slot, the next
 * after slot (HOST_LRU_NONE at the end). */
size_t host_lru_used(const host_lru *t);
int32_t host_lru_newest(const host_lru *t);
int32_t host_lru_older(const host_lru *t, int32_t slot);
/* The host in slot (port 0). */
const pxb_addr *host_lru_host(const host_lru *t, int32_t slot);

#endif
