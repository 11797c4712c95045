/* http_request.h: what the HTTP server answers a request for a file, decided from the
 * request's method, URL, Range and If-Modified-Since and the file's size and time. Pure
 * code shared by every HTTP backend (service/winsvc/http_sys.c): the backend only carries
 * the answer out. The URL goes through the same path rules as a TFTP file name
 * (tftp_path.h) after percent-decoding, so both protocols serve exactly the same files. */
#ifndef PXB_HTTP_REQUEST_H
#define PXB_HTTP_REQUEST_H

#include <stddef.h>
#include <stdint.h>

#include "http_date.h"
#include "tftp_path.h"

/* The methods served, as the Allow header of a 405 lists them. */
#define HTTP_ALLOWED_METHODS "GET, HEAD"
/* "bytes first-last/size" or "bytes * / size" plus its NUL. */
#define HTTP_CONTENT_RANGE_MAX 72

/* 1 for GET, 0 for HEAD, -1 for any other method (answer 405 with Allow). */
int http_method_sends_body(const char *method);

/* Turns the URL the client sent (origin form "/pxb/boot/x.efi?q", or absolute form
 * "http://host:80/pxb/...") into the relative path under the root, as tftp_path_normalize
 * writes it. prefix_path is the URL prefix's path ("/pxb/", ending in '/'), matched
 * ignoring ASCII case. Returns 0, or the status to answer with *reason set: 400 (bad
 * percent-encoding), 404 (not under the prefix, or no file named), 403 (refused by the path
 * rules: outside the root, a device name, ...). */
int http_request_target(const char *prefix_path, const char *url, char *relpath,
                        size_t relpath_len, const char **reason);

typedef struct http_answer {
    int status;                   /* 200, 206, 304 or 416 */
    int send_body;                /* 0 for HEAD, 304 and 416 */
    uint64_t offset, length;      /* the bytes of the file the answer carries */
    uint64_t content_length;      /* the Content-Length header (a HEAD's is the GET's) */
    char content_range[HTTP_CONTENT_RANGE_MAX]; /* "" when the answer has none */
    char last_modified[HTTP_DATE_MAX];
} http_answer;

/* The answer to a GET (sends_body 1) or HEAD (0) of a file of size bytes last changed at
 * mtime_s (seconds since 1970). range and if_modified_since are the headers' values or
 * NULL. If-Modified-Since is weighed before Range (RFC 9110 section 13.2.2). */
http_answer http_answer_decide(int sends_body, const char *range, const char *if_modified_since,
                               uint64_t size, int64_t mtime_s);

/* Seconds since 1970 of a file stamp's nanoseconds, rounded down. */
int64_t http_seconds_of_ns(int64_t mtime_ns);

#endif
