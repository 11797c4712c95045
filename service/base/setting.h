/* setting.h: the one settings model. A settings table (the service's in config.c, the boot
 * plan's in boot_plan.c) lists named settings, each with a kind, a default, a range, help
 * and where its value lives in the table's struct. One parser and one formatter per kind
 * (setting_kinds.c) read and write the text form that the registry, the CLI, --plan-file and
 * command-line flags all use, with one wording for every mistake. */
#ifndef PXB_SETTING_H
#define PXB_SETTING_H

#include <stddef.h>
#include <stdint.h>

#include "pxb_error.h"

enum pxb_setting_kind {
    PXB_SETTING_NUMBER, /* decimal from min to max (or 0 with zero_off): uint16_t or uint32_t */
    PXB_SETTING_FLAG,   /* 0/1, no/yes, false/true, off/on: int */
    PXB_SETTING_CHOICE, /* one of choices[] by name or number: int, the index */
    PXB_SETTING_RANGE,  /* "lo-hi" with min <= lo <= hi <= max, or 0: two uint16_t */
    PXB_SETTING_TEXT,   /* text of at most size - 1 bytes, then check: char[size] */
    PXB_SETTING_PATH,   /* a folder or file: as text */
    PXB_SETTING_ITEM,   /* one item (an address) read and written by item */
    PXB_SETTING_LIST    /* min to max items separated by commas or blanks: item[max] */
};

typedef struct pxb_setting pxb_setting;

/* One kind of list item (an address, a host name, a subnet, a MAC) or single value. */
typedef struct pxb_setting_item {
    size_t size;       /* bytes of one item */
    const char *noun;  /* items in plural, for messages: "addresses" */
    /* Reads len characters into item; -1 with the reason naming the setting. */
    int (*parse)(const pxb_setting *st, const char *text, size_t len, void *item,
                 pxb_error *err);
    void (*format)(const void *item, char *out, size_t out_len);
    int (*same)(const void *a, const void *b); /* NULL: a list may repeat an item */
} pxb_setting_item;

struct pxb_setting {
    const char *name;          /* registry value name, CLI and --plan-file name */
    enum pxb_setting_kind kind;
    const char *default_text;  /* as the text form writes it; "" = empty */
    const char *help;
    size_t offset, size;       /* the field in the table's struct (list: the item array) */
    uint32_t min, max;         /* number, range: the values; list: how many items */
    int zero_off;              /* number: 0 is allowed too, it turns the feature off */
    const char *unit;          /* number: what it counts, for messages ("seconds"), or NULL */
    const char *const *choices; /* choice: the names, NULL-terminated */
    const pxb_setting_item *item; /* item, list */
    size_t count_offset;       /* list: the size_t field holding how many items there are */
    /* text, path: a rule of the setting's own, run before the length check; -1 with the
     * reason. */
    int (*check)(const pxb_setting *st, const char *value, pxb_error *err);
};

typedef struct pxb_setting_table {
    const char *owner;         /* whose settings, for messages: "the boot plan's" */
    const pxb_setting *settings;
    size_t count;
    size_t object_size;        /* of the struct the settings live in */
} pxb_setting_table;

/* Where a field of struct type lives, for pxb_setting.offset and .size. */
#define PXB_SETTING_FIELD(type, member)                                                        \
    .offset = offsetof(type, member), .size = sizeof(((type *)0)->member)

/* The setting with this name in any case, or NULL. */
const pxb_setting *pxb_setting_find(const pxb_setting_table *t, const char *name);
/* The one wording of a name that is no setting: "unknown setting 'X' (did you mean 'Y'?);
 * <where>", the hint only when best is not NULL. Returns -1. */
int pxb_setting_unknown_word(const char *name, const char *best, const char *where,
                             pxb_error *err);
/* The same for a table, with its closest name and where = "<owner> settings are A, B". */
int pxb_setting_unknown(const pxb_setting_table *t, const char *name, pxb_error *err);
/* Sets one setting of obj from text. Returns 0, or -1 with a message naming the setting,
 * the bad value and what is allowed; obj is then unchanged. */
int pxb_setting_set(const pxb_setting_table *t, void *obj, const char *name,
                    const char *value, pxb_error *err);
/* Writes the value in the form pxb_setting_set takes. -1 if the name is unknown or the text
 * was cut to fit out. */
int pxb_setting_get(const pxb_setting_table *t, const void *obj, const char *name, char *out,
                    size_t out_len);
/* Sets every setting of obj to its default (the table's defaults are valid). */
void pxb_setting_defaults(const pxb_setting_table *t, void *obj);

/* The parser and formatter of st's kind (setting_kinds.c). */
int pxb_setting_parse(const pxb_setting *st, void *obj, const char *value, pxb_error *err);
int pxb_setting_format(const pxb_setting *st, const void *obj, char *out, size_t out_len);
/* "number", "flag", ...: for docs and tests. */
const char *pxb_setting_kind_name(enum pxb_setting_kind kind);

#endif
