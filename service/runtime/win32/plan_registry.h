/* plan_registry.h: the boot plan (dhcpext/plan/boot_plan.h) as stored in the registry under
 * HKLM\SYSTEM\CurrentControlSet\Services\PxeBridge\Parameters\BootPlan: one value per
 * boot-plan setting, named as in pxb_plan_settings (BootServer, BiosFile, ...), holding the
 * setting's text form (REG_SZ; REG_EXPAND_SZ is expanded, REG_MULTI_SZ joined with commas,
 * REG_DWORD read in decimal). A setting with no value has its default. The service loads
 * the plan at start and on PARAMCHANGE; the CLI's `config show|set|reset` reads and
 * changes single values. */
#ifndef PXB_PLAN_REGISTRY_H
#define PXB_PLAN_REGISTRY_H

#include <stddef.h>

#include "boot_plan.h"
#include "reg_values.h"

#define PXB_BOOT_PLAN_SUBKEY PXB_PARAMETERS_SUBKEY "\\BootPlan"
#define PXB_BOOT_PLAN_KEY "HKLM\\" PXB_BOOT_PLAN_SUBKEY

/* Builds a plan from the defaults plus every stored value and validates it
 * (pxb_plan_validate); only if every value is good and the whole is valid is *plan
 * replaced. A value whose name is no boot-plan setting is logged as a warning and skipped.
 * Returns 0, or -1 with every problem found in err, each naming its value ("; "-joined). */
int pxb_plan_registry_load(pxb_boot_plan *plan, char *err, size_t err_len);

/* Stores one setting as REG_SZ under its own spelling (name is matched case-insensitively),
 * after checking value on its own with pxb_plan_set: rules across settings (such as
 * BootServer being required) are pxb_plan_registry_load's, so settings can be stored in any
 * order. Returns 0, or -1 with the reason (unknown name, bad value, registry error). */
int pxb_plan_registry_set(const char *name, const char *value, char *err, size_t err_len);

/* Deletes the stored value of one setting: it is back to its default. A setting that was
 * not stored is no error. Returns 0, or -1 with the reason (unknown name, registry error). */
int pxb_plan_registry_reset(const char *name, char *err, size_t err_len);

/* Calls fn for every value stored under the BootPlan key, setting or not, with its name as
 * stored and its text (or NULL and why, for a type with no text form). Returns 0, or -1
 * with the reason the key could not be read. */
int pxb_plan_registry_list(pxb_reg_value_fn fn, void *ctx, char *err, size_t err_len);

#endif
