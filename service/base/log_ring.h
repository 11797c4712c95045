/* log_ring.h: the last log lines kept in memory, for `pxebridge log` through the service's
 * status pipe. A log sink (log.h) that any thread may log to; a reader takes a copy of the
 * newest lines. Fixed memory: the oldest line is overwritten. Portable. */
#ifndef PXB_LOG_RING_H
#define PXB_LOG_RING_H

#include <stddef.h>
#include <time.h>

/* Lines kept, and the longest message kept of each (longer ones are cut), NUL included. */
#define PXB_LOG_RING_LINES 256
#define PXB_LOG_RING_TEXT 1024

typedef struct pxb_log_entry {
    time_t at;
    int level;
    int event_id;
    char message[PXB_LOG_RING_TEXT];
} pxb_log_entry;

typedef struct pxb_log_ring pxb_log_ring;

/* NULL when memory runs out. */
pxb_log_ring *pxb_log_ring_create(void);
void pxb_log_ring_destroy(pxb_log_ring *ring);

/* A pxb_log_sink_fn; ctx is the ring. */
void pxb_log_ring_sink(void *ctx, int level, int event_id, const char *message);

/* Copies the newest lines, at most max, oldest first, into out; returns how many. */
size_t pxb_log_ring_tail(pxb_log_ring *ring, pxb_log_entry *out, size_t max);

#endif
