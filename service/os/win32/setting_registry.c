/* setting_registry.c: settings tables read from and stored to the registry (see
 * setting_registry.h), each value going through the table's parser by its name. */
#include "setting_registry.h"

#include <stdlib.h>

#include "log.h"
#include "reg_values.h"

/* What load_value works on. */
typedef struct loading {
    const pxb_setting_key *key;
    void *obj;
    pxb_problems *problems;
} loading;

/* A pxb_reg_value_fn: hands one value to the table's parser. */
static void load_value(void *ctx, const char *name, const char *text, const char *why)
{
    loading *l = ctx;
    pxb_error err;
    const pxb_setting *st = pxb_setting_find(l->key->table(), name);
    if (st == NULL) {
        pxb_log(PXB_LOG_WARN, PXB_EV_CONFIG_ERROR,
                "registry value '%s' under HKLM\\%s is not a %s; it is ignored",
                name[0] ? name : "(Default)", l->key->subkey, l->key->what);
        return;
    }
    if (text == NULL)
        pxb_problems_add(l->problems, "%s: %s", name, why);
    else if (pxb_setting_parse(st, l->obj, text, &err) != 0)
        pxb_problems_add(l->problems, "%s", err.text);
}

void pxb_setting_registry_load(const pxb_setting_key *key, void *obj, pxb_problems *p)
{
    loading l = {key, obj, p};
    pxb_reg_read_values(key->subkey, load_value, &l, p);
}

/* Checks value with the setting's parser on a scratch struct. */
static int check_value(const pxb_setting_key *key, const pxb_setting *st, const char *value,
                       pxb_error *err)
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
    if (check_value(key, st, value, err) != 0)
        return -1;
    return pxb_reg_write_text(key->subkey, st->name, value, err);
}
