/* journey.c: the per-client journeys (see journey.h): host_lru maps a host to a slot of a
 * fixed array of clients whose steps are a ring, the oldest overwritten when it is full. */
#include "journey.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host_lru.h"
#include "net_text.h"
#include "tftp_packet.h"

/* A client's journey with its steps in a ring starting at first. */
typedef struct entry {
    journey_client c;
    uint32_t first;
} entry;

struct journey {
    host_lru *hosts;
    entry *entries;
};

static const char *const KIND_NAMES[JOURNEY_KINDS] = {"proxy-offer", "proxy-ack", "tftp",
                                                      "generated"};
static const char *const END_NAMES[JOURNEY_ENDS] = {
    "running", "done", "client-abort", "timeout", "error-sent", "refused-path", "loop"};

const char *journey_kind_name(journey_kind kind)
{
    return (unsigned)kind < JOURNEY_KINDS ? KIND_NAMES[kind] : "?";
}

const char *journey_end_name(journey_end end)
{
    return (unsigned)end < JOURNEY_ENDS ? END_NAMES[end] : "?";
}

journey *journey_create(void)
{
    journey *j = calloc(1, sizeof *j);
    if (j == NULL)
        return NULL;
    j->hosts = host_lru_create(JOURNEY_CLIENTS);
    j->entries = calloc(JOURNEY_CLIENTS, sizeof *j->entries);
    if (j->hosts == NULL || j->entries == NULL) {
        journey_destroy(j);
        return NULL;
    }
    return j;
}

void journey_destroy(journey *j)
{
    if (j == NULL)
        return;
    host_lru_destroy(j->hosts);
    free(j->entries);
    free(j);
}

/* host's entry, made the most recent (a new or reused one emptied). */
static entry *touch(journey *j, const pxb_addr *host)
{
    int fresh;
    int32_t slot = host_lru_touch(j->hosts, host, &fresh);
    entry *e = &j->entries[slot];
    if (fresh) {
        memset(e, 0, sizeof *e);
        e->c.host = *host_lru_host(j->hosts, slot);
    }
    return e;
}

/* The i-th kept step, oldest first. */
static journey_step *step_at(entry *e, uint32_t i)
{
    return &e->c.steps[(e->first + i) % JOURNEY_STEPS];
}

/* A new step at the end, dropping the oldest when the ring is full. */
static journey_step *add_step(entry *e, journey_kind kind, const char *name, uint64_t now_ms)
{
    journey_step *s;
    if (e->c.step_count < JOURNEY_STEPS) {
        s = step_at(e, e->c.step_count++);
    } else {
        s = step_at(e, 0);
        e->first = (e->first + 1) % JOURNEY_STEPS;
        e->c.dropped++;
    }
    memset(s, 0, sizeof *s);
    s->at_ms = now_ms;
    s->kind = kind;
    snprintf(s->name, sizeof s->name, "%s", name ? name : "");
    if (e->c.step_count + e->c.dropped == 1)
        e->c.first_ms = now_ms;
    e->c.last_ms = now_ms;
    return s;
}

/* The latest step still running for name, or a new one (its start event was dropped). */
static journey_step *running_step(entry *e, journey_kind kind, const char *name, uint64_t now_ms)
{
    for (uint32_t i = e->c.step_count; i > 0; i--) {
        journey_step *s = step_at(e, i - 1);
        if (s->end == JOURNEY_RUNNING && s->kind == kind && strncmp(s->name, name,
                                                                    sizeof s->name - 1) == 0)
            return s;
    }
    return add_step(e, kind, name, now_ms);
}

static journey_end end_of(const tftp_event *ev)
{
    switch (ev->kind) {
    case TFTP_EVENT_COMPLETED:
        return JOURNEY_DONE;
    case TFTP_EVENT_ABORTED:
        return JOURNEY_CLIENT_ABORT;
    case TFTP_EVENT_FAILED:
        return JOURNEY_TIMEOUT;
    case TFTP_EVENT_REFUSED:
        return ev->tftp_error == TFTP_ERR_ACCESS ? JOURNEY_REFUSED_PATH : JOURNEY_ERROR_SENT;
    default:
        return JOURNEY_RUNNING;
    }
}

