/* config.h: the service's configuration model. One table of named settings (the names are
 * the registry values under HKLM\SYSTEM\CurrentControlSet\Services\PxeBridge\Parameters and
 * the CLI's names; a pxb_setting_table, setting.h), each parsed and validated from text. A
 * loader builds a whole new configuration from defaults plus stored values; only if every
 * value is good does it replace the one in force, so a bad value never leaves the service
 * half-configured. */
#ifndef PXB_CONFIG_H
#define PXB_CONFIG_H

#include <stddef.h>
#include <stdint.h>

#include "pxb_addr.h"
#include "pxb_error.h"
#include "setting.h"
#include "tftp_server.h"

#define PXB_MAX_LISTEN 8
#define PXB_CONFIG_PATH_MAX 1024
#define PXB_MAX_DHCP_SERVERS 8
/* Longest DHCP server name, NUL included: a DNS name has at most 253 characters. */
#define PXB_DHCP_SERVER_MAX 254
/* Longest HttpUrlPrefix, NUL included. */
#define PXB_HTTP_PREFIX_MAX 128

typedef struct pxb_config {
    char tftp_root[PXB_CONFIG_PATH_MAX];   /* TftpRoot (UTF-8) */
    pxb_addr listen[PXB_MAX_LISTEN];       /* ListenAddresses */
    size_t listen_count;
    uint16_t port;                         /* Port */
    uint16_t port_min, port_max;           /* PortRange "min-max"; 0,0 = any port */
    tftp_limits limits;                    /* MaxBlockSize, MaxWindowSize, TimeoutMs,
                                              MaxRetries, MaxTransfers, MaxTransfersPerClient */
    int log_level;                         /* LogLevel */
    char log_dir[PXB_CONFIG_PATH_MAX];     /* LogDirectory; empty = no log file */
    uint32_t log_max_bytes;                /* LogMaxBytes: rotate above this size */
    uint32_t log_files_kept;               /* LogFilesKept: rotated files kept */
    uint32_t loop_threshold;               /* LoopThreshold: first-stage fetches that make
                                              a loop; 0 = loop detection off */
    uint32_t loop_window_s;                /* LoopWindowSeconds: ... within this time */
    char dhcp_servers[PXB_MAX_DHCP_SERVERS][PXB_DHCP_SERVER_MAX]; /* DhcpServers */
    size_t dhcp_server_count;              /* 0 = DHCP management off */
    uint32_t dhcp_check_s;                 /* DhcpCheckSeconds; 0 = at start only */
    uint32_t dhcp_reconcile;               /* DhcpReconcile: 1 = repair drift */
    uint32_t dhcp_failover;                /* DhcpFailover: 1 = partners too */
    uint16_t http_port;                    /* HttpPort; 0 = no HTTP server */
    char http_prefix[PXB_HTTP_PREFIX_MAX]; /* HttpUrlPrefix: the URL path, "/pxb/" */
    uint32_t http_tls;                     /* HttpTls: 1 = https:// */
    uint32_t http_max_connections;         /* HttpMaxConnections */
} pxb_config;

/* Defaults for every setting; tftp_root and log_dir are left empty for the program to fill
 * with its platform's default. */
void pxb_config_defaults(pxb_config *cfg);

/* The table of the service's settings (setting.h): names, kinds, defaults, ranges, help. */
const pxb_setting_table *pxb_config_table(void);

/* Sets one setting from text; name is matched case-insensitively. Returns 0, or -1 with a
 * message naming the setting, the bad value and what is allowed. */
int pxb_config_set(pxb_config *cfg, const char *name, const char *value, pxb_error *err);

/* Writes the setting's current value as text (the form pxb_config_set accepts). -1 if the
 * name is unknown or the text was cut to fit out. */
int pxb_config_get(const pxb_config *cfg, const char *name, char *out, size_t out_len);

/* Checks rules across settings (a TFTP root is set, at least one listen address). */
int pxb_config_validate(const pxb_config *cfg, pxb_error *err);

#endif
