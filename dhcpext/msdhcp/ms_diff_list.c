/* ms_diff_list.c: the change list and findings of a diff (see ms_diff_list.h). Pure C, no OS
 * calls. */
#include "ms_diff_list.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void pxb_ms_diff_init(pxb_ms_diff *d)
{
    memset(d, 0, sizeof *d);
}

void pxb_ms_diff_free(pxb_ms_diff *d)
{
    free(d->changes);
    free(d->findings);
    pxb_ms_diff_init(d);
}

int pxb_ms_diff_finding(pxb_ms_diff *d, enum pxb_ms_severity severity, const char *fmt, ...)
{
    pxb_ms_finding *f;
    va_list ap;

    if (d->finding_count == d->finding_cap) {
        size_t next = d->finding_cap ? d->finding_cap * 2 : 8;
        void *p = realloc(d->findings, next * sizeof *d->findings);
        if (p == NULL)
            return -1;
        d->findings = p;
        d->finding_cap = next;
    }
    f = &d->findings[d->finding_count++];
    f->severity = severity;
    va_start(ap, fmt);
    vsnprintf(f->text, sizeof f->text, fmt, ap);
    va_end(ap);
    if (severity == PXB_MS_BLOCKER)
        d->blocked = 1;
    return 0;
}
