/* ms_sync.h: one run of plan / apply / verify / remove against a Microsoft DHCP server and
 * its failover partners (ms_group.h), independent of how the servers are reached
 * (ms_backend.h). Every server is read before anything is written; apply and remove then
 * carry out each server's change list in order and, on the first failure, undo this run's
 * changes on that server and on every server written before it, in reverse order, and report
 * the cause with advice. verify also compares the partners with each other
 * (ms_pair_check.h). */
#ifndef PXB_MS_SYNC_H
#define PXB_MS_SYNC_H

#include "boot_plan.h"
#include "dhcp_sync.h"
#include "ms_backend.h"

/* Runs action with backend (see pxb_dhcp_run in dhcp_sync.h). */
enum pxb_dhcp_status pxb_ms_sync(enum pxb_dhcp_action action, const pxb_boot_plan *plan,
                                 const char *server, enum pxb_dhcp_reach reach,
                                 const pxb_ms_backend *backend,
                                 pxb_dhcp_progress_fn progress, void *progress_ctx,
                                 pxb_dhcp_result *out);

#endif
