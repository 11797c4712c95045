/* config.c: the table of settings (registry value names, kinds, defaults, help) and the rules
 * that parse each one from text, check it and write it back as text. A setting that fails
 * leaves the configuration untouched and says what was wrong and what is allowed. */
#include "config.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "ascii_case.h"
#include "log.h"

#define DEFAULT_LISTEN "0.0.0.0,::"
#define LIST_SEPARATORS ", \t"
#define DEFAULT_HTTP_PREFIX "/pxb/"

enum setting_id {
    S_TFTP_ROOT,
    S_LISTEN,
    S_PORT,
    S_PORT_RANGE,
    S_MAX_BLKSIZE,
    S_MAX_WINDOW,
    S_TIMEOUT,
    S_RETRIES,
    S_MAX_TRANSFERS,
    S_MAX_PER_CLIENT,
    S_LOG_LEVEL,
    S_LOG_DIR,
    S_LOG_MAX_BYTES,
    S_LOG_FILES_KEPT,
    S_LOOP_THRESHOLD,
    S_LOOP_WINDOW,
    S_DHCP_SERVERS,
    S_DHCP_CHECK,
    S_DHCP_RECONCILE,
    S_HTTP_PORT,
    S_HTTP_PREFIX,
    S_HTTP_TLS,
    S_HTTP_MAX_CONN,
    S_COUNT
};

static const pxb_setting settings[S_COUNT] = {
    [S_TFTP_ROOT] = {"TftpRoot", "string", "",
                     "Folder whose files the TFTP server serves (read-only)."},
    [S_LISTEN] = {"ListenAddresses", "addresses", DEFAULT_LISTEN,
                  "IPv4/IPv6 addresses to listen on, separated by commas or spaces; "
                  "0.0.0.0 and :: mean every address."},
    [S_PORT] = {"Port", "number", "69", "UDP port for TFTP requests, 1 to 65535."},
    [S_PORT_RANGE] = {"PortRange", "range", "0",
                      "UDP ports for transfers as min-max within 1024-65535 (for firewalls), "
                      "or 0 for any free port."},
    [S_MAX_BLKSIZE] = {"MaxBlockSize", "number", "65464",
                       "Largest block size a client may negotiate, 8 to 65464 bytes."},
    [S_MAX_WINDOW] = {"MaxWindowSize", "number", "64",
                      "Largest window size (RFC 7440) a client may negotiate, 1 to 65535."},
    [S_TIMEOUT] = {"TimeoutMs", "number", "1000",
                   "Retransmission timeout when the client asks for none, 100 to 255000 ms."},
    [S_RETRIES] = {"MaxRetries", "number", "5",
                   "Retransmissions of one window before a transfer fails, 0 to 20."},
    [S_MAX_TRANSFERS] = {"MaxTransfers", "number", "4096",
                         "Transfers at once from all clients, 1 to 65536."},
    [S_MAX_PER_CLIENT] = {"MaxTransfersPerClient", "number", "64",
                          "Transfers at once from one client address, 1 to 65536."},
    [S_LOG_LEVEL] = {"LogLevel", "level", "info",
                     "Least important messages logged: error, warn, info or debug."},
    [S_LOG_DIR] = {"LogDirectory", "string", "",
                   "Folder for the rotating pxebridge.log; empty for no log file."},
    [S_LOG_MAX_BYTES] = {"LogMaxBytes", "number", "10485760",
                         "Size at which the log file is rotated, 4096 to 1073741824 bytes."},
    [S_LOG_FILES_KEPT] = {"LogFilesKept", "number", "5",
                          "Rotated log files kept (pxebridge.1.log ...), 0 to 100."},
    [S_LOOP_THRESHOLD] = {"LoopThreshold", "number", "3",
                          "First-stage image downloads by one client within LoopWindowSeconds "
                          "that make a boot loop, 2 to 16; 0 turns loop detection off."},
    [S_LOOP_WINDOW] = {"LoopWindowSeconds", "number", "300",
                       "Time in which LoopThreshold downloads make a loop, 10 to 86400 s."},
    [S_DHCP_SERVERS] = {"DhcpServers", "names", "",
                        "Microsoft DHCP servers (host names or IPv4 addresses, separated by "
                        "commas) whose boot policies the service checks; empty: none."},
    [S_DHCP_CHECK] = {"DhcpCheckSeconds", "number", "900",
                      "Time between checks of the DHCP servers, 10 to 604800 s; 0 checks "
                      "only at start."},
    [S_DHCP_RECONCILE] = {"DhcpReconcile", "number", "0",
                          "1 repairs drift a check finds; 0 only reports it."},
    [S_HTTP_PORT] = {"HttpPort", "number", "0",
                     "TCP port of the HTTP server (HTTP.sys), 1 to 65535; 0 turns it off."},
    [S_HTTP_PREFIX] = {"HttpUrlPrefix", "path", DEFAULT_HTTP_PREFIX,
                       "URL path the HTTP server serves the TFTP root under, starting and "
                       "ending with '/' (letters, digits, - . _ ~ /)."},
    [S_HTTP_TLS] = {"HttpTls", "number", "0",
                    "1 serves https:// (a certificate bound with netsh http add sslcert); "
                    "0 plain http://."},
    [S_HTTP_MAX_CONN] = {"HttpMaxConnections", "number", "256",
                         "HTTP connections at once, 1 to 65536; requests are answered up to 16 "
                         "(or this many) at a time."},
};

