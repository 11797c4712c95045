/* dhcp_sync_win32.c: pxb_dhcp_run on Windows: loads dhcpsapi.dll and runs the portable
 * plan / apply / verify / remove (ms_sync.c) with a backend that reads the server
 * (ms_read.c) and carries out changes (ms_write.c). */
#include "dhcp_sync.h"

#include <stdlib.h>

#include "dhcpsapi_loader.h"
#include "ms_call.h"
#include "ms_read.h"
#include "ms_sync.h"
#include "ms_wide.h"
#include "ms_write.h"

typedef struct win32_ctx {
    pxb_dhcpsapi api;
    int loaded;
    pxb_ms_error load_error;
    LPWSTR server; /* NULL = this machine */
} win32_ctx;

static int win32_read(void *ctx, const char *server, pxb_ms_state *state, pxb_ms_error *err)
{
    win32_ctx *w = ctx;

    (void)server;
    if (!w->loaded) {
        *err = w->load_error;
        return -1;
    }
    return pxb_ms_read(&w->api, w->server, state, err);
}

static int win32_change(void *ctx, const char *server, const pxb_ms_change *change,
                        pxb_ms_error *err)
{
    win32_ctx *w = ctx;

    (void)server;
    return pxb_ms_write(&w->api, w->server, change, err);
}

enum pxb_dhcp_status pxb_dhcp_run(enum pxb_dhcp_action action, const pxb_boot_plan *plan,
                                  const char *server, pxb_dhcp_progress_fn progress,
                                  void *progress_ctx, pxb_dhcp_result *out)
{
    win32_ctx *w = calloc(1, sizeof *w);
    pxb_ms_backend backend = {w, win32_read, win32_change};
    enum pxb_dhcp_status status;
    int oom;

    if (w == NULL)
        return pxb_ms_no_report(out);
    w->server = pxb_wide(server, 1, &oom);
    if (oom)
        pxb_ms_no_memory(&w->load_error);
    else
        w->loaded = pxb_dhcpsapi_load(&w->api, &w->load_error) == 0;
    status = pxb_ms_sync(action, plan, server, &backend, progress, progress_ctx, out);
    if (w->loaded)
        pxb_dhcpsapi_unload(&w->api);
    free(w->server);
    free(w);
    return status;
}
