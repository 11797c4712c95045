/* help.c: writes the help texts from the command table (see help.h). */
#include "help.h"

#include <string.h>

#include "options.h"

#define NAME_WIDTH 20

static void put_examples(enum cli_stream s, const char *examples)
{
    cli_printf(s, "\nExamples:\n");
    while (*examples) {
        size_t n = strcspn(examples, "\n");
        cli_printf(s, "  " CLI_PROGRAM " %.*s\n", (int)n, examples);
        examples += n + (examples[n] == '\n');
    }
}

static void put_options(enum cli_stream s, const pxb_option_table *tables, size_t count)
{
    for (size_t t = 0; t < count; t++) {
        for (size_t i = 0; i < tables[t].count; i++) {
            char label[PXB_OPTION_LABEL_MAX];
            pxb_option_label(&tables[t].options[i], label);
            cli_printf(s, "  %-*s %s%s\n", NAME_WIDTH, label, tables[t].options[i].help,
                       tables[t].options[i].repeatable ? " (repeatable)" : "");
        }
    }
}

void cli_help_top(enum cli_stream s)
{
    size_t count;
    const cli_command *cmds = cli_commands(&count);
    cli_printf(s, CLI_PROGRAM " " PXB_VERSION ": the admin command line of PxeBridge, the TFTP "
                  "boot server that keeps\nMicrosoft DHCP's boot policies right for loop-free "
                  "iPXE chainloading.\n\n"
                  "Usage: " CLI_PROGRAM " [--plan-file FILE] <noun> <verb> [options]\n"
                  "       " CLI_PROGRAM " help [<noun> [<verb>]]\n\nCommands:\n");
    for (size_t i = 0; i < count; i++) {
        char name[64];
        cli_command_name(&cmds[i], name, sizeof name);
        cli_printf(s, "  %-*s %s\n", NAME_WIDTH, name, cmds[i].summary);
    }
    cli_printf(s, "\nOptions:\n");
    put_options(s, cli_global_options, CLI_TABLES_MAX);
    cli_printf(s, "\nExit codes: 0 ok, 1 failed (or changes or drift found: see each command), "
                  "2 bad usage.\n");
    put_examples(s, "service install\n"
                    "service start\n"
                    "status\n"
                    "log --lines 50\n"
                    "firmware verify\n"
                    "config set BootServer=10.0.0.5\n"
                    "config show\n"
                    "explain --arch 7 --user-class iPXE\n"
                    "dhcp plan\n"
                    "dhcp apply --server dhcp1.corp.example\n"
                    "dhcp export --format isc --output dhcpd-pxebridge.conf");
    cli_printf(s, "\nRun '" CLI_PROGRAM " <noun> <verb> --help' for a command's options and "
                  "examples.\n");
}

void cli_help_noun(enum cli_stream s, const cli_noun *noun)
{
    size_t count;
    const cli_command *cmds = cli_commands(&count);
    cli_printf(s, "Usage: " CLI_PROGRAM " %s <verb> [options]\n%s.\n\nVerbs:\n", noun->name,
               noun->summary);
    for (size_t i = 0; i < count; i++) {
        if (strcmp(cmds[i].noun, noun->name) == 0)
            cli_printf(s, "  %-*s %s\n", NAME_WIDTH, cmds[i].verb, cmds[i].summary);
    }
    cli_printf(s, "\nExamples:\n");
    for (size_t i = 0; i < count; i++) {
        if (strcmp(cmds[i].noun, noun->name) == 0)
            cli_printf(s, "  " CLI_PROGRAM " %.*s\n", (int)strcspn(cmds[i].examples, "\n"),
                       cmds[i].examples);
    }
    cli_printf(s, "\nRun '" CLI_PROGRAM " %s <verb> --help' for a verb's options and "
                  "examples.\n", noun->name);
}

void cli_help_command(enum cli_stream s, const cli_command *cmd)
{
    pxb_option_table tables[CLI_TABLES_MAX];
    size_t count = cli_command_tables(cmd, tables);
    cli_printf(s, "Usage: " CLI_PROGRAM " %s\n\n%s\n\nOptions:\n", cmd->synopsis,
               cmd->description);
    put_options(s, tables, count);
    cli_printf(s, "\nExit codes: %s.\n", cmd->exit_codes);
    put_examples(s, cmd->examples);
}
