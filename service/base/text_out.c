/* text_out.c: the append-only text writer and the quoting rules of the export formats (see
 * text_out.h). */
#include "text_out.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void pxb_text_init(pxb_text *t, char *buf, size_t cap)
{
    t->buf = buf;
    t->cap = cap;
    t->len = 0;
    t->failed = 0;
    t->error[0] = '\0';
    if (cap > 0)
        buf[0] = '\0';
}

/* Appends n bytes, or counts them when they do not fit; the buffer stays NUL-terminated. */
static void append(pxb_text *t, const char *s, size_t n)
{
    if (t->len < t->cap) {
        size_t room = t->cap - 1 - t->len;
        size_t copy = n < room ? n : room;
        memcpy(t->buf + t->len, s, copy);
        t->buf[t->len + copy] = '\0';
    }
    t->len += n;
}

void pxb_text_put(pxb_text *t, const char *s)
{
    append(t, s, strlen(s));
}

void pxb_text_printf(pxb_text *t, const char *fmt, ...)
{
    char line[1024];
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof line) {
        pxb_text_fail(t, "internal: a formatted piece is longer than %u bytes",
                      (unsigned)sizeof line);
        return;
    }
    append(t, line, (size_t)n);
}

void pxb_text_fail(pxb_text *t, const char *fmt, ...)
{
    va_list ap;

    if (t->failed)
        return;
    t->failed = 1;
    va_start(ap, fmt);
    vsnprintf(t->error, sizeof t->error, fmt, ap);
    va_end(ap);
}

/* The replacement for one character inside quotes, or NULL to copy it as it is. */
static const char *escape_char(char c, enum pxb_quote how)
{
    switch (how) {
    case PXB_QUOTE_BACKSLASH:
        return c == '"' ? "\\\"" : c == '\\' ? "\\\\" : NULL;
    case PXB_QUOTE_POWERSHELL:
        return c == '\'' ? "''" : NULL;
    case PXB_QUOTE_CMD:
        return c == '%' ? "%%" : NULL;
    }
    return NULL;
}

void pxb_text_quote(pxb_text *t, const char *s, enum pxb_quote how)
{
    const char *mark = how == PXB_QUOTE_POWERSHELL ? "'" : "\"";

    if (how == PXB_QUOTE_CMD && strchr(s, '"') != NULL)
        pxb_text_fail(t, "the value %s contains a double quote, which a netsh command line "
                      "cannot carry", s);
    pxb_text_put(t, mark);
    for (; *s; s++) {
        const char *esc = escape_char(*s, how);
        if (esc)
            pxb_text_put(t, esc);
        else
            append(t, s, 1);
    }
    pxb_text_put(t, mark);
}

int pxb_text_fits(const pxb_text *t)
{
    return t->len < t->cap;
}
