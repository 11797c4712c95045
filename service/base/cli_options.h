/* cli_options.h: option parsing for the admin command line, shared by every command:
 * "--name VALUE", "--name=VALUE", "-x VALUE", switches ("--json", "-h"), repeatable
 * options ("--server A --server B"), other words kept in order as positional arguments,
 * "--" ending the options. A command accepts the options of several tables (its own plus
 * the global ones). Every mistake gets a message naming the option, with a "did you mean"
 * for a mistyped one. Pure C. */
#ifndef PXB_CLI_OPTIONS_H
#define PXB_CLI_OPTIONS_H

#include <stddef.h>

#include "pxb_error.h"

/* Option values plus positional words one command line may carry. */
#define PXB_CLI_ARGS_MAX 64
/* "-h, --plan-file FILE" and the like. */
#define PXB_OPTION_LABEL_MAX 64

typedef struct pxb_option {
    const char *name;  /* long name without the dashes: "server" */
    char short_name;   /* 'h' for -h, or 0 */
    const char *meta;  /* what the value is ("NAME"); NULL for a switch */
    int repeatable;    /* may be given more than once */
    const char *help;
} pxb_option;

typedef struct pxb_option_table {
    const pxb_option *options;
    size_t count;
} pxb_option_table;

typedef struct pxb_option_value {
    const pxb_option *option;
    const char *value; /* NULL for a switch */
} pxb_option_value;

typedef struct pxb_cli_args {
    pxb_option_value values[PXB_CLI_ARGS_MAX];
    size_t value_count;
    const char *words[PXB_CLI_ARGS_MAX]; /* positional arguments, in order */
    size_t word_count;
} pxb_cli_args;

/* Parses argv[0..argc) (no program name) against the tables. Returns 0, or -1 with a
 * message (unknown option with a suggestion, missing value, a switch given a value, an
 * option given twice, too many arguments). */
int pxb_cli_parse(const pxb_option_table *tables, size_t table_count, int argc,
                  char *const *argv, pxb_cli_args *out, pxb_error *err);

/* True if the option (long name) was given. */
int pxb_cli_has(const pxb_cli_args *args, const char *name);
/* The last value given for the option, or NULL. */
const char *pxb_cli_value(const pxb_cli_args *args, const char *name);
/* Every value given for a repeatable option, in order, at most max; returns how many. */
size_t pxb_cli_values(const pxb_cli_args *args, const char *name, const char **out,
                      size_t max);

/* "-h, --help" or "--server NAME", for usage texts. */
void pxb_option_label(const pxb_option *opt, char out[PXB_OPTION_LABEL_MAX]);

#endif
