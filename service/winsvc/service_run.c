/* service_run.c: the PxeBridge service's work (see service_run.h). A reload reads the
 * registry again through the runtime's loader; when the log settings changed, the log file
 * is reopened with the new ones before the runtime applies the rest. Once the runtime has
 * applied them, the boot plan is reloaded: its first-stage images go to loop detection, the
 * boot script made from it to the TFTP server (boot.ipxe, when the root has none), and
 * it and the DHCP settings to the DHCP check's worker (dhcp_check.c). Group Policy's key
 * (HKLM\SOFTWARE\Policies\pxebridge), whose values win over Parameters, is watched
 * (reg_watch.c): a Group Policy refresh that changes it reloads as PARAMCHANGE does; the
 * settings Group Policy sets are logged at each load. The status pipe
 * (status_pipe.c) answers `pxebridge status` and `pxebridge log` from snapshots the run
 * thread takes at the end of a round (runtime_status.h) and the ring of recent log lines.
 * Whenever the plan's ProxyDhcp changes from what was checked (at the start: from off), a
 * running WDS is looked for (wds_check.c). */
#include "service_run.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "config_registry.h"
#include "dhcp_check.h"
#include "eventlog.h"
#include "http_server.h"
#include "log.h"
#include "logfile.h"
#include "plan_files.h"
#include "plan_registry.h"
#include "reg_watch.h"
#include "runtime.h"
#include "status_answer.h"
#include "status_pipe.h"
#include "wds_check.h"

#define PROGRAM "pxebridge-service"
/* How long a stop waits for the DHCP check to finish a call to a server: within the stop
 * wait hint service_main.c gives the SCM. */
#define DHCP_STOP_WAIT_MS 8000

/* The log file settings in force. */
typedef struct log_settings {
    char dir[PXB_CONFIG_PATH_MAX];
    uint32_t max_bytes;
    uint32_t files_kept;
} log_settings;

struct pxb_service {
    const pxb_args *args;
    int console;
    pxb_eventlog *eventlog;   /* service mode; NULL if it could not be opened */
    pxb_logfile *logfile;     /* NULL without LogDirectory or when it could not be opened */
    log_settings log;
    pxb_runtime *rt;
    pxb_boot_plan plan;       /* the plan in force; the defaults until one is usable */
    int plan_usable;          /* a stored plan was loaded */
    int wds_checked_mode;     /* the ProxyDhcp WDS was last checked for; off at first */
    pxb_error plan_problem;   /* why none is, while plan_usable is 0 */
    pxb_dhcp_check *dhcp;     /* NULL if its thread could not start */
    pxb_status_source status; /* what the status pipe answers from */
    pxb_status_pipe *pipe;    /* NULL if it could not start */
    pxb_http_server *http;    /* NULL while HttpPort is 0 or it could not start */
    http_counters http_counts; /* its counters, kept across its restarts */
    pxb_reg_watch *policy;    /* Group Policy's key; NULL if it could not be watched */
};

static void console_sink(void *ctx, int level, int event_id, const char *message)
{
    fprintf(stderr, PROGRAM ": %s: %s\n", pxb_log_level_name(level), message);
}

/* Points the log at the console or the Event Log, plus the log file if there is one. */
static void install_sinks(const pxb_service *svc)
{
    pxb_log_clear_sinks();
    if (svc->console)
        pxb_log_add_sink(console_sink, NULL);
    else if (svc->eventlog != NULL)
        pxb_log_add_sink(pxb_eventlog_sink, svc->eventlog);
    if (svc->logfile != NULL)
        pxb_log_add_sink(pxb_logfile_sink, svc->logfile);
    if (svc->status.ring != NULL)
        pxb_log_add_sink(pxb_log_ring_sink, svc->status.ring);
}

static int same_log_settings(const log_settings *a, const pxb_config *cfg)
{
    return strcmp(a->dir, cfg->log_dir) == 0 && a->max_bytes == cfg->log_max_bytes &&
           a->files_kept == cfg->log_files_kept;
}

/* Opens the log file cfg names (none if LogDirectory is empty) in place of the current
 * one. A log file that can't be opened is a warning, not a reason to stop serving. */
