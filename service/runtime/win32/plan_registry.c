/* plan_registry.c: loads, stores and resets the boot plan's settings in the registry (see
 * plan_registry.h). Every value goes through pxb_plan_set by its name, as the text
 * reg_values.c makes of it. */
#include "plan_registry.h"

#include <stdio.h>
#include <string.h>

#include "problems.h"

#define REASON_MAX 512

/* The table entry for name (any case), or NULL with the reason in err. */
static const pxb_plan_setting *find_setting(const char *name, char *err, size_t err_len)
{
    size_t count;
    const pxb_plan_setting *settings = pxb_plan_settings(&count);
    for (size_t i = 0; i < count; i++) {
        if (_stricmp(settings[i].name, name) == 0)
            return &settings[i];
    }
    pxb_boot_plan scratch;
    pxb_plan_defaults(&scratch);
    /* pxb_plan_set words the reason, listing the settings there are. */
    pxb_plan_set(&scratch, name, "", err, err_len);
    return NULL;
}

static int is_setting(const char *name)
{
    char reason[REASON_MAX];
    return find_setting(name, reason, sizeof reason) != NULL;
}

/* pxb_reg_settings.set for a pxb_boot_plan. */
static int set_setting(void *ctx, const char *name, const char *text, char *err,
                       size_t err_len)
{
    return pxb_plan_set(ctx, name, text, err, err_len);
}

int pxb_plan_registry_load(pxb_boot_plan *plan, char *err, size_t err_len)
{
    pxb_boot_plan next;
    pxb_problems p;
    char why[REASON_MAX];
    pxb_problems_init(&p, err, err_len);
    pxb_plan_defaults(&next);
    pxb_reg_settings table = {"boot plan setting", is_setting, set_setting, &next};
    pxb_reg_load_settings(PXB_BOOT_PLAN_SUBKEY, &table, &p);
    if (p.count == 0 && pxb_plan_validate(&next, why, sizeof why) != 0)
        pxb_problems_add(&p, "%s", why);
    if (p.count != 0)
        return -1;
    *plan = next;
    return 0;
}

int pxb_plan_registry_set(const char *name, const char *value, char *err, size_t err_len)
{
    const pxb_plan_setting *st = find_setting(name, err, err_len);
    if (st == NULL)
        return -1;
    pxb_boot_plan scratch;
    pxb_plan_defaults(&scratch);
    if (pxb_plan_set(&scratch, st->name, value, err, err_len) != 0)
        return -1;
    return pxb_reg_write_text(PXB_BOOT_PLAN_SUBKEY, st->name, value, err, err_len);
}

int pxb_plan_registry_reset(const char *name, char *err, size_t err_len)
{
    const pxb_plan_setting *st = find_setting(name, err, err_len);
    if (st == NULL)
        return -1;
    return pxb_reg_delete_value(PXB_BOOT_PLAN_SUBKEY, st->name, err, err_len);
}

int pxb_plan_registry_list(pxb_reg_value_fn fn, void *ctx, char *err, size_t err_len)
{
    pxb_problems p;
    pxb_problems_init(&p, err, err_len);
    pxb_reg_read_values(PXB_BOOT_PLAN_SUBKEY, fn, ctx, &p);
    return p.count == 0 ? 0 : -1;
}
