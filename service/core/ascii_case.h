/* ascii_case.h: comparing names (settings, file names, URLs) ignoring case by ASCII rules
 * only, so the result is the same on every OS and in every locale. */
#ifndef PXB_ASCII_CASE_H
#define PXB_ASCII_CASE_H

static inline char pxb_ascii_lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* True if a and b are the same text ignoring ASCII case. */
static inline int pxb_ascii_same(const char *a, const char *b)
{
    for (; *a && pxb_ascii_lower(*a) == pxb_ascii_lower(*b); a++, b++)
        continue;
    return pxb_ascii_lower(*a) == pxb_ascii_lower(*b);
}

#endif
