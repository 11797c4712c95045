/* ms_sync.h: one run of plan / apply / verify / remove against a Microsoft DHCP server,
 * independent of how the server is reached: a backend reads the server into the object
 * model and carries out one change at a time (dhcpext/msdhcp/win32/ through dhcpsapi.dll; a fake
 * in the unit tests). apply and remove carry out the change list in order and, on the first
 * failure, undo this run's changes in reverse order and report the cause with advice. */
#ifndef PXB_MS_SYNC_H
#define PXB_MS_SYNC_H

#include "boot_plan.h"
#include "dhcp_sync.h"
#include "ms_change.h"
#include "ms_error.h"
#include "ms_state.h"

typedef struct pxb_ms_backend {
    void *ctx;
    /* Reads the server into *state (initialised by the caller). 0, or -1 with *err. */
    int (*read)(void *ctx, const char *server, pxb_ms_state *state, pxb_ms_error *err);
    /* Carries out one change; a change that fails part-way leaves the server as it was.
     * 0, or -1 with *err. */
    int (*change)(void *ctx, const char *server, const pxb_ms_change *change,
                  pxb_ms_error *err);
} pxb_ms_backend;

/* Runs action with backend (see pxb_dhcp_run in dhcp_sync.h). */
enum pxb_dhcp_status pxb_ms_sync(enum pxb_dhcp_action action, const pxb_boot_plan *plan,
                                 const char *server, const pxb_ms_backend *backend,
                                 pxb_dhcp_progress_fn progress, void *progress_ctx,
                                 pxb_dhcp_result *out);

#endif
