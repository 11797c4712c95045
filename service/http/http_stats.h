/* http_stats.h: the HTTP server's counters for the service's status: requests, body bytes
 * sent, and answers by status. Counted by the HTTP workers, read by the status pipe: the
 * record is guarded by a spin lock (spin_lock.h), held only to add one request or copy it. */
#ifndef PXB_HTTP_STATS_H
#define PXB_HTTP_STATS_H

#include <stdint.h>

#include "spin_lock.h"

/* The statuses counted one by one; any other lands in the class's "other" count. */
enum http_status_slot {
    HTTP_SLOT_200, HTTP_SLOT_206, HTTP_SLOT_304, HTTP_SLOT_400, HTTP_SLOT_403,
    HTTP_SLOT_404, HTTP_SLOT_405, HTTP_SLOT_416, HTTP_SLOT_500, HTTP_SLOT_503,
    HTTP_SLOT_OTHER, HTTP_SLOT_COUNT
};

typedef struct http_stats {
    uint64_t requests;
    uint64_t bytes;                    /* body bytes sent */
    uint64_t by_status[HTTP_SLOT_COUNT];
    uint32_t in_flight;                /* requests being answered now */
    uint32_t listening;                /* 1 once the URL is registered */
} http_stats;

typedef struct http_counters {
    pxb_spin_lock lock;
    http_stats stats;
} http_counters;

/* The status a slot counts (0 for HTTP_SLOT_OTHER). */
int http_status_of_slot(enum http_status_slot slot);

void http_counters_init(http_counters *c);
/* A request began (in_flight + 1) / ended with status after sending bytes. */
void http_counters_begin(http_counters *c);
void http_counters_end(http_counters *c, int status, uint64_t bytes);
void http_counters_set_listening(http_counters *c, int listening);
void http_counters_read(http_counters *c, http_stats *out);

#endif