/* Where a number setting lives and what it allows. */
typedef struct number_rule {
    size_t offset; /* of the field in pxb_config */
    size_t size;   /* of the field: sizeof(uint16_t) or sizeof(uint32_t) */
    uint32_t min, max;
    int zero_off;  /* 0 is allowed too: it turns the feature off */
} number_rule;

#define FIELD(member) offsetof(pxb_config, member), sizeof(((pxb_config *)0)->member)

static const number_rule number_rules[S_COUNT] = {
    [S_PORT] = {FIELD(port), 1, 65535},
    [S_MAX_BLKSIZE] = {FIELD(limits.max_blksize), 8, 65464},
    [S_MAX_WINDOW] = {FIELD(limits.max_windowsize), 1, 65535},
    [S_TIMEOUT] = {FIELD(limits.timeout_ms), 100, 255000},
    [S_RETRIES] = {FIELD(limits.retries), 0, 20},
    [S_MAX_TRANSFERS] = {FIELD(limits.max_transfers), 1, 65536},
    [S_MAX_PER_CLIENT] = {FIELD(limits.max_per_client), 1, 65536},
    [S_LOG_MAX_BYTES] = {FIELD(log_max_bytes), 4096, 1073741824u},
    [S_LOG_FILES_KEPT] = {FIELD(log_files_kept), 0, 100},
    [S_LOOP_THRESHOLD] = {FIELD(loop_threshold), 2, 16, 1},
    [S_LOOP_WINDOW] = {FIELD(loop_window_s), 10, 86400},
    [S_DHCP_CHECK] = {FIELD(dhcp_check_s), 10, 604800, 1},
    [S_DHCP_RECONCILE] = {FIELD(dhcp_reconcile), 0, 1},
    [S_HTTP_PORT] = {FIELD(http_port), 1, 65535, 1},
    [S_HTTP_TLS] = {FIELD(http_tls), 0, 1},
    [S_HTTP_MAX_CONN] = {FIELD(http_max_connections), 1, 65536},
};

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Parses len characters of decimal digits (surrounding blanks allowed) into *out, refusing
 * signs, other characters and values above max. */
static int parse_decimal(const char *text, size_t len, uint32_t max, uint32_t *out)
{
    while (len > 0 && is_space(*text)) {
        text++;
        len--;
    }
    while (len > 0 && is_space(text[len - 1]))
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

static int set_number(pxb_config *cfg, enum setting_id id, const char *value, char *err,
                      size_t err_len)
{
    const number_rule *rule = &number_rules[id];
    uint32_t n;
    if (parse_decimal(value, strlen(value), rule->max, &n) != 0 ||
        (n < rule->min && !(rule->zero_off && n == 0))) {
        snprintf(err, err_len, "%s: '%s' is not %sa number from %u to %u", settings[id].name,
                 value, rule->zero_off ? "0 or " : "", (unsigned)rule->min,
                 (unsigned)rule->max);
        return -1;
    }
    unsigned char *field = (unsigned char *)cfg + rule->offset;
    if (rule->size == sizeof(uint16_t)) {
        uint16_t v16 = (uint16_t)n;
        memcpy(field, &v16, sizeof v16);
    } else {
        memcpy(field, &n, sizeof n);
    }
    return 0;
}

static void get_number(const pxb_config *cfg, enum setting_id id, char *out, size_t out_len)
{
    const number_rule *rule = &number_rules[id];
    const unsigned char *field = (const unsigned char *)cfg + rule->offset;
    uint32_t n;
    if (rule->size == sizeof(uint16_t)) {
        uint16_t v16;
        memcpy(&v16, field, sizeof v16);
        n = v16;
    } else {
        memcpy(&n, field, sizeof n);
    }
    snprintf(out, out_len, "%u", (unsigned)n);
}

static char *string_field(pxb_config *cfg, enum setting_id id)
{
    return id == S_TFTP_ROOT ? cfg->tftp_root : cfg->log_dir;
}

static int set_string(pxb_config *cfg, enum setting_id id, const char *value, char *err,
                      size_t err_len)
{
    size_t len = strlen(value);
    if (len >= PXB_CONFIG_PATH_MAX) {
        snprintf(err, err_len, "%s: the path is %zu bytes long; at most %d are allowed",
                 settings[id].name, len, PXB_CONFIG_PATH_MAX - 1);
        return -1;
    }
    memcpy(string_field(cfg, id), value, len + 1);
    return 0;
}

/* True for a URL path HTTP.sys takes literally: '/' first and last, no empty, "." or ".."
 * segment, only unreserved characters. */
static int is_url_path(const char *p)
{
    size_t n = strlen(p);
    if (n == 0 || p[0] != '/' || p[n - 1] != '/' || strstr(p, "//") || strstr(p, "/./") ||
        strstr(p, "/../"))
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = pxb_ascii_lower(p[i]);
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || strchr("-._~/", c)))
            return 0;
    }
    return 1;
}

