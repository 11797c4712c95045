/* http_log.c: writes one HTTP request's log line through log.h. */
#include "http_log.h"

#include "log.h"
#include "throughput.h"

void http_log_request(const http_log_entry *e)
{
    unsigned long long bytes = e->bytes, ms = e->ms;
    if (e->status < 400) {
        pxb_log(PXB_LOG_INFO, PXB_EV_TRANSFER_DONE,
                "%s: HTTP %s '%s' %d, %llu bytes in %llu ms (%.1f MB/s)", e->client, e->method,
                e->name, e->status, bytes, ms, pxb_megabytes_per_second(e->bytes, e->ms));
        return;
    }
    pxb_log(e->status < 500 ? PXB_LOG_INFO : PXB_LOG_WARN,
            e->status < 500 ? PXB_EV_REQUEST_REFUSED : PXB_EV_TRANSFER_FAILED,
            "%s: HTTP %s '%s' refused with %d: %s", e->client, e->method, e->name, e->status,
            e->reason ? e->reason : "");
}
