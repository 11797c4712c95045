/* pxb_error.c: setting, clearing and prefixing the one error type (pxb_error.h). Every
 * function accepts a NULL err, for callers that only need to know that something failed. */
#include "pxb_error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void pxb_error_clear(pxb_error *err)
{
    if (!err)
        return;
    err->code = 0;
    err->text[0] = '\0';
}

static void set_text(pxb_error *err, unsigned long code, const char *fmt, va_list ap)
{
    err->code = code;
    vsnprintf(err->text, sizeof err->text, fmt, ap);
}

int pxb_error_set(pxb_error *err, const char *fmt, ...)
{
    if (!err)
        return -1;
    va_list ap;
    va_start(ap, fmt);
    set_text(err, 0, fmt, ap);
    va_end(ap);
    return -1;
}

int pxb_error_set_code(pxb_error *err, unsigned long code, const char *fmt, ...)
{
    if (!err)
        return -1;
    va_list ap;
    va_start(ap, fmt);
    set_text(err, code, fmt, ap);
    va_end(ap);
    return -1;
}

/* Appends src to dst (a buffer of dst_len bytes holding a NUL-terminated text), cut to fit. */
static void append_cut(char *dst, size_t dst_len, const char *src)
{
    size_t used = strlen(dst);
    size_t room = dst_len - 1 - used;
    size_t n = strlen(src);
    if (n > room)
        n = room;
    memcpy(dst + used, src, n);
    dst[used + n] = '\0';
}

void pxb_error_prefix(pxb_error *err, const char *fmt, ...)
{
    if (!err)
        return;
    char old[PXB_ERROR_TEXT_MAX];
    memcpy(old, err->text, sizeof old);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->text, sizeof err->text, fmt, ap);
    va_end(ap);
    if (!old[0])
        return;
    append_cut(err->text, sizeof err->text, ": ");
    append_cut(err->text, sizeof err->text, old);
}
