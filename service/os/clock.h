/* clock.h: a monotonic millisecond clock (one backend per OS: service/os/posix/clock_posix.c,
 * service/os/win32/clock_win32.c). The TFTP engine never reads a clock itself; callers pass it
 * the time, which keeps the engine testable. */
#ifndef PXB_CLOCK_H
#define PXB_CLOCK_H

#include <stdint.h>

uint64_t pxb_clock_now_ms(void);

#endif
