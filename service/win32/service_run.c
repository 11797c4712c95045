/* service_run.c: the PxeBridge service's work (see service_run.h). A reload reads the
 * registry again through the runtime's loader; when the log settings changed, the log file
 * is reopened with the new ones before the runtime applies the rest. */
#include "service_run.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config_registry.h"
#include "eventlog.h"
#include "log.h"
#include "logfile.h"
#include "runtime.h"

#define PROGRAM "pxebridge-service"
#define ERR_MAX 2048

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
    char err[ERR_MAX];
    pxb_logfile *old = svc->logfile;
    svc->logfile = NULL;
    if (cfg->log_dir[0] != '\0') {
        svc->logfile = pxb_logfile_open(cfg->log_dir, cfg->log_max_bytes, cfg->log_files_kept,
                                        err, sizeof err);
    }
    install_sinks(svc);
    pxb_logfile_close(old);
    snprintf(svc->log.dir, sizeof svc->log.dir, "%s", cfg->log_dir);
    svc->log.max_bytes = cfg->log_max_bytes;
    svc->log.files_kept = cfg->log_files_kept;
    if (cfg->log_dir[0] != '\0' && svc->logfile == NULL)
        pxb_log(PXB_LOG_WARN, PXB_EV_GENERIC, "no log file: %s", err);
}

/* The runtime's loader: the registry and the flags, then the log file settings. */
static int load(void *ctx, pxb_config *out, char *err, size_t err_len)
{
    pxb_service *svc = ctx;
    if (pxb_registry_load((void *)svc->args, out, err, err_len) != 0)
        return -1;
    if (!same_log_settings(&svc->log, out))
        switch_log_file(svc, out);
    return 0;
}

/* Opens the Event Log (service mode), registering its source first if needed. What went
 * wrong, if anything, is left in warning for the log file. */
static void open_eventlog(pxb_service *svc, char *warning, size_t warning_len)
{
    char err[ERR_MAX];
    /* Without a registered source events still get logged, only without their text. */
    pxb_eventlog_register(warning, warning_len);
    svc->eventlog = pxb_eventlog_open(err, sizeof err);
    if (svc->eventlog == NULL)
        snprintf(warning, warning_len, "%s", err);
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

pxb_service *pxb_service_start(const pxb_args *args, int console, int *exit_code)
{
    char err[ERR_MAX];
    char warning[ERR_MAX] = "";
    pxb_config cfg;
    pxb_service *svc = calloc(1, sizeof *svc);
    if (svc == NULL) {
        fprintf(stderr, PROGRAM ": out of memory\n");
        *exit_code = PXB_EXIT_LISTEN;
        return NULL;
    }
    svc->args = args;
    svc->console = console;
    if (!console)
        open_eventlog(svc, warning, sizeof warning);
    install_sinks(svc);
    if (pxb_registry_load((void *)args, &cfg, err, sizeof err) != 0) {
        pxb_log(PXB_LOG_ERROR, PXB_EV_CONFIG_ERROR, "cannot start: %s", err);
        *exit_code = PXB_EXIT_CONFIG;
        pxb_service_finish(svc);
        return NULL;
    }
    pxb_log_set_level(cfg.log_level);
    switch_log_file(svc, &cfg);
    if (warning[0] != '\0')
        pxb_log(PXB_LOG_WARN, PXB_EV_GENERIC, "%s", warning);
    svc->rt = pxb_runtime_create(&cfg, err, sizeof err);
    if (svc->rt == NULL) {
        pxb_log(PXB_LOG_ERROR, PXB_EV_LISTEN_FAILED, "cannot start: %s", err);
        *exit_code = PXB_EXIT_LISTEN;
        pxb_service_finish(svc);
        return NULL;
    }
    char listeners[512];
    describe_listeners(&cfg, listeners, sizeof listeners);
    pxb_log(PXB_LOG_INFO, PXB_EV_SERVICE_START,
            "PxeBridge %s serving %s on UDP port %u of %s", PXB_VERSION, cfg.tftp_root,
            (unsigned)cfg.port, listeners);
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
    if (svc->rt != NULL) {
        pxb_runtime_destroy(svc->rt);
        pxb_log(PXB_LOG_INFO, PXB_EV_SERVICE_STOP, "PxeBridge stopped");
    }
    pxb_log_clear_sinks();
    pxb_logfile_close(svc->logfile);
    pxb_eventlog_close(svc->eventlog);
    free(svc);
}
