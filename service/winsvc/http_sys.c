/* http_sys.c: the HTTP server over HTTP.sys (http_server.h). A control thread registers
 * the URL (server session, URL group bound to a request queue, the connection limit on
 * the group), retrying with a bounded backoff while the OS's HTTP service is not ready
 * (wine answers 1055 or 3 for a while after boot), then runs the workers: each one blocks
 * in a synchronous HttpReceiveHttpRequest and answers the request it gets
 * (http_sys_reply.c), so the requests in flight are bounded by the number of workers and a
 * slow client holds up only its own worker. A reload that changes the URL or the limit
 * registers anew; a stop shuts the queue down, which ends every blocked call. */
#include "http_server.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "http_sys.h"
#include "log.h"
#include "win_text.h"

/* Workers at most: the requests answered at once (HttpMaxConnections, if lower). */
#define HTTP_WORKERS_MAX 16
#define REQUEST_BUFFER 16384
#define RETRY_FIRST_MS 500
#define RETRY_MAX_MS 30000
#define CACHE_IDLE_BYTES (64u << 20)

/* The settings that make a listener: a change of any registers the URL anew. */
typedef struct listen_settings {
    uint16_t port;
    char prefix[PXB_HTTP_PREFIX_MAX];
    uint32_t tls, max_connections;
} listen_settings;

/* One registration: what HTTP.sys gave us for it. */
typedef struct listener {
    HTTP_SERVER_SESSION_ID session;
    HTTP_URL_GROUP_ID group;
    HANDLE queue;
} listener;

struct pxb_http_server {
    CRITICAL_SECTION lock;          /* guards want and active */
    listen_settings want;           /* the settings to listen with */
    listen_settings active;         /* those of the registration in force (control thread) */
    HANDLE wake;                    /* auto-reset: stop or new settings */
    volatile LONG stopping;
    HANDLE control;
    listener now;
    HANDLE workers[HTTP_WORKERS_MAX];
    size_t worker_count;
    http_sys_files files;
    http_counters *counters;
};

static void take_settings(listen_settings *s, const pxb_config *cfg)
{
    memset(s, 0, sizeof *s);
    s->port = cfg->http_port;
    snprintf(s->prefix, sizeof s->prefix, "%s", cfg->http_prefix);
    s->tls = cfg->http_tls;
    s->max_connections = cfg->http_max_connections;
}

/* The URL as HTTP.sys wants it: "http://+:8080/pxb/" (+: every host name and address). */
static wchar_t *url_of(const listen_settings *s)
{
    char text[PXB_HTTP_PREFIX_MAX + 32];
    snprintf(text, sizeof text, "%s://+:%u%s", s->tls ? "https" : "http", (unsigned)s->port,
             s->prefix);
    return pxb_wide_from_utf8(text);
}

static void close_listener(listener *l)
{
    if (l->group)
        HttpCloseUrlGroup(l->group);
    if (l->queue)
        HttpCloseRequestQueue(l->queue);
    if (l->session)
        HttpCloseServerSession(l->session);
    memset(l, 0, sizeof *l);
}

/* Limits that are not worth failing for when the OS does not take them: logged. */
static void set_limits(listener *l, const listen_settings *s)
{
    /* HttpServerConnectionsProperty: the QoS property carrying a connection limit. */
    HTTP_CONNECTION_LIMIT_INFO limit = {{1}, s->max_connections};
    HTTP_QOS_SETTING_INFO qos = {HttpQosSettingTypeConnectionLimit, &limit};
    ULONG rc = HttpSetUrlGroupProperty(l->group, HttpServerQosProperty, &qos, sizeof qos);
    if (rc != NO_ERROR)
        pxb_log(PXB_LOG_INFO, PXB_EV_GENERIC,
                "HTTP: the connection limit was not accepted (error %lu); requests in flight "
                "stay bounded by the workers", rc);
    HTTP_TIMEOUT_LIMIT_INFO timeouts = {{1}, 0, 0, 0, 60, 30, 0};
    rc = HttpSetUrlGroupProperty(l->group, HttpServerTimeoutsProperty, &timeouts, sizeof timeouts);
    if (rc != NO_ERROR)
        pxb_log(PXB_LOG_DEBUG, PXB_EV_GENERIC, "HTTP: timeouts not accepted (error %lu)", rc);
}

