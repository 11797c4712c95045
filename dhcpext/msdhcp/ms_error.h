/* ms_error.h: what went wrong in one call to a Microsoft DHCP server (a backend's read or
 * change, ms_sync.h), as the advice (ms_advice.h) and the report word it: the one error
 * type (pxb_error.h) and the name of the call that failed. */
#ifndef PXB_MS_ERROR_H
#define PXB_MS_ERROR_H

#include "pxb_error.h"

/* What went wrong in a backend call. error.code 0: no Win32 code (error.text says it all);
 * else error.text is extra detail. */
typedef struct pxb_ms_error {
    pxb_error error;
    char call[64]; /* "DhcpV4CreatePolicy" */
} pxb_ms_error;

#endif
