/* http_range.h: the Range header of a GET (RFC 9110 section 14.2) against a file's size.
 * One byte range is served as 206; several ranges are answered with the whole file (200,
 * which RFC 9110 allows), a header that is not a valid bytes range is ignored (200). */
#ifndef PXB_HTTP_RANGE_H
#define PXB_HTTP_RANGE_H

#include <stdint.h>

enum http_range_kind {
    HTTP_RANGE_WHOLE,         /* no usable Range: send the whole file */
    HTTP_RANGE_PART,          /* one satisfiable range: first..last inclusive */
    HTTP_RANGE_UNSATISFIABLE, /* valid, but no byte of it is in the file: 416 */
};

typedef struct http_range {
    enum http_range_kind kind;
    uint64_t first, last;
} http_range;

/* header: the Range field's value, or NULL when the request has none. */
http_range http_range_parse(const char *header, uint64_t size);

#endif
