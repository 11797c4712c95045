/* cli.h: the model of pxebridge.exe, the admin command line: `pxebridge <noun> <verb>
 * [options]`. A command is a noun and a verb (or a noun alone, like `explain`) with its
 * help texts, its options and the function that runs it; commands.c holds the one table
 * of them, each cmd_*.c file runs one group. A command gets the parsed call and returns
 * the process exit code. */
#ifndef PXB_CLI_H
#define PXB_CLI_H

#include <stddef.h>

#include "cli_options.h"

#define CLI_PROGRAM "pxebridge"

enum cli_exit {
    CLI_OK = 0,     /* done; nothing to do; in line */
    CLI_FAILED = 1, /* failed, or (as each command documents) changes or drift found */
    CLI_USAGE = 2   /* the command line is wrong: nothing was done */
};

/* What a command accepts besides its own options. */
enum cli_flag {
    CLI_JSON = 1u,  /* --json: machine-readable output */
    CLI_PLAN = 2u,  /* --plan-file FILE: the boot plan from a file instead of the registry */
    CLI_WORDS = 4u  /* positional arguments (config set NAME=VALUE...) */
};

typedef struct cli_command cli_command;

/* One command as invoked. */
typedef struct cli_call {
    const cli_command *command;
    pxb_cli_args args;     /* its options and words (after the noun and verb) */
    int json;              /* --json given */
    const char *plan_file; /* --plan-file given, or NULL */
} cli_call;

typedef int (*cli_run_fn)(const cli_call *call);

struct cli_command {
    const char *noun;        /* "dhcp" */
    const char *verb;        /* "apply"; NULL when the noun is the whole command */
    const char *summary;     /* one line for the lists */
    const char *synopsis;    /* after "pxebridge ": "dhcp apply [--server NAME]... [--json]" */
    const char *description; /* what it does, a few lines */
    const char *exit_codes;  /* "0 done, 1 failed on a server, 2 bad usage" */
    const char *examples;    /* command lines, one per line, without "pxebridge " */
    const pxb_option_table *options; /* its own options, or NULL */
    unsigned flags;          /* enum cli_flag */
    cli_run_fn run;
};

typedef struct cli_noun {
    const char *name;
    const char *summary;
} cli_noun;

const cli_noun *cli_nouns(size_t *count);
const cli_command *cli_commands(size_t *count);

/* Writes "dhcp apply" or "explain" (the words that name cmd) to out. */
void cli_command_name(const cli_command *cmd, char *out, size_t out_len);

/* The commands (cmd_*.c) and their own options. */
int cli_config_show(const cli_call *call);
int cli_config_set(const cli_call *call);
int cli_config_reset(const cli_call *call);
extern const pxb_option_table cli_config_reset_options;
int cli_explain(const cli_call *call);
extern const pxb_option_table cli_explain_options;
int cli_dhcp_export(const cli_call *call);
extern const pxb_option_table cli_dhcp_export_options;
int cli_dhcp_plan(const cli_call *call);
int cli_dhcp_apply(const cli_call *call);
int cli_dhcp_verify(const cli_call *call);
int cli_dhcp_remove(const cli_call *call);
extern const pxb_option_table cli_dhcp_server_options;
int cli_status(const cli_call *call);
/* For a command asking the service that is not running: says it is stopped or not installed
 * and how to start it ({"running": false, "state", "hint", what: null} with --json); 1. */
int cli_service_absent(const cli_call *call, const char *what);
int cli_clients(const cli_call *call);
int cli_log(const cli_call *call);
extern const pxb_option_table cli_log_options;
int cli_service_install(const cli_call *call);
int cli_service_uninstall(const cli_call *call);
int cli_service_start(const cli_call *call);
int cli_service_stop(const cli_call *call);
int cli_service_restart(const cli_call *call);
int cli_firmware_list(const cli_call *call);
int cli_firmware_verify(const cli_call *call);
int cli_firmware_replace(const cli_call *call);
int cli_firmware_reapply(const cli_call *call);
int cli_firmware_restore(const cli_call *call);
int cli_firmware_import(const cli_call *call);
extern const pxb_option_table cli_firmware_replace_options;
int cli_winpe_add(const cli_call *call);
extern const pxb_option_table cli_winpe_add_options;
int cli_winpe_list(const cli_call *call);
int cli_winpe_verify(const cli_call *call);
int cli_winpe_remove(const cli_call *call);

#endif
