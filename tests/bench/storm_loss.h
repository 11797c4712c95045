/* storm_loss.h: the load generator's simulated packet loss: a seeded PRNG (xorshift64*)
 * that drops a given share of datagrams, so a lossy run can be repeated with the same seed. */
#ifndef PXB_STORM_LOSS_H
#define PXB_STORM_LOSS_H

#include <stdint.h>

typedef struct storm_loss {
    uint64_t state;
    uint64_t threshold; /* a draw below it drops the datagram */
} storm_loss;

/* percent in [0, 100]; seed 0 is allowed (it is mixed into a nonzero state). */
void storm_loss_init(storm_loss *l, uint64_t seed, double percent);
/* 1 if the next datagram is to be dropped. */
int storm_loss_drop(storm_loss *l);

#endif
