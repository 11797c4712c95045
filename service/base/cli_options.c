/* cli_options.c: the command line's option parser (see cli_options.h). */
#include "cli_options.h"

#include <stdio.h>
#include <string.h>

#include "suggest.h"

/* The option of the tables with this long name (len characters of name), or NULL. */
static const pxb_option *find_long(const pxb_option_table *tables, size_t table_count,
                                   const char *name, size_t len)
{
    for (size_t t = 0; t < table_count; t++) {
        for (size_t i = 0; i < tables[t].count; i++) {
            const pxb_option *opt = &tables[t].options[i];
            if (strlen(opt->name) == len && strncmp(opt->name, name, len) == 0)
                return opt;
        }
    }
    return NULL;
}

static const pxb_option *find_short(const pxb_option_table *tables, size_t table_count,
                                    char c)
{
    for (size_t t = 0; t < table_count; t++) {
        for (size_t i = 0; i < tables[t].count; i++) {
            if (tables[t].options[i].short_name == c)
                return &tables[t].options[i];
        }
    }
    return NULL;
}

static void report_unknown(const pxb_option_table *tables, size_t table_count,
                           const char *arg, size_t len, pxb_error *err)
{
    char typed[PXB_SUGGEST_WORD_MAX + 1];
    const char *dashless = arg + strspn(arg, "-");
    size_t n = len - (size_t)(dashless - arg);
    pxb_suggestion s;

    snprintf(typed, sizeof typed, "%.*s", (int)n, dashless);
    pxb_suggest_start(&s, typed);
    for (size_t t = 0; t < table_count; t++)
        for (size_t i = 0; i < tables[t].count; i++)
            pxb_suggest_offer(&s, tables[t].options[i].name);
    char hint[PXB_SUGGEST_HINT_MAX];
    pxb_suggest_hint(&s, "--", hint, sizeof hint);
    pxb_error_set(err, "unknown option '%.*s'%s", (int)len, arg, hint);
}

static int add_value(pxb_cli_args *out, const pxb_option *opt, const char *value, pxb_error *err)
{
    if (!opt->repeatable && pxb_cli_has(out, opt->name)) {
        pxb_error_set(err, "--%s is given twice; give it once", opt->name);
        return -1;
    }
    if (out->value_count == PXB_CLI_ARGS_MAX) {
        pxb_error_set(err, "too many options: at most %d", PXB_CLI_ARGS_MAX);
        return -1;
    }
    out->values[out->value_count].option = opt;
    out->values[out->value_count].value = value;
    out->value_count++;
    return 0;
}

static int add_word(pxb_cli_args *out, const char *word, pxb_error *err)
{
    if (out->word_count == PXB_CLI_ARGS_MAX) {
        pxb_error_set(err, "too many arguments: at most %d", PXB_CLI_ARGS_MAX);
        return -1;
    }
    out->words[out->word_count++] = word;
    return 0;
}

/* Parses the option at argv[*i] (which starts with '-'), taking its value from the next
 * word when needed. */
static int parse_option(const pxb_option_table *tables, size_t table_count, int argc,
                        char *const *argv, int *i, pxb_cli_args *out, pxb_error *err)
{
    const char *arg = argv[*i];
    const char *eq = strchr(arg, '=');
    size_t len = eq ? (size_t)(eq - arg) : strlen(arg);
    const pxb_option *opt = NULL;

    if (arg[1] == '-')
        opt = find_long(tables, table_count, arg + 2, len - 2);
    else if (len == 2)
        opt = find_short(tables, table_count, arg[1]);
    if (opt == NULL) {
        report_unknown(tables, table_count, arg, len, err);
        return -1;
    }
    if (opt->meta == NULL) {
        if (eq != NULL) {
            pxb_error_set(err, "--%s takes no value", opt->name);
            return -1;
        }
        return add_value(out, opt, NULL, err);
    }
    const char *value = eq ? eq + 1 : NULL;
    if (value == NULL) {
        if (*i + 1 >= argc) {
            pxb_error_set(err, "--%s needs a value (%s)", opt->name, opt->meta);
            return -1;
        }
        value = argv[++*i];
    }
    return add_value(out, opt, value, err);
}

int pxb_cli_parse(const pxb_option_table *tables, size_t table_count, int argc,
                  char *const *argv, pxb_cli_args *out, pxb_error *err)
{
    int options_done = 0;

    memset(out, 0, sizeof *out);
    for (int i = 0; i < argc; i++) {
        const char *arg = argv[i];
        int rc;
        if (options_done || arg[0] != '-' || arg[1] == '\0') {
            rc = add_word(out, arg, err);
        } else if (strcmp(arg, "--") == 0) {
            options_done = 1;
            rc = 0;
        } else {
            rc = parse_option(tables, table_count, argc, argv, &i, out, err);
        }
        if (rc != 0)
            return -1;
    }
    return 0;
}

int pxb_cli_has(const pxb_cli_args *args, const char *name)
{
    for (size_t i = 0; i < args->value_count; i++)
        if (strcmp(args->values[i].option->name, name) == 0)
            return 1;
    return 0;
}

const char *pxb_cli_value(const pxb_cli_args *args, const char *name)
{
    const char *value = NULL;
    for (size_t i = 0; i < args->value_count; i++)
        if (strcmp(args->values[i].option->name, name) == 0)
            value = args->values[i].value;
    return value;
}

size_t pxb_cli_values(const pxb_cli_args *args, const char *name, const char **out,
                      size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < args->value_count && n < max; i++)
        if (strcmp(args->values[i].option->name, name) == 0)
            out[n++] = args->values[i].value;
    return n;
}

void pxb_option_label(const pxb_option *opt, char out[PXB_OPTION_LABEL_MAX])
{
    char shorter[8] = "";
    if (opt->short_name != 0)
        snprintf(shorter, sizeof shorter, "-%c, ", opt->short_name);
    snprintf(out, PXB_OPTION_LABEL_MAX, "%s--%s%s%s", shorter, opt->name,
             opt->meta ? " " : "", opt->meta ? opt->meta : "");
}
