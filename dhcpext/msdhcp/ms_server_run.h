/* ms_server_run.h: one server's part of a run (ms_sync.h): read the server and diff it
 * against its plan; carry out the change list in order, each change with its inverse, and
 * on the first failure undo what this run did there (then give every policy its processing
 * order back); undo a list carried out in full when a later server of the run fails. Pure
 * C, no OS calls. */
#ifndef PXB_MS_SERVER_RUN_H
#define PXB_MS_SERVER_RUN_H

#include "boot_plan.h"
#include "dhcp_sync.h"
#include "ms_backend.h"
#include "ms_report.h"

typedef struct pxb_ms_server_run {
    const char *target;   /* what the backend's calls name */
    pxb_boot_plan plan;   /* the plan for this server (a partner's scopes only) */
    pxb_ms_state have;
    pxb_ms_diff diff;
    pxb_ms_outcome o;     /* o.server: the name reports use */
} pxb_ms_server_run;

/* Sets up r for action on the server; target and label must outlive r. */
void pxb_ms_server_run_init(pxb_ms_server_run *r, enum pxb_dhcp_action action,
                            const char *target, const char *label, const pxb_boot_plan *plan);
void pxb_ms_server_run_free(pxb_ms_server_run *r);

/* Reads the server, derives what the plan wants there and diffs. 0, or -1 with the cause in
 * r->o (failed). */
int pxb_ms_server_prepare(pxb_ms_server_run *r, const pxb_ms_backend *be);
/* Carries out the change list; on a failure undoes this server's changes. 0, or -1 (r->o
 * says what failed and what was undone). */
int pxb_ms_server_carry_out(pxb_ms_server_run *r, const pxb_ms_backend *be,
                            pxb_dhcp_progress_fn progress, void *ctx);
/* Undoes every change carried out on the server (another server of the run failed). */
void pxb_ms_server_undo(pxb_ms_server_run *r, const pxb_ms_backend *be,
                        pxb_dhcp_progress_fn progress, void *ctx);

#endif
