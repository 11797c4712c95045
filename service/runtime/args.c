/* args.c: parses the command-line flags shared by the service and the native server into
 * switches and setting overrides ("--port 6969" or "--port=6969" becomes Port=6969), and
 * applies the overrides through pxb_config_set so flags and stored settings obey one set of
 * rules. Repeated --listen flags are joined into one ListenAddresses value. */
#include "args.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

/* Flags that take a value, and the setting each one overrides. */
typedef struct value_flag {
    const char *flag;
    const char *setting;
    const char *meta;
    const char *help;
} value_flag;

static const value_flag value_flags[] = {
    {"--root", "TftpRoot", "DIR", "folder to serve files from"},
    {"--listen", "ListenAddresses", "ADDR",
     "address to listen on; repeat or separate with commas (default 0.0.0.0,::)"},
    {"--port", "Port", "N", "UDP port for requests (default 69)"},
    {"--log-level", "LogLevel", "LEVEL", "error, warn, info (default) or debug"},
    {"--log-dir", "LogDirectory", "DIR", "also write a rotating pxebridge.log in DIR"},
};

#define VALUE_FLAG_COUNT (sizeof value_flags / sizeof value_flags[0])
#define LISTEN_SETTING "ListenAddresses"

/* True if the first len characters of arg are exactly flag. */
static int names_flag(const char *arg, size_t len, const char *flag)
{
    return strlen(flag) == len && strncmp(arg, flag, len) == 0;
}

static const value_flag *find_value_flag(const char *arg, size_t len)
{
    for (size_t i = 0; i < VALUE_FLAG_COUNT; i++) {
        if (names_flag(arg, len, value_flags[i].flag))
            return &value_flags[i];
    }
    return NULL;
}

static const char *flag_for_setting(const char *setting)
{
    for (size_t i = 0; i < VALUE_FLAG_COUNT; i++) {
        if (strcmp(value_flags[i].setting, setting) == 0)
            return value_flags[i].flag;
    }
    return setting;
}

/* Flags without a value, and the pxb_args field each one sets. */
typedef struct switch_flag {
    const char *flag;
    size_t offset;
    const char *help;
} switch_flag;

static const switch_flag switch_flags[] = {
    {"--console", offsetof(pxb_args, console), "run in the foreground, logging to the console"},
    {"--help", offsetof(pxb_args, help), "show this help"},
    {"--version", offsetof(pxb_args, version), "show the version"},
};

#define SWITCH_FLAG_COUNT (sizeof switch_flags / sizeof switch_flags[0])

static const switch_flag *find_switch(const char *arg, size_t len)
{
    for (size_t i = 0; i < SWITCH_FLAG_COUNT; i++) {
        if (names_flag(arg, len, switch_flags[i].flag))
            return &switch_flags[i];
    }
    return NULL;
}

static void set_switch(pxb_args *out, const switch_flag *sf)
{
    int *field = (int *)(void *)((char *)out + sf->offset);
    *field = 1;
}

int pxb_args_parse(int argc, char **argv, pxb_args *out, pxb_error *err)
{
    memset(out, 0, sizeof *out);
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (strncmp(arg, "--", 2) != 0) {
            pxb_error_set(err, "unexpected argument '%s'; see --help", arg);
            return -1;
        }
        const char *eq = strchr(arg, '=');
        size_t name_len = eq ? (size_t)(eq - arg) : strlen(arg);
        const switch_flag *sf = find_switch(arg, name_len);
        if (sf != NULL && eq != NULL) {
            pxb_error_set(err, "%s takes no value; see --help", sf->flag);
            return -1;
        }
        if (sf != NULL) {
            set_switch(out, sf);
            continue;
        }
        const value_flag *vf = find_value_flag(arg, name_len);
        if (vf == NULL) {
            pxb_error_set(err, "unknown option '%.*s'; see --help", (int)name_len, arg);
            return -1;
        }
        const char *value = eq ? eq + 1 : NULL;
        if (value == NULL) {
            if (i + 1 >= argc) {
                pxb_error_set(err, "%s needs a value (%s); see --help", vf->flag, vf->meta);
                return -1;
            }
            value = argv[++i];
        }
        if (out->override_count == PXB_ARGS_MAX_OVERRIDES) {
            pxb_error_set(err, "too many options: at most %d flags with values",
                          PXB_ARGS_MAX_OVERRIDES);
            return -1;
        }
        out->overrides[out->override_count].name = vf->setting;
        out->overrides[out->override_count].value = value;
        out->override_count++;
    }
    return 0;
}