/* Registers s's URL; returns NO_ERROR or the failing call's error, named in *step. */
static ULONG open_listener(listener *l, const listen_settings *s, const char **step)
{
    HTTPAPI_VERSION v2 = HTTPAPI_VERSION_2;
    ULONG rc;
    memset(l, 0, sizeof *l);
    if ((rc = HttpCreateServerSession(v2, &l->session, 0)) != NO_ERROR)
        return *step = "HttpCreateServerSession", rc;
    if ((rc = HttpCreateUrlGroup(l->session, &l->group, 0)) != NO_ERROR)
        return *step = "HttpCreateUrlGroup", rc;
    if ((rc = HttpCreateRequestQueue(v2, NULL, NULL, 0, &l->queue)) != NO_ERROR)
        return *step = "HttpCreateRequestQueue", rc;
    HTTP_BINDING_INFO binding = {{1}, l->queue};
    if ((rc = HttpSetUrlGroupProperty(l->group, HttpServerBindingProperty, &binding,
                                      sizeof binding)) != NO_ERROR)
        return *step = "HttpSetUrlGroupProperty(binding)", rc;
    set_limits(l, s);
    wchar_t *url = url_of(s);
    rc = url ? HttpAddUrlToUrlGroup(l->group, url, 0, 0) : ERROR_NOT_ENOUGH_MEMORY;
    free(url);
    return *step = "HttpAddUrlToUrlGroup", rc;
}

static DWORD WINAPI worker_main(void *arg)
{
    pxb_http_server *srv = arg;
    HANDLE queue = srv->now.queue;
    char prefix[PXB_HTTP_PREFIX_MAX];
    snprintf(prefix, sizeof prefix, "%s", srv->active.prefix);
    HTTP_REQUEST *req = malloc(REQUEST_BUFFER);
    while (req != NULL && !srv->stopping) {
        ULONG got = 0;
        HTTP_REQUEST_ID id = 0;
        memset(req, 0, REQUEST_BUFFER);
        ULONG rc = HttpReceiveHttpRequest(queue, id, 0, req, REQUEST_BUFFER, &got, NULL);
        if (rc == NO_ERROR)
            http_sys_reply(queue, req, prefix, &srv->files, srv->counters);
        else if (rc == ERROR_MORE_DATA)
            http_sys_reply_unreadable(queue, req->RequestId, srv->counters);
        else
            break; /* the queue was shut down (ERROR_OPERATION_ABORTED) or closed */
    }
    free(req);
    return 0;
}

static void start_workers(pxb_http_server *srv)
{
    size_t want = srv->active.max_connections < HTTP_WORKERS_MAX ? srv->active.max_connections
                                                                 : HTTP_WORKERS_MAX;
    srv->worker_count = 0;
    for (size_t i = 0; i < want; i++) {
        HANDLE t = CreateThread(NULL, 0, worker_main, srv, 0, NULL);
        if (t == NULL)
            break;
        srv->workers[srv->worker_count++] = t;
    }
}

/* True under wine, whose httpapi.dll has HttpShutdownRequestQueue as a stub that ends the
 * process when called. */
static int on_wine(void)
{
    HMODULE ntdll = GetModuleHandleW(L"ntdll.dll");
    return ntdll != NULL && GetProcAddress(ntdll, "wine_get_version") != NULL;
}

/* Ends the registration in force and waits for the workers: on Windows the queue's
 * shutdown fails every blocked receive; on wine closing the queue does. */
static void stop_workers(pxb_http_server *srv)
{
    if (srv->now.queue && !on_wine()) {
        HttpShutdownRequestQueue(srv->now.queue);
    } else if (srv->now.queue) {
        HttpCloseRequestQueue(srv->now.queue);
        srv->now.queue = NULL;
    }
    if (srv->worker_count > 0)
        WaitForMultipleObjects((DWORD)srv->worker_count, srv->workers, TRUE, INFINITE);
    for (size_t i = 0; i < srv->worker_count; i++)
        CloseHandle(srv->workers[i]);
    srv->worker_count = 0;
    close_listener(&srv->now);
    http_counters_set_listening(srv->counters, 0);
}

/* True when the settings to listen with differ from those of the registration in force. */
static int settings_changed(pxb_http_server *srv)
{
    EnterCriticalSection(&srv->lock);
    int changed = memcmp(&srv->want, &srv->active, sizeof srv->want) != 0;
    LeaveCriticalSection(&srv->lock);
    return changed;
}

/* One try at HttpInitialize (once) and the registration; NO_ERROR or the error, *step
 * naming the call. */
static ULONG try_register(pxb_http_server *srv, int *initialized, const char **step)
{
    HTTPAPI_VERSION v2 = HTTPAPI_VERSION_2;
    ULONG rc = NO_ERROR;
    if (!*initialized && (rc = HttpInitialize(v2, HTTP_INITIALIZE_SERVER, NULL)) != NO_ERROR)
        return *step = "HttpInitialize", rc;
    *initialized = 1;
    EnterCriticalSection(&srv->lock);
    srv->active = srv->want;
    LeaveCriticalSection(&srv->lock);
    rc = open_listener(&srv->now, &srv->active, step);
    if (rc != NO_ERROR)
        close_listener(&srv->now);
    return rc;
}

