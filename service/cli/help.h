/* help.h: the help texts of pxebridge.exe at its three levels: the whole program, one
 * noun with its verbs, and one command with its options, exit codes and examples. */
#ifndef PXB_CLI_HELP_H
#define PXB_CLI_HELP_H

#include "cli.h"
#include "console.h"

void cli_help_top(enum cli_stream stream);
void cli_help_noun(enum cli_stream stream, const cli_noun *noun);
void cli_help_command(enum cli_stream stream, const cli_command *cmd);

#endif
