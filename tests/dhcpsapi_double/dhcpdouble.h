/* dhcpdouble.h: what the parts of the test tool dhcpdouble.exe share: the command line
 * (options by name, positional arguments), server names as the tool and the API spell
 * them, the failure message, and the failover commands (dhcpdouble_failover.c). */
#ifndef PXB_DOUBLE_TOOL_H
#define PXB_DOUBLE_TOOL_H

#include <windows.h>

#include "session.h"

/* The command line as UTF-8, with "--name value" options looked up by name. */
typedef struct args {
    int count;
    char **items;
} args;

const char *opt_value(const args *a, const char *name, const char *fallback);
/* Positional argument n (0 = the command), skipping options and their values. */
const char *positional(const args *a, int n);
/* The section name of the tool's SERVER argument: "local" (or none) is "". */
const char *server_of(const char *name);
/* The API's server-name argument for the tool's SERVER argument: 0, or -1 if too long. */
int server_wide(const char *name, WCHAR *out, int out_len);
/* Opens the state for a change by the tool on server (NULL: the local server). */
DWORD open_admin(session *s, const char *server);
/* Prints "dhcpdouble: WHAT: error CODE" to stderr; returns 1. */
int fail(const char *what, unsigned long code);

int cmd_add_failover(const args *a);
int cmd_set_failover(const args *a);
int cmd_failover_scopes(const args *a);
int cmd_delete_failover(const args *a);
int cmd_show_failover(const args *a);

#endif
