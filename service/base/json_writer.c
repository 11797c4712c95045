/* json_writer.c: the JSON writer behind --json (see json_writer.h). */
#include "json_writer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FIRST_CAP 256

void pxb_json_init(pxb_json *j)
{
    memset(j, 0, sizeof *j);
}

void pxb_json_free(pxb_json *j)
{
    free(j->buf);
    pxb_json_init(j);
}

const char *pxb_json_text(const pxb_json *j)
{
    if (j->failed || j->depth != 0 || j->after_key || j->buf == NULL)
        return NULL;
    return j->buf;
}

/* Appends n bytes, keeping the text NUL-terminated; marks failure when memory runs out. */
static void append(pxb_json *j, const char *s, size_t n)
{
    if (j->failed)
        return;
    if (j->len + n + 1 > j->cap) {
        size_t cap = j->cap ? j->cap : FIRST_CAP;
        while (cap < j->len + n + 1)
            cap *= 2;
        char *grown = realloc(j->buf, cap);
        if (grown == NULL) {
            j->failed = 1;
            return;
        }
        j->buf = grown;
        j->cap = cap;
    }
    memcpy(j->buf + j->len, s, n);
    j->len += n;
    j->buf[j->len] = '\0';
}

static void put(pxb_json *j, const char *s)
{
    append(j, s, strlen(s));
}

/* Before any value: the comma that separates it from the one before, if any. */
static void start_value(pxb_json *j)
{
    if (j->after_key) {
        j->after_key = 0;
        return;
    }
    if (j->depth > 0) {
        if (j->has_items[j->depth - 1])
            put(j, ",");
        j->has_items[j->depth - 1] = 1;
    }
}

static void open_container(pxb_json *j, const char *bracket)
{
    start_value(j);
    if (j->depth == PXB_JSON_DEPTH_MAX) {
        j->failed = 1;
        return;
    }
    j->has_items[j->depth++] = 0;
    put(j, bracket);
}

static void close_container(pxb_json *j, const char *bracket)
{
    if (j->depth == 0 || j->after_key) {
        j->failed = 1;
        return;
    }
    j->depth--;
    put(j, bracket);
}

void pxb_json_begin_object(pxb_json *j)
{
    open_container(j, "{");
}

void pxb_json_end_object(pxb_json *j)
{
    close_container(j, "}");
}

void pxb_json_begin_array(pxb_json *j)
{
    open_container(j, "[");
}

void pxb_json_end_array(pxb_json *j)
{
    close_container(j, "]");
}

/* Writes s as a JSON string: the two-letter escapes where JSON has one, \u00XX for other
 * control characters, every other byte (UTF-8 included) as it is. */
static void put_quoted(pxb_json *j, const char *s)
{
    static const char special[] = "\"\\\n\r\t";
    static const char letter[] = "\"\\nrt";
    put(j, "\"");
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        const char *hit = strchr(special, *p);
        char esc[8];
        if (hit != NULL) {
            esc[0] = '\\';
            esc[1] = letter[hit - special];
            esc[2] = '\0';
            put(j, esc);
        } else if (*p < 0x20) {
            snprintf(esc, sizeof esc, "\\u%04x", *p);
            put(j, esc);
        } else {
            append(j, (const char *)p, 1);
        }
    }
    put(j, "\"");
}

void pxb_json_key(pxb_json *j, const char *key)
{
    start_value(j);
    put_quoted(j, key);
    put(j, ":");
    j->after_key = 1;
}

void pxb_json_string(pxb_json *j, const char *s)
{
    if (s == NULL) {
        pxb_json_null(j);
        return;
    }
    start_value(j);
    put_quoted(j, s);
}

void pxb_json_int(pxb_json *j, long long v)
{
    char digits[24];
    snprintf(digits, sizeof digits, "%lld", v);
    pxb_json_raw(j, digits);
}

void pxb_json_bool(pxb_json *j, int v)
{
    pxb_json_raw(j, v ? "true" : "false");
}

void pxb_json_null(pxb_json *j)
{
    pxb_json_raw(j, "null");
}

void pxb_json_raw(pxb_json *j, const char *json)
{
    start_value(j);
    put(j, json);
}

void pxb_json_field_string(pxb_json *j, const char *key, const char *s)
{
    pxb_json_key(j, key);
    pxb_json_string(j, s);
}

void pxb_json_field_int(pxb_json *j, const char *key, long long v)
{
    pxb_json_key(j, key);
    pxb_json_int(j, v);
}

void pxb_json_field_bool(pxb_json *j, const char *key, int v)
{
    pxb_json_key(j, key);
    pxb_json_bool(j, v);
}
