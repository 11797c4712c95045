/* clock_win32.c: the monotonic millisecond clock (clock.h) on Windows. GetTickCount64 counts
 * from boot, never goes back and does not wrap in practice. */
#include "clock.h"

#include <windows.h>

uint64_t pxb_clock_now_ms(void)
{
    return (uint64_t)GetTickCount64();
}
