/* config_registry.c: reads the service's configuration from the registry (see
 * config_registry.h). Every value goes through pxb_config_set by its name, as text:
 * REG_SZ as it is, REG_EXPAND_SZ with environment variables expanded, REG_MULTI_SZ joined
 * with commas, REG_DWORD in decimal. */
#include "config_registry.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>
#include <knownfolders.h>
#include <shlobj.h>

#include "args.h"
#include "log.h"
#include "win_text.h"

#define PARAMETERS_SUBKEY L"SYSTEM\\CurrentControlSet\\Services\\PxeBridge\\Parameters"
#define REASON_MAX 512

/* The problems found so far, joined with "; " into the caller's buffer. */
typedef struct problems {
    char *text;
    size_t len;
    size_t used;
    int count;
} problems;

static void add_problem(problems *p, const char *what)
{
    int n = snprintf(p->text + p->used, p->len - p->used, "%s%s", p->count ? "; " : "", what);
    if (n > 0)
        p->used += (size_t)n < p->len - p->used ? (size_t)n : p->len - p->used - 1;
    p->count++;
}

/* Adds "<what>: <reason for code>". */
static void add_win_problem(problems *p, const char *what, DWORD code)
{
    char reason[256];
    char line[REASON_MAX];
    pxb_describe_error(code, reason, sizeof reason);
    snprintf(line, sizeof line, "%s: %s", what, reason);
    add_problem(p, line);
}

/* Sets name from UTF-8 text, recording pxb_config_set's reason on failure. */
static void set_value(pxb_config *cfg, const char *name, const char *value, problems *p)
{
    char why[REASON_MAX];
    if (pxb_config_set(cfg, name, value, why, sizeof why) != 0)
        add_problem(p, why);
}

/* TftpRoot and LogDirectory default to folders under the ProgramData known folder (asked
 * of the shell: a service's environment need not carry %ProgramData%). */
static void set_platform_defaults(pxb_config *cfg, problems *p)
{
    wchar_t *base = NULL;
    char *utf8 = NULL;
    if (SHGetKnownFolderPath(&FOLDERID_ProgramData, 0, NULL, &base) == S_OK)
        utf8 = pxb_utf8_from_wide(base, (size_t)-1);
    CoTaskMemFree(base);
    if (utf8 == NULL) {
        pxb_log(PXB_LOG_WARN, PXB_EV_CONFIG_ERROR,
                "the ProgramData folder is unknown: TftpRoot and LogDirectory have no defaults");
        return;
    }
    char path[PXB_CONFIG_PATH_MAX];
    snprintf(path, sizeof path, "%s\\pxebridge\\tftpboot", utf8);
    set_value(cfg, "TftpRoot", path, p);
    snprintf(path, sizeof path, "%s\\pxebridge\\logs", utf8);
    set_value(cfg, "LogDirectory", path, p);
    free(utf8);
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

/* Turns one value's data into the UTF-8 text pxb_config_set takes. data has room for a
 * NUL after bytes. NULL with a reason in why for a type that has no text form. */
static char *value_text(DWORD type, wchar_t *data, DWORD bytes, char *why, size_t why_len)
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
            snprintf(why, why_len, "holds %lu bytes where a DWORD has 4", (unsigned long)bytes);
            return NULL;
        }
        text = malloc(16);
        if (text != NULL)
            snprintf(text, 16, "%lu", (unsigned long)*(const DWORD *)(const void *)data);
        break;
    default:
        snprintf(why, why_len,
                 "has registry type %lu; use REG_SZ, REG_EXPAND_SZ, REG_MULTI_SZ or REG_DWORD",
                 (unsigned long)type);
        return NULL;
    }
    if (text == NULL)
        snprintf(why, why_len, "cannot be read as text (invalid UTF-16 or out of memory)");
    return text;
}

/* Applies one registry value to cfg, or warns about a name that is no setting. */
static void apply_value(pxb_config *cfg, const wchar_t *wname, DWORD type, wchar_t *data,
                        DWORD bytes, problems *p)
{
    char *name = pxb_utf8_from_wide(wname, (size_t)-1);
    if (name == NULL) {
        add_problem(p, "a registry value has a name that is not valid UTF-16");
        return;
    }
    if (pxb_config_find(name) == NULL) {
        pxb_log(PXB_LOG_WARN, PXB_EV_CONFIG_ERROR,
                "registry value '%s' under " PXB_PARAMETERS_KEY
                " is not a PxeBridge setting; it is ignored",
                name[0] ? name : "(Default)");
        free(name);
        return;
    }
    char why[REASON_MAX];
    char *text = value_text(type, data, bytes, why, sizeof why);
    if (text == NULL) {
        char line[REASON_MAX + 64];
        snprintf(line, sizeof line, "%s: %s", name, why);
        add_problem(p, line);
    } else {
        set_value(cfg, name, text, p);
    }
    free(text);
    free(name);
}

/* Applies every value of the open Parameters key to cfg. */
static void read_values(HKEY key, pxb_config *cfg, problems *p)
{
    DWORD count, name_max, data_max;
    LSTATUS rc = RegQueryInfoKeyW(key, NULL, NULL, NULL, NULL, NULL, NULL, &count, &name_max,
                                  &data_max, NULL, NULL);
    if (rc != ERROR_SUCCESS) {
        add_win_problem(p, "cannot list the values under " PXB_PARAMETERS_KEY, (DWORD)rc);
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
            add_win_problem(p, "cannot read a value under " PXB_PARAMETERS_KEY, (DWORD)rc);
            continue;
        }
        data[bytes / sizeof *data] = L'\0';
        apply_value(cfg, name, type, data, bytes, p);
    }
    if (name == NULL || data == NULL)
        add_problem(p, "out of memory reading " PXB_PARAMETERS_KEY);
    free(name);
    free(data);
}

static void read_registry(pxb_config *cfg, problems *p)
{
    HKEY key;
    LSTATUS rc = RegOpenKeyExW(HKEY_LOCAL_MACHINE, PARAMETERS_SUBKEY, 0, KEY_QUERY_VALUE, &key);
    if (rc == ERROR_FILE_NOT_FOUND)
        return; /* nothing stored: every setting keeps its default */
    if (rc != ERROR_SUCCESS) {
        add_win_problem(p, "cannot open " PXB_PARAMETERS_KEY, (DWORD)rc);
        return;
    }
    read_values(key, cfg, p);
    RegCloseKey(key);
}

int pxb_registry_load(void *ctx, pxb_config *out, char *err, size_t err_len)
{
    const pxb_args *args = ctx;
    problems p = {.text = err, .len = err_len};
    char why[REASON_MAX];
    err[0] = '\0';
    pxb_config_defaults(out);
    set_platform_defaults(out, &p);
    read_registry(out, &p);
    if (args != NULL && pxb_args_apply(args, out, why, sizeof why) != 0)
        add_problem(&p, why);
    if (p.count == 0 && pxb_config_validate(out, why, sizeof why) != 0)
        add_problem(&p, why);
    return p.count == 0 ? 0 : -1;
}
