/* reg_values.c: reads, writes and deletes settings stored as registry values under HKLM
 * (see reg_values.h). */
#include "reg_values.h"

#include <stdio.h>
#include <stdlib.h>
#include <windows.h>

#include "win_text.h"

/* The 64-bit view, whatever the program was built as. */
#define VIEW KEY_WOW64_64KEY

/* Sets err to "<what> HKLM\<subkey>: <reason for code>", with code. */
static void describe_failure(const char *what, const char *subkey, LSTATUS code, pxb_error *err)
{
    char reason[256];
    pxb_describe_error((unsigned long)code, reason, sizeof reason);
    pxb_error_set_code(err, (unsigned long)code, "%s HKLM\\%s: %s", what, subkey, reason);
}

static void add_failure(pxb_problems *p, const char *what, const char *subkey, LSTATUS code)
{
    pxb_error line;
    describe_failure(what, subkey, code, &line);
    pxb_problems_add(p, "%s", line.text);
}

/* The UTF-16 units of a string value without its trailing NULs. */
static size_t string_units(const wchar_t *data, DWORD bytes)
{
    size_t units = bytes / sizeof(wchar_t);
    while (units > 0 && data[units - 1] == L'\0')
        units--;
    return units;
}

/* data holds a NUL-terminated string; returns it with %VARIABLES% expanded, as UTF-8. */
static char *expand(const wchar_t *data)
{
    DWORD n = ExpandEnvironmentStringsW(data, NULL, 0);
    if (n == 0)
        return NULL;
    wchar_t *expanded = malloc(n * sizeof *expanded);
    if (expanded == NULL)
        return NULL;
    char *utf8 = NULL;
    if (ExpandEnvironmentStringsW(data, expanded, n) == n)
        utf8 = pxb_utf8_from_wide(expanded, (size_t)-1);
    free(expanded);
    return utf8;
}

/* Joins the strings of a REG_MULTI_SZ with commas, skipping empty ones; returns UTF-8. */
static char *join_multi(wchar_t *data, DWORD bytes)
{
    size_t units = string_units(data, bytes);
    size_t out = 0;
    for (size_t i = 0; i < units; i++) {
        if (data[i] != L'\0')
            data[out++] = data[i];
        else if (out > 0 && data[out - 1] != L',')
            data[out++] = L',';
    }
    return pxb_utf8_from_wide(data, out);
}

/* Turns one value's data into UTF-8 text. data has room for a NUL after bytes. NULL with a
 * reason in why for a type that has no text form. */
static char *value_text(DWORD type, wchar_t *data, DWORD bytes, pxb_error *why)
{
    char *text = NULL;
    switch (type) {
    case REG_SZ:
        text = pxb_utf8_from_wide(data, string_units(data, bytes));
        break;
    case REG_EXPAND_SZ:
        data[string_units(data, bytes)] = L'\0';
        text = expand(data);
        break;
    case REG_MULTI_SZ:
        text = join_multi(data, bytes);
        break;
    case REG_DWORD:
        if (bytes != sizeof(DWORD)) {
            pxb_error_set(why, "holds %lu bytes where a DWORD has 4", (unsigned long)bytes);
            return NULL;
        }
        text = malloc(16);
        if (text != NULL)
            snprintf(text, 16, "%lu", (unsigned long)*(const DWORD *)(const void *)data);
        break;
    default:
        pxb_error_set(why,
                      "has registry type %lu; use REG_SZ, REG_EXPAND_SZ, REG_MULTI_SZ or REG_DWORD",
                      (unsigned long)type);
        return NULL;
    }
    if (text == NULL)
        pxb_error_set(why, "cannot be read as text (invalid UTF-16 or out of memory)");
    return text;
}

/* Hands one value to fn as UTF-8 name and text. */
static void report_value(const char *subkey, const wchar_t *wname, DWORD type, wchar_t *data,
                         DWORD bytes, pxb_reg_value_fn fn, void *ctx, pxb_problems *p)
{
    char *name = pxb_utf8_from_wide(wname, (size_t)-1);
    if (name == NULL) {
        pxb_problems_add(p, "a value under HKLM\\%s has a name that is not valid UTF-16",
                         subkey);
        return;
    }
    pxb_error why;
    pxb_error_clear(&why);
    char *text = value_text(type, data, bytes, &why);
    fn(ctx, name, text, why.text);
    free(text);
    free(name);
}