void journey_feed_tftp(journey *j, const tftp_event *ev, int generated, uint64_t now_ms)
{
    if (ev->kind == TFTP_EVENT_DEFERRED)
        return;
    journey_kind kind = generated ? JOURNEY_GENERATED : JOURNEY_TFTP_FILE;
    const char *path = ev->path ? ev->path : "";
    entry *e = touch(j, ev->client);
    e->c.last_ms = now_ms;
    if (ev->kind == TFTP_EVENT_STARTED) {
        add_step(e, kind, path, now_ms);
        return;
    }
    journey_step *s = ev->kind == TFTP_EVENT_REFUSED ? add_step(e, kind, path, now_ms)
                                                     : running_step(e, kind, path, now_ms);
    s->end = end_of(ev);
    s->bytes = ev->bytes;
    s->duration_ms = ev->duration_ms;
}

void journey_feed_proxy(journey *j, const pxb_addr *host, const uint8_t *mac, const char *arch,
                        journey_kind kind, const char *given, uint64_t now_ms)
{
    entry *e = touch(j, host);
    if (mac != NULL) {
        memcpy(e->c.mac, mac, sizeof e->c.mac);
        e->c.has_mac = 1;
    }
    if (arch != NULL)
        snprintf(e->c.arch, sizeof e->c.arch, "%s", arch);
    journey_step *s = add_step(e, kind, given, now_ms);
    s->end = JOURNEY_DONE;
}

void journey_note_loop(journey *j, const pxb_addr *host)
{
    int32_t slot = host_lru_find(j->hosts, host);
    if (slot == HOST_LRU_NONE)
        return;
    entry *e = &j->entries[slot];
    if (e->c.step_count > 0)
        step_at(e, e->c.step_count - 1)->end = JOURNEY_LOOP;
}

size_t journey_count(const journey *j)
{
    return host_lru_used(j->hosts);
}

static void sum_up(entry *e, journey_summary *out)
{
    memset(out, 0, sizeof *out);
    out->host = e->c.host;
    memcpy(out->mac, e->c.mac, sizeof out->mac);
    out->has_mac = e->c.has_mac;
    memcpy(out->arch, e->c.arch, sizeof out->arch);
    out->first_ms = e->c.first_ms;
    out->last_ms = e->c.last_ms;
    out->steps = e->c.step_count + e->c.dropped;
    if (e->c.step_count > 0)
        out->last = *step_at(e, e->c.step_count - 1);
}

size_t journey_list(const journey *j, journey_summary *out, size_t max)
{
    size_t n = 0;
    for (int32_t i = host_lru_newest(j->hosts); i != HOST_LRU_NONE && n < max;
         i = host_lru_older(j->hosts, i))
        sum_up(&j->entries[i], &out[n++]);
    return n;
}

/* e's journey with its steps oldest first. */
static void copy_out(entry *e, journey_client *out)
{
    *out = e->c;
    for (uint32_t i = 0; i < e->c.step_count; i++)
        out->steps[i] = *step_at(e, i);
}

int journey_find_host(const journey *j, const pxb_addr *host, journey_client *out)
{
    int32_t slot = host_lru_find(j->hosts, host);
    if (slot == HOST_LRU_NONE)
        return -1;
    copy_out(&j->entries[slot], out);
    return 0;
}

int journey_find_mac(const journey *j, const uint8_t mac[6], journey_client *out)
{
    for (int32_t i = host_lru_newest(j->hosts); i != HOST_LRU_NONE;
         i = host_lru_older(j->hosts, i)) {
        entry *e = &j->entries[i];
        if (e->c.has_mac && memcmp(e->c.mac, mac, 6) == 0) {
            copy_out(e, out);
            return 0;
        }
    }
    return -1;
}

int journey_parse_key(const char *text, journey_key *out)
{
    pxb_mac mac;
    memset(out, 0, sizeof *out);
    if (pxb_mac_parse(text, strlen(text), &mac) == 0) {
        out->by_mac = 1;
        memcpy(out->mac, mac.b, sizeof out->mac);
        return 0;
    }
    return pxb_addr_parse(text, &out->host) == 0 ? 0 : -1;
}

int journey_find(const journey *j, const journey_key *key, journey_client *out)
{
    return key->by_mac ? journey_find_mac(j, key->mac, out) : journey_find_host(j, &key->host, out);
}