static void switch_log_file(pxb_service *svc, const pxb_config *cfg)
{
    pxb_error err = {0};
    pxb_logfile *old = svc->logfile;
    svc->logfile = NULL;
    if (cfg->log_dir[0] != '\0') {
        svc->logfile = pxb_logfile_open(cfg->log_dir, cfg->log_max_bytes, cfg->log_files_kept,
                                        &err);
    }
    install_sinks(svc);
    pxb_logfile_close(old);
    snprintf(svc->log.dir, sizeof svc->log.dir, "%s", cfg->log_dir);
    svc->log.max_bytes = cfg->log_max_bytes;
    svc->log.files_kept = cfg->log_files_kept;
    if (cfg->log_dir[0] != '\0' && svc->logfile == NULL)
        pxb_log(PXB_LOG_WARN, PXB_EV_GENERIC, "no log file: %s", err.text);
}

/* Logs which settings of t Group Policy sets under key, if any. */
static void log_policy(const pxb_setting_table *t, const pxb_setting_sources *sources,
                       const char *key)
{
    char names[PXB_ERROR_TEXT_MAX];
    if (pxb_setting_sources_list(t, sources, PXB_SOURCE_POLICY, names, sizeof names) > 0)
        pxb_log(PXB_LOG_INFO, PXB_EV_GENERIC, "set by Group Policy under %s: %s", key, names);
}

/* The runtime's loader: the registry (Group Policy's key first) and the flags, then the
 * log file settings; logs what Group Policy sets. */
static int load(void *ctx, pxb_config *out, pxb_error *err)
{
    pxb_service *svc = ctx;
    pxb_setting_sources sources;
    if (pxb_registry_load_sources(svc->args, out, &sources, err) != 0)
        return -1;
    if (!same_log_settings(&svc->log, out))
        switch_log_file(svc, out);
    log_policy(pxb_config_table(), &sources, PXB_POLICY_KEY);
    return 0;
}

/* The HTTP server's sink for the plan's generated files (plan_files.h). */
static int set_http_generated(void *ctx, const char *name, const void *text, size_t len)
{
    return pxb_http_set_generated(ctx, name, text, len);
}

/* Hands the HTTP server the files made from the plan in force (boot.ipxe, grub.cfg). */
static int serve_plan_over_http(pxb_service *svc)
{
    if (svc->http == NULL)
        return 0;
    return pxb_plan_files_serve(&svc->plan, pxb_runtime_config(svc->rt),
                                pxb_runtime_winpe(svc->rt), set_http_generated, svc->http);
}

/* Puts the plan in force (the defaults until a stored one is usable): loop detection's
 * first-stage images and the files made from it (boot.ipxe, grub.cfg), over TFTP and HTTP. */
static void apply_plan(pxb_service *svc)
{
    if (pxb_runtime_set_plan(svc->rt, &svc->plan) != 0 || serve_plan_over_http(svc) != 0)
        pxb_log(PXB_LOG_WARN, PXB_EV_GENERIC,
                "boot.ipxe or grub.cfg not regenerated from the boot plan: out of memory; "
                "the old one is served");
}

/* Starts, updates or stops the HTTP server for cfg (HttpPort 0: none). A server that
 * can't start is logged; TFTP serves on without it. */
static void switch_http(pxb_service *svc, const pxb_config *cfg)
{
    pxb_error err = {0};
    if (cfg->http_port == 0) {
        pxb_http_stop(svc->http);
        svc->http = NULL;
    } else if (svc->http != NULL) {
        pxb_http_update(svc->http, cfg);
    } else if ((svc->http = pxb_http_start(cfg, &svc->http_counts, &err)) == NULL) {
        pxb_log(PXB_LOG_ERROR, PXB_EV_LISTEN_FAILED, "%s", err.text);
    }
}

/* Looks for a running WDS when the plan's ProxyDhcp changed since the last look. */
static void check_wds(pxb_service *svc)
{
    if (svc->plan.proxy_dhcp == svc->wds_checked_mode)
        return;
    svc->wds_checked_mode = svc->plan.proxy_dhcp;
    pxb_wds_check(&svc->plan);
}

/* Loads the boot plan from the registry. A plan that is not usable leaves the one in force;
 * without DhcpServers that only matters to loop detection, so it is no warning then. */
