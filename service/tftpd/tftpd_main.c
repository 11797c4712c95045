/* tftpd_main.c: the native TFTP server, out/native/pxebridge-tftpd. Builds its configuration
 * from defaults plus the command line, logs to stderr (and a rotating file with --log-dir),
 * runs the server until SIGINT or SIGTERM, and re-reads the same command line on SIGHUP.
 * With --plan-file FILE (the boot plan's "Name=value" text form, read again on SIGHUP) it
 * serves boot.ipxe made from the plan when the root has none, loop detection watches
 * the plan's first-stage images, and PXE clients are answered on ports 67 and 4011 where the
 * plan's ProxyDhcp says so (the runtime's proxyDHCP server, on the IPv4 ListenAddresses);
 * without one, the bundled iPXE images (FIRST_STAGES) and no proxyDHCP. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "boot_plan.h"
#include "config.h"
#include "log.h"
#include "logfile.h"
#include "runtime.h"
#include "whole_file.h"

#define PROGRAM "pxebridge-tftpd"
#define DEFAULT_ROOT "./tftpboot"
#define PLAN_FLAG "--plan-file"
#define PLAN_FILE_MAX (64 * 1024)

/* The first-stage images pxebridge bundles, for loop detection. */
static const char *const FIRST_STAGES[] = {"undionly.kpxe", "snponly.efi", "ipxe.efi"};

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
static int load_config(void *ctx, pxb_config *out, pxb_error *err)
{
    pxb_config_defaults(out);
    snprintf(out->tftp_root, sizeof out->tftp_root, "%s", DEFAULT_ROOT);
    if (pxb_args_apply(ctx, out, err) != 0)
        return -1;
    return pxb_config_validate(out, err);
}

/* Takes --plan-file FILE (or --plan-file=FILE) out of argv, leaving the flags pxb_args
 * parses. Returns 0 (*path NULL without the flag), or -1 with a message. */
static int take_plan_flag(int *argc, char **argv, const char **path, pxb_error *err)
{
    size_t n = strlen(PLAN_FLAG);
    int kept = 1;
    *path = NULL;
    for (int i = 1; i < *argc; i++) {
        const char *arg = argv[i];
        if (strncmp(arg, PLAN_FLAG, n) != 0 || (arg[n] != '\0' && arg[n] != '=')) {
            argv[kept++] = argv[i];
            continue;
        }
        if (*path != NULL) {
            pxb_error_set(err, PLAN_FLAG " is given twice; give one boot plan file");
            return -1;
        }
        if (arg[n] == '=') {
            *path = arg + n + 1;
        } else if (i + 1 < *argc) {
            *path = argv[++i];
        } else {
            pxb_error_set(err, PLAN_FLAG " needs a value (FILE); see --help");
            return -1;
        }
    }
    *argc = kept;
    argv[kept] = NULL;
    return 0;
}

/* Reads the boot plan in path and puts it in force. Returns 0, or -1 with a message. */
static int load_plan(pxb_runtime *rt, const char *path, pxb_error *err)
{
    pxb_boot_plan plan;
    char *text = pxb_file_read_text(path, PLAN_FILE_MAX, err);
    if (text == NULL) {
        pxb_error_prefix(err, "the boot plan file");
        return -1;
    }
    int rc = pxb_plan_parse(text, &plan, err);
    free(text);
    if (rc != 0) {
        pxb_error_prefix(err, "the boot plan in '%s' is not usable", path);
        return -1;
    }
    if (pxb_runtime_set_plan(rt, &plan) != 0) {
        pxb_error_set(err, "no memory for the boot script of '%s'", path);
        return -1;
    }
    return 0;
}

/* After each reload (SIGHUP): the plan file is read again; a bad one leaves the old plan. */
static void reload_plan(void *ctx, const pxb_config *cfg)
{
    const char *path = ctx;
    pxb_error err = {0};
    (void)cfg;
    if (load_plan(running, path, &err) != 0)
        pxb_log(PXB_LOG_ERROR, PXB_EV_CONFIG_ERROR, "%s; the plan in force is kept", err.text);
    else
        pxb_log(PXB_LOG_INFO, PXB_EV_CONFIG_RELOADED, "boot plan reloaded from %s", path);
}

/* Puts the plan of plan_file in force, or with none the bundled images for loop detection.
 * Returns 0, or -1 after logging why. */
static int start_plan(pxb_runtime *rt, const char *plan_file)
{
    pxb_error err = {0};
    if (plan_file == NULL) {
        /* Three short names always fit. */
        pxb_runtime_set_first_stages(rt, FIRST_STAGES,
                                     sizeof FIRST_STAGES / sizeof FIRST_STAGES[0]);
        return 0;
    }
    if (load_plan(rt, plan_file, &err) != 0) {
        pxb_log(PXB_LOG_ERROR, PXB_EV_CONFIG_ERROR, "cannot start: %s", err.text);
        return -1;
    }
    pxb_runtime_on_reload(rt, reload_plan, (void *)plan_file);
    return 0;
}

/* Runs the server with cfg until a stop signal; returns the exit code. */
static int serve(pxb_args *args, const pxb_config *cfg, const char *plan_file)
{
    pxb_error err = {0};
    pxb_runtime *rt = pxb_runtime_create(cfg, &err);
    if (rt == NULL) {
        pxb_log(PXB_LOG_ERROR, PXB_EV_LISTEN_FAILED, "cannot start: %s", err.text);
        return 1;
    }
    if (start_plan(rt, plan_file) != 0) {
        pxb_runtime_destroy(rt);
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
    pxb_error err = {0};
    const char *plan_file;
    if (take_plan_flag(&argc, argv, &plan_file, &err) != 0 ||
        pxb_args_parse(argc, argv, &args, &err) != 0 ||
        (!args.help && !args.version && load_config(&args, &cfg, &err) != 0)) {
        fprintf(stderr, PROGRAM ": %s\n", err.text);
        return 2;
    }
    if (args.help) {
        char usage[2048];
        pxb_args_usage(PROGRAM, usage, sizeof usage);
        fputs(usage, stdout);
        printf("\n" PROGRAM " only:\n  %-18s %s\n", PLAN_FLAG " FILE",
               "boot plan (Name=value lines): serve boot.ipxe made from it, and answer "
               "PXE clients where its ProxyDhcp says so");
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
        lf = pxb_logfile_open(cfg.log_dir, cfg.log_max_bytes, cfg.log_files_kept, &err);
        if (lf == NULL) {
            fprintf(stderr, PROGRAM ": %s\n", err.text);
            return 1;
        }
        pxb_log_add_sink(pxb_logfile_sink, lf);
    }
    int rc = serve(&args, &cfg, plan_file);
    pxb_log_clear_sinks();
    pxb_logfile_close(lf);
    return rc;
}
