/* options.c: the options shared by every command and which of them a command accepts
 * (see options.h). */
#include "options.h"

static const pxb_option HELP[] = {{"help", 'h', NULL, 0, "show this help, with examples"}};
static const pxb_option VERSION[] = {{"version", 0, NULL, 0, "show the version"}};
static const pxb_option JSON[] = {
    {"json", 0, NULL, 0, "machine-readable output: one JSON document with stable keys"}};
static const pxb_option PLAN_FILE[] = {
    {"plan-file", 0, "FILE", 0,
     "read the boot plan from FILE (Name=value lines) instead of the registry"}};

#define TABLE(options) {options, sizeof options / sizeof options[0]}

const pxb_option_table cli_global_options[CLI_TABLES_MAX] = {
    TABLE(HELP), TABLE(VERSION), TABLE(JSON), TABLE(PLAN_FILE)};

size_t cli_command_tables(const cli_command *cmd, pxb_option_table tables[CLI_TABLES_MAX])
{
    size_t n = 0;
    if (cmd->options != NULL)
        tables[n++] = *cmd->options;
    if (cmd->flags & CLI_JSON)
        tables[n++] = (pxb_option_table)TABLE(JSON);
    if (cmd->flags & CLI_PLAN)
        tables[n++] = (pxb_option_table)TABLE(PLAN_FILE);
    tables[n++] = (pxb_option_table)TABLE(HELP);
    return n;
}
