/* ms_wide.h: UTF-8 <-> UTF-16 for the dhcpsapi boundary (the model keeps UTF-8, the API
 * takes and returns LPWSTR). */
#ifndef PXB_MS_WIDE_H
#define PXB_MS_WIDE_H

#include <stddef.h>
#include <windows.h>

/* A malloc'd UTF-16 copy, or NULL if out of memory. NULL or "" in gives NULL out when
 * `null_if_empty` (the API's "none"). */
WCHAR *pxb_wide(const char *s, int null_if_empty, int *oom);
/* Writes w (NULL = "") as UTF-8 into out, cut at out_len - 1 bytes. */
void pxb_narrow(const WCHAR *w, char *out, size_t out_len);

#endif