/* Registers until it works or the server stops (-1); the wait between tries doubles from
 * RETRY_FIRST_MS up to RETRY_MAX_MS, and each failed try is logged. */
static int register_with_retry(pxb_http_server *srv, int *initialized)
{
    DWORD wait = RETRY_FIRST_MS;
    for (unsigned tries = 1; !srv->stopping; tries++) {
        const char *step = "";
        char why[256];
        ULONG rc = try_register(srv, initialized, &step);
        if (rc == NO_ERROR) {
            pxb_log(PXB_LOG_INFO, PXB_EV_GENERIC, "HTTP: serving %s://+:%u%s (try %u)",
                    srv->active.tls ? "https" : "http", (unsigned)srv->active.port,
                    srv->active.prefix, tries);
            return 0;
        }
        pxb_describe_error(rc, why, sizeof why);
        pxb_log(PXB_LOG_WARN, PXB_EV_LISTEN_FAILED,
                "HTTP: %s failed: %s; trying again in %lu ms (try %u)", step, why,
                (unsigned long)wait, tries);
        WaitForSingleObject(srv->wake, wait);
        wait = wait * 2 > RETRY_MAX_MS ? RETRY_MAX_MS : wait * 2;
    }
    return -1;
}

static DWORD WINAPI control_main(void *arg)
{
    pxb_http_server *srv = arg;
    int initialized = 0;
    while (register_with_retry(srv, &initialized) == 0) {
        start_workers(srv);
        http_counters_set_listening(srv->counters, 1);
        while (!srv->stopping && !settings_changed(srv))
            WaitForSingleObject(srv->wake, INFINITE);
        stop_workers(srv);
    }
    if (initialized)
        HttpTerminate(HTTP_INITIALIZE_SERVER, NULL);
    return 0;
}

static int create_files(http_sys_files *f, const char *root)
{
    InitializeCriticalSection(&f->lock);
    snprintf(f->root, sizeof f->root, "%s", root);
    f->generated_at = (int64_t)time(NULL);
    f->cache = file_cache_create(f->root, CACHE_IDLE_BYTES);
    f->generated = f->cache ? generated_files_create(file_cache_provider(f->cache)) : NULL;
    return f->generated ? 0 : -1;
}

static void destroy_files(http_sys_files *f)
{
    generated_files_destroy(f->generated);
    if (f->cache)
        file_cache_destroy(f->cache);
    DeleteCriticalSection(&f->lock);
}

static void free_server(pxb_http_server *srv)
{
    if (srv->wake)
        CloseHandle(srv->wake);
    destroy_files(&srv->files);
    DeleteCriticalSection(&srv->lock);
    free(srv);
}

pxb_http_server *pxb_http_start(const pxb_config *cfg, http_counters *counters, pxb_error *err)
{
    pxb_http_server *srv = calloc(1, sizeof *srv);
    if (srv == NULL) {
        pxb_error_set(err, "HTTP server not started: out of memory");
        return NULL;
    }
    InitializeCriticalSection(&srv->lock);
    srv->counters = counters;
    take_settings(&srv->want, cfg);
    srv->wake = CreateEventW(NULL, FALSE, FALSE, NULL);
    if (create_files(&srv->files, cfg->tftp_root) != 0 || srv->wake == NULL ||
        (srv->control = CreateThread(NULL, 0, control_main, srv, 0, NULL)) == NULL) {
        pxb_error_set(err, "HTTP server not started: out of memory or threads");
        free_server(srv);
        return NULL;
    }
    return srv;
}

void pxb_http_update(pxb_http_server *srv, const pxb_config *cfg)
{
    EnterCriticalSection(&srv->files.lock);
    if (strcmp(srv->files.root, cfg->tftp_root) != 0) {
        snprintf(srv->files.root, sizeof srv->files.root, "%s", cfg->tftp_root);
        file_cache_set_root(srv->files.cache, srv->files.root);
    }
    LeaveCriticalSection(&srv->files.lock);
    EnterCriticalSection(&srv->lock);
    take_settings(&srv->want, cfg);
    LeaveCriticalSection(&srv->lock);
    SetEvent(srv->wake);
}

int pxb_http_set_generated(pxb_http_server *srv, const char *name, const void *data, size_t len)
{
    EnterCriticalSection(&srv->files.lock);
    int rc = generated_files_set(srv->files.generated, name, data, len);
    if (rc == 0)
        srv->files.generated_at = (int64_t)time(NULL);
    LeaveCriticalSection(&srv->files.lock);
    return rc;
}

void pxb_http_stop(pxb_http_server *srv)
{
    if (srv == NULL)
        return;
    InterlockedExchange(&srv->stopping, 1);
    SetEvent(srv->wake);
    WaitForSingleObject(srv->control, INFINITE);
    CloseHandle(srv->control);
    free_server(srv);
}
