/* problems.c: gathers a loader's problems into one "; "-joined error (see problems.h). */
#include "problems.h"

#include <stdarg.h>
#include <stdio.h>

void pxb_problems_init(pxb_problems *p)
{
    pxb_error_clear(&p->joined);
    p->used = 0;
    p->count = 0;
}

/* Moves p->used on by what vsnprintf said it wrote (n), as far as the text holds. */
static void advance(pxb_problems *p, int n)
{
    size_t room = sizeof p->joined.text - p->used;
    if (n > 0)
        p->used += (size_t)n < room ? (size_t)n : room - 1;
}

void pxb_problems_add(pxb_problems *p, const char *fmt, ...)
{
    char *text = p->joined.text;
    if (p->count)
        advance(p, snprintf(text + p->used, sizeof p->joined.text - p->used, "; "));
    va_list ap;
    va_start(ap, fmt);
    advance(p, vsnprintf(text + p->used, sizeof p->joined.text - p->used, fmt, ap));
    va_end(ap);
    p->count++;
}

int pxb_problems_report(const pxb_problems *p, pxb_error *err)
{
    if (p->count == 0)
        return 0;
    return pxb_error_set(err, "%s", p->joined.text);
}
