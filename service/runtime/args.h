/* args.h: the command-line flags shared by the service binary and the native server:
 * --console, --root DIR, --listen ADDR (repeatable or comma-separated), --port N,
 * --log-level LEVEL, --log-dir DIR, --help, --version; "--flag=VALUE" works too.
 * Overrides are applied on top of the stored configuration with pxb_config_set, so they
 * are validated the same way. */
#ifndef PXB_ARGS_H
#define PXB_ARGS_H

#include <stddef.h>

#include "config.h"
#include "pxb_error.h"

#define PXB_ARGS_MAX_OVERRIDES 16

typedef struct pxb_args {
    int console;
    int help;
    int version;
    size_t override_count;
    struct { const char *name; const char *value; } overrides[PXB_ARGS_MAX_OVERRIDES];
} pxb_args;

/* Returns 0, or -1 with a message for a bad flag (exit code 2). */
int pxb_args_parse(int argc, char **argv, pxb_args *out, pxb_error *err);
/* Applies the overrides to cfg; -1 with a message naming the flag on a bad value. */
int pxb_args_apply(const pxb_args *args, pxb_config *cfg, pxb_error *err);
/* The usage text for program (printed by --help). */
void pxb_args_usage(const char *program, char *out, size_t out_len);

#endif
