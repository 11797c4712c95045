/* setting_source.c: taking settings' values by precedence and remembering where each came
 * from (see setting_source.h). */
#include "setting_source.h"

#include <stdio.h>
#include <string.h>

void pxb_setting_sources_init(pxb_setting_sources *s)
{
    memset(s, PXB_SOURCE_DEFAULT, sizeof s->of);
}

int pxb_setting_take(const pxb_setting_table *t, const pxb_setting *st, void *obj,
                     pxb_setting_sources *s, enum pxb_setting_source from, const char *text,
                     pxb_error *err)
{
    size_t index = (size_t)(st - t->settings);
    if (index >= PXB_SETTINGS_MAX)
        return pxb_error_set(err, "%s: %s table has more than %d settings", st->name,
                             t->owner, PXB_SETTINGS_MAX);
    if (s->of[index] > from)
        return 0;
    if (pxb_setting_parse(st, obj, text, err) != 0)
        return -1;
    s->of[index] = (unsigned char)from;
    return 1;
}

enum pxb_setting_source pxb_setting_source_of(const pxb_setting_table *t,
                                              const pxb_setting_sources *s, const char *name)
{
    const pxb_setting *st = pxb_setting_find(t, name);
    size_t index = st ? (size_t)(st - t->settings) : PXB_SETTINGS_MAX;
    if (index >= PXB_SETTINGS_MAX)
        return PXB_SOURCE_DEFAULT;
    return (enum pxb_setting_source)s->of[index];
}

const char *pxb_setting_source_name(enum pxb_setting_source source)
{
    switch (source) {
    case PXB_SOURCE_POLICY:
        return "policy";
    case PXB_SOURCE_REGISTRY:
        return "registry";
    case PXB_SOURCE_DEFAULT:
        break;
    }
    return "default";
}

size_t pxb_setting_sources_list(const pxb_setting_table *t, const pxb_setting_sources *s,
                                enum pxb_setting_source from, char *out, size_t out_len)
{
    size_t found = 0, used = 0;
    if (out_len > 0)
        out[0] = '\0';
    for (size_t i = 0; i < t->count && i < PXB_SETTINGS_MAX; i++) {
        if (s->of[i] != from)
            continue;
        int n = used < out_len ? snprintf(out + used, out_len - used, "%s%s",
                                          found ? ", " : "", t->settings[i].name)
                               : 0;
        used += n > 0 ? (size_t)n : 0;
        found++;
    }
    return found;
}
