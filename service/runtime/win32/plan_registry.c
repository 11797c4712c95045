/* plan_registry.c: loads the boot plan's settings from the registry (see plan_registry.h)
 * through the one settings adapter, setting_registry.c. */
#include "plan_registry.h"

#include "problems.h"

static const pxb_setting_key PLAN_KEY = {pxb_plan_table, PXB_BOOT_PLAN_SUBKEY,
                                         PXB_BOOT_PLAN_POLICY_SUBKEY, "boot plan setting"};

const pxb_setting_key *pxb_plan_key(void)
{
    return &PLAN_KEY;
}

int pxb_plan_registry_load(pxb_boot_plan *plan, pxb_setting_sources *sources,
                           pxb_error *err)
{
    pxb_boot_plan next;
    pxb_setting_sources found;
    pxb_problems p;
    pxb_error why;
    pxb_problems_init(&p);
    pxb_plan_defaults(&next);
    pxb_setting_registry_load(&PLAN_KEY, &next, &found, &p);
    if (p.count == 0 && pxb_plan_validate(&next, &why) != 0)
        pxb_problems_add(&p, "%s", why.text);
    if (pxb_problems_report(&p, err) != 0)
        return -1;
    *plan = next;
    if (sources != NULL)
        *sources = found;
    return 0;
}
