/* setting_source.h: where each setting of a table (setting.h) got its value. A loader takes
 * a table's values from several places in order of precedence: Group Policy's key first,
 * then the program's own stored values, then the default. A value is taken only when no
 * place of higher precedence gave the setting one, so the order the places are read in does
 * not matter, and the place each setting's value came from is kept for `config show` and
 * the service's log. */
#ifndef PXB_SETTING_SOURCE_H
#define PXB_SETTING_SOURCE_H

#include <stddef.h>

#include "pxb_error.h"
#include "setting.h"

/* Lowest precedence first. */
enum pxb_setting_source {
    PXB_SOURCE_DEFAULT,  /* no value stored anywhere */
    PXB_SOURCE_REGISTRY, /* the program's own key (Parameters, Parameters\BootPlan) */
    PXB_SOURCE_POLICY    /* Group Policy's key (HKLM\SOFTWARE\Policies\pxebridge...) */
};

/* Settings one table may have. */
#define PXB_SETTINGS_MAX 64

/* Per setting of one table, by its index in the table: where its value came from. */
typedef struct pxb_setting_sources {
    unsigned char of[PXB_SETTINGS_MAX];
} pxb_setting_sources;

/* Every setting at its default. */
void pxb_setting_sources_init(pxb_setting_sources *s);

/* Sets st (a setting of t) in obj from text found at from, unless a place of higher
 * precedence already gave it a value. Returns 1 when taken (s remembers from), 0 when left
 * (obj unchanged), -1 when text is not valid for the setting (the parser's reason in err,
 * obj unchanged) or t has more than PXB_SETTINGS_MAX settings. */
int pxb_setting_take(const pxb_setting_table *t, const pxb_setting *st, void *obj,
                     pxb_setting_sources *s, enum pxb_setting_source from, const char *text,
                     pxb_error *err);

/* Where the setting of this name (any case) got its value; the default for a name that is
 * no setting of t. */
enum pxb_setting_source pxb_setting_source_of(const pxb_setting_table *t,
                                              const pxb_setting_sources *s, const char *name);

/* "default", "registry", "policy". */
const char *pxb_setting_source_name(enum pxb_setting_source source);

/* The names of the settings whose value came from `from`, joined with ", " into out (cut to
 * fit; "" for none). Returns how many there are. */
size_t pxb_setting_sources_list(const pxb_setting_table *t, const pxb_setting_sources *s,
                                enum pxb_setting_source from, char *out, size_t out_len);

#endif
