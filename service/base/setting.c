/* setting.c: looking up a setting of a table by name, the one wording of an unknown name,
 * and setting, getting and defaulting values through the parser of each kind (see
 * setting.h). */
#include "setting.h"

#include <stdio.h>

#include "ascii_case.h"
#include "suggest.h"

const pxb_setting *pxb_setting_find(const pxb_setting_table *t, const char *name)
{
    for (size_t i = 0; i < t->count; i++)
        if (pxb_ascii_same(t->settings[i].name, name))
            return &t->settings[i];
    return NULL;
}

/* Writes "A, B, C" (the table's names) into out, cut to fit. */
static void list_names(const pxb_setting_table *t, char *out, size_t out_len)
{
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < t->count && used < out_len; i++) {
        int n = snprintf(out + used, out_len - used, "%s%s", i ? ", " : "", t->settings[i].name);
        used += n > 0 ? (size_t)n : 0;
    }
}

int pxb_setting_unknown_word(const char *name, const char *best, const char *where,
                             pxb_error *err)
{
    if (best != NULL)
        return pxb_error_set(err, "unknown setting '%.64s' (did you mean '%s'?); %s", name,
                             best, where);
    return pxb_error_set(err, "unknown setting '%.64s'; %s", name, where);
}

int pxb_setting_unknown(const pxb_setting_table *t, const char *name, pxb_error *err)
{
    pxb_suggestion s;
    pxb_suggest_start(&s, name);
    for (size_t i = 0; i < t->count; i++)
        pxb_suggest_offer(&s, t->settings[i].name);
    char names[PXB_ERROR_TEXT_MAX - 128];
    list_names(t, names, sizeof names);
    char where[PXB_ERROR_TEXT_MAX];
    snprintf(where, sizeof where, "%s settings are %s", t->owner, names);
    return pxb_setting_unknown_word(name, pxb_suggest_best(&s), where, err);
}

int pxb_setting_set(const pxb_setting_table *t, void *obj, const char *name,
                    const char *value, pxb_error *err)
{
    const pxb_setting *st = pxb_setting_find(t, name);
    if (st == NULL)
        return pxb_setting_unknown(t, name, err);
    return pxb_setting_parse(st, obj, value, err);
}

int pxb_setting_get(const pxb_setting_table *t, const void *obj, const char *name, char *out,
                    size_t out_len)
{
    const pxb_setting *st = pxb_setting_find(t, name);
    if (st == NULL || out_len == 0)
        return -1;
    return pxb_setting_format(st, obj, out, out_len);
}

void pxb_setting_defaults(const pxb_setting_table *t, void *obj)
{
    /* The table's defaults are valid by construction (the unit tests check). */
    for (size_t i = 0; i < t->count; i++)
        pxb_setting_parse(&t->settings[i], obj, t->settings[i].default_text, NULL);
}
