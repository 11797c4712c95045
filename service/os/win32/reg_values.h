/* reg_values.h: settings stored as registry values under a key of HKLM, in the text form the
 * settings tables take (setting.h; setting_registry.h reads them into a table). Reading
 * turns each value into UTF-8 text: REG_SZ as it is, REG_EXPAND_SZ with environment
 * variables expanded, REG_MULTI_SZ joined with commas, REG_DWORD in decimal; other types
 * have no text form. Writing stores REG_SZ.
 * Keys are named relative to HKLM in UTF-8, e.g. PXB_PARAMETERS_SUBKEY, and always opened
 * in the registry's 64-bit view (the one a 64-bit service reads). */
#ifndef PXB_REG_VALUES_H
#define PXB_REG_VALUES_H

#include <stddef.h>

#include "problems.h"
#include "pxb_error.h"

#define PXB_PARAMETERS_SUBKEY "SYSTEM\\CurrentControlSet\\Services\\PxeBridge\\Parameters"
/* Group Policy's key for the same values (an ADMX template's policies write there). */
#define PXB_POLICY_SUBKEY "SOFTWARE\\Policies\\pxebridge"

/* One stored value: its name as stored ("" for the key's default value) and its text, or
 * text NULL and why (e.g. "has registry type 3; use REG_SZ, ...") when it has none. */
typedef void (*pxb_reg_value_fn)(void *ctx, const char *name, const char *text,
                                 const char *why);

/* Calls fn for every value under HKLM\subkey. A missing key holds no values. Problems
 * reading the key (access denied, a name that is not valid UTF-16) are added to p, each
 * naming the key. */
void pxb_reg_read_values(const char *subkey, pxb_reg_value_fn fn, void *ctx, pxb_problems *p);

/* Stores text as the REG_SZ value name under HKLM\subkey, creating the key if needed.
 * Returns 0, or -1 with the reason in err. */
int pxb_reg_write_text(const char *subkey, const char *name, const char *text, pxb_error *err);

/* Deletes the value name under HKLM\subkey; a value or key that is not there is no error.
 * Returns 0, or -1 with the reason in err. */
int pxb_reg_delete_value(const char *subkey, const char *name, pxb_error *err);

#endif
