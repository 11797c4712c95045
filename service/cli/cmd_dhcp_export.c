/* cmd_dhcp_export.c: `pxebridge dhcp export --format F [--output FILE]`: the boot plan
 * written for another DHCP server or tool (dhcpext/plan/export.h), to stdout or atomically to
 * FILE. */
#include <stdlib.h>

#include "cli.h"
#include "console.h"
#include "export.h"
#include "plan_source.h"
#include "suggest.h"
#include "whole_file.h"

#define FIRST_GUESS (64 * 1024)

static const pxb_option OPTIONS[] = {
    {"format", 'f', "FORMAT", 0, "powershell, netsh, isc, dnsmasq or kea"},
    {"output", 'o', "FILE", 0, "write to FILE (replaced as a whole) instead of stdout"},
};

const pxb_option_table cli_dhcp_export_options = {OPTIONS, sizeof OPTIONS / sizeof OPTIONS[0]};

/* The format --format names; NULL after reporting bad usage. */
static const pxb_export_format *find_format(const cli_call *call, int *rc)
{
    const char *name = pxb_cli_value(&call->args, "format");
    size_t count;
    const pxb_export_format *formats = pxb_export_formats(&count);
    *rc = CLI_USAGE;
    if (name == NULL) {
        cli_bad_usage(call->command, "give --format: powershell, netsh, isc, dnsmasq or kea");
        return NULL;
    }
    const pxb_export_format *fmt = pxb_export_find(name);
    if (fmt != NULL)
        return fmt;
    pxb_suggestion s;
    pxb_suggest_start(&s, name);
    for (size_t i = 0; i < count; i++)
        pxb_suggest_offer(&s, formats[i].name);
    char hint[PXB_SUGGEST_HINT_MAX];
    pxb_suggest_hint(&s, "", hint, sizeof hint);
    cli_bad_usage(call->command, "unknown format '%s'%s (the formats: powershell, netsh, isc, "
                  "dnsmasq, kea)", name, hint);
    return NULL;
}

/* Runs the export into a buffer big enough; returns it (malloc'd) or NULL after reporting. */
static char *run_export(const pxb_export_format *fmt, const pxb_boot_plan *plan, size_t *len)
{
    pxb_error err = {0};
    size_t cap = FIRST_GUESS;
    for (int attempt = 0; attempt < 2; attempt++) {
        char *buf = malloc(cap);
        if (buf == NULL)
            break;
        enum pxb_export_result r = pxb_export(fmt, plan, buf, cap, len, &err);
        if (r == PXB_EXPORT_OK)
            return buf;
        free(buf);
        if (r != PXB_EXPORT_NO_ROOM) {
            cli_fail("%s", err.text);
            return NULL;
        }
        cap = *len + 1;
    }
    cli_fail("out of memory writing the %s export", fmt->name);
    return NULL;
}

int cli_dhcp_export(const cli_call *call)
{
    pxb_boot_plan plan;
    pxb_error err = {0};
    size_t len;
    int rc;
    const pxb_export_format *fmt = find_format(call, &rc);
    if (fmt == NULL)
        return rc;
    rc = cli_load_plan(call, &plan);
    if (rc != CLI_OK)
        return rc;
    char *text = run_export(fmt, &plan, &len);
    if (text == NULL)
        return CLI_FAILED;
    const char *output = pxb_cli_value(&call->args, "output");
    rc = CLI_OK;
    if (output == NULL)
        cli_write(CLI_STDOUT, text, len);
    else if (pxb_file_write_atomic(output, text, len, &err) != 0)
        rc = cli_fail("%s; check the folder exists and you may write to it", err.text);
    else
        cli_printf(CLI_STDERR, "Wrote the %s export (%zu bytes) to %s\n", fmt->name, len, output);
    free(text);
    return rc;
}
