/* log_ring.c: the in-memory ring of recent log lines (see log_ring.h). */
#include "log_ring.h"

#include <stdlib.h>
#include <string.h>

#include "spin_lock.h"

struct pxb_log_ring {
    pxb_spin_lock lock;
    size_t next;  /* where the next line goes */
    size_t count; /* lines held, up to PXB_LOG_RING_LINES */
    pxb_log_entry lines[PXB_LOG_RING_LINES];
};

pxb_log_ring *pxb_log_ring_create(void)
{
    pxb_log_ring *ring = calloc(1, sizeof *ring);
    if (ring != NULL)
        atomic_flag_clear(&ring->lock.taken);
    return ring;
}

void pxb_log_ring_destroy(pxb_log_ring *ring)
{
    free(ring);
}

void pxb_log_ring_sink(void *ctx, int level, int event_id, const char *message)
{
    pxb_log_ring *ring = ctx;
    time_t now = time(NULL);
    size_t len = strlen(message);
    if (len >= PXB_LOG_RING_TEXT)
        len = PXB_LOG_RING_TEXT - 1;
    pxb_spin_take(&ring->lock);
    pxb_log_entry *e = &ring->lines[ring->next];
    e->at = now;
    e->level = level;
    e->event_id = event_id;
    memcpy(e->message, message, len);
    e->message[len] = '\0';
    ring->next = (ring->next + 1) % PXB_LOG_RING_LINES;
    if (ring->count < PXB_LOG_RING_LINES)
        ring->count++;
    pxb_spin_release(&ring->lock);
}

size_t pxb_log_ring_tail(pxb_log_ring *ring, pxb_log_entry *out, size_t max)
{
    pxb_spin_take(&ring->lock);
    size_t n = ring->count < max ? ring->count : max;
    size_t first = (ring->next + PXB_LOG_RING_LINES - n) % PXB_LOG_RING_LINES;
    for (size_t i = 0; i < n; i++)
        out[i] = ring->lines[(first + i) % PXB_LOG_RING_LINES];
    pxb_spin_release(&ring->lock);
    return n;
}
