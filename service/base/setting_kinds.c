/* setting_kinds.c: one parser and one formatter per kind of setting (see setting.h), the one
 * list splitter and the one wording of each mistake. A parser checks the whole value before
 * it writes the field, so a refused value leaves the settings as they were. */
#include "setting.h"

#include <stdio.h>
#include <string.h>

#include "ascii_case.h"

#define LIST_SEPARATORS ", \t"
/* Most items of any list setting (64 MAC addresses), and the largest item. */
#define LIST_ITEMS_MAX 64
#define ITEM_BYTES_MAX 256

static unsigned char *field_of(const pxb_setting *st, void *obj)
{
    return (unsigned char *)obj + st->offset;
}

static const unsigned char *const_field_of(const pxb_setting *st, const void *obj)
{
    return (const unsigned char *)obj + st->offset;
}

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Reads len characters of decimal digits (blanks around allowed), refusing signs, other
 * characters and values above max. */
static int read_decimal(const char *text, size_t len, uint32_t max, uint32_t *out)
{
    while (len > 0 && is_blank(*text)) {
        text++;
        len--;
    }
    while (len > 0 && is_blank(text[len - 1]))
        len--;
    if (len == 0)
        return -1;
    uint64_t value = 0;
    for (size_t i = 0; i < len; i++) {
        if (text[i] < '0' || text[i] > '9')
            return -1;
        value = value * 10 + (uint64_t)(text[i] - '0');
        if (value > max)
            return -1;
    }
    *out = (uint32_t)value;
    return 0;
}

/* Stores n in a uint16_t or uint32_t field. */
static void store_unsigned(unsigned char *field, size_t size, uint32_t n)
{
    uint16_t v16 = (uint16_t)n;
    if (size == sizeof v16)
        memcpy(field, &v16, sizeof v16);
    else
        memcpy(field, &n, sizeof n);
}

static uint32_t load_unsigned(const unsigned char *field, size_t size)
{
    uint16_t v16;
    uint32_t v32;
    if (size == sizeof v16) {
        memcpy(&v16, field, sizeof v16);
        return v16;
    }
    memcpy(&v32, field, sizeof v32);
    return v32;
}

static int parse_number(const pxb_setting *st, void *obj, const char *value, pxb_error *err)
{
    uint32_t n;
    if (read_decimal(value, strlen(value), st->max, &n) != 0 ||
        (n < st->min && !(st->zero_off && n == 0)))
        return pxb_error_set(err, "%s: '%.80s' is not %sa number%s%s from %u to %u", st->name,
                             value, st->zero_off ? "0 or " : "", st->unit ? " of " : "",
                             st->unit ? st->unit : "", (unsigned)st->min, (unsigned)st->max);
    store_unsigned(field_of(st, obj), st->size, n);
    return 0;
}

static int parse_flag(const pxb_setting *st, void *obj, const char *value, pxb_error *err)
{
    static const char *const YES[] = {"1", "yes", "true", "on"};
    static const char *const NO[] = {"0", "no", "false", "off"};
    for (size_t i = 0; i < sizeof YES / sizeof YES[0]; i++) {
        int on = pxb_ascii_same(value, YES[i]);
        if (on || pxb_ascii_same(value, NO[i])) {
            memcpy(field_of(st, obj), &on, sizeof on);
            return 0;
        }
    }
    return pxb_error_set(err, "%s: '%.80s' is not a yes/no value; give 1 or 0 (yes/no, "
                         "true/false, on/off)", st->name, value);
}

/* The index of value among the choices, by name in any case or by its number. */
static int find_choice(const pxb_setting *st, const char *value)
{
    int count = 0;
    while (st->choices[count] != NULL)
        count++;
    if (value[0] >= '0' && value[0] < '0' + count && value[1] == '\0')
        return value[0] - '0';
    for (int i = 0; i < count; i++)
        if (pxb_ascii_same(value, st->choices[i]))
            return i;
    return -1;
}

