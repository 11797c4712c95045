/* dhcp_result.h: what one run against a Microsoft DHCP server is asked to do and what it
 * gives back: the action, the status and the report as text and JSON. Shared by the entry
 * point (dhcp_sync.h), the run (ms_sync.c) and the report writer (ms_report.c), so the report
 * needs nothing of the run that calls it. */
#ifndef PXB_DHCP_RESULT_H
#define PXB_DHCP_RESULT_H

#include <stddef.h>

enum pxb_dhcp_action {
    PXB_DHCP_PLAN,   /* read the server, report the changes apply would make; change nothing */
    PXB_DHCP_APPLY,  /* make them, in a safe order; undo this run's changes on a failure */
    PXB_DHCP_VERIFY, /* report drift: what differs from the plan */
    PXB_DHCP_REMOVE  /* delete what pxebridge owns (marked objects) and nothing else */
};

enum pxb_dhcp_status {
    PXB_DHCP_OK = 0,      /* in line (verify), nothing to do (plan), done (apply/remove) */
    PXB_DHCP_CHANGES = 1, /* plan: there are changes to make; verify: drift found */
    PXB_DHCP_FAILED = 2   /* could not read or change the server: see the report */
};

typedef struct pxb_dhcp_result {
    enum pxb_dhcp_status status;
    char *text; /* malloc'd human-readable report: each change or drift, warnings, the cause */
    char *json; /* malloc'd JSON object with the same content, for --json */
    size_t warnings; /* findings of severity warning in the report (a setup that may keep
                        clients from booting as planned, even with no change to make) */
} pxb_dhcp_result;

void pxb_dhcp_result_free(pxb_dhcp_result *result);

/* Sets out to "failed, no report" for a run that cannot start (out of memory); returns
 * PXB_DHCP_FAILED. */
enum pxb_dhcp_status pxb_ms_no_report(pxb_dhcp_result *out);

#endif