static int set_url_path(pxb_config *cfg, const char *value, char *err, size_t err_len)
{
    if (strlen(value) >= sizeof cfg->http_prefix || !is_url_path(value)) {
        snprintf(err, err_len,
                 "%s: '%.80s' is not a URL path starting and ending with '/' made of letters, "
                 "digits and - . _ ~ (at most %zu characters), e.g. %s",
                 settings[S_HTTP_PREFIX].name, value, sizeof cfg->http_prefix - 1,
                 DEFAULT_HTTP_PREFIX);
        return -1;
    }
    snprintf(cfg->http_prefix, sizeof cfg->http_prefix, "%s", value);
    return 0;
}

/* What a list item is checked against and added to, and where a refusal is written. */
typedef struct list_items {
    void *list;        /* the setting's list being built */
    size_t count;      /* items taken so far */
    const char *value; /* the whole list, for messages */
    char *err;
    size_t err_len;
} list_items;

/* Calls take for each item of value, a list separated by commas or blanks, stopping at the
 * first it refuses (-1). Returns 0 or -1. */
static int for_each_item(const char *value, list_items *items,
                         int (*take)(list_items *items, const char *item, size_t len))
{
    const char *p = value;
    for (;;) {
        p += strspn(p, LIST_SEPARATORS);
        size_t len = strcspn(p, LIST_SEPARATORS);
        if (len == 0)
            return 0;
        if (take(items, p, len) != 0)
            return -1;
        p += len;
    }
}

static int is_listed(const pxb_addr *list, size_t count, const pxb_addr *addr)
{
    for (size_t i = 0; i < count; i++) {
        if (pxb_addr_equal(&list[i], addr))
            return 1;
    }
    return 0;
}

/* Takes one item of ListenAddresses (list_items.list: pxb_addr[PXB_MAX_LISTEN]). */
static int take_address(list_items *items, const char *p, size_t len)
{
    const char *name = settings[S_LISTEN].name;
    pxb_addr *list = items->list;
    char word[PXB_ADDR_TEXT_MAX];
    pxb_addr addr;
    if (len >= sizeof word) {
        snprintf(items->err, items->err_len, "%s: '%.*s' is not an IPv4 or IPv6 address", name,
                 (int)len, p);
        return -1;
    }
    memcpy(word, p, len);
    word[len] = '\0';
    if (pxb_addr_parse(word, &addr) != 0) {
        snprintf(items->err, items->err_len,
                 "%s: '%s' is not an IPv4 or IPv6 address; give literal addresses separated "
                 "by commas, e.g. %s",
                 name, word, DEFAULT_LISTEN);
        return -1;
    }
    if (is_listed(list, items->count, &addr)) {
        snprintf(items->err, items->err_len, "%s: '%s' is listed twice", name, word);
        return -1;
    }
    if (items->count == PXB_MAX_LISTEN) {
        snprintf(items->err, items->err_len, "%s: '%s' has more than %d addresses", name,
                 items->value, PXB_MAX_LISTEN);
        return -1;
    }
    list[items->count++] = addr;
    return 0;
}

