/* dhcp_check.h: the service's periodic check of its Microsoft DHCP servers against the boot
 * plan. A worker thread of its own (dhcpsapi calls block for as long as a server takes to
 * answer; the TFTP thread must never wait for them) verifies each server in DhcpServers with
 * pxb_dhcp_run (dhcp_sync.h) at start, after a reload that changes what is checked (the
 * servers, the plan, DhcpReconcile) and every DhcpCheckSeconds. Drift is logged as a
 * warning (PXB_EV_DHCP_DRIFT) with what drifted; with DhcpReconcile=1 the server is then
 * brought in line (PXB_EV_DHCP_REPAIRED, or PXB_EV_DHCP_FAILED with the cause). A server in
 * line is logged once (PXB_EV_DHCP_IN_LINE), not at every check; one in line whose report
 * has warnings (option 060 PXEClient with nothing answering on port 4011, a ProxyDhcp mode
 * that does not match what the server sends, options that win over pxebridge's policies)
 * is logged as a warning (PXB_EV_DHCP_DRIFT) with the report, each time the report changes.
 * The last result of each server is kept for the service's status. */
#ifndef PXB_DHCP_CHECK_H
#define PXB_DHCP_CHECK_H

#include <stddef.h>
#include <time.h>

#include "boot_plan.h"
#include "config.h"
#include "pxb_error.h"

/* Longest kept report of one check, NUL included. */
#define PXB_DHCP_CHECK_DETAIL_MAX 1024

enum pxb_dhcp_check_outcome {
    PXB_DHCP_CHECK_IN_LINE,  /* the server matches the plan */
    PXB_DHCP_CHECK_DRIFT,    /* it differs, and DhcpReconcile is 0 */
    PXB_DHCP_CHECK_REPAIRED, /* it differed and was brought in line */
    PXB_DHCP_CHECK_FAILED    /* it could not be checked or repaired: the detail says why */
};

/* The last check of one server. */
typedef struct pxb_dhcp_check_result {
    char server[PXB_DHCP_SERVER_MAX];
    enum pxb_dhcp_check_outcome outcome;
    char detail[PXB_DHCP_CHECK_DETAIL_MAX]; /* what drifted, was changed, or went wrong */
    time_t checked_at;
} pxb_dhcp_check_result;

typedef struct pxb_dhcp_check pxb_dhcp_check;

/* Starts the worker with the DHCP settings of cfg and the plan in force; plan NULL when
 * there is no usable one, problem then saying why (each check reports it instead). The
 * first check runs at once. NULL with the reason in err if the thread can't start. */
pxb_dhcp_check *pxb_dhcp_check_start(const pxb_config *cfg, const pxb_boot_plan *plan,
                                     const char *problem, pxb_error *err);

/* New settings and plan (after a reload): the next check uses them; it runs at once if the
 * servers, the plan or DhcpReconcile changed, else DhcpCheckSeconds after the last one. */
void pxb_dhcp_check_update(pxb_dhcp_check *dc, const pxb_config *cfg,
                           const pxb_boot_plan *plan, const char *problem);

/* Writes the last result of each server checked (those still in DhcpServers), up to max;
 * returns how many there are. Safe from any thread. */
size_t pxb_dhcp_check_results(pxb_dhcp_check *dc, pxb_dhcp_check_result *out, size_t max);

/* Stops the worker: it finishes the call it is in and checks no further server. Waits up to
 * wait_ms for it; returns 0 once it ended (everything is freed), or -1 if it did not end in
 * time: it is then left to end with the process, and must not be used again. */
int pxb_dhcp_check_stop(pxb_dhcp_check *dc, unsigned long wait_ms);

#endif
