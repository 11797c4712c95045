/* json_reader.c: a recursive-descent JSON reader (see json_reader.h). */
#include "json_reader.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define DEPTH_MAX 32

typedef struct reader {
    const char *p, *start, *end;
    int depth;
    pxb_error *err;
} reader;

static int fail(reader *r, const char *what)
{
    return pxb_error_set(r->err, "%s at offset %zu", what, (size_t)(r->p - r->start));
}

static void skip_space(reader *r)
{
    while (r->p < r->end && (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' || *r->p == '\r'))
        r->p++;
}

static int literal(reader *r, const char *word)
{
    size_t n = strlen(word);
    if ((size_t)(r->end - r->p) < n || memcmp(r->p, word, n) != 0)
        return fail(r, "unexpected text");
    r->p += n;
    return 0;
}

static int hex4(reader *r, unsigned *out)
{
    unsigned v = 0;
    if (r->end - r->p < 4)
        return fail(r, "short \\u escape");
    for (int i = 0; i < 4; i++) {
        char c = *r->p++;
        unsigned d = c >= '0' && c <= '9'   ? (unsigned)(c - '0')
                     : c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10)
                     : c >= 'A' && c <= 'F' ? (unsigned)(c - 'A' + 10)
                                            : 16u;
        if (d == 16)
            return fail(r, "bad \\u escape");
        v = v * 16 + d;
    }
    *out = v;
    return 0;
}

static size_t put_utf8(char *out, unsigned cp)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* A \u escape (the backslash and u read), a surrogate pair as one code point. */
static int unicode_escape(reader *r, unsigned *cp)
{
    unsigned lo;
    if (hex4(r, cp) != 0)
        return -1;
    if (*cp < 0xD800 || *cp > 0xDFFF)
        return 0;
    if (*cp > 0xDBFF || r->end - r->p < 2 || r->p[0] != '\\' || r->p[1] != 'u')
        return fail(r, "unpaired surrogate");
    r->p += 2;
    if (hex4(r, &lo) != 0)
        return -1;
    if (lo < 0xDC00 || lo > 0xDFFF)
        return fail(r, "unpaired surrogate");
    *cp = 0x10000 + ((*cp - 0xD800) << 10) + (lo - 0xDC00);
    return 0;
}

static int escape(reader *r, char *out, size_t *n)
{
    static const char FROM[] = "\"\\/bfnrt", TO[] = "\"\\/\b\f\n\r\t";
    if (r->p == r->end)
        return fail(r, "unterminated string");
    char c = *r->p++;
    if (c == 'u') {
        unsigned cp;
        if (unicode_escape(r, &cp) != 0)
            return -1;
        *n += put_utf8(out + *n, cp);
        return 0;
    }
    const char *at = strchr(FROM, c);
    if (c == '\0' || at == NULL)
        return fail(r, "bad escape");
    out[(*n)++] = TO[at - FROM];
    return 0;
}

/* A string (at its opening quote) into a new buffer: escapes never grow the text. */
static char *string(reader *r)
{
    r->p++;
    char *out = malloc((size_t)(r->end - r->p) + 1);
    size_t n = 0;
    if (out == NULL) {
        fail(r, "out of memory");
        return NULL;
    }
    while (r->p < r->end && *r->p != '"') {
        unsigned char c = (unsigned char)*r->p++;
        if (c < 0x20) {
            fail(r, "control character in a string");
            free(out);
            return NULL;
        }
        if (c != '\\')
            out[n++] = (char)c;
        else if (escape(r, out, &n) != 0) {
            free(out);
            return NULL;
        }
    }
    if (r->p == r->end) {
        fail(r, "unterminated string");
        free(out);
        return NULL;
    }
    r->p++;
    out[n] = '\0';
    return out;
}

static int number(reader *r, pxb_jvalue *v)
{
    int negative = r->p < r->end && *r->p == '-';
    unsigned long long n = 0;
    r->p += negative;
    const char *digits = r->p;
    while (r->p < r->end && *r->p >= '0' && *r->p <= '9') {
        if (n > (ULLONG_MAX - 9) / 10)
            return fail(r, "number too large");
        n = n * 10 + (unsigned)(*r->p++ - '0');
    }
    if (r->p == digits || (r->p - digits > 1 && *digits == '0'))
        return fail(r, "bad number");
    if (r->p < r->end && (*r->p == '.' || *r->p == 'e' || *r->p == 'E'))
        return fail(r, "fractions and exponents are not read");
    if (n > (unsigned long long)LLONG_MAX)
        return fail(r, "number too large");
    v->type = PXB_JINT;
    v->number = negative ? -(long long)n : (long long)n;
    return 0;
}

static int value(reader *r, pxb_jvalue *v);

/* Appends one value to v's items (growing them); the new value is zeroed. */
static pxb_jvalue *append(reader *r, pxb_jvalue *v, size_t *cap)
{
    if (v->count == *cap) {
        size_t grown = *cap ? *cap * 2 : 4;
        pxb_jvalue *items = realloc(v->items, grown * sizeof *items);
        if (items == NULL) {
            fail(r, "out of memory");
            return NULL;
        }
        v->items = items;
        *cap = grown;
    }
    pxb_jvalue *item = &v->items[v->count++];
    memset(item, 0, sizeof *item);
    return item;
}

/* An array or object, at its opening bracket. */
static int container(reader *r, pxb_jvalue *v, int object)
{
    size_t cap = 0;
    char close = object ? '}' : ']';
    v->type = object ? PXB_JOBJECT : PXB_JARRAY;
    if (++r->depth > DEPTH_MAX)
        return fail(r, "nested too deep");
    r->p++;
    skip_space(r);
    if (r->p < r->end && *r->p == close) {
        r->p++;
        r->depth--;
        return 0;
    }
    for (;;) {
        pxb_jvalue *item = append(r, v, &cap);
        if (item == NULL)
            return -1;
        skip_space(r);
        if (object) {
            if (r->p == r->end || *r->p != '"')
                return fail(r, "expected a member name");
            if ((item->key = string(r)) == NULL)
                return -1;
            skip_space(r);
            if (r->p == r->end || *r->p++ != ':')
                return fail(r, "expected ':'");
        }
        if (value(r, item) != 0)
            return -1;
        skip_space(r);
        if (r->p < r->end && *r->p == ',') {
            r->p++;
            continue;
        }
        if (r->p < r->end && *r->p == close) {
            r->p++;
            r->depth--;
            return 0;
        }
        return fail(r, object ? "expected ',' or '}'" : "expected ',' or ']'");
    }
}

static int value(reader *r, pxb_jvalue *v)
{
    skip_space(r);
    if (r->p == r->end)
        return fail(r, "unexpected end");
    switch (*r->p) {
    case '{':
        return container(r, v, 1);
    case '[':
        return container(r, v, 0);
    case '"':
        v->type = PXB_JSTRING;
        v->text = string(r);
        return v->text != NULL ? 0 : -1;
    case 't':
        v->type = PXB_JBOOL;
        v->number = 1;
        return literal(r, "true");
    case 'f':
        v->type = PXB_JBOOL;
        return literal(r, "false");
    case 'n':
        v->type = PXB_JNULL;
        return literal(r, "null");
    default:
        return number(r, v);
    }
}

static void release_items(pxb_jvalue *v)
{
    for (size_t i = 0; i < v->count; i++)
        release_items(&v->items[i]);
    free(v->items);
    free(v->text);
    free(v->key);
}

pxb_jvalue *pxb_json_parse(const char *text, size_t len, pxb_error *err)
{
    reader r = {text, text, text + len, 0, err};
    pxb_jvalue *v = calloc(1, sizeof *v);
    if (v == NULL) {
        pxb_error_set(err, "out of memory");
        return NULL;
    }
    int rc = value(&r, v);
    skip_space(&r);
    if (rc == 0 && r.p != r.end)
        rc = fail(&r, "text after the document");
    if (rc != 0) {
        pxb_json_release(v);
        return NULL;
    }
    return v;
}

void pxb_json_release(pxb_jvalue *v)
{
    if (v == NULL)
        return;
    release_items(v);
    free(v);
}

const pxb_jvalue *pxb_json_get(const pxb_jvalue *v, const char *key)
{
    if (v == NULL || v->type != PXB_JOBJECT)
        return NULL;
    for (size_t i = 0; i < v->count; i++)
        if (strcmp(v->items[i].key, key) == 0)
            return &v->items[i];
    return NULL;
}

const char *pxb_json_get_text(const pxb_jvalue *v, const char *key, const char *fallback)
{
    const pxb_jvalue *m = pxb_json_get(v, key);
    return m != NULL && m->type == PXB_JSTRING ? m->text : fallback;
}

long long pxb_json_get_int(const pxb_jvalue *v, const char *key, long long fallback)
{
    const pxb_jvalue *m = pxb_json_get(v, key);
    return m != NULL && (m->type == PXB_JINT || m->type == PXB_JBOOL) ? m->number : fallback;
}
