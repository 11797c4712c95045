/* names.c: text forms of the API's enumerations, IPv4 and MAC addresses and byte strings,
 * for the state file, the dump and the evaluation output. */
#include "names.h"

#include <stdlib.h>
#include <string.h>

static const char *const attr_names[] = {"hwaddr", "option", "suboption", "fqdn",
                                         "fqdn-single-label", NULL};
static const char *const comp_names[] = {"eq",   "ne",      "begins", "not-begins",
                                         "ends", "not-ends", NULL};
static const char *const logic_names[] = {"or", "and", NULL};
static const char *const elem_names[] = {"byte",   "word",   "dword",        "dworddword",
                                         "ip",     "string", "binary",       "encapsulated",
                                         "ipv6",   NULL};
static const char *const deny_names[] = {"none", "writes", "all", NULL};
static const char *const down_names[] = {"none", "unreachable", "stopped", NULL};
static const char *const fo_mode_names[] = {"load-balance", "hot-standby", NULL};
static const char *const fo_role_names[] = {"primary", "secondary", NULL};
static const char *const fsm_names[] = {
    "no-state",      "init",          "startup",        "normal",
    "communication-int", "partner-down", "potential-conflict", "conflict-done",
    "resolution-int", "recover",       "recover-wait",   "recover-done",
    NULL};

static const char *const *const tables[NAMES_KIND_COUNT] = {
    attr_names, comp_names,    logic_names,   elem_names, deny_names,
    down_names, fo_mode_names, fo_role_names, fsm_names,
};

const char *names_of(names_kind kind, int value)
{
    for (int i = 0; tables[kind][i]; i++) {
        if (i == value)
            return tables[kind][i];
    }
    return NULL;
}

int names_find(names_kind kind, const char *text)
{
    for (int i = 0; tables[kind][i]; i++) {
        if (strcmp(tables[kind][i], text) == 0)
            return i;
    }
    return -1;
}

void names_ip_format(uint32_t addr, char out[16])
{
    snprintf(out, 16, "%u.%u.%u.%u", (unsigned)(addr >> 24), (unsigned)(addr >> 16 & 255),
             (unsigned)(addr >> 8 & 255), (unsigned)(addr & 255));
}

int names_ip_parse(const char *text, uint32_t *addr)
{
    uint32_t result = 0;
    for (int part = 0; part < 4; part++) {
        char *end;
        if (*text < '0' || *text > '9')
            return -1;
        unsigned long octet = strtoul(text, &end, 10);
        if (octet > 255 || end - text > 3 || *end != (part == 3 ? '\0' : '.'))
            return -1;
        result = result << 8 | (uint32_t)octet;
        text = end + (part < 3);
    }
    *addr = result;
    return 0;
}

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

int names_mac_parse(const char *text, unsigned char *out, size_t out_max)
{
    size_t len = 0;
    while (*text) {
        int high = hex_digit(text[0]);
        int low = high < 0 ? -1 : hex_digit(text[1]);
        if (low < 0 || len == out_max)
            return -1;
        out[len++] = (unsigned char)(high << 4 | low);
        text += 2;
        if (*text == ':' || *text == '-')
            text++;
    }
    return len ? (int)len : -1;
}

void names_quote(FILE *out, const unsigned char *data, size_t len)
{
    fputc('"', out);
    for (size_t i = 0; i < len; i++) {
        if (data[i] >= 0x20 && data[i] < 0x7f && data[i] != '"' && data[i] != '\\')
            fputc(data[i], out);
        else
            fprintf(out, "\\x%02x", data[i]);
    }
    fputc('"', out);
}

int names_unquote(const char **text, dbl_bytes *bytes)
{
    const char *at = *text;
    size_t cap = strlen(at);
    unsigned char *buf = malloc(cap ? cap : 1);
    size_t len = 0;
    if (!buf || *at++ != '"')
        goto fail;
    while (*at && *at != '"') {
        if (*at == '\\') {
            int high = at[1] == 'x' ? hex_digit(at[2]) : -1;
            int low = high < 0 ? -1 : hex_digit(at[3]);
            if (low < 0)
                goto fail;
            buf[len++] = (unsigned char)(high << 4 | low);
            at += 4;
        } else {
            buf[len++] = (unsigned char)*at++;
        }
    }
    if (*at != '"')
        goto fail;
    free(bytes->data);
    bytes->data = buf;
    bytes->len = len;
    *text = at + 1;
    return 0;
fail:
    free(buf);
    return -1;
}
