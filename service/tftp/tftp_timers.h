/* tftp_timers.h: the deadlines of the TFTP engine's transfers, kept in a binary min-heap.
 * Each timer remembers its slot in the heap, so finding the next deadline is O(1) and adding,
 * moving or removing a timer is O(log n) with thousands of transfers. Timers are embedded
 * in the objects they belong to; the heap only holds pointers and never owns them. */
#ifndef PXB_TFTP_TIMERS_H
#define PXB_TFTP_TIMERS_H

#include <stddef.h>
#include <stdint.h>

typedef struct tftp_timer {
    uint64_t due;
    size_t slot; /* index in the heap; managed by the heap */
} tftp_timer;

typedef struct tftp_timers {
    tftp_timer **items;
    size_t count, cap;
} tftp_timers;

void tftp_timers_init(tftp_timers *h);
/* Frees the heap's array (not the timers). */
void tftp_timers_free(tftp_timers *h);
/* Makes room for one more timer ahead of time. Returns 0, or -1 when out of memory. */
int tftp_timers_reserve(tftp_timers *h);
/* Adds t, due at due; room must have been reserved. */
void tftp_timers_add(tftp_timers *h, tftp_timer *t, uint64_t due);
/* Changes the deadline of t, which is in the heap. */
void tftp_timers_move(tftp_timers *h, tftp_timer *t, uint64_t due);
void tftp_timers_remove(tftp_timers *h, tftp_timer *t);
/* The timer due first, or NULL when the heap is empty. */
tftp_timer *tftp_timers_first(const tftp_timers *h);

#endif
