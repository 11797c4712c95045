/* runtime.h: runs the TFTP server: binds the listening sockets from the configuration,
 * drives the engine (tftp_server.h) from the event loop (evloop.h) and the clock, serves
 * files through the file cache, and applies a new configuration without dropping the
 * transfers in flight. Portable; the OS mains (service/posix/tftpd_main.c,
 * service/win32/service_main.c) create one and call pxb_runtime_run on one thread. */
#ifndef PXB_RUNTIME_H
#define PXB_RUNTIME_H

#include <stddef.h>

#include "config.h"
#include "tftp_server.h"

typedef struct pxb_runtime pxb_runtime;

/* Loads a configuration (e.g. from the registry plus command-line overrides) for a reload.
 * Returns 0, or -1 with the reasons in err (the configuration in force is then kept). */
typedef int (*pxb_config_loader)(void *ctx, pxb_config *out, char *err, size_t err_len);

/* Binds every listen address; fails (NULL, reason in err) if none can be bound. */
pxb_runtime *pxb_runtime_create(const pxb_config *cfg, char *err, size_t err_len);
void pxb_runtime_destroy(pxb_runtime *rt);

/* Runs until pxb_runtime_request_stop. On pxb_runtime_request_reload it calls loader and
 * applies the result (new limits for new transfers, new root, rebinds listeners whose
 * address or port changed); transfers in flight continue. Returns 0 after a stop, -1 if
 * the event loop fails. A stop requested before the call makes it return at once; each
 * stop request ends one call. */
int pxb_runtime_run(pxb_runtime *rt, pxb_config_loader loader, void *loader_ctx);

/* Safe from any thread (a service control handler) and, on POSIX, from a signal handler. */
void pxb_runtime_request_stop(pxb_runtime *rt);
void pxb_runtime_request_reload(pxb_runtime *rt);

/* Applies cfg now, from the run thread (used by the reload path and by tests). */
int pxb_runtime_apply(pxb_runtime *rt, const pxb_config *cfg, char *err, size_t err_len);

void pxb_runtime_get_stats(const pxb_runtime *rt, tftp_stats *out);

#endif