static int set_addresses(pxb_config *cfg, const char *value, char *err, size_t err_len)
{
    const char *name = settings[S_LISTEN].name;
    pxb_addr list[PXB_MAX_LISTEN];
    list_items items = {list, 0, value, err, err_len};
    if (for_each_item(value, &items, take_address) != 0)
        return -1;
    if (items.count == 0) {
        snprintf(err, err_len, "%s: '%s' has no address; give at least one, e.g. %s", name,
                 value, DEFAULT_LISTEN);
        return -1;
    }
    memcpy(cfg->listen, list, items.count * sizeof list[0]);
    cfg->listen_count = items.count;
    return 0;
}

/* Appends item to the comma-separated list in out (empty when *used is 0); what does not
 * fit is cut. */
static void join_item(char *out, size_t out_len, size_t *used, const char *item)
{
    if (*used >= out_len)
        return;
    int n = snprintf(out + *used, out_len - *used, "%s%s", *used ? "," : "", item);
    if (n > 0)
        *used += (size_t)n;
}

static void get_addresses(const pxb_config *cfg, char *out, size_t out_len)
{
    size_t used = 0;
    if (out_len == 0)
        return;
    out[0] = '\0';
    for (size_t i = 0; i < cfg->listen_count; i++) {
        char host[PXB_ADDR_TEXT_MAX];
        pxb_addr_format_host(&cfg->listen[i], host, sizeof host);
        join_item(out, out_len, &used, host);
    }
}

/* A host name or IPv4 address: letters, digits, '-', '.' and '_'. */
static int is_host_name(const char *p, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        char c = pxb_ascii_lower(p[i]);
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
              c == '_'))
            return 0;
    }
    return 1;
}

/* Takes one item of DhcpServers (list_items.list: the server names). */
static int take_name(list_items *items, const char *p, size_t len)
{
    const char *name = settings[S_DHCP_SERVERS].name;
    char(*list)[PXB_DHCP_SERVER_MAX] = items->list;
    if (len >= PXB_DHCP_SERVER_MAX || !is_host_name(p, len)) {
        snprintf(items->err, items->err_len,
                 "%s: '%.*s' is not a host name or IPv4 address; give names separated by "
                 "commas, e.g. dhcp1.example.com,10.0.0.2",
                 name, (int)(len < 80 ? len : 80), p);
        return -1;
    }
    if (items->count == PXB_MAX_DHCP_SERVERS) {
        snprintf(items->err, items->err_len, "%s: more than %d servers are listed", name,
                 PXB_MAX_DHCP_SERVERS);
        return -1;
    }
    memcpy(list[items->count], p, len);
    list[items->count][len] = '\0';
    for (size_t i = 0; i < items->count; i++) {
        if (pxb_ascii_same(list[i], list[items->count])) {
            snprintf(items->err, items->err_len, "%s: '%s' is listed twice", name,
                     list[items->count]);
            return -1;
        }
    }
    items->count++;
    return 0;
}

static int set_names(pxb_config *cfg, const char *value, char *err, size_t err_len)
{
    char list[PXB_MAX_DHCP_SERVERS][PXB_DHCP_SERVER_MAX];
    list_items items = {list, 0, value, err, err_len};
    if (for_each_item(value, &items, take_name) != 0)
        return -1;
    memcpy(cfg->dhcp_servers, list, items.count * sizeof list[0]);
    cfg->dhcp_server_count = items.count;
    return 0;
}

static void get_names(const pxb_config *cfg, char *out, size_t out_len)
{
    size_t used = 0;
    if (out_len == 0)
        return;
    out[0] = '\0';
    for (size_t i = 0; i < cfg->dhcp_server_count; i++)
        join_item(out, out_len, &used, cfg->dhcp_servers[i]);
}

static int set_range(pxb_config *cfg, const char *value, char *err, size_t err_len)
{
    const char *dash = strchr(value, '-');
    uint32_t lo, hi;
    if (dash == NULL && (value[strspn(value, " \t")] == '\0' ||
                         parse_decimal(value, strlen(value), 0, &lo) == 0)) {
        cfg->port_min = 0;
        cfg->port_max = 0;
        return 0;
    }
    if (dash != NULL && parse_decimal(value, (size_t)(dash - value), 65535, &lo) == 0 &&
        parse_decimal(dash + 1, strlen(dash + 1), 65535, &hi) == 0 && lo >= 1024 && lo <= hi) {
        cfg->port_min = (uint16_t)lo;
        cfg->port_max = (uint16_t)hi;
        return 0;
    }
    snprintf(err, err_len,
             "%s: '%s' is not a port range min-max with 1024 <= min <= max <= 65535 "
             "(e.g. 50000-50999), or 0 for any port",
             settings[S_PORT_RANGE].name, value);
    return -1;
}

