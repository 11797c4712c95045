/* plan_source.c: loads the boot plan from --plan-file or the registry (see plan_source.h). */
#include "plan_source.h"

#include <stdlib.h>

#include "console.h"
#include "plan_registry.h"
#include "whole_file.h"

#define PLAN_FILE_MAX (64 * 1024)

static int load_file(const char *path, pxb_boot_plan *plan)
{
    pxb_error err = {0};
    char *text = pxb_file_read_text(path, PLAN_FILE_MAX, &err);
    if (text == NULL)
        return cli_fail("the boot plan file: %s", err.text);
    int rc = pxb_plan_parse(text, plan, &err);
    free(text);
    if (rc != 0)
        return cli_fail("the boot plan in '%s' is not usable: %s; fix the file", path, err.text);
    return CLI_OK;
}

int cli_load_plan(const cli_call *call, pxb_boot_plan *plan)
{
    pxb_error err = {0};
    if (call->plan_file != NULL)
        return load_file(call->plan_file, plan);
    if (pxb_plan_registry_load(plan, NULL, &err) != 0)
        return cli_fail("the boot plan in " PXB_BOOT_PLAN_KEY " is not usable: %s; fix it with '"
                        CLI_PROGRAM " config set NAME=VALUE' ('" CLI_PROGRAM
                        " config show' lists the settings)", err.text);
    return CLI_OK;
}
