/* ms_run.h: what one run over a server and its failover partners holds: the servers found
 * (ms_group.h), each server's part (ms_server_run.h), where a write failed, and the
 * differences between partners. Filled by ms_sync.c, written out by ms_group_report.c, so
 * the report needs nothing of the run that fills it. */
#ifndef PXB_MS_RUN_H
#define PXB_MS_RUN_H

#include <stddef.h>

#include "ms_group.h"
#include "ms_server_run.h"

typedef struct pxb_ms_run {
    enum pxb_dhcp_action action;
    pxb_ms_group group;
    pxb_ms_server_run servers[PXB_MS_GROUP_MAX]; /* one per member, in the group's order */
    int skipped[PXB_MS_GROUP_MAX];               /* the plan has nothing for that partner */
    size_t server_count;                         /* servers set up */
    size_t failed_at;                            /* 1 + the server a write failed on; 0 none */
    pxb_ms_diff differences;                     /* partners compared (plan, verify) */
    int out_of_memory;
} pxb_ms_run;

#endif
