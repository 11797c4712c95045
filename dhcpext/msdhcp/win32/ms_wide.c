/* ms_wide.c: UTF-8 <-> UTF-16 conversions for the dhcpsapi calls (see ms_wide.h). */
#include "ms_wide.h"

#include <stdlib.h>

WCHAR *pxb_wide(const char *s, int null_if_empty, int *oom)
{
    int n;
    WCHAR *w;

    *oom = 0;
    if (s == NULL || (null_if_empty && s[0] == '\0'))
        return NULL;
    n = MultiByteToWideChar(CP_UTF8, 0, s, -1, NULL, 0);
    w = n > 0 ? malloc((size_t)n * sizeof *w) : NULL;
    if (w == NULL || MultiByteToWideChar(CP_UTF8, 0, s, -1, w, n) != n) {
        free(w);
        *oom = 1;
        return NULL;
    }
    return w;
}

void pxb_narrow(const WCHAR *w, char *out, size_t out_len)
{
    int n;

    out[0] = '\0';
    if (w == NULL)
        return;
    n = WideCharToMultiByte(CP_UTF8, 0, w, -1, out, (int)out_len, NULL, NULL);
    if (n <= 0)
        out[out_len - 1] = '\0';
}
