/* http_stats.c: counts HTTP answers by status under the counters' spin lock. */
#include "http_stats.h"

#include <string.h>

static const int slot_status[HTTP_SLOT_COUNT] = {200, 206, 304, 400, 403, 404,
                                                 405, 416, 500, 503, 0};

int http_status_of_slot(enum http_status_slot slot)
{
    return slot < HTTP_SLOT_COUNT ? slot_status[slot] : 0;
}

static enum http_status_slot slot_of(int status)
{
    for (int i = 0; i < HTTP_SLOT_OTHER; i++) {
        if (slot_status[i] == status)
            return (enum http_status_slot)i;
    }
    return HTTP_SLOT_OTHER;
}

void http_counters_init(http_counters *c)
{
    memset(&c->stats, 0, sizeof c->stats);
    atomic_flag_clear(&c->lock.taken);
}

void http_counters_begin(http_counters *c)
{
    pxb_spin_take(&c->lock);
    c->stats.in_flight++;
    pxb_spin_release(&c->lock);
}

void http_counters_end(http_counters *c, int status, uint64_t bytes)
{
    pxb_spin_take(&c->lock);
    c->stats.in_flight--;
    c->stats.requests++;
    c->stats.bytes += bytes;
    c->stats.by_status[slot_of(status)]++;
    pxb_spin_release(&c->lock);
}

void http_counters_set_listening(http_counters *c, int listening)
{
    pxb_spin_take(&c->lock);
    c->stats.listening = listening ? 1 : 0;
    pxb_spin_release(&c->lock);
}

void http_counters_read(http_counters *c, http_stats *out)
{
    pxb_spin_take(&c->lock);
    *out = c->stats;
    pxb_spin_release(&c->lock);
}