static int parse_choice(const pxb_setting *st, void *obj, const char *value, pxb_error *err)
{
    int index = find_choice(st, value);
    if (index >= 0) {
        memcpy(field_of(st, obj), &index, sizeof index);
        return 0;
    }
    char names[ITEM_BYTES_MAX] = "";
    size_t used = 0;
    for (size_t i = 0; st->choices[i] != NULL && used < sizeof names; i++) {
        int n = snprintf(names + used, sizeof names - used, "%s%s", i ? ", " : "",
                         st->choices[i]);
        used += n > 0 ? (size_t)n : 0;
    }
    return pxb_error_set(err, "%s: '%.80s' is not one of %s", st->name, value, names);
}

/* "lo-hi" within min..max, or 0 (or nothing) for no range. */
static int parse_range(const pxb_setting *st, void *obj, const char *value, pxb_error *err)
{
    const char *dash = strchr(value, '-');
    uint32_t lo = 0, hi = 0;
    if (dash == NULL && (value[strspn(value, " \t")] == '\0' ||
                         read_decimal(value, strlen(value), 0, &lo) == 0))
        lo = hi = 0;
    else if (dash == NULL || read_decimal(value, (size_t)(dash - value), st->max, &lo) != 0 ||
             read_decimal(dash + 1, strlen(dash + 1), st->max, &hi) != 0 || lo < st->min ||
             lo > hi)
        return pxb_error_set(err, "%s: '%.80s' is not a port range min-max with %u <= min <= "
                             "max <= %u (e.g. 50000-50999), or 0 for any port", st->name,
                             value, (unsigned)st->min, (unsigned)st->max);
    unsigned char *field = field_of(st, obj);
    store_unsigned(field, sizeof(uint16_t), lo);
    store_unsigned(field + sizeof(uint16_t), sizeof(uint16_t), hi);
    return 0;
}

static int parse_text(const pxb_setting *st, void *obj, const char *value, pxb_error *err)
{
    size_t len = strlen(value);
    if (st->check != NULL && st->check(st, value, err) != 0)
        return -1;
    if (len >= st->size)
        return pxb_error_set(err, "%s: the %s is %zu bytes long; at most %zu are allowed",
                             st->name, st->kind == PXB_SETTING_PATH ? "path" : "value", len,
                             st->size - 1);
    memcpy(field_of(st, obj), value, len + 1);
    return 0;
}

static int parse_item(const pxb_setting *st, void *obj, const char *value, pxb_error *err)
{
    unsigned char item[ITEM_BYTES_MAX];
    if (st->item->parse(st, value, strlen(value), item, err) != 0)
        return -1;
    memcpy(field_of(st, obj), item, st->item->size);
    return 0;
}

/* True if the item at items[count] repeats one before it. */
static int is_repeated(const pxb_setting_item *it, const unsigned char *items, size_t count)
{
    for (size_t i = 0; it->same != NULL && i < count; i++)
        if (it->same(items + i * it->size, items + count * it->size))
            return 1;
    return 0;
}

/* Reads the items of a list separated by commas or blanks into items; returns how many,
 * or -1 with the reason. */
static int read_items(const pxb_setting *st, const char *value, unsigned char *items,
                      pxb_error *err)
{
    const pxb_setting_item *it = st->item;
    size_t count = 0;
    for (const char *p = value + strspn(value, LIST_SEPARATORS); *p;
         p += strspn(p, LIST_SEPARATORS)) {
        size_t len = strcspn(p, LIST_SEPARATORS);
        if (count == st->max)
            return pxb_error_set(err, "%s: more than %u %s are listed; list at most %u",
                                 st->name, (unsigned)st->max, it->noun, (unsigned)st->max);
        if (it->parse(st, p, len, items + count * it->size, err) != 0)
            return -1;
        if (is_repeated(it, items, count))
            return pxb_error_set(err, "%s: '%.*s' is listed twice; list it once", st->name,
                                 (int)(len < 80 ? len : 80), p);
        count++;
        p += len;
    }
    return (int)count;
}

static int parse_list(const pxb_setting *st, void *obj, const char *value, pxb_error *err)
{
    unsigned char items[LIST_ITEMS_MAX * ITEM_BYTES_MAX];
    int count = read_items(st, value, items, err);
    if (count < 0)
        return -1;
    if ((uint32_t)count < st->min)
        return pxb_error_set(err, "%s: '%.80s' lists no %s; give at least one, e.g. %s",
                             st->name, value, st->item->noun, st->default_text);
    size_t n = (size_t)count;
    memcpy(field_of(st, obj), items, n * st->item->size);
    memcpy((unsigned char *)obj + st->count_offset, &n, sizeof n);
    return 0;
}

