/* proxy_guard.h: keeps a flood of DHCP datagrams from costing more than a bounded share of
 * the service. Per client (the datagram's chaddr, else its sender address) 4 answers in
 * 2 s (PXE clients retry at 4, 8, 16 and 32 s: a real one is never turned away), and 2000
 * answers a second in all; a fixed table of 4096 clients (512 sets of 8, the least recently
 * seen of a set replaced), so memory does not grow with the number of senders and each
 * datagram costs at most 8 compares. A client whose entry was replaced starts afresh: ever
 * new MACs pass the per-client limit but not the ceiling. What it turns away is counted and
 * reported once per 60 s, never per datagram. Time comes in as milliseconds; no clock is
 * read. */
#ifndef PXB_PROXY_GUARD_H
#define PXB_PROXY_GUARD_H

#include <stddef.h>
#include <stdint.h>

typedef struct pxb_proxy_guard pxb_proxy_guard;

/* NULL when out of memory. */
pxb_proxy_guard *pxb_proxy_guard_create(void);
void pxb_proxy_guard_destroy(pxb_proxy_guard *g);

/* 1 if the datagram from the client named by key (key_len bytes: a MAC, or an address)
 * may be decided and answered now, 0 if it is turned away (and counted). */
int pxb_proxy_guard_admit(pxb_proxy_guard *g, const uint8_t *key, size_t key_len,
                          uint64_t now_ms);

/* Once per reporting interval: how many datagrams were turned away since the last report
 * (and from how many clients), then starts counting anew. Returns 0 (and reports nothing)
 * when nothing was turned away or the interval has not passed. */
uint64_t pxb_proxy_guard_report(pxb_proxy_guard *g, uint64_t now_ms, size_t *clients);

#endif
