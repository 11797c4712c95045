/* journey.h: what happened to each recent network-boot client, step by step: the proxyDHCP
 * answers it got (the rule or boot file given) and the files it asked for over TFTP, each
 * with its time, bytes, duration and how it ended. Keyed by the client's address (without
 * its port), with the MAC and architecture where the service learns them (proxyDHCP).
 *
 * Memory is bounded and fixed at creation: JOURNEY_CLIENTS clients at most, the least
 * recently seen dropped first (host_lru.h), and JOURNEY_STEPS steps per client, the oldest
 * dropped and counted. Nothing is allocated per event; each costs O(1) on average. Portable,
 * no clock of its own: callers pass the time (pxb_clock milliseconds). One thread. */
#ifndef PXB_JOURNEY_H
#define PXB_JOURNEY_H

#include <stddef.h>
#include <stdint.h>

#include "pxb_addr.h"
#include "tftp_server.h"

/* Clients remembered at once, steps per client, and the longest name kept, NUL included
 * (longer ones are cut). */
#define JOURNEY_CLIENTS 256
#define JOURNEY_STEPS 32
#define JOURNEY_NAME_MAX 128
/* Longest architecture text, NUL included. */
#define JOURNEY_ARCH_MAX 32

/* What a step was. */
typedef enum journey_kind {
    JOURNEY_PROXY_OFFER, /* a proxyDHCP offer (port 67); name: the boot file or rule given */
    JOURNEY_PROXY_ACK,   /* a proxyDHCP ack (port 4011) */
    JOURNEY_TFTP_FILE,   /* a file from the TFTP root */
    JOURNEY_GENERATED,   /* a file the service generates (boot.ipxe, menus) */
    JOURNEY_KINDS
} journey_kind;

/* How a step ended. */
typedef enum journey_end {
    JOURNEY_RUNNING,      /* not yet */
    JOURNEY_DONE,         /* answered, or the whole file acknowledged */
    JOURNEY_CLIENT_ABORT, /* the client stopped it (e.g. UEFI's size probe) */
    JOURNEY_TIMEOUT,      /* no answer after every retry, or the send failed */
    JOURNEY_ERROR_SENT,   /* the request got an error (e.g. file not found) */
    JOURNEY_REFUSED_PATH, /* the path was refused (outside the root, not allowed) */
    JOURNEY_LOOP,         /* the download started a boot-loop episode */
    JOURNEY_ENDS
} journey_end;

typedef struct journey_step {
    uint64_t at_ms;       /* when it began (clock milliseconds) */
    uint64_t bytes;       /* bytes acknowledged */
    uint64_t duration_ms; /* how long it took */
    journey_kind kind;
    journey_end end;
    char name[JOURNEY_NAME_MAX];
} journey_step;

/* One client's journey, its steps oldest first. */
typedef struct journey_client {
    pxb_addr host;                 /* port 0 */
    uint8_t mac[6];
    int has_mac;
    char arch[JOURNEY_ARCH_MAX];   /* "" until learnt */
    uint64_t first_ms, last_ms;    /* its first and latest step */
    uint32_t dropped;              /* older steps no longer kept */
    uint32_t step_count;
    journey_step steps[JOURNEY_STEPS];
} journey_client;

typedef struct journey journey;

/* An empty store; NULL when memory runs out. */
journey *journey_create(void);
void journey_destroy(journey *j);

/* A TFTP engine event at now_ms; generated: the file is one the service generates. */
void journey_feed_tftp(journey *j, const tftp_event *ev, int generated, uint64_t now_ms);
/* A proxyDHCP answer (kind JOURNEY_PROXY_OFFER or _ACK) to host with mac (6 bytes, or
 * NULL) and arch (or NULL), naming what was given. */
void journey_feed_proxy(journey *j, const pxb_addr *host, const uint8_t *mac, const char *arch,
                        journey_kind kind, const char *given, uint64_t now_ms);
/* host's latest download started a loop episode. */
void journey_note_loop(journey *j, const pxb_addr *host);

/* A client in brief: who, and its latest step. */
typedef struct journey_summary {
    pxb_addr host;
    uint8_t mac[6];
    int has_mac;
    char arch[JOURNEY_ARCH_MAX];
    uint64_t first_ms, last_ms;
    uint32_t steps;            /* steps seen, dropped ones included */
    journey_step last;
} journey_summary;

/* Clients remembered, and up to max of them summed up into out, most recently seen first;
 * returns how many were written. */
size_t journey_count(const journey *j);
size_t journey_list(const journey *j, journey_summary *out, size_t max);
/* The client with address host (port ignored), or with mac: copied to *out, 0; -1 if none. */
int journey_find_host(const journey *j, const pxb_addr *host, journey_client *out);
int journey_find_mac(const journey *j, const uint8_t mac[6], journey_client *out);

/* Which client to show: an address or a MAC. */
typedef struct journey_key {
    int by_mac;
    pxb_addr host;
    uint8_t mac[6];
} journey_key;

/* Parses an address ("10.0.0.57", "2001:db8::5") or a MAC ("52:54:00:12:34:56", with '-'
 * or no separator). Returns 0, or -1 if the text is neither. */
int journey_parse_key(const char *text, journey_key *out);
/* journey_find_host or journey_find_mac, as key says. */
int journey_find(const journey *j, const journey_key *key, journey_client *out);

/* Short English words for a kind and an end ("tftp", "done"). */
const char *journey_kind_name(journey_kind kind);
const char *journey_end_name(journey_end end);

#endif
