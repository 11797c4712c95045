/* settings.h: the settings `config show|set|reset` handle, as one list over two settings
 * tables (setting.h): the service's (config.h; registry values under Parameters) and the
 * boot plan's (boot_plan.h; values under Parameters\BootPlan), each also under Group
 * Policy's key (HKLM\SOFTWARE\Policies\pxebridge, ...\BootPlan), whose values win. What is
 * stored, what the stored values with some changes on top make (each bad value named, each
 * value's source kept), and storing the changes all or nothing (under Parameters only). */
#ifndef PXB_CLI_SETTINGS_H
#define PXB_CLI_SETTINGS_H

#include <stddef.h>

#include "boot_plan.h"
#include "config.h"
#include "pxb_error.h"
#include "setting_source.h"

enum cli_group { CLI_SERVICE, CLI_BOOT_PLAN, CLI_GROUPS };

/* Values one registry key may hold that the CLI keeps track of. */
#define CLI_STORED_MAX 64
/* Room for any setting's value as text (64 MAC addresses, 8 listen addresses). */
#define CLI_VALUE_MAX 2048

typedef struct cli_setting {
    enum cli_group group;
    const char *name; /* as the table spells it */
} cli_setting;

typedef struct cli_stored_value {
    char *name; /* as stored */
    char *text; /* NULL when the value has no text form ... */
    char *why;  /* ... and then why */
} cli_stored_value;

/* The values under one key. */
typedef struct cli_stored_key {
    cli_stored_value values[CLI_STORED_MAX];
    size_t count;
} cli_stored_key;

typedef struct cli_stored {
    cli_stored_key own[CLI_GROUPS];    /* Parameters, Parameters\BootPlan */
    cli_stored_key policy[CLI_GROUPS]; /* Group Policy's keys */
} cli_stored;

/* One setting to change: set to value, or reset (value NULL). */
typedef struct cli_change {
    cli_setting setting;
    const char *value;
} cli_change;

/* What the stored values, with changes on top, make. */
typedef struct cli_built {
    pxb_config config;
    pxb_boot_plan plan;
    int plan_stored; /* some boot-plan value is stored: the plan is meant to be used */
    pxb_setting_sources sources[CLI_GROUPS]; /* where each value came from */
} cli_built;

/* Called for each value that is not valid; name is the setting's (or "" for a default). */
typedef void (*cli_problem_fn)(void *ctx, const char *name, const char *why);

/* Every setting, the service's first, in table order. */
size_t cli_setting_count(void);
cli_setting cli_setting_at(size_t index);
/* The setting with this name (any case). Returns 0, or -1 if there is none. */
int cli_setting_find(const char *name, cli_setting *out);
/* The setting's value in built as text (the form config set takes). */
void cli_setting_value(const cli_setting *st, const cli_built *built, char out[CLI_VALUE_MAX]);

/* The setting's table entry. */
const pxb_setting *cli_setting_def(const cli_setting *st);
/* Where the setting's value in built came from (policy, registry or default). */
enum pxb_setting_source cli_setting_source(const cli_setting *st, const cli_built *built);
/* Group Policy's key of the setting's group, "HKLM\\SOFTWARE\\Policies\\pxebridge...". */
const char *cli_policy_key(enum cli_group group);

/* Reads the four keys. Returns 0, or -1 with the reason in err (s is then empty). */
int cli_stored_read(cli_stored *s, pxb_error *err);
void cli_stored_free(cli_stored *s);
/* The value of a setting (name in any case) stored under Parameters, or NULL. */
const cli_stored_value *cli_stored_find(const cli_stored *s, enum cli_group group,
                                        const char *name);
/* The value of a setting (name in any case) under Group Policy's key, or NULL. */
const cli_stored_value *cli_policy_find(const cli_stored *s, enum cli_group group,
                                        const char *name);

/* The defaults (changes NULL, count 0, stored NULL) or the stored values with changes on
 * top, and Group Policy's values over both. A bad policy value is reported named with its
 * key, and the setting then takes the next value. Returns how many problems were reported
 * to fn. */
int cli_settings_build(const cli_stored *stored, const cli_change *changes, size_t count,
                       cli_built *out, cli_problem_fn fn, void *ctx);

/* Stores the changes; if one fails, the ones before it are put back as they were.
 * Returns 0, or -1 with the reason (naming the setting) in err. */
int cli_settings_store(const cli_stored *stored, const cli_change *changes, size_t count,
                       pxb_error *err);

#endif
