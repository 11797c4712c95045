/* settings.c: the service's and the boot plan's settings as one list, read from the
 * registry, built into a configuration and a plan, and stored all or nothing (see
 * settings.h). */
#include "settings.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ascii_case.h"
#include "config_registry.h"
#include "plan_registry.h"
#include "problems.h"
#include "reg_values.h"
#include "setting_registry.h"


static const pxb_setting_key *key_of(enum cli_group group)
{
    return group == CLI_SERVICE ? pxb_config_key() : pxb_plan_key();
}

static const pxb_setting_table *table_of(enum cli_group group)
{
    return key_of(group)->table();
}

/* Where each group's settings live in a cli_built. */
static const size_t OBJECT_OFFSET[CLI_GROUPS] = {offsetof(cli_built, config),
                                                 offsetof(cli_built, plan)};

size_t cli_setting_count(void)
{
    return table_of(CLI_SERVICE)->count + table_of(CLI_BOOT_PLAN)->count;
}

cli_setting cli_setting_at(size_t index)
{
    const pxb_setting_table *service = table_of(CLI_SERVICE);
    if (index < service->count)
        return (cli_setting){CLI_SERVICE, service->settings[index].name};
    const pxb_setting_table *plan = table_of(CLI_BOOT_PLAN);
    return (cli_setting){CLI_BOOT_PLAN, plan->settings[index - service->count].name};
}

int cli_setting_find(const char *name, cli_setting *out)
{
    for (int g = 0; g < CLI_GROUPS; g++) {
        const pxb_setting *st = pxb_setting_find(table_of((enum cli_group)g), name);
        if (st != NULL) {
            *out = (cli_setting){(enum cli_group)g, st->name};
            return 0;
        }
    }
    return -1;
}

const pxb_setting *cli_setting_def(const cli_setting *st)
{
    return pxb_setting_find(table_of(st->group), st->name);
}

enum pxb_setting_source cli_setting_source(const cli_setting *st, const cli_built *built)
{
    return pxb_setting_source_of(table_of(st->group), &built->sources[st->group], st->name);
}

const char *cli_policy_key(enum cli_group group)
{
    return group == CLI_SERVICE ? PXB_POLICY_KEY : PXB_BOOT_PLAN_POLICY_KEY;
}

void cli_setting_value(const cli_setting *st, const cli_built *built, char out[CLI_VALUE_MAX])
{
    out[0] = '\0';
    const char *object = (const char *)built + OBJECT_OFFSET[st->group];
    pxb_setting_get(table_of(st->group), object, st->name, out, CLI_VALUE_MAX);
}

/* --- reading ---------------------------------------------------------------------------- */

static char *copy(const char *s)
{
    return s ? _strdup(s) : NULL;
}

typedef struct reading {
    cli_stored_key *key;
    const char *subkey;
    pxb_problems *problems;
} reading;

/* A pxb_reg_value_fn: keeps one stored value. */
static void keep_value(void *ctx, const char *name, const char *text, const char *why)
{
    reading *r = ctx;
    if (r->key->count == CLI_STORED_MAX) {
        pxb_problems_add(r->problems, "HKLM\\%s holds more than %d values", r->subkey,
                         CLI_STORED_MAX);
        return;
    }
    cli_stored_value *v = &r->key->values[r->key->count];
    v->name = copy(name);
    v->text = copy(text);
    v->why = copy(why);
    if (v->name == NULL || (text && v->text == NULL) || (why && v->why == NULL))
        pxb_problems_add(r->problems, "out of memory reading HKLM\\%s", r->subkey);
    r->key->count++;
}

int cli_stored_read(cli_stored *s, pxb_error *err)
{
    pxb_problems p;
    memset(s, 0, sizeof *s);
    pxb_problems_init(&p);
    for (int g = 0; g < CLI_GROUPS; g++) {
        const pxb_setting_key *key = key_of((enum cli_group)g);
        reading own = {&s->own[g], key->subkey, &p};
        pxb_reg_read_values(own.subkey, keep_value, &own, &p);
        reading policy = {&s->policy[g], key->policy_subkey, &p};
        pxb_reg_read_values(policy.subkey, keep_value, &policy, &p);
    }
    if (p.count == 0)
        return 0;
    cli_stored_free(s);
    return pxb_problems_report(&p, err);
}

static void free_key(cli_stored_key *k)
{
    for (size_t i = 0; i < k->count; i++) {
        free(k->values[i].name);
        free(k->values[i].text);
        free(k->values[i].why);
    }
    k->count = 0;
}

void cli_stored_free(cli_stored *s)
{
    for (int g = 0; g < CLI_GROUPS; g++) {
        free_key(&s->own[g]);
        free_key(&s->policy[g]);
    }
}

static const cli_stored_value *find_in(const cli_stored_key *k, const char *name)
{
    for (size_t i = 0; i < k->count; i++)
        if (pxb_ascii_same(k->values[i].name, name))
            return &k->values[i];
    return NULL;
}

const cli_stored_value *cli_stored_find(const cli_stored *s, enum cli_group group,
                                        const char *name)
{
    return s ? find_in(&s->own[group], name) : NULL;
}

