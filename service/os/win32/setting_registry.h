/* setting_registry.h: the one registry adapter for settings tables (setting.h): reads every
 * value under Group Policy's key and then the program's own key of HKLM into a table's
 * struct (a value under the policy key wins, setting_source.h), and stores or deletes one
 * setting's value under the program's key, checked by the table's parser first. Used by the service (config_registry.c,
 * plan_registry.c) and the CLI (settings.c). Values are stored as REG_SZ; reading takes
 * what reg_values.h turns into text. */
#ifndef PXB_SETTING_REGISTRY_H
#define PXB_SETTING_REGISTRY_H

#include "problems.h"
#include "pxb_error.h"
#include "setting.h"
#include "setting_source.h"

/* A settings table and the key that stores it. */
typedef struct pxb_setting_key {
    const pxb_setting_table *(*table)(void);
    const char *subkey; /* under HKLM, UTF-8 */
    const char *policy_subkey; /* Group Policy's key of the same value names, under HKLM */
    const char *what;   /* one setting, for messages: "PxeBridge setting" */
} pxb_setting_key;

/* Sets obj's settings from every value under the policy key, then from those under the key
 * for the settings the policy key has no value of; sources (NULL: not kept) records where
 * each value came from. A value whose name is no setting is logged as a warning and
 * skipped; one with no text form or that the parser refuses is added to p, named (under
 * the policy key with the key's name in front). */
void pxb_setting_registry_load(const pxb_setting_key *key, void *obj,
                               pxb_setting_sources *sources, pxb_problems *p);

/* Checks value for the setting st of the key's table on its own (the table's parser on a
 * scratch struct). Returns 0, or -1 with the parser's reason. */
int pxb_setting_registry_check(const pxb_setting_key *key, const pxb_setting *st,
                               const char *value, pxb_error *err);

/* Stores value as the setting's REG_SZ value under its own spelling (name in any case),
 * after checking it on its own; value NULL deletes the stored value (back to its default;
 * one that is not stored is no error). Returns 0, or -1 with the reason (unknown name, bad
 * value, registry error). */
int pxb_setting_registry_store(const pxb_setting_key *key, const char *name, const char *value,
                               pxb_error *err);

#endif
