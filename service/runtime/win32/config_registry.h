/* config_registry.h: the service's configuration as stored in the registry under
 * HKLM\SYSTEM\CurrentControlSet\Services\PxeBridge\Parameters, one value per setting of
 * config.h, plus the command-line overrides. */
#ifndef PXB_CONFIG_REGISTRY_H
#define PXB_CONFIG_REGISTRY_H

#include <stddef.h>

#include "args.h"
#include "config.h"
#include "pxb_error.h"
#include "reg_values.h"
#include "setting_registry.h"

#define PXB_PARAMETERS_KEY "HKLM\\" PXB_PARAMETERS_SUBKEY
#define PXB_POLICY_KEY "HKLM\\" PXB_POLICY_SUBKEY

/* %ProgramData%\pxebridge\<sub> into out, from the ProgramData known folder (asked of the
 * shell: a service's environment need not carry %ProgramData%). Returns 0, or -1 when that
 * folder is unknown. */
int pxb_data_folder(const char *sub, char *out, size_t out_len);

/* A pxb_config_loader (runtime.h); ctx is the const pxb_args * whose overrides win over the
 * registry, or NULL. Builds out from the defaults (TftpRoot %ProgramData%\pxebridge\tftpboot,
 * LogDirectory %ProgramData%\pxebridge\logs), then every value under Group Policy's key
 * HKLM\SOFTWARE\Policies\pxebridge and, for the settings it has no value of, under the
 * Parameters key (missing keys mean all defaults), then the overrides, and validates the result.
 * Values of unknown names are logged as warnings and skipped. Returns 0, or -1 with every
 * problem found in err, each naming its value. */
int pxb_registry_load(void *ctx, pxb_config *out, pxb_error *err);

/* pxb_registry_load, also keeping in sources (NULL: not kept) where each setting's value
 * came from: Group Policy's key (PXB_POLICY_KEY), whose values win, Parameters or the
 * default (command-line overrides are not marked). */
int pxb_registry_load_sources(const pxb_args *args, pxb_config *out,
                              pxb_setting_sources *sources, pxb_error *err);

/* The configuration with no value stored: config.h's defaults, with TftpRoot and
 * LogDirectory under the ProgramData folder (what `pxebridge config show` lists as the
 * defaults). Returns 0, or -1 with the reason a platform default could not be set. */
int pxb_registry_defaults(pxb_config *out, pxb_error *err);

/* The service's settings table and its key, for setting_registry.h. */
const pxb_setting_key *pxb_config_key(void);

#endif
