/* journey_report.h: the status pipe's answers to "clients" and "clients KEY" (status_proto.h
 * frames them): the recent clients in brief, most recently seen first, and one client's
 * journey as a timeline (journey.h). Times are given as seconds before the snapshot was
 * taken. Portable. */
#ifndef PXB_JOURNEY_REPORT_H
#define PXB_JOURNEY_REPORT_H

#include "json_writer.h"
#include "runtime_status.h"

/* {"version": 1, "ok": true, "clients": [{"address", "mac", "arch", "steps", "state",
 * "last_step": {...}, "first_seen_s_ago", "last_seen_s_ago"}, ...]}. */
void pxb_clients_report(pxb_json *j, const pxb_runtime_status *rt);

/* {"version": 1, "ok": true, "client": {"address", "mac", "arch", "dropped", "steps": [{"kind",
 * "name", "at_s_ago", "bytes", "duration_ms", "end"}, ...]}} (integers only, as the status pipe's
 * readers take: MB/s is bytes over duration) for the client the snapshot holds; the error answer naming key when it holds none. */
void pxb_client_report(pxb_json *j, const pxb_runtime_status *rt, const char *key);

#endif
