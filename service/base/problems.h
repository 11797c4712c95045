/* problems.h: the problems a loader finds, gathered into one error. Loaders of stored
 * settings (the registry's Parameters and BootPlan keys) read every value before they
 * decide; each bad value adds a problem naming it, and the caller gets them all at once,
 * joined with "; ", instead of only the first. */
#ifndef PXB_PROBLEMS_H
#define PXB_PROBLEMS_H

#include <stddef.h>

#include "log.h"
#include "pxb_error.h"

typedef struct pxb_problems {
    pxb_error joined; /* the problems so far, "; " between them */
    size_t used;      /* bytes of joined.text written, NUL excluded */
    int count;        /* problems added, including those cut off by a full text */
} pxb_problems;

/* Starts an empty list. */
void pxb_problems_init(pxb_problems *p);
/* Adds one problem; what does not fit in the text is cut, but still counted. */
void pxb_problems_add(pxb_problems *p, const char *fmt, ...) PXB_FORMAT(2, 3);
/* 0 when no problem was added; else -1 with the problems joined in err (NULL accepted). */
int pxb_problems_report(const pxb_problems *p, pxb_error *err);

#endif
