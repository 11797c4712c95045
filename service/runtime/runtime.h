/* runtime.h: runs the TFTP server: binds the listening sockets from the configuration,
 * drives the engine (tftp_server.h) from the event loop (evloop.h) and the clock, serves
 * files through the file cache (and boot.ipxe made from the boot plan when the root has
 * none, generated_files.h), watches for clients in a boot loop (loop_detect.h), and
 * applies a new configuration without dropping the transfers in flight; answers PXE
 * clients itself where the boot plan's ProxyDhcp says so (proxy_server.h). Portable; the OS mains (service/tftpd/tftpd_main.c,
 * service/winsvc/service_main.c) create one and call pxb_runtime_run on one thread. */
#ifndef PXB_RUNTIME_H
#define PXB_RUNTIME_H

#include <stddef.h>

#include "boot_plan.h"
#include "config.h"
#include "journey.h"
#include "loop_detect.h"
#include "proxy_server.h"
#include "pxb_error.h"
#include "tftp_server.h"
#include "winpe_catalog.h"

typedef struct pxb_runtime pxb_runtime;

/* Loads a configuration (e.g. from the registry plus command-line overrides) for a reload.
 * Returns 0, or -1 with the reasons in err (the configuration in force is then kept). */
typedef int (*pxb_config_loader)(void *ctx, pxb_config *out, pxb_error *err);
/* Told of each configuration a reload applied, on the run thread. */
typedef void (*pxb_config_applied_fn)(void *ctx, const pxb_config *cfg);

/* Binds every listen address; fails (NULL, reason in err) if none can be bound. */
pxb_runtime *pxb_runtime_create(const pxb_config *cfg, pxb_error *err);
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
int pxb_runtime_apply(pxb_runtime *rt, const pxb_config *cfg, pxb_error *err);

/* Calls fn after each reload that applied a new configuration (fn NULL: none). Call it
 * before pxb_runtime_run. */
void pxb_runtime_on_reload(pxb_runtime *rt, pxb_config_applied_fn fn, void *ctx);

/* The first-stage image names loop detection watches (loop_detect.h): the boot plan's stage
 * files. None until this is called. Returns 0, or -1 (names unchanged) for more than
 * LOOP_FILES_MAX names or one too long. From the run thread, or before pxb_runtime_run. */
int pxb_runtime_set_first_stages(pxb_runtime *rt, const char *const *names, size_t count);

/* The clients looping now (LoopThreshold first-stage downloads within LoopWindowSeconds),
 * most recently seen first: writes up to max into out, returns how many there are. Like
 * pxb_runtime_get_stats, from the run thread or while pxb_runtime_run is not running. */
size_t pxb_runtime_get_loops(const pxb_runtime *rt, loop_info *out, size_t max);
/* The recent clients' journeys (journey.h), most recently seen first, and one client's
 * whole journey (0, or -1 if it is not known); like pxb_runtime_get_stats. */
size_t pxb_runtime_get_journeys(const pxb_runtime *rt, journey_summary *out, size_t max);
int pxb_runtime_find_journey(const pxb_runtime *rt, const journey_key *key, journey_client *out);

void pxb_runtime_get_stats(const pxb_runtime *rt, tftp_stats *out);
/* The proxyDHCP server's mode, sockets and counts per verdict; like pxb_runtime_get_stats. */
void pxb_runtime_get_proxy(const pxb_runtime *rt, pxb_proxy_status *out);

/* Called on the run thread after the runtime made the generated files again because the
 * TFTP root's WinPE catalog changed (checked every few seconds once a plan is set), so the
 * program can hand them to its HTTP server too. fn NULL: none. Call it before
 * pxb_runtime_run. */
typedef void (*pxb_menus_fn)(void *ctx);
void pxb_runtime_on_menus(pxb_runtime *rt, pxb_menus_fn fn, void *ctx);
/* What the generated menus offer of WinPE and over which protocol (menu_source.h's
 * description); like pxb_runtime_config. */
size_t pxb_runtime_describe_menus(const pxb_runtime *rt, char *out, size_t out_len);
/* The WinPE catalog the generated menus are made from; like pxb_runtime_config. */
const pxb_winpe_catalog *pxb_runtime_winpe(const pxb_runtime *rt);
/* The configuration in force; from the run thread, or while pxb_runtime_run is not running. */
const pxb_config *pxb_runtime_config(const pxb_runtime *rt);

/* Called on the run thread at the end of every round of the event loop (after each wake-up,
 * batch of datagrams or timer): where other threads' requests for the runtime's numbers are
 * answered (runtime_status.h). fn NULL: none. Call it before pxb_runtime_run. */
typedef void (*pxb_round_fn)(void *ctx);
void pxb_runtime_on_round(pxb_runtime *rt, pxb_round_fn fn, void *ctx);

/* Wakes the run thread for a round with nothing else to do. Safe from any thread. */
void pxb_runtime_wake(pxb_runtime *rt);

/* Puts plan in force: loop detection watches its first-stage images (as with
 * pxb_runtime_set_first_stages), boot.ipxe and GRUB's grub/grub.cfg made from it
 * (boot_script.h, grub_menu.h) are served whenever the TFTP root has no file of that name
 * (transfers in flight finish on the old ones), and each UEFI first-stage image in the root
 * that Secure Boot firmware refuses is logged as a warning; the proxyDHCP server answers
 * by it and listens as its ProxyDhcp says on the ListenAddresses in force (their IPv4
 * ones; 0.0.0.0: every interface address, listed anew each time). Nothing generated and
 * no proxyDHCP until this is called. Returns 0, or -1 (the old files kept) when memory runs out. From the run thread,
 * or before pxb_runtime_run. */
int pxb_runtime_set_plan(pxb_runtime *rt, const pxb_boot_plan *plan);

#endif
