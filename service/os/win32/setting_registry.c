/* setting_registry.c: settings tables read from and stored to the registry (see
 * setting_registry.h), each value going through the table's parser by its name. */
#include "setting_registry.h"

#include <stdlib.h>

#include "log.h"
#include "reg_values.h"

/* What load_value works on: one of the key's two places. */
typedef struct loading {
    const pxb_setting_key *key;
    const char *subkey;            /* the place read */
    enum pxb_setting_source from;  /* what it is */
    void *obj;
    pxb_setting_sources *sources;
    pxb_problems *problems;
} loading;

/* Adds a problem of one value, named with the policy key when it is from there. */
static void add_problem(const loading *l, const char *text)
{
    if (l->from == PXB_SOURCE_POLICY)
        pxb_problems_add(l->problems, "HKLM\\%s: %s", l->subkey, text);
    else
        pxb_problems_add(l->problems, "%s", text);
}

/* A pxb_reg_value_fn: hands one value to the table's parser. */
static void load_value(void *ctx, const char *name, const char *text, const char *why)
{
    loading *l = ctx;
    pxb_error err;
    const pxb_setting *st = pxb_setting_find(l->key->table(), name);
    if (st == NULL) {
        pxb_log(PXB_LOG_WARN, PXB_EV_CONFIG_ERROR,
                "registry value '%s' under HKLM\\%s is not a %s; it is ignored",
                name[0] ? name : "(Default)", l->subkey, l->key->what);
        return;
    }
    if (pxb_setting_source_of(l->key->table(), l->sources, st->name) > l->from)
        return; /* a place of higher precedence gave it a value: this one is not read */
    if (text == NULL) {
        pxb_error_set(&err, "%s: %s", name, why);
        add_problem(l, err.text);
        return;
    }
    if (pxb_setting_take(l->key->table(), st, l->obj, l->sources, l->from, text, &err) < 0)
        add_problem(l, err.text);
}

void pxb_setting_registry_load(const pxb_setting_key *key, void *obj,
                               pxb_setting_sources *sources, pxb_problems *p)
{
    pxb_setting_sources scratch;
    if (sources == NULL)
        sources = &scratch;
    pxb_setting_sources_init(sources);
    loading policy = {key, key->policy_subkey, PXB_SOURCE_POLICY, obj, sources, p};
    pxb_reg_read_values(key->policy_subkey, load_value, &policy, p);
    loading own = {key, key->subkey, PXB_SOURCE_REGISTRY, obj, sources, p};
    pxb_reg_read_values(key->subkey, load_value, &own, p);
}

int pxb_setting_registry_check(const pxb_setting_key *key, const pxb_setting *st,
                               const char *value, pxb_error *err)
{
    void *scratch = calloc(1, key->table()->object_size);
    if (scratch == NULL)
        return pxb_error_set(err, "%s: out of memory", st->name);
    int rc = pxb_setting_parse(st, scratch, value, err);
    free(scratch);
    return rc;
}

int pxb_setting_registry_store(const pxb_setting_key *key, const char *name, const char *value,
                               pxb_error *err)
{
    const pxb_setting *st = pxb_setting_find(key->table(), name);
    if (st == NULL)
        return pxb_setting_unknown(key->table(), name, err);
    if (value == NULL)
        return pxb_reg_delete_value(key->subkey, st->name, err);
    if (pxb_setting_registry_check(key, st, value, err) != 0)
        return -1;
    return pxb_reg_write_text(key->subkey, st->name, value, err);
}
