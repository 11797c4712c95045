/* tftp_timers.c: a binary min-heap of deadlines with slots stored in the timers (see
 * tftp_timers.h). */
#include "tftp_timers.h"

#include <stdlib.h>

void tftp_timers_init(tftp_timers *h)
{
    h->items = NULL;
    h->count = 0;
    h->cap = 0;
}

void tftp_timers_free(tftp_timers *h)
{
    free(h->items);
    tftp_timers_init(h);
}

int tftp_timers_reserve(tftp_timers *h)
{
    if (h->count < h->cap)
        return 0;
    size_t cap = h->cap ? h->cap * 2 : 64;
    tftp_timer **items = realloc(h->items, cap * sizeof *items);
    if (!items)
        return -1;
    h->items = items;
    h->cap = cap;
    return 0;
}

static void place(tftp_timers *h, size_t slot, tftp_timer *t)
{
    h->items[slot] = t;
    t->slot = slot;
}

static void sift_up(tftp_timers *h, size_t slot)
{
    tftp_timer *t = h->items[slot];
    while (slot > 0) {
        size_t parent = (slot - 1) / 2;
        if (h->items[parent]->due <= t->due)
            break;
        place(h, slot, h->items[parent]);
        slot = parent;
    }
    place(h, slot, t);
}

static void sift_down(tftp_timers *h, size_t slot)
{
    tftp_timer *t = h->items[slot];
    for (;;) {
        size_t child = 2 * slot + 1;
        if (child >= h->count)
            break;
        if (child + 1 < h->count && h->items[child + 1]->due < h->items[child]->due)
            child++;
        if (t->due <= h->items[child]->due)
            break;
        place(h, slot, h->items[child]);
        slot = child;
    }
    place(h, slot, t);
}

void tftp_timers_add(tftp_timers *h, tftp_timer *t, uint64_t due)
{
    t->due = due;
    place(h, h->count++, t);
    sift_up(h, t->slot);
}

void tftp_timers_move(tftp_timers *h, tftp_timer *t, uint64_t due)
{
    uint64_t old = t->due;
    t->due = due;
    if (due < old)
        sift_up(h, t->slot);
    else
        sift_down(h, t->slot);
}

void tftp_timers_remove(tftp_timers *h, tftp_timer *t)
{
    size_t slot = t->slot;
    tftp_timer *last = h->items[--h->count];
    if (last == t)
        return;
    place(h, slot, last);
    if (slot > 0 && h->items[(slot - 1) / 2]->due > last->due)
        sift_up(h, slot);
    else
        sift_down(h, slot);
}

tftp_timer *tftp_timers_first(const tftp_timers *h)
{
    return h->count ? h->items[0] : NULL;
}
