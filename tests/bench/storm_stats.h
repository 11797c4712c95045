/* storm_stats.h: the load generator's summary of completion times: percentiles by the
 * nearest-rank method over the completed transfers. */
#ifndef PXB_STORM_STATS_H
#define PXB_STORM_STATS_H

#include <stddef.h>
#include <stdint.h>

/* Sorts values[0..n) and returns the p-th percentile (p in (0, 100]); 0 when n is 0. */
uint64_t storm_stats_percentile(uint64_t *values, size_t n, double p);

#endif
