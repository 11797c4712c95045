/* plan_registry.h: the boot plan (dhcpext/plan/boot_plan.h) as stored in the registry under
 * HKLM\SYSTEM\CurrentControlSet\Services\PxeBridge\Parameters\BootPlan, or by Group
 * Policy under HKLM\SOFTWARE\Policies\pxebridge\BootPlan (whose values win): one value per
 * boot-plan setting, named as in pxb_plan_table (BootServer, BiosFile, ...), holding the
 * setting's text form (REG_SZ; REG_EXPAND_SZ is expanded, REG_MULTI_SZ joined with commas,
 * REG_DWORD read in decimal). A setting with no value has its default. The service loads
 * the plan at start and on PARAMCHANGE; the CLI's `config show|set|reset` reads and
 * changes single values. */
#ifndef PXB_PLAN_REGISTRY_H
#define PXB_PLAN_REGISTRY_H

#include <stddef.h>

#include "boot_plan.h"
#include "pxb_error.h"
#include "reg_values.h"
#include "setting_registry.h"

#define PXB_BOOT_PLAN_SUBKEY PXB_PARAMETERS_SUBKEY "\\BootPlan"
#define PXB_BOOT_PLAN_KEY "HKLM\\" PXB_BOOT_PLAN_SUBKEY
#define PXB_BOOT_PLAN_POLICY_SUBKEY PXB_POLICY_SUBKEY "\\BootPlan"
#define PXB_BOOT_PLAN_POLICY_KEY "HKLM\\" PXB_BOOT_PLAN_POLICY_SUBKEY

/* Builds a plan from the defaults plus every stored value (the policy key's first) and
 * validates it (pxb_plan_validate); only if every value is good and the whole is valid is
 * *plan replaced, and sources (NULL: not kept) set to where each value came from. A value whose name is no boot-plan setting is logged as a warning and skipped.
 * Returns 0, or -1 with every problem found in err, each naming its value ("; "-joined). */
int pxb_plan_registry_load(pxb_boot_plan *plan, pxb_setting_sources *sources,
                           pxb_error *err);

/* The boot plan's settings table and its key, for setting_registry.h: `config set|reset`
 * store single values with pxb_setting_registry_store; rules across settings (such as
 * BootServer being required) are pxb_plan_registry_load's, so settings can be stored in any
 * order. */
const pxb_setting_key *pxb_plan_key(void);

#endif
