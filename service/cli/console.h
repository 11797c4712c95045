/* console.h: how pxebridge.exe talks to its user. Text is UTF-8 throughout the program; on
 * a console it is written as UTF-16 with WriteConsoleW (so every character shows whatever
 * the code page), and when redirected to a file or pipe as the UTF-8 bytes themselves.
 * Errors go to stderr as "error: <what>", ending with what to do next. */
#ifndef PXB_CLI_CONSOLE_H
#define PXB_CLI_CONSOLE_H

#include <stddef.h>

#include "cli.h"
#include "json_writer.h"
#include "log.h"

enum cli_stream { CLI_STDOUT, CLI_STDERR };

void cli_write(enum cli_stream stream, const char *utf8, size_t len);
void cli_printf(enum cli_stream stream, const char *fmt, ...) PXB_FORMAT(2, 3);

/* Prints the JSON document on a line of its own and frees it. Returns CLI_OK, or
 * CLI_FAILED if the document could not be made (out of memory). */
int cli_put_json(pxb_json *j);

/* Prints "error: <message>" to stderr and returns CLI_FAILED. */
int cli_fail(const char *fmt, ...) PXB_FORMAT(1, 2);
/* Prints "error: <message>; see 'pxebridge <cmd> --help'" to stderr and returns CLI_USAGE. */
int cli_bad_usage(const cli_command *cmd, const char *fmt, ...) PXB_FORMAT(2, 3);
/* The same for the help of any words ("dhcp"; "" for the top-level help). */
int cli_bad_usage_of(const char *words, const char *fmt, ...) PXB_FORMAT(2, 3);

#endif
