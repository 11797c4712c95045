/* http_log.h: the log line of one HTTP request, like a TFTP transfer's: the client, the
 * method and file, the status, the bytes sent, the time and the speed. Successes (2xx, 304)
 * are event 1007 at Info, refusals (4xx) event 1008 at Info with the reason, server
 * errors (5xx) event 1005 at Warn. */
#ifndef PXB_HTTP_LOG_H
#define PXB_HTTP_LOG_H

#include <stdint.h>

typedef struct http_log_entry {
    const char *client; /* "192.0.2.50:51234" */
    const char *method;
    const char *name;   /* the file's relative path, or the URL as sent when refused */
    int status;
    uint64_t bytes;     /* body bytes sent */
    uint64_t ms;
    const char *reason; /* why it was refused, or NULL */
} http_log_entry;

void http_log_request(const http_log_entry *e);

#endif