static void get_range(const pxb_config *cfg, char *out, size_t out_len)
{
    if (cfg->port_min == 0)
        snprintf(out, out_len, "0");
    else
        snprintf(out, out_len, "%u-%u", (unsigned)cfg->port_min, (unsigned)cfg->port_max);
}

static int set_level(pxb_config *cfg, const char *value, char *err, size_t err_len)
{
    int level = pxb_log_level_parse(value);
    if (level < 0) {
        snprintf(err, err_len, "%s: '%s' is not one of error, warn, info, debug",
                 settings[S_LOG_LEVEL].name, value);
        return -1;
    }
    cfg->log_level = level;
    return 0;
}

static enum setting_id find_id(const char *name)
{
    for (int i = 0; i < S_COUNT; i++) {
        if (pxb_ascii_same(name, settings[i].name))
            return (enum setting_id)i;
    }
    return S_COUNT;
}

static void report_unknown(const char *name, char *err, size_t err_len)
{
    int used = snprintf(err, err_len, "'%s' is not a setting; the settings are", name);
    for (int i = 0; i < S_COUNT && used >= 0 && (size_t)used < err_len; i++) {
        int n = snprintf(err + used, err_len - (size_t)used, "%s %s", i ? "," : "",
                         settings[i].name);
        used = n < 0 ? n : used + n;
    }
}

void pxb_config_defaults(pxb_config *cfg)
{
    char err[256];
    memset(cfg, 0, sizeof *cfg);
    tftp_limits_default(&cfg->limits);
    /* The table's defaults are valid by construction (tests/unit/test_config.c checks). */
    for (int i = 0; i < S_COUNT; i++)
        pxb_config_set(cfg, settings[i].name, settings[i].default_text, err, sizeof err);
}

int pxb_config_set(pxb_config *cfg, const char *name, const char *value, char *err,
                   size_t err_len)
{
    enum setting_id id = find_id(name);
    switch (id) {
    case S_TFTP_ROOT:
    case S_LOG_DIR:
        return set_string(cfg, id, value, err, err_len);
    case S_LISTEN:
        return set_addresses(cfg, value, err, err_len);
    case S_PORT_RANGE:
        return set_range(cfg, value, err, err_len);
    case S_LOG_LEVEL:
        return set_level(cfg, value, err, err_len);
    case S_DHCP_SERVERS:
        return set_names(cfg, value, err, err_len);
    case S_HTTP_PREFIX:
        return set_url_path(cfg, value, err, err_len);
    case S_COUNT:
        report_unknown(name, err, err_len);
        return -1;
    default:
        return set_number(cfg, id, value, err, err_len);
    }
}

int pxb_config_get(const pxb_config *cfg, const char *name, char *out, size_t out_len)
{
    enum setting_id id = find_id(name);
    switch (id) {
    case S_TFTP_ROOT:
        snprintf(out, out_len, "%s", cfg->tftp_root);
        return 0;
    case S_LOG_DIR:
        snprintf(out, out_len, "%s", cfg->log_dir);
        return 0;
    case S_HTTP_PREFIX:
        snprintf(out, out_len, "%s", cfg->http_prefix);
        return 0;
    case S_LISTEN:
        get_addresses(cfg, out, out_len);
        return 0;
    case S_DHCP_SERVERS:
        get_names(cfg, out, out_len);
        return 0;
    case S_PORT_RANGE:
        get_range(cfg, out, out_len);
        return 0;
    case S_LOG_LEVEL:
        snprintf(out, out_len, "%s", pxb_log_level_name(cfg->log_level));
        return 0;
    case S_COUNT:
        return -1;
    default:
        get_number(cfg, id, out, out_len);
        return 0;
    }
}

int pxb_config_validate(const pxb_config *cfg, char *err, size_t err_len)
{
    if (cfg->tftp_root[0] == '\0') {
        snprintf(err, err_len, "%s is not set; give the folder to serve files from",
                 settings[S_TFTP_ROOT].name);
        return -1;
    }
    if (cfg->listen_count == 0) {
        snprintf(err, err_len, "%s is empty; give at least one address, e.g. %s",
                 settings[S_LISTEN].name, DEFAULT_LISTEN);
        return -1;
    }
    return 0;
}

const pxb_setting *pxb_config_settings(size_t *count)
{
    *count = S_COUNT;
    return settings;
}

const pxb_setting *pxb_config_find(const char *name)
{
    enum setting_id id = find_id(name);
    return id == S_COUNT ? NULL : &settings[id];
}
