/* config.c: the service's table of settings (registry value names, kinds, fields, ranges,
 * defaults, help; setting.h parses and writes them), the rules of its own kinds of value
 * (listen addresses, DHCP server names, the HTTP URL path) and the checks across settings. */
#include "config.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "ascii_case.h"

#define DEFAULT_LISTEN "0.0.0.0,::"
#define DEFAULT_HTTP_PREFIX "/pxb/"

/* --- list items ----------------------------------------------------------------------- */

/* One item of ListenAddresses: a literal IPv4 or IPv6 address. */
static int parse_address(const pxb_setting *st, const char *p, size_t len, void *item,
                         pxb_error *err)
{
    char word[PXB_ADDR_TEXT_MAX];
    if (len < sizeof word) {
        memcpy(word, p, len);
        word[len] = '\0';
        if (pxb_addr_parse(word, item) == 0)
            return 0;
    }
    return pxb_error_set(err, "%s: '%.*s' is not an IPv4 or IPv6 address; give literal "
                         "addresses separated by commas, e.g. %s",
                         st->name, (int)(len < 80 ? len : 80), p, DEFAULT_LISTEN);
}

static void format_address(const void *item, char *out, size_t out_len)
{
    pxb_addr_format_host(item, out, out_len);
}

static int same_address(const void *a, const void *b)
{
    return pxb_addr_equal(a, b);
}

static const pxb_setting_item ADDRESS_ITEM = {sizeof(pxb_addr), "addresses", parse_address,
                                              format_address, same_address};

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

/* One item of DhcpServers: a char[PXB_DHCP_SERVER_MAX]. */
static int parse_server(const pxb_setting *st, const char *p, size_t len, void *item,
                        pxb_error *err)
{
    if (len >= PXB_DHCP_SERVER_MAX || !is_host_name(p, len))
        return pxb_error_set(err, "%s: '%.*s' is not a host name or IPv4 address; give names "
                             "separated by commas, e.g. dhcp1.example.com,10.0.0.2",
                             st->name, (int)(len < 80 ? len : 80), p);
    memcpy(item, p, len);
    ((char *)item)[len] = '\0';
    return 0;
}

static void format_server(const void *item, char *out, size_t out_len)
{
    snprintf(out, out_len, "%s", (const char *)item);
}

static int same_server(const void *a, const void *b)
{
    return pxb_ascii_same(a, b);
}

static const pxb_setting_item SERVER_ITEM = {PXB_DHCP_SERVER_MAX, "servers", parse_server,
                                             format_server, same_server};

/* --- text rules ----------------------------------------------------------------------- */

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

static int check_url_path(const pxb_setting *st, const char *value, pxb_error *err)
{
    if (strlen(value) < st->size && is_url_path(value))
        return 0;
    return pxb_error_set(err, "%s: '%.80s' is not a URL path starting and ending with '/' made "
                         "of letters, digits and - . _ ~ (at most %zu characters), e.g. %s",
                         st->name, value, st->size - 1, DEFAULT_HTTP_PREFIX);
}

/* --- the table ------------------------------------------------------------------------ */

/* The names of enum pxb_log_level, in its order. */
static const char *const LOG_LEVELS[] = {"error", "warn", "info", "debug", NULL};

#define FIELD(member) PXB_SETTING_FIELD(pxb_config, member)
#define NUMBER(member, lo, hi) .kind = PXB_SETTING_NUMBER, FIELD(member), .min = lo, .max = hi
#define NUMBER_OR_OFF(member, lo, hi) NUMBER(member, lo, hi), .zero_off = 1
#define LIST(member, items, lo, hi, counter)                                                  \
    .kind = PXB_SETTING_LIST, FIELD(member), .item = &items, .min = lo, .max = hi,            \
    .count_offset = offsetof(pxb_config, counter)