static void load_plan(pxb_service *svc, const pxb_config *cfg)
{
    pxb_error err = {0};
    pxb_setting_sources sources;
    if (pxb_plan_registry_load(&svc->plan, &sources, &err) == 0) {
        svc->plan_usable = 1;
        pxb_error_clear(&svc->plan_problem);
        log_policy(pxb_plan_table(), &sources, PXB_BOOT_PLAN_POLICY_KEY);
    } else if (svc->plan_usable) {
        pxb_log(PXB_LOG_WARN, PXB_EV_CONFIG_ERROR,
                "boot plan not reloaded: %s; the one in force is kept", err.text);
    } else {
        svc->plan_problem = err;
        pxb_log(cfg->dhcp_server_count > 0 ? PXB_LOG_WARN : PXB_LOG_INFO, PXB_EV_CONFIG_ERROR,
                "no usable boot plan under " PXB_BOOT_PLAN_KEY
                ": %s; loop detection watches the default first-stage images",
                err.text);
    }
    apply_plan(svc);
    check_wds(svc);
}

static const pxb_boot_plan *usable_plan(const pxb_service *svc)
{
    return svc->plan_usable ? &svc->plan : NULL;
}

/* The runtime made the menus again for a changed WinPE catalog: HTTP serves them too. */
static void on_menus(void *ctx)
{
    pxb_service *svc = ctx;
    if (serve_plan_over_http(svc) != 0)
        pxb_log(PXB_LOG_ERROR, PXB_EV_GENERIC, "the boot menus made again for the changed "
                "WinPE catalog are not served over HTTP: out of memory; the old ones are");
}

/* The runtime applied a reloaded configuration: reload the plan and pass both on. */
static void on_reload(void *ctx, const pxb_config *cfg)
{
    pxb_service *svc = ctx;
    switch_http(svc, cfg);
    load_plan(svc, cfg);
    if (svc->dhcp != NULL)
        pxb_dhcp_check_update(svc->dhcp, cfg, usable_plan(svc), svc->plan_problem.text);
}

/* Starts the HTTP server, the plan, loop detection's images and the DHCP check for the
 * configuration cfg.
 * A DHCP check that can't start is logged; the TFTP server serves on without it. */
static void start_dhcp_work(pxb_service *svc, const pxb_config *cfg)
{
    pxb_error err = {0};
    pxb_plan_defaults(&svc->plan);
    switch_http(svc, cfg);
    load_plan(svc, cfg);
    svc->dhcp = pxb_dhcp_check_start(cfg, usable_plan(svc), svc->plan_problem.text, &err);
    if (svc->dhcp == NULL)
        pxb_log(PXB_LOG_ERROR, PXB_EV_DHCP_FAILED, "%s", err.text);
    pxb_runtime_on_reload(svc->rt, on_reload, svc);
    pxb_runtime_on_menus(svc->rt, on_menus, svc);
}

/* A pxb_reg_changed_fn: Group Policy's key changed. */
static void on_policy_change(void *ctx)
{
    pxb_service *svc = ctx;
    pxb_log(PXB_LOG_INFO, PXB_EV_GENERIC, PXB_POLICY_KEY " changed; reloading the settings");
    pxb_service_request_reload(svc);
}

/* Watches Group Policy's key; without the watch a policy change waits for PARAMCHANGE or a
 * restart, which is logged. */
static void watch_policy(pxb_service *svc)
{
    pxb_error err = {0};
    svc->policy = pxb_reg_watch_start(PXB_POLICY_SUBKEY, on_policy_change, svc, &err);
    if (svc->policy == NULL)
        pxb_log(PXB_LOG_WARN, PXB_EV_GENERIC,
                "%s; Group Policy changes apply at the next PARAMCHANGE or restart", err.text);
}

/* Opens the Event Log (service mode), registering its source first if needed. What went
 * wrong, if anything, is left in warning for the log file. */
static void open_eventlog(pxb_service *svc, pxb_error *warning)
{
    /* Without a registered source events still get logged, only without their text. */
    pxb_eventlog_register(NULL, warning);
    svc->eventlog = pxb_eventlog_open(warning);
}

static void describe_listeners(const pxb_config *cfg, char *out, size_t out_len)
{
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < cfg->listen_count; i++) {
        char host[PXB_ADDR_TEXT_MAX];
        pxb_addr_format_host(&cfg->listen[i], host, sizeof host);
        int n = snprintf(out + used, out_len - used, "%s%s", i ? ", " : "", host);
        if (n < 0 || (size_t)n >= out_len - used)
            return;
        used += (size_t)n;
    }
}

/* Starts the status pipe (`pxebridge status`, `pxebridge log`). Without it the service
 * serves on; the reason is logged. */
