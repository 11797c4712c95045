/* plan_source.h: the boot plan a command works with: read from the file --plan-file names
 * (the "Name=value" text form, for scripts and tests) or else from the registry (the
 * BootPlan key `config set` writes), and checked as a whole. */
#ifndef PXB_CLI_PLAN_SOURCE_H
#define PXB_CLI_PLAN_SOURCE_H

#include "boot_plan.h"
#include "cli.h"

/* Fills plan. Returns CLI_OK, or CLI_FAILED after printing what is wrong and how to fix
 * it. */
int cli_load_plan(const cli_call *call, pxb_boot_plan *plan);

#endif
