/* throughput.h: the speed a log line reports for a transfer (TFTP or HTTP), in MB/s
 * (10^6 bytes per second); 0 for a transfer that took no measurable time. */
#ifndef PXB_THROUGHPUT_H
#define PXB_THROUGHPUT_H

#include <stdint.h>

static inline double pxb_megabytes_per_second(uint64_t bytes, uint64_t ms)
{
    return ms ? (double)bytes / (double)ms / 1000.0 : 0.0;
}

#endif
