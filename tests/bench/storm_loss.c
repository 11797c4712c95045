/* storm_loss.c: seeded datagram loss for the load generator (see storm_loss.h). */
#include "storm_loss.h"

void storm_loss_init(storm_loss *l, uint64_t seed, double percent)
{
    l->state = seed ^ 0x9E3779B97F4A7C15ull;
    if (l->state == 0)
        l->state = 1;
    if (percent <= 0)
        l->threshold = 0;
    else if (percent >= 100)
        l->threshold = UINT64_MAX;
    else
        l->threshold = (uint64_t)(percent / 100.0 * 18446744073709551615.0);
}

static uint64_t next(storm_loss *l)
{
    uint64_t x = l->state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    l->state = x;
    return x * 0x2545F4914F6CDD1Dull;
}

int storm_loss_drop(storm_loss *l)
{
    if (l->threshold == 0)
        return 0;
    return l->threshold == UINT64_MAX || next(l) < l->threshold;
}
