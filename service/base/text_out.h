/* text_out.h: appends text to a caller-provided buffer, the way every view of the boot plan
 * (explanations, the text form, the exports) writes its output. A short buffer is not an
 * error while writing: the writer keeps counting, so the caller learns the size it needs.
 * It also quotes values for the target formats and records why a value cannot be written. */
#ifndef PXB_TEXT_OUT_H
#define PXB_TEXT_OUT_H

#include <stddef.h>

#if defined(__GNUC__)
#define PXB_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define PXB_PRINTF(fmt, args)
#endif

#define PXB_TEXT_ERROR_MAX 256

typedef struct pxb_text {
    char *buf;
    size_t cap;     /* bytes in buf, NUL included */
    size_t len;     /* bytes written or wanted, NUL excluded; may exceed cap - 1 */
    int failed;     /* a value could not be written in the target format */
    char error[PXB_TEXT_ERROR_MAX]; /* the first such failure */
} pxb_text;

/* How a value is quoted. */
enum pxb_quote {
    PXB_QUOTE_BACKSLASH,  /* "..." with \" and \\: ISC dhcpd, dnsmasq, JSON (Kea) */
    PXB_QUOTE_POWERSHELL, /* '...' with '' for a quote: nothing else is special inside */
    PXB_QUOTE_CMD         /* "..." for a .cmd file: % doubled; a " cannot be written */
};

/* buf may be NULL when cap is 0 (measuring only). */
void pxb_text_init(pxb_text *t, char *buf, size_t cap);
void pxb_text_put(pxb_text *t, const char *s);
void pxb_text_printf(pxb_text *t, const char *fmt, ...) PXB_PRINTF(2, 3);
/* Writes s quoted; with PXB_QUOTE_CMD a '"' in s marks the text failed. */
void pxb_text_quote(pxb_text *t, const char *s, enum pxb_quote how);
/* Marks the text failed; the first message is kept. */
void pxb_text_fail(pxb_text *t, const char *fmt, ...) PXB_PRINTF(2, 3);
/* True if everything written fits in the buffer. */
int pxb_text_fits(const pxb_text *t);

#endif
