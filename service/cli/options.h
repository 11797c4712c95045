/* options.h: the options every command line may carry besides a command's own: --help
 * everywhere, --version before the command, --json on the commands that read, --plan-file
 * on the commands that use the boot plan. One place that says which tables a command
 * accepts, for the parser (dispatch.c) and the help texts (help.c) alike. */
#ifndef PXB_CLI_OPTIONS_TABLES_H
#define PXB_CLI_OPTIONS_TABLES_H

#include <stddef.h>

#include "cli.h"
#include "cli_options.h"

/* A command's own table, then json, plan-file (as its flags say) and help. */
#define CLI_TABLES_MAX 4

/* The options before the command: help, version, json, plan-file. */
extern const pxb_option_table cli_global_options[CLI_TABLES_MAX];

/* Fills tables with those cmd accepts; returns how many. */
size_t cli_command_tables(const cli_command *cmd, pxb_option_table tables[CLI_TABLES_MAX]);

#endif