/* Calls fn for every value of the open key. */
static void enum_values(HKEY key, const char *subkey, pxb_reg_value_fn fn, void *ctx,
                        pxb_problems *p)
{
    DWORD count, name_max, data_max;
    LSTATUS rc = RegQueryInfoKeyW(key, NULL, NULL, NULL, NULL, NULL, NULL, &count, &name_max,
                                  &data_max, NULL, NULL);
    if (rc != ERROR_SUCCESS) {
        add_failure(p, "cannot list the values under", subkey, rc);
        return;
    }
    /* Room for the longest value and a NUL after it (string data may lack its own). */
    wchar_t *name = malloc((name_max + 1) * sizeof *name);
    wchar_t *data = malloc(data_max + 2 * sizeof *data);
    for (DWORD i = 0; name != NULL && data != NULL && i < count; i++) {
        DWORD name_len = name_max + 1;
        DWORD bytes = data_max;
        DWORD type;
        rc = RegEnumValueW(key, i, name, &name_len, NULL, &type, (BYTE *)data, &bytes);
        if (rc == ERROR_NO_MORE_ITEMS)
            break; /* a value was deleted while we read */
        if (rc != ERROR_SUCCESS) {
            add_failure(p, "cannot read a value under", subkey, rc);
            continue;
        }
        data[bytes / sizeof *data] = L'\0';
        report_value(subkey, name, type, data, bytes, fn, ctx, p);
    }
    if (name == NULL || data == NULL)
        pxb_problems_add(p, "out of memory reading HKLM\\%s", subkey);
    free(name);
    free(data);
}

void pxb_reg_read_values(const char *subkey, pxb_reg_value_fn fn, void *ctx, pxb_problems *p)
{
    wchar_t *wsubkey = pxb_wide_from_utf8(subkey);
    if (wsubkey == NULL) {
        pxb_problems_add(p, "out of memory reading HKLM\\%s", subkey);
        return;
    }
    HKEY key;
    LSTATUS rc = RegOpenKeyExW(HKEY_LOCAL_MACHINE, wsubkey, 0, KEY_QUERY_VALUE | VIEW, &key);
    free(wsubkey);
    if (rc == ERROR_FILE_NOT_FOUND)
        return; /* nothing stored */
    if (rc != ERROR_SUCCESS) {
        add_failure(p, "cannot open", subkey, rc);
        return;
    }
    enum_values(key, subkey, fn, ctx, p);
    RegCloseKey(key);
}

int pxb_reg_write_text(const char *subkey, const char *name, const char *text, pxb_error *err)
{
    wchar_t *wsubkey = pxb_wide_from_utf8(subkey);
    wchar_t *wname = pxb_wide_from_utf8(name);
    wchar_t *wtext = pxb_wide_from_utf8(text);
    LSTATUS rc = ERROR_NOT_ENOUGH_MEMORY;
    HKEY key = NULL;
    if (wsubkey != NULL && wname != NULL && wtext != NULL)
        rc = RegCreateKeyExW(HKEY_LOCAL_MACHINE, wsubkey, 0, NULL, REG_OPTION_NON_VOLATILE,
                             KEY_SET_VALUE | VIEW, NULL, &key, NULL);
    if (rc == ERROR_SUCCESS) {
        DWORD bytes = (DWORD)((wcslen(wtext) + 1) * sizeof *wtext);
        rc = RegSetValueExW(key, wname, 0, REG_SZ, (const BYTE *)wtext, bytes);
        RegCloseKey(key);
    }
    free(wsubkey);
    free(wname);
    free(wtext);
    if (rc != ERROR_SUCCESS) {
        char what[PXB_ERROR_TEXT_MAX];
        snprintf(what, sizeof what, "cannot store %s under", name);
        describe_failure(what, subkey, rc, err);
        return -1;
    }
    return 0;
}

int pxb_reg_delete_value(const char *subkey, const char *name, pxb_error *err)
{
    wchar_t *wsubkey = pxb_wide_from_utf8(subkey);
    wchar_t *wname = pxb_wide_from_utf8(name);
    LSTATUS rc = ERROR_NOT_ENOUGH_MEMORY;
    HKEY key = NULL;
    if (wsubkey != NULL && wname != NULL)
        rc = RegOpenKeyExW(HKEY_LOCAL_MACHINE, wsubkey, 0, KEY_SET_VALUE | VIEW, &key);
    if (rc == ERROR_SUCCESS) {
        rc = RegDeleteValueW(key, wname);
        RegCloseKey(key);
    }
    free(wsubkey);
    free(wname);
    if (rc != ERROR_SUCCESS && rc != ERROR_FILE_NOT_FOUND) {
        char what[PXB_ERROR_TEXT_MAX];
        snprintf(what, sizeof what, "cannot delete %s under", name);
        describe_failure(what, subkey, rc, err);
        return -1;
    }
    return 0;
}
