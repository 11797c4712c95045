/* problems.c: gathers a loader's problems into one "; "-joined message (see problems.h). */
#include "problems.h"

#include <stdarg.h>
#include <stdio.h>

void pxb_problems_init(pxb_problems *p, char *text, size_t len)
{
    p->text = text;
    p->len = len;
    p->used = 0;
    p->count = 0;
    text[0] = '\0';
}

void pxb_problems_add(pxb_problems *p, const char *fmt, ...)
{
    size_t room = p->len - p->used;
    int n = p->count ? snprintf(p->text + p->used, room, "; ") : 0;
    if (n > 0)
        p->used += (size_t)n < room ? (size_t)n : room - 1;
    room = p->len - p->used;
    va_list ap;
    va_start(ap, fmt);
    n = vsnprintf(p->text + p->used, room, fmt, ap);
    va_end(ap);
    if (n > 0)
        p->used += (size_t)n < room ? (size_t)n : room - 1;
    p->count++;
}
