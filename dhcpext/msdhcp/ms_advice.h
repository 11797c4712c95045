/* ms_advice.h: what to tell the admin about a failed Microsoft DHCP management call. Pure C,
 * no OS calls. */
#ifndef PXB_MS_ADVICE_H
#define PXB_MS_ADVICE_H

#include <stddef.h>

#include "ms_error.h"

/* The advice for a failure: what happened and what to do, naming the server. */
void pxb_ms_advise(const pxb_ms_error *err, const char *server, char *out, size_t out_len);

#endif
