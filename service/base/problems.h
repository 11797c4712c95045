/* problems.h: the problems a loader finds, gathered into one message. Loaders of stored
 * settings (the registry's Parameters and BootPlan keys) read every value before they
 * decide; each bad value adds a problem naming it, and the caller gets them all at once,
 * joined with "; ", instead of only the first. */
#ifndef PXB_PROBLEMS_H
#define PXB_PROBLEMS_H

#include <stddef.h>

#include "log.h"

typedef struct pxb_problems {
    char *text;  /* the caller's buffer; always NUL-terminated */
    size_t len;  /* its size */
    size_t used; /* bytes written, NUL excluded */
    int count;   /* problems added, including those cut off by a full buffer */
} pxb_problems;

/* Starts an empty list writing into text (len > 0). */
void pxb_problems_init(pxb_problems *p, char *text, size_t len);
/* Adds one problem; what does not fit in the buffer is cut, but still counted. */
void pxb_problems_add(pxb_problems *p, const char *fmt, ...) PXB_FORMAT(2, 3);

#endif
