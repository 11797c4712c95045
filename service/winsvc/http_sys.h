/* http_sys.h: what the two halves of the HTTP.sys backend share: http_sys.c registers the
 * URL and runs the threads, http_sys_reply.c answers one request. The file provider (the
 * HTTP server's own file cache with the generated boot.ipxe in front) is single-threaded,
 * so every use is under files_lock; it is held only to open or release a file. */
#ifndef PXB_HTTP_SYS_H
#define PXB_HTTP_SYS_H

#define WIN32_LEAN_AND_MEAN
#include <winsock2.h>
#include <windows.h>
#include <http.h>
#include <stdint.h>

#include "config.h"
#include "file_cache.h"
#include "generated_files.h"
#include "http_stats.h"

typedef struct http_sys_files {
    CRITICAL_SECTION lock;
    file_cache *cache;
    generated_files *generated;
    char root[PXB_CONFIG_PATH_MAX];
    int64_t generated_at;   /* seconds since 1970 when the generated files were last set */
    volatile LONG memory_only; /* 1 once the OS refused a file-handle chunk (wine: 120) */
} http_sys_files;

/* One request in the queue, answered and counted. prefix: HttpUrlPrefix. */
void http_sys_reply(HANDLE queue, HTTP_REQUEST *req, const char *prefix, http_sys_files *files,
                    http_counters *counters);

/* Answers a request that could not be read whole (headers too large) with 400. */
void http_sys_reply_unreadable(HANDLE queue, HTTP_REQUEST_ID id, http_counters *counters);

#endif
