/* dhcp_sync_win32.c: pxb_dhcp_run and pxb_dhcp_explain on Windows: loads dhcpsapi.dll and
 * runs the portable plan / apply / verify / remove (ms_sync.c) or explain (ms_explain.c) with
 * a backend that reads a server and its
 * failover relationships (ms_read.c) and carries out changes (ms_write.c), each call on the
 * server it names (the one the admin gave, or a failover partner). */
#include "dhcp_sync.h"

#include <stdlib.h>

#include "dhcpsapi_loader.h"
#include "ms_call.h"
#include "ms_explain.h"
#include "ms_read.h"
#include "ms_sync.h"
#include "ms_wide.h"
#include "ms_write.h"

typedef struct win32_ctx {
    pxb_dhcpsapi api;
    int loaded;
    pxb_ms_error load_error;
} win32_ctx;

/* The server's name as the API takes it (NULL = this machine), or NULL with err set: check
 * *ok. */
static LPWSTR wide_server(win32_ctx *w, const char *server, pxb_ms_error *err, int *ok)
{
    int oom = 0;
    LPWSTR wide;

    *ok = 0;
    if (!w->loaded) {
        *err = w->load_error;
        return NULL;
    }
    wide = pxb_wide(server, 1, &oom);
    if (oom) {
        pxb_ms_no_memory(err);
        return NULL;
    }
    *ok = 1;
    return wide;
}

static int win32_read(void *ctx, const char *server, pxb_ms_state *state, pxb_ms_error *err)
{
    win32_ctx *w = ctx;
    int ok;
    LPWSTR wide = wide_server(w, server, err, &ok);
    int rc = ok ? pxb_ms_read(&w->api, wide, state, err) : -1;

    free(wide);
    return rc;
}

static int win32_change(void *ctx, const char *server, const pxb_ms_change *change,
                        pxb_ms_error *err)
{
    win32_ctx *w = ctx;
    int ok;
    LPWSTR wide = wide_server(w, server, err, &ok);
    int rc = ok ? pxb_ms_write(&w->api, wide, change, err) : -1;

    free(wide);
    return rc;
}

static int win32_relationships(void *ctx, const char *server, pxb_ms_failover *out,
                               pxb_ms_error *err)
{
    win32_ctx *w = ctx;
    int ok;
    LPWSTR wide = wide_server(w, server, err, &ok);
    int rc = ok ? pxb_ms_read_failover(&w->api, wide, out, err) : -1;

    free(wide);
    return rc;
}

/* Loads dhcpsapi.dll, runs one portable entry point with the backend over it, unloads. */
typedef enum pxb_dhcp_status (*with_backend_fn)(const pxb_ms_backend *backend, void *arg,
                                                 pxb_dhcp_result *out);

static enum pxb_dhcp_status with_backend(with_backend_fn fn, void *arg, pxb_dhcp_result *out)
{
    win32_ctx *w = calloc(1, sizeof *w);
    pxb_ms_backend backend = {w, win32_read, win32_change, win32_relationships};
    enum pxb_dhcp_status status;

    if (w == NULL)
        return pxb_ms_no_report(out);
    w->loaded = pxb_dhcpsapi_load(&w->api, &w->load_error) == 0;
    status = fn(&backend, arg, out);
    if (w->loaded)
        pxb_dhcpsapi_unload(&w->api);
    free(w);
    return status;
}

/* pxb_dhcp_run's and pxb_dhcp_explain's arguments, for with_backend. */
typedef struct run_args {
    enum pxb_dhcp_action action;
    const pxb_boot_plan *plan;
    const pxb_client *client;
    const char *server;
    enum pxb_dhcp_reach reach;
    pxb_dhcp_progress_fn progress;
    void *progress_ctx;
} run_args;

static enum pxb_dhcp_status run_sync(const pxb_ms_backend *backend, void *arg,
                                     pxb_dhcp_result *out)
{
    const run_args *a = arg;
    return pxb_ms_sync(a->action, a->plan, a->server, a->reach, backend, a->progress,
                       a->progress_ctx, out);
}

static enum pxb_dhcp_status run_explain(const pxb_ms_backend *backend, void *arg,
                                        pxb_dhcp_result *out)
{
    const run_args *a = arg;
    return pxb_ms_explain(a->plan, a->client, a->server, a->reach, backend, out);
}

enum pxb_dhcp_status pxb_dhcp_run(enum pxb_dhcp_action action, const pxb_boot_plan *plan,
                                  const char *server, enum pxb_dhcp_reach reach,
                                  pxb_dhcp_progress_fn progress, void *progress_ctx,
                                  pxb_dhcp_result *out)
{
    run_args a = {action, plan, NULL, server, reach, progress, progress_ctx};
    return with_backend(run_sync, &a, out);
}

enum pxb_dhcp_status pxb_dhcp_explain(const pxb_boot_plan *plan, const pxb_client *client,
                                      const char *server, enum pxb_dhcp_reach reach,
                                      pxb_dhcp_result *out)
{
    run_args a = {PXB_DHCP_VERIFY, plan, client, server, reach, NULL, NULL};
    return with_backend(run_explain, &a, out);
}