/* Joins every --listen value with commas into buf. Returns how many there were, or -1 if
 * they don't fit. */
static int join_listen(const pxb_args *args, char *buf, size_t buf_len)
{
    size_t used = 0;
    int count = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < args->override_count; i++) {
        if (strcmp(args->overrides[i].name, LISTEN_SETTING) != 0)
            continue;
        int n = snprintf(buf + used, buf_len - used, "%s%s", count ? "," : "",
                         args->overrides[i].value);
        if (n < 0 || (size_t)n >= buf_len - used)
            return -1;
        used += (size_t)n;
        count++;
    }
    return count;
}

static int apply_one(pxb_config *cfg, const char *setting, const char *value, pxb_error *err)
{
    pxb_error why;
    if (pxb_config_set(cfg, setting, value, &why) == 0)
        return 0;
    pxb_error_set(err, "%s: %s", flag_for_setting(setting), why.text);
    return -1;
}

int pxb_args_apply(const pxb_args *args, pxb_config *cfg, pxb_error *err)
{
    char listen[1024];
    for (size_t i = 0; i < args->override_count; i++) {
        const char *name = args->overrides[i].name;
        if (strcmp(name, LISTEN_SETTING) == 0)
            continue;
        if (apply_one(cfg, name, args->overrides[i].value, err) != 0)
            return -1;
    }
    int listen_count = join_listen(args, listen, sizeof listen);
    if (listen_count < 0) {
        pxb_error_set(err, "--listen: the addresses are longer than %zu characters",
                      sizeof listen - 1);
        return -1;
    }
    if (listen_count > 0)
        return apply_one(cfg, LISTEN_SETTING, listen, err);
    return 0;
}

/* Appends one "  flag  help" line at *used; returns -1 once out is full. */
static int add_usage_line(char *out, size_t out_len, size_t *used, const char *left,
                          const char *help)
{
    int n = snprintf(out + *used, out_len - *used, "  %-18s %s\n", left, help);
    if (n < 0 || (size_t)n >= out_len - *used)
        return -1;
    *used += (size_t)n;
    return 0;
}

void pxb_args_usage(const char *program, char *out, size_t out_len)
{
    int n = snprintf(out, out_len,
                     "Usage: %s [options]\n"
                     "Serves files read-only over TFTP (RFC 1350, 2347-2349, 7440).\n\n"
                     "Options:\n",
                     program);
    if (n < 0 || (size_t)n >= out_len)
        return;
    size_t used = (size_t)n;
    for (size_t i = 0; i < VALUE_FLAG_COUNT; i++) {
        char left[32];
        snprintf(left, sizeof left, "%s %s", value_flags[i].flag, value_flags[i].meta);
        if (add_usage_line(out, out_len, &used, left, value_flags[i].help) != 0)
            return;
    }
    for (size_t i = 0; i < SWITCH_FLAG_COUNT; i++) {
        if (add_usage_line(out, out_len, &used, switch_flags[i].flag, switch_flags[i].help) != 0)
            return;
    }
    snprintf(out + used, out_len - used,
             "A flag with a value also takes the form --flag=VALUE.\n"
             "Exit codes: 0 ok, 1 failed, 2 bad usage.\n");
}
