/* status_report.h: the documents the service's status pipe answers with (status_proto.h
 * says how they are framed): the service's status (state, version, uptime, TFTP root,
 * listeners, counters, transfers in flight, the HTTP server's counters, the proxyDHCP
 * server's mode and counts per verdict, what the boot menus offer of WinPE and over which
 * protocol, the DHCP check of each server, clients seen looping) and its recent log
 * lines. Portable; the Windows service fills them in. */
#ifndef PXB_STATUS_REPORT_H
#define PXB_STATUS_REPORT_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "json_writer.h"
#include "http_stats.h"
#include "log_ring.h"
#include "runtime_status.h"

/* The last DHCP check of one server. */
typedef struct pxb_status_server {
    const char *server;
    const char *result;  /* "in line", "drift", "repaired" or "failed" */
    const char *message; /* what drifted, was changed or went wrong */
    time_t checked_at;
} pxb_status_server;

typedef struct pxb_service_status {
    const char *state;              /* "running" */
    time_t started_at;
    uint64_t started_ms;            /* pxb_clock_now_ms at the start, for the uptime */
    const pxb_runtime_status *rt;
    const pxb_status_server *servers;
    size_t server_count;
    const http_stats *http;         /* the HTTP server's counters */
} pxb_service_status;

/* The answer to "status": {"version": 1, "ok": true, "state": ..., ...}. */
void pxb_status_report(pxb_json *j, const pxb_service_status *st);

/* The answer to "log N": {"version": 1, "ok": true, "events": [{"time", "level", "id",
 * "message"}, ...]}, oldest first. */
void pxb_status_log_report(pxb_json *j, const pxb_log_entry *lines, size_t count);

/* "2026-11-25 19:15:03" in local time, as the log file writes it. */
void pxb_status_format_time(time_t at, char *out, size_t out_len);

#endif
