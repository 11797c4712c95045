/* http_date.h: HTTP dates (RFC 9110 section 5.6.7) as seconds since 1970 UTC, the form of
 * Last-Modified and If-Modified-Since. Pure code: no clock, no time zone, no locale. */
#ifndef PXB_HTTP_DATE_H
#define PXB_HTTP_DATE_H

#include <stddef.h>
#include <stdint.h>

/* "Sun, 06 Nov 1994 08:49:37 GMT" (29 characters) plus its NUL, with room to spare. */
#define HTTP_DATE_MAX 40

/* Writes the IMF-fixdate of unix_s (clamped to 1970..9999) into out[HTTP_DATE_MAX]. */
void http_date_format(int64_t unix_s, char out[HTTP_DATE_MAX]);

/* Parses an IMF-fixdate, the obsolete RFC 850 form ("Sunday, 06-Nov-94 08:49:37 GMT") or
 * asctime's ("Sun Nov  6 08:49:37 1994"), as RFC 9110 asks a recipient to. Returns 0 and
 * sets *unix_s, or -1 when text is none of them (the header is then ignored). */
int http_date_parse(const char *text, int64_t *unix_s);

#endif
