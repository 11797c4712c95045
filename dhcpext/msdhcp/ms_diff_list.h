/* ms_diff_list.h: what a diff of a Microsoft DHCP server against the boot plan lists: the
 * ordered changes (added by ms_diff.c) and the findings for the admin (added by ms_diff.c's
 * blockers and by ms_findings.c), with whether a blocker stopped the listing. Its own file
 * so ms_diff.c and ms_findings.c both build on it without including each other's header.
 * Pure C, no OS calls. */
#ifndef PXB_MS_DIFF_LIST_H
#define PXB_MS_DIFF_LIST_H

#include <stddef.h>

#include "ms_change.h"
#include "text_out.h"

#define PXB_MS_FINDING_MAX 2048

enum pxb_ms_severity {
    PXB_MS_NOTE,    /* for information (a reused class) */
    PXB_MS_WARNING, /* may keep clients from booting as planned; pxebridge leaves it alone */
    PXB_MS_BLOCKER  /* nothing can be changed until the admin fixes it */
};

typedef struct pxb_ms_finding {
    enum pxb_ms_severity severity;
    char text[PXB_MS_FINDING_MAX];
} pxb_ms_finding;

typedef struct pxb_ms_diff {
    pxb_ms_change *changes;
    size_t count, cap;
    pxb_ms_finding *findings;
    size_t finding_count, finding_cap;
    int blocked; /* a blocker was found: no changes were listed */
} pxb_ms_diff;

void pxb_ms_diff_init(pxb_ms_diff *d);
void pxb_ms_diff_free(pxb_ms_diff *d);

/* Appends a finding (printf-style text); -1 if out of memory. */
int pxb_ms_diff_finding(pxb_ms_diff *d, enum pxb_ms_severity severity, const char *fmt, ...)
    PXB_PRINTF(3, 4);

#endif
