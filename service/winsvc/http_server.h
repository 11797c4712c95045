/* http_server.h: the HTTP server beside the TFTP server (docs/http.md): serves the TFTP
 * root, and the generated boot.ipxe, read-only over HTTP (GET and HEAD, ranges,
 * If-Modified-Since; the answers are http_request.h's). One backend per OS:
 * service/winsvc/http_sys.c over HTTP.sys; the native build has none. Its own threads: the
 * TFTP thread never waits for it. All calls are from the service's thread. */
#ifndef PXB_HTTP_SERVER_H
#define PXB_HTTP_SERVER_H

#include <stddef.h>

#include "config.h"
#include "http_stats.h"
#include "pxb_error.h"

typedef struct pxb_http_server pxb_http_server;

/* Starts serving cfg->tftp_root on cfg's HttpPort, HttpUrlPrefix, HttpTls and
 * HttpMaxConnections; cfg->http_port must not be 0. It counts its requests in counters
 * (http_stats.h), which must outlive it. The URL is registered on the server's
 * own thread, retried with a bounded backoff while the OS's HTTP service is not ready (each
 * try logged). NULL with the reason in err when memory or a thread is lacking. */
pxb_http_server *pxb_http_start(const pxb_config *cfg, http_counters *counters, pxb_error *err);

/* A reloaded configuration: a new root applies to the next request; a new port, prefix,
 * TLS or connection limit registers the URL anew (requests in flight end). */
void pxb_http_update(pxb_http_server *srv, const pxb_config *cfg);

/* Serves data[0..len) as the root-level file name when the root has no such file (the boot
 * script, boot.ipxe), like the TFTP server's generated_files. Returns 0, or -1 when memory
 * runs out (the old contents stay). */
int pxb_http_set_generated(pxb_http_server *srv, const char *name, const void *data, size_t len);

/* Unregisters the URL, ends the requests in flight and the threads, frees everything.
 * NULL is allowed. */
void pxb_http_stop(pxb_http_server *srv);

#endif
