/* settings.c: the service's and the boot plan's settings as one list, read from the
 * registry, built into a configuration and a plan, and stored all or nothing (see
 * settings.h). */
#include "settings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config_registry.h"
#include "plan_registry.h"
#include "problems.h"
#include "reg_values.h"

#define REASON_MAX 512

static const char *const SUBKEYS[CLI_GROUPS] = {PXB_PARAMETERS_SUBKEY, PXB_BOOT_PLAN_SUBKEY};

size_t cli_setting_count(void)
{
    size_t service, plan;
    pxb_config_settings(&service);
    pxb_plan_settings(&plan);
    return service + plan;
}

cli_setting cli_setting_at(size_t index)
{
    size_t service, plan;
    const pxb_setting *s = pxb_config_settings(&service);
    const pxb_plan_setting *p = pxb_plan_settings(&plan);
    if (index < service)
        return (cli_setting){CLI_SERVICE, s[index].name};
    return (cli_setting){CLI_BOOT_PLAN, p[index - service].name};
}

int cli_setting_find(const char *name, cli_setting *out)
{
    size_t count = cli_setting_count();
    for (size_t i = 0; i < count; i++) {
        cli_setting st = cli_setting_at(i);
        if (_stricmp(st.name, name) == 0) {
            *out = st;
            return 0;
        }
    }
    return -1;
}

void cli_setting_value(const cli_setting *st, const cli_built *built, char out[CLI_VALUE_MAX])
{
    out[0] = '\0';
    if (st->group == CLI_SERVICE)
        pxb_config_get(&built->config, st->name, out, CLI_VALUE_MAX);
    else
        pxb_plan_get(&built->plan, st->name, out, CLI_VALUE_MAX);
}

/* --- reading ---------------------------------------------------------------------------- */

static char *copy(const char *s)
{
    return s ? _strdup(s) : NULL;
}

typedef struct reading {
    cli_stored *stored;
    enum cli_group group;
    pxb_problems *problems;
} reading;

/* A pxb_reg_value_fn: keeps one stored value. */
static void keep_value(void *ctx, const char *name, const char *text, const char *why)
{
    reading *r = ctx;
    size_t *count = &r->stored->count[r->group];
    if (*count == CLI_STORED_MAX) {
        pxb_problems_add(r->problems, "HKLM\\%s holds more than %d values",
                         SUBKEYS[r->group], CLI_STORED_MAX);
        return;
    }
    cli_stored_value *v = &r->stored->values[r->group][*count];
    v->name = copy(name);
    v->text = copy(text);
    v->why = copy(why);
    if (v->name == NULL || (text && v->text == NULL) || (why && v->why == NULL))
        pxb_problems_add(r->problems, "out of memory reading HKLM\\%s", SUBKEYS[r->group]);
    (*count)++;
}

int cli_stored_read(cli_stored *s, char *err, size_t err_len)
{
    pxb_problems p;
    memset(s, 0, sizeof *s);
    pxb_problems_init(&p, err, err_len);
    for (int g = 0; g < CLI_GROUPS; g++) {
        reading r = {s, (enum cli_group)g, &p};
        pxb_reg_read_values(SUBKEYS[g], keep_value, &r, &p);
    }
    if (p.count == 0)
        return 0;
    cli_stored_free(s);
    return -1;
}

void cli_stored_free(cli_stored *s)
{
    for (int g = 0; g < CLI_GROUPS; g++) {
        for (size_t i = 0; i < s->count[g]; i++) {
            free(s->values[g][i].name);
            free(s->values[g][i].text);
            free(s->values[g][i].why);
        }
        s->count[g] = 0;
    }
}

const cli_stored_value *cli_stored_find(const cli_stored *s, enum cli_group group,
                                        const char *name)
{
    for (size_t i = 0; s != NULL && i < s->count[group]; i++)
        if (_stricmp(s->values[group][i].name, name) == 0)
            return &s->values[group][i];
    return NULL;
}

/* --- building --------------------------------------------------------------------------- */

static const cli_change *find_change(const cli_change *changes, size_t count,
                                     const char *name)
{
    for (size_t i = 0; i < count; i++)
        if (_stricmp(changes[i].setting.name, name) == 0)
            return &changes[i];
    return NULL;
}

/* Sets one setting of out from text; reports a bad value. Returns 1 on a problem. */
static int apply(cli_built *out, const cli_setting *st, const char *text, cli_problem_fn fn,
                 void *ctx)
{
    char why[REASON_MAX];
    int rc = st->group == CLI_SERVICE
                 ? pxb_config_set(&out->config, st->name, text, why, sizeof why)
                 : pxb_plan_set(&out->plan, st->name, text, why, sizeof why);
    if (rc == 0)
        return 0;
    fn(ctx, st->name, why);
    return 1;
}

int cli_settings_build(const cli_stored *stored, const cli_change *changes, size_t count,
                       cli_built *out, cli_problem_fn fn, void *ctx)
{
    char why[REASON_MAX];
    int problems = 0;
    memset(out, 0, sizeof *out);
    if (pxb_registry_defaults(&out->config, why, sizeof why) != 0) {
        fn(ctx, "", why);
        problems++;
    }
    pxb_plan_defaults(&out->plan);
    size_t settings = cli_setting_count();
    for (size_t i = 0; i < settings; i++) {
        cli_setting st = cli_setting_at(i);
        const cli_change *change = find_change(changes, count, st.name);
        const cli_stored_value *v = cli_stored_find(stored, st.group, st.name);
        const char *text = change ? change->value : v ? v->text : NULL;
        if (change == NULL && v != NULL && v->text == NULL) {
            fn(ctx, st.name, v->why);
            problems++;
        }
        if (text != NULL) {
            problems += apply(out, &st, text, fn, ctx);
            out->plan_stored |= st.group == CLI_BOOT_PLAN;
        }
    }
    return problems;
}

/* --- storing ---------------------------------------------------------------------------- */

/* Stores text as the setting's value, or deletes the value when text is NULL. */
static int store_one(const cli_setting *st, const char *text, char *err, size_t err_len)
{
    if (st->group == CLI_BOOT_PLAN)
        return text ? pxb_plan_registry_set(st->name, text, err, err_len)
                    : pxb_plan_registry_reset(st->name, err, err_len);
    return text ? pxb_reg_write_text(PXB_PARAMETERS_SUBKEY, st->name, text, err, err_len)
                : pxb_reg_delete_value(PXB_PARAMETERS_SUBKEY, st->name, err, err_len);
}

int cli_settings_store(const cli_stored *stored, const cli_change *changes, size_t count,
                       char *err, size_t err_len)
{
    char first[REASON_MAX], why[REASON_MAX];
    for (size_t i = 0; i < count; i++) {
        if (store_one(&changes[i].setting, changes[i].value, first, sizeof first) == 0)
            continue;
        snprintf(err, err_len, "%s: %s; nothing was changed", changes[i].setting.name, first);
        /* Put back what was stored before (a value without a text form stays deleted). */
        for (size_t j = i; j-- > 0;) {
            const cli_stored_value *old =
                cli_stored_find(stored, changes[j].setting.group, changes[j].setting.name);
            if (store_one(&changes[j].setting, old ? old->text : NULL, why, sizeof why) != 0)
                snprintf(err, err_len, "%s: %s; %s could not be put back as it was: %s",
                         changes[i].setting.name, first, changes[j].setting.name, why);
        }
        return -1;
    }
    return 0;
}