static const pxb_setting SETTINGS[] = {
    {.name = "TftpRoot", .kind = PXB_SETTING_PATH, FIELD(tftp_root), .default_text = "",
     .help = "Folder whose files the TFTP server serves (read-only)."},
    {.name = "ListenAddresses", LIST(listen, ADDRESS_ITEM, 1, PXB_MAX_LISTEN, listen_count),
     .default_text = DEFAULT_LISTEN,
     .help = "IPv4/IPv6 addresses to listen on, separated by commas or spaces; "
             "0.0.0.0 and :: mean every address."},
    {.name = "Port", NUMBER(port, 1, 65535), .default_text = "69",
     .help = "UDP port for TFTP requests, 1 to 65535."},
    {.name = "PortRange", .kind = PXB_SETTING_RANGE, FIELD(port_min), .min = 1024,
     .max = 65535, .default_text = "0",
     .help = "UDP ports for transfers as min-max within 1024-65535 (for firewalls), "
             "or 0 for any free port."},
    {.name = "MaxBlockSize", NUMBER(limits.max_blksize, 8, 65464), .default_text = "65464",
     .help = "Largest block size a client may negotiate, 8 to 65464 bytes."},
    {.name = "MaxWindowSize", NUMBER(limits.max_windowsize, 1, 65535), .default_text = "64",
     .help = "Largest window size (RFC 7440) a client may negotiate, 1 to 65535."},
    {.name = "TimeoutMs", NUMBER(limits.timeout_ms, 100, 255000), .default_text = "1000",
     .help = "Retransmission timeout when the client asks for none, 100 to 255000 ms."},
    {.name = "MaxRetries", NUMBER(limits.retries, 0, 20), .default_text = "5",
     .help = "Retransmissions of one window before a transfer fails, 0 to 20."},
    {.name = "MaxTransfers", NUMBER(limits.max_transfers, 1, 65536), .default_text = "4096",
     .help = "Transfers at once from all clients, 1 to 65536."},
    {.name = "MaxTransfersPerClient", NUMBER(limits.max_per_client, 1, 65536),
     .default_text = "64", .help = "Transfers at once from one client address, 1 to 65536."},
    {.name = "LogLevel", .kind = PXB_SETTING_CHOICE, FIELD(log_level), .choices = LOG_LEVELS,
     .default_text = "info",
     .help = "Least important messages logged: error, warn, info or debug."},
    {.name = "LogDirectory", .kind = PXB_SETTING_PATH, FIELD(log_dir), .default_text = "",
     .help = "Folder for the rotating pxebridge.log; empty for no log file."},
    {.name = "LogMaxBytes", NUMBER(log_max_bytes, 4096, 1073741824u),
     .default_text = "10485760",
     .help = "Size at which the log file is rotated, 4096 to 1073741824 bytes."},
    {.name = "LogFilesKept", NUMBER(log_files_kept, 0, 100), .default_text = "5",
     .help = "Rotated log files kept (pxebridge.1.log ...), 0 to 100."},
    {.name = "LoopThreshold", NUMBER_OR_OFF(loop_threshold, 2, 16), .default_text = "3",
     .help = "First-stage image downloads by one client within LoopWindowSeconds "
             "that make a boot loop, 2 to 16; 0 turns loop detection off."},
    {.name = "LoopWindowSeconds", NUMBER(loop_window_s, 10, 86400), .default_text = "300",
     .help = "Time in which LoopThreshold downloads make a loop, 10 to 86400 s."},
    {.name = "DhcpServers",
     LIST(dhcp_servers, SERVER_ITEM, 0, PXB_MAX_DHCP_SERVERS, dhcp_server_count),
     .default_text = "",
     .help = "Microsoft DHCP servers (host names or IPv4 addresses, separated by "
             "commas) whose boot policies the service checks; empty: none."},
    {.name = "DhcpCheckSeconds", NUMBER_OR_OFF(dhcp_check_s, 10, 604800),
     .default_text = "900",
     .help = "Time between checks of the DHCP servers, 10 to 604800 s; 0 checks "
             "only at start."},
    {.name = "DhcpReconcile", NUMBER(dhcp_reconcile, 0, 1), .default_text = "0",
     .help = "1 repairs drift a check finds; 0 only reports it."},
    {.name = "DhcpFailover", NUMBER(dhcp_failover, 0, 1), .default_text = "1",
     .help = "1 takes each DHCP server's failover partners into every check, apply and "
             "remove (both partners configured alike, or neither); 0 works on the servers "
             "named only and leaves their partners as they are."},
    {.name = "HttpPort", NUMBER_OR_OFF(http_port, 1, 65535), .default_text = "0",
     .help = "TCP port of the HTTP server (HTTP.sys), 1 to 65535; 0 turns it off."},
    {.name = "HttpUrlPrefix", .kind = PXB_SETTING_TEXT, FIELD(http_prefix),
     .check = check_url_path, .default_text = DEFAULT_HTTP_PREFIX,
     .help = "URL path the HTTP server serves the TFTP root under, starting and "
             "ending with '/' (letters, digits, - . _ ~ /)."},
    {.name = "HttpTls", NUMBER(http_tls, 0, 1), .default_text = "0",
     .help = "1 serves https:// (a certificate bound with netsh http add sslcert); "
             "0 plain http://."},
    {.name = "HttpMaxConnections", NUMBER(http_max_connections, 1, 65536),
     .default_text = "256",
     .help = "HTTP connections at once, 1 to 65536; requests are answered up to 16 "
             "(or this many) at a time."},
};

static const pxb_setting_table TABLE = {
    "the service's", SETTINGS, sizeof SETTINGS / sizeof SETTINGS[0], sizeof(pxb_config)};

const pxb_setting_table *pxb_config_table(void)
{
    return &TABLE;
}

void pxb_config_defaults(pxb_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    tftp_limits_default(&cfg->limits);
    pxb_setting_defaults(&TABLE, cfg);
}

int pxb_config_set(pxb_config *cfg, const char *name, const char *value, pxb_error *err)
{
    return pxb_setting_set(&TABLE, cfg, name, value, err);
}

int pxb_config_get(const pxb_config *cfg, const char *name, char *out, size_t out_len)
{
    return pxb_setting_get(&TABLE, cfg, name, out, out_len);
}

int pxb_config_validate(const pxb_config *cfg, pxb_error *err)
{
    if (cfg->tftp_root[0] == '\0') {
        pxb_error_set(err, "TftpRoot is not set; give the folder to serve files from");
        return -1;
    }
    if (cfg->listen_count == 0) {
        pxb_error_set(err, "ListenAddresses is empty; give at least one address, e.g. %s",
                      DEFAULT_LISTEN);
        return -1;
    }
    return 0;
}
