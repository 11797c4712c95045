/* http_range.c: parses "bytes=first-last", "bytes=first-" and "bytes=-suffix" and clamps
 * them to the file, as RFC 9110 section 14.1.2 says. A list of ranges, another unit or bad
 * syntax gives the whole file. */
#include "http_range.h"

#include <string.h>

#include "ascii_case.h"

static const char *skip_blanks(const char *p)
{
    while (*p == ' ' || *p == '\t')
        p++;
    return p;
}

/* Reads decimal digits at *p into *out (refusing overflow); -1 when there are none. */
static int read_number(const char **p, uint64_t *out)
{
    const char *s = *p;
    uint64_t v = 0;
    if (*s < '0' || *s > '9')
        return -1;
    for (; *s >= '0' && *s <= '9'; s++) {
        if (v > (UINT64_MAX - 9) / 10)
            return -1;
        v = v * 10 + (uint64_t)(*s - '0');
    }
    *p = s;
    *out = v;
    return 0;
}

/* One range-spec at p, which must end the header; -1 when it is not valid syntax. */
static int read_spec(const char *p, int *suffix, uint64_t *first, uint64_t *last, int *open)
{
    *suffix = *p == '-';
    *open = 0;
    if (*suffix) {
        p++;
        if (read_number(&p, last) != 0)
            return -1;
    } else {
        if (read_number(&p, first) != 0 || *p++ != '-')
            return -1;
        *open = read_number(&p, last) != 0;
        if (!*open && *last < *first)
            return -1;
    }
    return *skip_blanks(p) == '\0' ? 0 : -1;
}

http_range http_range_parse(const char *header, uint64_t size)
{
    http_range whole = {HTTP_RANGE_WHOLE, 0, size ? size - 1 : 0};
    http_range none = {HTTP_RANGE_UNSATISFIABLE, 0, 0};
    if (header == NULL)
        return whole;
    const char *p = skip_blanks(header);
    if (strlen(p) < 6 || !(pxb_ascii_lower(p[0]) == 'b' && pxb_ascii_lower(p[1]) == 'y' &&
                           pxb_ascii_lower(p[2]) == 't' && pxb_ascii_lower(p[3]) == 'e' &&
                           pxb_ascii_lower(p[4]) == 's' && p[5] == '='))
        return whole;
    int suffix, open;
    uint64_t first = 0, last = 0;
    if (read_spec(skip_blanks(p + 6), &suffix, &first, &last, &open) != 0)
        return whole;
    if (suffix) {
        if (last == 0 || size == 0)
            return none;
        return (http_range){HTTP_RANGE_PART, last >= size ? 0 : size - last, size - 1};
    }
    if (first >= size)
        return none;
    return (http_range){HTTP_RANGE_PART, first, open || last >= size ? size - 1 : last};
}
