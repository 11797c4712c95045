/* tftpd_main.c: the native TFTP server, out/native/pxebridge-tftpd. Builds its configuration
 * from defaults plus the command line, logs to stderr (and a rotating file with --log-dir),
 * runs the server until SIGINT or SIGTERM, and re-reads the same command line on SIGHUP. */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "args.h"
#include "config.h"
#include "log.h"
#include "logfile.h"
#include "runtime.h"

#define PROGRAM "pxebridge-tftpd"
#define DEFAULT_ROOT "./tftpboot"
#define ERR_MAX 1024

/* The runtime the signal handlers act on; set while it runs. */
static pxb_runtime *running;

static void on_stop_signal(int sig)
{
    (void)sig;
    pxb_runtime_request_stop(running);
}

static void on_reload_signal(int sig)
{
    (void)sig;
    pxb_runtime_request_reload(running);
}

static void set_handler(int sig, void (*handler)(int))
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
}

static void console_sink(void *ctx, int level, int event_id, const char *message)
{
    (void)ctx;
    (void)event_id;
    fprintf(stderr, PROGRAM ": %s: %s\n", pxb_log_level_name(level), message);
}

/* A pxb_config_loader: defaults, the native root default, then the flags (ctx: pxb_args). */
static int load_config(void *ctx, pxb_config *out, char *err, size_t err_len)
{
    pxb_config_defaults(out);
    snprintf(out->tftp_root, sizeof out->tftp_root, "%s", DEFAULT_ROOT);
    if (pxb_args_apply(ctx, out, err, err_len) != 0)
        return -1;
    return pxb_config_validate(out, err, err_len);
}

/* Runs the server with cfg until a stop signal; returns the exit code. */
static int serve(pxb_args *args, const pxb_config *cfg)
{
    char err[ERR_MAX];
    pxb_runtime *rt = pxb_runtime_create(cfg, err, sizeof err);
    if (rt == NULL) {
        pxb_log(PXB_LOG_ERROR, PXB_EV_LISTEN_FAILED, "cannot start: %s", err);
        return 1;
    }
    running = rt;
    set_handler(SIGINT, on_stop_signal);
    set_handler(SIGTERM, on_stop_signal);
    set_handler(SIGHUP, on_reload_signal);
    pxb_log(PXB_LOG_INFO, PXB_EV_SERVICE_START, "serving %s (version %s)", cfg->tftp_root,
            PXB_VERSION);
    int rc = pxb_runtime_run(rt, load_config, args);
    set_handler(SIGINT, SIG_IGN);
    set_handler(SIGTERM, SIG_IGN);
    set_handler(SIGHUP, SIG_IGN);
    running = NULL;
    pxb_runtime_destroy(rt);
    pxb_log(PXB_LOG_INFO, PXB_EV_SERVICE_STOP, "stopped");
    return rc == 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
    pxb_args args;
    pxb_config cfg;
    char err[ERR_MAX];
    if (pxb_args_parse(argc, argv, &args, err, sizeof err) != 0 ||
        (!args.help && !args.version && load_config(&args, &cfg, err, sizeof err) != 0)) {
        fprintf(stderr, PROGRAM ": %s\n", err);
        return 2;
    }
    if (args.help) {
        char usage[2048];
        pxb_args_usage(PROGRAM, usage, sizeof usage);
        fputs(usage, stdout);
        return 0;
    }
    if (args.version) {
        printf(PROGRAM " %s\n", PXB_VERSION);
        return 0;
    }
    pxb_log_set_level(cfg.log_level);
    pxb_log_add_sink(console_sink, NULL);
    pxb_logfile *lf = NULL;
    if (cfg.log_dir[0] != '\0') {
        lf = pxb_logfile_open(cfg.log_dir, cfg.log_max_bytes, cfg.log_files_kept, err,
                              sizeof err);
        if (lf == NULL) {
            fprintf(stderr, PROGRAM ": %s\n", err);
            return 1;
        }
        pxb_log_add_sink(pxb_logfile_sink, lf);
    }
    int rc = serve(&args, &cfg);
    pxb_log_clear_sinks();
    pxb_logfile_close(lf);
    return rc;
}
