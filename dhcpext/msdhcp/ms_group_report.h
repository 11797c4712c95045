/* ms_group_report.h: the report of a run over a server and its failover partners (ms_run.h):
 * the relationships found, with their mode and state, what they mean for the run, each
 * server's own report (ms_report.h), the differences between partners and the run's outcome
 * over all of them, as text and as JSON. A run over one server without partners reads as
 * that server's report alone. Pure C, no OS calls. */
#ifndef PXB_MS_GROUP_REPORT_H
#define PXB_MS_GROUP_REPORT_H

#include "dhcp_result.h"
#include "ms_run.h"

/* Sets each server's status and the run's, then fills out (text and JSON, malloc'd, and the
 * run's status). Returns 0, or -1 if out of memory. */
int pxb_ms_group_report(pxb_ms_run *run, pxb_dhcp_result *out);

#endif
