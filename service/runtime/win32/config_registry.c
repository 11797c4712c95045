/* config_registry.c: reads the service's configuration from the registry (see
 * config_registry.h) through the one settings adapter, setting_registry.c. */
#include "config_registry.h"

#include <stdio.h>
#include <stdlib.h>
#include <windows.h>
#include <knownfolders.h>
#include <shlobj.h>

#include "args.h"
#include "log.h"
#include "problems.h"
#include "reg_values.h"
#include "setting_registry.h"
#include "win_text.h"


static const pxb_setting_key CONFIG_KEY = {pxb_config_table, PXB_PARAMETERS_SUBKEY,
                                            PXB_POLICY_SUBKEY, "PxeBridge setting"};

const pxb_setting_key *pxb_config_key(void)
{
    return &CONFIG_KEY;
}

/* Sets name from UTF-8 text, recording the reason on failure. */
static void set_value(pxb_config *cfg, const char *name, const char *value, pxb_problems *p)
{
    pxb_error why;
    if (pxb_config_set(cfg, name, value, &why) != 0)
        pxb_problems_add(p, "%s", why.text);
}

int pxb_data_folder(const char *sub, char *out, size_t out_len)
{
    wchar_t *base = NULL;
    char *utf8 = NULL;
    if (SHGetKnownFolderPath(&FOLDERID_ProgramData, 0, NULL, &base) == S_OK)
        utf8 = pxb_utf8_from_wide(base, (size_t)-1);
    CoTaskMemFree(base);
    if (utf8 == NULL)
        return -1;
    snprintf(out, out_len, "%s\\pxebridge\\%s", utf8, sub);
    free(utf8);
    return 0;
}

/* TftpRoot and LogDirectory default to folders under the ProgramData known folder. */
static void set_platform_defaults(pxb_config *cfg, pxb_problems *p)
{
    char path[PXB_CONFIG_PATH_MAX];
    if (pxb_data_folder("tftpboot", path, sizeof path) != 0) {
        pxb_log(PXB_LOG_WARN, PXB_EV_CONFIG_ERROR,
                "the ProgramData folder is unknown: TftpRoot and LogDirectory have no defaults");
        return;
    }
    set_value(cfg, "TftpRoot", path, p);
    pxb_data_folder("logs", path, sizeof path);
    set_value(cfg, "LogDirectory", path, p);
}

int pxb_registry_load(void *ctx, pxb_config *out, pxb_error *err)
{
    return pxb_registry_load_sources(ctx, out, NULL, err);
}

int pxb_registry_load_sources(const pxb_args *args, pxb_config *out,
                              pxb_setting_sources *sources, pxb_error *err)
{
    pxb_problems p;
    pxb_error why;
    pxb_problems_init(&p);
    pxb_config_defaults(out);
    set_platform_defaults(out, &p);
    pxb_setting_registry_load(&CONFIG_KEY, out, sources, &p);
    if (args != NULL && pxb_args_apply(args, out, &why) != 0)
        pxb_problems_add(&p, "%s", why.text);
    if (p.count == 0 && pxb_config_validate(out, &why) != 0)
        pxb_problems_add(&p, "%s", why.text);
    return pxb_problems_report(&p, err);
}

int pxb_registry_defaults(pxb_config *out, pxb_error *err)
{
    pxb_problems p;
    pxb_problems_init(&p);
    pxb_config_defaults(out);
    set_platform_defaults(out, &p);
    return pxb_problems_report(&p, err);
}
