/* ascii_case.h: ASCII character rules: comparing names (settings, file names, URLs)
 * ignoring case, and reading hex digits, the same on every OS and in every locale. */
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

/* True if a and b are the same relative path ignoring ASCII case, '/' and '\\' alike. */
static inline int pxb_ascii_same_path(const char *a, const char *b)
{
    for (;; a++, b++) {
        char x = *a == '\\' ? '/' : pxb_ascii_lower(*a);
        char y = *b == '\\' ? '/' : pxb_ascii_lower(*b);
        if (x != y)
            return 0;
        if (x == '\0')
            return 1;
    }
}

/* The value of a hex digit (either case), or -1 if c is none. */
static inline int pxb_hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

#endif
