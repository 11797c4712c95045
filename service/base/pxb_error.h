/* pxb_error.h: the one error every layer carries up to the program that reports it: the
 * words an admin can act on and, where the OS gave one, its code. A function that can fail
 * takes a pxb_error * (NULL when the caller does not want the reason) instead of a char
 * buffer and its size; each layer may put its context in front ("plan file x: ...") on the
 * way up. */
#ifndef PXB_ERROR_H
#define PXB_ERROR_H

#include "log.h"

#define PXB_ERROR_TEXT_MAX 1024

typedef struct pxb_error {
    unsigned long code;             /* Win32 or errno code; 0 when the text says it all */
    char text[PXB_ERROR_TEXT_MAX];  /* always NUL-terminated; "" when nothing failed */
} pxb_error;

/* Empties err (code 0, no text). */
void pxb_error_clear(pxb_error *err);
/* Sets the text (cut to fit) and code 0; returns -1, the usual failure result. */
int pxb_error_set(pxb_error *err, const char *fmt, ...) PXB_FORMAT(2, 3);
/* Sets the text and the OS code; returns -1. */
int pxb_error_set_code(pxb_error *err, unsigned long code, const char *fmt, ...)
    PXB_FORMAT(3, 4);
/* Puts the formatted context in front of the text already there: "context: text". */
void pxb_error_prefix(pxb_error *err, const char *fmt, ...) PXB_FORMAT(2, 3);

#endif
