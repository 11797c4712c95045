/* ms_error.h: what went wrong in one call to a Microsoft DHCP server (a backend's read or
 * change, ms_sync.h), as the advice (ms_advice.h) and the report word it. */
#ifndef PXB_MS_ERROR_H
#define PXB_MS_ERROR_H

/* What went wrong in a backend call. code 0: no Win32 code (the message says it all). */
typedef struct pxb_ms_error {
    unsigned long code;
    char call[64];      /* "DhcpV4CreatePolicy" */
    char message[512];  /* extra detail, or the whole message when code is 0 */
} pxb_ms_error;

#endif
