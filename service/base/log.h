/* log.h: the project's logging front end. Code logs events with a level and an event id;
 * sinks (console, rotating file, Windows Event Log) registered by the program receive them. */
#ifndef PXB_LOG_H
#define PXB_LOG_H

#include <stdarg.h>
#include <stdio.h>

/* Lets the compiler check format strings. mingw-w64 formats with its own C99 printf (%zu,
 * %llu work): tell the checker so, instead of letting it assume the old msvcrt rules. */
#if defined(__MINGW_PRINTF_FORMAT)
#define PXB_FORMAT(fmt, first) __attribute__((format(__MINGW_PRINTF_FORMAT, fmt, first)))
#elif defined(__GNUC__)
#define PXB_FORMAT(fmt, first) __attribute__((format(printf, fmt, first)))
#else
#define PXB_FORMAT(fmt, first)
#endif

enum pxb_log_level { PXB_LOG_ERROR = 0, PXB_LOG_WARN = 1, PXB_LOG_INFO = 2, PXB_LOG_DEBUG = 3 };

/* Event ids: stable numbers shared with the Windows message table (service/os/win32/messages.mc).
 * PXB_EV_GENERIC carries any message that has no id of its own. */
enum pxb_event_id {
    PXB_EV_GENERIC = 1000,
    PXB_EV_SERVICE_START = 1001,
    PXB_EV_SERVICE_STOP = 1002,
    PXB_EV_CONFIG_ERROR = 1003,
    PXB_EV_CONFIG_RELOADED = 1004,
    PXB_EV_TRANSFER_FAILED = 1005,
    PXB_EV_LISTEN_FAILED = 1006,
    PXB_EV_TRANSFER_DONE = 1007,
    PXB_EV_REQUEST_REFUSED = 1008,
    PXB_EV_LOOP_DETECTED = 1009,
    PXB_EV_DHCP_DRIFT = 1010,
    PXB_EV_DHCP_REPAIRED = 1011,
    PXB_EV_DHCP_FAILED = 1012,
    PXB_EV_DHCP_IN_LINE = 1013,
    PXB_EV_PROXY_PORT_TAKEN = 1014, /* proxyDHCP: UDP port 67 held by another server */
    PXB_EV_WDS_RUNNING = 1015,      /* WDS answers PXE clients beside the proxy */
    PXB_EV_PROXY_FLOOD = 1016,      /* proxyDHCP: the flood guard's report */
};

typedef void (*pxb_log_sink_fn)(void *ctx, int level, int event_id, const char *message);

/* Registers a sink; at most 4. Sinks are called in registration order, from the logging thread. */
int pxb_log_add_sink(pxb_log_sink_fn fn, void *ctx);
/* Removes every sink (used at shutdown and by tests). */
void pxb_log_clear_sinks(void);
/* Messages above this level are dropped before formatting. Default PXB_LOG_INFO. */
void pxb_log_set_level(int level);
int pxb_log_get_level(void);
/* Parses "error", "warn", "info", "debug" (any case) or "0".."3"; -1 if unknown. */
int pxb_log_level_parse(const char *text);
const char *pxb_log_level_name(int level);

void pxb_log(int level, int event_id, const char *fmt, ...) PXB_FORMAT(3, 4);
void pxb_logv(int level, int event_id, const char *fmt, va_list ap) PXB_FORMAT(3, 0);

#endif