const cli_stored_value *cli_policy_find(const cli_stored *s, enum cli_group group,
                                        const char *name)
{
    return s ? find_in(&s->policy[group], name) : NULL;
}

/* --- building --------------------------------------------------------------------------- */

static const cli_change *find_change(const cli_change *changes, size_t count,
                                     const char *name)
{
    for (size_t i = 0; i < count; i++)
        if (pxb_ascii_same(changes[i].setting.name, name))
            return &changes[i];
    return NULL;
}

/* Sets one setting of out from text found at from; reports a bad value (one from Group
 * Policy named with its key). Returns 1 on a problem. */
static int apply(cli_built *out, const cli_setting *st, enum pxb_setting_source from,
                 const char *text, cli_problem_fn fn, void *ctx)
{
    pxb_error why;
    char *object = (char *)out + OBJECT_OFFSET[st->group];
    const pxb_setting_table *t = table_of(st->group);
    if (pxb_setting_take(t, cli_setting_def(st), object, &out->sources[st->group], from, text,
                         &why) >= 0)
        return 0;
    if (from == PXB_SOURCE_POLICY)
        pxb_error_prefix(&why, "%s", cli_policy_key(st->group));
    fn(ctx, st->name, why.text);
    return 1;
}

/* Group Policy's value of one setting, if it has a usable one. Returns 1 on a problem. */
static int apply_policy(cli_built *out, const cli_setting *st, const cli_stored *stored,
                        cli_problem_fn fn, void *ctx)
{
    const cli_stored_value *v = cli_policy_find(stored, st->group, st->name);
    if (v == NULL)
        return 0;
    if (v->text != NULL)
        return apply(out, st, PXB_SOURCE_POLICY, v->text, fn, ctx);
    pxb_error why;
    pxb_error_set(&why, "%s: %s: %s", cli_policy_key(st->group), st->name, v->why);
    fn(ctx, st->name, why.text);
    return 1;
}

/* One setting of out: Group Policy's value, else the change, else the stored value.
 * Returns how many problems were reported. */
static int build_one(cli_built *out, const cli_setting *st, const cli_stored *stored,
                     const cli_change *change, cli_problem_fn fn, void *ctx)
{
    pxb_error why;
    int problems = apply_policy(out, st, stored, fn, ctx);
    int by_policy = cli_setting_source(st, out) == PXB_SOURCE_POLICY;
    /* A change that policy overrides is not built in, but checked all the same. */
    if (by_policy && change != NULL && change->value != NULL &&
        pxb_setting_registry_check(key_of(st->group), cli_setting_def(st), change->value,
                                   &why) != 0) {
        fn(ctx, st->name, why.text);
        problems++;
    }
    const cli_stored_value *v = cli_stored_find(stored, st->group, st->name);
    const char *text = change ? change->value : v ? v->text : NULL;
    if (!by_policy && change == NULL && v != NULL && v->text == NULL) {
        fn(ctx, st->name, v->why);
        problems++;
    }
    if (text != NULL)
        problems += apply(out, st, PXB_SOURCE_REGISTRY, text, fn, ctx);
    int given = text != NULL || cli_policy_find(stored, st->group, st->name) != NULL;
    out->plan_stored |= given && st->group == CLI_BOOT_PLAN;
    return problems;
}

int cli_settings_build(const cli_stored *stored, const cli_change *changes, size_t count,
                       cli_built *out, cli_problem_fn fn, void *ctx)
{
    pxb_error why = {0};
    int problems = 0;
    memset(out, 0, sizeof *out);
    if (pxb_registry_defaults(&out->config, &why) != 0) {
        fn(ctx, "", why.text);
        problems++;
    }
    pxb_plan_defaults(&out->plan);
    pxb_setting_sources_init(&out->sources[CLI_SERVICE]);
    pxb_setting_sources_init(&out->sources[CLI_BOOT_PLAN]);
    size_t settings = cli_setting_count();
    for (size_t i = 0; i < settings; i++) {
        cli_setting st = cli_setting_at(i);
        problems += build_one(out, &st, stored, find_change(changes, count, st.name), fn, ctx);
    }
    return problems;
}

/* --- storing ---------------------------------------------------------------------------- */

int cli_settings_store(const cli_stored *stored, const cli_change *changes, size_t count,
                       pxb_error *err)
{
    pxb_error first, why;
    for (size_t i = 0; i < count; i++) {
        const cli_setting *st = &changes[i].setting;
        if (pxb_setting_registry_store(key_of(st->group), st->name, changes[i].value,
                                       &first) == 0)
            continue;
        pxb_error_set(err, "%s: %s; nothing was changed", st->name, first.text);
        /* Put back what was stored before (a value without a text form stays deleted). */
        for (size_t j = i; j-- > 0;) {
            const cli_setting *done = &changes[j].setting;
            const cli_stored_value *old = cli_stored_find(stored, done->group, done->name);
            if (pxb_setting_registry_store(key_of(done->group), done->name,
                                           old ? old->text : NULL, &why) != 0)
                pxb_error_set(err, "%s: %s; %s could not be put back as it was: %s",
                              st->name, first.text, done->name, why.text);
        }
        return -1;
    }
    return 0;
}