int pxb_setting_parse(const pxb_setting *st, void *obj, const char *value, pxb_error *err)
{
    switch (st->kind) {
    case PXB_SETTING_NUMBER:
        return parse_number(st, obj, value, err);
    case PXB_SETTING_FLAG:
        return parse_flag(st, obj, value, err);
    case PXB_SETTING_CHOICE:
        return parse_choice(st, obj, value, err);
    case PXB_SETTING_RANGE:
        return parse_range(st, obj, value, err);
    case PXB_SETTING_TEXT:
    case PXB_SETTING_PATH:
        return parse_text(st, obj, value, err);
    case PXB_SETTING_ITEM:
        return parse_item(st, obj, value, err);
    case PXB_SETTING_LIST:
        return parse_list(st, obj, value, err);
    }
    return pxb_error_set(err, "%s: internal: unknown kind of setting", st->name);
}

/* --- writing values ------------------------------------------------------------------- */

static int fits(int n, size_t out_len)
{
    return n >= 0 && (size_t)n < out_len ? 0 : -1;
}

static int format_list(const pxb_setting *st, const void *obj, char *out, size_t out_len)
{
    const pxb_setting_item *it = st->item;
    const unsigned char *items = const_field_of(st, obj);
    size_t count, used = 0;
    memcpy(&count, (const unsigned char *)obj + st->count_offset, sizeof count);
    out[0] = '\0';
    for (size_t i = 0; i < count; i++) {
        char item[ITEM_BYTES_MAX];
        it->format(items + i * it->size, item, sizeof item);
        int n = snprintf(out + used, out_len - used, "%s%s", i ? "," : "", item);
        if (fits(n, out_len - used) != 0)
            return -1;
        used += (size_t)n;
    }
    return 0;
}

static int format_range(const pxb_setting *st, const void *obj, char *out, size_t out_len)
{
    const unsigned char *field = const_field_of(st, obj);
    uint32_t lo = load_unsigned(field, sizeof(uint16_t));
    uint32_t hi = load_unsigned(field + sizeof(uint16_t), sizeof(uint16_t));
    if (lo == 0)
        return fits(snprintf(out, out_len, "0"), out_len);
    return fits(snprintf(out, out_len, "%u-%u", (unsigned)lo, (unsigned)hi), out_len);
}

static int load_int(const pxb_setting *st, const void *obj)
{
    int v;
    memcpy(&v, const_field_of(st, obj), sizeof v);
    return v;
}

int pxb_setting_format(const pxb_setting *st, const void *obj, char *out, size_t out_len)
{
    char item[ITEM_BYTES_MAX];
    switch (st->kind) {
    case PXB_SETTING_NUMBER:
        return fits(snprintf(out, out_len, "%u",
                             (unsigned)load_unsigned(const_field_of(st, obj), st->size)),
                    out_len);
    case PXB_SETTING_FLAG:
        return fits(snprintf(out, out_len, "%d", load_int(st, obj) ? 1 : 0), out_len);
    case PXB_SETTING_CHOICE:
        return fits(snprintf(out, out_len, "%s", st->choices[load_int(st, obj)]), out_len);
    case PXB_SETTING_RANGE:
        return format_range(st, obj, out, out_len);
    case PXB_SETTING_TEXT:
    case PXB_SETTING_PATH:
        return fits(snprintf(out, out_len, "%s", (const char *)const_field_of(st, obj)),
                    out_len);
    case PXB_SETTING_ITEM:
        st->item->format(const_field_of(st, obj), item, sizeof item);
        return fits(snprintf(out, out_len, "%s", item), out_len);
    case PXB_SETTING_LIST:
        return format_list(st, obj, out, out_len);
    }
    return -1;
}

const char *pxb_setting_kind_name(enum pxb_setting_kind kind)
{
    static const char *const NAMES[] = {"number", "flag", "choice", "range",
                                        "text",   "path", "item",   "list"};
    return (size_t)kind < sizeof NAMES / sizeof NAMES[0] ? NAMES[kind] : "?";
}
