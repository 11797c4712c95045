/* status_answer.h: what the running service answers on its status pipe (status_pipe.h):
 * "status" from a fresh snapshot of the TFTP runtime (runtime_status.h, taken on the run
 * thread), the last DHCP check of each server (dhcp_check.h) and the service's start time;
 * "log N" from the ring of recent log lines (log_ring.h). Requests the service cannot serve,
 * an unknown protocol version among them, get the protocol's error answer. */
#ifndef PXB_STATUS_ANSWER_H
#define PXB_STATUS_ANSWER_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "dhcp_check.h"
#include "http_stats.h"
#include "log_ring.h"
#include "runtime_status.h"

typedef struct pxb_status_source {
    pxb_status_board *board;
    pxb_log_ring *ring;
    pxb_dhcp_check *dhcp; /* NULL: no DHCP check runs */
    http_counters *http;  /* the HTTP server's, kept by the service across restarts */
    time_t started_at;
    uint64_t started_ms;  /* pxb_clock_now_ms at the start */
} pxb_status_source;

/* A pxb_pipe_answer_fn; ctx is a pxb_status_source. */
char *pxb_status_answer(void *ctx, const char *request, size_t len);

#endif