static void start_status_pipe(pxb_service *svc)
{
    pxb_error err = {0};
    svc->status.dhcp = svc->dhcp;
    svc->status.board = pxb_status_board_create(svc->rt);
    if (svc->status.ring == NULL || svc->status.board == NULL) {
        pxb_log(PXB_LOG_WARN, PXB_EV_GENERIC, "no status pipe: out of memory");
        return;
    }
    pxb_runtime_on_round(svc->rt, pxb_status_board_round, svc->status.board);
    svc->pipe = pxb_status_pipe_start(pxb_status_answer, &svc->status, &err);
    if (svc->pipe == NULL)
        pxb_log(PXB_LOG_WARN, PXB_EV_GENERIC, "%s", err.text);
}

pxb_service *pxb_service_start(const pxb_args *args, int console, int *exit_code)
{
    pxb_error err = {0};
    pxb_error warning = {0};
    pxb_config cfg;
    pxb_setting_sources sources;
    pxb_service *svc = calloc(1, sizeof *svc);
    if (svc == NULL) {
        fprintf(stderr, PROGRAM ": out of memory\n");
        *exit_code = PXB_EXIT_LISTEN;
        return NULL;
    }
    svc->args = args;
    svc->console = console;
    svc->status.ring = pxb_log_ring_create();
    http_counters_init(&svc->http_counts);
    svc->status.http = &svc->http_counts;
    svc->status.started_at = time(NULL);
    svc->status.started_ms = pxb_clock_now_ms();
    if (!console)
        open_eventlog(svc, &warning);
    install_sinks(svc);
    if (pxb_registry_load_sources(args, &cfg, &sources, &err) != 0) {
        pxb_log(PXB_LOG_ERROR, PXB_EV_CONFIG_ERROR, "cannot start: %s", err.text);
        *exit_code = PXB_EXIT_CONFIG;
        pxb_service_finish(svc);
        return NULL;
    }
    pxb_log_set_level(cfg.log_level);
    switch_log_file(svc, &cfg);
    log_policy(pxb_config_table(), &sources, PXB_POLICY_KEY);
    if (warning.text[0] != '\0')
        pxb_log(PXB_LOG_WARN, PXB_EV_GENERIC, "%s", warning.text);
    svc->rt = pxb_runtime_create(&cfg, &err);
    if (svc->rt == NULL) {
        pxb_log(PXB_LOG_ERROR, PXB_EV_LISTEN_FAILED, "cannot start: %s", err.text);
        *exit_code = PXB_EXIT_LISTEN;
        pxb_service_finish(svc);
        return NULL;
    }
    char listeners[512];
    describe_listeners(&cfg, listeners, sizeof listeners);
    pxb_log(PXB_LOG_INFO, PXB_EV_SERVICE_START,
            "PxeBridge %s serving %s on UDP port %u of %s", PXB_VERSION, cfg.tftp_root,
            (unsigned)cfg.port, listeners);
    start_dhcp_work(svc, &cfg);
    start_status_pipe(svc);
    watch_policy(svc);
    *exit_code = PXB_EXIT_OK;
    return svc;
}

int pxb_service_run(pxb_service *svc)
{
    return pxb_runtime_run(svc->rt, load, svc) == 0 ? PXB_EXIT_OK : PXB_EXIT_FAILED;
}

void pxb_service_request_stop(pxb_service *svc)
{
    pxb_runtime_request_stop(svc->rt);
}

void pxb_service_request_reload(pxb_service *svc)
{
    pxb_runtime_request_reload(svc->rt);
}

void pxb_service_finish(pxb_service *svc)
{
    pxb_reg_watch_stop(svc->policy);
    pxb_status_pipe_stop(svc->pipe);
    pxb_http_stop(svc->http);
    if (svc->dhcp != NULL && pxb_dhcp_check_stop(svc->dhcp, DHCP_STOP_WAIT_MS) != 0)
        pxb_log(PXB_LOG_WARN, PXB_EV_DHCP_FAILED,
                "the DHCP check did not finish its call to a DHCP server within %u s; "
                "stopping without it",
                DHCP_STOP_WAIT_MS / 1000);
    if (svc->rt != NULL) {
        pxb_runtime_destroy(svc->rt);
        pxb_log(PXB_LOG_INFO, PXB_EV_SERVICE_STOP, "PxeBridge stopped");
    }
    pxb_log_clear_sinks();
    pxb_status_board_destroy(svc->status.board);
    pxb_log_ring_destroy(svc->status.ring);
    pxb_logfile_close(svc->logfile);
    pxb_eventlog_close(svc->eventlog);
    free(svc);
}
