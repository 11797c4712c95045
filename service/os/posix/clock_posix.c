/* clock_posix.c: the monotonic millisecond clock on POSIX (CLOCK_MONOTONIC). */
#include "clock.h"

#include <time.h>

uint64_t pxb_clock_now_ms(void)
{
    struct timespec ts;
    /* CLOCK_MONOTONIC always exists on Linux; a failure would leave ts at zero time. */
    if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
        return 0;
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}
